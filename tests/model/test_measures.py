from __future__ import annotations

from datetime import date

import pytest

from trappe.model import citizens, measures, meetings, staircase
from trappe.model.entities import CitizenInput, CloseReason, MeetingInput


@pytest.fixture
def caseload(store):
    """Four citizens with known steps on 01-03 and 01-06-2026."""
    steps = staircase.load_staircase(store).steps
    groups = staircase.list_target_groups(store)
    plan = [  # (name, group, step on 1 Feb, step on 1 May)
        ("A", 0, 0, 3),
        ("B", 0, 3, 2),
        ("C", 1, 4, 5),
        ("D", 1, 1, 1),
    ]
    ids = {}
    for name, g, first, second in plan:
        c = citizens.create_citizen(
            store,
            CitizenInput(name=name, target_group_id=groups[g].id, start_date=date(2026, 1, 1)),
        )
        meetings.record_meeting(store, c.id, MeetingInput(date(2026, 2, 1), steps[first].id))
        meetings.record_meeting(store, c.id, MeetingInput(date(2026, 5, 1), steps[second].id))
        ids[name] = c.id
    late = citizens.create_citizen(store, CitizenInput(name="E", start_date=date(2026, 4, 1)))
    ids["E"] = late.id
    citizens.close_citizen(store, ids["D"], CloseReason.TRANSFER, date(2026, 5, 15))
    return ids, groups


def test_headline_share_and_change(store, caseload):
    _, groups = caseload
    h = measures.headline(store, date(2026, 6, 1), date(2026, 3, 1))
    # 1 June: A(4) C(6) count; B(3) and E(unplaced) do not; D is closed → 2 of 4
    assert (h.now.active, h.now.counted) == (4, 2)
    # 1 March: B(4) C(5) count of A B C D (E not started) → 2 of 4
    assert (h.baseline.active, h.baseline.counted) == (4, 2)
    assert h.change_pp == pytest.approx(0.0)
    only = measures.headline(
        store, date(2026, 6, 1), date(2026, 3, 1), measures.Scope(target_group_id=groups[1].id)
    )
    assert (only.now.active, only.now.counted, only.now.percent) == (1, 1, 100.0)
    assert only.baseline.percent == 50.0 and only.change_pp == 50.0


def test_movement_and_step_counts(store, caseload):
    moved = measures.movement(store, date(2026, 3, 1), date(2026, 6, 1))
    assert (moved.up, moved.down, moved.stayed, moved.not_placed) == (2, 1, 0, 1)
    counts = {s.title: s.citizens for s in measures.step_counts(store, date(2026, 6, 1))}
    assert counts["Virksomhedspraktik"] == 1 and counts["Ordinære timer"] == 1
    assert sum(counts.values()) == 3, "active citizens with a placement"
