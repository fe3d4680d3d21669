"""Where each step and marker of the staircase goes: one picture, two painters
(docs/architecture.md, "The two painters").

Plain arithmetic in abstract units with the origin top-left and y growing downward (as in
Qt). The screen widget paints a ``StaircaseLayout`` with QPainter; the sheet paints the same
layout with reportlab, flipping y. Tests check the layout directly.

The staircase rises left to right: step *i* is a column whose top (the tread) is higher the
further up the staircase it is. Each column holds, from the top: the title box, a row of
marker slots (professionals' placement, goal, citizen's own placement), then the earlier
placements with their dates, newest first, as many as fit.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

from trappe.model.entities import Assessor, CitizenRecord, Staircase, Step
from trappe.model.formatting import format_date_short
from trappe.model.frozen import Blank, made
from trappe.model.layout_types import (
    CURRENT_KINDS,
    EARLIER_KINDS,
    HISTORY_KINDS,
    HistoryEntry,
    Marker,
    MarkerKind,
    PhaseBand,
    Rect,
    StaircaseLayout,
    StepBox,
)

__all__ = [
    "CURRENT_KINDS",
    "EARLIER_KINDS",
    "HISTORY_KINDS",
    "DescriptionHeight",
    "HistoryEntry",
    "Marker",
    "MarkerKind",
    "PhaseBand",
    "Rect",
    "StaircaseLayout",
    "StepBox",
    "layout_for_record",
    "layout_staircase",
]


DescriptionHeight = Callable[[Step, float, float], float]
_PLACED_ON = itemgetter(0)  # a ``HistoryEntry``'s ``placed_on``
_STEP_ID = itemgetter(2)


class _Column(NamedTuple):
    """A step's column in a frame: what does not depend on the citizen."""

    step: Step
    rect: Rect  # the solid column
    bottom: float  # the column's (``rect.bottom``)
    inner_x: float
    inner_w: float
    own_title_h: float
    title_box: Rect
    marker_row: Rect
    earlier_row: Rect


class _Frame(NamedTuple):
    """What a staircase's layout at one size shares with every citizen's: the columns with
    their title boxes and marker rows, the phase bands and the sizes of rows and markers
    (``_frame``). The citizen's markers, earlier placements and descriptions go in it."""

    columns: tuple[_Column, ...]
    phases: tuple[PhaseBand, ...]
    pad: float
    marker_size: float
    row_h: float
    held: tuple = ()  # the steps and phases it was made for (``_frame``'s key holds their ids)


FRAMES_KEPT = 32  # frames (staircase × size × title heights) kept, the most recently used last
_FRAMES: dict[tuple, _Frame] = {}


def _frame(
    staircase: Staircase,
    width: float,
    height: float,
    show_phases: bool,
    title_height: float | None,
    title_heights: Mapping[int, float] | None,
) -> _Frame:
    """The frame of ``staircase`` in ``width`` × ``height``: worked out once and kept by
    everything it depends on (the steps and phases, the size, the title heights), so a kept
    frame is never served for another staircase, size or title."""
    steps, phases = tuple(staircase.steps), tuple(staircase.phases)
    key = (
        # The steps and phases by identity: each is immutable, and the frame holds them
        # (``_Frame.held``), so no other object can take one's id while the frame is kept.
        tuple(map(id, steps)),
        tuple(map(id, phases)),
        width,
        height,
        show_phases,
        title_height,
        None if title_heights is None else tuple(title_heights.items()),
    )
    found = _FRAMES.pop(key, None)
    if found is None:
        found = _make_frame(staircase, width, height, show_phases, title_height, title_heights)
        found = found._replace(held=(steps, phases))
        # The oldest go. A sheet batch's thread lays out too: ``list`` copies the keys in one
        # step under the GIL, where an iterator would fail if the other thread added a frame.
        for stale in list(_FRAMES)[: len(_FRAMES) - FRAMES_KEPT + 1]:
            _FRAMES.pop(stale, None)
    _FRAMES[key] = found
    return found


def _make_frame(
    staircase: Staircase,
    width: float,
    height: float,
    show_phases: bool,
    title_height: float | None,
    title_heights: Mapping[int, float] | None,
) -> _Frame:
    steps = staircase.steps
    n = len(steps)
    phase_ids = {s.phase_id for s in steps if s.phase_id is not None}
    band_h = height * 0.09 if show_phases and phase_ids else 0.0
    area_h = height - band_h
    col_w = width / n
    gap = min(col_w * 0.03, area_h * 0.01)
    pad = min(col_w * 0.06, area_h * 0.03)
    low, high = 0.42, 1.0
    title_h = min(area_h * 0.16, col_w * 0.55)
    if title_height is not None:  # a painter whose titles need more room (e.g. long titles)
        title_h = max(0.0, title_height)
    marker_size = min(col_w * 0.2, area_h * 0.075)
    row_h = max(marker_size * 0.8, area_h * 0.045)

    columns: list[_Column] = []
    for i, step in enumerate(steps):
        frac = low + (high - low) * (i / (n - 1) if n > 1 else 1.0)
        col_h = area_h * frac
        rect = Rect(i * col_w + gap / 2, area_h - col_h, col_w - gap, col_h)
        inner_x = rect.x + pad
        inner_w = rect.w - 2 * pad
        own_title_h = title_h
        if title_heights is not None and step.id in title_heights:
            own_title_h = max(0.0, min(title_heights[step.id], col_h * 0.55))
        title_box = Rect(inner_x, rect.y + pad, inner_w, own_title_h)
        marker_row = Rect(inner_x, title_box.bottom + pad * 0.5, inner_w, marker_size * 1.3)
        earlier_row = Rect(inner_x, marker_row.bottom, inner_w, marker_size * 1.3)
        columns.append(
            _Column(
                step,
                rect,
                rect.bottom,
                inner_x,
                inner_w,
                own_title_h,
                title_box,
                marker_row,
                earlier_row,
            )
        )

    phases: list[PhaseBand] = []
    if band_h:
        titles = {p.id: p.title for p in staircase.phases}
        start = 0
        for i in range(1, n + 1):
            if i == n or steps[i].phase_id != steps[start].phase_id:
                pid = steps[start].phase_id
                if pid is not None:
                    phases.append(
                        PhaseBand(
                            pid,
                            titles.get(pid, ""),
                            Rect(
                                start * col_w + gap / 2,
                                area_h + gap,
                                (i - start) * col_w - gap,
                                band_h - gap,
                            ),
                        )
                    )
                start = i
    return _Frame(tuple(columns), tuple(phases), pad, marker_size, row_h)


def layout_staircase(
    staircase: Staircase,
    width: float,
    height: float,
    *,
    current_step_id: int | None = None,
    own_step_id: int | None = None,
    goal_step_id: int | None = None,
    history: Sequence[HistoryEntry] = (),
    earlier_step_id: int | None = None,
    earlier_own_step_id: int | None = None,
    show_phases: bool = True,
    title_height: float | None = None,
    title_heights: Mapping[int, float] | None = None,
    show_descriptions: bool = True,
    description_height: DescriptionHeight | None = None,
    kept: dict | None = None,
) -> StaircaseLayout:
    """Lay the active steps out in a ``width`` × ``height`` box.

    ``history`` holds earlier placements (not the current ones); they are shown faint with
    their dates, newest first, on the step they were on, as many as fit.
    ``earlier_step_id``/``earlier_own_step_id``: the earlier of two readings being compared,
    drawn full size (faded by the painters) in a row under the current markers.
    ``title_height`` overrides the height of the title boxes (default: from the size);
    ``title_heights`` gives single steps (by id) the height their title needs, so a short
    title leaves its room to the markers, dates and description below.
    ``show_descriptions=False`` leaves the whole column below the markers to the history.
    ``description_height(step, width, room)`` is the painter's measure of the height a
    description needs at that width, fitted into at most ``room`` (the column's height below
    the markers less the rows kept for the step's earlier placements: all of them, or at
    least two); 0 or more than ``room``: none. The description sits at the bottom of its
    column. Without the callback a description gets a box of the title's height where there
    is room, and gives way to the history when otherwise no earlier placement would show.

    What depends only on the staircase, the size and the title heights (the columns, title
    boxes, marker rows and phase bands: ``_frame``) is worked out once and kept; each call
    places its own markers, earlier placements and descriptions in it.

    ``kept``: a dict in which a caller that lays many citizens out at one size, with one
    ``description_height`` and ``show_descriptions``, lets each column's boxes be kept (a
    step box depends on the citizen only through which markers are in its column, whether
    it is the goal and how many earlier placements it has, up to two): the next citizen's
    are the same objects. It holds the frame it was filled for and starts again for another.
    """
    if not staircase.steps or width <= 0 or height <= 0:
        return StaircaseLayout(width, height, [], [], [])
    frame = _frame(staircase, width, height, show_phases, title_height, title_heights)
    pad = frame.pad
    marker_size = frame.marker_size
    row_h = frame.row_h
    if kept is not None and (
        kept.get("frame") is not frame or kept.get("descriptions") is not show_descriptions
    ):
        kept.clear()
        kept["frame"] = frame  # (held, and compared by identity)
        kept["descriptions"] = show_descriptions
    comparing = earlier_step_id is not None or earlier_own_step_id is not None

    # Each step's earlier placements, newest first: sorted by date (one pass over a record's,
    # read in date order), turned round, then stably by step, so each step's are a slice
    # (each day's turned round too: ``_newest`` puts back the order given).
    ordered = sorted(history, key=_PLACED_ON)
    ordered.reverse()
    ordered.sort(key=_STEP_ID)

    boxes: list[StepBox] = []
    markers: list[Marker] = []
    hidden: dict[int, int] = {}
    hidden_labels: dict[int, Rect] = {}
    # Per step: its first earlier placement and their count, its history box's left, width
    # and top, and the bottom of the room for them.
    shown_of: list[tuple[int, int, int, float, float, float, float, tuple]] = []
    for i, column in enumerate(frame.columns):
        step, _rect, _bottom, inner_x, inner_w, _title_h, _title, marker_row, earlier_row = column
        step_id = step.id
        has_current = step_id in (current_step_id, own_step_id, goal_step_id)
        has_earlier = comparing and step_id in (earlier_step_id, earlier_own_step_id)
        first = bisect_left(ordered, step_id, key=_STEP_ID)  # (a few keys, not one each)
        count = bisect_right(ordered, step_id, first, key=_STEP_ID) - first
        # The column's boxes depend on the citizen only through these (the description's
        # room keeps at most two rows for earlier placements).
        slot = (i, has_current, has_earlier, count if count < 2 else 2, step_id == goal_step_id)
        found = None if kept is None else kept.get(slot)
        if found is None:
            found = _step_box(
                column,
                i,
                has_current,
                has_earlier,
                count,
                step_id == goal_step_id,
                pad,
                row_h,
                show_descriptions,
                description_height,
            )
            if kept is not None:
                kept[slot] = found
        box, history_top, bottom, rows_kept = found
        boxes.append(box)
        shown_of.append((step_id, first, count, inner_x, inner_w, history_top, bottom, rows_kept))

        if has_current:
            cy = marker_row.y + marker_row.h / 2
            marks = rows_kept[2]  # (this column's, as an earlier citizen's were)
            for kind, present, x_at in (
                (MarkerKind.PROFESSIONAL, current_step_id, 0.2),
                (MarkerKind.GOAL, goal_step_id, 0.5),
                (MarkerKind.CITIZEN, own_step_id, 0.8),
            ):
                if present == step_id:
                    mark = marks.get(kind)
                    if mark is None:
                        x = inner_x + inner_w * x_at
                        mark = marks[kind] = Marker(kind, step_id, x, cy, marker_size)
                    markers.append(mark)
        if has_earlier:
            ey = earlier_row.y + earlier_row.h / 2
            for kind, present, x_at in (
                (MarkerKind.EARLIER_PROFESSIONAL, earlier_step_id, 0.2),
                (MarkerKind.EARLIER_CITIZEN, earlier_own_step_id, 0.8),
            ):
                if present == step_id:
                    markers.append(Marker(kind, step_id, inner_x + inner_w * x_at, ey, marker_size))

    # Earlier placements: newest first, per step, as many rows as fit in the history box
    # (a description box, if any, takes the bottom of the column).
    size = min(row_h * 0.7, marker_size * 0.6)
    professional = Assessor.PROFESSIONAL
    for step_id, first, count, left, w, top, bottom, (rows_kept, counts_kept, _) in shown_of:
        rows = max(0, int((bottom - top) // row_h))
        shown = min(count, rows)
        if count > rows:
            hidden[step_id] = count - rows + (1 if rows else 0)
            shown = max(0, rows - 1)  # keep the last row for "+k tidligere"
            if rows:
                found = counts_kept.get(shown)
                if found is None:
                    found = counts_kept[shown] = Rect(left, top + row_h * shown, w, row_h)
                hidden_labels[step_id] = found
        if not shown:
            continue
        cx = left + size / 2 + 0.5
        label_x = cx + size
        label_w = (left + w) - cx - size  # (the history box's right)
        for j, entry in enumerate(_newest(ordered, first, count, shown)):
            kind = (
                MarkerKind.HISTORY_PROFESSIONAL
                if entry[1] is professional
                else MarkerKind.HISTORY_CITIZEN
            )
            if j < len(rows_kept):  # (the column's row j as an earlier citizen's left it)
                cy, label_box = rows_kept[j]
            else:
                cy = top + row_h * (j + 0.5)
                # (``made``, inlined: a long history has dozens of these.)
                label_box = Blank()
                label_box.__dict__ = {"x": label_x, "y": cy - row_h / 2, "w": label_w, "h": row_h}
                label_box.__class__ = Rect
                rows_kept.append((cy, label_box))
            marker = Blank()
            marker.__dict__ = {
                "kind": kind,
                "step_id": step_id,
                "cx": cx,
                "cy": cy,
                "size": size,
                "label": format_date_short(entry[0]),
                "label_box": label_box,
            }
            marker.__class__ = Marker
            markers.append(marker)

    return StaircaseLayout(width, height, boxes, list(frame.phases), markers, hidden, hidden_labels)


def _step_box(
    column: _Column,
    i: int,
    has_current: bool,
    has_earlier: bool,
    count: int,
    is_goal: bool,
    pad: float,
    row_h: float,
    show_descriptions: bool,
    description_height: DescriptionHeight | None,
) -> tuple[StepBox, float, float, tuple[list, dict, dict]]:
    """A step's boxes in ``layout_staircase`` (its column, history box and description box,
    with ``count`` earlier placements), the top of its history and the bottom of the room
    for it, and room to keep its rows' boxes in."""
    step, rect, col_bottom, inner_x, inner_w, own_title_h, _title, marker_row, earlier_row = column
    if has_earlier:
        history_top = earlier_row.bottom + pad * 0.5
    elif has_current:
        history_top = marker_row.bottom + pad * 0.5
    else:  # no marker in this column: its history may start under the title
        history_top = marker_row.y
    history_h = max(0.0, col_bottom - pad - history_top)
    history_box = Blank()  # (``made``, inlined)
    history_box.__dict__ = {"x": inner_x, "y": history_top, "w": inner_w, "h": history_h}
    history_box.__class__ = Rect
    description_box = None
    if show_descriptions and step.description:
        if description_height is None:
            if history_h > own_title_h * 1.2:
                d_h = own_title_h * 0.9
                description_box = Rect(inner_x, col_bottom - pad - d_h, inner_w, d_h)
                rows_left = int((description_box.y - history_top) // row_h)
                if count and rows_left == 0:
                    # The citizen's own history matters more than the step's standard
                    # text: without the description there is room for some of it.
                    description_box = None
        else:
            room = history_h - pad * 0.5 - row_h * min(count, 2)
            # A description may use the column's width nearly to its edges: more words
            # to a line, fewer lines.
            d_x, d_w = rect.x + pad * 0.4, rect.w - pad * 0.8
            need = description_height(step, d_w, room) if room > 0 else 0.0
            if 0 < need <= room:
                description_box = Rect(d_x, col_bottom - pad - need, d_w, need)
    box = made(
        StepBox,
        {
            "step": step,
            "index": i,
            "rect": rect,
            "title_box": column.title_box,
            "description_box": description_box,
            "marker_row": marker_row,
            "history_box": history_box,
            "is_goal": is_goal,
        },
    )
    bottom = description_box.y if description_box else history_top + history_h
    # (and, filled as markers are placed: each row's middle and date box, the row for "+k
    # tidligere" by the rows above it, and the current markers by kind)
    return box, history_top, bottom, ([], {}, {})


def _newest(ordered: list, first: int, count: int, shown: int) -> list:
    """The first ``shown`` of ``ordered[first : first + count]`` (a step's earlier placements,
    newest first, each day's turned round) with each day's back in the order given."""
    end, out, i = first + count, [], first
    while len(out) < shown:
        day, j = ordered[i][0], i + 1
        while j < end and ordered[j][0] == day:
            j += 1
        out += ordered[i:j][::-1]
        i = j
    del out[shown:]
    return out


def layout_for_record(
    staircase: Staircase,
    record: CitizenRecord,
    width: float,
    height: float,
    **options: Any,
) -> StaircaseLayout:
    """The staircase of one citizen now: current placements, goal and earlier placements
    (``picture.staircase_state``); ``options`` as for ``layout_staircase``."""
    from trappe.model.picture import staircase_state

    state = staircase_state(record)
    return layout_staircase(
        staircase,
        width,
        height,
        current_step_id=state.current_step_id,
        own_step_id=state.own_step_id,
        goal_step_id=state.goal_step_id,
        history=state.history,
        **options,
    )
