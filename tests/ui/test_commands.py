"""Undo commands on a bare QUndoStack, checked against the database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import Agreement, Assessor, MeetingInput, Responsible
from trappe.model.errors import ValidationError
from trappe.ui import commands


def _current(store, cid):
    c = citizens.get_citizen(store, cid)
    return c.current_step_id, c.own_step_id


def test_move_placement_undo_redo(qtbot, store, citizen_with_history):
    steps = staircase.load_staircase(store).steps
    stack = QUndoStack()
    changed: list[int] = []
    before = _current(store, citizen_with_history)
    cmd = commands.MovePlacementCommand(
        store,
        citizen_with_history,
        steps[4].id,
        Assessor.PROFESSIONAL,
        date(2026, 6, 1),
        on_change=changed.append,
    )
    commands.push(stack, cmd)
    assert _current(store, citizen_with_history)[0] == steps[4].id
    assert stack.count() == 1 and changed == [citizen_with_history]
    stack.undo()
    assert _current(store, citizen_with_history) == before
    stack.redo()
    assert _current(store, citizen_with_history)[0] == steps[4].id
    own = commands.MovePlacementCommand(
        store, citizen_with_history, steps[6].id, Assessor.CITIZEN, date(2026, 6, 1)
    )
    commands.push(stack, own)
    assert _current(store, citizen_with_history)[1] == steps[6].id
    stack.undo()
    stack.undo()
    assert _current(store, citizen_with_history) == before


def test_refused_command_is_not_pushed(qtbot, store, citizen_with_history):
    citizens.close_citizen(store, citizen_with_history, "job", date(2026, 6, 1))
    stack = QUndoStack()
    steps = staircase.load_staircase(store).steps
    cmd = commands.MovePlacementCommand(
        store, citizen_with_history, steps[3].id, Assessor.PROFESSIONAL
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


def test_agreement_done_and_undone(qtbot, store, citizen_with_history):
    stack = QUndoStack()
    agreement = citizens.get_citizen_record(store, citizen_with_history).open_agreements[0]
    commands.push(
        stack,
        commands.AgreementDoneCommand(
            store, citizen_with_history, agreement, True, date(2026, 6, 2)
        ),
    )
    assert meetings.get_agreement(store, agreement.id).done_on == date(2026, 6, 2)
    stack.undo()
    assert meetings.get_agreement(store, agreement.id).done_on is None


def test_failed_undo_reports_and_drops_command(qtbot, store, citizen_with_history):
    steps = staircase.load_staircase(store).steps
    stack = QUndoStack()
    errors: list[str] = []
    cmd = commands.MovePlacementCommand(
        store, citizen_with_history, steps[5].id, Assessor.PROFESSIONAL, on_error=errors.append
    )
    commands.push(stack, cmd)
    # Someone erased the placement meanwhile: undo cannot find it.
    meetings.delete_placement(store, cmd.placement_id)
    stack.undo()
    assert errors and "Placeringen findes ikke" in errors[0]
    assert stack.count() == 0  # obsolete commands leave the stack
