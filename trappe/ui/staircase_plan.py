"""The staircase's plan for the screen: the layout and the text decisions, made once per
size and content (docs/architecture.md, "The two painters").

``plan_picture`` lays the staircase out with ``geometry.layout_staircase`` and fits titles
and descriptions with ``textfit`` through a ``FontCache``; what depends only on the size is
remembered in ``Fonts.memo``. ``staircase_painter`` paints the resulting ``Picture``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QPixmap

from trappe.model.entities import Staircase, Step
from trappe.model.geometry import StaircaseLayout, layout_staircase
from trappe.model.picture import StaircaseState
from trappe.model.textfit import Fitted, fit, fit_uniform, size_steps
from trappe.ui.text_metrics import FontCache

LARGE_SCALE = 1.35  # dialogue mode: text this much larger
PICTURES_KEPT = 16  # pictures planned, by staircase, size and markers (``plan_picture``)
MIN_TEXT_PX = 8.0


# -- fonts ----------------------------------------------------------------------------------------
class Fonts:
    """The painter's fonts (regular, bold titles, italic phases), each with cached metrics."""

    def __init__(self, base: QFont) -> None:
        self.key = base.key()
        self.memo: dict = {}  # fitted texts and title plans, by what they depend on
        # The last pictures planned, by staircase, size and markers (``plan_picture``): apart
        # from ``memo``, so that keeping them looks through nothing else.
        self.pictures: dict[tuple, Picture | None] = {}
        # The staircase's ground layers (steps, titles, legend) as pixmaps, by what they
        # show (``StaircasePainter.ground_layer``); the most recently used last.
        self.layers: dict[tuple, tuple[tuple, QPixmap]] = {}
        # Each picture's own texts and small markers, placed (``StaircasePainter.overlay``).
        self.overlays: dict[tuple, tuple] = {}
        # Each small marker drawn once and stamped (set by the painter module).
        from trappe.ui.marker_painting import MarkerShapes, MarkerSprites

        self.sprites = MarkerSprites()
        # The current markers' pens and outlines, by kind, place and size (``MarkerShapes``).
        self.shapes = MarkerShapes()
        # Points the overlay draws at (x, y) -> QPointF, kept for the next citizen: small
        # markers and dates sit in the same rows (``StaircasePainter.overlay``, ``draw_texts``).
        self.points: dict[tuple[float, float], QPointF] = {}
        self.regular = FontCache(base)
        self.bold = FontCache(base, bold=True)
        self.italic = FontCache(base, italic=True)


# -- planning: layout and text decisions, once per size and content -------------------------------
@dataclass(frozen=True)
class Picture:
    """A layout in widget units with its texts fitted: what ``paint_picture`` paints."""

    layout: StaircaseLayout
    large: bool
    title_px: float
    titles: dict[int, tuple[str, ...]]  # step id -> lines
    title_elided: frozenset[int]  # steps whose titles fit at no size (shown cut)
    description_px: float
    descriptions: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def label_px(self) -> float:
        """Dates, counts and the legend: always smaller than the step titles."""
        return max(MIN_TEXT_PX, min(self.title_px * 0.8, self.description_px * 1.05))


def step_title(index: int, step: Step) -> str:
    return f"{index + 1}. {step.title}"


@dataclass(frozen=True)
class _TextPlan:
    """What depends only on the staircase and the size, not on the citizen: the title size
    and lines, each title's height, the description sizes. Remembered per size."""

    title_height: float | None
    title_px: float
    title_lines: dict[int, tuple[str, ...]]
    heights: dict[int, float]
    elided: frozenset[int]
    description_px: float
    smallest: float
    sizes: tuple[float, ...]
    room: float
    held: tuple = ()  # the steps and phases it was made for (its key holds their ids)
    # Each column's boxes as citizens' markers left them (``layout_staircase``'s ``kept``):
    # the same objects for the next citizen, whose descriptions are fitted alike.
    kept: dict = field(default_factory=dict, compare=False)


def _text_plan(
    staircase: Staircase, width: float, height: float, fonts: Fonts, large: bool
) -> _TextPlan:
    steps, phases = tuple(staircase.steps), tuple(staircase.phases)
    # The steps and phases by identity: each is immutable, and the plan holds them
    # (``_TextPlan.held``), so no other object can take one's id while the plan is kept.
    key = ("plan", tuple(map(id, steps)), tuple(map(id, phases)), width, height, large)
    found = fonts.memo.get(key)
    if found is not None:
        return found
    scale = LARGE_SCALE if large else 1.0
    title_height = None
    if large:  # a projector: the titles may take more of the column, in larger type
        col_w = width / len(staircase.steps)
        title_height = min(height * 0.24, col_w * 0.95)
    # The title boxes do not depend on the markers: a bare layout gives them.
    first = layout_staircase(
        staircase, width, height, show_descriptions=False, title_height=title_height
    )
    box = first.steps[0].title_box
    if large:
        largest = min(box.w * 0.22, box.h * 0.4, 44.0)
    else:
        largest = min(box.h * 0.36, box.w * 0.16, 30.0) * scale
    titles = [step_title(b.index, b.step) for b in first.steps]
    plan = fit_uniform(
        [(t, b.title_box.w, b.title_box.h) for t, b in zip(titles, first.steps, strict=True)],
        fonts.bold,
        size_steps(largest, MIN_TEXT_PX),
    )
    line_h = fonts.bold(plan.size).line_height
    title_lines: dict[int, tuple[str, ...]] = {}
    heights: dict[int, float] = {}
    elided: set[int] = set()
    for i, (b, fitted) in enumerate(zip(first.steps, plan.fitted, strict=True)):
        title_lines[b.step.id] = fitted.lines
        if i in plan.unfit:
            elided.add(b.step.id)
        else:
            heights[b.step.id] = len(fitted.lines) * line_h + 2
    # Descriptions: a size below the titles, never below legible.
    smallest = 11.0 if large else 9.0
    description_px = max(smallest, min(plan.size * 0.8, (18.0 if large else 13.0)))
    description_px = min(description_px, max(smallest, plan.size - 1))
    # At most a fifth of the staircase's height (five lines at least): more would crowd out
    # the dates.
    room = max(5 * fonts.regular(smallest).line_height, height * 0.2)
    result = _TextPlan(
        title_height,
        plan.size,
        title_lines,
        heights,
        frozenset(elided),
        description_px,
        smallest,
        size_steps(description_px, smallest),
        room,
        (steps, phases),
    )
    fonts.memo[key] = result
    return result


def plan_picture(
    staircase: Staircase,
    state: StaircaseState | None,
    width: float,
    height: float,
    fonts: Fonts,
    *,
    large: bool = False,
    earlier: StaircaseState | None = None,
) -> Picture | None:
    """Lay the staircase out in ``width``×``height`` and fit its titles and descriptions.

    Titles get one size for all steps, the largest that fits (``textfit.fit_uniform``); each
    title box then shrinks to the lines its title needs, so short titles leave room for the
    markers and dates. Descriptions are wrapped a size smaller than the titles and sit at
    the bottom of their column where the geometry finds room for them. What depends only on
    the size (titles, description wrapping) is remembered in ``fonts.memo``: opening the
    next citizen lays out only their markers; a picture already made for the same staircase,
    size and markers is reused (the last sixteen, in ``fonts.pictures``).
    """
    if not staircase.steps or width <= 0 or height <= 0:
        return None
    # The steps by identity: each is immutable, and the picture's layout holds them.
    key = (tuple(map(id, staircase.steps)), width, height, large, state, earlier)
    pictures = fonts.pictures
    found = pictures.get(key)
    if found is None:
        found = _plan_picture(staircase, state, width, height, fonts, large, earlier)
        while len(pictures) >= PICTURES_KEPT:  # the last sixteen made are kept
            del pictures[next(iter(pictures))]
        pictures[key] = found
    return found


def _descriptions(
    shown: list, tp: _TextPlan, fonts: Fonts, fitted_description: Callable
) -> tuple[float, dict[int, tuple[str, ...]]]:
    """The descriptions' one size and each one's lines in its box (``_plan_picture``)."""
    # Each description was fitted at its own size; the painter draws them all at one size,
    # the smallest chosen, so steps look alike.
    px = tp.description_px
    for box in shown:
        assert box.description_box is not None
        lines = fitted_description(
            box.step, box.description_box.w, box.description_box.h, tp.sizes
        ).lines
        while px > tp.smallest and len(lines) * fonts.regular(px).line_height > (
            box.description_box.h + 0.5
        ):
            px = max(tp.smallest, px * 0.92)
    final: dict[int, tuple[str, ...]] = {}
    for box in shown:
        d = box.description_box
        assert d is not None
        final[box.step.id] = fitted_description(box.step, d.w, d.h + 0.5, (px,)).lines
    return px, final


def _plan_picture(
    staircase: Staircase,
    state: StaircaseState | None,
    width: float,
    height: float,
    fonts: Fonts,
    large: bool,
    earlier: StaircaseState | None,
) -> Picture:
    markers: dict = {}
    if state is not None:
        markers = {
            "current_step_id": state.current_step_id,
            "own_step_id": state.own_step_id,
            "goal_step_id": state.goal_step_id,
            "history": state.history,
        }
    if earlier is not None:
        markers["earlier_step_id"] = earlier.current_step_id
        markers["earlier_own_step_id"] = earlier.own_step_id
    tp = _text_plan(staircase, width, height, fonts, large)
    memo = fonts.memo

    def fitted_description(step: Step, w: float, h: float, sizes: tuple[float, ...]) -> Fitted:
        key = ("description", step.description, w, h, sizes)
        found = memo.get(key)
        if found is None:
            if len(memo) > 4000:  # a long session: start again (the plans are cheap to redo)
                memo.clear()
            found = memo[key] = fit(step.description, fonts.regular, w, h, sizes)
        return found

    def description_height(step: Step, w: float, room: float) -> float:
        # Whole pixels of room: the fits are remembered, and a fraction changes nothing.
        fitted = fitted_description(step, w, float(math.floor(min(tp.room, room))), tp.sizes)
        if not fitted.fits:
            return 0.0
        return len(fitted.lines) * fonts.regular(fitted.size).line_height + 1

    layout = layout_staircase(
        staircase,
        width,
        height,
        title_height=tp.title_height,
        title_heights=tp.heights,
        description_height=description_height,
        kept=tp.kept,
        **markers,
    )
    shown = [(b, b.description_box) for b in layout.steps if b.description_box is not None]
    # The descriptions' size and lines depend on their steps and boxes alone: the next
    # citizen with the same boxes (kept columns) finds them (remembered with the text plan).
    key = (
        "descriptions",
        id(tp),
        tuple([(b.step.id, b.step.description, d.w, d.h) for b, d in shown]),
    )
    found = memo.get(key)
    if found is None or found[0] is not tp:
        boxes = [b for b, _ in shown]
        found = memo[key] = (tp, *_descriptions(boxes, tp, fonts, fitted_description))
    px, final = found[1], dict(found[2])
    return Picture(
        layout,
        large,
        tp.title_px,
        tp.title_lines,
        tp.elided,
        px,
        final,
    )
