"""Next meeting: intervals per target group, with closer follow-up at the start."""

from __future__ import annotations

from datetime import date

import pytest

from trappe.model import citizens, intervals, staircase
from trappe.model.entities import CitizenInput
from trappe.model.errors import ValidationError
from trappe.model.intervals import MeetingInterval, add_months


def test_a_new_database_suggests_six_weeks_and_four_in_the_first_three_months(store):
    c = citizens.create_citizen(store, CitizenInput(name="Bo", start_date=date(2026, 1, 5)))
    assert intervals.list_intervals(store) == [MeetingInterval(None, 6, 3, 4)]
    assert intervals.suggest_next_meeting(store, c, date(2026, 2, 2)) == date(2026, 3, 2)
    assert intervals.suggest_next_meeting(store, c, date(2026, 4, 4)) == date(2026, 5, 2)
    # The first three months end on 5 April: a meeting on the 5th is after them.
    assert intervals.suggest_next_meeting(store, c, date(2026, 4, 5)) == date(2026, 5, 17)


def test_a_target_group_has_its_own_interval(store):
    groups = staircase.list_target_groups(store)
    ready, other = groups[0], groups[1]
    intervals.set_interval(store, ready.id, 6, first_months=3, first_weeks=4)
    intervals.set_interval(store, None, 8)
    a = citizens.create_citizen(
        store, CitizenInput(name="A", target_group_id=ready.id, start_date=date(2026, 1, 1))
    )
    b = citizens.create_citizen(
        store, CitizenInput(name="B", target_group_id=other.id, start_date=date(2026, 1, 1))
    )
    assert intervals.suggest_next_meeting(store, a, date(2026, 2, 1)) == date(2026, 3, 1)
    assert intervals.suggest_next_meeting(store, b, date(2026, 2, 1)) == date(2026, 3, 29)
    intervals.clear_interval(store, ready.id)
    assert intervals.interval_for(store, ready.id) == MeetingInterval(None, 8, 0, None)
    assert [i.target_group_id for i in intervals.list_intervals(store)] == [None]


def test_without_any_interval_six_weeks(store):
    with store.write():
        store.execute("DELETE FROM meeting_intervals")
    c = citizens.create_citizen(store, CitizenInput(name="Bo", start_date=date(2026, 1, 5)))
    assert intervals.suggest_next_meeting(store, c, date(2026, 1, 5)) == date(2026, 2, 16)


@pytest.mark.parametrize(
    ("weeks", "first_months", "first_weeks", "field"),
    [
        (0, 0, None, "weeks"),
        (53, 0, None, "weeks"),
        (6, 25, 4, "first_months"),
        (6, 3, None, "first_weeks"),
        (6, 3, 0, "first_weeks"),
    ],
)
def test_intervals_are_checked_in_the_model(store, weeks, first_months, first_weeks, field):
    with pytest.raises(ValidationError) as err:
        intervals.set_interval(store, None, weeks, first_months, first_weeks)
    assert err.value.field == field
    assert intervals.list_intervals(store) == [MeetingInterval(None, 6, 3, 4)]


def test_add_months_keeps_to_the_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 5, 15), 0) == date(2026, 5, 15)
