"""Dialogue meetings, placements and agreements: each save is one transaction."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date

from trappe.model.citizens import _agreement, get_citizen, load_meetings
from trappe.model.dates import from_db, to_db
from trappe.model.entities import (
    Activity,
    Agreement,
    Assessor,
    Meeting,
    MeetingInput,
    Responsible,
    Status,
)
from trappe.model.errors import NotFoundError, ValidationError
from trappe.model.progress import refresh_derived
from trappe.model.staircase import require_active_step
from trappe.model.store import Store, now_iso
from trappe.model.validation import NOTE_MAX, check_date, clean_text

MAX_AGREEMENTS = 200
MAX_ACTIVITIES = 50


def parse_hours(text: str, index: int) -> float | None:
    """Hours per week as typed in a meeting's activity row (7,5 or 7.5; empty: none); the
    range is checked with the rest of the meeting (``validate_meeting``)."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValidationError(
            f"activities[{index}].hours_per_week",
            f"Aktivitet {index + 1}: timer pr. uge skal være et tal, f.eks. 7,5.",
        ) from None


CLOSED_COURSE = "Forløbet er afsluttet. Genåbn borgeren for at registrere et møde."


def check_can_record(store: Store, citizen_id: int) -> None:
    """A new meeting may be recorded for the citizen (their course is open)."""
    if get_citizen(store, citizen_id).status is Status.CLOSED:
        raise ValidationError("status", CLOSED_COURSE)


def _clean_activity(a: Activity, i: int) -> Activity:
    label = f"Aktivitet {i + 1}"
    kind = clean_text(
        a.kind, f"activities[{i}].kind", f"{label}: typen", max_len=100, required=True
    )
    hours = a.hours_per_week
    if hours is not None and not (0 <= hours <= 80):
        raise ValidationError(
            f"activities[{i}].hours_per_week", f"{label}: timer pr. uge skal være mellem 0 og 80."
        )
    return Activity(
        kind=kind,
        description=clean_text(
            a.description, f"activities[{i}].description", f"{label}: beskrivelsen", max_len=500
        ),
        company=clean_text(
            a.company, f"activities[{i}].company", f"{label}: virksomheden", max_len=200
        ),
        hours_per_week=hours,
        id=a.id,
    )


def _clean_agreement(a: Agreement, i: int) -> Agreement:
    label = f"Aftale {i + 1}"
    try:
        responsible = Responsible(a.responsible)
    except ValueError:
        raise ValidationError(
            f"agreements[{i}].responsible", f"{label}: vælg hvem der er ansvarlig."
        ) from None
    return Agreement(
        what=clean_text(
            a.what,
            f"agreements[{i}].what",
            f"{label}: hvad",
            max_len=2000,
            required=True,
            multiline=True,
        ),
        responsible=responsible,
        due_on=check_date(a.due_on, f"agreements[{i}].due_on", f"{label}: fristen"),
        done_on=check_date(a.done_on, f"agreements[{i}].done_on", f"{label}: udført-dato"),
        responsible_other=clean_text(
            a.responsible_other,
            f"agreements[{i}].responsible_other",
            f"{label}: ansvarlig",
            max_len=200,
        ),
        id=a.id,
    )


def validate_meeting(
    store: Store, data: MeetingInput, *, kept_steps: Collection[int] = ()
) -> MeetingInput:
    """The cleaned input, or a ValidationError naming the first field that is wrong.

    ``kept_steps``: the steps an edited meeting already records, allowed even if retired since.
    """
    held_on = check_date(data.held_on, "held_on", "Mødedatoen", required=True)
    if data.professional_step_id is None:
        raise ValidationError(
            "professional_step_id", "Vælg det trin, I som fagpersoner placerer borgeren på."
        )
    require_active_step(
        store,
        data.professional_step_id,
        "professional_step_id",
        "Fagpersonernes placering",
        already=kept_steps,
    )
    require_active_step(
        store,
        data.citizen_step_id,
        "citizen_step_id",
        "Borgerens egen placering",
        already=kept_steps,
    )
    next_on = check_date(data.next_meeting_on, "next_meeting_on", "Næste samtale")
    if next_on is not None and next_on <= held_on:
        raise ValidationError("next_meeting_on", "Næste samtale skal ligge efter mødet.")
    if len(data.agreements) > MAX_AGREEMENTS:
        raise ValidationError("agreements", f"Højst {MAX_AGREEMENTS} aftaler pr. møde.")
    if len(data.activities) > MAX_ACTIVITIES:
        raise ValidationError("activities", f"Højst {MAX_ACTIVITIES} aktiviteter pr. møde.")
    return MeetingInput(
        held_on=held_on,
        professional_step_id=data.professional_step_id,
        citizen_step_id=data.citizen_step_id,
        participants=clean_text(data.participants, "participants", "Deltagerne", max_len=1000),
        caseworker_note=clean_text(
            data.caseworker_note,
            "caseworker_note",
            "Sagsbehandlerens notat",
            max_len=NOTE_MAX,
            multiline=True,
        ),
        consultant_note=clean_text(
            data.consultant_note,
            "consultant_note",
            "Virksomhedskonsulentens notat",
            max_len=NOTE_MAX,
            multiline=True,
        ),
        next_meeting_on=next_on,
        activities=[_clean_activity(a, i) for i, a in enumerate(data.activities)],
        agreements=[_clean_agreement(a, i) for i, a in enumerate(data.agreements)],
    )


def _write_parts(
    store: Store,
    citizen_id: int,
    meeting_id: int,
    data: MeetingInput,
    *,
    reuse: Collection[int] = frozenset(),
) -> None:
    """Placements, activities and agreements. An activity or agreement whose id is in
    ``reuse`` (the meeting's own rows being rewritten, or a deleted meeting's being restored)
    keeps that id, so undo commands and views that name it still find it; ids are never
    reused otherwise (they are AUTOINCREMENT)."""
    for assessor, step_id in (
        (Assessor.PROFESSIONAL, data.professional_step_id),
        (Assessor.CITIZEN, data.citizen_step_id),
    ):
        if step_id is not None:
            store.execute(
                "INSERT INTO placements (citizen_id, meeting_id, placed_on, assessed_by, step_id)"
                " VALUES (?, ?, ?, ?, ?)",
                (citizen_id, meeting_id, to_db(data.held_on), assessor.value, step_id),
            )
    for a in data.activities:
        store.execute(
            "INSERT INTO activities (id, meeting_id, kind, description, company, hours_per_week)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                a.id if a.id in reuse else None,
                meeting_id,
                a.kind,
                a.description,
                a.company,
                a.hours_per_week,
            ),
        )
    for pos, a in enumerate(data.agreements):
        store.execute(
            "INSERT INTO agreements (id, meeting_id, citizen_id, position, what, responsible,"
            " responsible_other, due_on, done_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                a.id if a.id in reuse else None,
                meeting_id,
                citizen_id,
                pos,
                a.what,
                a.responsible.value,
                a.responsible_other,
                to_db(a.due_on),
                to_db(a.done_on),
            ),
        )


def record_meeting(
    store: Store, citizen_id: int, data: MeetingInput, *, _restore: Meeting | None = None
) -> Meeting:
    """Save a dialogue meeting with its placements, activities and agreements, all or nothing."""
    with store.write():
        check_can_record(store, citizen_id)
        data = validate_meeting(store, data)
        if _restore is not None and store.query_one(
            "SELECT 1 FROM meetings WHERE id = ?", (_restore.id,)
        ):
            raise ValidationError("meeting", "Mødet findes allerede.")
        cur = store.execute(
            "INSERT INTO meetings (id, citizen_id, held_on, participants, caseworker_note,"
            " consultant_note, next_meeting_on, created_at, created_by, version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                _restore.id if _restore is not None else None,
                citizen_id,
                to_db(data.held_on),
                data.participants,
                data.caseworker_note,
                data.consultant_note,
                to_db(data.next_meeting_on),
                now_iso(),
                store.actor.name,
                _restore.version if _restore is not None else 1,  # as it was: undo commands match
            ),
        )
        meeting_id = int(cur.lastrowid)
        _write_parts(
            store,
            citizen_id,
            meeting_id,
            data,
            reuse=_own_part_ids(_restore) if _restore is not None else frozenset(),
        )
        refresh_derived(store, citizen_id)
        details: dict[str, object] = {"citizen_id": citizen_id}
        if _restore is not None:
            details["restored"] = True
        store.audit("create", "meeting", meeting_id, details)
        return get_meeting(store, meeting_id)


def restore_meeting(store: Store, meeting: Meeting) -> Meeting:
    """Record a deleted meeting again under its original id (and its agreements' ids), so
    that undo after undo keeps working: record, edit, delete, undo, undo."""
    return record_meeting(store, meeting.citizen_id, meeting_input(meeting), _restore=meeting)


def _check_version(store: Store, meeting_id: int, expected_version: int | None) -> None:
    if expected_version is None:
        return
    row = store.query_one(
        "SELECT m.version, m.held_on FROM meetings m WHERE m.id = ?", (meeting_id,)
    )
    if row is not None and row["version"] != expected_version:
        from trappe.model.citizens import conflict
        from trappe.model.validation import format_date

        label = f"Mødet den {format_date(from_db(row['held_on']))}"
        raise conflict(store, "meeting", meeting_id, label, row["version"])


def _bump(store: Store, meeting_id: int) -> None:
    store.execute("UPDATE meetings SET version = version + 1 WHERE id = ?", (meeting_id,))


def update_meeting(
    store: Store, meeting_id: int, data: MeetingInput, *, expected_version: int | None = None
) -> Meeting:
    """Replace what was recorded at a meeting (its placements, activities, agreements too).

    ``expected_version``: the version the edit began from; if someone saved the meeting (or
    ticked one of its agreements) since, ``EditConflict`` is raised and nothing is written.
    """
    with store.write():
        citizen_id = _meeting_citizen(store, meeting_id)
        _check_version(store, meeting_id, expected_version)
        kept = {
            r[0]
            for r in store.query(
                "SELECT step_id FROM placements WHERE meeting_id = ?", (meeting_id,)
            )
        }
        data = validate_meeting(store, data, kept_steps=kept)
        store.execute(
            "UPDATE meetings SET held_on=?, participants=?, caseworker_note=?, consultant_note=?,"
            " next_meeting_on=?, version = version + 1 WHERE id=?",
            (
                to_db(data.held_on),
                data.participants,
                data.caseworker_note,
                data.consultant_note,
                to_db(data.next_meeting_on),
                meeting_id,
            ),
        )
        own = {
            r[0]
            for r in store.query(
                "SELECT id FROM activities WHERE meeting_id = ?"
                " UNION ALL SELECT id FROM agreements WHERE meeting_id = ?",
                (meeting_id, meeting_id),
            )
        }
        for table in ("placements", "activities", "agreements"):
            store.execute(f"DELETE FROM {table} WHERE meeting_id = ?", (meeting_id,))
        _write_parts(store, citizen_id, meeting_id, data, reuse=own)
        refresh_derived(store, citizen_id)
        store.audit("update", "meeting", meeting_id, {"citizen_id": citizen_id})
        # Read inside the transaction: what this save wrote, not a later save's.
        return get_meeting(store, meeting_id)


def delete_meeting(store: Store, meeting_id: int, *, expected_version: int | None = None) -> None:
    """Delete a meeting with its placements, activities and agreements; its text leaves the
    file and the WAL too (``trappe.model.erasure``)."""
    from trappe.model import erasure

    with store.write():
        citizen_id = _meeting_citizen(store, meeting_id)
        _check_version(store, meeting_id, expected_version)
        store.execute("DELETE FROM meetings WHERE id = ?", (meeting_id,))
        refresh_derived(store, citizen_id)
        store.audit("delete", "meeting", meeting_id, {"citizen_id": citizen_id})
    erasure.checkpoint(store)


def _meeting_citizen(store: Store, meeting_id: int) -> int:
    row = store.query_one("SELECT citizen_id FROM meetings WHERE id = ?", (meeting_id,))
    if row is None:
        raise NotFoundError("Mødet findes ikke (måske er det slettet).")
    return int(row[0])


def get_meeting(store: Store, meeting_id: int) -> Meeting:
    citizen_id = _meeting_citizen(store, meeting_id)
    for m in load_meetings(store, citizen_id):
        if m.id == meeting_id:
            return m
    raise NotFoundError("Mødet findes ikke.")


def meeting_input(meeting: Meeting) -> MeetingInput:
    """The input that recreates a meeting (for editing it, or undoing a deletion); its
    activities and agreements carry their ids, which a rewrite of the same meeting keeps."""
    return MeetingInput(
        held_on=meeting.held_on,
        professional_step_id=meeting.professional_step_id,
        citizen_step_id=meeting.citizen_step_id,
        participants=meeting.participants,
        caseworker_note=meeting.caseworker_note,
        consultant_note=meeting.consultant_note,
        next_meeting_on=meeting.next_meeting_on,
        activities=list(meeting.activities),
        agreements=[replace(a, meeting_id=None) for a in meeting.agreements],
    )


def same_content(a: Meeting, b: Meeting) -> bool:
    """Whether two readings of a meeting record the same things (ids and versions aside)."""

    def content(m: Meeting) -> MeetingInput:
        data = meeting_input(m)
        return replace(
            data,
            activities=[replace(x, id=None) for x in data.activities],
            agreements=[replace(x, id=None) for x in data.agreements],
        )

    return content(a) == content(b)


def _own_part_ids(meeting: Meeting) -> frozenset[int]:
    return frozenset(x.id for x in (*meeting.activities, *meeting.agreements) if x.id is not None)


# -- agreements -------------------------------------------------------------------------------
def get_agreement(store: Store, agreement_id: int) -> Agreement:
    row = store.query_one("SELECT * FROM agreements WHERE id = ?", (agreement_id,))
    if row is None:
        raise NotFoundError("Aftalen findes ikke.")
    return _agreement(row)


def set_agreement_done(store: Store, agreement_id: int, done_on: date | None) -> Agreement:
    """Mark an agreement done on a date, or not done (None)."""
    done_on = check_date(done_on, "done_on", "Udført-datoen")
    with store.write():
        agreement = get_agreement(store, agreement_id)
        store.execute(
            "UPDATE agreements SET done_on = ? WHERE id = ?", (to_db(done_on), agreement_id)
        )
        if agreement.meeting_id is not None:
            _bump(store, agreement.meeting_id)
        store.audit("update", "agreement", agreement_id, {"fields": ["done_on"]})
    return get_agreement(store, agreement_id)
