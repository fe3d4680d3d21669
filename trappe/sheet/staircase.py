"""The staircase on the sheet: steps, phases, titles, markers and the legend.

Painted from ``trappe.model.geometry.layout_staircase`` in points, the same layout the
screen paints with QPainter (one picture, two painters).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.pdfgen.canvas import Canvas

from trappe.model.geometry import (
    MarkerKind,
    Rect,
    StaircaseLayout,
    StepBox,
    layout_staircase,
)
from trappe.sheet.data import SheetData
from trappe.sheet.fonts import BOLD, REGULAR, draw_text, text_width
from trappe.sheet.style import (
    CITIZEN_COLOUR,
    CONTENT_W,
    FAINT,
    GOAL_FILL,
    HAIRLINE,
    HISTORY_COLOUR,
    INK,
    MUTED,
    PHASE_FILL,
    PROFESSIONAL_COLOUR,
    STAIR_H,
    draw_para,
    make_style,
    text_para,
)
from trappe.sheet.textfit import TITLE_SIZES, fit_text, hyphenate


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


def _shape_path(canv: Canvas, kind: str, cx: float, cy: float, size: float) -> Any:
    """A path for a marker shape centred on (cx, cy) in PDF coordinates."""
    import math

    p = canv.beginPath()
    r = size / 2
    if kind == "triangle":
        p.moveTo(cx, cy + r)
        p.lineTo(cx + r * 0.95, cy - r * 0.75)
        p.lineTo(cx - r * 0.95, cy - r * 0.75)
        p.close()
    elif kind == "star":
        inner = r * 0.45
        for i in range(10):
            a = math.pi / 2 + i * math.pi / 5
            rad = r if i % 2 == 0 else inner
            x, y = cx + rad * math.cos(a), cy + rad * math.sin(a)
            if i == 0:
                p.moveTo(x, y)
            else:
                p.lineTo(x, y)
        p.close()
    else:
        p.circle(cx, cy, r)
    return p


def draw_marker_shape(canv: Canvas, kind: MarkerKind, cx: float, cy: float, size: float) -> None:
    canv.saveState()
    if kind is MarkerKind.PROFESSIONAL:
        canv.setFillColor(PROFESSIONAL_COLOUR)
        canv.setStrokeColor(colors.white)
        canv.setLineWidth(0.8)
        canv.drawPath(_shape_path(canv, "circle", cx, cy, size), stroke=1, fill=1)
    elif kind is MarkerKind.CITIZEN:
        canv.setFillColor(CITIZEN_COLOUR)
        canv.setStrokeColor(colors.white)
        canv.setLineWidth(0.8)
        canv.setLineJoin(1)
        canv.drawPath(_shape_path(canv, "triangle", cx, cy, size), stroke=1, fill=1)
    elif kind is MarkerKind.GOAL:
        canv.setFillColor(GOAL_FILL)
        canv.setStrokeColor(INK)
        canv.setLineWidth(0.9)
        canv.setLineJoin(1)
        canv.drawPath(_shape_path(canv, "star", cx, cy, size), stroke=1, fill=1)
    elif kind is MarkerKind.HISTORY_PROFESSIONAL:
        canv.setFillColor(colors.white)
        canv.setStrokeColor(HISTORY_COLOUR)
        canv.setLineWidth(0.9)
        canv.drawPath(_shape_path(canv, "circle", cx, cy, size * 0.85), stroke=1, fill=1)
    else:
        canv.setFillColor(colors.white)
        canv.setStrokeColor(HISTORY_COLOUR)
        canv.setLineWidth(0.9)
        canv.setLineJoin(1)
        canv.drawPath(_shape_path(canv, "triangle", cx, cy, size), stroke=1, fill=1)
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


def title_plan(layout: StaircaseLayout) -> tuple[float, set[int]]:
    """One title size for every step (the largest at which they all fit), and the steps
    whose titles fit at no legible size: those show only their number on the staircase and
    their full title in a key under it, rather than being clipped or overlapping markers."""
    fitting = [
        b for b in layout.steps if fit_text(step_title(b), BOLD, b.title_box.w, b.title_box.h)[2]
    ]
    keyed = {b.step.id for b in layout.steps} - {b.step.id for b in fitting}
    best: tuple[int, float] | None = None  # (hyphenations, -size): fewest, then largest
    for size in TITLE_SIZES:
        fits = [
            fit_text(step_title(b), BOLD, b.title_box.w, b.title_box.h, (size,)) for b in fitting
        ]
        if all(f[2] for f in fits):
            breaks = sum(
                f[0].count("- ") - step_title(b).count("- ")
                for f, b in zip(fits, fitting, strict=True)
            )
            if best is None or (breaks, -size) < best:
                best = (breaks, -size)
    return (-best[1] if best else TITLE_SIZES[-1]), keyed


def draw_staircase(canv: Canvas, placement: StaircasePlacement) -> set[int]:
    """Paint the layout; return the ids of steps whose titles go in the key below."""
    layout = placement.layout
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
        text, size, _ = fit_text(band.title, BOLD, w - 4, h - 1, (7.5, 7.0))
        para = text_para(
            text, make_style("phase_fit", BOLD, size, size * 1.15, MUTED, alignment=TA_CENTER)
        )
        _, ph = para.wrap(w - 4, 10_000)
        para.drawOn(canv, x + 2, y + (h - ph) / 2)
    # Titles (one size for all) and, where room allows, descriptions.
    size, keyed = title_plan(layout)
    for box in layout.steps:
        tb = box.title_box
        if box.step.id in keyed:
            text = f"{box.index + 1}."
        else:
            text = fit_text(step_title(box), BOLD, tb.w, tb.h, (size,))[0]
        para = text_para(text, make_style("step_title", BOLD, size, size * 1.15))
        px, ptop = placement.to_pdf(tb.x, tb.y)
        draw_para(canv, para, px, ptop, tb.w)
        if box.description_box is not None and box.step.description:
            db = box.description_box
            dtext, dsize, dfits = fit_text(box.step.description, REGULAR, db.w, db.h, (7.0, 6.5))
            if dfits:
                dpara = text_para(
                    dtext, make_style("step_desc", REGULAR, dsize, dsize * 1.15, MUTED)
                )
                dx, dtop = placement.to_pdf(db.x, db.y)
                draw_para(canv, dpara, dx, dtop, db.w)
    # Earlier placements (faint, with dates), then the current ones on top.
    for m in layout.markers:
        if m.kind in (MarkerKind.HISTORY_PROFESSIONAL, MarkerKind.HISTORY_CITIZEN):
            cx, cy = placement.to_pdf(m.cx, m.cy)
            draw_marker_shape(canv, m.kind, cx, cy, m.size)
            if m.label and m.label_box:
                lx, _ = placement.to_pdf(m.label_box.x + 1.5, 0)
                small_text(canv, m.label, lx, cy, m.label_box.w - 1.5, FAINT)
    for step_id, label_box in layout.hidden_label_boxes.items():
        x, y = placement.to_pdf(label_box.x, label_box.y + label_box.h / 2)
        hidden = layout.hidden_history[step_id]
        small_text(canv, f"+{hidden} tidligere", x, y, label_box.w, FAINT)
    for m in layout.markers:
        if m.kind in (MarkerKind.PROFESSIONAL, MarkerKind.CITIZEN, MarkerKind.GOAL):
            cx, cy = placement.to_pdf(m.cx, m.cy)
            draw_marker_shape(canv, m.kind, cx, cy, m.size)
    canv.restoreState()
    return keyed


LEGEND = (
    (MarkerKind.PROFESSIONAL, "Fagpersonernes vurdering"),
    (MarkerKind.CITIZEN, "Borgerens egen vurdering"),
    (MarkerKind.GOAL, "Mål"),
    (MarkerKind.HISTORY_PROFESSIONAL, "Tidligere placering (dato)"),
)


def draw_legend(canv: Canvas, x: float, top: float, width: float, blank: bool) -> float:
    """A one-line legend (wraps onto two lines if needed); returns its height."""
    size, font = 8.0, REGULAR
    gap, marker = 14.0, 8.5
    items = LEGEND[:3] if blank else LEGEND
    lead = "Tegn på trappen:" if blank else "Tegnforklaring:"
    canv.saveState()
    line_h = 12.0
    cy = top - line_h / 2
    cx = x
    canv.setFillColor(MUTED)
    cx += draw_text(canv, cx, cy - size * 0.35, lead, BOLD, size) + 8
    height = line_h
    for kind, label in items:
        # Earlier placements come in both shapes, faint: show both.
        shapes = (
            [MarkerKind.HISTORY_PROFESSIONAL, MarkerKind.HISTORY_CITIZEN]
            if kind is MarkerKind.HISTORY_PROFESSIONAL
            else [kind]
        )
        icons_w = len(shapes) * marker + (len(shapes) - 1) * 2
        need = icons_w + 4 + text_width(label, font, size)
        if cx + need > x + width:
            cx = x
            cy -= line_h
            height += line_h
        for i, shape in enumerate(shapes):
            draw_marker_shape(canv, shape, cx + marker / 2 + i * (marker + 2), cy, marker)
        canv.setFillColor(INK)
        draw_text(canv, cx + icons_w + 4, cy - size * 0.35, label, font, size)
        cx += need + gap
    canv.restoreState()
    return height


def staircase_layout_for(data: SheetData) -> StaircaseLayout:
    """The shared layout in points; title boxes grow when a long title needs more room."""

    def layout(title_height: float | None = None) -> StaircaseLayout:
        return layout_staircase(
            data.context.staircase,
            CONTENT_W,
            STAIR_H,
            current_step_id=data.current_step_id,
            own_step_id=data.own_step_id,
            goal_step_id=data.goal_step_id,
            history=data.history,
            title_height=title_height,
        )

    first = layout()
    if not first.steps or not title_plan(first)[1]:
        return first
    smallest = TITLE_SIZES[-1]
    need = 0.0
    for b in first.steps:
        text = hyphenate(step_title(b), BOLD, smallest, b.title_box.w)
        para = text_para(text, make_style("measure", BOLD, smallest, smallest * 1.15))
        need = max(need, para.wrap(b.title_box.w, 10_000)[1])
    # Never so tall that the lowest step has no room left for its markers.
    cap = min(b.rect.h for b in first.steps) * 0.55
    taller = layout(min(need + 1, cap))
    # Taller title boxes only if they spare titles from the key.
    return taller if len(title_plan(taller)[1]) < len(title_plan(first)[1]) else first
