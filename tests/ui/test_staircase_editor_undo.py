"""Undo and redo of the staircase editor's changes (issue 14 item 7), in the editor and from
the window, checked in the database."""

from __future__ import annotations

from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import Qt

from trappe.model import backup, citizens, meetings, staircase_edits
from trappe.model import staircase as staircase_model
from trappe.model.entities import CitizenInput, MeetingInput
from trappe.ui import commands
from trappe.ui.actions import ActionId
from trappe.ui.settings_dialog import SettingsDialog
from trappe.ui.staircase_editor import StaircaseEditor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def titles(store) -> list[str]:
    return [s.title for s in staircase_model.load_staircase(store).steps]


@pytest.fixture
def editor(qtbot, store) -> StaircaseEditor:
    e = StaircaseEditor(store)
    qtbot.addWidget(e)
    e.show()
    qtbot.waitExposed(e)
    return e


def test_every_kind_of_change_undone_and_redone_in_the_editor(qtbot, editor, store):
    start = staircase_edits.read_rows(store)
    assert not editor.undo_button.isEnabled() and not editor.redo_button.isEnabled()
    steps = staircase_model.load_staircase(store).steps

    editor.select_step(steps[2].id)
    editor.form.title_edit.setFocus()
    editor.form.title_edit.selectAll()
    qtbot.keyClicks(editor.form.title_edit, "Virksomhedsbesøg")
    click(qtbot, editor.save_button)
    assert editor.selected_step().id == steps[2].id, "«Gem trin» keeps the step selected"
    click(qtbot, editor.up_button)
    click(qtbot, editor.add_button)
    editor.select_step(steps[4].id)
    click(qtbot, editor.retire_button)
    after = staircase_edits.read_rows(store)
    assert titles(store) == [
        "Afklaring",
        "Motivation og ønsker",
        "Virksomhedspraktik",
        "Virksomhedsbesøg",
        "Nyt trin",
        "Ordinære timer",
        "Job eller uddannelse",
    ]
    assert editor.undo_button.toolTip() == "Fortryd: Udgå trin «Praktik med progression»"

    for _ in range(4):
        click(qtbot, editor.undo_button)
    assert staircase_edits.read_rows(store) == start
    assert not editor.undo_button.isEnabled()
    assert editor.step_list.item(editor.step_list.count() - 1).text() == "1. Afklaring"
    assert editor.selected_step().id == steps[2].id, "the step the last undo concerned"
    assert editor.form.title_edit.text() == "Første virksomhedskontakt"

    for _ in range(4):
        click(qtbot, editor.redo_button)
    assert staircase_edits.read_rows(store) == after
    assert not editor.redo_button.isEnabled()


def test_ctrl_z_undoes_a_staircase_change_but_not_inside_a_text_field(qtbot, editor, store):
    step = staircase_model.load_staircase(store).steps[0]
    editor.select_step(step.id)
    click(qtbot, editor.up_button)
    moved = titles(store)
    assert moved[1] == "Afklaring"
    editor.form.title_edit.setFocus()
    qtbot.keyClicks(editor.form.title_edit, "x")
    qtbot.keyClick(editor.form.title_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.form.title_edit.text() == "Afklaring", "the field's own undo"
    assert titles(store) == moved
    editor.step_list.setFocus()
    qtbot.keyClick(editor.step_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert titles(store)[0] == "Afklaring"


def test_a_refused_undo_is_shown_and_changes_nothing(qtbot, editor, store):
    click(qtbot, editor.add_button)
    new = editor.selected_step().id
    c = citizens.create_citizen(store, CitizenInput(name="Bo", start_date=date(2026, 1, 1)))
    meetings.record_meeting(store, c.id, MeetingInput(date(2026, 2, 1), new))
    click(qtbot, editor.undo_button)
    assert "taget i brug" in editor.list_error.text()
    assert staircase_model.get_step(store, new).title == "Nyt trin"


def test_retiring_in_the_editor_backs_up_first(qtbot, editor, store):
    step = staircase_model.load_staircase(store).steps[3]
    editor.select_step(step.id)
    click(qtbot, editor.retire_button)
    assert [b.reason for b in backup.list_backups(store.path)] == [staircase_model.BACKUP_REASON]


def test_deleting_is_refused_with_the_models_words(qtbot, editor, store, no_message_boxes):
    steps = staircase_model.load_staircase(store).steps
    c = citizens.create_citizen(store, CitizenInput(name="Bo", goal_step_id=steps[6].id))
    assert c.goal_step_id == steps[6].id
    editor.select_step(steps[6].id)
    click(qtbot, editor.delete_button)
    with pytest.raises(Exception) as refused:
        staircase_model.check_deletable(store, steps[6].id)
    assert editor.list_error.text() == refused.value.message
    assert no_message_boxes == []


# -- on the window's stack -----------------------------------------------------------------------
@pytest.fixture
def settings(qtbot, window) -> SettingsDialog:
    """The settings dialog as the window opens it: on the window's undo stack."""
    d = SettingsDialog(
        window.store,
        window.prefs,
        window,
        undo_stack=window.undo_stack,
        on_change=window.changed,
        on_error=window.show_error,
    )
    d.show()
    qtbot.waitExposed(d)
    yield d
    if shiboken6.isValid(d):  # (the window, and its store, may be closed by now)
        d.hide()
        d.deleteLater()


def test_the_window_undoes_a_staircase_change_after_settings_close(qtbot, window, store, settings):
    dialog = settings
    editor = dialog.staircase_editor
    top = window.staircase.steps[-1]
    editor.select_step(top.id)
    click(qtbot, editor.down_button)
    assert window.staircase.steps[-2].id == top.id, "the window shows the change at once"
    dialog.accept()
    dialog.deleteLater()
    qtbot.wait(1)

    undo = window.actions_by_id[ActionId.UNDO]
    assert undo.isEnabled()
    assert undo.text() == "&Fortryd Flyt trin «Job eller uddannelse»"
    window.undo()
    assert window.staircase.steps[-1].id == top.id
    assert staircase_model.load_staircase(store).steps[-1].id == top.id
    window.redo()
    assert window.staircase.steps[-2].id == top.id


def test_one_history_in_order_a_meeting_on_a_new_step_is_undone_first(
    qtbot, window, store, settings
):
    dialog = settings
    editor = dialog.staircase_editor
    click(qtbot, editor.add_button)
    new = editor.selected_step().id
    c = citizens.create_citizen(store, CitizenInput(name="Bo", start_date=date(2026, 1, 1)))
    commands.push(
        window.undo_stack,
        commands.RecordMeetingCommand(
            window.store, c.id, MeetingInput(date(2026, 2, 1), new), on_change=window.changed
        ),
    )
    editor.undoer.update()
    assert not editor.undo_button.isEnabled(), "the meeting is on top: undone from the window"
    window.undo()
    assert citizens.get_citizen_record(store, c.id).meetings == []
    assert editor.undo_button.isEnabled()
    click(qtbot, editor.undo_button)
    assert staircase_model.load_staircase(store).step(new) is None
    assert len(window.staircase.steps) == 7


# -- target groups -------------------------------------------------------------------------------
def group_names(store) -> list[str]:
    return [
        g.name + (" (udgået)" if g.retired else "")
        for g in staircase_model.list_target_groups(store, include_retired=True)
    ]


def test_target_group_changes_undone_one_at_a_time_with_ctrl_z(qtbot, window, store, settings):
    groups = settings.target_group_editor
    settings.tabs.setCurrentWidget(groups)
    start = group_names(store)
    groups.name_edit.clear()
    qtbot.keyClicks(groups.name_edit, "Unge under 30")
    click(qtbot, groups.add_button)
    assert group_names(store) == [*start, "Unge under 30"]
    groups.name_edit.clear()
    qtbot.keyClicks(groups.name_edit, "Unge")
    click(qtbot, groups.rename_button)
    click(qtbot, groups.up_button)
    click(qtbot, groups.retire_button)
    assert group_names(store) == [*start[:-1], "Unge (udgået)", start[-1]]
    assert groups.undo_button.toolTip() == "Fortryd: Udgå målgruppe «Unge»"

    groups.group_list.setFocus()
    for expected in (
        [*start[:-1], "Unge", start[-1]],
        [*start, "Unge"],
        [*start, "Unge under 30"],
        start,
    ):
        qtbot.keyClick(groups.group_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert group_names(store) == expected
        assert [groups.group_list.item(i).text() for i in range(len(expected))] == expected
    assert not groups.undo_button.isEnabled()
    window.redo()  # the window's Gentag, on the same stack
    assert group_names(store) == [*start, "Unge under 30"]
    assert groups.selected().name == "Unge under 30"


def test_a_new_target_group_in_use_is_not_removed_by_undo(
    qtbot, window, store, settings, no_message_boxes
):
    groups = settings.target_group_editor
    groups.name_edit.clear()
    qtbot.keyClicks(groups.name_edit, "Unge under 30")
    click(qtbot, groups.add_button)
    citizens.create_citizen(
        store,
        CitizenInput(name="Bo", start_date=date(2026, 1, 1), target_group_id=groups.selected().id),
    )
    click(qtbot, groups.undo_button)
    assert "Unge under 30" in group_names(store)
    assert [kind for kind, _ in no_message_boxes] == ["warning"]
    assert "Målgruppen «Unge under 30» er taget i brug siden" in no_message_boxes[0][1]
