"""The derived facts (``trappe.model.progress``): the rules the caseload and the measures rely
on, each with a small worked example (the property test in test_consistency.py explores the
rest)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.harness.data import loose_placement
from trappe.model import citizens, meetings, staircase
from trappe.model.entities import Assessor, CitizenInput, MeetingInput
from trappe.model.progress import DerivedFacts, compute_derived, placement_runs

D = date.fromisoformat
P, C = "professional", "citizen"


@pytest.fixture
def steps(store):
    return [s.id for s in staircase.load_staircase(store).steps]


@pytest.fixture
def cid(store):
    return citizens.create_citizen(store, CitizenInput("Ida", start_date=date(2026, 1, 1))).id


def runs(store, cid):
    return [
        tuple(r)
        for r in store.query(
            "SELECT valid_from, valid_to, step_id FROM placement_runs WHERE citizen_id = ?"
            " ORDER BY valid_from",
            (cid,),
        )
    ]


def test_back_on_a_step_counts_from_the_return_not_the_first_time(store, steps, cid):
    """Up to step 3, down to step 2, up to step 3 again: on step 3 since the return."""
    for held, step in [("2026-02-01", 1), ("2026-03-01", 2), ("2026-04-01", 1), ("2026-05-01", 2)]:
        meetings.record_meeting(store, cid, MeetingInput(D(held), steps[step]))
    c = citizens.get_citizen(store, cid)
    assert (c.current_step_id, c.current_step_since) == (steps[2], D("2026-05-01"))
    assert runs(store, cid) == [
        ("2026-02-01", "2026-03-01", steps[1]),
        ("2026-03-01", "2026-04-01", steps[2]),
        ("2026-04-01", "2026-05-01", steps[1]),
        ("2026-05-01", None, steps[2]),
    ]


def test_two_placements_on_one_day_the_last_entered_counts(store, steps, cid):
    meetings.record_meeting(store, cid, MeetingInput(D("2026-02-01"), steps[1]))
    loose_placement(store, cid, steps[4], Assessor.PROFESSIONAL, D("2026-03-01"))
    loose_placement(store, cid, steps[3], Assessor.PROFESSIONAL, D("2026-03-01"))
    c = citizens.get_citizen(store, cid)
    assert (c.current_step_id, c.current_step_since) == (steps[3], D("2026-03-01"))
    assert runs(store, cid) == [
        ("2026-02-01", "2026-03-01", steps[1]),
        ("2026-03-01", None, steps[3]),
    ]
    # Entered later for an earlier day: the day's order still decides, then entry order.
    loose_placement(store, cid, steps[6], Assessor.PROFESSIONAL, D("2026-02-01"))
    assert runs(store, cid)[0] == ("2026-02-01", "2026-03-01", steps[6])


def test_the_citizens_own_step_is_their_latest_assessment(store, steps, cid):
    meetings.record_meeting(store, cid, MeetingInput(D("2026-02-01"), steps[1], steps[2]))
    meetings.record_meeting(store, cid, MeetingInput(D("2026-03-01"), steps[1], steps[4]))
    loose_placement(store, cid, steps[5], Assessor.CITIZEN, D("2026-01-15"))
    assert citizens.get_citizen(store, cid).own_step_id == steps[4]


def test_the_last_meeting_is_the_latest_held_not_the_last_entered(store, steps, cid):
    meetings.record_meeting(
        store, cid, MeetingInput(D("2026-03-01"), steps[2], next_meeting_on=D("2026-04-01"))
    )
    meetings.record_meeting(  # entered afterwards, held before
        store, cid, MeetingInput(D("2026-02-01"), steps[1], next_meeting_on=D("2026-02-20"))
    )
    c = citizens.get_citizen(store, cid)
    assert (c.last_meeting_on, c.next_meeting_on) == (D("2026-03-01"), D("2026-04-01"))
    assert c.current_step_id == steps[2]


def test_compute_derived_and_runs_directly():
    placements = [
        (D("2026-01-10"), 1, P, 10),
        (D("2026-01-10"), 4, P, 11),  # same day, entered later: wins
        (D("2026-02-10"), 2, P, 11),  # same step: the run goes on
        (D("2026-03-10"), 3, P, 10),
        (D("2026-03-01"), 5, C, 12),
        (D("2026-01-01"), 6, C, 13),
    ]
    assert placement_runs(placements) == [
        (D("2026-01-10"), D("2026-03-10"), 11),
        (D("2026-03-10"), None, 10),
    ]
    facts = compute_derived(
        placements, [(D("2026-03-10"), 2, None), (D("2026-01-10"), 9, D("2026-02-01"))]
    )
    assert (facts.current_step_id, facts.current_step_since, facts.own_step_id) == (
        10,
        D("2026-03-10"),
        12,
    )
    assert (facts.last_meeting_on, facts.next_meeting_on) == (D("2026-03-10"), None)
    assert compute_derived([], []) == DerivedFacts()
