"""Follow-up lists, activities and moving up, snapshots and targets, on hand-built fixtures."""

from __future__ import annotations

from datetime import date

import pytest

from trappe.model import citizens, followup, meetings, snapshots, staircase
from trappe.model.entities import (
    Activity,
    Agreement,
    Category,
    CitizenInput,
    CloseReason,
    MeetingInput,
    Responsible,
)
from trappe.model.errors import ValidationError
from trappe.model.followup import FollowUp
from trappe.model.measures import Method, Scope

ON = date(2026, 6, 1)


@pytest.fixture
def steps(store):
    return [s.id for s in staircase.load_staircase(store).steps]


def _c(store, name, start=date(2026, 1, 1), **kw):
    return citizens.create_citizen(store, CitizenInput(name=name, start_date=start, **kw)).id


def test_follow_up_lists(store, steps):
    stuck = _c(store, "Stuck")  # on step 2 since 01-02: 17 weeks on 01-06
    meetings.record_meeting(
        store, stuck, MeetingInput(date(2026, 2, 1), steps[1], next_meeting_on=date(2026, 3, 1))
    )
    fresh = _c(store, "Fresh")  # moved 15-05
    meetings.record_meeting(store, fresh, MeetingInput(date(2026, 2, 1), steps[1]))
    meetings.record_meeting(
        store,
        fresh,
        MeetingInput(
            date(2026, 5, 15),
            steps[2],
            next_meeting_on=date(2026, 6, 1),  # due ON the day: not overdue yet
            agreements=[
                Agreement("Ring til praktiksted", Responsible.CITIZEN, date(2026, 5, 20)),
                Agreement(
                    "Lægeattest", Responsible.CASEWORKER, date(2026, 5, 22), date(2026, 5, 24)
                ),
            ],
        ),
    )
    never = _c(store, "Never", start=date(2026, 1, 10))  # never placed, 20 weeks
    closed = _c(store, "Closed")
    meetings.record_meeting(store, closed, MeetingInput(date(2026, 2, 1), steps[1]))
    citizens.close_citizen(store, closed, CloseReason.OTHER, ON)  # closed ON the day: left out

    total, rows = followup.follow_up(store, FollowUp.NO_MOVEMENT, ON, weeks=12)
    assert total == 2
    assert [(r.citizen_id, r.since, r.days) for r in rows] == [
        (never, date(2026, 1, 10), 142),
        (stuck, date(2026, 2, 1), 120),
    ]
    assert followup.follow_up(store, FollowUp.NO_MOVEMENT, ON, weeks=12, limit=1)[0] == 2
    assert len(followup.follow_up(store, FollowUp.NO_MOVEMENT, ON, weeks=12, limit=1)[1]) == 1

    total, rows = followup.follow_up(store, FollowUp.OVERDUE_MEETING, ON)
    assert total == 1 and rows[0].citizen_id == stuck and rows[0].days == 92

    total, rows = followup.follow_up(store, FollowUp.OVERDUE_AGREEMENTS, ON)
    assert total == 1 and rows[0].detail == "Ring til praktiksted" and rows[0].days == 12
    # as of an earlier date the done agreement was still open
    assert followup.follow_up(store, FollowUp.OVERDUE_AGREEMENTS, date(2026, 5, 23))[0] == 2
    assert followup.follow_up(store, FollowUp.OVERDUE_AGREEMENTS, date(2026, 5, 24))[0] == 1


def test_activity_association_counts_not_causes(store, steps):
    a = _c(store, "A")  # internship 01-02, up 01-04 (within 3 months)
    meetings.record_meeting(
        store,
        a,
        MeetingInput(date(2026, 2, 1), steps[2], activities=[Activity("Virksomhedspraktik")]),
    )
    meetings.record_meeting(store, a, MeetingInput(date(2026, 4, 1), steps[3]))
    b = _c(store, "B")  # internship 01-02, up 15-06 (within 6 months, not 3)
    meetings.record_meeting(
        store,
        b,
        MeetingInput(date(2026, 2, 1), steps[2], activities=[Activity("Virksomhedspraktik")]),
    )
    meetings.record_meeting(store, b, MeetingInput(date(2026, 6, 15), steps[3]))
    c = _c(store, "C")  # mentor, down
    meetings.record_meeting(
        store, c, MeetingInput(date(2026, 2, 1), steps[2], activities=[Activity("Mentor")])
    )
    meetings.record_meeting(store, c, MeetingInput(date(2026, 3, 1), steps[1]))
    rows = {
        r.kind: r
        for r in followup.activity_association(store, date(2026, 1, 1), date(2026, 12, 31))
    }
    intern = rows["Virksomhedspraktik"]
    assert (intern.citizens, intern.up_3, intern.up_6) == (2, 1, 2)
    assert intern.observed_3 == 2 and intern.share(6) == 100.0
    assert (rows["Mentor"].citizens, rows["Mentor"].up_6) == (1, 0)
    everything = rows[None]  # each citizen from their first meeting: A and B up, C down
    assert (everything.citizens, everything.up_6) == (3, 2)
    # a period ending before 6 months have passed observes nothing at 6 months
    short = {
        r.kind: r for r in followup.activity_association(store, date(2026, 1, 1), date(2026, 6, 1))
    }
    assert short["Virksomhedspraktik"].observed_6 == 0 and short["Virksomhedspraktik"].up_3 == 1


def test_snapshot_is_stored_and_a_recheck_says_why_it_changed(store, steps):
    a = _c(store, "A")
    meetings.record_meeting(store, a, MeetingInput(date(2026, 2, 1), steps[3]))
    b = _c(store, "B")
    meetings.record_meeting(store, b, MeetingInput(date(2026, 2, 1), steps[1]))
    snap = snapshots.take_snapshot(store, "Baseline", date(2026, 3, 1))
    assert (snap.active, snap.counted, snap.method) == (2, 1, Method.CROSS_SECTION)
    assert not snapshots.recheck_snapshot(store, snap.id).changed

    # a meeting typed in late, dated before the snapshot: the data behind it changed
    meetings.record_meeting(store, b, MeetingInput(date(2026, 2, 20), steps[4]))
    again = snapshots.recheck_snapshot(store, snap.id)
    assert again.changed and (again.active_now, again.counted_now) == (2, 2)
    assert again.reasons == {"placering rettet eller registreret med tidligere dato": 1}
    # the stored figures stay as they were
    assert snapshots.get_snapshot(store, snap.id).counted == 1
    citizens.erase_citizen(store, a)
    assert snapshots.recheck_snapshot(store, snap.id).reasons["slettet siden"] == 1
    assert [s.name for s in snapshots.list_snapshots(store)] == ["Baseline"]


def test_snapshot_sees_a_backdated_staircase_change(store, steps):
    a = _c(store, "A")
    meetings.record_meeting(store, a, MeetingInput(date(2026, 2, 1), steps[2]))
    snap = snapshots.take_snapshot(store, "Midtvejs", date(2026, 3, 1))
    staircase.update_step(store, steps[2], category=Category.COMPANY_ACTIVITY, on=date(2026, 2, 15))
    check = snapshots.recheck_snapshot(store, snap.id)
    assert check.reasons == {"trinnets kategori ændret med virkning fra en dato før målingen": 1}


def test_cohort_snapshot_needs_a_baseline(store):
    with pytest.raises(ValidationError):
        snapshots.take_snapshot(store, "Slut", ON, method=Method.COHORT)


def test_targets_against_the_current_figure(store, steps):
    group = staircase.list_target_groups(store)[0].id
    a = _c(store, "A", target_group_id=group)
    meetings.record_meeting(store, a, MeetingInput(date(2026, 2, 1), steps[1]))
    b = _c(store, "B", target_group_id=group)
    meetings.record_meeting(store, b, MeetingInput(date(2026, 2, 1), steps[1]))
    meetings.record_meeting(store, b, MeetingInput(date(2026, 5, 1), steps[3]))
    t = snapshots.set_target(store, group, date(2026, 3, 1), 10.0, date(2027, 12, 31))
    status = snapshots.target_status(store, t, ON)
    assert (status.baseline_percent, status.current_percent, status.goal_percent) == (0, 50, 10)
    assert status.change_pp == 50 and status.remaining_pp == -40
    snapshots.set_target(store, group, date(2026, 3, 1), 20.0, date(2027, 12, 31))
    assert [x.change_pp for x in snapshots.list_targets(store)] == [20.0]
    with pytest.raises(ValidationError):
        snapshots.set_target(store, None, ON, 5, ON)
    assert Scope(target_group_ids=(group,)).describe(store).startswith("Målgrupper: ")
