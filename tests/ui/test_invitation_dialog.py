"""Borger → Send mødeindkaldelse, from the keyboard; the file read back with icalendar."""

from __future__ import annotations

from datetime import datetime

import icalendar
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from trappe.model import audit, invitation
from trappe.ui import citizen_ops, file_dialogs
from trappe.ui.actions import ActionId

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_send_an_invitation_with_the_keyboard(
    qtbot, window, citizen_with_history, store, tmp_path, monkeypatch
):
    target = tmp_path / "indkaldelse"
    asked: list[str] = []

    def save_name(_parent, _title, proposal, _filters, _suffix=""):
        asked.append(str(proposal))
        return target

    opened: list[str] = []
    monkeypatch.setattr(file_dialogs, "ask_save", save_name)
    monkeypatch.setattr(
        citizen_ops.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile())
    )
    window.caseload.refresh()
    window.caseload.select_citizen(citizen_with_history)
    window.show_citizen(citizen_with_history)
    seen = {}

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, fill)
            return
        qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()), timeout=2000)
        seen["date"] = dialog.date_edit.text()
        seen["place"] = dialog.place_edit.text()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # to the time
        time_edit = QApplication.focusWidget()
        qtbot.keyClick(time_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(time_edit, "13:30")
        dialog.text_edit.setFocus()
        qtbot.keyClicks(dialog.text_edit, " Ring på 010190-1234.")
        qtbot.keyClick(dialog.place_edit, Qt.Key.Key_Return)
        seen["refused"] = dialog.errors.visible_messages()
        dialog.text_edit.setPlainText("Vi ses på jobcentret.")
        qtbot.keyClick(dialog.place_edit, Qt.Key.Key_Return)
        if dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, fill)
    window.action(ActionId.SEND_INVITATION).trigger()

    assert seen["date"] == "15-06-2026"  # the next meeting
    assert seen["place"] == "Jobcentret"
    assert "CPR-nummer" in seen["refused"]["text"]
    written = target.with_suffix(".ics")
    assert opened == [str(written)]
    assert asked[0].endswith("Samtale Åse Ærø Søndergård 2026-06-15.ics")
    event = icalendar.Calendar.from_ical(written.read_bytes()).walk("VEVENT")[0]
    assert event.decoded("dtstart") == datetime(2026, 6, 15, 13, 30, tzinfo=invitation.TIMEZONE)
    assert str(event["description"]) == "Vi ses på jobcentret."
    exports = [e for e in audit.list_entries(store) if e.action == "export"]
    assert [e.details["format"] for e in exports] == ["ics"]  # once: the refusal logged nothing
    assert "indkaldelse.ics" in window.statusBar().currentMessage()


def test_cancelling_the_file_keeps_the_dialog(
    qtbot, window, citizen_with_history, store, monkeypatch
):
    monkeypatch.setattr(file_dialogs, "ask_save", lambda *a: None)
    window.caseload.refresh()
    window.show_citizen(citizen_with_history)
    seen = {}

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, fill)
            return
        dialog.accept()
        seen["open"] = dialog.isVisible()
        dialog.reject()

    QTimer.singleShot(0, fill)
    window.action(ActionId.SEND_INVITATION).trigger()
    assert seen == {"open": True}
    assert not [e for e in audit.list_entries(store) if e.action == "export"]
