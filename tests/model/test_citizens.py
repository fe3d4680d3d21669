from __future__ import annotations

from datetime import date

import pytest

from trappe.model import citizens, meetings, staircase
from trappe.model.citizens import CitizenQuery
from trappe.model.entities import (
    CitizenInput,
    CloseReason,
    MeetingInput,
    NextMeetingFilter,
    Role,
    Status,
)
from trappe.model.errors import NotFoundError, ValidationError


def names(rows):
    return [r.name for r in rows]


def test_create_and_update(store):
    group = staircase.list_target_groups(store)[3]
    cw = staircase.ensure_staff(store, "Mette Sørensen", Role.CASEWORKER)
    c = citizens.create_citizen(
        store,
        CitizenInput(
            name="  Ærling Østergård ",
            identifier="0101901234",
            target_group_id=group.id,
            caseworker_id=cw.id,
            start_date=date(2026, 1, 5),
        ),
    )
    assert c.name == "Ærling Østergård"
    assert c.identifier == "010190-1234"
    assert c.status is Status.ACTIVE
    c2 = citizens.update_citizen(
        store,
        c.id,
        CitizenInput(
            name="Ærling Østergaard",
            identifier=None,
            target_group_id=group.id,
            caseworker_id=cw.id,
            start_date=date(2026, 1, 5),
            goal_date=date(2026, 12, 1),
        ),
    )
    assert c2.name == "Ærling Østergaard" and c2.identifier is None
    assert c2.goal_date == date(2026, 12, 1)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (CitizenInput(name=""), "name"),
        (CitizenInput(name="\u200b\x07"), "name"),
        (CitizenInput(name="x" * 201), "name"),
        (CitizenInput(name="Bo", identifier="310290-1234"), "identifier"),
        (
            CitizenInput(name="Bo", start_date=date(2026, 5, 1), goal_date=date(2026, 4, 1)),
            "goal_date",
        ),
        (CitizenInput(name="Bo", goal_step_id=9999), "goal_step_id"),
        (CitizenInput(name="Bo", target_group_id=9999), "target_group_id"),
        (CitizenInput(name="Bo", caseworker_id=9999), "caseworker_id"),
        (CitizenInput(name="Bo", start_date=date(1850, 1, 1)), "start_date"),
    ],
)
def test_invalid_citizens_are_refused_and_change_nothing(store, data, field):
    with pytest.raises(ValidationError) as err:
        citizens.create_citizen(store, data)
    assert err.value.field == field
    assert err.value.message
    assert store.scalar("SELECT count(*) FROM citizens") == 0


def test_close_and_reopen(store, citizen_with_history):
    cid = citizen_with_history
    c = citizens.close_citizen(store, cid, CloseReason.JOB, date(2026, 6, 1), "Fast job")
    assert c.status is Status.CLOSED and c.closed_reason is CloseReason.JOB
    with pytest.raises(ValidationError, match="afsluttet"):
        meetings.record_meeting(store, cid, MeetingInput(date(2026, 7, 1), c.current_step_id))
    with pytest.raises(ValidationError, match="allerede afsluttet"):
        citizens.close_citizen(store, cid, CloseReason.JOB)
    c = citizens.reopen_citizen(store, cid)
    assert c.status is Status.ACTIVE and c.closed_on is None
    with pytest.raises(ValidationError, match="før det startede"):
        citizens.close_citizen(store, cid, CloseReason.OTHER, date(2025, 1, 1))


def test_erase_removes_everything_about_the_citizen(store, citizen_with_history):
    other = citizens.create_citizen(store, CitizenInput(name="Anden Borger"))
    citizens.erase_citizen(store, citizen_with_history)
    for table in ("meetings", "placements", "agreements"):
        assert (
            store.scalar(
                f"SELECT count(*) FROM {table} WHERE citizen_id = ?", (citizen_with_history,)
            )
            == 0
        )
    assert store.scalar("SELECT count(*) FROM activities") == 0
    assert store.scalar("SELECT count(*) FROM audit_log WHERE details LIKE '%Åse%'") == 0
    assert citizens.get_citizen(store, other.id).name == "Anden Borger"
    with pytest.raises(NotFoundError):
        citizens.get_citizen_record(store, citizen_with_history)
    assert store.integrity_ok()


def test_search_is_case_insensitive_for_danish_letters(store):
    for name in ["ÅSE ÆRØ", "Bjørn Nielsen", "Søren Åberg", "Anne Hansen"]:
        citizens.create_citizen(store, CitizenInput(name=name))
    citizens.create_citizen(store, CitizenInput(name="Kim", identifier="010203-4567"))
    assert names(citizens.search_citizens(store, CitizenQuery(text="åse ærø"))) == ["ÅSE ÆRØ"]
    assert names(citizens.search_citizens(store, CitizenQuery(text="ÅBERG"))) == ["Søren Åberg"]
    assert names(citizens.search_citizens(store, CitizenQuery(text="0102034567"))) == ["Kim"]
    assert names(citizens.search_citizens(store, CitizenQuery(text="010203-45"))) == ["Kim"]
    assert names(citizens.search_citizens(store, CitizenQuery(text="%"))) == []
    assert names(citizens.search_citizens(store, CitizenQuery(text="_"))) == []
    rows = citizens.search_citizens(store, CitizenQuery(text="kim"))
    assert rows[0].identifier_masked == "010203-****"


def test_filters_and_sorting(store, citizen_with_history):
    steps = staircase.load_staircase(store).steps
    b = citizens.create_citizen(store, CitizenInput(name="Bo Berg", start_date=date(2026, 1, 1)))
    meetings.record_meeting(
        store,
        b.id,
        MeetingInput(date(2026, 11, 1), steps[4].id, next_meeting_on=date(2026, 12, 10)),
    )
    citizens.create_citizen(store, CitizenInput(name="Carl Uden Møde"))
    today = date(2026, 11, 22)
    by_step = citizens.search_citizens(
        store, CitizenQuery(today=today, order_by="step", descending=True)
    )
    assert names(by_step)[0] == "Bo Berg"
    overdue = citizens.search_citizens(
        store, CitizenQuery(today=today, next_meeting=NextMeetingFilter.OVERDUE)
    )
    assert names(overdue) == ["Åse Ærø Søndergård"]  # next meeting was 15-06-2026
    none_planned = citizens.search_citizens(
        store, CitizenQuery(next_meeting=NextMeetingFilter.NONE_PLANNED)
    )
    assert names(none_planned) == ["Carl Uden Møde"]
    stale = citizens.search_citizens(store, CitizenQuery(today=today, stale_weeks=12))
    assert "Bo Berg" not in names(stale) and "Åse Ærø Søndergård" in names(stale)
    on_step = citizens.search_citizens(store, CitizenQuery(step_id=steps[4].id))
    assert names(on_step) == ["Bo Berg"]
    most_days = citizens.search_citizens(
        store, CitizenQuery(order_by="days_on_step", descending=True)
    )
    assert names(most_days)[0] == "Åse Ærø Søndergård"
    nxt = citizens.search_citizens(store, CitizenQuery(order_by="next_meeting"))
    assert names(nxt)[-1] == "Carl Uden Møde", "no next meeting sorts last"
    assert citizens.count_citizens(store, CitizenQuery()) == 3
    citizens.close_citizen(store, b.id, CloseReason.EDUCATION, date(2026, 11, 20))
    assert citizens.count_citizens(store, CitizenQuery()) == 2
    assert citizens.count_citizens(store, CitizenQuery(status=Status.CLOSED)) == 1
    assert citizens.count_citizens(store, CitizenQuery(status=None)) == 3
    page = citizens.search_citizens(store, CitizenQuery(status=None), limit=2, offset=2)
    assert len(page) == 1


def test_derived_facts_on_the_record(store, citizen_with_history):
    record = citizens.get_citizen_record(store, citizen_with_history)
    steps = staircase.load_staircase(store).steps
    c = record.citizen
    assert c.current_step_id == steps[1].id
    assert c.current_step_since == date(2026, 5, 4)
    assert c.own_step_id == steps[2].id
    assert c.days_on_step(date(2026, 5, 14)) == 10
    assert c.next_meeting_overdue(date(2026, 6, 16))
    assert not c.next_meeting_overdue(date(2026, 6, 15))
    assert len(record.meetings) == 3
    assert [a.what for a in record.open_agreements][-1:] == ["Gå til læge om ryggen"]
    assert {a.kind for a in record.current_activities} == {
        "Virksomhedspraktik",
        "Sundhedsfaglig støtte",
    }
    assert record.caseworker.name == "Mette Sørensen"
    assert record.consultant.name == "Jens Østergaard"


def test_next_meeting_this_week_and_next_week(store):
    """Weeks run Monday to Sunday; 22-11-2026 is a Sunday."""
    step = staircase.load_staircase(store).steps[0].id
    for name, next_on in (
        ("Mandag i denne uge", date(2026, 11, 16)),
        ("Søndag i denne uge", date(2026, 11, 22)),
        ("Mandag i næste uge", date(2026, 11, 23)),
        ("Søndag i næste uge", date(2026, 11, 29)),
        ("Om tre uger", date(2026, 12, 7)),
    ):
        c = citizens.create_citizen(store, CitizenInput(name=name, start_date=date(2026, 1, 1)))
        meetings.record_meeting(
            store, c.id, MeetingInput(date(2026, 11, 2), step, next_meeting_on=next_on)
        )

    def shown(which: NextMeetingFilter) -> list[str]:
        query = CitizenQuery(today=date(2026, 11, 22), next_meeting=which)
        rows = citizens.search_citizens(store, query, log_search=False)
        assert citizens.count_citizens(store, query) == len(rows)
        return sorted(r.name for r in rows)

    assert shown(NextMeetingFilter.THIS_WEEK) == ["Mandag i denne uge", "Søndag i denne uge"]
    assert shown(NextMeetingFilter.NEXT_WEEK) == ["Mandag i næste uge", "Søndag i næste uge"]
    assert len(shown(NextMeetingFilter.ANY)) == 5
