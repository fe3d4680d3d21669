"""The staircase on the sheet: steps, phases, titles, markers and the legend.

Painted from the model, as the screen is (docs/architecture.md, "The two painters"): the
layout from ``geometry.layout_staircase`` in points, marker shapes, colours and legend words
from ``markers``, where titles and descriptions break and their sizes from ``textfit`` with
reportlab's widths. Each title box is as tall as its title needs, so the low steps keep room
for their dates and descriptions (steps 1-3 keep theirs, also on the blank sheet).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from trappe.model.entities import Phase, Staircase, Step
from trappe.model.geometry import (
    CURRENT_KINDS,
    EARLIER_KINDS,
    HISTORY_KINDS,
    MarkerKind,
    Rect,
    StaircaseLayout,
    StepBox,
    layout_staircase,
)
from trappe.model.markers import (
    BLANK_LEGEND,
    LEGEND,
    MARKER_STYLES,
    LegendEntry,
    Shape,
    hidden_text,
    hidden_text_short,
    outline_points,
)
from trappe.model.textfit import fit_uniform
from trappe.sheet.data import SheetData
from trappe.sheet.fonts import BOLD, REGULAR, draw_text, text_width
from trappe.sheet.forms import reuse, show_moved, stamp
from trappe.sheet.style import (
    CONTENT_W,
    FAINT,
    HAIRLINE,
    INK,
    MUTED,
    PHASE_FILL,
    STAIR_H,
)
from trappe.sheet.textfit import (
    DESCRIPTION_SIZES,
    LEADING,
    TITLE_SIZES,
    draw_lines,
    fit_text,
    font_at,
)


@dataclass(frozen=True)
class StaircasePlacement:
    """Where the staircase layout was put on a page: geometry unit = 1 pt, y flipped."""

    page: int  # 1-based page within the sheet
    x: float  # left edge in PDF points
    top: float  # top edge in PDF points (PDF y grows upward)
    layout: StaircaseLayout

    def to_pdf(self, gx: float, gy: float) -> tuple[float, float]:
        return self.x + gx, self.top - gy

    def rect_to_pdf(self, r: Rect) -> tuple[float, float, float, float]:
        """(x, y_bottom, w, h) in PDF points."""
        return self.x + r.x, self.top - r.bottom, r.w, r.h


def _shape_path(canv: Canvas, shape: Shape, cx: float, cy: float, size: float) -> Any:
    """A marker's outline centred on (cx, cy) in PDF coordinates (the model's shape, y up)."""
    p = canv.beginPath()
    if shape is Shape.CIRCLE:
        p.circle(cx, cy, size / 2)
        return p
    # The model's outline has y growing downward, as on screen: mirror it about cy.
    for i, (x, y) in enumerate(outline_points(shape, cx, cy, size)):
        if i == 0:
            p.moveTo(x, 2 * cy - y)
        else:
            p.lineTo(x, 2 * cy - y)
    p.close()
    return p


def draw_marker_shape(canv: Canvas, kind: MarkerKind, cx: float, cy: float, size: float) -> None:
    """One marker in the shared style (``markers.MARKER_STYLES``): shape, fill, outline.

    On a sheet canvas each kind and size is drawn once per batch as a form, and every marker
    shows that form at its own centre (a sheet has dozens of markers, a batch millions)."""
    forms = getattr(canv, "reused", None)
    if forms is None:
        _draw_marker(canv, kind, cx, cy, size)
        return
    key = ("marker", kind, size)
    hit = forms.get(key)
    if hit is None:
        name = f"TrappeReused{len(forms) + 1}"
        forms[key] = hit = (name, 0.0, None)
        reach = size * 2  # the shape and its outline, with room to spare
        canv.beginForm(name, -reach, -reach, reach, reach)
        _draw_marker(canv, kind, 0.0, 0.0, size)
        canv.endForm()
    show_moved(canv, hit[0], cx, cy)


@lru_cache(maxsize=64)
def _hex(colour: str) -> colors.Color:
    return colors.HexColor(colour)


def _draw_marker(canv: Canvas, kind: MarkerKind, cx: float, cy: float, size: float) -> None:
    style = MARKER_STYLES[kind]
    canv.saveState()
    canv.setFillColor(_hex(style.fill))
    canv.setStrokeColor(_hex(style.outline))
    canv.setLineWidth(max(0.5, size * style.outline_width))
    canv.setLineJoin(1)
    if style.dashed:
        canv.setDash(1.6, 1.2)
    canv.drawPath(_shape_path(canv, style.shape, cx, cy, size), stroke=1, fill=1)
    canv.restoreState()


def small_text(
    canv: Canvas,
    text: str,
    x: float,
    y: float,
    max_w: float,
    colour: Any = MUTED,
    sizes: Iterable[float] = (6.5, 6.0),
) -> bool:
    """One line of small text if it fits at a legible size; False if left out."""
    for size in sizes:
        if text_width(text, REGULAR, size) <= max_w:
            canv.setFillColor(colour)
            draw_text(canv, x, y - size * 0.35, text, REGULAR, size)
            return True
    return False


def paper_colour(hex_colour: str, strength: float = 0.55) -> colors.Color:
    """The step's colour lightened towards white: text and markers stay readable on it,
    also printed in grey-scale, and it spares the toner."""
    try:
        c = colors.HexColor(hex_colour)
    except (ValueError, TypeError):
        c = colors.HexColor("#cccccc")
    return colors.Color(*(1 - strength * (1 - v) for v in (c.red, c.green, c.blue)))


def step_title(box: StepBox) -> str:
    return f"{box.index + 1}. {box.step.title}"


# -- the plan: what depends on the staircase only (the same for every sheet of a batch) -------
@dataclass(frozen=True)
class SheetPlan:
    """Titles and description sizes for one staircase on the sheet."""

    title_height: float | None  # title boxes taller than the default (long titles)
    size: float  # one title size for every step
    lines: dict[int, tuple[str, ...]]  # step id -> the title's lines
    keyed: frozenset[int]  # titles that fit at no legible size: number here, title in a key
    heights: dict[int, float]  # step id -> the height its title needs


def _fit_titles(steps: Sequence[Step], first: StaircaseLayout) -> tuple[float, dict, frozenset]:
    titles = [step_title(b) for b in first.steps]
    plan = fit_uniform(
        [(t, b.title_box.w, b.title_box.h) for t, b in zip(titles, first.steps, strict=True)],
        font_at(BOLD),
        TITLE_SIZES,
    )
    lines = {b.step.id: f.lines for b, f in zip(first.steps, plan.fitted, strict=True)}
    keyed = frozenset(first.steps[i].step.id for i in plan.unfit)
    return plan.size, lines, keyed


@lru_cache(maxsize=32)
def _plan(
    steps: tuple[Step, ...], phases: tuple[tuple[int, str], ...], width: float, height: float
) -> SheetPlan:
    staircase = Staircase(
        [Phase(pid, i, title) for i, (pid, title) in enumerate(phases)], list(steps)
    )
    first = layout_staircase(staircase, width, height, show_descriptions=False)
    title_height = None
    size, lines, keyed = _fit_titles(steps, first)
    if keyed:
        # Taller title boxes, if that spares titles from the key; never so tall that the
        # lowest step has no room left for its markers.
        smallest = TITLE_SIZES[-1]
        need = max(
            len(fit_text(step_title(b), BOLD, b.title_box.w, 10_000, (smallest,)).lines)
            for b in first.steps
        )
        cap = min(b.rect.h for b in first.steps) * 0.55
        taller_h = min(need * smallest * LEADING + 1, cap)
        taller = layout_staircase(
            staircase, width, height, show_descriptions=False, title_height=taller_h
        )
        t_size, t_lines, t_keyed = _fit_titles(steps, taller)
        if len(t_keyed) < len(keyed):
            title_height, size, lines, keyed = taller_h, t_size, t_lines, t_keyed
    heights = {
        step_id: (1 if step_id in keyed else len(text)) * size * LEADING + 1
        for step_id, text in lines.items()
    }
    return SheetPlan(title_height, size, lines, keyed, heights)


def staircase_plan(sc: Staircase) -> SheetPlan:
    """The plan for a staircase drawn at the sheet's size (remembered per staircase)."""
    return _plan(tuple(sc.steps), tuple((p.id, p.title) for p in sc.phases), CONTENT_W, STAIR_H)


def _plan_of(layout: StaircaseLayout) -> SheetPlan:
    phases = tuple((band.phase_id, band.title) for band in layout.phases)
    return _plan(tuple(b.step for b in layout.steps), phases, layout.width, layout.height)


def title_plan(layout: StaircaseLayout) -> tuple[float, set[int]]:
    """One title size for every step, and the steps whose titles fit at no legible size
    (those show only their number on the staircase and their title in a key under it)."""
    plan = _plan_of(layout)
    return plan.size, set(plan.keyed)


def description_height(step: Step, width: float, room: float) -> float:
    """The height a description takes on the sheet: the largest legible size that fits the
    room the column can spare (0: none fits)."""
    fitted = fit_text(step.description, REGULAR, width, room, DESCRIPTION_SIZES)
    if not fitted.fits:
        return 0.0
    return len(fitted.lines) * fitted.size * LEADING


def staircase_layout_for(data: SheetData) -> StaircaseLayout:
    """The shared layout in points: each title box as tall as its title needs (long titles
    get taller boxes or a key), descriptions where the column has room for them."""
    sc = data.context.staircase
    plan = staircase_plan(sc)
    layout = layout_staircase(
        sc,
        CONTENT_W,
        STAIR_H,
        current_step_id=data.current_step_id,
        own_step_id=data.own_step_id,
        goal_step_id=data.goal_step_id,
        history=data.history,
        title_height=plan.title_height,
        title_heights=plan.heights,
        description_height=description_height,
    )
    return layout


# -- painting -----------------------------------------------------------------------------------
def draw_staircase(canv: Canvas, placement: StaircasePlacement) -> set[int]:
    """Paint the layout; return the ids of steps whose titles go in the key below.

    The frame (columns, phases, titles) depends on the staircase and the goal step only:
    it is drawn once per batch and shown on every sheet that has the same (``page.reuse``).
    Descriptions (their room depends on the markers) and the markers are the sheet's own.
    """
    layout = placement.layout
    plan = _plan_of(layout)
    frame = (
        "staircase",
        placement.x,
        tuple(
            (b.index, b.step.id, b.step.title, b.step.colour, b.rect, b.title_box, b.is_goal)
            for b in layout.steps
        ),
        tuple((band.title, band.rect) for band in layout.phases),
        plan.size,
        tuple(sorted(plan.lines.items())),
        plan.keyed,
    )
    reuse(canv, frame, placement.top, lambda top: _draw_frame(canv, placement, plan, top))
    canv.saveState()
    for box in layout.steps:
        db = box.description_box
        if db is not None and box.step.description:
            fitted = fit_text(box.step.description, REGULAR, db.w, db.h + 0.1, DESCRIPTION_SIZES)
            if fitted.fits:
                dx, dtop = placement.to_pdf(db.x, db.y)
                stamp(
                    canv,
                    ("description", fitted.lines, fitted.size, db.w),
                    dx,
                    dtop,
                    lambda c, f=fitted, w=db.w: _draw_description(c, f.lines, f.size, w),
                )
    _draw_markers(canv, placement)
    canv.restoreState()
    return set(plan.keyed)


def _draw_description(canv: Canvas, lines: Sequence[str], size: float, width: float) -> None:
    canv.setFillColor(MUTED)
    draw_lines(canv, lines, REGULAR, size, 0.0, 0.0, width)


def _draw_frame(canv: Canvas, placement: StaircasePlacement, plan: SheetPlan, top: float) -> None:
    """Columns, phases and titles, with the staircase's top at ``top``."""
    layout = placement.layout
    placement = StaircasePlacement(placement.page, placement.x, top, layout)
    canv.saveState()
    # Columns.
    for box in layout.steps:
        x, y, w, h = placement.rect_to_pdf(box.rect)
        canv.setFillColor(paper_colour(box.step.colour))
        canv.setStrokeColor(INK if box.is_goal else colors.HexColor("#4d4d4d"))
        canv.setLineWidth(1.8 if box.is_goal else 0.7)
        canv.rect(x, y, w, h, stroke=1, fill=1)
    # Phases under the columns.
    for band in layout.phases:
        x, y, w, h = placement.rect_to_pdf(band.rect)
        canv.setFillColor(PHASE_FILL)
        canv.setStrokeColor(HAIRLINE)
        canv.setLineWidth(0.5)
        canv.rect(x, y, w, h, stroke=1, fill=1)
        fitted = fit_text(band.title, BOLD, w - 4, h - 1, (7.5, 7.0))
        text_h = len(fitted.lines) * fitted.size * LEADING
        canv.setFillColor(MUTED)
        draw_lines(canv, fitted.lines, BOLD, fitted.size, x + 2, y + (h + text_h) / 2, w - 4)
    # Titles (one size for all).
    canv.setFillColor(INK)
    for box in layout.steps:
        tb = box.title_box
        px, ptop = placement.to_pdf(tb.x, tb.y)
        lines = (f"{box.index + 1}.",) if box.step.id in plan.keyed else plan.lines[box.step.id]
        canv.setFillColor(INK)
        draw_lines(canv, lines, BOLD, plan.size, px, ptop, tb.w)
    canv.restoreState()


def _draw_markers(canv: Canvas, placement: StaircasePlacement) -> None:
    """Earlier placements (faint, with dates), then the current ones on top."""
    layout = placement.layout
    for m in layout.markers:
        if m.kind in HISTORY_KINDS:
            cx, cy = placement.to_pdf(m.cx, m.cy)
            draw_marker_shape(canv, m.kind, cx, cy, m.size)
            if m.label and m.label_box:
                lx, _ = placement.to_pdf(m.label_box.x + 1.5, 0)
                small_text(canv, m.label, lx, cy, m.label_box.w - 1.5, FAINT)
    for step_id, label_box in layout.hidden_label_boxes.items():
        x, y = placement.to_pdf(label_box.x, label_box.y + label_box.h / 2)
        hidden = layout.hidden_history[step_id]
        if not small_text(canv, hidden_text(hidden), x, y, label_box.w, FAINT):
            small_text(canv, hidden_text_short(hidden), x, y, label_box.w, FAINT)
    for m in layout.markers:
        if m.kind in CURRENT_KINDS or m.kind in EARLIER_KINDS:
            cx, cy = placement.to_pdf(m.cx, m.cy)
            draw_marker_shape(canv, m.kind, cx, cy, m.size)


def draw_legend(
    canv: Canvas,
    x: float,
    top: float,
    width: float,
    blank: bool,
    entries: Sequence[LegendEntry] | None = None,
) -> float:
    """A one-line legend in the model's words (wraps onto two lines if needed); its height.
    The same on every sheet: drawn once per batch (``page.reuse``)."""
    key = ("legend", x, width, blank, None if entries is None else tuple(entries))
    return reuse(canv, key, top, lambda t: _draw_legend(canv, x, t, width, blank, entries))


def _draw_legend(
    canv: Canvas,
    x: float,
    top: float,
    width: float,
    blank: bool,
    entries: Sequence[LegendEntry] | None,
) -> float:
    size, font = 8.0, REGULAR
    gap, marker = 14.0, 8.5
    items = entries if entries is not None else (BLANK_LEGEND if blank else LEGEND)
    lead = "Tegn på trappen:" if blank else "Tegnforklaring:"
    canv.saveState()
    line_h = 12.0
    cy = top - line_h / 2
    cx = x
    canv.setFillColor(MUTED)
    cx += draw_text(canv, cx, cy - size * 0.35, lead, BOLD, size) + 8
    height = line_h
    for entry in items:
        shapes = entry.kinds
        icons_w = len(shapes) * marker + (len(shapes) - 1) * 2
        need = icons_w + 4 + text_width(entry.text, font, size)
        if cx + need > x + width:
            cx = x
            cy -= line_h
            height += line_h
        for i, shape in enumerate(shapes):
            draw_marker_shape(canv, shape, cx + marker / 2 + i * (marker + 2), cy, marker)
        canv.setFillColor(INK)
        draw_text(canv, cx + icons_w + 4, cy - size * 0.35, entry.text, font, size)
        cx += need + gap
    canv.restoreState()
    return height
