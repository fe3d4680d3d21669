""" "Din vej indtil nu": a one-page sheet for the citizen, comparing two meetings.

Both readings on one staircase (the earlier faded, ``compare.Comparison``), with the steps
moved and the days between, written to the citizen ("du"). No identifier and no staff
names: it is the citizen's own page to take home. Drawn with the same staircase painter as
the dialogue sheet, so the markers and words are the same.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from reportlab.lib.units import mm

from trappe.model import compare as compare_model
from trappe.model.citizens import get_citizen_record
from trappe.model.compare import Comparison, days_text, moved_text
from trappe.model.entities import CitizenRecord, Staircase
from trappe.model.formatting import format_date
from trappe.model.geometry import layout_staircase
from trappe.model.markers import COMPARE_LEGEND, LEGEND
from trappe.model.store import Store
from trappe.sheet import Output, _printed_at, _write_output
from trappe.sheet.data import load_context
from trappe.sheet.fonts import BOLD, REGULAR, draw_text
from trappe.sheet.page import new_canvas
from trappe.sheet.staircase import (
    StaircasePlacement,
    description_height,
    draw_legend,
    draw_staircase,
    staircase_plan,
)
from trappe.sheet.style import (
    CONTENT_W,
    FAINT,
    HAIRLINE,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PAGE_H,
    S_BODY,
    S_NAME,
    S_TITLE,
    STAIR_H,
    draw_para,
    text_para,
)

TITLE = "Din vej indtil nu"


def _step(staircase: Staircase, step_id: int | None) -> str:
    """'trin 4: Virksomhedspraktik' (or 'ikke angivet')."""
    if step_id is None:
        return "ikke angivet"
    step = staircase.step(step_id)
    index = staircase.index_of(step_id)
    if step is None:
        return "ukendt trin"
    return f"trin {index + 1}: {step.title}" if index is not None else step.title


def sentences(c: Comparison, record: CitizenRecord, staircase: Staircase) -> list[str]:
    """What the page says, to the citizen."""
    e, later = c.earlier_state, c.later_state
    lines = [
        f"Fra mødet {format_date(c.earlier.held_on)} til mødet {format_date(c.later.held_on)}:"
        f" {days_text(c.days)}."
    ]
    pro = moved_text(c.professional_moved)
    lines.append(
        f"Fagpersonernes placering: fra {_step(staircase, e.current_step_id)}"
        f" til {_step(staircase, later.current_step_id)}" + (f" – {pro}." if pro else ".")
    )
    own = moved_text(c.citizen_moved)
    lines.append(
        f"Din egen placering: fra {_step(staircase, e.own_step_id)}"
        f" til {_step(staircase, later.own_step_id)}" + (f" – {own}." if own else ".")
    )
    citizen = record.citizen
    if citizen.goal_step_id is not None:
        goal = f"Dit mål: {_step(staircase, citizen.goal_step_id)}"
        if citizen.goal_date:
            goal += f", senest {format_date(citizen.goal_date)}"
        lines.append(goal + ".")
    if citizen.next_meeting_on:
        lines.append(f"Næste samtale: {format_date(citizen.next_meeting_on)}.")
    return lines


def draw_journey(
    canv: Any, c: Comparison, record: CitizenRecord, context: Any, when: datetime
) -> StaircasePlacement:
    """Draw the page; return where the staircase went (for tests)."""
    staircase = context.staircase
    y = PAGE_H - MARGIN_TOP
    if context.municipality:
        canv.setFillColor(MUTED)
        draw_text(canv, MARGIN_X, y - 9, context.municipality, BOLD, 9.5)
        y -= 14
    y -= draw_para(canv, text_para(TITLE, S_TITLE), MARGIN_X, y, CONTENT_W) + 2
    y -= draw_para(canv, text_para(record.citizen.name, S_NAME), MARGIN_X, y, CONTENT_W) + 4
    canv.setStrokeColor(INK)
    canv.setLineWidth(1.2)
    canv.line(MARGIN_X, y, MARGIN_X + CONTENT_W, y)
    y -= 6 * mm
    plan = staircase_plan(staircase)
    layout = layout_staircase(
        staircase,
        CONTENT_W,
        STAIR_H,
        current_step_id=c.later_state.current_step_id,
        own_step_id=c.later_state.own_step_id,
        goal_step_id=c.later_state.goal_step_id,
        earlier_step_id=c.earlier_state.current_step_id,
        earlier_own_step_id=c.earlier_state.own_step_id,
        title_height=plan.title_height,
        title_heights=plan.heights,
        description_height=description_height,
    )
    placement = StaircasePlacement(1, MARGIN_X, y, layout)
    draw_staircase(canv, placement)
    y -= STAIR_H + 2.5 * mm
    entries = (*COMPARE_LEGEND, LEGEND[2])  # the goal, too
    y -= draw_legend(canv, MARGIN_X, y, CONTENT_W, False, entries) + 6 * mm
    for line in sentences(c, record, staircase):
        y -= draw_para(canv, text_para(line, S_BODY), MARGIN_X, y, CONTENT_W) + 3
    # Room to write what the citizen takes with them.
    y -= 5 * mm
    canv.setFillColor(INK)
    draw_text(canv, MARGIN_X, y - 10.5, "Det tager jeg med herfra", BOLD, 10.5)
    canv.setStrokeColor(HAIRLINE)
    canv.setLineWidth(0.5)
    line_y = y - 10.5 - 8 * mm
    while line_y > MARGIN_BOTTOM + 14 * mm:
        canv.line(MARGIN_X, line_y, MARGIN_X + CONTENT_W, line_y)
        line_y -= 8 * mm
    canv.setFillColor(FAINT)
    draw_text(
        canv,
        MARGIN_X,
        MARGIN_BOTTOM + 2,
        f"Udskrevet {format_date(when.date())} · Din egen side: opbevar den, som du vil.",
        REGULAR,
        7,
    )
    return placement


def render_journey_sheet(
    store: Store,
    citizen_id: int,
    first_meeting_id: int,
    second_meeting_id: int,
    out: Output,
    *,
    invariant: bool = False,
    log_action: str | None = "export",
    printed_at: datetime | None = None,
) -> Comparison:
    """The citizen's one-page "Din vej indtil nu" for two of their meetings."""
    context = load_context(store)
    record = get_citizen_record(store, citizen_id, log_read=False)
    comparison = compare_model.compare(
        record, context.staircase, first_meeting_id, second_meeting_id
    )
    when = printed_at if printed_at is not None else _printed_at(invariant)

    def produce(stream: Any) -> None:
        canv = new_canvas(
            stream,
            title=f"{TITLE} — {record.citizen.name}",
            author=context.author,
            subject=TITLE,
            invariant=invariant,
        )
        draw_journey(canv, comparison, record, context, when)
        canv.showPage()
        canv.save()

    def log() -> None:
        if log_action:
            from trappe.model.audit import log_event

            log_event(
                store,
                log_action,
                "citizen",
                citizen_id,
                {"sheet": "din_vej", "meetings": [comparison.earlier.id, comparison.later.id]},
            )

    # The log entry is written before the file is renamed into place (audited output).
    _write_output(store, out, produce, log)
    return comparison
