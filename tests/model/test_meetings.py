from __future__ import annotations

from datetime import date

import pytest

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import (
    Activity,
    Agreement,
    CitizenInput,
    MeetingInput,
    Responsible,
)
from trappe.model.errors import NotFoundError, ValidationError

COUNTED = ("meetings", "placements", "agreements", "activities", "audit_log")


def open_agreements(store, citizen_id):  # type: ignore[no-untyped-def]
    return citizens.get_citizen_record(store, citizen_id, log_read=False).open_agreements


def counts(store):
    return {t: store.scalar(f"SELECT count(*) FROM {t}") for t in COUNTED}


@pytest.fixture
def steps(store):
    return staircase.load_staircase(store).steps


@pytest.fixture
def cid(store):
    return citizens.create_citizen(
        store, CitizenInput(name="Ida Ærø", start_date=date(2026, 1, 1))
    ).id


def test_record_meeting_saves_everything(store, steps, cid):
    m = meetings.record_meeting(
        store,
        cid,
        MeetingInput(
            held_on=date(2026, 2, 1),
            professional_step_id=steps[2].id,
            citizen_step_id=steps[3].id,
            participants="Ida, Mette, Jens",
            caseworker_note="Notat\nmed to linjer",
            consultant_note="VK-notat",
            next_meeting_on=date(2026, 3, 15),
            activities=[Activity("Virksomhedspraktik", "Lager", "Føtex", 10), Activity("Mentor")],
            agreements=[
                Agreement("Ringe til Føtex", Responsible.COMPANY_CONSULTANT, date(2026, 2, 10)),
                Agreement("Købe sikkerhedssko", Responsible.OTHER, responsible_other="Mor"),
            ],
        ),
    )
    assert m.professional_step_id == steps[2].id and m.citizen_step_id == steps[3].id
    assert [a.what for a in m.agreements] == ["Ringe til Føtex", "Købe sikkerhedssko"]
    assert m.agreements[1].responsible_other == "Mor"
    assert [a.company for a in m.activities] == ["Føtex", ""]
    c = citizens.get_citizen(store, cid)
    assert (c.current_step_id, c.own_step_id) == (steps[2].id, steps[3].id)
    assert c.next_meeting_on == date(2026, 3, 15)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"next_meeting_on": date(2026, 1, 31)}, "next_meeting_on"),
        ({"next_meeting_on": date(2026, 2, 1)}, "next_meeting_on"),
        ({"professional_step_id": None}, "professional_step_id"),
        ({"professional_step_id": 12345}, "professional_step_id"),
        ({"citizen_step_id": 12345}, "citizen_step_id"),
        ({"caseworker_note": "x" * 20_001}, "caseworker_note"),
        ({"participants": "Ida\x1b[31m"}, "participants"),
        ({"agreements": [Agreement("", Responsible.CITIZEN)]}, "agreements[0].what"),
        (
            {"agreements": [Agreement("Ok", Responsible.CITIZEN), Agreement("Ok", "nobody")]},
            "agreements[1].responsible",
        ),
        ({"activities": [Activity("Praktik", hours_per_week=200)]}, "activities[0].hours_per_week"),
        ({"held_on": date(2201, 1, 1)}, "held_on"),
    ],
)
def test_invalid_meetings_change_nothing(store, steps, cid, change, field):
    base = {"held_on": date(2026, 2, 1), "professional_step_id": steps[0].id}
    before = counts(store)
    with pytest.raises(ValidationError) as err:
        meetings.record_meeting(store, cid, MeetingInput(**{**base, **change}))
    assert err.value.field == field
    assert err.value.message
    assert counts(store) == before
    assert citizens.get_citizen(store, cid).current_step_id is None


def test_update_and_delete_meeting_recompute_the_current_step(store, steps, cid):
    m1 = meetings.record_meeting(store, cid, MeetingInput(date(2026, 2, 1), steps[1].id))
    m2 = meetings.record_meeting(
        store, cid, MeetingInput(date(2026, 3, 1), steps[3].id, next_meeting_on=date(2026, 4, 1))
    )
    assert citizens.get_citizen(store, cid).current_step_id == steps[3].id
    edited = meetings.meeting_input(m2)
    meetings.update_meeting(
        store,
        m2.id,
        MeetingInput(
            edited.held_on,
            steps[2].id,
            steps[2].id,
            next_meeting_on=date(2026, 4, 2),
            agreements=[Agreement("Ny aftale", Responsible.CITIZEN)],
        ),
    )
    c = citizens.get_citizen(store, cid)
    assert (c.current_step_id, c.own_step_id, c.next_meeting_on) == (
        steps[2].id,
        steps[2].id,
        date(2026, 4, 2),
    )
    assert store.scalar("SELECT count(*) FROM placements WHERE meeting_id = ?", (m2.id,)) == 2
    meetings.delete_meeting(store, m2.id)
    c = citizens.get_citizen(store, cid)
    assert (c.current_step_id, c.own_step_id, c.next_meeting_on) == (steps[1].id, None, None)
    assert c.last_meeting_on == date(2026, 2, 1)
    assert store.scalar("SELECT count(*) FROM agreements") == 0
    with pytest.raises(NotFoundError):
        meetings.get_meeting(store, m2.id)
    assert meetings.get_meeting(store, m1.id).held_on == date(2026, 2, 1)


def test_days_on_step_counts_from_the_first_of_an_unbroken_run(store, steps, cid):
    for held, step in [
        (date(2026, 1, 10), 0),
        (date(2026, 2, 10), 1),
        (date(2026, 3, 10), 1),
        (date(2026, 4, 10), 1),
    ]:
        meetings.record_meeting(store, cid, MeetingInput(held, steps[step].id))
    assert citizens.get_citizen(store, cid).current_step_since == date(2026, 2, 10)


def test_agreements_done_and_edited(store, steps, cid):
    m = meetings.record_meeting(
        store,
        cid,
        MeetingInput(
            date(2026, 2, 1),
            steps[0].id,
            agreements=[
                Agreement("A", Responsible.CITIZEN),
                Agreement("B", Responsible.CASEWORKER),
            ],
        ),
    )
    a, _b = m.agreements
    meetings.set_agreement_done(store, a.id, date(2026, 2, 3))
    assert [x.what for x in open_agreements(store, cid)] == ["B"]
    meetings.set_agreement_done(store, a.id, None)
    assert len(open_agreements(store, cid)) == 2
