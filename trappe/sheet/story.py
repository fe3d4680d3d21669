"""The flowing part of the sheet: activities, agreements and notes.

It goes down a ``Column`` per page: what does not fit continues on a new page with the header
repeated, so nothing is clipped or shrunk below legibility.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from trappe.sheet.data import SheetData
from trappe.sheet.fonts import REGULAR, markup
from trappe.sheet.style import (
    CONTENT_BOTTOM,
    CONTENT_W,
    HAIRLINE,
    HEADER_FILL,
    INK,
    MARGIN_X,
    S_BODY,
    S_CELL,
    S_CELL_HEAD,
    S_HEADING,
    SharedParagraph,
    markup_para,
    text_para,
)


class Heading(SharedParagraph):
    """A section heading; never left alone at the bottom of a page (shared by the sheets
    of a batch, as every ``SharedParagraph``: made with ``text_para(…, Heading)``)."""

    min_follow = 36.0


def agreements_table(data: SheetData) -> Table:
    head = [
        text_para("Aftale — hvad", S_CELL_HEAD),
        text_para("Hvem har ansvaret", S_CELL_HEAD),
        text_para("Senest", S_CELL_HEAD),
    ]
    rows: list[list[Any]] = [head]
    if data.blank:
        rows.extend([["", "", ""] for _ in range(5)])
    else:
        for a in data.agreements:
            rows.append(
                [
                    text_para(a.what, S_CELL),
                    text_para(a.who, S_CELL),
                    text_para(a.due or "—", S_CELL),
                ]
            )
    widths = [CONTENT_W * 0.57, CONTENT_W * 0.28, CONTENT_W * 0.15]
    table = Table(
        rows,
        colWidths=widths,
        repeatRows=1,
        hAlign="LEFT",  # it fills the width; the Column draws at its left edge
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
        story.append(markup_para("<b>Trin:</b> " + " &nbsp;·&nbsp; ".join(entries), S_BODY))
        story.append(Spacer(1, 3 * mm))
    if not data.blank:
        story.append(text_para("Aktiviteter nu", S_HEADING, Heading))
        if data.activities:
            for text in data.activities:
                story.append(markup_para("•&nbsp;&nbsp;" + markup(text), S_BODY))
        else:
            story.append(text_para("Ingen igangværende aktiviteter registreret.", S_BODY))
        story.append(Spacer(1, 3 * mm))
    story.append(text_para("Aftaler", S_HEADING, Heading))
    story.append(Spacer(1, 1.5 * mm))
    if data.blank or data.agreements:
        story.append(agreements_table(data))
    else:
        story.append(text_para("Ingen åbne aftaler.", S_BODY))
    for heading, text in data.notes:
        story.append(Spacer(1, 3 * mm))
        story.append(text_para(heading, S_HEADING, Heading))
        for chunk in text.strip().split("\n\n"):
            story.append(text_para(chunk, S_BODY))
            story.append(Spacer(1, 1.5 * mm))
    return story


class Column:
    """Where the flowing part is drawn on one page: from ``top`` down to ``bottom``.

    It does what platypus's ``Frame`` did for us, with the public ``Flowable`` API only
    (``wrap``, ``split``, ``drawOn``), so the sheet can ask where the text ended (``y``)
    and whether anything was drawn (``at_top``) without reaching into ``Frame``'s privates.
    None of the sheet's flowables has space before or after it (Spacers make the gaps).
    """

    FUZZ = 1e-6  # as Frame's: rounding must not push a flowable that fits to the next page

    def __init__(self, x: float, top: float, width: float, bottom: float) -> None:
        self.x = x
        self.width = width
        self.bottom = bottom
        self.y = top
        self.at_top = True

    @property
    def available(self) -> float:
        return self.y - self.bottom

    def add(self, flowable: Flowable, canv: Canvas) -> bool:
        """Draw ``flowable`` below what is there if it fits; return whether it did."""
        if self.available <= 0:
            return False
        _, h = flowable.wrap(self.width, self.available)
        y = self.y - h
        if y < self.bottom - self.FUZZ:
            return False
        flowable.drawOn(canv, self.x, y)
        if y != self.y:
            self.at_top = False
        self.y = y
        return True

    def split(self, flowable: Flowable) -> list[Flowable]:
        return flowable.split(self.width, self.available)


def fill_column(column: Column, story: list[Flowable], canv: Canvas) -> None:
    """Draw from the front of ``story`` until the column is full, splitting where possible."""
    while story:
        head = story[0]
        if isinstance(head, Heading) and len(story) > 1 and not column.at_top:
            _, hh = head.wrap(column.width, column.available)
            if hh + Heading.min_follow > column.available:
                return
        if column.add(head, canv):
            story.pop(0)
            continue
        parts = column.split(head)
        if parts:
            story[0:1] = parts
            if column.add(story[0], canv):
                story.pop(0)
                continue
        if column.at_top:
            raise RuntimeError("a flowable is larger than a whole page")  # a bug, not input
        return


def content_column(top: float) -> Column:
    return Column(MARGIN_X, top, CONTENT_W, CONTENT_BOTTOM)
