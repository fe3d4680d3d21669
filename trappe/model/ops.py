"""The user's operations on citizens and meetings, each returning what it changed.

Every change the user makes in the window is one of these (as Anki's operations):
each calls the model function that does the work in one transaction, and returns an
``OpResult`` whose ``Changes`` tells the views which panes to redraw. The undo commands
(``trappe/ui/commands.py``) call these in ``redo()`` and ``undo()``.
"""

from __future__ import annotations

from datetime import date

from trappe.model import citizens, meetings
from trappe.model.changes import Changes, OpResult, Part
from trappe.model.entities import (
    Agreement,
    Citizen,
    CitizenInput,
    CloseReason,
    Meeting,
    MeetingInput,
)
from trappe.model.store import Store
from trappe.model.validation import check_date

# The citizen fields the caseload list shows, sorts or filters on.
_LISTED_FIELDS = ("name", "identifier", "target_group_id", "caseworker_id", "consultant_id")
# A course's status shows everywhere: the list (filter), the header, whether the staircase
# can be moved, the history's next-meeting line and whether agreements can be ticked off.
_STATUS = Part.CITIZEN | Part.LISTED | Part.PLACEMENTS | Part.HISTORY
_MEETING = Part.LISTED | Part.PLACEMENTS | Part.HISTORY


def create_citizen(store: Store, data: CitizenInput) -> OpResult[Citizen]:
    c = citizens.create_citizen(store, data)
    return OpResult(c, Changes(c.id, Part.CITIZEN | Part.LISTED))


def update_citizen(store: Store, citizen_id: int, data: CitizenInput) -> OpResult[Citizen]:
    before = citizens.get_citizen(store, citizen_id)
    after = citizens.update_citizen(store, citizen_id, data)
    parts = Part.CITIZEN
    if any(getattr(before, f) != getattr(after, f) for f in _LISTED_FIELDS):
        parts |= Part.LISTED
    if (before.goal_step_id, before.goal_date, before.start_date) != (
        after.goal_step_id,
        after.goal_date,
        after.start_date,
    ):
        parts |= Part.PLACEMENTS  # the goal star (and the chart's time axis)
    return OpResult(after, Changes(citizen_id, parts))


def close_citizen(
    store: Store, citizen_id: int, reason: CloseReason, closed_on: date | None, note: str = ""
) -> OpResult[Citizen]:
    """Close a course on ``closed_on``, which must be given (the dialog's date field)."""
    check_date(closed_on, "closed_on", "Datoen", required=True)
    c = citizens.close_citizen(store, citizen_id, reason, closed_on, note)
    return OpResult(c, Changes(citizen_id, _STATUS))


def reopen_citizen(
    store: Store, citizen_id: int, on: date | None = None
) -> OpResult[tuple[Citizen, int | None]]:
    """Reopen (from ``on``, default today); the value holds the course period the reopening
    started (``None`` when reopening on the closing day resumed the last one)."""
    before = citizens.course_period_ids(store, citizen_id)
    c = citizens.reopen_citizen(store, citizen_id, on)
    started = citizens.course_period_ids(store, citizen_id) - before
    return OpResult((c, min(started) if started else None), Changes(citizen_id, _STATUS))


def undo_reopen(
    store: Store,
    citizen_id: int,
    closed_on: date | None,
    reason: CloseReason,
    note: str,
    period_id: int | None,
) -> OpResult[Citizen]:
    c = citizens.undo_reopen(store, citizen_id, closed_on, reason, note, period_id)
    return OpResult(c, Changes(citizen_id, _STATUS))


def erase_citizen(store: Store, citizen_id: int) -> OpResult[None]:
    citizens.erase_citizen(store, citizen_id)
    return OpResult(None, Changes(citizen_id, Part.ERASED | Part.LISTED))


def record_meeting(store: Store, citizen_id: int, data: MeetingInput) -> OpResult[Meeting]:
    m = meetings.record_meeting(store, citizen_id, data)
    return OpResult(m, Changes(citizen_id, _MEETING))


def update_meeting(store: Store, meeting_id: int, data: MeetingInput) -> OpResult[Meeting]:
    m = meetings.update_meeting(store, meeting_id, data)
    return OpResult(m, Changes(m.citizen_id, _MEETING))


def delete_meeting(store: Store, meeting_id: int) -> OpResult[None]:
    citizen_id = meetings.get_meeting(store, meeting_id).citizen_id
    meetings.delete_meeting(store, meeting_id)
    return OpResult(None, Changes(citizen_id, _MEETING))


def set_agreement_done(
    store: Store, citizen_id: int, agreement_id: int, done_on: date | None
) -> OpResult[Agreement]:
    """Tick an agreement off (or on again): nothing the list shows changes."""
    a = meetings.set_agreement_done(store, agreement_id, done_on)
    return OpResult(a, Changes(citizen_id, Part.HISTORY))
