"""A meeting on the staircase saved as one: the meeting, earlier agreements ticked off and
the goal moved, in one transaction; reverted as one."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from trappe.model import audit, citizens, meetings, staircase
from trappe.model.entities import Agreement, Assessor, CitizenInput, MeetingInput, Responsible
from trappe.model.errors import NotFoundError, StoreError, ValidationError
from trappe.model.meeting_session import (
    MeetingSession,
    earlier_open_agreements,
    revert_session,
    save_session,
    todays_meeting,
)

TODAY = date(2026, 6, 15)


def _without_version(row) -> tuple:
    """A row's values except its version counter, which every edit (undo too) raises."""
    return tuple(row[k] for k in row.keys() if k != "version")  # noqa: SIM118 (a Row yields values)


def snapshot(store, cid):
    """Every row about a citizen that a session may touch."""
    q = store.query
    return (
        _without_version(q("SELECT * FROM citizens WHERE id = ?", (cid,))[0]),
        [
            _without_version(r)
            for r in q("SELECT * FROM meetings WHERE citizen_id = ? ORDER BY id", (cid,))
        ],
        [tuple(r) for r in q("SELECT * FROM placements WHERE citizen_id = ? ORDER BY id", (cid,))],
        [tuple(r) for r in q("SELECT * FROM agreements WHERE citizen_id = ? ORDER BY id", (cid,))],
    )


@pytest.fixture
def steps(store):
    return staircase.load_staircase(store).steps


def record(store, cid):
    return citizens.get_citizen_record(store, cid, log_read=False)


def test_a_new_meeting_ticks_off_earlier_agreements_and_moves_the_goal(
    store, citizen_with_history, steps
):
    cid = citizen_with_history
    before = snapshot(store, cid)
    earlier = earlier_open_agreements(record(store, cid), None)
    assert [a.what for a in earlier][:1] == ["Besøge Føtex og aftale opstart"]
    session = MeetingSession(
        MeetingInput(
            TODAY,
            steps[3].id,
            steps[4].id,
            caseworker_note="Praktikken går godt.",
            next_meeting_on=date(2026, 7, 27),
            agreements=[Agreement("Ny aftale", Responsible.CITIZEN, date(2026, 7, 1))],
        ),
        done_agreements=(earlier[0].id, earlier[2].id),
        change_goal=True,
        goal_step_id=steps[6].id,
    )
    saved = save_session(store, cid, session)
    r = record(store, cid)
    assert saved.created and len(r.meetings) == 4
    last = r.meetings[-1]
    assert (last.held_on, last.professional_step_id, last.citizen_step_id) == (
        TODAY,
        steps[3].id,
        steps[4].id,
    )
    assert r.citizen.current_step_id == steps[3].id and r.citizen.own_step_id == steps[4].id
    assert r.citizen.goal_step_id == steps[6].id
    assert r.citizen.next_meeting_on == date(2026, 7, 27)
    done = {a.what: a.done_on for m in r.meetings for a in m.agreements}
    assert done["Besøge Føtex og aftale opstart"] == TODAY
    assert done["Gå til læge om ryggen"] == TODAY
    assert done["Møde op tirsdag og torsdag"] is None
    # Every placement belongs to a meeting: none stray.
    assert all(p.meeting_id is not None for p in r.placements)

    redo = revert_session(store, saved)
    assert snapshot(store, cid) == before
    again = save_session(store, cid, redo)
    r = record(store, cid)
    assert len(r.meetings) == 4 and r.citizen.goal_step_id == steps[6].id
    assert again.created and r.meetings[-1].caseworker_note == "Praktikken går godt."


def test_todays_meeting_is_recorded_again_not_a_second_one(store, citizen_with_history, steps):
    """A placement made on a day that already has a meeting belongs to that meeting."""
    cid = citizen_with_history
    day = date(2026, 5, 4)  # the fixture's latest meeting
    r = record(store, cid)
    today = todays_meeting(r, day)
    assert today is not None and today.id == r.meetings[-1].id
    before = snapshot(store, cid)
    data = replace(meetings.meeting_input(today), citizen_step_id=steps[5].id)
    saved = save_session(store, cid, MeetingSession(data, meeting_id=today.id))
    r = record(store, cid)
    assert not saved.created and len(r.meetings) == 3
    assert r.meetings[-1].citizen_step_id == steps[5].id
    assert r.citizen.own_step_id == steps[5].id
    own_that_day = [
        p for p in r.placements if p.placed_on == day and p.assessor is Assessor.CITIZEN
    ]
    assert len(own_that_day) == 1 and own_that_day[0].meeting_id == today.id
    revert_session(store, saved)
    assert snapshot(store, cid)[1:] == before[1:]
    assert todays_meeting(r, date(2030, 1, 1)) is None


def test_refused_sessions_change_nothing(store, citizen_with_history, steps):
    cid = citizen_with_history
    before = snapshot(store, cid)
    other = citizens.create_citizen(store, CitizenInput(name="Bo"))
    meetings.record_meeting(
        store,
        other.id,
        MeetingInput(TODAY, steps[0].id, agreements=[Agreement("Hans", Responsible.CITIZEN)]),
    )
    foreign = record(store, other.id).meetings[0].agreements[0].id
    good = MeetingInput(TODAY, steps[2].id)
    bad = [
        (MeetingSession(MeetingInput(TODAY, None)), ValidationError),
        (MeetingSession(good, done_agreements=(foreign,)), ValidationError),
        (MeetingSession(good, done_agreements=(999_999,)), ValidationError),
        (MeetingSession(good, change_goal=True, goal_step_id=999_999), ValidationError),
        (MeetingSession(good, meeting_id=999_999), NotFoundError),
        (MeetingSession(replace(good, next_meeting_on=date(2026, 1, 1))), ValidationError),
    ]
    for session, error in bad:
        with pytest.raises(error):
            save_session(store, cid, session)
        assert snapshot(store, cid) == before
    citizens.close_citizen(store, cid, "job")
    closed = snapshot(store, cid)
    with pytest.raises(ValidationError):
        save_session(store, cid, MeetingSession(good))
    assert snapshot(store, cid) == closed


def test_a_locked_database_saves_nothing(store, citizen_with_history, steps):
    cid = citizen_with_history
    store.conn.execute("PRAGMA busy_timeout = 100")
    before = snapshot(store, cid)
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError):
            save_session(store, cid, MeetingSession(MeetingInput(TODAY, steps[2].id)))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert snapshot(store, cid) == before


def test_a_session_is_audited(store, citizen_with_history, steps):
    cid = citizen_with_history
    agreement = earlier_open_agreements(record(store, cid), None)[0]
    save_session(
        store,
        cid,
        MeetingSession(
            MeetingInput(TODAY, steps[2].id),
            done_agreements=(agreement.id,),
            change_goal=True,
            goal_step_id=steps[4].id,
        ),
    )
    entries = {(e.action, e.object_type) for e in audit.list_entries(store)[:4]}
    assert {("create", "meeting"), ("update", "agreement"), ("update", "citizen")} <= entries


def test_a_session_never_silently_overwrites_what_someone_else_saved(
    store, citizen_with_history, steps
):
    """Meeting mode began from today's meeting and the citizen at some version; another
    person saved both meanwhile. Saving is refused (EditConflict) and changes nothing; told
    so, the user may save again on top of the current versions."""
    from trappe.model.errors import EditConflict

    cid = citizen_with_history
    day = date(2026, 5, 4)  # the fixture's latest meeting
    today = todays_meeting(record(store, cid), day)
    began = record(store, cid).citizen.version
    # Someone else edits today's meeting in the meantime.
    meetings.update_meeting(
        store, today.id, replace(meetings.meeting_input(today), participants="Kollega")
    )
    mine = replace(meetings.meeting_input(today), citizen_step_id=steps[5].id)
    session = MeetingSession(
        mine, meeting_id=today.id, meeting_version=today.version, citizen_version=began
    )
    before = snapshot(store, cid)
    with pytest.raises(EditConflict) as refused:
        save_session(store, cid, session)
    assert snapshot(store, cid) == before
    again = replace(session, meeting_version=refused.value.current_version)
    save_session(store, cid, again)
    assert record(store, cid).meetings[-1].citizen_step_id == steps[5].id

    # The goal: the citizen was edited since the meeting mode began.
    other = record(store, cid).citizen
    citizens.update_citizen(
        store,
        cid,
        CitizenInput(
            name=other.name,
            identifier=other.identifier,
            target_group_id=other.target_group_id,
            start_date=other.start_date,
            goal_step_id=other.goal_step_id,
        ),
    )
    stale = MeetingSession(
        MeetingInput(held_on=date(2026, 6, 1), professional_step_id=steps[2].id),
        change_goal=True,
        goal_step_id=steps[6].id,
        citizen_version=other.version,
    )
    before = snapshot(store, cid)
    with pytest.raises(EditConflict):
        save_session(store, cid, stale)
    assert snapshot(store, cid) == before
