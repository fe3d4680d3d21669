"""A citizen's data out of Trappe: the full record as JSON (a data-access request under GDPR
article 15) and a short plain-text note to paste into the journal (e.g. KMD Momentum)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from trappe.model.entities import (
    CLOSE_REASON_LABELS_DA,
    CitizenRecord,
    Meeting,
    Staircase,
)
from trappe.model.formatting import activity_text, format_date, responsible_text
from trappe.model.store import Store


def _json_safe(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if hasattr(value, "value") and isinstance(value.value, str):  # enums
        return value.value
    return value


def record_as_dict(
    record: CitizenRecord,
    staircase: Staircase,
    access_log: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Everything Trappe holds about one citizen, with step titles spelt out.

    ``access_log`` (``audit.citizen_access_log``) is who has looked at or changed the case;
    ``citizen_data`` reads it together with the record.
    """

    def title(step_id: int | None) -> str | None:
        step = staircase.step(step_id) if step_id is not None else None
        return step.title if step else None

    c = record.citizen
    return _json_safe(
        {
            "citizen": asdict(c),
            "target_group": record.target_group.name if record.target_group else None,
            "caseworker": record.caseworker.name if record.caseworker else None,
            "company_consultant": record.consultant.name if record.consultant else None,
            "current_step": title(c.current_step_id),
            "own_step": title(c.own_step_id),
            "goal_step": title(c.goal_step_id),
            "placements": [{**asdict(p), "step": title(p.step_id)} for p in record.placements],
            "meetings": [
                {
                    **asdict(m),
                    "professional_step": title(m.professional_step_id),
                    "citizen_step": title(m.citizen_step_id),
                }
                for m in record.meetings
            ],
            **({"access_log": access_log} if access_log is not None else {}),
        }
    )


def citizen_data(store: Store, citizen_id: int) -> dict[str, Any]:
    """The full record and the citizen's access log, for a request of access (article 15).

    The read is logged as a read of the case; the caller logs the export itself.
    """
    from trappe.model.audit import access_rows, citizen_access_log
    from trappe.model.citizens import get_citizen_record
    from trappe.model.handover import imported_history
    from trappe.model.staircase import load_staircase

    record = get_citizen_record(store, citizen_id)
    data = record_as_dict(record, load_staircase(store), citizen_access_log(store, citizen_id))
    earlier = [
        {
            "imported_at": h.imported_at,
            "from": h.exported_by,
            "access_log": access_rows(h.access_log),
        }
        for h in imported_history(store, citizen_id)
    ]
    if earlier:
        data["access_log_before_handover"] = earlier
    return data


def journal_note(
    record: CitizenRecord, staircase: Staircase, meeting: Meeting | None = None
) -> str:
    """A short Danish note about a meeting (default: the latest), for the case file."""
    meeting = meeting or (record.meetings[-1] if record.meetings else None)
    c = record.citizen

    def title(step_id: int | None) -> str:
        if step_id is None:
            return "ikke angivet"
        step = staircase.step(step_id)
        index = staircase.index_of(step_id)
        number = f"trin {index + 1}: " if index is not None else ""
        return f"{number}{step.title}" if step else "ukendt trin"

    if meeting is None:
        return f"Trappemodellen – {c.name}: ingen dialogmøder registreret."
    lines = [
        f"Dialogmøde (trappemodellen) {format_date(meeting.held_on)}",
        f"Deltagere: {meeting.participants or 'ikke angivet'}",
        f"Fagpersonernes placering: {title(meeting.professional_step_id)}",
        f"Borgerens egen placering: {title(meeting.citizen_step_id)}",
    ]
    if c.goal_step_id is not None:
        goal = title(c.goal_step_id)
        lines.append(f"Mål: {goal}" + (f" inden {format_date(c.goal_date)}" if c.goal_date else ""))
    if meeting.activities:
        lines.append(
            "Sideløbende aktiviteter: " + "; ".join(activity_text(a) for a in meeting.activities)
        )
    if meeting.agreements:
        lines.append("Aftaler:")
        lines += [
            f"- {a.what} (ansvarlig: {responsible_text(a, record)}"
            + (f", senest {format_date(a.due_on)}" if a.due_on else "")
            + ")"
            for a in meeting.agreements
        ]
    for label, note in (
        ("Sagsbehandler", meeting.caseworker_note),
        ("Virksomhedskonsulent", meeting.consultant_note),
    ):
        if note:
            lines.append(f"{label}: {note}")
    if meeting.next_meeting_on:
        lines.append(f"Næste samtale: {format_date(meeting.next_meeting_on)}")
    if c.closed_reason is not None:
        lines.append(
            f"Forløbet er afsluttet {format_date(c.closed_on)}: "
            f"{CLOSE_REASON_LABELS_DA[c.closed_reason]}"
        )
    return "\n".join(lines)
