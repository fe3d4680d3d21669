"""Undo after undo: a deleted meeting comes back under its own id, so the edit before it can
still be undone (record, edit, delete, undo, undo), and redo after that too."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QUndoStack

from trappe.model import citizens, meetings
from trappe.ui import commands


def test_record_edit_delete_undo_undo(store, citizen_with_history):
    steps_m = citizens.get_citizen_record(store, citizen_with_history, log_read=False).meetings
    base = meetings.meeting_input(steps_m[-1])
    stack = QUndoStack()
    record = commands.RecordMeetingCommand(
        store, citizen_with_history, replace(base, caseworker_note="ny")
    )
    commands.push(stack, record)
    mid = record.meeting_id
    m = meetings.get_meeting(store, mid)
    commands.push(
        stack, commands.EditMeetingCommand(store, m, replace(base, caseworker_note="rettet"))
    )
    m = meetings.get_meeting(store, mid)
    agreement_ids = [a.id for a in m.agreements]
    commands.push(stack, commands.DeleteMeetingCommand(store, m))
    stack.undo()  # the deletion
    back = meetings.get_meeting(store, mid)
    assert back.caseworker_note == "rettet" and [a.id for a in back.agreements] == agreement_ids
    stack.undo()  # the edit
    assert meetings.get_meeting(store, mid).caseworker_note == "ny"
    stack.undo()  # the recording
    assert mid not in {
        x.id
        for x in citizens.get_citizen_record(store, citizen_with_history, log_read=False).meetings
    }
    for _ in range(3):
        stack.redo()
    assert all(not stack.command(i).isObsolete() for i in range(stack.count()))
    ids = {
        x.id
        for x in citizens.get_citizen_record(store, citizen_with_history, log_read=False).meetings
    }
    assert mid not in ids  # redo ended with the deletion again
    stack.undo()
    assert meetings.get_meeting(store, mid).caseworker_note == "rettet"
