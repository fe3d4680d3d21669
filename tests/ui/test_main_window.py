"""The main window, driven as a user would: type, click, press keys, fill the dialogs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTextEdit,
    QWidget,
)

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import Assessor, CitizenInput, MeetingInput, Status
from trappe.model.geometry import MarkerKind
from trappe.ui import commands
from trappe.ui.actions import ActionId
from trappe.ui.caseload_model import COL_NAME
from trappe.ui.preferences import LAST_DATABASE, SPLITTER_STATE

# The offscreen platform warns about window features it lacks; that is not our bug.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def open_agreements(store, citizen_id):  # type: ignore[no-untyped-def]
    return citizens.get_citizen_record(store, citizen_id, log_read=False).open_agreements


class ModalDriver:
    """Fill in the next modal dialog from a timer while ``exec()`` blocks the test."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.error: BaseException | None = None
        self.seen: list[QWidget] = []

    def next(self, fill: Callable[[QWidget], None]) -> None:
        def handler(tries: int = 0) -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                if tries < 200:
                    QTimer.singleShot(10, lambda: handler(tries + 1))
                return
            self.seen.append(dialog)
            try:
                fill(dialog)
            except BaseException as exc:  # never leave a dialog open: the test would hang
                self.error = exc
                dialog.reject()

        QTimer.singleShot(0, handler)

    def check(self) -> None:
        if self.error is not None:
            raise self.error


@pytest.fixture
def modal(qtbot) -> ModalDriver:
    return ModalDriver(qtbot)


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press in the window, as the user makes it after a dialog closed."""
    window.activateWindow()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, key, modifier)


def click_button(qtbot, box: QDialogButtonBox, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(box.button(which), Qt.MouseButton.LeftButton)


def visible_texts(root: QWidget) -> str:
    """Every piece of text a person could read in the visible widgets under ``root``."""
    parts: list[str] = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        if isinstance(w, QLabel | QAbstractButton):
            parts.append(w.text())
        if isinstance(w, QLineEdit):
            parts.append(w.text())
        if isinstance(w, QTextEdit):
            parts.append(w.toPlainText())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            try:
                columns = m.columnCount(QModelIndex())
            except TypeError:  # list models hide columnCount
                columns = 1
            for r in range(min(m.rowCount(QModelIndex()), 500)):
                for c in range(columns):
                    parts.append(str(m.index(r, c).data() or ""))
        parts.append(w.toolTip())
        parts.append(w.accessibleName())
        parts.append(w.accessibleDescription())
    return "\n".join(parts)


def fill_meeting(
    qtbot,
    held_on: date,
    professional: int,
    own: int,
    agreement: str | None,
    next_on: date,
    note: str = "",
) -> Callable[[QWidget], None]:
    """Fill in a meeting in meeting mode (the view) and save it with its button."""

    def fill(view) -> None:
        type_into(qtbot, view.held_on_edit.line, held_on.strftime("%d-%m-%Y"))
        view.staircase.move_draft(MarkerKind.PROFESSIONAL, professional)
        view.staircase.move_draft(MarkerKind.CITIZEN, own)
        type_into(qtbot, view.next_edit.line, next_on.strftime("%d-%m-%Y"))
        type_into(qtbot, view.participants_edit, "Borger, sagsbehandler")
        if note:
            view.caseworker_note.setFocus()
            qtbot.keyClicks(view.caseworker_note, note)
        if agreement:
            row = view.add_agreement(focus=True)
            qtbot.keyClicks(row.what_edit, agreement)
            type_into(qtbot, row.due_edit.line, (held_on + timedelta(days=14)).strftime("%d-%m-%Y"))
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)

    return fill


def test_a_whole_course_in_the_window(qtbot, window, modal, store, no_message_boxes):
    """Create a citizen, record three meetings (up, up, down) with agreements, tick one off,
    see the chart, use dialogue mode, undo a mistaken move and close the course."""
    steps = window.staircase.steps
    # Another citizen who must never show in dialogue mode.
    other_store = window.store
    citizens.create_citizen(other_store, CitizenInput(name="Bent Andersen"))
    window.caseload.refresh()

    # 1. Create the citizen through the dialog; the course started four months ago.
    start = date.today() - timedelta(days=120)

    def fill_citizen(dlg) -> None:
        type_into(qtbot, dlg.name_edit, "Åse Ærø Søndergård")
        type_into(qtbot, dlg.identifier_edit, "010190-1234")
        type_into(qtbot, dlg.start_edit.line, start.strftime("%d-%m-%Y"))
        click_button(qtbot, dlg.buttons, QDialogButtonBox.StandardButton.Save)

    modal.next(fill_citizen)
    window.action(ActionId.NEW_CITIZEN).trigger()
    modal.check()
    assert window.record is not None and window.record.citizen.name == "Åse Ærø Søndergård"
    cid = window.record.citizen.id
    assert "Åse Ærø Søndergård" in window.header.text()
    assert "010190-****" in window.header.text() and "1234" not in window.header.text()

    # 2. Three meetings: step 1, up to 3, down to 2; the citizen's own view differs.
    plan = [
        (start, 0, 1, "Gå til læge", start + timedelta(days=40)),
        (start + timedelta(days=40), 2, 2, "Besøge Brugsen", start + timedelta(days=80)),
        (start + timedelta(days=80), 1, 2, None, date.today() + timedelta(days=30)),
    ]
    for held, pro, own, agreement, next_on in plan:
        # Registrér møde (Ctrl+S): the staircase becomes the meeting's canvas.
        press(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert window.pages.currentWidget() is window.meeting_mode.view
        fill_meeting(qtbot, held, steps[pro].id, steps[own].id, agreement, next_on, "Notat")(
            window.meeting_mode.view
        )
        assert window.pages.currentWidget() is window.splitter
        assert window.record.citizen.current_step_id == steps[pro].id
        assert window.record.citizen.own_step_id == steps[own].id
    assert len(window.record.meetings) == 3
    # The caseload shows the new step at once.
    row = window.caseload.model.row_of(cid)
    assert row is not None
    assert window.caseload.model.index(row, 3).data() == "2"

    # The history: meetings listed newest first, chart series, open agreements.
    assert window.history.meetings.topLevelItemCount() == 3
    assert window.history.chart.series(Assessor.PROFESSIONAL) == [
        (start, 0),
        (start + timedelta(days=40), 2),
        (start + timedelta(days=80), 1),
    ]
    assert window.history.chart.series(Assessor.CITIZEN)[-1] == (start + timedelta(days=80), 2)
    assert window.history.agreements.count() == 2
    chart = window.history.chart.grab().toImage()
    assert chart.width() > 100

    # Tick an agreement off as done (a click on its check box), then undo it.
    item = window.history.agreement_item("Gå til læge")
    item.setCheckState(Qt.CheckState.Checked)
    assert window.history.agreements.count() == 1
    assert len(open_agreements(store_of(window), cid)) == 1
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.history.agreements.count() == 2

    # 3. A mistaken move by dragging the professionals' marker up to the top step: it opens
    # today's meeting with the marker moved; saved, then undone as one.
    view = window.staircase_view
    view.setFocus()
    before = window.record.citizen.current_step_id
    start_pt = view.marker_centre(MarkerKind.PROFESSIONAL)
    target = view.step_centre(steps[-1].id)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start_pt)
    qtbot.mouseMove(view, start_pt + QPoint(15, 0))
    qtbot.mouseMove(view, target)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=target)
    meeting_view = window.meeting_mode.view
    assert window.pages.currentWidget() is meeting_view
    assert meeting_view.staircase.draft().current_step_id == steps[-1].id
    assert window.record.citizen.current_step_id == before  # nothing saved yet
    press(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.record.citizen.current_step_id == steps[-1].id
    assert len(window.record.meetings) == 4
    assert window.action(ActionId.UNDO).isEnabled()
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.record.citizen.current_step_id == before
    assert citizens.get_citizen(store_of(window), cid).current_step_id == before
    assert len(window.record.meetings) == 3
    # Redo and undo again via the menu actions, to be sure both directions work.
    window.action(ActionId.REDO).trigger()
    assert window.record.citizen.current_step_id == steps[-1].id
    window.action(ActionId.UNDO).trigger()
    assert window.record.citizen.current_step_id == before

    # 4. Dialogue mode: only this citizen; Esc returns to where we were.
    press(qtbot, window, Qt.Key.Key_F11)
    assert window.in_dialogue_mode()
    assert window.pages.currentWidget() is window.dialogue_view
    assert not window.menuBar().isVisible() and not window.caseload.isVisibleTo(window)
    text = visible_texts(window)
    assert "Åse Ærø Søndergård" in text
    assert "Bent Andersen" not in text
    assert "Besøge Brugsen" in window.dialogue_view.agreements.toPlainText()
    # A move made in the meeting (meeting mode, full screen), saved and undone at once, with
    # the menus hidden.
    dialogue_stair = window.dialogue_view.staircase
    dialogue_stair.choose_assessor = lambda *_: Assessor.CITIZEN
    qtbot.mouseClick(
        dialogue_stair, Qt.MouseButton.LeftButton, pos=dialogue_stair.step_centre(steps[4].id)
    )
    assert window.pages.currentWidget() is window.meeting_mode.view
    press(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.dialogue_view
    assert window.record.citizen.own_step_id == steps[4].id
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.record.citizen.own_step_id == steps[2].id
    assert window.in_dialogue_mode()
    qtbot.keyClick(window.dialogue_view.staircase, Qt.Key.Key_Escape)
    assert not window.in_dialogue_mode()
    assert window.pages.currentWidget() is window.splitter
    assert window.menuBar().isVisible()
    assert window.record.citizen.id == cid

    # 5. Close the course.
    def fill_close(dlg) -> None:
        qtbot.mouseClick(dlg.close_button, Qt.MouseButton.LeftButton)

    modal.next(fill_close)
    window.action(ActionId.CLOSE_CITIZEN).trigger()
    modal.check()
    assert citizens.get_citizen(store_of(window), cid).status is Status.CLOSED
    assert window.record.citizen.status is Status.CLOSED
    assert not window.action(ActionId.RECORD_MEETING).isEnabled()
    assert window.action(ActionId.REOPEN_CITIZEN).isEnabled()
    assert window.caseload.model.row_of(cid) is None  # active filter: gone from the list
    assert no_message_boxes == []  # nothing went wrong on the way


def store_of(window):
    return window.store


def test_search_is_debounced_and_filters(qtbot, window, citizen_with_history):
    window.caseload.refresh()
    citizens.create_citizen(window.store, CitizenInput(name="Bent Andersen"))
    window.caseload.apply_filters()
    assert window.caseload.model.rowCount() == 2
    qtbot.keyClicks(window.caseload.search, "ærø")
    assert window.caseload.model.rowCount() == 2  # not yet: waits for the pause in typing
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 1, timeout=2000)
    assert window.caseload.model.index(0, COL_NAME).data() == "Åse Ærø Søndergård"
    window.caseload.search.clear()
    pane = window.caseload
    pane.next_meeting.setCurrentIndex(pane.next_meeting.findText("Næste samtale overskredet"))
    ids = [window.caseload.model.citizen_id(r) for r in range(window.caseload.model.rowCount())]
    assert citizen_with_history in ids
    pane.next_meeting.setCurrentIndex(pane.next_meeting.findText("Ingen samtale aftalt"))
    ids = [window.caseload.model.citizen_id(r) for r in range(window.caseload.model.rowCount())]
    assert citizen_with_history not in ids and len(ids) == 1  # Bent has no meeting yet
    pane.next_meeting.setCurrentIndex(pane.next_meeting.findText("Alle samtaler"))
    window.caseload.mine.setChecked(True)  # prefs user Mette Sørensen is Åse's caseworker
    ids = [window.caseload.model.citizen_id(r) for r in range(window.caseload.model.rowCount())]
    assert ids == [citizen_with_history]


def test_selecting_a_citizen_shows_it_everywhere(qtbot, window, citizen_with_history):
    window.caseload.refresh()
    view = window.caseload.view
    rect = view.visualRect(window.caseload.model.index(0, COL_NAME))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.record is not None and window.record.citizen.id == citizen_with_history
    assert "Næste samtale: 15-06-2026" in window.history.next_meeting.text()
    assert window.history.next_meeting.property("overdue") is True
    assert window.history.meetings.topLevelItemCount() == 3
    assert "Virksomhedspraktik" in window.history.activities.text()


def test_database_error_shows_danish_message_and_keeps_window(
    qtbot, window, tmp_path, no_message_boxes, monkeypatch
):
    from trappe.ui import passphrase

    bad = tmp_path / "ikke-en-database.sqlite"
    bad.write_bytes(b"dette er ikke en database" * 10)
    # Not plain SQLite: it may be an encrypted database, so the passphrase is asked for; a
    # passphrase that does not open it is refused in Danish, and the user gives up.
    asked = []
    answers = iter([passphrase.Answer("et forsøg", remember=False), None])

    def ask(parent, path, **kwargs):
        asked.append(kwargs.get("error", ""))
        return next(answers)

    monkeypatch.setattr(passphrase, "ask", ask)
    monkeypatch.setattr(passphrase, "remembered", lambda path: None)
    assert not window.open_database(bad)
    assert "ikke en krypteret Trappe-database" in asked[-1]
    assert bad.read_bytes() == b"dette er ikke en database" * 10
    assert window.isVisible() and window.store is not None


def test_window_state_is_remembered(qtbot, prefs, store, no_message_boxes):
    from trappe.ui.main_window import MainWindow

    path = store.path
    store.close()
    w = MainWindow(prefs)
    qtbot.addWidget(w)
    w.open_database(path, first_start=False)
    w.resize(780, 560)
    w.splitter.setSizes([250, 450])
    w.show()
    qtbot.waitExposed(w)
    w.close()
    w2 = MainWindow(prefs)
    qtbot.addWidget(w2)
    assert w2.size().height() == w.size().height()
    assert w2.splitter.saveState() == prefs.get(SPLITTER_STATE)
    assert prefs.get(LAST_DATABASE) == str(path)
    w2.close()


def test_first_start_fits_a_small_screen(qtbot, prefs, no_message_boxes):
    """No saved geometry on a laptop-sized screen: maximised, never taller than the screen."""
    from trappe.ui.main_window import MainWindow

    w = MainWindow(prefs)
    qtbot.addWidget(w)
    available = w.screen().availableGeometry()
    assert available.width() < 1400  # the offscreen test screen is 800×800
    assert w.windowState() & Qt.WindowState.WindowMaximized
    w.setWindowState(Qt.WindowState.WindowNoState)
    assert w.height() <= available.height() and w.width() <= available.width()


def test_actions_have_standard_shortcuts(window):
    from PySide6.QtGui import QKeySequence

    def keys(action_id):
        return [k.toString() for k in window.action(action_id).shortcuts()]

    assert "Ctrl+N" in keys(ActionId.NEW_CITIZEN)
    assert "Ctrl+S" in keys(ActionId.RECORD_MEETING)
    assert "Ctrl+P" in keys(ActionId.PRINT)
    assert "Ctrl+Z" in keys(ActionId.UNDO)
    assert QKeySequence(QKeySequence.StandardKey.Redo).toString() in keys(ActionId.REDO)
    assert "Ctrl+F" in keys(ActionId.FIND)
    assert "Ctrl+Q" in keys(ActionId.QUIT)
    assert "F11" in keys(ActionId.DIALOGUE_MODE)
    # Every action is in a menu (menus and shortcuts cannot drift apart).
    in_menus = {a for m in window.menuBar().actions() for a in m.menu().actions()}
    for action_id in ActionId:
        assert window.action(action_id) in in_menus


def test_erase_citizen_needs_confirmation_naming_them(qtbot, window, modal, citizen_with_history):
    window.caseload.refresh()
    window.show_citizen(citizen_with_history)

    def cancel(dlg) -> None:
        assert "Åse Ærø Søndergård" in visible_texts(dlg)
        dlg.reject()

    modal.next(cancel)
    window.action(ActionId.ERASE_CITIZEN).trigger()
    modal.check()
    assert citizens.get_citizen(window.store, citizen_with_history)

    def confirm(dlg) -> None:
        type_into(qtbot, dlg.name_edit, "Åse Ærø Søndergård")
        qtbot.mouseClick(dlg.erase_button, Qt.MouseButton.LeftButton)

    modal.next(confirm)
    window.action(ActionId.ERASE_CITIZEN).trigger()
    modal.check()
    assert window.record is None
    assert window.caseload.model.rowCount() == 0
    assert staircase.load_staircase(window.store).steps  # the rest is untouched


def test_print_opens_preview_for_the_shown_citizen(
    qtbot, window, citizen_with_history, monkeypatch
):
    from trappe.ui import print_preview

    opened = []
    monkeypatch.setattr(
        print_preview.PrintPreviewDialog,
        "exec",
        lambda self: opened.append(self.citizen_id) or 0,
    )
    window.caseload.refresh()
    window.show_citizen(citizen_with_history)
    press(qtbot, window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert opened == [citizen_with_history]


def test_batch_print_gets_the_filtered_list(qtbot, window, citizen_with_history, monkeypatch):
    from trappe.ui import print_preview

    citizens.create_citizen(window.store, CitizenInput(name="Bent Andersen"))
    calls = []
    monkeypatch.setattr(
        print_preview, "print_batch", lambda parent, store, prefs, ids: calls.append(ids)
    )
    window.caseload.search.setText("ærø")
    window.caseload.apply_filters()
    window.action(ActionId.PRINT_BATCH).trigger()
    assert calls == [[citizen_with_history]]


def test_a_large_batch_asks_first(qtbot, window, monkeypatch):
    from trappe.ui import print_preview, sheet_ops

    monkeypatch.setattr(sheet_ops, "LARGE_BATCH", 2)
    for name in ("Anna", "Bo", "Carl"):
        citizens.create_citizen(window.store, CitizenInput(name=name))
    window.caseload.apply_filters()
    calls, asked = [], []
    monkeypatch.setattr(
        print_preview, "print_batch", lambda parent, store, prefs, ids: calls.append(ids)
    )
    for answer in (QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes):
        monkeypatch.setattr(
            QMessageBox, "question", lambda *a, answer=answer: asked.append(a[2]) or answer
        )
        window.action(ActionId.PRINT_BATCH).trigger()
    assert len(asked) == 2 and "Listen har 3 borgere" in asked[0]
    assert len(calls) == 1 and len(calls[0]) == 3


def test_settings_change_reloads_staircase_and_user(qtbot, window, prefs, monkeypatch):
    from trappe.ui import settings_dialog
    from trappe.ui.preferences import USER_NAME

    def fake_exec(dialog):
        staircase.update_step(
            window.store, window.staircase.steps[0].id, title="Afklaring og helbred"
        )
        prefs.set(USER_NAME, "Jens Østergaard")
        dialog.changed.emit()
        return 1

    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", fake_exec)
    window.action(ActionId.SETTINGS).trigger()
    assert window.staircase.steps[0].title == "Afklaring og helbred"
    assert window.caseload.step.itemText(1) == "1. Afklaring og helbred"
    assert window.store.actor.name == "Jens Østergaard"


def test_delete_meeting_from_history_and_undo(qtbot, window, citizen_with_history, store):
    window.caseload.refresh()
    window.show_citizen(citizen_with_history)
    newest = window.history.selected_meeting()
    assert newest is not None and newest.held_on == date(2026, 5, 4)
    qtbot.mouseClick(window.history.delete_button, Qt.MouseButton.LeftButton)
    assert len(meetings.load_meetings(store, citizen_with_history)) == 2
    assert window.history.meetings.topLevelItemCount() == 2
    # The professionals' step falls back to the previous meeting's.
    assert window.record.citizen.current_step_id == window.staircase.steps[2].id
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.history.meetings.topLevelItemCount() == 3
    assert window.record.citizen.current_step_id == window.staircase.steps[1].id


def test_edit_meeting_from_history(qtbot, window, modal, citizen_with_history, store):
    window.caseload.refresh()
    window.show_citizen(citizen_with_history)

    def fill(dlg) -> None:
        dlg.consultant_note.setFocus()
        dlg.consultant_note.selectAll()
        qtbot.keyClicks(dlg.consultant_note, "Ny plan med Føtex.")
        click_button(qtbot, dlg.buttons, QDialogButtonBox.StandardButton.Save)

    modal.next(fill)
    qtbot.mouseClick(window.history.edit_button, Qt.MouseButton.LeftButton)
    modal.check()
    latest = meetings.load_meetings(store, citizen_with_history)[-1]
    assert latest.consultant_note == "Ny plan med Føtex."
    assert "Ny plan med Føtex." in window.history.notes.toPlainText()
    window.action(ActionId.UNDO).trigger()
    latest = meetings.load_meetings(store, citizen_with_history)[-1]
    assert latest.consultant_note == "Praktikken hos Brugsen stoppede; ny plan."


def test_recent_databases_menu(qtbot, window, tmp_path, no_message_boxes):
    first = window.store.path
    other = tmp_path / "anden.sqlite"
    assert window.open_database(other, first_start=False, create=True)
    entries = [a.text() for a in window.recent_menu.actions()]
    assert entries[:2] == [str(other), str(first)]
    window.recent_menu.actions()[1].trigger()
    assert window.store.path == first
    # The platform appends the application's name unless the title ends with it: once.
    assert window.windowTitle() == f"{first.name} (ukrypteret) — Trappe"
    assert window.windowHandle().title().count("Trappe") == 1


def test_filters_step_group_and_stale(qtbot, window, citizen_with_history):
    pane = window.caseload
    pane.refresh()
    steps = window.staircase.steps
    pane.step.setCurrentIndex(pane.step.findData(steps[1].id))
    assert pane.model.rowCount() == 1
    pane.step.setCurrentIndex(pane.step.findData(steps[0].id))
    assert pane.model.rowCount() == 0
    pane.step.setCurrentIndex(0)
    group = citizens.get_citizen(window.store, citizen_with_history).target_group_id
    pane.target_group.setCurrentIndex(pane.target_group.findData(group))
    assert pane.model.rowCount() == 1
    pane.target_group.setCurrentIndex(0)
    pane.stale_weeks.setValue(500)
    pane.stale.setChecked(True)  # on the step since 04-05-2026: not 500 weeks
    assert pane.model.rowCount() == 0
    pane.stale_weeks.setValue(1)
    assert pane.model.rowCount() == 1
    assert pane.count_label.text() == "1 borger"


def test_escape_leaves_dialogue_mode_wherever_the_focus_is(qtbot, window, citizen_with_history):
    window.caseload.refresh()
    window.show_citizen(citizen_with_history)
    window.action(ActionId.DIALOGUE_MODE).trigger()
    assert window.in_dialogue_mode()
    window.dialogue_view.leave_button.setFocus()
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.in_dialogue_mode()
    assert not window.action(ActionId.DIALOGUE_MODE).isChecked()
    # Esc in the normal window does nothing to the mode.
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.in_dialogue_mode()


def test_dialogue_mode_shows_no_other_person(qtbot, window, citizen_with_history):
    for name in ("Bent Andersen", "Carla Østergaard Nielsen"):
        citizens.create_citizen(window.store, CitizenInput(name=name))
    window.caseload.refresh()
    window.show_citizen(citizen_with_history)
    normal = visible_texts(window)
    assert "Bent Andersen" in normal and "Mette Sørensen" in normal  # list and header
    window.action(ActionId.DIALOGUE_MODE).trigger()
    text = visible_texts(window)
    assert "Åse Ærø Søndergård" in text
    assert "Gå til læge om ryggen" in text  # her open agreements
    for other in ("Bent Andersen", "Carla", "Mette Sørensen", "Jens Østergaard", "010190"):
        assert other not in text
    window.set_dialogue_mode(False)


def test_resizing_the_agreement_list_changes_nothing(qtbot, window, citizen_with_history, store):
    window.caseload.refresh()
    window.show_citizen(citizen_with_history)
    window.history.agreements.resize(150, 300)
    window.history.agreements.resize(400, 300)
    qtbot.wait(10)
    assert window.undo_stack.count() == 0
    assert len(open_agreements(store, citizen_with_history)) == 3


def test_a_relative_database_path_is_remembered_absolute(
    qtbot, window, prefs, tmp_path, monkeypatch, no_message_boxes
):
    monkeypatch.chdir(tmp_path)
    assert window.open_database("relativ.sqlite", first_start=False, create=True)
    assert prefs.get(LAST_DATABASE) == str(tmp_path / "relativ.sqlite")


def test_a_locked_database_keeps_the_meeting_and_its_input(
    qtbot, window, citizen_with_history, no_message_boxes
):
    """Another program holds the write lock when the user saves: a Danish message in meeting
    mode, nothing typed is lost, and Gem møde works once the lock is gone."""
    import sqlite3

    window.caseload.select_citizen(citizen_with_history)
    window.show_citizen(citizen_with_history)
    window.store.conn.execute("PRAGMA busy_timeout = 200")  # fail fast instead of waiting 5 s
    steps = window.staircase.steps
    before = len(window.record.meetings)
    window.action(ActionId.RECORD_MEETING).trigger()
    view = window.meeting_mode.view
    view.staircase.move_draft(MarkerKind.PROFESSIONAL, steps[4].id)
    view.caseworker_note.setFocus()
    qtbot.keyClicks(view.caseworker_note, "Et langt notat, der ikke må gå tabt.")
    holder = sqlite3.connect(window.store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
        assert window.pages.currentWidget() is view
        assert "låst" in view.general_error.text()
        assert view.caseworker_note.toPlainText() == "Et langt notat, der ikke må gå tabt."
        assert window.undo_stack.count() == 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.splitter
    assert len(window.record.meetings) == before + 1
    assert window.record.meetings[-1].caseworker_note == "Et langt notat, der ikke må gå tabt."
    assert window.record.citizen.current_step_id == steps[4].id


def test_copy_journal_note_of_the_selected_meeting(qtbot, window, citizen_with_history, store):
    from trappe.model import audit

    window.caseload.select_citizen(citizen_with_history)
    window.show_citizen(citizen_with_history)
    action = window.action(ActionId.COPY_JOURNAL_NOTE)
    assert action.isEnabled()
    meetings_view = window.history.meetings
    meetings_view.setCurrentItem(meetings_view.topLevelItem(meetings_view.topLevelItemCount() - 1))
    first = window.record.meetings[0]
    action.trigger()
    text = QApplication.clipboard().text()
    assert text.startswith(f"Dialogmøde (trappemodellen) {first.held_on:%d-%m-%Y}")
    assert "Fagpersonernes placering: trin 1: Afklaring" in text
    entry = audit.list_entries(store)[0]
    assert entry.action == "export" and entry.details["format"] == "journal_note"
    assert entry.details["meeting_id"] == first.id
    # Nothing to note for a citizen without meetings.
    new = citizens.create_citizen(window.store, CitizenInput(name="Bent Andersen"))
    window.show_citizen(new.id)
    assert not action.isEnabled()


@pytest.fixture
def announced(monkeypatch) -> list[str]:
    """What was announced to screen readers."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    said: list[str] = []

    def update(event) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            said.append(event.message())

    monkeypatch.setattr(QAccessible, "updateAccessibility", update)
    return said


def test_editing_a_citizen_is_undone_and_redone_from_the_keyboard(
    qtbot, window, modal, citizen_with_history, store, announced
):
    window.caseload.refresh()
    window.caseload.select_citizen(citizen_with_history)
    window.show_citizen(citizen_with_history)

    def rename(dlg) -> None:
        type_into(qtbot, dlg.name_edit, "Åse Ærø Madsen")
        type_into(qtbot, dlg.caseworker_combo.lineEdit(), "Ny Kollega")
        qtbot.keyClick(dlg.name_edit, Qt.Key.Key_Return)

    modal.next(rename)
    press(qtbot, window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    modal.check()
    assert window.record.citizen.name == "Åse Ærø Madsen"
    assert "Åse Ærø Madsen" in window.header.text()
    assert window.caseload.model.index(0, COL_NAME).data() == "Åse Ærø Madsen"
    assert window.record.caseworker.name == "Ny Kollega"
    assert announced[-1] == "Ændringerne af borgeren er gemt."

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert citizens.get_citizen(store, citizen_with_history).name == "Åse Ærø Søndergård"
    assert "Åse Ærø Søndergård" in window.header.text()
    assert window.caseload.model.index(0, COL_NAME).data() == "Åse Ærø Søndergård"
    assert window.record.caseworker.name == "Mette Sørensen"
    window.action(ActionId.REDO).trigger()
    assert window.record.citizen.name == "Åse Ærø Madsen"


def test_closing_and_reopening_can_be_undone(qtbot, window, modal, citizen_with_history, store):
    window.caseload.refresh()
    window.caseload.select_citizen(citizen_with_history)
    window.show_citizen(citizen_with_history)

    def close(dlg) -> None:
        dlg.reason_combo.setCurrentIndex(dlg.reason_combo.findData("flexjob"))
        type_into(qtbot, dlg.date_edit.line, "01-06-2026")
        qtbot.mouseClick(dlg.close_button, Qt.MouseButton.LeftButton)

    modal.next(close)
    window.action(ActionId.CLOSE_CITIZEN).trigger()
    modal.check()
    assert window.record.citizen.status is Status.CLOSED
    assert window.action(ActionId.UNDO).text() == "&Fortryd Afslut forløb"
    window.action(ActionId.UNDO).trigger()
    assert window.record.citizen.status is Status.ACTIVE
    window.action(ActionId.REDO).trigger()
    window.action(ActionId.REOPEN_CITIZEN).trigger()
    assert window.record.citizen.status is Status.ACTIVE
    window.action(ActionId.UNDO).trigger()
    closed = citizens.get_citizen(store, citizen_with_history)
    assert (closed.status, closed.closed_reason, closed.closed_on) == (
        Status.CLOSED,
        "flexjob",
        date(2026, 6, 1),
    )


def test_erasing_keeps_the_undo_of_other_citizens(
    qtbot, window, modal, citizen_with_history, store, announced
):
    steps = window.staircase.steps
    other = citizens.create_citizen(store, CitizenInput(name="Bent Andersen"))
    window.caseload.refresh()
    for cid, step in ((other.id, steps[2]), (citizen_with_history, steps[3])):
        window.show_citizen(cid)
        window.meeting_ops.push(
            commands.RecordMeetingCommand(
                store, cid, MeetingInput(date(2026, 6, 1), step.id), window.changed
            )
        )
    assert window.undo_stack.count() == 2

    def confirm(dlg) -> None:
        assert "kan ikke fortrydes" in dlg.warning.text()
        type_into(qtbot, dlg.name_edit, "Åse Ærø Søndergård")
        qtbot.keyClick(dlg.name_edit, Qt.Key.Key_Return)

    modal.next(confirm)
    window.action(ActionId.ERASE_CITIZEN).trigger()
    modal.check()
    assert window.record is None
    assert "Det kan ikke fortrydes" in announced[-1]
    assert window.undo_stack.count() == 1  # Bent's meeting is still there to undo
    window.action(ActionId.UNDO).trigger()
    assert citizens.get_citizen(store, other.id).current_step_id is None
    assert window.record is not None and window.record.citizen.id == other.id


def test_ticking_an_agreement_redraws_only_the_history(
    qtbot, window, citizen_with_history, monkeypatch
):
    window.caseload.refresh()
    window.caseload.select_citizen(citizen_with_history)
    window.show_citizen(citizen_with_history)
    redrawn: list[str] = []
    for name, pane in (
        ("caseload", window.caseload.model),
        ("header", window.header),
        ("staircase", window.staircase_view),
        ("history", window.history),
    ):
        method = "refresh" if name == "caseload" else "set_content"
        original = getattr(pane, method)

        def spy(*args, _name=name, _original=original, **kwargs):
            redrawn.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(pane, method, spy)
    item = window.history.agreements.item(0)
    item.setCheckState(Qt.CheckState.Checked)
    assert redrawn == ["history"]
    assert window.undo_stack.undoText() == "Markér aftale som udført"


def test_the_staircase_collapses_to_give_the_history_room(
    qtbot, window, citizen_with_history, announced
):
    window.caseload.refresh()
    window.show_citizen(citizen_with_history)
    action = window.action(ActionId.SHOW_STAIRCASE)
    assert action.isChecked() and window.staircase_view.height() > 0
    before = window.history.height()
    press(
        qtbot,
        window,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not action.isChecked() and window.centre_splitter.sizes()[0] == 0
    assert window.history.height() > before + 150
    assert "Åse Ærø Søndergård" in window.header.text()  # who it is still shows
    assert announced[-1] == "Trappen er skjult."
    action.trigger()
    assert window.staircase_shown() and window.centre_splitter.sizes()[0] > 100
    # Dragging the divider to the top collapses it too, and the menu follows.
    window.centre_splitter.moveSplitter(0, 1)
    assert not action.isChecked()


def test_a_closed_course_shows_no_next_meeting_in_dialogue_mode(
    qtbot, window, citizen_with_history, store
):
    citizens.close_citizen(store, citizen_with_history, "job", date(2026, 7, 1))
    window.caseload.refresh()
    window.show_citizen(citizen_with_history)
    window.set_dialogue_mode(True)
    assert window.dialogue_view.next_meeting.text() == "Forløbet er afsluttet 01-07-2026"
    window.set_dialogue_mode(False)
