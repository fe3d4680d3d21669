"""Reading one citizen: the citizen's row, and the whole record a caseworker opens (placements,
meetings with their activities and agreements, target group and staff). Opening a record is
written to the audit log; the operations that write are in ``citizens``."""

from __future__ import annotations

from datetime import date
from typing import Any

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
from trappe.model.store import Store


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


# Enum members by stored value: a dict lookup, not an Enum call, per row (a record with two
# hundred meetings has a thousand rows to read).
_ASSESSORS = {a.value: a for a in Assessor}
_RESPONSIBLES = {r.value: r for r in Responsible}
_day = date.fromisoformat


def load_placements(store: Store, citizen_id: int) -> list[Placement]:
    """All of a citizen's placements, oldest first (both professionals' and their own)."""
    return [
        Placement(r[0], citizen_id, _day(r[1]), _ASSESSORS[r[2]], r[3], r[4])
        for r in store.query(
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
    meetings = []
    for mid, held, participants, cw_note, vk_note, next_on, version in store.query(
        "SELECT id, held_on, participants, caseworker_note, consultant_note, next_meeting_on,"
        " version FROM meetings WHERE citizen_id = ? ORDER BY held_on, id",
        (citizen_id,),
    ):
        meetings.append(
            Meeting(
                mid,
                citizen_id,
                _day(held),
                participants,
                pro.get(mid),
                own.get(mid),
                cw_note,
                vk_note,
                _day(next_on) if next_on else None,
                activities.get(mid, []),
                agreements.get(mid, []),
                version,
            )
        )
    return meetings


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
