"""Every control has a name a screen reader can say, read from Qt's accessibility interfaces.

This is the quick, in-process twin of ``tools/atspi_walk.py`` (which asks a real AT-SPI
client, as Orca does): the same rule, over the same screens, on the offscreen platform.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QWidget

from trappe.ui.actions import ActionId

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

R = QAccessible.Role
CONTROLS = {
    R.PushButton,
    R.CheckBox,
    R.RadioButton,
    R.ComboBox,
    R.EditableText,
    R.SpinBox,
    R.Slider,
    R.Table,
    R.Tree,
    R.List,
    R.PageTab,
    R.ButtonMenu,
    R.ButtonDropDown,
}


def nameless(widget: QWidget) -> list[str]:
    """The controls under ``widget`` without a name (a combo box: without a label)."""
    found: list[str] = []

    def walk(iface, path: str, parent_role) -> None:  # type: ignore[no-untyped-def]
        if iface is None or not iface.isValid():
            return
        role = iface.role()
        name = iface.text(QAccessible.Text.Name).strip()
        here = f"{path} > {role.name} {name!r}"
        if role in CONTROLS and parent_role is not R.ComboBox:
            if role is R.ComboBox:
                labels = iface.relations(QAccessible.RelationFlag.Label)
                if not any(i.text(QAccessible.Text.Name).strip() for i, _ in labels):
                    found.append(here + " [only its value]")
            elif not name:
                found.append(here)
        for i in range(iface.childCount()):
            walk(iface.child(i), here, role)

    walk(QAccessible.queryAccessibleInterface(widget), widget.objectName(), None)
    return found


def test_main_window_and_dialogue_mode(qtbot, window, citizen_with_history):
    window.caseload.refresh()
    window.caseload.select_citizen(citizen_with_history)
    window.show_citizen(citizen_with_history)
    assert nameless(window) == []
    window.set_dialogue_mode(True)
    assert nameless(window) == []
    window.set_dialogue_mode(False)


def test_every_filter_combo_has_a_label(window):
    pane = window.caseload
    buddies = {label.buddy(): label.text() for label in pane.findChildren(QLabel)}
    for combo in pane.findChildren(QComboBox):
        assert buddies.get(combo), combo.objectName()
    # Each labelled field has a name (its own, or its label's: set as the label is made).
    assert all(buddy.accessibleName() for buddy in buddies if buddy is not None)


@pytest.mark.parametrize(
    "action",
    [
        ActionId.RECORD_MEETING,
        ActionId.EDIT_CITIZEN,
        ActionId.CLOSE_CITIZEN,
        ActionId.ERASE_CITIZEN,
        ActionId.SETTINGS,
        ActionId.PRINT,
        ActionId.NEW_CITIZEN,
        ActionId.SEND_INVITATION,
    ],
)
def test_dialogs_opened_from_the_window(qtbot, window, citizen_with_history, action):
    window.caseload.refresh()
    window.show_citizen(citizen_with_history)
    seen: list[list[str]] = []

    def look(tries: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if tries < 100 and not seen:
                QTimer.singleShot(10, lambda: look(tries + 1))
            return
        seen.append(nameless(dialog))
        dialog.reject()

    QTimer.singleShot(0, look)
    window.action(action).trigger()  # a modal dialog blocks here until look() closes it
    if not seen:  # opened inside the window (meeting mode on the staircase)
        seen.append(nameless(window))
    assert seen == [[]]


def test_the_staircase_is_described_in_words(qtbot, window, citizen_with_history):
    """Name, "trin x af 7", earlier placements and the keys (S11a's text, in the window)."""
    text = window.staircase_view.accessibleDescription()
    assert "Ingen borger valgt" in text and "Valgt trin" not in text  # nobody shown yet
    window.caseload.refresh()
    window.show_citizen(citizen_with_history)
    text = window.staircase_view.accessibleDescription()
    assert "Åse Ærø Søndergård" in text
    assert "Fagpersonernes placering: trin" in text and "af 7" in text
    assert "Tidligere placeringer:" in text
    assert "Mål: trin 6 af 7" in text
    assert "pil" in text and "Enter" in text  # which keys to use
    window.staircase_view.setFocus()
    qtbot.keyClick(window.staircase_view, Qt.Key.Key_End)
    assert "Valgt trin: trin 7 af 7" in window.staircase_view.accessibleDescription()


def test_colour_is_never_the_only_sign(qtbot, window, citizen_with_history, store):
    from trappe.model import citizens
    from trappe.ui.caseload_model import COL_DAYS, COL_NEXT_MEETING, COL_STEP

    window.caseload.refresh()
    model = window.caseload.model
    model.citizen_id(0)  # read the first page
    row = model.row_of(citizen_with_history)
    said = model.index(row, COL_NEXT_MEETING).data(Qt.ItemDataRole.AccessibleTextRole)
    assert said == "15-06-2026, overskredet"  # red in the list, and said in words
    assert model.index(row, COL_STEP).data(Qt.ItemDataRole.AccessibleTextRole).startswith("Trin ")
    window.show_citizen(citizen_with_history)
    overdue = window.history.agreement_item("Gå til læge")
    assert overdue is not None and "overskredet" in overdue.text()

    citizens.close_citizen(store, citizen_with_history, "job", date(2026, 7, 1))
    pane = window.caseload
    pane.status.setCurrentIndex(pane.status.findData(None))  # all courses
    model.citizen_id(0)
    row = model.row_of(citizen_with_history)
    # A closed course has no running count of days and no next meeting.
    assert model.index(row, COL_DAYS).data() == ""
    assert model.index(row, COL_NEXT_MEETING).data() == ""
