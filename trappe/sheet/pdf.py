"""Drawing the A4 dialogue sheet with reportlab (docs/architecture.md, "The layers").

The fixed parts (header, citizen block, the staircase, legend, signatures, footer) are
drawn on the canvas inside ``saveState``/``restoreState``; text that may wrap is a platypus
``Paragraph`` measured with ``wrap`` before it is drawn. The flowing part (activities,
agreements, notes) goes through ``Frame``s: what does not fit continues on a new page with
the header repeated, so nothing is clipped or shrunk below legibility.

The staircase is painted from ``trappe.model.geometry.layout_staircase`` in points, the same
layout the screen paints with QPainter (one picture, two painters).

Text reaches the page only through ``fonts.markup`` (Paragraphs), ``fonts.draw_text`` (the
canvas) and ``fonts.text_width`` (measuring): they put what DejaVu Sans has no glyph for
(Chinese, Japanese, Korean) in the fallback font, and measure it as drawn.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph, Spacer, Table, TableStyle

from trappe.model.geometry import (
    MarkerKind,
    Rect,
    StaircaseLayout,
    StepBox,
    layout_staircase,
)
from trappe.model.validation import format_date
from trappe.sheet.data import SheetData
from trappe.sheet.fonts import BOLD, REGULAR, draw_text, markup, register_fonts, text_width

log = logging.getLogger("trappe.sheet")

PAGE_W, PAGE_H = A4
MARGIN_X = 14 * mm
MARGIN_TOP = 13 * mm
MARGIN_BOTTOM = 10 * mm
FOOTER_H = 9 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
CONTENT_BOTTOM = MARGIN_BOTTOM + FOOTER_H  # flowing content stays above this
STAIR_H = 88 * mm
SIGNATURE_H = 19 * mm
RULE_GAP = 8 * mm
MIN_RULED_LINES = 2

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
FAINT = colors.HexColor("#8c8c8c")
HAIRLINE = colors.HexColor("#b3b3b3")
HEADER_FILL = colors.HexColor("#e9ecef")
PHASE_FILL = colors.HexColor("#f1f3f5")
# Markers differ by SHAPE first; the colours only help on a colour printer.
PROFESSIONAL_COLOUR = colors.HexColor("#1d3557")  # filled circle
CITIZEN_COLOUR = colors.HexColor("#b5121b")  # filled triangle
GOAL_FILL = colors.HexColor("#f2b705")  # star, outlined in ink
HISTORY_COLOUR = colors.HexColor("#8c8c8c")

CONFIDENTIAL = "Fortroligt: indeholder personoplysninger. Opbevares og makuleres forsvarligt."
CONFIDENTIAL_BLANK = "Fortroligt, når arket er udfyldt. Opbevares og makuleres forsvarligt."
TITLE = "Dialogark — Trappemodellen"


# -- styles ---------------------------------------------------------------------------------
def _style(
    name: str,
    font: str = REGULAR,
    size: float = 9,
    leading: float | None = None,
    colour: Any = INK,
    **kw: Any,
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=leading or size * 1.25,
        textColor=colour,
        splitLongWords=1,
        **kw,
    )


register_fonts()
S_MUNICIPALITY = _style("municipality", BOLD, 10, colour=MUTED)
S_TITLE = _style("title", BOLD, 15, 18)
S_NAME = _style("name", BOLD, 17, 20.5)
S_NAME_LONG = _style("name_long", BOLD, 13, 16)
S_INFO = _style("info", REGULAR, 9, 12)
S_BOX_LABEL = _style("box_label", REGULAR, 8, 10, MUTED)
S_BOX_VALUE = _style("box_value", BOLD, 12, 15)
S_BOX_BIG = _style("box_big", BOLD, 15, 18)
S_HEADING = _style("heading", BOLD, 10.5, 13)
S_BODY = _style("body", REGULAR, 9, 12.2)
S_CELL = _style("cell", REGULAR, 8.5, 10.8)
S_CELL_HEAD = _style("cell_head", BOLD, 8.5, 10.8)
S_CONT = _style("cont", BOLD, 11, 13.5)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain text (escaped, fallback font where needed; newlines kept)."""
    return Paragraph(markup(text, style.fontName).replace("\n", "<br/>"), style)


def _pm(trusted: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of trusted markup (callers put data in through ``fonts.markup``)."""
    return Paragraph(trusted, style)


def _label(label: str, value: str) -> str:
    """A muted label and its value, as markup for a REGULAR paragraph."""
    return f"<font color='#555555'>{markup(label)}</font> {markup(value)}"


def _draw_para(canv: Canvas, para: Paragraph, x: float, top: float, width: float) -> float:
    """Draw ``para`` with its top at ``top``; return its height."""
    _, h = para.wrap(width, 10_000)
    para.drawOn(canv, x, top - h)
    return h


# -- the canvas: per-sheet page numbers ("Side X af Y") -------------------------------------
class SheetCanvas(Canvas):
    """A canvas that holds back the pages of one sheet until it knows how many there are.

    Between ``begin_sheet`` and ``end_sheet`` ``showPage`` only remembers the page; at the
    end each page gets its footer with "Side X af Y" and is written. Memory stays bounded by
    one sheet, so a batch of a thousand sheets costs no more than one.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []
        self._footer: Callable[[Canvas, int, int], None] | None = None

    def begin_sheet(self, footer: Callable[[Canvas, int, int], None]) -> None:
        self._held = []
        self._footer = footer

    def showPage(self) -> None:
        if self._footer is None:
            super().showPage()
            return
        self._held.append(dict(self.__dict__))
        self._startPage()

    def end_sheet(self) -> int:
        footer = self._footer
        assert footer is not None, "end_sheet without begin_sheet"
        pages = [*self._held, dict(self.__dict__)]
        total = len(pages)
        for number, state in enumerate(pages, 1):
            self.__dict__.update(state)
            self._held, self._footer = [], None
            footer(self, number, total)
            Canvas.showPage(self)
        return total


# -- staircase painting ---------------------------------------------------------------------
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


_VOWELS = set("aeiouyæøåéèäöü")
_ONSETS = {
    "bl",
    "br",
    "dj",
    "dr",
    "fl",
    "fr",
    "gl",
    "gn",
    "gr",
    "kl",
    "kn",
    "kr",
    "kv",
    "pl",
    "pr",
    "sj",
    "sk",
    "sl",
    "sm",
    "sn",
    "sp",
    "st",
    "sv",
    "tj",
    "tr",
    "tv",
    "skj",
    "skr",
    "spl",
    "spr",
    "str",
}


def break_points(word: str) -> list[int]:
    """Where a (Danish) word may be hyphenated: a rough syllable rule, good for compounds.

    Between two vowels, a consonant cluster is split so that the next syllable starts with
    the longest valid onset ("prak-tik", "før-ste"); a linking 's' stays with the first part
    when a valid onset follows it ("virksomheds-praktik").
    """
    low = word.lower()
    points = []
    i = 0
    n = len(low)
    while i < n:
        if low[i] in _VOWELS or not low[i].isalpha():
            i += 1
            continue
        j = i
        while j < n and low[j].isalpha() and low[j] not in _VOWELS:
            j += 1
        if i > 0 and low[i - 1] in _VOWELS and j < n and low[j] in _VOWELS:
            cluster = low[i:j]
            k = None
            s_at = cluster.find("s")
            if 1 <= s_at < len(cluster) - 1 and cluster[s_at - 1] in "dgt":
                k = i + s_at + 1  # a linking s: "virksomheds-kontakt"
            if k is None:
                onset = 1
                for size in (3, 2):
                    if len(cluster) >= size and cluster[-size:] in _ONSETS:
                        onset = size
                        break
                k = j - onset if len(cluster) > 1 else i
            if 2 <= k <= n - 2:
                points.append(k)
        i = j
    return points


def _hyphenate_word(word: str, font: str, size: float, width: float) -> list[str]:
    """Break a word that is wider than ``width`` at syllable points (characters if need be)."""
    parts: list[str] = []
    rest = word
    while len(rest) > 4 and text_width(rest, font, size) > width:
        fitting = [k for k in break_points(rest) if text_width(rest[:k] + "-", font, size) <= width]
        if fitting:
            k = max(fitting)
        else:
            k = len(rest) - 2
            while k > 2 and text_width(rest[:k] + "-", font, size) > width:
                k -= 1
        parts.append(rest[:k] + "-")
        rest = rest[k:]
    parts.append(rest)
    return parts


def hyphenate(text: str, font: str, size: float, width: float) -> str:
    words = []
    for word in text.split():
        if text_width(word, font, size) > width:
            words.extend(_hyphenate_word(word, font, size, width))
        else:
            words.append(word)
    return " ".join(words)


TITLE_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0)
MIN_TEXT_SIZE = 7.0


@lru_cache(maxsize=512)
def fit_text(
    text: str, font: str, width: float, height: float, sizes: tuple[float, ...] = TITLE_SIZES
) -> tuple[str, float, bool]:
    """The largest size (and hyphenated text) at which ``text`` fits ``width``×``height``.

    Whole words are preferred; then the fewest hyphenations, then the largest size.
    Returns (text, size, fits). Never goes below the smallest size: if even that does not
    fit, ``fits`` is False and the caller decides (grow, or leave out optional text).
    """
    best: tuple[int, float, str] | None = None
    for size in sizes:
        fitted = hyphenate(text, font, size, width)
        breaks = fitted.count("- ") - text.count("- ")
        if best is not None and breaks >= best[0]:
            continue
        para = _p(fitted, _style("fit", font, size, size * 1.15))
        _, h = para.wrap(width, 10_000)
        if h <= height + 0.01:
            best = (breaks, size, fitted)
            if breaks == 0:
                break
    if best is not None:
        return best[2], best[1], True
    smallest = sizes[-1]
    return hyphenate(text, font, smallest, width), smallest, False


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


def _small_text(
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


def _step_title(box: StepBox) -> str:
    return f"{box.index + 1}. {box.step.title}"


def title_plan(layout: StaircaseLayout) -> tuple[float, set[int]]:
    """One title size for every step (the largest at which they all fit), and the steps
    whose titles fit at no legible size: those show only their number on the staircase and
    their full title in a key under it, rather than being clipped or overlapping markers."""
    fitting = [
        b for b in layout.steps if fit_text(_step_title(b), BOLD, b.title_box.w, b.title_box.h)[2]
    ]
    keyed = {b.step.id for b in layout.steps} - {b.step.id for b in fitting}
    best: tuple[int, float] | None = None  # (hyphenations, -size): fewest, then largest
    for size in TITLE_SIZES:
        fits = [
            fit_text(_step_title(b), BOLD, b.title_box.w, b.title_box.h, (size,)) for b in fitting
        ]
        if all(f[2] for f in fits):
            breaks = sum(
                f[0].count("- ") - _step_title(b).count("- ")
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
        para = _p(text, _style("phase_fit", BOLD, size, size * 1.15, MUTED, alignment=TA_CENTER))
        _, ph = para.wrap(w - 4, 10_000)
        para.drawOn(canv, x + 2, y + (h - ph) / 2)
    # Titles (one size for all) and, where room allows, descriptions.
    size, keyed = title_plan(layout)
    for box in layout.steps:
        tb = box.title_box
        if box.step.id in keyed:
            text = f"{box.index + 1}."
        else:
            text = fit_text(_step_title(box), BOLD, tb.w, tb.h, (size,))[0]
        para = _p(text, _style("step_title", BOLD, size, size * 1.15))
        px, ptop = placement.to_pdf(tb.x, tb.y)
        _draw_para(canv, para, px, ptop, tb.w)
        if box.description_box is not None and box.step.description:
            db = box.description_box
            dtext, dsize, dfits = fit_text(box.step.description, REGULAR, db.w, db.h, (7.0, 6.5))
            if dfits:
                dpara = _p(dtext, _style("step_desc", REGULAR, dsize, dsize * 1.15, MUTED))
                dx, dtop = placement.to_pdf(db.x, db.y)
                _draw_para(canv, dpara, dx, dtop, db.w)
    # Earlier placements (faint, with dates), then the current ones on top.
    for m in layout.markers:
        if m.kind in (MarkerKind.HISTORY_PROFESSIONAL, MarkerKind.HISTORY_CITIZEN):
            cx, cy = placement.to_pdf(m.cx, m.cy)
            draw_marker_shape(canv, m.kind, cx, cy, m.size)
            if m.label and m.label_box:
                lx, _ = placement.to_pdf(m.label_box.x + 1.5, 0)
                _small_text(canv, m.label, lx, cy, m.label_box.w - 1.5, FAINT)
    for step_id, label_box in layout.hidden_label_boxes.items():
        x, y = placement.to_pdf(label_box.x, label_box.y + label_box.h / 2)
        hidden = layout.hidden_history[step_id]
        _small_text(canv, f"+{hidden} tidligere", x, y, label_box.w, FAINT)
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


# -- the page's fixed parts -----------------------------------------------------------------
def _logo_reader(logo: bytes | None) -> ImageReader | None:
    if not logo:
        return None
    try:
        return ImageReader(io.BytesIO(logo))
    except Exception:  # a damaged logo must not stop the sheet
        log.warning("municipality logo could not be read; left out")
        return None


def draw_header(canv: Canvas, data: SheetData, top: float, *, continued: bool = False) -> float:
    """Municipality, logo, title; returns the y below the rule."""
    ctx = data.context
    canv.saveState()
    logo = _logo_reader(ctx.logo)
    logo_w = 0.0
    logo_h = 0.0
    if logo is not None:
        iw, ih = logo.getSize()
        max_w, max_h = 45 * mm, (11 if continued else 15) * mm
        scale = min(max_w / iw, max_h / ih)
        logo_w, logo_h = iw * scale, ih * scale
        canv.drawImage(
            logo, MARGIN_X + CONTENT_W - logo_w, top - logo_h, logo_w, logo_h, mask="auto"
        )
    text_w = CONTENT_W - (logo_w + 6 * mm if logo_w else 0)
    y = top
    if ctx.municipality:
        y -= _draw_para(canv, _p(ctx.municipality, S_MUNICIPALITY), MARGIN_X, y, text_w) + 1
    if continued:
        title = f"{TITLE} (fortsat)"
        y -= _draw_para(canv, _p(title, S_CONT), MARGIN_X, y, text_w)
        bits = [data.name or "Blankt ark"]
        if data.meeting_date:
            bits.append(f"samtale {format_date(data.meeting_date)}")
        y -= _draw_para(canv, _p(" · ".join(bits), S_INFO), MARGIN_X, y, text_w)
    else:
        y -= _draw_para(canv, _p(TITLE, S_TITLE), MARGIN_X, y, text_w)
    y = min(y, top - logo_h) - 2.5 * mm
    canv.setStrokeColor(INK)
    canv.setLineWidth(1.2)
    canv.line(MARGIN_X, y, MARGIN_X + CONTENT_W, y)
    canv.restoreState()
    return y - 3.5 * mm


def _field_line(canv: Canvas, label: str, x: float, y: float, w: float) -> None:
    """A label with a line to write on (the blank sheet)."""
    canv.setFillColor(MUTED)
    lw = draw_text(canv, x, y + 2, label, REGULAR, 8) + 4
    canv.setStrokeColor(FAINT)
    canv.setLineWidth(0.6)
    canv.line(x + lw, y, x + w, y)


def draw_citizen_block(canv: Canvas, data: SheetData, top: float) -> float:
    """Name, identifier, people, goal on the left; meeting dates in a box on the right."""
    box_w = 50 * mm
    gap = 5 * mm
    left_w = CONTENT_W - box_w - gap
    canv.saveState()
    y = top
    if data.blank:
        rows = [
            ("Navn", None),
            ("CPR-nr./sagsnr.", "Målgruppe"),
            ("Sagsbehandler", "Virksomhedskonsulent"),
            ("Deltagere", None),
            ("Mål (trin og dato)", None),
        ]
        for first, second in rows:
            y -= 7 * mm
            if second is None:
                _field_line(canv, first, MARGIN_X, y, left_w)
            else:
                half = (left_w - 4 * mm) / 2
                _field_line(canv, first, MARGIN_X, y, half)
                _field_line(canv, second, MARGIN_X + half + 4 * mm, y, half)
        left_bottom = y - 2 * mm
    else:
        name = _p(data.name, S_NAME)
        if name.wrap(left_w, 10_000)[1] > 2 * S_NAME.leading:
            name = _p(data.name, S_NAME_LONG)  # a very long name: smaller, still legible
        y -= _draw_para(canv, name, MARGIN_X, y, left_w) + 2
        lines = []
        first = []
        if data.identifier:
            first.append(_label(data.identifier_label, data.identifier))
        if data.target_group:
            first.append(_label("Målgruppe:", data.target_group))
        if first:
            lines.append(" &nbsp;&nbsp; ".join(first))
        people = []
        if data.caseworker:
            people.append(_label("Sagsbehandler:", data.caseworker))
        if data.consultant:
            people.append(_label("Virksomhedskonsulent:", data.consultant))
        if people:
            lines.append(" &nbsp;&nbsp; ".join(people))
        if data.participants:
            lines.append(_label("Deltagere:", data.participants))
        goal = data.context.staircase.step(data.goal_step_id) if data.goal_step_id else None
        if goal is not None:
            text = goal.title + (
                f", senest {format_date(data.goal_date)}" if data.goal_date else ""
            )
            lines.append(_label("Mål:", text))
        for line in lines:
            y -= _draw_para(canv, _pm(line, S_INFO), MARGIN_X, y, left_w) + 1
        left_bottom = y
    # The box with the meeting dates; an empty date gets a line to write on.
    bx = MARGIN_X + CONTENT_W - box_w
    inner = box_w - 6 * mm
    rows: list[tuple[Paragraph | None, float]] = []
    for label, value, style in (
        ("Samtale den", data.meeting_date, S_BOX_VALUE),
        ("Næste samtale", data.next_meeting, S_BOX_BIG),
    ):
        lab = _p(label, S_BOX_LABEL)
        rows.append((lab, lab.wrap(inner, 10_000)[1] + 1))
        if value is None:
            rows.append((None, 8 * mm))
        else:
            val = _p(format_date(value), style)
            rows.append((val, val.wrap(inner, 10_000)[1] + 4))
    box_h = sum(h for _, h in rows) + 5 * mm
    canv.setFillColor(HEADER_FILL)
    canv.setStrokeColor(HAIRLINE)
    canv.setLineWidth(0.6)
    canv.roundRect(bx, top - box_h, box_w, box_h, 2.5 * mm, stroke=1, fill=1)
    by = top - 3 * mm
    for para, h in rows:
        if para is None:
            canv.setStrokeColor(FAINT)
            canv.line(bx + 3 * mm, by - h + 2 * mm, bx + box_w - 3 * mm, by - h + 2 * mm)
        else:
            para.drawOn(canv, bx + 3 * mm, by - para.height)
        by -= h
    canv.restoreState()
    return min(left_bottom, top - box_h) - 4 * mm


# -- the flowing part -----------------------------------------------------------------------
class Heading(Paragraph):
    """A section heading; never left alone at the bottom of a page."""

    min_follow = 36.0


def _agreements_table(data: SheetData) -> Table:
    head = [
        _p("Aftale — hvad", S_CELL_HEAD),
        _p("Hvem har ansvaret", S_CELL_HEAD),
        _p("Senest", S_CELL_HEAD),
    ]
    rows: list[list[Any]] = [head]
    if data.blank:
        rows.extend([["", "", ""] for _ in range(5)])
    else:
        for a in data.agreements:
            rows.append([_p(a.what, S_CELL), _p(a.who, S_CELL), _p(a.due or "—", S_CELL)])
    widths = [CONTENT_W * 0.57, CONTENT_W * 0.28, CONTENT_W * 0.15]
    table = Table(
        rows,
        colWidths=widths,
        repeatRows=1,
        rowHeights=[None] + [8.5 * mm] * 5 if data.blank else None,
    )
    style = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # for empty cells too (else Helvetica)
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, HAIRLINE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    table.setStyle(TableStyle(style))
    return table


def build_story(data: SheetData, keyed: set[int] | None = None) -> list[Flowable]:
    story: list[Flowable] = []
    if keyed:
        steps = data.context.staircase.steps
        entries = [
            f"<b>{i + 1}.</b>&nbsp;{markup(s.title)}" for i, s in enumerate(steps) if s.id in keyed
        ]
        story.append(_pm("<b>Trin:</b> " + " &nbsp;·&nbsp; ".join(entries), S_BODY))
        story.append(Spacer(1, 3 * mm))
    if not data.blank:
        story.append(Heading("Aktiviteter nu", S_HEADING))
        if data.activities:
            for text in data.activities:
                story.append(_pm("•&nbsp;&nbsp;" + markup(text), S_BODY))
        else:
            story.append(_p("Ingen igangværende aktiviteter registreret.", S_BODY))
        story.append(Spacer(1, 3 * mm))
    story.append(Heading("Aftaler", S_HEADING))
    story.append(Spacer(1, 1.5 * mm))
    if data.blank or data.agreements:
        story.append(_agreements_table(data))
    else:
        story.append(_p("Ingen åbne aftaler.", S_BODY))
    for heading, text in data.notes:
        story.append(Spacer(1, 3 * mm))
        story.append(Heading(markup(heading, S_HEADING.fontName), S_HEADING))
        for chunk in text.strip().split("\n\n"):
            story.append(_p(chunk, S_BODY))
            story.append(Spacer(1, 1.5 * mm))
    return story


def _fill_frame(frame: Frame, story: list[Flowable], canv: Canvas) -> None:
    """Draw from the front of ``story`` until the frame is full, splitting where possible."""
    while story:
        head = story[0]
        available = frame._y - frame._y1p
        if isinstance(head, Heading) and len(story) > 1 and not frame._atTop:
            _, hh = head.wrap(frame._aW, available)
            if hh + Heading.min_follow > available:
                return
        if frame.add(head, canv, trySplit=0):
            story.pop(0)
            continue
        parts = frame.split(head, canv)
        if parts:
            story[0:1] = parts
            if frame.add(story[0], canv, trySplit=0):
                story.pop(0)
                continue
        if frame._atTop:
            raise RuntimeError("a flowable is larger than a whole page")  # a bug, not input
        return


def _content_frame(top: float) -> Frame:
    return Frame(
        MARGIN_X,
        CONTENT_BOTTOM,
        CONTENT_W,
        top - CONTENT_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        showBoundary=0,
    )


def draw_notes_and_signatures(
    canv: Canvas, top: float, data: SheetData, *, ruled: bool = True
) -> None:
    """The ruled area for handwritten notes from ``top`` down, then the signature lines."""
    canv.saveState()
    sig_top = CONTENT_BOTTOM + SIGNATURE_H
    if ruled:
        canv.setFillColor(INK)
        draw_text(canv, MARGIN_X, top - 10.5, "Noter" if data.blank else "Egne noter", BOLD, 10.5)
        canv.setStrokeColor(HAIRLINE)
        canv.setLineWidth(0.5)
        y = top - 10.5 - RULE_GAP
        while y > sig_top + 2 * mm:
            canv.line(MARGIN_X, y, MARGIN_X + CONTENT_W, y)
            y -= RULE_GAP
    # Signatures.
    half = (CONTENT_W - 12 * mm) / 2
    line_y = CONTENT_BOTTOM + 9 * mm
    canv.setStrokeColor(INK)
    canv.setLineWidth(0.7)
    for i, who in enumerate(("Borger", "Sagsbehandler")):
        x = MARGIN_X + i * (half + 12 * mm)
        canv.line(x, line_y, x + half, line_y)
        canv.setFillColor(MUTED)
        draw_text(canv, x, line_y - 10, f"Dato og underskrift, {who.lower()}", REGULAR, 8)
    canv.restoreState()


def notes_area_needed() -> float:
    return 10.5 + RULE_GAP * MIN_RULED_LINES + SIGNATURE_H + 2 * mm


def make_footer(data: SheetData, printed_at: datetime) -> Callable[[Canvas, int, int], None]:
    left = f"Udskrevet {format_date(printed_at.date())} kl. {printed_at:%H.%M}"
    centre = CONFIDENTIAL_BLANK if data.blank else CONFIDENTIAL

    def footer(canv: Canvas, page: int, total: int) -> None:
        canv.saveState()
        y = MARGIN_BOTTOM + 2
        canv.setStrokeColor(HAIRLINE)
        canv.setLineWidth(0.5)
        canv.line(
            MARGIN_X,
            MARGIN_BOTTOM + FOOTER_H - 3 * mm,
            MARGIN_X + CONTENT_W,
            MARGIN_BOTTOM + FOOTER_H - 3 * mm,
        )
        canv.setFillColor(MUTED)
        draw_text(canv, MARGIN_X, y, left, REGULAR, 7)
        draw_text(canv, MARGIN_X + CONTENT_W / 2, y, centre, REGULAR, 7, "middle")
        draw_text(canv, MARGIN_X + CONTENT_W, y, f"Side {page} af {total}", REGULAR, 7, "end")
        canv.restoreState()

    return footer


@dataclass(frozen=True)
class DrawnSheet:
    pages: int
    staircase: StaircasePlacement


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
        text = hyphenate(_step_title(b), BOLD, smallest, b.title_box.w)
        para = _p(text, _style("measure", BOLD, smallest, smallest * 1.15))
        need = max(need, para.wrap(b.title_box.w, 10_000)[1])
    # Never so tall that the lowest step has no room left for its markers.
    cap = min(b.rect.h for b in first.steps) * 0.55
    taller = layout(min(need + 1, cap))
    # Taller title boxes only if they spare titles from the key.
    return taller if len(title_plan(taller)[1]) < len(title_plan(first)[1]) else first


def draw_sheet(canv: SheetCanvas, data: SheetData, printed_at: datetime) -> DrawnSheet:
    """Draw one sheet (one or more pages, each with "Side X af Y") on ``canv``."""
    canv.begin_sheet(make_footer(data, printed_at))
    y = draw_header(canv, data, PAGE_H - MARGIN_TOP)
    y = draw_citizen_block(canv, data, y)
    placement = StaircasePlacement(1, MARGIN_X, y, staircase_layout_for(data))
    keyed = draw_staircase(canv, placement)
    y -= STAIR_H + 2.5 * mm
    y -= draw_legend(canv, MARGIN_X, y, CONTENT_W, data.blank) + 4 * mm

    story = build_story(data, keyed)
    frame = _content_frame(y)
    _fill_frame(frame, story, canv)
    while story:
        canv.showPage()
        top = draw_header(canv, data, PAGE_H - MARGIN_TOP, continued=True)
        frame = _content_frame(top)
        _fill_frame(frame, story, canv)
    notes_top = frame._y - (4 * mm if not frame._atTop else 0)
    room = notes_top - CONTENT_BOTTOM
    if room >= notes_area_needed():
        draw_notes_and_signatures(canv, notes_top, data)
    elif room >= SIGNATURE_H + 4 * mm:
        # A full page: the signatures still fit, so no page of its own just for them.
        draw_notes_and_signatures(canv, notes_top, data, ruled=False)
    else:
        canv.showPage()
        notes_top = draw_header(canv, data, PAGE_H - MARGIN_TOP, continued=True)
        draw_notes_and_signatures(canv, notes_top, data)
    pages = canv.end_sheet()
    return DrawnSheet(pages, placement)


def new_canvas(
    out: str | BinaryIO, *, title: str, author: str, subject: str, invariant: bool
) -> SheetCanvas:
    register_fonts()
    canv = SheetCanvas(
        out,
        pagesize=A4,
        invariant=1 if invariant else 0,
        pageCompression=1,
        initialFontName=REGULAR,  # else reportlab adds an unembedded Helvetica
        initialFontSize=9,
    )
    canv.setTitle(title)
    canv.setAuthor(author)
    canv.setSubject(subject)
    canv.setCreator("Trappe")
    canv.setProducer("Trappe (reportlab)")
    return canv


__all__ = [
    "PAGE_H",
    "PAGE_W",
    "DrawnSheet",
    "SheetCanvas",
    "StaircasePlacement",
    "draw_sheet",
    "new_canvas",
    "staircase_layout_for",
]
