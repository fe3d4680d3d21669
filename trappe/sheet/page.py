"""The page's fixed parts: the canvas with per-sheet page numbers, header, citizen block,
notes and signatures, footer.

Each is drawn on the canvas inside ``saveState``/``restoreState``; text that may wrap is a
Paragraph measured with ``wrap`` before it is drawn.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from trappe.model.validation import format_date
from trappe.sheet.data import SheetData
from trappe.sheet.fonts import BOLD, REGULAR, draw_text, register_fonts, text_width
from trappe.sheet.forms import reuse
from trappe.sheet.style import (
    CONFIDENTIAL,
    CONFIDENTIAL_BLANK,
    CONTENT_BOTTOM,
    CONTENT_W,
    FAINT,
    FOOTER_H,
    HAIRLINE,
    HEADER_FILL,
    INK,
    MARGIN_BOTTOM,
    MARGIN_X,
    MIN_RULED_LINES,
    MUTED,
    RULE_GAP,
    S_BOX_BIG,
    S_BOX_LABEL,
    S_BOX_VALUE,
    S_CONT,
    S_INFO,
    S_MUNICIPALITY,
    S_NAME,
    S_NAME_LONG,
    S_TITLE,
    SIGNATURE_H,
    TITLE,
    draw_para,
    label_markup,
    markup_para,
    text_para,
)

log = logging.getLogger("trappe.sheet")


class SheetCanvas(Canvas):
    """A canvas that numbers the pages of each sheet "Side X af Y".

    A page's footer is a form XObject: the page uses it when it ends, and ``end_sheet``
    defines it once the sheet's page count is known. reportlab's public ``doForm`` allows
    a form that "may be defined later", so every page is finished when it ends and nothing
    of a sheet is held back (no copies of the canvas's state). A sheet's last page knows its
    count when it ends, so its footer is shared by every sheet with the same footer, page
    and count (a batch of one-page sheets draws the footer once); the earlier pages of a
    longer sheet get footers of their own.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sheets_begun = 0
        self.sheet_pages = 0
        self.sheet_footer: Footer | None = None
        self.reused: dict[Hashable, tuple[str, Any, Any]] | None = {}  # ``trappe.sheet.forms``
        self.reused_seen: dict[Hashable, int] = {}  # paragraphs drawn so far: how often
        self._last_footer: str | None = None  # the form the sheet's last page shows

    def begin_sheet(self, footer: Footer) -> None:
        self.sheets_begun += 1
        self.sheet_pages = 1
        self.sheet_footer = footer

    def _footer_form(self, page: int) -> str:
        return f"TrappeFooter{self.sheets_begun}p{page}"

    def _define_footer(self, name: str, footer: Footer, page: int, total: int) -> None:
        self.beginForm(name)
        footer(self, page, total)
        self.endForm()

    def showPage(self) -> None:
        if self.sheet_footer is not None:
            self.doForm(self._last_footer or self._footer_form(self.sheet_pages))
            self.sheet_pages += 1
        super().showPage()

    def end_sheet(self) -> int:
        footer = self.sheet_footer
        assert footer is not None, "end_sheet without begin_sheet"
        total = self.sheet_pages
        for number in range(1, total):
            self._define_footer(self._footer_form(number), footer, number, total)
        forms = self.reused if self.reused is not None else {}  # (None: nothing reused)
        key = ("footer", footer, total, total)
        hit = forms.get(key)
        if hit is None:
            hit = forms[key] = (f"TrappeFooter{len(forms) + 1}", None, None)
            self._define_footer(hit[0], footer, total, total)
        self._last_footer = hit[0]
        self.showPage()
        self._last_footer = None
        self.sheet_footer = None
        return total


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
    if not continued:  # the first page's header is the same on every sheet
        ctx = data.context
        key = ("header", ctx.municipality, ctx.logo, top)
        return reuse(canv, key, top, lambda t: _draw_header(canv, data, t, continued=False))
    return _draw_header(canv, data, top, continued=True)


def _draw_header(canv: Canvas, data: SheetData, top: float, *, continued: bool) -> float:
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
        y -= draw_para(canv, text_para(ctx.municipality, S_MUNICIPALITY), MARGIN_X, y, text_w) + 1
    if continued:
        title = f"{TITLE} (fortsat)"
        y -= draw_para(canv, text_para(title, S_CONT), MARGIN_X, y, text_w)
        bits = [data.name or "Blankt ark"]
        if data.meeting_date:
            bits.append(f"samtale {format_date(data.meeting_date)}")
        y -= draw_para(canv, text_para(" · ".join(bits), S_INFO), MARGIN_X, y, text_w)
    else:
        y -= draw_para(canv, text_para(TITLE, S_TITLE), MARGIN_X, y, text_w)
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
        name = text_para(data.name, S_NAME)
        if name.wrap(left_w, 10_000)[1] > 2 * S_NAME.leading:
            name = text_para(data.name, S_NAME_LONG)  # a very long name: smaller, still legible
        y -= draw_para(canv, name, MARGIN_X, y, left_w) + 2
        lines = []
        first = []
        if data.identifier:
            first.append(label_markup(data.identifier_label, data.identifier))
        if data.target_group:
            first.append(label_markup("Målgruppe:", data.target_group))
        if first:
            lines.append(" &nbsp;&nbsp; ".join(first))
        people = []
        if data.caseworker:
            people.append(label_markup("Sagsbehandler:", data.caseworker))
        if data.consultant:
            people.append(label_markup("Virksomhedskonsulent:", data.consultant))
        if people:
            lines.append(" &nbsp;&nbsp; ".join(people))
        if data.participants:
            lines.append(label_markup("Deltagere:", data.participants))
        goal = data.context.staircase.step(data.goal_step_id) if data.goal_step_id else None
        if goal is not None:
            text = goal.title + (
                f", senest {format_date(data.goal_date)}" if data.goal_date else ""
            )
            lines.append(label_markup("Mål:", text))
        for line in lines:
            y -= draw_para(canv, markup_para(line, S_INFO), MARGIN_X, y, left_w) + 1
        left_bottom = y
    # The box with the meeting dates; an empty date gets a line to write on.
    bx = MARGIN_X + CONTENT_W - box_w
    inner = box_w - 6 * mm
    rows: list[tuple[Paragraph | None, float]] = []
    for label, value, style in (
        ("Samtale den", data.meeting_date, S_BOX_VALUE),
        ("Næste samtale", data.next_meeting, S_BOX_BIG),
    ):
        lab = text_para(label, S_BOX_LABEL)
        rows.append((lab, lab.wrap(inner, 10_000)[1] + 1))
        if value is None:
            rows.append((None, 8 * mm))
        else:
            val = text_para(format_date(value), style)
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
        rules = []
        while y > sig_top + 2 * mm:
            rules.append((MARGIN_X, y, MARGIN_X + CONTENT_W, y))
            y -= RULE_GAP
        if rules:
            canv.lines(rules)  # one stroke for them all
    # Signatures: the same on every sheet, so drawn once per batch part.
    line_y = CONTENT_BOTTOM + 9 * mm
    reuse(canv, ("signatures",), line_y, lambda y: _draw_signatures(canv, y))
    canv.restoreState()


def _draw_signatures(canv: Canvas, line_y: float) -> None:
    half = (CONTENT_W - 12 * mm) / 2
    canv.saveState()
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


@dataclass(frozen=True)
class Footer:
    """A sheet's footer: printed when (and from what), the confidentiality note, "Side X af
    Y". Two sheets with equal footers show the same form on their last pages."""

    left: str
    centre: str

    def __call__(self, canv: Canvas, page: int, total: int) -> None:
        left, centre = self.left, self.centre
        canv.saveState()
        y = MARGIN_BOTTOM + 2
        pages = f"Side {page} af {total}"
        # The confidentiality note goes between the two when it fits there (with a gap), else
        # on its own line above them: a long "printed" text must never run into it.
        half = text_width(centre, REGULAR, 7) / 2 + 3 * mm
        side = max(text_width(left, REGULAR, 7), text_width(pages, REGULAR, 7))
        y_centre = y if side <= CONTENT_W / 2 - half else y + 8.5
        rule = max(MARGIN_BOTTOM + FOOTER_H - 3 * mm, y_centre + 10)
        canv.setStrokeColor(HAIRLINE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_X, rule, MARGIN_X + CONTENT_W, rule)
        canv.setFillColor(MUTED)
        draw_text(canv, MARGIN_X, y, left, REGULAR, 7)
        draw_text(canv, MARGIN_X + CONTENT_W, y, pages, REGULAR, 7, "end")
        draw_text(canv, MARGIN_X + CONTENT_W / 2, y_centre, centre, REGULAR, 7, "middle")
        canv.restoreState()


def make_footer(data: SheetData, printed_at: datetime) -> Footer:
    left = f"Udskrevet {format_date(printed_at.date())} kl. {printed_at:%H.%M}"
    if data.context.unencrypted:
        left += " · fra en ukrypteret database"
    return Footer(left, CONFIDENTIAL_BLANK if data.blank else CONFIDENTIAL)


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
