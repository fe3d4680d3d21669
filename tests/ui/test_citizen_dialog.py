"""The citizen dialogs, driven by typing and clicking as a user would, checked in the database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QTableView

from trappe.model import citizens
from trappe.model import staircase as staircase_model
from trappe.model.entities import CloseReason, Role, Status
from trappe.ui.citizen_dialog import (
    CitizenDialog,
    CloseCitizenDialog,
    EraseCitizenDialog,
    confirm_erase,
)

# showing windows and popups on the offscreen platform logs these harmless warnings
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _save(qtbot, dialog: CitizenDialog) -> None:
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def _type(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.clear() if hasattr(widget, "clear") else None
    qtbot.keyClicks(widget, text)


def _open(qtbot, store, citizen_id=None) -> CitizenDialog:
    dialog = CitizenDialog(store, citizen_id=citizen_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_create_citizen_with_every_field(qtbot, store):
    staircase_model.ensure_staff(store, "Jens Østergaard", Role.COMPANY_CONSULTANT)
    groups = staircase_model.list_target_groups(store)
    steps = staircase_model.load_staircase(store).steps
    dialog = _open(qtbot, store)
    assert dialog.windowTitle() == "Ny borger"
    assert dialog.start_edit.text() == date.today().strftime("%d-%m-%Y")

    _type(qtbot, dialog.name_edit, "Åse Ærø Søndergård")
    _type(qtbot, dialog.identifier_edit, "010190-1234")
    dialog.group_combo.setCurrentIndex(dialog.group_combo.findText(groups[3].name))
    _type(qtbot, dialog.caseworker_combo.lineEdit(), "Mette Sørensen")  # new colleague
    dialog.consultant_combo.setCurrentIndex(dialog.consultant_combo.findText("Jens Østergaard"))
    _type(qtbot, dialog.start_edit.line, "05-01-2026")
    dialog.goal_step_combo.setCurrentIndex(dialog.goal_step_combo.findData(steps[5].id))
    _type(qtbot, dialog.goal_date_edit.line, "30.06.2027")
    _save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = citizens.get_citizen(store, dialog.citizen.id)
    assert saved == dialog.citizen
    assert saved.name == "Åse Ærø Søndergård"
    assert saved.identifier == "010190-1234"
    assert saved.target_group_id == groups[3].id
    assert saved.start_date == date(2026, 1, 5)
    assert saved.goal_step_id == steps[5].id
    assert saved.goal_date == date(2027, 6, 30)
    staff = {s.id: (s.name, s.role) for s in staircase_model.list_staff(store)}
    assert staff[saved.caseworker_id] == ("Mette Sørensen", Role.CASEWORKER)
    assert staff[saved.consultant_id] == ("Jens Østergaard", Role.COMPANY_CONSULTANT)


def _count(store) -> int:
    return store.scalar("SELECT count(*) FROM citizens")


def test_empty_name_is_refused_next_to_the_field(qtbot, store):
    dialog = _open(qtbot, store)
    _type(qtbot, dialog.identifier_edit, "SAG-2026/17")
    _save(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors.visible_messages() == {"name": "Navnet skal udfyldes."}
    assert dialog.errors.error_for("name").isVisible()
    assert dialog.identifier_edit.text() == "SAG-2026/17"  # nothing typed is lost
    assert _count(store) == 0


def test_invalid_cpr_is_refused_and_fixing_it_saves(qtbot, store):
    dialog = _open(qtbot, store)
    _type(qtbot, dialog.name_edit, "Bo Nielsen")
    _type(qtbot, dialog.identifier_edit, "320190-1234")
    _save(qtbot, dialog)
    messages = dialog.errors.visible_messages()
    assert list(messages) == ["identifier"]
    assert "ikke en gyldig dato" in messages["identifier"]
    assert _count(store) == 0

    _type(qtbot, dialog.identifier_edit, "310190-1234")
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.errors.error_for("identifier").isVisible()
    assert citizens.get_citizen(store, dialog.citizen.id).identifier == "310190-1234"


def test_goal_date_before_start_is_refused_and_adds_no_staff(qtbot, store):
    dialog = _open(qtbot, store)
    _type(qtbot, dialog.name_edit, "Bo Nielsen")
    _type(qtbot, dialog.caseworker_combo.lineEdit(), "Ny Kollega")
    _type(qtbot, dialog.start_edit.line, "01-03-2026")
    _type(qtbot, dialog.goal_date_edit.line, "01-02-2026")
    _save(qtbot, dialog)
    assert dialog.errors.visible_messages() == {
        "goal_date": "Måldatoen kan ikke ligge før startdatoen."
    }
    assert _count(store) == 0
    assert staircase_model.list_staff(store) == []


def test_unreadable_date_is_refused(qtbot, store):
    dialog = _open(qtbot, store)
    _type(qtbot, dialog.name_edit, "Bo Nielsen")
    _type(qtbot, dialog.start_edit.line, "31-02-2026")
    _save(qtbot, dialog)
    messages = dialog.errors.visible_messages()
    assert list(messages) == ["start_date"]
    assert "dd-mm-åååå" in messages["start_date"]
    assert _count(store) == 0


def test_edit_prefills_and_saves_changes_only(qtbot, store, citizen_with_history):
    before = citizens.get_citizen(store, citizen_with_history)
    dialog = _open(qtbot, store, citizen_with_history)
    assert dialog.windowTitle() == "Ret borger"
    assert dialog.name_edit.text() == "Åse Ærø Søndergård"
    assert dialog.identifier_edit.text() == "010190-1234"
    assert dialog.caseworker_combo.currentText() == "Mette Sørensen"
    assert dialog.goal_date_edit.text() == "30-06-2027"
    _type(qtbot, dialog.name_edit, "Åse Ærø Madsen")
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    after = citizens.get_citizen(store, citizen_with_history)
    assert after.name == "Åse Ærø Madsen"
    for field in (
        "identifier",
        "target_group_id",
        "caseworker_id",
        "consultant_id",
        "start_date",
        "goal_step_id",
        "goal_date",
        "current_step_id",
    ):
        assert getattr(after, field) == getattr(before, field), field


def test_close_dialog_returns_reason_date_and_note(qtbot):
    dialog = CloseCitizenDialog("Åse Ærø Søndergård")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.date_edit.text() == date.today().strftime("%d-%m-%Y")
    dialog.reason_combo.setFocus()
    qtbot.keyClick(dialog.reason_combo, Qt.Key.Key_Down)  # Job -> Uddannelse
    _type(qtbot, dialog.date_edit.line, "not a date")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.date_error.isVisible()

    _type(qtbot, dialog.date_edit.line, "15-08-2026")
    _type(qtbot, dialog.note_edit, "Optaget på SOSU-uddannelsen")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.reason() is CloseReason.EDUCATION
    assert dialog.closed_on() == date(2026, 8, 15)
    assert dialog.note() == "Optaget på SOSU-uddannelsen"


def test_close_dialog_saves_and_stays_open_when_the_model_refuses(
    qtbot, store, citizen_with_history
):
    def save(reason: CloseReason, closed_on: date, note: str) -> None:
        citizens.close_citizen(store, citizen_with_history, reason, closed_on, note)

    dialog = CloseCitizenDialog("Åse", save=save)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findData(CloseReason.JOB.value))
    _type(qtbot, dialog.note_edit, "Fastansat hos Brugsen")
    _type(qtbot, dialog.date_edit.line, "01-01-2025")  # before the course started
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "før det startede" in dialog.date_error.text()
    assert dialog.note_edit.toPlainText() == "Fastansat hos Brugsen"
    assert citizens.get_citizen(store, citizen_with_history).status is Status.ACTIVE

    _type(qtbot, dialog.date_edit.line, "01-11-2026")
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    closed = citizens.get_citizen(store, citizen_with_history)
    assert closed.status is Status.CLOSED and closed.closed_reason is CloseReason.JOB
    assert closed.closed_on == date(2026, 11, 1)


def test_erase_needs_the_typed_name(qtbot):
    dialog = EraseCitizenDialog("Åse Ærø Søndergård")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Åse Ærø Søndergård" in dialog.warning.text()
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "Åse Ærø")
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # Enter must not erase
    assert dialog.result() != QDialog.DialogCode.Accepted
    qtbot.keyClicks(dialog.name_edit, " søndergård")  # case does not matter
    assert dialog.erase_button.isEnabled()
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def _answer_modal(qtbot, action) -> None:
    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, run)
            return
        action(dialog)

    QTimer.singleShot(0, run)


def test_confirm_erase_true_only_on_explicit_confirmation(qtbot):
    def confirm(dialog: EraseCitizenDialog) -> None:
        assert "Åse Ærø Søndergård" in dialog.warning.text()
        qtbot.keyClicks(dialog.name_edit, "Åse Ærø Søndergård")
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)

    _answer_modal(qtbot, confirm)
    assert confirm_erase(None, "Åse Ærø Søndergård") is True

    _answer_modal(qtbot, lambda d: qtbot.keyClick(d.name_edit, Qt.Key.Key_Escape))
    assert confirm_erase(None, "Åse Ærø Søndergård") is False


def test_enter_saves_and_escape_cancels(qtbot, store):
    dialog = _open(qtbot, store)
    qtbot.keyClicks(dialog.name_edit, "Bo Nielsen")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert citizens.get_citizen(store, dialog.citizen.id).name == "Bo Nielsen"

    other = _open(qtbot, store)
    qtbot.keyClicks(other.name_edit, "Ikke gemt")
    qtbot.keyClick(other.name_edit, Qt.Key.Key_Escape)
    assert other.result() == QDialog.DialogCode.Rejected
    assert _count(store) == 1


def test_new_citizen_suggests_the_user_as_caseworker(qtbot, store):
    # the store's actor (conftest) is the caseworker Mette Sørensen
    dialog = _open(qtbot, store)
    assert dialog.caseworker_combo.currentText() == "Mette Sørensen"
    assert dialog.consultant_combo.currentText() == ""
    qtbot.keyClicks(dialog.name_edit, "Bo Nielsen")
    _save(qtbot, dialog)
    caseworker = staircase_model.list_staff(store, Role.CASEWORKER)
    assert [s.name for s in caseworker] == ["Mette Sørensen"]
    assert dialog.citizen.caseworker_id == caseworker[0].id
    assert dialog.citizen.consultant_id is None


def test_date_can_be_picked_in_the_calendar(qtbot, store):
    dialog = _open(qtbot, store)
    edit = dialog.goal_date_edit
    edit.line.setFocus()
    qtbot.keyClick(edit.line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert edit.calendar is not None and edit.calendar.isVisible()
    edit.calendar.setSelectedDate(QDate(2027, 6, 30))
    view = edit.calendar.findChild(QTableView)  # the day grid inside the calendar
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert edit.text() == "30-06-2027"
    assert not edit.calendar.isVisible()


def test_typing_a_colleague_in_other_case_picks_the_existing_one(qtbot, store):
    jens = staircase_model.ensure_staff(store, "Jens Østergaard", Role.COMPANY_CONSULTANT)
    dialog = _open(qtbot, store)
    qtbot.keyClicks(dialog.name_edit, "Bo Nielsen")
    _type(qtbot, dialog.consultant_combo.lineEdit(), "jens  østergaard")
    _save(qtbot, dialog)
    assert dialog.citizen.consultant_id == jens.id
    assert len(staircase_model.list_staff(store, Role.COMPANY_CONSULTANT)) == 1


def test_retired_target_group_is_kept_for_its_citizens_only(qtbot, store, citizen_with_history):
    group_id = citizens.get_citizen(store, citizen_with_history).target_group_id
    staircase_model.retire_target_group(store, group_id)
    new = _open(qtbot, store)
    assert new.group_combo.findData(group_id) == -1
    edit = _open(qtbot, store, citizen_with_history)
    assert edit.group_combo.currentData() == group_id
    assert edit.group_combo.currentText().endswith("(udgået)")
    _save(qtbot, edit)
    assert edit.result() == QDialog.DialogCode.Accepted
    assert citizens.get_citizen(store, citizen_with_history).target_group_id == group_id


@pytest.fixture
def announced(monkeypatch) -> list[tuple[str, bool]]:
    """What was announced to screen readers: (text, assertive)."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    said: list[tuple[str, bool]] = []

    def update(event) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            assertive = event.politeness() == QAccessible.AnnouncementPoliteness.Assertive
            said.append((event.message(), assertive))

    monkeypatch.setattr(QAccessible, "updateAccessibility", update)
    return said


def test_a_corrected_cpr_number_clears_its_old_error_at_once(qtbot, store, announced):
    dialog = _open(qtbot, store)
    _type(qtbot, dialog.name_edit, "Bo Nielsen")
    _type(qtbot, dialog.identifier_edit, "320190-1234")
    _save(qtbot, dialog)
    error = dialog.errors.error_for("identifier")
    assert error.isVisible()
    assert announced and "ikke en gyldig dato" in announced[-1][0] and announced[-1][1]
    assert "ikke en gyldig dato" in dialog.identifier_edit.accessibleDescription()
    qtbot.keyClick(dialog.identifier_edit, Qt.Key.Key_Backspace)  # the user corrects it
    assert not error.isVisible() and dialog.identifier_edit.accessibleDescription() == ""


@pytest.mark.parametrize(
    "typed", ["30-06-2027", "30.06.2027", "30/6-2027", "30-6-27", "30062027", "30. jun. 2027"]
)
def test_the_goal_date_reads_what_the_start_date_reads(qtbot, store, typed):
    dialog = _open(qtbot, store)
    _type(qtbot, dialog.name_edit, "Bo Nielsen")
    _type(qtbot, dialog.start_edit.line, typed.replace("30", "01", 1))
    _type(qtbot, dialog.goal_date_edit.line, typed)
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.errors.visible_messages()
    saved = citizens.get_citizen(store, dialog.citizen.id)
    assert saved.goal_date == date(2027, 6, 30) and saved.start_date == date(2027, 6, 1)


def test_a_goal_date_error_is_shown_whole(qtbot, store):
    dialog = _open(qtbot, store)
    _type(qtbot, dialog.name_edit, "Bo Nielsen")
    _type(qtbot, dialog.goal_date_edit.line, "i næste måned")
    _save(qtbot, dialog)
    error = dialog.errors.error_for("goal_date")
    qtbot.waitUntil(lambda: error.isVisible())
    QApplication.processEvents()
    # Wraps over the form's width (not a column under the narrow date field), uncut.
    assert error.width() > dialog.goal_date_edit.width() * 2
    assert error.height() >= error.heightForWidth(error.width())
    assert dialog.goal_date_edit.line.accessibleName() == "Måldato"


def test_fields_wrapped_for_errors_keep_their_label_as_name(qtbot, store):
    dialog = _open(qtbot, store)
    assert dialog.name_edit.accessibleName() == "Navn"
    assert dialog.identifier_edit.accessibleName() == "CPR-nr. / sagsnr."
    assert dialog.start_edit.line.accessibleName() == "Startdato"


def test_enter_in_the_erase_dialog_says_what_is_missing_and_erases_when_typed(qtbot, announced):
    dialog = EraseCitizenDialog("Åse Ærø Søndergård")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # nothing typed yet
    assert dialog.isVisible()  # not cancelled
    assert dialog.hint.isVisible() and "Esc" in dialog.hint.text()
    assert announced[-1][1]  # said aloud, assertively
    qtbot.keyClicks(dialog.name_edit, "åse ærø søndergård")
    assert not dialog.hint.isVisible()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_every_close_reason_is_offered(qtbot):
    dialog = CloseCitizenDialog("Åse")
    qtbot.addWidget(dialog)
    offered = [dialog.reason_combo.itemText(i) for i in range(dialog.reason_combo.count())]
    for reason in ("Fleksjob", "Førtidspension", "Flyttet", "Ressourceforløb afsluttet"):
        assert reason in offered
    assert len(offered) == len(CloseReason)


def test_enter_in_the_close_dialog_closes_the_course(qtbot):
    saved = []
    dialog = CloseCitizenDialog("Åse", save=lambda *args: saved.append(args))
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.date_edit.line, "01-06-2026")
    qtbot.keyClick(dialog.date_edit.line, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert saved and saved[0][1] == date(2026, 6, 1)


def test_colleagues_are_listed_in_danish_order(qtbot, store):
    for name in ("Åse Holm", "Ærø Hansen", "Øssur Berg", "Anna Berg", "Zacharias Bo"):
        staircase_model.ensure_staff(store, name, Role.CASEWORKER)
    dialog = _open(qtbot, store)
    combo = dialog.caseworker_combo
    names = [combo.itemText(i) for i in range(1, combo.count())]
    assert names == ["Anna Berg", "Zacharias Bo", "Ærø Hansen", "Øssur Berg", "Åse Holm"]
