"""The caseload pane from the keyboard, as a user without a mouse (or with a screen reader)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from trappe.model import audit, citizens
from trappe.model.entities import CitizenInput, Status
from trappe.ui.actions import ActionId
from trappe.ui.caseload_pane import OPEN_DELAY_MS

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def reads(store, citizen_id: int) -> int:
    entries = audit.list_entries(store, object_type="citizen", object_id=citizen_id)
    return sum(1 for e in entries if e.action == "read")


def focus_search(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.caseload.search.hasFocus()


def test_search_enter_then_ctrl_s_records_a_meeting_without_the_mouse(
    qtbot, window, citizen_with_history, store
):
    citizens.create_citizen(store, CitizenInput(name="Bent Andersen"))
    window.caseload.refresh()
    focus_search(qtbot, window)
    qtbot.keyClicks(window.caseload.search, "ærø")
    qtbot.keyClick(window.caseload.search, Qt.Key.Key_Return)
    assert window.record is not None and window.record.citizen.id == citizen_with_history
    assert window.caseload.search.hasFocus()  # still searching, and Ctrl+S works from here
    before = len(citizens.load_meetings(store, citizen_with_history))
    qtbot.keyClick(window.caseload.search, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.meeting_mode.active  # the staircase becomes the meeting's canvas
    focused = QApplication.focusWidget()
    assert focused is not None and focused is not window.caseload.search
    # Ctrl+Enter saves the meeting (today, the professionals' placement where it stands).
    qtbot.keyClick(focused, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    after = citizens.load_meetings(store, citizen_with_history)
    assert len(after) == before + 1 and after[-1].held_on == date.today()
    assert not window.meeting_mode.active


def test_down_goes_to_the_first_match_and_tab_leaves_the_list(
    qtbot, window, citizen_with_history, store
):
    window.caseload.refresh()
    focus_search(qtbot, window)
    qtbot.keyClick(window.caseload.search, Qt.Key.Key_Down)
    view = window.caseload.view
    assert view.hasFocus() and view.currentIndex().row() == 0
    assert window.record is not None
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert not view.hasFocus()  # no keyboard trap: Tab does not walk the cells


def test_escape_clears_the_search(qtbot, window, citizen_with_history, store):
    citizens.create_citizen(store, CitizenInput(name="Bent Andersen"))
    window.caseload.refresh()
    focus_search(qtbot, window)
    qtbot.keyClicks(window.caseload.search, "bent")
    qtbot.keyClick(window.caseload.search, Qt.Key.Key_Return)
    assert window.caseload.model.rowCount() == 1
    qtbot.keyClick(window.caseload.search, Qt.Key.Key_Escape)
    assert window.caseload.search.text() == ""
    assert window.caseload.model.rowCount() == 2


def test_passing_rows_opens_only_the_one_the_user_stops_on(qtbot, window, store):
    ids = [citizens.create_citizen(store, CitizenInput(name=f"Borger {i}")).id for i in range(5)]
    window.caseload.refresh()
    focus_search(qtbot, window)
    qtbot.keyClick(window.caseload.search, Qt.Key.Key_Down)
    view = window.caseload.view
    assert window.record.citizen.id == ids[0]
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert window.record.citizen.id == ids[0]  # not yet: the user may still be moving
    qtbot.waitUntil(lambda: window.record.citizen.id == ids[4], timeout=OPEN_DELAY_MS * 5)
    assert [reads(store, cid) for cid in ids] == [1, 0, 0, 0, 1]


def test_a_click_opens_at_once(qtbot, window, citizen_with_history):
    window.caseload.refresh()
    view = window.caseload.view
    rect = view.visualRect(window.caseload.model.index(0, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.record is not None and window.record.citizen.id == citizen_with_history


def test_a_citizen_filtered_out_leaves_the_detail_pane(qtbot, window, citizen_with_history):
    window.caseload.refresh()
    window.caseload.select_citizen(citizen_with_history)
    window.show_citizen(citizen_with_history)
    pane = window.caseload
    pane.status.setCurrentIndex(pane.status.findData(Status.CLOSED))
    assert window.record is None and window.header.text() == ""
    assert not window.action(ActionId.RECORD_MEETING).isEnabled()


def test_a_change_that_drops_the_citizen_from_the_list_keeps_them_shown(
    qtbot, window, citizen_with_history, store
):
    """Closing a course (the list shows active ones) is not a filter: the citizen stays."""
    window.caseload.refresh()
    window.caseload.select_citizen(citizen_with_history)
    window.show_citizen(citizen_with_history)
    from trappe.ui import commands

    window.citizen_ops.push(
        commands.CloseCitizenCommand(
            window.store, citizen_with_history, "job", date(2026, 6, 1), "", window.changed
        )
    )
    assert window.record is not None and window.record.citizen.status is Status.CLOSED


def test_filter_labels_name_the_combos_for_screen_readers(window):
    labels = {
        label.buddy().objectName(): label.text()
        for label in window.caseload.findChildren(QLabel)
        if label.buddy() is not None
    }
    assert labels == {
        "filter_status": "F&orløb:",
        "filter_target_group": "&Målgruppe:",
        "filter_step": "&Trin:",
        "filter_next_meeting": "&Samtale:",
    }
