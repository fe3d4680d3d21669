"""The window's actions are set when what they should show changes, and only then: opening
one citizen after another (the most common thing a caseworker does) sets none of them again."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import QApplication, QToolButton

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import CitizenInput, CloseReason, MeetingInput
from trappe.ui.actions import ActionId

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_opening_alike_citizens_sets_no_action_and_a_change_still_shows(
    window, store, citizen_with_history, monkeypatch
):
    steps = staircase.load_staircase(store).steps
    other = citizens.create_citizen(
        store, CitizenInput(name="Bo Berg", start_date=date(2026, 1, 5))
    )
    for held_on in (date(2026, 2, 2), date(2026, 3, 2)):
        meetings.record_meeting(
            store, other.id, MeetingInput(held_on=held_on, professional_step_id=steps[1].id)
        )
    calls: list[bool] = []
    set_enabled = QAction.setEnabled

    def counting(action: QAction, on: bool) -> None:
        calls.append(on)
        set_enabled(action, on)

    monkeypatch.setattr(QAction, "setEnabled", counting)
    act = window.actions_by_id
    window.show_citizen(citizen_with_history)
    assert calls, "a citizen after nobody: the citizen's actions are enabled"
    assert act[ActionId.EDIT_CITIZEN].isEnabled() and act[ActionId.COMPARE_MEETINGS].isEnabled()
    calls.clear()
    window.show_citizen(other.id)  # another active citizen with two meetings: nothing changes
    assert calls == []
    assert act[ActionId.EDIT_CITIZEN].isEnabled() and act[ActionId.RECORD_MEETING].isEnabled()
    window.show_citizen(None)
    assert not act[ActionId.EDIT_CITIZEN].isEnabled()
    assert not act[ActionId.DIALOGUE_MODE].isEnabled()
    window.show_citizen(citizen_with_history)
    assert act[ActionId.EDIT_CITIZEN].isEnabled() and act[ActionId.DIALOGUE_MODE].isEnabled()


def old_rule(window) -> dict[ActionId, bool]:
    """What each action showed before ``update_enabled`` set only the changed ones."""
    from trappe.model.entities import Status

    w = window
    has_store = w.store is not None
    encrypted = has_store and w.store.key is not None
    c = w.record.citizen if w.record else None
    active = c is not None and c.status is Status.ACTIVE
    dialogue = w.dialogue.active
    may = w.dialogue.may_undo_redo
    enabled = {
        ActionId.PRINT: has_store,
        ActionId.PRINT_BATCH: has_store and not dialogue,
        ActionId.SETTINGS: has_store and not dialogue,
        ActionId.NEW_CITIZEN: has_store and not dialogue,
        ActionId.EDIT_CITIZEN: c is not None and not dialogue,
        ActionId.RECORD_MEETING: active,
        ActionId.COPY_JOURNAL_NOTE: bool(w.record and w.record.meetings),
        ActionId.SEND_INVITATION: active and not dialogue,
        ActionId.COMPARE_MEETINGS: bool(w.record and len(w.record.meetings) >= 2),
        ActionId.CLOSE_CITIZEN: active and not dialogue,
        ActionId.REOPEN_CITIZEN: c is not None and not active and not dialogue,
        ActionId.ERASE_CITIZEN: c is not None and not dialogue,
        ActionId.HANDOVER_EXPORT: c is not None and not dialogue,
        ActionId.HANDOVER_IMPORT: has_store and not dialogue,
        ActionId.EXPORT_CITIZEN_DATA: c is not None and not dialogue,
        ActionId.RETENTION: has_store and not dialogue,
        ActionId.ACCESS_LOG: has_store and not dialogue,
        ActionId.DIALOGUE_MODE: c is not None,
        ActionId.FIND: has_store and not dialogue,
        ActionId.OVERVIEW: has_store and not dialogue,
        ActionId.NEW_DATABASE: not dialogue,
        ActionId.OPEN_DATABASE: not dialogue,
        ActionId.BACKUP_NOW: has_store and not dialogue,
        ActionId.RESTORE_BACKUP: has_store and not dialogue,
        ActionId.CHANGE_PASSPHRASE: encrypted and not dialogue,
        ActionId.ENCRYPT_DATABASE: has_store and not encrypted and not dialogue,
        ActionId.EXPORT_PLAIN: has_store and not dialogue,
        ActionId.UNDO: w.undo_stack.canUndo() and may(-1),
        ActionId.REDO: w.undo_stack.canRedo() and may(0),
    }
    if w.in_meeting_mode():
        enabled = dict.fromkeys(enabled, False) | {ActionId.DIALOGUE_MODE: True}
    return {a: bool(on) for a, on in enabled.items()}


def test_only_the_actions_whose_state_changes_are_set_and_all_follow_the_rule(
    window, store, citizen_with_history, monkeypatch
):
    """From one citizen to another kind (closed, without meetings, nobody, dialogue mode)
    only the actions that change are set (not all 29 again), and every action shows what
    the rule says."""
    no_meetings = citizens.create_citizen(
        store, CitizenInput(name="Bo Berg", start_date=date(2026, 1, 5))
    )
    closed = citizens.create_citizen(
        store, CitizenInput(name="Cai Dam", start_date=date(2026, 1, 5))
    )
    citizens.close_citizen(store, closed.id, CloseReason.OTHER, date(2026, 6, 1))
    calls: list[tuple[QAction, bool]] = []
    set_enabled = QAction.setEnabled

    def counting(action: QAction, on: bool) -> None:
        calls.append((action, on))
        set_enabled(action, on)

    monkeypatch.setattr(QAction, "setEnabled", counting)
    act = window.actions_by_id
    steps = [
        lambda: window.show_citizen(citizen_with_history),
        lambda: window.show_citizen(no_meetings.id),
        lambda: window.show_citizen(closed.id),
        lambda: window.show_citizen(None),
        lambda: window.show_citizen(citizen_with_history),
        lambda: window.set_dialogue_mode(True),
        lambda: window.set_dialogue_mode(False),
        lambda: window.show_citizen(closed.id),
    ]
    for step in steps:
        before = {a: action.isEnabled() for a, action in act.items()}
        calls.clear()
        step()
        after = {a: action.isEnabled() for a, action in act.items()}
        rule = old_rule(window)
        assert {a: after[a] for a in rule} == rule
        changed = {act[a] for a in act if before[a] != after[a]}
        assert changed, "each step changes what some action shows"
        assert {action for action, _on in calls} == changed
        assert len(calls) == len(changed)


def _painted(window, qtbot) -> None:
    """Wait for what runs after the window's first paint (the toolbar's buttons named)."""
    more = window.toolbar.findChildren(QToolButton, "qt_toolbar_ext_button")
    qtbot.waitUntil(lambda: all(b.accessibleName() for b in more))


class _Requests(QObject):
    """Counts the layout requests a widget receives."""

    def __init__(self, *widgets) -> None:
        super().__init__()
        self.seen: list[str] = []
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.seen.append(watched.objectName())
        return False


def test_enabling_toolbar_actions_lays_neither_the_toolbar_nor_the_window_out_again(
    window, qtbot, store
):
    """Opening a citizen after nobody enables toolbar actions (record a meeting, dialogue
    mode): their buttons are enabled as their actions are, and neither the toolbar nor the
    window is laid out again for it (which Qt did when each button took everything from its
    action again)."""
    steps = staircase.load_staircase(store).steps
    bo = citizens.create_citizen(store, CitizenInput(name="Bo Berg", start_date=date(2026, 1, 5)))
    meetings.record_meeting(
        store, bo.id, MeetingInput(held_on=date(2026, 2, 2), professional_step_id=steps[1].id)
    )
    _painted(window, qtbot)
    window.resize(1366, 768)  # (the history pane has the room it needs: see HistoryPane.event)
    app = QApplication.instance()
    toolbar = window.toolbar
    buttons = {a: toolbar.widgetForAction(a) for a in toolbar.actions() if not a.isSeparator()}
    for shown in (bo.id, None):  # (the panes filled and laid out at this size once)
        window.show_citizen(shown)
        app.processEvents()
    requests = _Requests(toolbar, window)
    for shown in (bo.id, None, bo.id, None):
        app.processEvents()
        requests.seen.clear()
        height = window.header.height()
        window.show_citizen(shown)
        app.processEvents()
        assert window.header.height() == height
        assert requests.seen == []
        for action, button in buttons.items():
            assert button.isEnabled() == action.isEnabled(), action.text()
    assert not window.actions_by_id[ActionId.RECORD_MEETING].isEnabled()
    window.show_citizen(bo.id)
    assert buttons[window.actions_by_id[ActionId.RECORD_MEETING]].isEnabled()


def test_the_toolbar_looks_as_when_each_button_takes_its_action_again(
    window, qtbot, store, citizen_with_history
):
    """The buttons enabled quietly look exactly as Qt's own way leaves them (each button
    taking everything from its action again), and a change of wording still reaches them."""
    _painted(window, qtbot)
    app = QApplication.instance()
    toolbar = window.toolbar

    def looks() -> bytes:
        app.processEvents()
        image = toolbar.grab().toImage()
        return bytes(image.constBits())

    def qt_way() -> bytes:
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setDefaultAction(action)
        return looks()

    for shown in (citizen_with_history, None, citizen_with_history):
        window.show_citizen(shown)
        quiet = looks()
        assert quiet == qt_way()
    # Something to undo: the undo button is enabled, and its words are the action's.
    undo = window.actions_by_id[ActionId.UNDO]
    window.undo_stack.push(_Note("Opret borger"))
    assert undo.isEnabled() and undo.text() == "&Fortryd Opret borger"
    button = toolbar.widgetForAction(undo)
    assert button.isEnabled() and button.text() == undo.iconText()
    assert looks() == qt_way()


class _Note(QUndoCommand):
    def __init__(self, text: str) -> None:
        super().__init__(text)

    def redo(self) -> None:
        pass

    def undo(self) -> None:
        pass
