"""Staircase changes undone and redone exactly (trappe/model/staircase_edits.py)."""

from __future__ import annotations

from datetime import date

import pytest

from trappe.model import backup, citizens, measures, meetings, staircase
from trappe.model import staircase_edits as edits
from trappe.model.entities import Category, CitizenInput, MeetingInput
from trappe.model.errors import EditConflict, ValidationError
from trappe.model.store import open_store


def _steps(store):
    return staircase.load_staircase(store).steps


def _citizen(store, step_id, *, goal=None, on=date(2026, 2, 1)):
    c = citizens.create_citizen(
        store, CitizenInput(name="Ida", start_date=date(2026, 1, 1), goal_step_id=goal)
    )
    if step_id is not None:
        meetings.record_meeting(store, c.id, MeetingInput(on, step_id))
    return c.id


CHANGES = {
    "title, colour and a dated category": lambda s: edits.update_step(
        s,
        _steps(s)[2].id,
        title="Virksomhedsbesøg",
        colour="#123abc",
        category=Category.COMPANY_ACTIVITY,
        on=date(2026, 6, 1),
    ),
    "a new step in the middle": lambda s: edits.add_step(s, "Mentor", index=3, on=date(2026, 6, 1)),
    "a step moved": lambda s: edits.move_step(s, _steps(s)[1].id, 4, date(2026, 6, 1)),
    "a step retired": lambda s: edits.retire_step(s, _steps(s)[1].id, date(2026, 6, 1)),
    "a step deleted": lambda s: edits.delete_step(s, _steps(s)[0].id),
    "a new phase": lambda s: edits.add_phase(s, "Efterværn"),
    "a phase renamed": lambda s: edits.rename_phase(
        s, staircase.load_staircase(s).phases[0].id, "Start"
    ),
    "a new target group": lambda s: edits.add_target_group(s, "Unge under 30"),
    "a target group renamed": lambda s: edits.rename_target_group(s, _groups(s)[0].id, "Kontant"),
    "a target group moved": lambda s: edits.move_target_group(s, _groups(s)[0].id, 3),
    "a target group retired": lambda s: edits.retire_target_group(s, _groups(s)[1].id),
}


def _groups(store):
    return staircase.list_target_groups(store, include_retired=True)


@pytest.mark.parametrize("make", CHANGES.values(), ids=CHANGES.keys())
def test_undo_puts_every_row_back_and_redo_makes_the_change_again(store, make):
    before = edits.read_rows(store)
    edit = make(store)
    after = edits.read_rows(store)
    assert edit.changed and edit.before == before and edit.after == after
    edits.undo(store, edit)
    assert edits.read_rows(store) == before
    edits.redo(store, edit)
    assert edits.read_rows(store) == after
    edits.undo(store, edit)
    assert edits.read_rows(store) == before


def test_a_restored_step_undone_retires_again_after_a_backup(store):
    step = _steps(store)[1].id
    staircase.retire_step(store, step, date(2026, 6, 1))
    [first] = backup.list_backups(store.path)
    edit = edits.restore_step(store, step, date(2026, 7, 1))
    assert not staircase.get_step(store, step).retired
    edits.undo(store, edit)
    assert staircase.get_step(store, step).retired
    newest = backup.list_backups(store.path)[0]  # (a day keeps its newest backup)
    assert newest.path != first.path and newest.reason == staircase.BACKUP_REASON


def test_two_dated_changes_undone_in_turn_leave_the_figures_as_they_were(store):
    """Undoing the later change first and then the earlier one works (an opposite change
    dated on the earlier day would be refused: changes only take effect from the latest)."""
    steps = _steps(store)
    a = _citizen(store, steps[2].id, on=date(2026, 2, 1))
    _citizen(store, steps[4].id, on=date(2026, 2, 1))
    days = [date(2026, 5, 1), date(2026, 7, 1), date(2026, 9, 1)]

    def shares():
        return [
            (
                measures.share_on(store, d).counted,
                [(c.step_id, c.number, c.counts) for c in measures.step_counts(store, d)],
            )
            for d in days
        ]

    original = shares()
    first = edits.update_step(
        store, steps[2].id, category=Category.COMPANY_ACTIVITY, on=date(2026, 6, 1)
    )
    second = edits.move_step(store, steps[2].id, 5, date(2026, 8, 1))
    assert shares() != original
    edits.undo(store, second)
    edits.undo(store, first)
    assert shares() == original
    assert staircase.staircase_history(store) == []
    assert staircase.earliest_effective_date(store) == date.min
    assert citizens.get_citizen(store, a).current_step_id == steps[2].id


def test_undoing_a_retirement_gives_the_cleared_goals_back(store):
    steps = _steps(store)
    active = _citizen(store, None, goal=steps[5].id)
    edit = edits.retire_step(store, steps[5].id)
    assert edit.goals == ((active, steps[5].id),)
    assert citizens.get_citizen(store, active).goal_step_id is None
    edits.undo(store, edit)
    assert citizens.get_citizen(store, active).goal_step_id == steps[5].id
    edits.redo(store, edit)
    assert citizens.get_citizen(store, active).goal_step_id is None


def test_a_change_by_someone_else_since_is_never_overwritten(store, db_path, actor):
    steps = _steps(store)
    edit = edits.update_step(store, steps[0].id, title="Afklaring af helbred")
    other = open_store(db_path, actor)
    try:
        staircase.update_step(other, steps[1].id, description="Skrevet af en kollega")
    finally:
        other.close()
    now = edits.read_rows(store)
    with pytest.raises(EditConflict, match="ændret siden"):
        edits.undo(store, edit)
    assert edits.read_rows(store) == now


def test_a_new_step_taken_into_use_is_not_removed_by_undo(store):
    edit = edits.add_step(store, "Mentor", index=2)
    _citizen(store, edit.step_id)
    now = edits.read_rows(store)
    with pytest.raises(ValidationError, match="taget i brug"):
        edits.undo(store, edit)
    assert edits.read_rows(store) == now


def test_a_restored_step_someone_stands_on_now_does_not_retire_again(store):
    step = _steps(store)[1].id
    staircase.retire_step(store, step, date(2026, 6, 1))
    edit = edits.restore_step(store, step, date(2026, 7, 1))
    _citizen(store, step, on=date(2026, 7, 2))
    now = edits.read_rows(store)
    with pytest.raises(ValidationError, match="står nu på"):
        edits.undo(store, edit)
    assert edits.read_rows(store) == now


def test_undo_and_redo_are_logged(store):
    edit = edits.move_step(store, _steps(store)[0].id, 2)
    edits.undo(store, edit)
    edits.redo(store, edit)
    rows = store.query(
        "SELECT details FROM audit_log WHERE object_type = 'staircase' ORDER BY id DESC LIMIT 2"
    )
    assert ['"redo": true' in r[0] for r in rows] == [True, False]
    assert ['"undo": true' in r[0] for r in rows] == [False, True]


def test_a_change_that_changes_nothing_says_so(store):
    step = _steps(store)[0]
    assert not edits.update_step(store, step.id, title=step.title).changed


def test_a_new_target_group_taken_into_use_is_not_removed_by_undo(store):
    edit = edits.add_target_group(store, "Unge under 30")
    citizens.create_citizen(
        store,
        CitizenInput(name="Ida", start_date=date(2026, 1, 1), target_group_id=edit.group_id),
    )
    now = edits.read_rows(store)
    with pytest.raises(ValidationError, match="Målgruppen «Unge under 30» er taget i brug"):
        edits.undo(store, edit)
    assert edits.read_rows(store) == now


def test_a_restored_target_group_undone_is_retired_again(store):
    group = _groups(store)[2]
    staircase.retire_target_group(store, group.id)
    edit = edits.retire_target_group(store, group.id, retired=False)
    assert not _groups(store)[2].retired
    edits.undo(store, edit)
    assert _groups(store)[2].retired
