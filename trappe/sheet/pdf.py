"""Drawing the A4 dialogue sheet with reportlab (docs/architecture.md, "The layers"):
the sheet put together.

The jobs live in their own modules:

- ``style``: page geometry, colours, paragraph styles and Paragraph helpers;
- ``textfit``: the measuring callback for the model's text fitting, and fitted lines drawn;
- ``staircase``: the staircase, its markers and the legend (from the shared geometry);
- ``page``: the canvas with "Side X af Y" per sheet, header, citizen block, notes, footer;
- ``story``: the flowing activities, agreements and notes, continued on new pages.

Text reaches the page only through ``fonts.markup`` (Paragraphs), ``fonts.draw_text`` (the
canvas) and ``fonts.text_width`` (measuring): they put what DejaVu Sans has no glyph for
(Chinese, Japanese, Korean) in the fallback font, and measure it as drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm

from trappe.sheet.data import SheetData
from trappe.sheet.page import (
    SheetCanvas,
    draw_citizen_block,
    draw_header,
    draw_notes_and_signatures,
    make_footer,
    new_canvas,
    notes_area_needed,
)
from trappe.sheet.staircase import (
    StaircasePlacement,
    draw_legend,
    draw_staircase,
    staircase_layout_for,
    step_title,
    title_plan,
)
from trappe.sheet.story import build_story, content_column, fill_column
from trappe.sheet.style import (
    CITIZEN_COLOUR,
    CONTENT_BOTTOM,
    CONTENT_W,
    GOAL_FILL,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    PROFESSIONAL_COLOUR,
    S_BODY,
    S_NAME,
    SIGNATURE_H,
    STAIR_H,
    TITLE,
)
from trappe.sheet.textfit import MIN_TEXT_SIZE, break_points, fit_text

_step_title = step_title  # the name the tests know


@dataclass(frozen=True)
class DrawnSheet:
    pages: int
    staircase: StaircasePlacement


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
    column = content_column(y)
    fill_column(column, story, canv)
    while story:
        canv.showPage()
        top = draw_header(canv, data, PAGE_H - MARGIN_TOP, continued=True)
        column = content_column(top)
        fill_column(column, story, canv)
    notes_top = column.y - (4 * mm if not column.at_top else 0)
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


__all__ = [
    "CITIZEN_COLOUR",
    "CONTENT_BOTTOM",
    "GOAL_FILL",
    "MARGIN_BOTTOM",
    "MARGIN_TOP",
    "MARGIN_X",
    "MIN_TEXT_SIZE",
    "PAGE_H",
    "PAGE_W",
    "PROFESSIONAL_COLOUR",
    "S_BODY",
    "S_NAME",
    "TITLE",
    "DrawnSheet",
    "SheetCanvas",
    "StaircasePlacement",
    "break_points",
    "draw_sheet",
    "fit_text",
    "new_canvas",
    "staircase_layout_for",
    "title_plan",
]
