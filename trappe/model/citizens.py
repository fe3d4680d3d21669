"""Citizens: create, edit, close, reopen, erase, read one record, search the caseload."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from trappe.model import audit
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
    NextMeetingFilter,
    Placement,
    Responsible,
    Role,
    Staff,
    Status,
    TargetGroup,
)
from trappe.model.errors import NotFoundError, ValidationError
from trappe.model.schema import search_text
from trappe.model.staircase import ensure_staff, list_staff, require_active_step
from trappe.model.store import Store, now_iso
from trappe.model.validation import (
    NAME_MAX,
    NOTE_MAX,
    check_date,
    clean_text,
    mask_identifier,
    normalise_identifier,
)


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
    )


def get_citizen(store: Store, citizen_id: int) -> Citizen:
    """The citizen's own row (not logged; use ``get_citizen_record`` to open a case)."""
    row = store.query_one("SELECT * FROM citizens WHERE id = ?", (citizen_id,))
    if row is None:
        raise NotFoundError("Borgeren findes ikke (måske er borgeren slettet).")
    return _citizen(row)


def get_citizen_record(store: Store, citizen_id: int, *, log_read: bool = True) -> CitizenRecord:
    """Everything about one citizen; the read is written to the audit log."""
    citizen = get_citizen(store, citizen_id)
    placements = load_placements(store, citizen_id)
    meetings = load_meetings(store, citizen_id, placements)
    group = None
    if citizen.target_group_id is not None:
        r = store.query_one("SELECT * FROM target_groups WHERE id = ?", (citizen.target_group_id,))
        group = TargetGroup(r["id"], r["name"], r["position"], r["retired_on"] is not None)
    staff = {
        r["id"]: Staff(r["id"], r["name"], Role(r["role"]))
        for r in store.query(
            "SELECT * FROM staff WHERE id IN (?, ?)", (citizen.caseworker_id, citizen.consultant_id)
        )
    }
    if log_read:
        with store.write():
            store.audit("read", "citizen", citizen_id)
    return CitizenRecord(
        citizen,
        placements,
        meetings,
        group,
        staff.get(citizen.caseworker_id),
        staff.get(citizen.consultant_id),
    )


def load_placements(store: Store, citizen_id: int) -> list[Placement]:
    """All of a citizen's placements, oldest first (both professionals' and their own)."""
    return [
        Placement(
            r["id"],
            citizen_id,
            from_db(r["placed_on"]),
            Assessor(r["assessed_by"]),
            r["step_id"],
            r["meeting_id"],
        )
        for r in store.query(
            "SELECT * FROM placements WHERE citizen_id = ? ORDER BY placed_on, id", (citizen_id,)
        )
    ]


def load_meetings(
    store: Store, citizen_id: int, placements: list[Placement] | None = None
) -> list[Meeting]:
    if placements is None:
        placements = load_placements(store, citizen_id)
    by_meeting: dict[int, dict[Assessor, int]] = {}
    for p in placements:
        if p.meeting_id is not None:
            by_meeting.setdefault(p.meeting_id, {})[p.assessor] = p.step_id
    activities: dict[int, list[Activity]] = {}
    for r in store.query(
        "SELECT a.* FROM activities a JOIN meetings m ON m.id = a.meeting_id "
        "WHERE m.citizen_id = ? ORDER BY a.id",
        (citizen_id,),
    ):
        activities.setdefault(r["meeting_id"], []).append(
            Activity(r["kind"], r["description"], r["company"], r["hours_per_week"], r["id"])
        )
    agreements: dict[int, list[Agreement]] = {}
    for r in store.query(
        "SELECT * FROM agreements WHERE citizen_id = ? ORDER BY meeting_id, position, id",
        (citizen_id,),
    ):
        agreements.setdefault(r["meeting_id"], []).append(_agreement(r))
    return [
        Meeting(
            id=r["id"],
            citizen_id=citizen_id,
            held_on=from_db(r["held_on"]),
            participants=r["participants"],
            professional_step_id=by_meeting.get(r["id"], {}).get(Assessor.PROFESSIONAL),
            citizen_step_id=by_meeting.get(r["id"], {}).get(Assessor.CITIZEN),
            caseworker_note=r["caseworker_note"],
            consultant_note=r["consultant_note"],
            next_meeting_on=from_db(r["next_meeting_on"]),
            activities=activities.get(r["id"], []),
            agreements=agreements.get(r["id"], []),
        )
        for r in store.query(
            "SELECT * FROM meetings WHERE citizen_id = ? ORDER BY held_on, id", (citizen_id,)
        )
    ]


def _agreement(r: Any) -> Agreement:
    return Agreement(
        what=r["what"],
        responsible=Responsible(r["responsible"]),
        due_on=from_db(r["due_on"]),
        done_on=from_db(r["done_on"]),
        responsible_other=r["responsible_other"],
        id=r["id"],
        meeting_id=r["meeting_id"],
    )


# -- writing --------------------------------------------------------------------------------
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


def update_citizen(store: Store, citizen_id: int, data: CitizenInput) -> Citizen:
    with store.write():
        old = store.query_one("SELECT * FROM citizens WHERE id = ?", (citizen_id,))
        if old is None:
            raise NotFoundError("Borgeren findes ikke (måske er borgeren slettet).")
        values = _validated(store, data, old)
        changed = sorted(k for k, v in values.items() if k != "search_text" and old[k] != v)
        values["updated_at"] = now_iso()
        sets = ", ".join(f"{k} = ?" for k in values)
        store.execute(f"UPDATE citizens SET {sets} WHERE id = ?", (*values.values(), citizen_id))
        store.audit("update", "citizen", citizen_id, {"fields": changed})
    return get_citizen(store, citizen_id)


def close_citizen(
    store: Store,
    citizen_id: int,
    reason: CloseReason,
    closed_on: date | None = None,
    note: str = "",
) -> Citizen:
    """Close the course (job, education, flexjob, moved … see ``CloseReason``); history is kept."""
    reason = CloseReason(reason)
    note = clean_text(note, "closed_note", "Bemærkningen", max_len=NOTE_MAX, multiline=True)
    with store.write():
        citizen = get_citizen(store, citizen_id)
        closed_on = check_date(closed_on or date.today(), "closed_on", "Afslutningsdatoen")
        if closed_on < citizen.start_date:
            raise ValidationError("closed_on", "Forløbet kan ikke afsluttes før det startede.")
        if citizen.status is Status.CLOSED:
            raise ValidationError("status", "Forløbet er allerede afsluttet.")
        store.execute(
            "UPDATE citizens SET status='closed', closed_on=?, closed_reason=?, closed_note=?,"
            " updated_at=? WHERE id=?",
            (to_db(closed_on), reason.value, note, now_iso(), citizen_id),
        )
        store.audit(
            "update",
            "citizen",
            citizen_id,
            {"fields": ["status"], "status": "closed", "reason": reason.value},
        )
    return get_citizen(store, citizen_id)


def reopen_citizen(store: Store, citizen_id: int) -> Citizen:
    with store.write():
        citizen = get_citizen(store, citizen_id)
        if citizen.status is Status.ACTIVE:
            raise ValidationError("status", "Forløbet er allerede aktivt.")
        store.execute(
            "UPDATE citizens SET status='active', closed_on=NULL, closed_reason=NULL,"
            " closed_note='', updated_at=? WHERE id=?",
            (now_iso(), citizen_id),
        )
        store.audit("update", "citizen", citizen_id, {"fields": ["status"], "status": "active"})
    return get_citizen(store, citizen_id)


def erase_citizen(store: Store, citizen_id: int) -> None:
    """Delete the citizen and everything about them (meetings, placements, agreements …).

    The audit log keeps only that citizen #id was erased, by whom and when: no personal data.
    """
    with store.write():
        get_citizen(store, citizen_id)
        store.execute("DELETE FROM citizens WHERE id = ?", (citizen_id,))
        store.audit("delete", "citizen", citizen_id)


# -- the caseload ---------------------------------------------------------------------------
SORT_COLUMNS = {
    "name": "c.name COLLATE NOCASE",
    "identifier": "c.identifier",
    "target_group": "tg.position",
    "step": "s.position",
    "days_on_step": "c.current_step_since",  # ascending date = most days first; flipped below
    "next_meeting": "c.next_meeting_on",
    "last_meeting": "c.last_meeting_on",
    "caseworker": "cw.name COLLATE NOCASE",
}


@dataclass(frozen=True)
class CitizenQuery:
    """A view of the caseload: search text, filters and order, as the user set them."""

    text: str = ""
    status: Status | None = Status.ACTIVE
    target_group_id: int | None = None
    step_id: int | None = None
    caseworker_id: int | None = None
    consultant_id: int | None = None
    next_meeting: NextMeetingFilter = NextMeetingFilter.ANY
    stale_weeks: int | None = None
    today: date | None = None
    order_by: str = "name"
    descending: bool = False

    def criteria(self) -> dict[str, Any]:
        """What the audit log records about a search."""
        return {
            k: v
            for k, v in self.__dict__.items()
            if v not in (None, "", False, NextMeetingFilter.ANY)
            and k not in ("order_by", "descending", "today")
        }


@dataclass(frozen=True)
class CitizenRow:
    """One line of the caseload list; the identifier is masked."""

    id: int
    name: str
    identifier_masked: str
    target_group: str
    step_id: int | None
    step_title: str
    step_position: int | None
    current_step_since: date | None
    next_meeting_on: date | None
    last_meeting_on: date | None
    caseworker: str
    status: Status


def _where(query: CitizenQuery) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    today = query.today or date.today()
    text = clean_text(query.text, "search", "Søgningen", max_len=200)
    for word in text.casefold().split():
        # search_text is casefolded already, so a plain substring test does (and, unlike
        # LIKE, needs no escaping of % and _).
        clauses.append("instr(c.search_text, ?) > 0")
        params.append(word.replace("-", ""))
    if query.status is not None:
        # With search words a full scan (~25 ms at 100,000) beats walking the status index
        # and fetching each row (~160 ms); the unary + keeps SQLite off the index.
        clauses.append("+c.status = ?" if text.strip() else "c.status = ?")
        params.append(str(query.status))
    for col, value in (
        ("c.target_group_id", query.target_group_id),
        ("c.current_step_id", query.step_id),
        ("c.caseworker_id", query.caseworker_id),
        ("c.consultant_id", query.consultant_id),
    ):
        if value is not None:
            clauses.append(f"{col} = ?")
            params.append(value)
    clause, values = _next_meeting_clause(NextMeetingFilter(query.next_meeting), today)
    if clause:
        clauses.append(clause)
        params.extend(values)
    if query.stale_weeks is not None:
        clauses.append("(c.current_step_since IS NULL OR c.current_step_since <= ?)")
        params.append((today - timedelta(weeks=query.stale_weeks)).isoformat())
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _next_meeting_clause(which: NextMeetingFilter, today: date) -> tuple[str, list[str]]:
    monday = today - timedelta(days=today.weekday())
    if which is NextMeetingFilter.OVERDUE:
        return "c.next_meeting_on < ?", [today.isoformat()]
    if which is NextMeetingFilter.NONE_PLANNED:
        return "c.next_meeting_on IS NULL", []
    if which in (NextMeetingFilter.THIS_WEEK, NextMeetingFilter.NEXT_WEEK):
        start = monday if which is NextMeetingFilter.THIS_WEEK else monday + timedelta(weeks=1)
        end = start + timedelta(days=6)
        return "c.next_meeting_on BETWEEN ? AND ?", [start.isoformat(), end.isoformat()]
    return "", []


_FROM = (
    " FROM citizens c"
    " LEFT JOIN steps s ON s.id = c.current_step_id"
    " LEFT JOIN target_groups tg ON tg.id = c.target_group_id"
    " LEFT JOIN staff cw ON cw.id = c.caseworker_id"
)


def citizen_matches(store: Store, query: CitizenQuery, citizen_id: int) -> bool:
    """Whether the citizen is among those the query lists (not logged: no data is read)."""
    where, params = _where(query)
    where = (where + " AND" if where else " WHERE") + " c.id = ?"
    return store.scalar("SELECT count(*) FROM citizens c" + where, [*params, citizen_id]) > 0


def count_citizens(store: Store, query: CitizenQuery) -> int:
    where, params = _where(query)
    # Every filter is on the citizen row itself, so counting needs no joins.
    return int(store.scalar("SELECT count(*) FROM citizens c" + where, params))


def search_citizens(
    store: Store,
    query: CitizenQuery,
    *,
    limit: int | None = None,
    offset: int = 0,
    log_search: bool = True,
) -> list[CitizenRow]:
    """The caseload as the query asks, sorted in SQL; the search is audit-logged."""
    where, params = _where(query)
    order = SORT_COLUMNS.get(query.order_by)
    if order is None:
        raise ValueError(f"unknown sort column {query.order_by!r}")
    descending = query.descending != (query.order_by == "days_on_step")
    direction = " DESC" if descending else ""
    # Empty values last either way; SQLite (>= 3.30) still walks an index for NULLS LAST,
    # so the first page of 100,000 citizens needs no sort.
    order_sql = f"{order}{direction} NULLS LAST"
    sql = (
        "SELECT c.id, c.name, c.identifier, c.identifier_kind, tg.name AS target_group,"
        " c.current_step_id, s.title AS step_title, s.position AS step_position,"
        " c.current_step_since, c.next_meeting_on, c.last_meeting_on, cw.name AS caseworker,"
        " c.status" + _FROM + where + f" ORDER BY {order_sql}, c.id"
    )
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    rows = [
        CitizenRow(
            id=r["id"],
            name=r["name"],
            identifier_masked=mask_identifier(r["identifier"], r["identifier_kind"]),
            target_group=r["target_group"] or "",
            step_id=r["current_step_id"],
            step_title=r["step_title"] or "",
            step_position=r["step_position"],
            current_step_since=from_db(r["current_step_since"]),
            next_meeting_on=from_db(r["next_meeting_on"]),
            last_meeting_on=from_db(r["last_meeting_on"]),
            caseworker=r["caseworker"] or "",
            status=Status(r["status"]),
        )
        for r in store.query(sql, params)
    ]
    if log_search:
        audit.log_search(store, query.criteria(), len(rows))
    return rows


def with_today(query: CitizenQuery, today: date) -> CitizenQuery:
    return replace(query, today=today)
