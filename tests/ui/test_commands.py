"""Undo commands on a bare QUndoStack, checked against the database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from trappe.model import citizens, meetings, staircase
from trappe.model.changes import Changes, Part
from trappe.model.entities import (
    Agreement,
    CitizenInput,
    CloseReason,
    MeetingInput,
    Responsible,
    Status,
)
from trappe.model.errors import ValidationError
from trappe.ui import commands


def _current(store, cid):
    c = citizens.get_citizen(store, cid)
    return c.current_step_id, c.own_step_id


def test_refused_command_is_not_pushed(qtbot, store, citizen_with_history):
    citizens.close_citizen(store, citizen_with_history, "job", date(2026, 6, 1))
    stack = QUndoStack()
    steps = staircase.load_staircase(store).steps
    cmd = commands.RecordMeetingCommand(
        store, citizen_with_history, MeetingInput(date(2026, 6, 15), steps[3].id)
    )
    with pytest.raises(ValidationError):
        commands.push(stack, cmd)
    assert stack.count() == 0


def test_record_edit_delete_meeting(qtbot, store, citizen_with_history):
    steps = staircase.load_staircase(store).steps
    stack = QUndoStack()
    n = len(meetings.load_meetings(store, citizen_with_history))
    data = MeetingInput(
        held_on=date(2026, 6, 15),
        professional_step_id=steps[3].id,
        citizen_step_id=steps[3].id,
        agreements=[Agreement("Starte i praktik", Responsible.CITIZEN, date(2026, 7, 1))],
        next_meeting_on=date(2026, 8, 1),
    )
    commands.push(stack, commands.RecordMeetingCommand(store, citizen_with_history, data))
    assert len(meetings.load_meetings(store, citizen_with_history)) == n + 1
    assert _current(store, citizen_with_history)[0] == steps[3].id
    stack.undo()
    assert len(meetings.load_meetings(store, citizen_with_history)) == n
    stack.redo()
    latest = meetings.load_meetings(store, citizen_with_history)[-1]
    assert latest.agreements[0].what == "Starte i praktik"

    edited = MeetingInput(
        held_on=latest.held_on, professional_step_id=steps[4].id, caseworker_note="Rettet"
    )
    commands.push(stack, commands.EditMeetingCommand(store, latest, edited))
    assert meetings.get_meeting(store, latest.id).caseworker_note == "Rettet"
    stack.undo()
    restored = meetings.get_meeting(store, latest.id)
    assert restored.caseworker_note == "" and restored.agreements[0].what == "Starte i praktik"

    commands.push(stack, commands.DeleteMeetingCommand(store, restored))
    assert len(meetings.load_meetings(store, citizen_with_history)) == n
    stack.undo()
    back = meetings.load_meetings(store, citizen_with_history)[-1]
    assert back.held_on == date(2026, 6, 15)
    assert back.professional_step_id == steps[3].id
    assert back.agreements[0].what == "Starte i praktik"


def test_agreement_done_changes_only_the_history(qtbot, store, citizen_with_history):
    stack = QUndoStack()
    changed: list[Changes] = []
    agreement = citizens.get_citizen_record(store, citizen_with_history).open_agreements[0]
    commands.push(
        stack,
        commands.AgreementDoneCommand(
            store, citizen_with_history, agreement, True, date(2026, 6, 2), changed.append
        ),
    )
    assert meetings.get_agreement(store, agreement.id).done_on == date(2026, 6, 2)
    stack.undo()
    assert meetings.get_agreement(store, agreement.id).done_on is None
    assert changed == [Changes(citizen_with_history, Part.HISTORY)] * 2


def test_edit_citizen_undo_redo_with_a_new_colleague(qtbot, store, citizen_with_history):
    stack = QUndoStack()
    changed: list[Changes] = []
    before = citizens.get_citizen(store, citizen_with_history)
    data = replace(
        citizens.citizen_input(before),
        name="Ny Navnesen",
        caseworker_id=None,
        caseworker_name="Helle Nyansat",
    )
    cmd = commands.EditCitizenCommand(store, before, data, changed.append)
    commands.push(stack, cmd)
    after = citizens.get_citizen(store, citizen_with_history)
    helle = [s for s in staircase.list_staff(store) if s.name == "Helle Nyansat"]
    assert after.name == "Ny Navnesen" and [after.caseworker_id] == [s.id for s in helle]
    assert changed[-1] == Changes(citizen_with_history, Part.CITIZEN | Part.LISTED)
    stack.undo()
    undone = citizens.get_citizen(store, citizen_with_history)
    assert replace(undone, version=before.version) == before  # each save counts a version
    stack.redo()
    assert citizens.get_citizen(store, citizen_with_history).caseworker_id == helle[0].id
    assert len([s for s in staircase.list_staff(store) if s.name == "Helle Nyansat"]) == 1


def test_a_goal_change_redraws_the_staircase_not_the_list(qtbot, store, citizen_with_history):
    stack = QUndoStack()
    changed: list[Changes] = []
    before = citizens.get_citizen(store, citizen_with_history)
    data = replace(citizens.citizen_input(before), goal_date=date(2027, 3, 1))
    commands.push(stack, commands.EditCitizenCommand(store, before, data, changed.append))
    assert changed == [Changes(citizen_with_history, Part.CITIZEN | Part.PLACEMENTS)]


def test_close_and_reopen_undo_redo(qtbot, store, citizen_with_history):
    stack = QUndoStack()
    cid = citizen_with_history
    commands.push(
        stack,
        commands.CloseCitizenCommand(store, cid, CloseReason.FLEXJOB, date(2026, 6, 1), "Fleks"),
    )
    closed = citizens.get_citizen(store, cid)
    assert closed.status is Status.CLOSED and closed.closed_reason is CloseReason.FLEXJOB
    stack.undo()
    assert citizens.get_citizen(store, cid).status is Status.ACTIVE
    stack.redo()
    assert citizens.get_citizen(store, cid).closed_note == "Fleks"
    commands.push(stack, commands.ReopenCitizenCommand(store, citizens.get_citizen(store, cid)))
    assert citizens.get_citizen(store, cid).status is Status.ACTIVE
    stack.undo()  # closed again, with the same reason, date and note
    again = citizens.get_citizen(store, cid)
    assert (again.status, again.closed_reason, again.closed_on, again.closed_note) == (
        Status.CLOSED,
        CloseReason.FLEXJOB,
        date(2026, 6, 1),
        "Fleks",
    )
    stack.undo()
    stack.undo()
    assert citizens.get_citizen(store, cid).status is Status.ACTIVE


def test_close_without_a_date_is_refused_by_the_model(qtbot, store, citizen_with_history):
    stack = QUndoStack()
    with pytest.raises(ValidationError) as err:
        commands.push(
            stack, commands.CloseCitizenCommand(store, citizen_with_history, CloseReason.JOB, None)
        )
    assert err.value.field == "closed_on" and stack.count() == 0


def test_forgetting_an_erased_citizen_keeps_the_others_undo(qtbot, store, citizen_with_history):
    steps = staircase.load_staircase(store).steps
    other = citizens.create_citizen(store, CitizenInput(name="Anden", start_date=date(2026, 1, 1)))
    stack = QUndoStack()
    for cid, step, day in ((other.id, 1, 1), (citizen_with_history, 2, 1), (other.id, 3, 2)):
        commands.push(
            stack,
            commands.RecordMeetingCommand(
                store, cid, MeetingInput(date(2026, 6, day), steps[step].id)
            ),
        )
    stack.undo()  # the redo side is dropped as after any new edit
    citizens.erase_citizen(store, citizen_with_history)
    assert commands.forget_citizen(stack, citizen_with_history)
    assert stack.count() == 1 and stack.index() == 1
    assert citizens.get_citizen(store, other.id).current_step_id == steps[1].id
    stack.undo()
    assert citizens.get_citizen(store, other.id).current_step_id is None
    stack.redo()
    assert citizens.get_citizen(store, other.id).current_step_id == steps[1].id


def test_failed_undo_reports_and_drops_command(qtbot, store, citizen_with_history):
    steps = staircase.load_staircase(store).steps
    stack = QUndoStack()
    errors: list[str] = []
    cmd = commands.RecordMeetingCommand(
        store,
        citizen_with_history,
        MeetingInput(date(2026, 6, 15), steps[5].id),
        on_error=errors.append,
    )
    commands.push(stack, cmd)
    # Someone deleted the meeting meanwhile: undo cannot find it.
    meetings.delete_meeting(store, cmd.meeting_id)
    stack.undo()
    assert errors and "Mødet findes ikke" in errors[0]
    assert stack.count() == 0  # obsolete commands leave the stack


def test_undoing_close_and_reopen_leaves_the_course_periods_as_they_were(
    qtbot, store, citizen_with_history
):
    cid = citizen_with_history

    def periods():
        return [
            tuple(r)
            for r in store.query(
                "SELECT started_on, ended_on, end_reason FROM course_periods"
                " WHERE citizen_id = ? ORDER BY id",
                (cid,),
            )
        ]

    stack = QUndoStack()
    open_course = periods()
    commands.push(
        stack, commands.CloseCitizenCommand(store, cid, CloseReason.MOVED, date(2026, 6, 1))
    )
    closed = periods()
    assert closed == [("2026-01-05", "2026-06-01", "moved")]
    stack.undo()
    assert periods() == open_course
    stack.redo()
    commands.push(stack, commands.ReopenCitizenCommand(store, citizens.get_citizen(store, cid)))
    assert len(periods()) == 2  # reopened later: a new period from today
    stack.undo()
    assert periods() == closed
    assert citizens.get_citizen(store, cid).closed_reason is CloseReason.MOVED
