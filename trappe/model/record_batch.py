"""Reading many citizens' records at once: one query per table for a chunk of citizens.

A batch of dialogue sheets reads every citizen's whole record. ``records.get_citizen_record``
reads one citizen in five queries; for a batch that is five queries a sheet. Here a chunk
of citizens is read in five queries, each row handed to its citizen, and each record is
put together exactly as ``get_citizen_record`` puts it together (the same makers, the same
order of rows within a citizen). ``tests/model/test_record_batch.py`` holds the two equal.
Not logged: the caller logs what it does with the records (a sheet's export or print).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from trappe.model.entities import CitizenRecord, Placement
from trappe.model.records import (
    _ASSESSOR_BY_CODE,
    _CITIZEN_COLUMNS,
    ACTIVITY_COLUMNS,
    AGREEMENT_COLUMNS,
    ASSESSOR_CODE,
    MEETING_COLUMNS,
    _citizen_of,
    _day,
    _placement,
    _staff,
    _target_group,
    activities_by_meeting,
    agreements_by_meeting,
    meetings_of,
)
from trappe.model.store import Store

CHUNK = 500  # citizens per query (bound parameters stay far below SQLite's limit)

_SELECT_CITIZENS = (
    "SELECT "
    + ", ".join(f"c.{name}" for name in _CITIZEN_COLUMNS)
    + ", g.id, g.name, g.position, g.retired_on, cw.id, cw.name, cw.role,"
    " vk.id, vk.name, vk.role FROM citizens c"
    " LEFT JOIN target_groups g ON g.id = c.target_group_id"
    " LEFT JOIN staff cw ON cw.id = c.caseworker_id"
    " LEFT JOIN staff vk ON vk.id = c.consultant_id"
    " WHERE c.id IN ({ids})"
)
_SELECT_PLACEMENTS = (
    f"SELECT citizen_id, id, placed_on, {ASSESSOR_CODE}, step_id, meeting_id FROM placements"
    " WHERE citizen_id IN ({ids}) ORDER BY citizen_id, placed_on, id"
)
_SELECT_ACTIVITIES = (
    f"SELECT {ACTIVITY_COLUMNS} FROM activities a JOIN meetings m ON m.id = a.meeting_id"
    " WHERE m.citizen_id IN ({ids}) ORDER BY a.id"
)
_SELECT_AGREEMENTS = (
    f"SELECT {AGREEMENT_COLUMNS} FROM agreements WHERE citizen_id IN ({{ids}})"
    " ORDER BY meeting_id, position, id"
)
_SELECT_MEETINGS = (
    f"SELECT citizen_id, {MEETING_COLUMNS} FROM meetings WHERE citizen_id IN ({{ids}})"
    " ORDER BY citizen_id, held_on, id"
)


def read_records(store: Store, citizen_ids: Sequence[int]) -> dict[int, CitizenRecord]:
    """The records of ``citizen_ids`` by id, in the order asked; a citizen who is not there
    has no entry."""
    records: dict[int, CitizenRecord] = {}
    ids = list(dict.fromkeys(citizen_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        read = _read_chunk(store, chunk)
        records.update((cid, read[cid]) for cid in chunk if cid in read)
    return records


def _read_chunk(store: Store, ids: list[int]) -> dict[int, CitizenRecord]:
    marks = ", ".join("?" * len(ids))
    params = tuple(ids)

    def rows(sql: str) -> list[tuple[Any, ...]]:
        return store.tuples(sql.format(ids=marks), params)

    placements: dict[int, list[Placement]] = {}
    assessors, day, make = _ASSESSOR_BY_CODE, _day, _placement
    for cid, i, placed_on, by, step_id, meeting_id in rows(_SELECT_PLACEMENTS):
        placements.setdefault(cid, []).append(
            make(i, cid, day(placed_on), assessors[by], step_id, meeting_id)
        )
    activities = activities_by_meeting(rows(_SELECT_ACTIVITIES))
    agreements = agreements_by_meeting(rows(_SELECT_AGREEMENTS))
    meeting_rows: dict[int, list[tuple[Any, ...]]] = {}
    for row in rows(_SELECT_MEETINGS):
        meeting_rows.setdefault(row[0], []).append(row[1:])

    records = {}
    n = len(_CITIZEN_COLUMNS)
    for r in rows(_SELECT_CITIZENS):
        cid = r[0]
        citizen = _citizen_of(r)
        group = _target_group(*r[n : n + 4]) if r[n] is not None else None
        caseworker = _staff(*r[n + 4 : n + 7]) if r[n + 4] is not None else None
        consultant = _staff(*r[n + 7 : n + 10]) if r[n + 7] is not None else None
        own_placements = placements.get(cid, [])
        meetings = meetings_of(
            cid, meeting_rows.get(cid, ()), own_placements, activities, agreements
        )
        records[cid] = CitizenRecord(
            citizen, own_placements, meetings, group, caseworker, consultant
        )
    return records
