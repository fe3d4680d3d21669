"""The schema's shared SQL: the placement runs rebuilt in SQL (migration, demo) follow the same
rule as ``progress.placement_runs`` in Python."""

from __future__ import annotations

from datetime import date, timedelta

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import Assessor, CitizenInput
from trappe.model.progress import placement_runs
from trappe.model.schema import rebuild_placement_runs


def test_the_sql_rebuild_of_placement_runs_equals_the_python_rule(store):
    steps = [s.id for s in staircase.load_staircase(store).steps]
    day = date(2026, 1, 5)
    moves = [  # (days after the start, step): ties on one day, returns, a past date last
        (0, 1), (0, 3), (10, 3), (20, 2), (20, 2), (30, 3), (30, 1), (40, 1), (5, 6),
    ]  # fmt: skip
    for who in range(3):
        cid = citizens.create_citizen(store, CitizenInput(f"B{who}", start_date=day)).id
        for offset, step in moves[who:]:
            meetings.add_placement(
                store, cid, steps[step], Assessor.PROFESSIONAL, day + timedelta(days=offset)
            )
        meetings.add_placement(store, cid, steps[0], Assessor.CITIZEN, day)
    with store.write():
        rebuild_placement_runs(store.db)
    for cid in [r[0] for r in store.query("SELECT id FROM citizens")]:
        rows = store.query(
            "SELECT placed_on, id, assessed_by, step_id FROM placements WHERE citizen_id = ?",
            (cid,),
        )
        expected = [
            (a.isoformat(), b.isoformat() if b else None, step)
            for a, b, step in placement_runs(
                [(date.fromisoformat(r[0]), r[1], r[2], r[3]) for r in rows]
            )
        ]
        stored = store.query(
            "SELECT valid_from, valid_to, step_id FROM placement_runs WHERE citizen_id = ?"
            " ORDER BY valid_from",
            (cid,),
        )
        assert [tuple(r) for r in stored] == expected, cid
