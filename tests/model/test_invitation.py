"""Meeting invitations (.ics), read back with icalendar as a calendar program would."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import icalendar
import pytest

from trappe.model import audit, citizens, invitation
from trappe.model.errors import ValidationError
from trappe.model.invitation import Invitation


def read(ics: bytes):  # type: ignore[no-untyped-def]
    cal = icalendar.Calendar.from_ical(ics)
    (event,) = cal.walk("VEVENT")
    return cal, event


def test_an_invitation_reads_back_with_date_time_place_and_text(store, citizen_with_history):
    c = citizens.get_citizen(store, citizen_with_history)
    data = Invitation(date(2026, 7, 2), time(13, 30), 45, "Jobcenter Nyborg", "Husk madpakke")
    ics = invitation.export_invitation(
        store, c.id, data, uid="x@trappe", stamp=datetime(2026, 6, 1, tzinfo=UTC)
    )
    assert b"\r\n" in ics and ics.startswith(b"BEGIN:VCALENDAR")
    cal, event = read(ics)
    assert str(cal["method"]) == "PUBLISH" and str(cal["version"]) == "2.0"
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == datetime(2026, 7, 2, 13, 30, tzinfo=invitation.TIMEZONE)
    assert start.utcoffset() == timedelta(hours=2)  # summer time
    assert end - start == timedelta(minutes=45)
    assert str(event["summary"]) == "Samtale: Åse Ærø Søndergård"
    assert str(event["location"]) == "Jobcenter Nyborg"
    assert str(event["description"]) == "Husk madpakke"
    assert str(event["uid"]) == "x@trappe"
    assert "010190" not in ics.decode("utf-8")  # the citizen's CPR number is never in it
    (tz,) = cal.walk("VTIMEZONE")
    assert str(tz["tzid"]) == "Europe/Copenhagen"
    entry = audit.list_entries(store, object_type="citizen", object_id=c.id)[0]
    assert (entry.action, entry.details) == ("export", {"format": "ics", "date": "2026-07-02"})


def test_winter_time_is_an_hour_from_utc(store, citizen_with_history):
    c = citizens.get_citizen(store, citizen_with_history)
    _, event = read(invitation.invitation_ics(c, Invitation(date(2026, 12, 7))))
    assert event.decoded("dtstart").utcoffset() == timedelta(hours=1)


def test_the_suggestion_is_the_next_meeting_at_ten(store, citizen_with_history):
    c = citizens.get_citizen(store, citizen_with_history)
    data = invitation.suggested_invitation(store, c)
    assert (data.on, data.at, data.minutes) == (c.next_meeting_on, time(10), 60)
    assert "15. jun. 2026" in data.text and data.place == "Jobcentret"


@pytest.mark.parametrize(
    ("field", "value"),
    [("text", "Medbring 010190-1234"), ("text", "cpr 0101901234"), ("place", "01 01 90 1234")],
)
def test_a_cpr_number_is_refused(store, citizen_with_history, field, value):
    c = citizens.get_citizen(store, citizen_with_history)
    data = Invitation(date(2026, 7, 2), **{field: value})
    with pytest.raises(ValidationError) as err:
        invitation.export_invitation(store, c.id, data)
    assert err.value.field == field
    assert not [e for e in audit.list_entries(store) if e.action == "export"]


def test_duration_is_checked(store, citizen_with_history):
    c = citizens.get_citizen(store, citizen_with_history)
    with pytest.raises(ValidationError) as err:
        invitation.invitation_ics(c, Invitation(date(2026, 7, 2), minutes=0))
    assert err.value.field == "minutes"
