"""A meeting held on the staircase (meeting mode): everything it changes, saved as one.

In meeting mode the professionals move their marker, the citizen places their own triangle,
the goal star may move, earlier agreements are ticked off as done and new ones agreed. All of
it is one ``MeetingSession``, saved by ``save_session`` in one transaction as one meeting:

- a new meeting, or today's meeting recorded again (a placement made in dialogue mode on a
  day that already has a meeting belongs to that meeting: never a stray placement);
- the earlier agreements ticked off, done on the meeting's date;
- the citizen's goal step, if it was moved.

``revert_session`` undoes exactly that, also in one transaction, and returns the session that
redoes it (with what happened to the meeting's own agreements since).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from trappe.model.citizens import conflict, get_citizen
from trappe.model.dates import from_db, to_db
from trappe.model.entities import Agreement, CitizenRecord, Meeting, MeetingInput
from trappe.model.errors import NotFoundError, ValidationError
from trappe.model.meetings import (
    check_can_record,
    delete_meeting,
    get_meeting,
    meeting_input,
    record_meeting,
    update_meeting,
    validate_meeting,
)
from trappe.model.progress import refresh_derived
from trappe.model.staircase import require_active_step
from trappe.model.store import Store


@dataclass(frozen=True)
class MeetingSession:
    """What a meeting on the staircase saves.

    ``meeting_id``: today's meeting being recorded again (its placements, notes, agreements
    and activities are replaced by ``meeting``); None records a new meeting.
    ``done_agreements``: ids of earlier meetings' agreements ticked off at this meeting.
    ``goal_step_id`` with ``change_goal``: the goal star's new step (None: no goal).
    ``meeting_version`` / ``citizen_version``: the versions the meeting mode began from; if
    someone else saved today's meeting or the citizen since, saving is refused with
    ``EditConflict`` instead of overwriting their change (None: not checked).
    """

    meeting: MeetingInput
    meeting_id: int | None = None
    done_agreements: tuple[int, ...] = ()
    change_goal: bool = False
    goal_step_id: int | None = None
    meeting_version: int | None = None
    citizen_version: int | None = None


@dataclass(frozen=True)
class SavedSession:
    """What ``save_session`` changed, so that ``revert_session`` can put it back."""

    citizen_id: int
    session: MeetingSession
    meeting_id: int
    created: bool
    before: MeetingInput | None = None  # today's meeting as it was, when recorded again
    done_before: dict[int, date | None] = field(default_factory=dict)
    goal_before: int | None = None


def todays_meeting(record: CitizenRecord, today: date) -> Meeting | None:
    """The meeting held ``today`` (the latest, if there are several), or None."""
    held = [m for m in record.meetings if m.held_on == today]
    return max(held, key=lambda m: m.id, default=None)


def earlier_open_agreements(record: CitizenRecord, meeting_id: int | None) -> list[Agreement]:
    """The open agreements that may be ticked off in a meeting: those of other meetings,
    newest meeting first (the order everywhere)."""
    return [a for a in record.open_agreements if a.meeting_id != meeting_id]


def validate_session(store: Store, citizen_id: int, session: MeetingSession) -> MeetingSession:
    """The cleaned session, or a ValidationError naming the first field that is wrong."""
    check_can_record(store, citizen_id)
    citizen = get_citizen(store, citizen_id)
    kept: set[int] = set()
    if session.meeting_id is not None:
        row = store.query_one("SELECT citizen_id FROM meetings WHERE id = ?", (session.meeting_id,))
        if row is None or row[0] != citizen_id:
            raise NotFoundError("Dagens møde findes ikke længere (måske er det slettet).")
        kept = {
            r[0]
            for r in store.query(
                "SELECT step_id FROM placements WHERE meeting_id = ?", (session.meeting_id,)
            )
        }
    meeting = validate_meeting(store, session.meeting, kept_steps=kept)
    if session.change_goal and session.goal_step_id != citizen.goal_step_id:
        require_active_step(
            store,
            session.goal_step_id,
            "goal_step_id",
            "Målet",
            already=() if citizen.goal_step_id is None else (citizen.goal_step_id,),
        )
    done = tuple(dict.fromkeys(session.done_agreements))
    if done:
        marks = ",".join("?" * len(done))
        rows = store.query(
            f"SELECT id, citizen_id, meeting_id FROM agreements WHERE id IN ({marks})", done
        )
        found = {r["id"]: r for r in rows}
        for aid in done:
            r = found.get(aid)
            if r is None or r["citizen_id"] != citizen_id:
                raise ValidationError("done_agreements", "En af aftalerne findes ikke længere.")
            if session.meeting_id is not None and r["meeting_id"] == session.meeting_id:
                raise ValidationError(
                    "done_agreements", "Mødets egne aftaler markeres som udført i mødet."
                )
    return replace(session, meeting=meeting, done_agreements=done)


def _done_dates(store: Store, ids: Iterable[int]) -> dict[int, date | None]:
    ids = tuple(ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {
        r["id"]: from_db(r["done_on"])
        for r in store.query(f"SELECT id, done_on FROM agreements WHERE id IN ({marks})", ids)
    }


def _set_goal(store: Store, citizen_id: int, goal_step_id: int | None) -> None:
    store.execute(
        "UPDATE citizens SET goal_step_id = ?, version = version + 1 WHERE id = ?",
        (goal_step_id, citizen_id),
    )
    store.audit("update", "citizen", citizen_id, {"fields": ["goal_step_id"]})


def _set_done(store: Store, done: dict[int, date | None]) -> None:
    for aid, on in done.items():
        store.execute("UPDATE agreements SET done_on = ? WHERE id = ?", (to_db(on), aid))
        store.audit("update", "agreement", aid, {"fields": ["done_on"]})


def save_session(store: Store, citizen_id: int, session: MeetingSession) -> SavedSession:
    """Save the meeting and everything around it in one transaction: all or nothing."""
    with store.write():
        clean = validate_session(store, citizen_id, session)
        citizen = get_citizen(store, citizen_id)
        before = None
        if clean.meeting_id is None:
            meeting_id = record_meeting(store, citizen_id, clean.meeting).id
            created = True
        else:
            before = meeting_input(get_meeting(store, clean.meeting_id))
            meeting_id = update_meeting(
                store, clean.meeting_id, clean.meeting, expected_version=clean.meeting_version
            ).id
            created = False
        done_before = _done_dates(store, clean.done_agreements)
        # Ticked off at this meeting: done on its date (one already done keeps its date).
        _set_done(
            store,
            {aid: clean.meeting.held_on for aid, was in done_before.items() if was is None},
        )
        goal_before = citizen.goal_step_id
        if clean.change_goal and clean.goal_step_id != goal_before:
            if clean.citizen_version is not None and citizen.version != clean.citizen_version:
                raise conflict(
                    store,
                    "citizen",
                    citizen_id,
                    f"Borgeren «{citizen.name}»",
                    citizen.version,
                )
            _set_goal(store, citizen_id, clean.goal_step_id)
        refresh_derived(store, citizen_id)
    return SavedSession(
        citizen_id,
        clean,
        meeting_id,
        created,
        before,
        {aid: was for aid, was in done_before.items() if was is None},
        goal_before,
    )


def revert_session(store: Store, saved: SavedSession) -> MeetingSession:
    """Undo a saved session in one transaction; returns the session that redoes it."""
    with store.write():
        meeting = get_meeting(store, saved.meeting_id)
        now = meeting_input(meeting)  # keeps done marks set on its own agreements since
        citizen = get_citizen(store, saved.citizen_id)
        if saved.created:
            delete_meeting(store, saved.meeting_id)
        else:
            assert saved.before is not None
            update_meeting(store, saved.meeting_id, saved.before)
        _set_done(store, saved.done_before)
        if saved.session.change_goal and citizen.goal_step_id != saved.goal_before:
            _set_goal(store, saved.citizen_id, saved.goal_before)
        refresh_derived(store, saved.citizen_id)
    s = saved.session
    return MeetingSession(
        now,
        None if saved.created else saved.meeting_id,
        s.done_agreements,
        s.change_goal,
        s.goal_step_id,
    )
