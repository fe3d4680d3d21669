"""What goes on a dialogue sheet, read from the store (no reportlab, no Qt).

``SheetContext`` holds what is the same for every sheet of a database (municipality,
staircase, the user); ``SheetData`` holds one citizen's sheet, or the blank sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from trappe.model import staircase as staircase_model
from trappe.model.citizens import get_citizen_record
from trappe.model.entities import (
    RESPONSIBLE_LABELS_DA,
    Activity,
    Agreement,
    Assessor,
    CitizenRecord,
    Meeting,
    Placement,
    Responsible,
    Staircase,
)
from trappe.model.errors import NotFoundError
from trappe.model.geometry import HistoryEntry
from trappe.model.store import Store
from trappe.model.validation import format_date


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


def format_hours(hours: float | None) -> str:
    if hours is None:
        return ""
    text = f"{hours:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text} t./uge"


def format_activity(a: Activity) -> str:
    """'Virksomhedspraktik: Lager, Føtex Nyborg, 10 t./uge'."""
    details = [p for p in (a.description, a.company, format_hours(a.hours_per_week)) if p]
    return f"{a.kind}: {', '.join(details)}" if details else a.kind


def responsible_text(a: Agreement, record: CitizenRecord) -> str:
    """Who is responsible, with the staff member's name where the case has one."""
    label = RESPONSIBLE_LABELS_DA.get(a.responsible, str(a.responsible))
    if a.responsible is Responsible.OTHER and a.responsible_other:
        return a.responsible_other
    staff = {
        Responsible.CASEWORKER: record.caseworker,
        Responsible.COMPANY_CONSULTANT: record.consultant,
    }.get(a.responsible)
    return f"{label} ({staff.name})" if staff else label


def _latest(placements: list[Placement], assessor: Assessor) -> Placement | None:
    mine = [p for p in placements if p.assessor is assessor]
    return mine[-1] if mine else None


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
) -> SheetData:
    """The sheet of one citizen at a meeting (default: the latest).

    With no ``meeting_id`` the staircase shows the citizen's placements now; with one, it
    shows them as they were at that meeting, and the agreements that were open then.
    The read is not logged here: the caller logs the export or print.
    """
    record = get_citizen_record(store, citizen_id, log_read=False)
    c = record.citizen
    meeting = _choose_meeting(record, meeting_id)
    as_of = meeting.held_on if (meeting is not None and meeting_id is not None) else None
    placements = [p for p in record.placements if as_of is None or p.placed_on <= as_of]
    current = _latest(placements, Assessor.PROFESSIONAL)
    own = _latest(placements, Assessor.CITIZEN)
    current_ids = {p.id for p in (current, own) if p is not None}
    history = [
        HistoryEntry(p.placed_on, p.assessor, p.step_id)
        for p in placements
        if p.id not in current_ids
    ]
    identifier = (c.identifier_masked if mask else c.identifier) or ""
    if as_of is None:
        open_agreements = record.open_agreements
    else:
        held = {m.id for m in record.meetings if m.held_on <= as_of}
        open_agreements = [
            a
            for m in record.meetings
            if m.id in held
            for a in m.agreements
            if a.done_on is None or a.done_on > as_of
        ]
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
        current_step_id=current.step_id if current else None,
        own_step_id=own.step_id if own else None,
        goal_step_id=c.goal_step_id,
        goal_date=c.goal_date,
        history=history,
        activities=[format_activity(a) for a in (meeting.activities if meeting else [])],
        agreements=[
            AgreementRow(a.what, responsible_text(a, record), format_date(a.due_on))
            for a in open_agreements
        ],
        next_meeting=meeting.next_meeting_on if meeting else c.next_meeting_on,
        notes=notes,
    )
