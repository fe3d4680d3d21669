"""Reading one citizen: the citizen's row, and the whole record a caseworker opens (placements,
meetings with their activities and agreements, target group and staff). Opening a record is
written to the audit log; the operations that write are in ``citizens``."""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from trappe.model import record_rows
from trappe.model.dates import from_db
from trappe.model.entities import (
    Activity,
    Agreement,
    Assessor,
    Citizen,
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
from trappe.model.errors import NotFoundError
from trappe.model.frozen import field_names, made
from trappe.model.kept import drop
from trappe.model.record_rows import AgreementTwin, MeetingTwin, PlacementTwin
from trappe.model.store import Store


def _citizen(row: Any) -> Citizen:
    """The citizen from a row with its columns by name (``SELECT * FROM citizens``)."""
    return _citizen_of([row[name] for name in _CITIZEN_COLUMNS])


def _citizen_of(r: Sequence[Any]) -> Citizen:
    """The citizen from the values of ``_CITIZEN_COLUMNS``, in that order (made as the record's
    other objects are, ``made``: read on every opening of a citizen)."""
    day, reason = from_db, r[11]
    if reason:
        reason = _CLOSE_REASONS.get(reason) or CloseReason(reason)
    return made(
        Citizen,
        {
            "id": r[0],
            "name": r[1],
            "identifier": r[2],
            "target_group_id": r[3],
            "caseworker_id": r[4],
            "consultant_id": r[5],
            "start_date": day(r[6]),
            "goal_step_id": r[7],
            "goal_date": day(r[8]),
            "status": _STATUSES.get(r[9]) or Status(r[9]),
            "closed_on": day(r[10]),
            "closed_reason": reason or None,
            "closed_note": r[12],
            "identifier_kind": r[13],
            "current_step_id": r[14],
            "current_step_since": day(r[15]),
            "own_step_id": r[16],
            "last_meeting_on": day(r[17]),
            "next_meeting_on": day(r[18]),
            "version": r[19],
        },
    )


def _staff(i: int, name: str, role: str) -> Staff:
    return made(Staff, {"id": i, "name": name, "role": _ROLES.get(role) or Role(role)})


def _target_group(i: int, name: str, position: int, retired_on: Any) -> TargetGroup:
    retired = retired_on is not None
    return made(TargetGroup, {"id": i, "name": name, "position": position, "retired": retired})


def get_citizen(store: Store, citizen_id: int) -> Citizen:
    """The citizen's own row (not logged; use ``get_citizen_record`` to open a case)."""
    row = store.query_one("SELECT * FROM citizens WHERE id = ?", (citizen_id,))
    if row is None:
        raise NotFoundError("Borgeren findes ikke (måske er borgeren slettet).")
    return _citizen(row)


def get_citizen_record(store: Store, citizen_id: int, *, log_read: bool = True) -> CitizenRecord:
    """Everything about one citizen; the read is written to the audit log.

    One query per table, of only the columns shown (a record with two hundred meetings has a
    thousand rows to read): the citizen with their target group and staff, the placements,
    the activities, the agreements, the meetings, each row made into its object inside
    SQLite's loop (``record_rows``). Logged, the reading and its audit entry are one
    transaction (one lock and one snapshot for them all); a citizen not there is not logged.

    The citizen's row (with their target group and staff) is read every time; their
    placements and meetings, read before and not written since, are handed out again
    (``_Reuse``).
    """
    if not log_read:
        return _read_record(store, citizen_id, _reuse_of(store))
    with store.write():
        record = _read_record(store, citizen_id, _reuse_of(store))
        store.audit("read", "citizen", citizen_id)
    return record


def _read_record(store: Store, citizen_id: int, reuse: _Reuse | None = None) -> CitizenRecord:
    row = store.tuples(_RECORD_SQL, (citizen_id,))
    if not row:
        raise NotFoundError("Borgeren findes ikke (måske er borgeren slettet).")
    r = row[0]
    citizen = _citizen_of(r)
    n = len(_CITIZEN_COLUMNS)
    group = _target_group(*r[n : n + 4]) if r[n] is not None else None
    caseworker = _staff(*r[n + 4 : n + 7]) if r[n + 4] is not None else None
    consultant = _staff(*r[n + 7 : n + 10]) if r[n + 7] is not None else None
    stamp = (store.conn, r[n + 10], r[n + 11]) if r[n + 10] is not None else None
    kept = reuse.kept(citizen_id, stamp) if reuse is not None else None
    if kept is not None:
        placements, meetings = kept
    else:
        made = record_rows.read(store, citizen_id, _MADE_SQL, _activities, _MADE_WITH)
        if made is None:  # (rows not as the plain loops take them: read the plain way)
            placements, steps = _read_placements(store, citizen_id)
            made = placements, load_meetings(store, citizen_id, placements, steps)
        placements, meetings = made
        if reuse is not None and stamp is not None:
            reuse.keep(citizen_id, stamp, (placements, meetings))
    return CitizenRecord(citizen, placements, meetings, group, caseworker, consultant)


class _Reuse:
    """The placements and meetings of the last citizens opened on one store, each with the
    stamp it was read with; handed out again while the citizen's stamp is unchanged.

    The stamp (``record_stamps``, migration 0014) is set to a new random number by triggers
    on every INSERT, UPDATE and DELETE of the citizen's meetings, placements, activities and
    agreements, whoever writes the file: this program, another one, another connection, a
    migration. With it the schema's version (a trigger can only be dropped by changing the
    schema) and the connection (a file put in place anew is read anew) must be the same.
    Opening other citizens and the access log's entries leave it alone. The objects are
    immutable and nothing changes their lists, so handing them out twice is safe.
    """

    KEEP = 8  # citizens kept (the last opened): going up and down the list finds them

    def __init__(self) -> None:
        self.kept_reads: dict[int, tuple[Any, tuple[list[Placement], list[Meeting]]]] = {}

    def kept(self, citizen_id: int, stamp: Any) -> tuple[list[Placement], list[Meeting]] | None:
        found = self.kept_reads.get(citizen_id)
        if found is None or stamp is None or found[0] != stamp:
            return None
        del self.kept_reads[citizen_id]
        self.kept_reads[citizen_id] = found  # (last: the most recently opened)
        return found[1]

    def keep(
        self, citizen_id: int, stamp: Any, read: tuple[list[Placement], list[Meeting]]
    ) -> None:
        kept = self.kept_reads
        drop(kept.pop(citizen_id, None))
        if len(kept) >= self.KEEP:
            drop(kept.pop(next(iter(kept))))  # (freed after the frame: ``kept.hold_drops``)
        kept[citizen_id] = (stamp, read)


_REUSES: weakref.WeakKeyDictionary[Store, _Reuse] = weakref.WeakKeyDictionary()


def _reuse_of(store: Store) -> _Reuse:
    found = _REUSES.get(store)
    if found is None:
        found = _REUSES[store] = _Reuse()
    return found


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
    " vk.id, vk.name, vk.role, s.stamp, (SELECT schema_version FROM pragma_schema_version)"
    " FROM citizens c"
    " LEFT JOIN target_groups g ON g.id = c.target_group_id"
    " LEFT JOIN staff cw ON cw.id = c.caseworker_id"
    " LEFT JOIN staff vk ON vk.id = c.consultant_id"
    " LEFT JOIN record_stamps s ON s.citizen_id = c.id"
    " WHERE c.id = ?"
)


# Enum members by stored value: a dict lookup, not an Enum call, per row (a record with two
# hundred meetings has a thousand rows to read).
_RESPONSIBLES = {r.value: r for r in Responsible}
# The record's own queries hand these over as small whole numbers, which ``sqlite3`` makes no
# text of and which index a tuple (a thousand rows: no string hashed and looked up each).
# Any other value is NULL, which indexes nothing: a damaged row fails as it did by name.
ASSESSOR_CODE = "CASE assessed_by WHEN 'professional' THEN 0 WHEN 'citizen' THEN 1 END"
_ASSESSOR_BY_CODE = (Assessor.PROFESSIONAL, Assessor.CITIZEN)
_RESPONSIBLE_BY_CODE = tuple(Responsible)
_RESPONSIBLE_CODE = (
    "CASE responsible "
    + " ".join(f"WHEN '{r.value}' THEN {i}" for i, r in enumerate(_RESPONSIBLE_BY_CODE))
    + " END"
)
_STATUSES = {s.value: s for s in Status}
_CLOSE_REASONS = {r.value: r for r in CloseReason}
_ROLES = {r.value: r for r in Role}
_day = date.fromisoformat
_NONE: Any = object()  # (equal to no value read)


def _placement(i: int, c: int, on: date, by: Assessor, step: int, meeting: int | None) -> Any:
    """One placement (``record_batch``'s; one citizen's are made in ``placements_of``), made
    through its twin (``record_rows``)."""
    obj = PlacementTwin()
    obj.id = i
    obj.citizen_id = c
    obj.placed_on = on
    obj.assessor = by
    obj.step_id = step
    obj.meeting_id = meeting
    obj.__class__ = Placement
    return obj


def _activity(kind: str, description: str, company: str, hours: Any, i: int) -> Any:
    return made(
        Activity,
        {
            "kind": kind,
            "description": description,
            "company": company,
            "hours_per_week": hours,
            "id": i,
        },
    )


def _check_makers() -> None:
    made = {Activity: _activity(*range(5))}
    row = (1, "", 0, "2026-01-02", None, "", 1)
    made[Agreement] = agreements_by_meeting([row])[1][0]
    made[Placement] = placements_of(1, [(1, "2026-01-02", 1, 3, 4)])[0]
    assert made[Placement].assessor is Assessor.CITIZEN
    assert _placement(*range(6)) == Placement(*range(6))
    made[Meeting] = meetings_of(1, [(1, "2026-01-02", "", "", "", None, 1)], [], {}, {})[0]
    for cls, obj in made.items():
        names = tuple(f.name for f in dataclasses.fields(cls))
        assert not hasattr(cls, "__post_init__"), cls
        if cls is Activity:  # (made as a dictionary of fields: ``made``)
            assert not hasattr(cls, "__slots__") and tuple(obj.__dict__) == names, cls
        else:  # (made through its twin: ``record_rows``)
            assert cls.__slots__ == names and not hasattr(obj, "__dict__"), cls
        fields = {name: getattr(obj, name) for name in names}
        assert type(obj) is cls and obj == cls(**fields), cls
    row = (1, "", None, 2, 3, 4, "2026-01-02", None, None, "active", None, "job", "", None)
    citizen = _citizen_of((*row, None, None, None, None, None, 1))
    assert tuple(citizen.__dict__) == _CITIZEN_COLUMNS
    made = {
        Citizen: citizen,
        Staff: _staff(1, "", "caseworker"),
        TargetGroup: _target_group(1, "", 2, None),
    }
    for cls, obj in made.items():
        names = field_names(cls) or tuple(f.name for f in dataclasses.fields(cls))
        assert tuple(obj.__dict__) == names and not hasattr(cls, "__post_init__"), cls
        assert type(obj) is cls and obj == cls(**obj.__dict__), cls


def load_placements(store: Store, citizen_id: int) -> list[Placement]:
    """All of a citizen's placements, oldest first (both professionals' and their own)."""
    # (The loop builds each object in place: a call per placement costs a sixth of the read.)
    return _read_placements(store, citizen_id)[0]


def _read_placements(store: Store, citizen_id: int) -> tuple[list[Placement], _Steps]:
    return _placements_and_steps(
        citizen_id,
        store.tuples(
            f"SELECT id, placed_on, {ASSESSOR_CODE}, step_id, meeting_id FROM placements"
            " WHERE citizen_id = ? ORDER BY placed_on, id",
            (citizen_id,),
        ),
    )


def placements_of(citizen_id: int, rows: Iterable[Sequence[Any]]) -> list[Placement]:
    """Placements from rows of (id, placed_on, ``ASSESSOR_CODE``, step_id, meeting_id)."""
    return _placements_and_steps(citizen_id, rows)[0]


_Steps = tuple[dict[int | None, int], dict[int | None, int]]  # (professionals', citizen's)


def _placements_and_steps(
    citizen_id: int, rows: Iterable[Sequence[Any]]
) -> tuple[list[Placement], _Steps]:
    """``placements_of``, and the steps ``meetings_of`` gives each meeting, gathered in the same
    loop from the row's values (the last entered counts, as in ``meetings_of``): not read back
    from each placement made, three attributes a placement."""
    assessors, day, twin, cls = _ASSESSOR_BY_CODE, _day, PlacementTwin, Placement
    steps: _Steps = ({}, {})  # (indexed by ``ASSESSOR_CODE``: professional 0, citizen 1)
    placements = []
    add = placements.append
    last, on = _NONE, None
    for i, placed_on, by, step_id, meeting_id in rows:
        if placed_on != last:  # (the two placements of a meeting share their day)
            last, on = placed_on, day(placed_on)
        obj = twin()  # (made through its twin: see ``record_rows``)
        obj.id = i
        obj.citizen_id = citizen_id
        obj.placed_on = on
        obj.assessor = assessors[by]
        obj.step_id = step_id
        obj.meeting_id = meeting_id
        obj.__class__ = cls
        add(obj)
        steps[by][meeting_id] = step_id
    return placements, steps


def load_meetings(
    store: Store,
    citizen_id: int,
    placements: list[Placement] | None = None,
    steps: _Steps | None = None,
) -> list[Meeting]:
    """A citizen's meetings; ``steps``: those ``_placements_and_steps`` gathered with
    ``placements`` (else they are read from the placements)."""
    if placements is None:
        placements, steps = _read_placements(store, citizen_id)
    activities = _activities(store, citizen_id)
    agreements = agreements_by_meeting(store.tuples(AGREEMENTS_OF_CITIZEN, (citizen_id,)))
    rows = store.tuples(
        f"SELECT {MEETING_COLUMNS} FROM meetings WHERE citizen_id = ? ORDER BY held_on, id",
        (citizen_id,),
    )
    return meetings_of(citizen_id, rows, placements, activities, agreements, steps)


def _activities(store: Store, citizen_id: int) -> dict[int, list[Activity]]:
    return activities_by_meeting(
        store.tuples(
            f"SELECT {ACTIVITY_COLUMNS} FROM activities a JOIN meetings m ON m.id = a.meeting_id"
            " WHERE m.citizen_id = ? ORDER BY a.id",
            (citizen_id,),
        )
    )


ACTIVITY_COLUMNS = "a.meeting_id, a.kind, a.description, a.company, a.hours_per_week, a.id"
AGREEMENT_COLUMNS = f"meeting_id, what, {_RESPONSIBLE_CODE}, due_on, done_on, responsible_other, id"
AGREEMENTS_OF_CITIZEN = (  # (in the order of the index ``agreements_in_order``: no sort)
    f"SELECT {AGREEMENT_COLUMNS} FROM agreements WHERE citizen_id = ?"
    " ORDER BY meeting_id, position, id"
)


def activities_by_meeting(rows: Iterable[Sequence[Any]]) -> dict[int, list[Activity]]:
    """Activities from rows of ``ACTIVITY_COLUMNS``, by meeting id, in the rows' order."""
    activities: dict[int, list[Activity]] = {}
    for meeting_id, kind, description, company, hours, activity_id in rows:
        activities.setdefault(meeting_id, []).append(
            _activity(kind, description, company, hours, activity_id)
        )
    return activities


def agreements_by_meeting(rows: Iterable[Sequence[Any]]) -> dict[int, list[Agreement]]:
    """Agreements from rows of ``AGREEMENT_COLUMNS``, by meeting id, in the rows' order."""
    agreements: dict[int, list[Agreement]] = {}
    responsibles, day, twin, cls = _RESPONSIBLE_BY_CODE, _day, AgreementTwin, Agreement
    for meeting_id, what, responsible, due, done, other, agreement_id in rows:
        obj = twin()
        obj.what = what
        obj.responsible = responsibles[responsible]
        obj.due_on = day(due) if due else None
        obj.done_on = day(done) if done else None
        obj.responsible_other = other
        obj.id = agreement_id
        obj.meeting_id = meeting_id
        obj.__class__ = cls
        found = agreements.get(meeting_id)
        if found is None:
            agreements[meeting_id] = [obj]
        else:
            found.append(obj)
    return agreements


MEETING_COLUMNS = (
    "id, held_on, participants, caseworker_note, consultant_note, next_meeting_on, version"
)


def meetings_of(
    citizen_id: int,
    rows: Iterable[Sequence[Any]],
    placements: list[Placement],
    activities: dict[int, list[Activity]],
    agreements: dict[int, list[Agreement]],
    steps: _Steps | None = None,
) -> list[Meeting]:
    """A citizen's meetings from rows of ``MEETING_COLUMNS``, each with its activities,
    agreements and two placements (the last entered counts, as placements are in order).
    ``steps``: the same two placements' steps by meeting, as ``_placements_and_steps``
    gathered them while making ``placements``; None reads them from ``placements``."""
    if steps is None:
        steps = ({}, {})
        professional = Assessor.PROFESSIONAL
        for p in placements:
            steps[p.assessor is not professional][p.meeting_id] = p.step_id
    pro, own = steps
    day, twin, cls = _day, MeetingTwin, Meeting
    no_activities = activities.get
    no_agreements = agreements.get
    meetings = []
    add = meetings.append
    planned: Any = _NONE
    planned_on = None
    for mid, held, participants, cw_note, vk_note, next_on, version in rows:
        # (a meeting is mostly held on the day the one before planned it for)
        held_on = planned_on if held == planned else day(held)
        if next_on:
            planned, planned_on = next_on, day(next_on)
        else:
            planned = planned_on = None
        obj = twin()
        obj.id = mid
        obj.citizen_id = citizen_id
        obj.held_on = held_on
        obj.participants = participants
        obj.professional_step_id = pro.get(mid)
        obj.citizen_step_id = own.get(mid)
        obj.caseworker_note = cw_note
        obj.consultant_note = vk_note
        obj.next_meeting_on = planned_on
        obj.activities = no_activities(mid) or []
        obj.agreements = no_agreements(mid) or []
        obj.version = version
        obj.__class__ = cls
        add(obj)
    return meetings


_MADE_SQL = (  # (each row handed to ``record_rows``' function: see there; the ORDER BY's index)
    f"SELECT count(trappe_placement(id, placed_on, {ASSESSOR_CODE}, step_id, meeting_id))"
    " FROM placements WHERE citizen_id = ? ORDER BY placed_on, id",
    f"SELECT count(trappe_agreement({AGREEMENT_COLUMNS}, position)) FROM agreements"
    " WHERE citizen_id = ? ORDER BY meeting_id, position, id",
    f"SELECT count(trappe_meeting({MEETING_COLUMNS})) FROM meetings WHERE citizen_id = ?"
    " ORDER BY held_on, id",
)
_MADE_WITH = (_ASSESSOR_BY_CODE, _RESPONSIBLE_BY_CODE, _day)


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


_check_makers()
