"""A meeting invitation as an iCalendar file (.ics) that Outlook and Thunderbird open.

The event carries the date, time, place and a short text, never a CPR number (a text that
contains one is refused). Writing one is logged as an export of the citizen's data.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from trappe.model import audit, citizens
from trappe.model.entities import Citizen
from trappe.model.errors import ValidationError
from trappe.model.staircase import municipality_name
from trappe.model.store import Store
from trappe.model.validation import check_date, clean_text, format_date_long

TIMEZONE = ZoneInfo("Europe/Copenhagen")
DEFAULT_TIME = time(10, 0)
DEFAULT_MINUTES = 60
# Ten digits as a CPR number is written (with or without the dash, spaces allowed).
_CPR_LIKE = re.compile(r"(?<!\d)\d{2}\s?\d{2}\s?\d{2}\s?-?\s?\d{4}(?!\d)")


@dataclass(frozen=True)
class Invitation:
    """What the caseworker fills in: when, for how long, where, and a word to the citizen."""

    on: date | None
    at: time = DEFAULT_TIME
    minutes: int = DEFAULT_MINUTES
    place: str = ""
    text: str = ""


def suggested_invitation(store: Store, citizen: Citizen, on: date | None = None) -> Invitation:
    """Next meeting's date (else ``on``), 10:00, an hour, at the jobcentre, a friendly text."""
    day = citizen.next_meeting_on or on or date.today()
    municipality = municipality_name(store)
    place = municipality or "Jobcentret"
    text = (
        f"Vi ses til en samtale om din plan og dine næste skridt {format_date_long(day)}.\n"
        "Giv besked, hvis tidspunktet ikke passer."
    )
    return Invitation(on=day, place=place, text=text)


def validate_invitation(data: Invitation) -> Invitation:
    on = check_date(data.on, "on", "Datoen", required=True)
    if not isinstance(data.at, time):
        raise ValidationError("at", "Klokkeslættet er ikke gyldigt.")
    if not 5 <= int(data.minutes) <= 8 * 60:
        raise ValidationError("minutes", "Varigheden skal være mellem 5 minutter og 8 timer.")
    place = clean_text(data.place, "place", "Stedet", max_len=200)
    text = clean_text(data.text, "text", "Teksten", max_len=2000, multiline=True)
    for field, label, value in (("place", "Stedet", place), ("text", "Teksten", text)):
        if _CPR_LIKE.search(value):
            raise ValidationError(
                field, f"{label} må ikke indeholde et CPR-nummer: indkaldelsen sendes ud."
            )
    assert on is not None
    return Invitation(on, data.at, int(data.minutes), place, text)


def invitation_ics(
    citizen: Citizen,
    data: Invitation,
    *,
    uid: str | None = None,
    stamp: datetime | None = None,
) -> bytes:
    """The iCalendar file for one meeting (METHOD:PUBLISH, with its time zone)."""
    from icalendar import Calendar, Event  # imported when needed: ~0.15 s at start-up

    data = validate_invitation(data)
    assert data.on is not None
    starts = datetime.combine(data.on, data.at, tzinfo=TIMEZONE)
    cal = Calendar()
    cal.add("prodid", "-//Trappe//Mødeindkaldelse//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    event = Event()
    event.add("uid", uid or f"{uuid.uuid4()}@trappe")
    event.add("dtstamp", (stamp or datetime.now(UTC)).astimezone(UTC))
    event.add("dtstart", starts)
    event.add("dtend", starts + timedelta(minutes=data.minutes))
    event.add("summary", f"Samtale: {citizen.name}")
    if data.place:
        event.add("location", data.place)
    if data.text:
        event.add("description", data.text)
    event.add("transp", "OPAQUE")
    cal.add_component(_copenhagen())
    cal.add_component(event)
    return cal.to_ical()


def _copenhagen() -> Any:
    """Danish time by the EU rule (summer time from the last Sunday of March to the last
    Sunday of October) as two yearly rules: short, and right for every year to come."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    tz = Timezone()
    tz.add("tzid", "Europe/Copenhagen")
    for part, name, start, month, before, after in (
        (TimezoneDaylight(), "CEST", datetime(1996, 3, 31, 2), 3, "+0100", "+0200"),
        (TimezoneStandard(), "CET", datetime(1996, 10, 27, 3), 10, "+0200", "+0100"),
    ):
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        part.add("tzoffsetfrom", _offset(before))
        part.add("tzoffsetto", _offset(after))
        tz.add_component(part)
    return tz


def _offset(text: str) -> timedelta:
    return timedelta(hours=int(text[1:3])) * (1 if text[0] == "+" else -1)


def export_invitation(
    store: Store,
    citizen_id: int,
    data: Invitation,
    *,
    uid: str | None = None,
    stamp: datetime | None = None,
) -> bytes:
    """The .ics for a citizen's meeting; logged as an export of the citizen's data."""
    citizen = citizens.get_citizen(store, citizen_id)
    ics = invitation_ics(citizen, data, uid=uid, stamp=stamp)
    log_export(store, citizen_id, data)
    return ics


def log_export(store: Store, citizen_id: int, data: Invitation) -> None:
    """Write to the audit log that an invitation (with the citizen's name) left Trappe."""
    on = data.on.isoformat() if data.on else None
    audit.log_event(store, "export", "citizen", citizen_id, {"format": "ics", "date": on})
