"""Citizens: create, edit, close, reopen, erase, read one record, search the caseload."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date
from typing import Any

from trappe.model import erasure
from trappe.model.caseload import (
    SORT_COLUMNS,
    CaseloadView,
    CitizenQuery,
    CitizenRow,
    citizen_ids,
    count_citizens,
    search_citizens,
)
from trappe.model.dates import from_db, to_db
from trappe.model.entities import (
    Activity,
    Agreement,
    Assessor,
    Citizen,
    CitizenInput,
    CitizenRecord,
    CloseReason,
    Meeting,
    Placement,
    Responsible,
    Role,
    Staff,
    Status,
    TargetGroup,
)
from trappe.model.errors import EditConflict, NotFoundError, ValidationError
from trappe.model.schema import search_text
from trappe.model.staircase import ensure_staff, list_staff, require_active_step
from trappe.model.store import Store, now_iso
from trappe.model.validation import (
    NAME_MAX,
    NOTE_MAX,
    check_date,
    clean_text,
    enum_value,
    normalise_identifier,
)

FIELD_LABELS = {
    "name": "navn",
    "identifier": "CPR-/sagsnummer",
    "identifier_kind": "CPR-/sagsnummer",
    "target_group_id": "målgruppe",
    "caseworker_id": "sagsbehandler",
    "consultant_id": "virksomhedskonsulent",
    "start_date": "startdato",
    "goal_step_id": "måltrin",
    "goal_date": "måldato",
    "status": "forløbets status",
}


# -- reading --------------------------------------------------------------------------------
def _citizen(row: Any) -> Citizen:
    return Citizen(
        id=row["id"],
        name=row["name"],
        identifier=row["identifier"],
        target_group_id=row["target_group_id"],
        caseworker_id=row["caseworker_id"],
        consultant_id=row["consultant_id"],
        start_date=from_db(row["start_date"]),
        goal_step_id=row["goal_step_id"],
        goal_date=from_db(row["goal_date"]),
        status=Status(row["status"]),
        closed_on=from_db(row["closed_on"]),
        closed_reason=CloseReason(row["closed_reason"]) if row["closed_reason"] else None,
        closed_note=row["closed_note"],
        identifier_kind=row["identifier_kind"],
        current_step_id=row["current_step_id"],
        current_step_since=from_db(row["current_step_since"]),
        own_step_id=row["own_step_id"],
        last_meeting_on=from_db(row["last_meeting_on"]),
        next_meeting_on=from_db(row["next_meeting_on"]),
        version=row["version"],
    )


def get_citizen(store: Store, citizen_id: int) -> Citizen:
    """The citizen's own row (not logged; use ``get_citizen_record`` to open a case)."""
    row = store.query_one("SELECT * FROM citizens WHERE id = ?", (citizen_id,))
    if row is None:
        raise NotFoundError("Borgeren findes ikke (måske er borgeren slettet).")
    return _citizen(row)


def get_citizen_record(store: Store, citizen_id: int, *, log_read: bool = True) -> CitizenRecord:
    """Everything about one citizen; the read is written to the audit log.

    One query per table, plain tuples of only the columns shown (a record with two hundred
    meetings has a thousand rows to read): the citizen with their target group and staff,
    the placements, the activities, the agreements, the meetings.
    """
    row = store.tuples(_RECORD_SQL, (citizen_id,))
    if not row:
        raise NotFoundError("Borgeren findes ikke (måske er borgeren slettet).")
    r = row[0]
    citizen = _citizen(dict(zip(_CITIZEN_COLUMNS, r, strict=False)))
    n = len(_CITIZEN_COLUMNS)
    group = None
    if r[n] is not None:
        group = TargetGroup(r[n], r[n + 1], r[n + 2], r[n + 3] is not None)
    caseworker = Staff(r[n + 4], r[n + 5], Role(r[n + 6])) if r[n + 4] is not None else None
    consultant = Staff(r[n + 7], r[n + 8], Role(r[n + 9])) if r[n + 7] is not None else None
    placements = load_placements(store, citizen_id)
    meetings = load_meetings(store, citizen_id, placements)
    if log_read:
        with store.write():
            store.audit("read", "citizen", citizen_id)
    return CitizenRecord(citizen, placements, meetings, group, caseworker, consultant)


_CITIZEN_COLUMNS = (
    "id",
    "name",
    "identifier",
    "target_group_id",
    "caseworker_id",
    "consultant_id",
    "start_date",
    "goal_step_id",
    "goal_date",
    "status",
    "closed_on",
    "closed_reason",
    "closed_note",
    "identifier_kind",
    "current_step_id",
    "current_step_since",
    "own_step_id",
    "last_meeting_on",
    "next_meeting_on",
    "version",
)
_RECORD_SQL = (
    "SELECT "
    + ", ".join(f"c.{name}" for name in _CITIZEN_COLUMNS)
    + ", g.id, g.name, g.position, g.retired_on, cw.id, cw.name, cw.role,"
    " vk.id, vk.name, vk.role FROM citizens c"
    " LEFT JOIN target_groups g ON g.id = c.target_group_id"
    " LEFT JOIN staff cw ON cw.id = c.caseworker_id"
    " LEFT JOIN staff vk ON vk.id = c.consultant_id"
    " WHERE c.id = ?"
)


# Enum members by stored value: a dict lookup, not an Enum call, per row (a record with two
# hundred meetings has a thousand rows to read).
_ASSESSORS = {a.value: a for a in Assessor}
_RESPONSIBLES = {r.value: r for r in Responsible}
_day = date.fromisoformat
_new = object.__new__
_set = object.__setattr__


# The record's many small objects are made by setting each instance's ``__dict__`` at once,
# instead of the frozen dataclasses' generated ``__init__`` (one ``object.__setattr__`` per
# field): a third of the cost of reading a long record. The classes have no ``__post_init__``
# or slots, and every field is given; the field names are checked against the classes here.
def _placement(i: int, c: int, on: date, by: Assessor, step: int, meeting: int | None) -> Any:
    obj = _new(Placement)
    _set(
        obj,
        "__dict__",
        {
            "id": i,
            "citizen_id": c,
            "placed_on": on,
            "assessor": by,
            "step_id": step,
            "meeting_id": meeting,
        },
    )
    return obj


def _activity(kind: str, description: str, company: str, hours: Any, i: int) -> Any:
    obj = _new(Activity)
    _set(
        obj,
        "__dict__",
        {
            "kind": kind,
            "description": description,
            "company": company,
            "hours_per_week": hours,
            "id": i,
        },
    )
    return obj


def _agreement_of(
    what: str, by: Responsible, due: Any, done: Any, other: str, i: int, meeting: int
) -> Any:
    obj = _new(Agreement)
    _set(
        obj,
        "__dict__",
        {
            "what": what,
            "responsible": by,
            "due_on": due,
            "done_on": done,
            "responsible_other": other,
            "id": i,
            "meeting_id": meeting,
        },
    )
    return obj


def _meeting(
    i: int,
    c: int,
    held: date,
    participants: str,
    pro: int | None,
    own: int | None,
    cw_note: str,
    vk_note: str,
    next_on: date | None,
    activities: list[Activity],
    agreements: list[Agreement],
    version: int,
) -> Any:
    obj = _new(Meeting)
    _set(
        obj,
        "__dict__",
        {
            "id": i,
            "citizen_id": c,
            "held_on": held,
            "participants": participants,
            "professional_step_id": pro,
            "citizen_step_id": own,
            "caseworker_note": cw_note,
            "consultant_note": vk_note,
            "next_meeting_on": next_on,
            "activities": activities,
            "agreements": agreements,
            "version": version,
        },
    )
    return obj


def _check_makers() -> None:
    probe = {
        _placement: (Placement, 6),
        _activity: (Activity, 5),
        _agreement_of: (Agreement, 7),
        _meeting: (Meeting, 12),
    }
    for make, (cls, n) in probe.items():
        names = tuple(f.name for f in dataclasses.fields(cls))
        assert not hasattr(cls, "__post_init__") and not hasattr(cls, "__slots__"), cls
        assert tuple(make(*range(n)).__dict__) == names, cls


_check_makers()


def load_placements(store: Store, citizen_id: int) -> list[Placement]:
    """All of a citizen's placements, oldest first (both professionals' and their own)."""
    assessors, day, make = _ASSESSORS, _day, _placement
    return [
        make(i, citizen_id, day(placed_on), assessors[by], step_id, meeting_id)
        for i, placed_on, by, step_id, meeting_id in store.tuples(
            "SELECT id, placed_on, assessed_by, step_id, meeting_id FROM placements"
            " WHERE citizen_id = ? ORDER BY placed_on, id",
            (citizen_id,),
        )
    ]


def load_meetings(
    store: Store, citizen_id: int, placements: list[Placement] | None = None
) -> list[Meeting]:
    if placements is None:
        placements = load_placements(store, citizen_id)
    # Each meeting's two placements (the last entered counts, as placements are in order).
    pro = {p.meeting_id: p.step_id for p in placements if p.assessor is Assessor.PROFESSIONAL}
    own = {p.meeting_id: p.step_id for p in placements if p.assessor is Assessor.CITIZEN}
    activities: dict[int, list[Activity]] = {}
    for meeting_id, kind, description, company, hours, activity_id in store.tuples(
        "SELECT a.meeting_id, a.kind, a.description, a.company, a.hours_per_week, a.id"
        " FROM activities a JOIN meetings m ON m.id = a.meeting_id"
        " WHERE m.citizen_id = ? ORDER BY a.id",
        (citizen_id,),
    ):
        activities.setdefault(meeting_id, []).append(
            _activity(kind, description, company, hours, activity_id)
        )
    agreements: dict[int, list[Agreement]] = {}
    responsibles, day, make = _RESPONSIBLES, _day, _agreement_of
    for meeting_id, what, responsible, due, done, other, agreement_id in store.tuples(
        "SELECT meeting_id, what, responsible, due_on, done_on, responsible_other, id"
        " FROM agreements WHERE citizen_id = ? ORDER BY meeting_id, position, id",
        (citizen_id,),
    ):
        agreements.setdefault(meeting_id, []).append(
            make(
                what,
                responsibles[responsible],
                day(due) if due else None,
                day(done) if done else None,
                other,
                agreement_id,
                meeting_id,
            )
        )
    return [
        _meeting(
            mid,
            citizen_id,
            day(held),
            participants,
            pro.get(mid),
            own.get(mid),
            cw_note,
            vk_note,
            day(next_on) if next_on else None,
            activities.get(mid) or [],
            agreements.get(mid) or [],
            version,
        )
        for mid, held, participants, cw_note, vk_note, next_on, version in store.tuples(
            "SELECT id, held_on, participants, caseworker_note, consultant_note,"
            " next_meeting_on, version FROM meetings WHERE citizen_id = ? ORDER BY held_on, id",
            (citizen_id,),
        )
    ]


def _agreement(r: Any) -> Agreement:
    due, done = r["due_on"], r["done_on"]
    return Agreement(
        what=r["what"],
        responsible=_RESPONSIBLES[r["responsible"]],
        due_on=_day(due) if due else None,
        done_on=_day(done) if done else None,
        responsible_other=r["responsible_other"],
        id=r["id"],
        meeting_id=r["meeting_id"],
    )


# -- writing --------------------------------------------------------------------------------
def conflict(
    store: Store, object_type: str, object_id: int, label: str, current_version: int
) -> EditConflict:
    """``EditConflict`` naming who saved ``label`` last, when, and which fields."""
    import json
    from datetime import datetime

    row = store.query_one(
        "SELECT at, user_name, details FROM audit_log WHERE object_type = ? AND object_id = ?"
        " AND action IN ('update', 'create') ORDER BY id DESC LIMIT 1",
        (object_type, object_id),
    )
    who = ""
    if row is not None:
        try:
            at = datetime.fromisoformat(row["at"]).astimezone()
            when = f" den {at:%d-%m-%Y} kl. {at:%H:%M}"
        except ValueError:
            when = ""
        who = f" af {row['user_name']}{when}"
        try:
            fields = json.loads(row["details"]).get("fields", []) if row["details"] else []
        except (ValueError, AttributeError):
            fields = []
        names = sorted({FIELD_LABELS.get(f, "") for f in fields} - {""})
        if names:
            who += f" ({', '.join(names)})"
    return EditConflict(
        f"{label} er ændret{who}, mens du havde den åben. Din ændring er ikke gemt. "
        "Genindlæs for at se den gemte udgave, eller behold din tekst og gem igen for at "
        "skrive din udgave oven i.",
        object_type,
        current_version,
    )


def _validated(store: Store, data: CitizenInput, old: sqlite3.Row | None = None) -> dict[str, Any]:
    """Clean values for the citizens table; ``old`` is the row being edited, if any.

    A goal step or target group retired since it was chosen may stay on that citizen; it just
    cannot be chosen anew.
    """
    name = clean_text(data.name, "name", "Navnet", max_len=NAME_MAX, required=True)
    identifier, kind = normalise_identifier(data.identifier)
    start = check_date(data.start_date or date.today(), "start_date", "Startdatoen")
    goal_date = check_date(data.goal_date, "goal_date", "Måldatoen")
    if goal_date is not None and goal_date < start:
        raise ValidationError("goal_date", "Måldatoen kan ikke ligge før startdatoen.")
    require_active_step(
        store,
        data.goal_step_id,
        "goal_step_id",
        "Måltrinnet",
        already=() if old is None or old["goal_step_id"] is None else (old["goal_step_id"],),
    )
    if data.target_group_id is not None:
        group = store.query_one(
            "SELECT retired_on FROM target_groups WHERE id = ?", (data.target_group_id,)
        )
        if group is None:
            raise ValidationError("target_group_id", "Målgruppen findes ikke.")
        kept = old is not None and old["target_group_id"] == data.target_group_id
        if group["retired_on"] is not None and not kept:
            raise ValidationError("target_group_id", "Målgruppen er udgået og kan ikke vælges.")
    staff_ids = {}
    for field, staff_id, staff_name, role, label in (
        (
            "caseworker_id",
            data.caseworker_id,
            data.caseworker_name,
            Role.CASEWORKER,
            "Sagsbehandleren",
        ),
        (
            "consultant_id",
            data.consultant_id,
            data.consultant_name,
            Role.COMPANY_CONSULTANT,
            "Virksomhedskonsulenten",
        ),
    ):
        if staff_id is None and staff_name.strip():
            staff_id = _staff_by_name(store, staff_name, role, field, label)
        elif (
            staff_id is not None
            and store.query_one("SELECT 1 FROM staff WHERE id = ?", (staff_id,)) is None
        ):
            raise ValidationError(field, f"{label} findes ikke.")
        staff_ids[field] = staff_id
    return {
        "name": name,
        "identifier": identifier,
        "identifier_kind": kind,
        "target_group_id": data.target_group_id,
        "caseworker_id": staff_ids["caseworker_id"],
        "consultant_id": staff_ids["consultant_id"],
        "start_date": to_db(start),
        "goal_step_id": data.goal_step_id,
        "goal_date": to_db(goal_date),
        "search_text": search_text(name, identifier),
    }


def _staff_by_name(store: Store, name: str, role: Role, field: str, label: str) -> int:
    """The colleague in ``role`` called ``name`` (any case), added to the staff list if new.

    Called inside the citizen's save, so a save that fails later adds nobody.
    """
    name = clean_text(" ".join(name.split()), field, label, max_len=NAME_MAX, required=True)
    wanted = name.casefold()
    for staff in list_staff(store, role):
        if staff.name.casefold() == wanted:
            return staff.id  # "mette sørensen" is Mette Sørensen
    assert store.conn.in_transaction, "staff are created inside the citizen's save"
    return ensure_staff(store, name, role).id


def citizen_input(c: Citizen) -> CitizenInput:
    """The input that gives back ``c``'s editable fields (undoing an edit)."""
    return CitizenInput(
        name=c.name,
        identifier=c.identifier,
        target_group_id=c.target_group_id,
        caseworker_id=c.caseworker_id,
        consultant_id=c.consultant_id,
        start_date=c.start_date,
        goal_step_id=c.goal_step_id,
        goal_date=c.goal_date,
    )


def create_citizen(store: Store, data: CitizenInput) -> Citizen:
    with store.write():
        values = _validated(store, data)
        stamp = now_iso()
        values.update(status="active", created_at=stamp, updated_at=stamp)
        cols = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cur = store.execute(
            f"INSERT INTO citizens ({cols}) VALUES ({marks})", tuple(values.values())
        )
        citizen_id = int(cur.lastrowid)
        store.audit("create", "citizen", citizen_id)
        return get_citizen(store, citizen_id)


def update_citizen(
    store: Store, citizen_id: int, data: CitizenInput, *, expected_version: int | None = None
) -> Citizen:
    """Save an edit; ``expected_version`` is the version the edit began from (if someone has
    saved the citizen since, ``EditConflict`` says who and what, and nothing is written)."""
    with store.write():
        old = store.query_one("SELECT * FROM citizens WHERE id = ?", (citizen_id,))
        if old is None:
            raise NotFoundError("Borgeren findes ikke (måske er borgeren slettet).")
        if expected_version is not None and old["version"] != expected_version:
            raise conflict(
                store, "citizen", citizen_id, f"Borgeren «{old['name']}»", old["version"]
            )
        values = _validated(store, data, old)
        changed = sorted(k for k, v in values.items() if k != "search_text" and old[k] != v)
        values["updated_at"] = now_iso()
        sets = ", ".join(f"{k} = ?" for k in values)
        store.execute(
            f"UPDATE citizens SET {sets}, version = version + 1 WHERE id = ?",
            (*values.values(), citizen_id),
        )
        store.audit("update", "citizen", citizen_id, {"fields": changed})
        # A corrected name, CPR or case number is personal data the user replaced: its words
        # leave the search index now, and its old page leaves the WAL after the write.
        renamed = values["search_text"] != old["search_text"]
        if renamed:
            erasure.purge_search_index(store)
        citizen = get_citizen(store, citizen_id)
    if renamed:
        erasure.checkpoint(store)
    return citizen


def close_citizen(
    store: Store,
    citizen_id: int,
    reason: CloseReason,
    closed_on: date | None = None,
    note: str = "",
) -> Citizen:
    """Close the course (job, education, flexjob, moved … see ``CloseReason``); history is kept."""
    reason = enum_value(CloseReason, reason, "closed_reason", "Afslutningsårsagen")
    note = clean_text(note, "closed_note", "Bemærkningen", max_len=NOTE_MAX, multiline=True)
    with store.write():
        citizen = get_citizen(store, citizen_id)
        closed_on = check_date(closed_on or date.today(), "closed_on", "Afslutningsdatoen")
        if closed_on < citizen.start_date:
            raise ValidationError("closed_on", "Forløbet kan ikke afsluttes før det startede.")
        if citizen.status is Status.CLOSED:
            raise ValidationError("status", "Forløbet er allerede afsluttet.")
        reopened = store.scalar(
            "SELECT max(started_on) FROM course_periods WHERE citizen_id = ?", (citizen_id,)
        )
        if reopened is not None and to_db(closed_on) < reopened:
            raise ValidationError(
                "closed_on", "Forløbet kan ikke afsluttes før den dato, det blev genåbnet."
            )
        store.execute(
            "UPDATE citizens SET status='closed', closed_on=?, closed_reason=?, closed_note=?,"
            " updated_at=?, version = version + 1 WHERE id=?",
            (to_db(closed_on), reason.value, note, now_iso(), citizen_id),
        )
        store.audit(
            "update",
            "citizen",
            citizen_id,
            {"fields": ["status"], "status": "closed", "reason": reason.value},
        )
        return get_citizen(store, citizen_id)


def reopen_citizen(store: Store, citizen_id: int, on: date | None = None) -> Citizen:
    """Reopen a closed course from ``on`` (default today).

    The course counts as a new period from that day: on the days between closing and
    reopening the citizen stays closed (with the reason given), so figures about those days
    and earlier never change. Reopening on the closing day itself takes the closing back.
    """
    with store.write():
        citizen = get_citizen(store, citizen_id)
        if citizen.status is Status.ACTIVE:
            raise ValidationError("status", "Forløbet er allerede aktivt.")
        on = check_date(on or date.today(), "reopened_on", "Genåbningsdatoen")
        if citizen.closed_on is not None and on < citizen.closed_on:
            raise ValidationError(
                "reopened_on", "Forløbet kan ikke genåbnes før den dato, det blev afsluttet."
            )
        store.execute(
            "UPDATE citizens SET status='active', closed_on=NULL, closed_reason=NULL,"
            " closed_note='', updated_at=?, version = version + 1 WHERE id=?",
            (now_iso(), citizen_id),
        )
        reopen_period(store, citizen_id, on)
        store.audit("update", "citizen", citizen_id, {"fields": ["status"], "status": "active"})
        return get_citizen(store, citizen_id)


def course_period_ids(store: Store, citizen_id: int) -> set[int]:
    return {
        r[0]
        for r in store.query("SELECT id FROM course_periods WHERE citizen_id = ?", (citizen_id,))
    }


def undo_reopen(
    store: Store,
    citizen_id: int,
    closed_on: date | None,
    reason: CloseReason,
    note: str,
    period_id: int | None,
) -> Citizen:
    """Take a reopening back: the course is closed again as it was, and the period the
    reopening started (``period_id``; ``None`` when it resumed the last one) is removed, so
    figures about every date come out as before the reopening."""
    reason = enum_value(CloseReason, reason, "closed_reason", "Afslutningsårsagen")
    with store.write():
        citizen = get_citizen(store, citizen_id)
        if citizen.status is Status.CLOSED:
            raise ValidationError("status", "Forløbet er allerede afsluttet.")
        closed_on = check_date(closed_on, "closed_on", "Afslutningsdatoen", required=True)
        if period_id is not None:
            store.execute(
                "DELETE FROM course_periods WHERE id = ? AND citizen_id = ?",
                (period_id, citizen_id),
            )
        store.execute(
            "UPDATE citizens SET status='closed', closed_on=?, closed_reason=?, closed_note=?,"
            " updated_at=? WHERE id=?",
            (to_db(closed_on), reason.value, note, now_iso(), citizen_id),
        )
        store.audit(
            "update",
            "citizen",
            citizen_id,
            {"fields": ["status"], "status": "closed", "reason": reason.value, "undo": True},
        )
        return get_citizen(store, citizen_id)


def reopen_period(store: Store, citizen_id: int, on: date) -> None:
    """A new period of the course from ``on``; on the closing day, the last period resumes."""
    with store.write():
        get_citizen(store, citizen_id)
        _reopen_period(store, citizen_id, on)


def _reopen_period(store: Store, citizen_id: int, on: date) -> None:
    last = store.query_one(
        "SELECT id, ended_on FROM course_periods WHERE citizen_id = ?"
        " ORDER BY started_on DESC, id DESC LIMIT 1",
        (citizen_id,),
    )
    if last is not None and last["ended_on"] == to_db(on):
        store.execute(
            "UPDATE course_periods SET ended_on = NULL, end_reason = NULL WHERE id = ?",
            (last["id"],),
        )
    else:
        store.execute(
            "INSERT INTO course_periods (citizen_id, started_on) VALUES (?, ?)",
            (citizen_id, to_db(on)),
        )


def erase_citizen(store: Store, citizen_id: int) -> None:
    """Delete the citizen and everything about them (meetings, placements, agreements …).

    The audit log keeps only that citizen #id was erased, by whom and when: no personal data.
    A verified backup is taken first; afterwards the search index is merged and the WAL is
    checkpointed, and with ``secure_delete`` the citizen's bytes are gone from the file, its
    WAL, free pages and the search index (``trappe.model.erasure``; they remain in backups
    until those rotate out). Ids are never reused (AUTOINCREMENT).
    """
    from trappe.model import backup, erasure

    get_citizen(store, citizen_id)
    nested = store.conn.in_transaction  # inside a caller's write, which backs up first
    if not nested:
        backup.before(store, "sletning")
    with store.write():
        get_citizen(store, citizen_id)
        store.execute("DELETE FROM citizens WHERE id = ?", (citizen_id,))
        erasure.purge_search_index(store)
        store.audit("delete", "citizen", citizen_id)
    if not nested:
        store.checkpoint()


# -- the caseload ---------------------------------------------------------------------------
# The query itself lives in ``trappe.model.caseload``; these names stay importable from here.
__all__ = [
    "SORT_COLUMNS",
    "CaseloadView",
    "CitizenQuery",
    "CitizenRow",
    "citizen_ids",
    "count_citizens",
    "search_citizens",
]
