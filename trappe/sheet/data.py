"""What goes on a dialogue sheet, read from the store (no reportlab, no Qt).

``SheetContext`` holds what is the same for every sheet of a database (municipality,
staircase, the user); ``SheetData`` holds one citizen's sheet, or the blank sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from trappe.model import staircase as staircase_model
from trappe.model.citizens import get_citizen_record
from trappe.model.entities import CitizenRecord, Meeting, Staircase
from trappe.model.errors import NotFoundError
from trappe.model.formatting import activity_text, format_date, format_hours, responsible_text
from trappe.model.geometry import HistoryEntry
from trappe.model.picture import open_agreements, staircase_state
from trappe.model.store import Store

__all__ = [
    "AgreementRow",
    "SheetContext",
    "SheetData",
    "blank_sheet_data",
    "citizen_sheet_data",
    "format_activity",
    "format_hours",
    "load_context",
    "responsible_text",
]


@dataclass(frozen=True)
class SheetContext:
    """The parts of a sheet that belong to the municipality and the user."""

    municipality: str
    logo: bytes | None
    staircase: Staircase
    author: str
    unencrypted: bool = False  # printed in the footer: the database is not encrypted


@dataclass(frozen=True)
class AgreementRow:
    what: str
    who: str
    due: str  # 22-11-2026, or "" for no date


@dataclass(frozen=True)
class SheetData:
    """One sheet; ``citizen_id is None`` means the blank sheet for pen and paper."""

    context: SheetContext
    citizen_id: int | None = None
    name: str = ""
    identifier: str = ""
    identifier_label: str = "CPR-nr./sagsnr."
    target_group: str = ""
    caseworker: str = ""
    consultant: str = ""
    meeting_id: int | None = None
    meeting_date: date | None = None
    participants: str = ""
    current_step_id: int | None = None
    own_step_id: int | None = None
    goal_step_id: int | None = None
    goal_date: date | None = None
    history: list[HistoryEntry] = field(default_factory=list)
    activities: list[str] = field(default_factory=list)
    agreements: list[AgreementRow] = field(default_factory=list)
    next_meeting: date | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)  # (heading, text)

    @property
    def blank(self) -> bool:
        return self.citizen_id is None


def load_context(store: Store) -> SheetContext:
    return SheetContext(
        municipality=staircase_model.municipality_name(store),
        logo=staircase_model.municipality_logo(store),
        staircase=staircase_model.load_staircase(store),
        author=store.actor.name,
        unencrypted=store.key is None,
    )


def blank_sheet_data(context: SheetContext) -> SheetData:
    return SheetData(context)


# The formatting rules live in the model (one home for screen, sheet and export).
format_activity = activity_text


def _choose_meeting(record: CitizenRecord, meeting_id: int | None) -> Meeting | None:
    if meeting_id is None:
        return record.meetings[-1] if record.meetings else None
    for m in record.meetings:
        if m.id == meeting_id:
            return m
    raise NotFoundError("Samtalen findes ikke for denne borger (måske er den slettet).")


def citizen_sheet_data(
    store: Store,
    context: SheetContext,
    citizen_id: int,
    *,
    meeting_id: int | None = None,
    mask: bool = True,
    record: CitizenRecord | None = None,
) -> SheetData:
    """The sheet of one citizen at a meeting (default: the latest).

    With no ``meeting_id`` the staircase shows the citizen's placements now; with one, it
    shows them as they were at that meeting, and the agreements that were open then.
    The read is not logged here: the caller logs the export or print. ``record``: the
    citizen's record if already read (a batch reads its citizens a chunk at a time,
    ``record_batch.read_records``).
    """
    if record is None:
        record = get_citizen_record(store, citizen_id, log_read=False)
    c = record.citizen
    meeting = _choose_meeting(record, meeting_id)
    as_of = meeting.held_on if (meeting is not None and meeting_id is not None) else None
    state = staircase_state(record, as_of=as_of)
    identifier = (c.identifier_masked if mask else c.identifier) or ""
    notes = []
    if meeting is not None:
        if meeting.caseworker_note.strip():
            notes.append(("Sagsbehandlerens noter", meeting.caseworker_note))
        if meeting.consultant_note.strip():
            notes.append(("Virksomhedskonsulentens noter", meeting.consultant_note))
    return SheetData(
        context,
        citizen_id=citizen_id,
        name=c.name,
        identifier=identifier,
        identifier_label="CPR-nr." if c.identifier_kind == "cpr" else "Sagsnr.",
        target_group=record.target_group.name if record.target_group else "",
        caseworker=record.caseworker.name if record.caseworker else "",
        consultant=record.consultant.name if record.consultant else "",
        meeting_id=meeting.id if meeting else None,
        meeting_date=meeting.held_on if meeting else None,
        participants=meeting.participants if meeting else "",
        current_step_id=state.current_step_id,
        own_step_id=state.own_step_id,
        goal_step_id=state.goal_step_id,
        goal_date=c.goal_date,
        history=list(state.history),
        activities=[format_activity(a) for a in (meeting.activities if meeting else [])],
        agreements=[
            AgreementRow(a.what, responsible_text(a, record), format_date(a.due_on))
            for a in open_agreements(record, as_of)
        ],
        next_meeting=meeting.next_meeting_on if meeting else c.next_meeting_on,
        notes=notes,
    )
