"""Which closed courses count as *arrived* in the cohort reading (measures.ARRIVED_REASONS;
docs/domain.md, "Which closed courses count as arrived"): one test per close reason."""

from __future__ import annotations

from datetime import date

import pytest

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import CitizenInput, CloseReason, MeetingInput
from trappe.model.measures import Measurer, Method, counts_as_arrived

B, CLOSED, D = date(2026, 3, 1), date(2026, 4, 15), date(2026, 6, 1)

ARRIVED = {
    CloseReason.JOB: True,
    CloseReason.EDUCATION: True,
    CloseReason.FLEXJOB: True,
    CloseReason.DISABILITY_PENSION: False,
    CloseReason.RESOURCE_COURSE_ENDED: False,
    CloseReason.MOVED: False,
    CloseReason.TRANSFER: False,
    CloseReason.OTHER: False,
}


def test_every_close_reason_is_decided():
    """A reason added to CloseReason must be decided here (and in docs/domain.md)."""
    assert set(ARRIVED) == set(CloseReason)


@pytest.mark.parametrize("reason", list(ARRIVED), ids=[r.value for r in ARRIVED])
def test_a_course_closed_for_the_reason_counts_as_arrived_or_not(store, reason):
    steps = staircase.load_staircase(store).steps
    # Two citizens on step 1 (not counted) at the baseline: one stays, one leaves for `reason`.
    stays = citizens.create_citizen(store, CitizenInput(name="Bo", start_date=date(2026, 1, 1)))
    leaves = citizens.create_citizen(store, CitizenInput(name="Ida", start_date=date(2026, 1, 1)))
    for cid in (stays.id, leaves.id):
        meetings.record_meeting(store, cid, MeetingInput(date(2026, 2, 1), steps[0].id))
    citizens.close_citizen(store, leaves.id, reason, CLOSED)
    arrived = ARRIVED[reason]
    assert counts_as_arrived(reason.value) is arrived

    m = Measurer(store)
    cohort = m.share(D, Method.COHORT, B)
    assert (cohort.active, cohort.counted) == (2, 1 if arrived else 0)
    moved = m.movement(B, D, Method.COHORT)
    assert (moved.left_job_education, moved.left_other) == ((1, 0) if arrived else (0, 1))
    flow = m.flow(B, D)
    column = ("left_job_education",) if arrived else ("left_other",)
    assert flow.cells[("step", steps[0].id), column] == 1
    # The cross-section reading leaves everyone who left out of the denominator, arrived or not.
    cross = m.share(D, Method.CROSS_SECTION)
    assert (cross.active, cross.counted) == (1, 0)
