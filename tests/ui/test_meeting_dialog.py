"""The meeting dialog, filled in as a user would; its input is then saved through the model."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from trappe.model import citizens, meetings
from trappe.model import staircase as staircase_model
from trappe.model.entities import CitizenInput, CloseReason, Responsible
from trappe.ui.meeting_dialog import MeetingDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _dmy(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def _type(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.clear()
    qtbot.keyClicks(widget, text)


def _save(qtbot, dialog: MeetingDialog) -> None:
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def _open(qtbot, store, citizen_id, meeting=None) -> MeetingDialog:
    dialog = MeetingDialog(store, citizen_id, meeting=meeting)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def new_citizen(store) -> int:
    # Well into the course: the default interval is six weeks (four in the first months).
    start = date(2025, 1, 6)
    return citizens.create_citizen(store, CitizenInput(name="Bo Nielsen", start_date=start)).id


def test_record_meeting_with_two_agreements_and_an_activity(qtbot, store, new_citizen):
    steps = staircase_model.load_staircase(store).steps
    dialog = _open(qtbot, store, new_citizen)
    assert dialog.held_on_edit.text() == _dmy(date.today())
    assert dialog.next_edit.text() == _dmy(date.today() + timedelta(weeks=6))
    assert dialog.citizen_combo.currentText() == "ikke angivet"

    _type(qtbot, dialog.held_on_edit.line, "02-03-2026")
    assert dialog.next_edit.text() == "13-04-2026"  # the suggestion follows the date
    _type(qtbot, dialog.participants_edit, "Bo, Mette (sagsbehandler), Jens")
    dialog.professional_combo.setCurrentIndex(dialog.professional_combo.findData(steps[2].id))
    dialog.citizen_combo.setCurrentIndex(dialog.citizen_combo.findData(steps[3].id))
    _type(qtbot, dialog.caseworker_note, "God samtale om praktik.")
    _type(qtbot, dialog.consultant_note, "Kontakt til Føtex.")

    qtbot.mouseClick(dialog.agreements.add_button, Qt.MouseButton.LeftButton)
    first = dialog.agreements.rows[0]
    assert first.due_edit.text() == "13-04-2026"  # defaults to the next meeting
    qtbot.keyClicks(first.what_edit, "Ringe til Føtex")
    first.who_combo.setCurrentIndex(first.who_combo.findData(Responsible.COMPANY_CONSULTANT.value))
    _type(qtbot, first.due_edit.line, "16-03-2026")
    qtbot.mouseClick(dialog.agreements.add_button, Qt.MouseButton.LeftButton)
    second = dialog.agreements.rows[1]
    qtbot.keyClicks(second.what_edit, "Tale med mentor")
    second.who_combo.setCurrentIndex(second.who_combo.findData(Responsible.OTHER.value))
    assert second.other_edit.isVisible()
    qtbot.keyClicks(second.other_edit, "Mentor Lis")
    # a row added and left as it came (only the suggested due date) is ignored
    qtbot.mouseClick(dialog.agreements.add_button, Qt.MouseButton.LeftButton)
    assert dialog.agreements.rows[2].due_edit.text() == "13-04-2026"

    qtbot.mouseClick(dialog.activities.add_button, Qt.MouseButton.LeftButton)
    activity = dialog.activities.rows[0]
    qtbot.keyClicks(activity.kind_combo.lineEdit(), "Virksomhedspraktik")
    qtbot.keyClicks(activity.description_edit, "Lager")
    qtbot.keyClicks(activity.company_edit, "Føtex Nyborg")
    qtbot.keyClicks(activity.hours_edit, "7,5")
    _save(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    data = dialog.meeting_input()
    meeting = meetings.record_meeting(store, new_citizen, data)
    assert meeting.held_on == date(2026, 3, 2)
    assert meeting.next_meeting_on == date(2026, 4, 13)
    assert meeting.participants == "Bo, Mette (sagsbehandler), Jens"
    assert meeting.professional_step_id == steps[2].id
    assert meeting.citizen_step_id == steps[3].id
    assert meeting.caseworker_note == "God samtale om praktik."
    assert meeting.consultant_note == "Kontakt til Føtex."
    assert [(a.what, a.responsible, a.responsible_other, a.due_on) for a in meeting.agreements] == [
        ("Ringe til Føtex", Responsible.COMPANY_CONSULTANT, "", date(2026, 3, 16)),
        ("Tale med mentor", Responsible.OTHER, "Mentor Lis", date(2026, 4, 13)),
    ]
    assert [(a.kind, a.description, a.company, a.hours_per_week) for a in meeting.activities] == [
        ("Virksomhedspraktik", "Lager", "Føtex Nyborg", 7.5)
    ]
    assert store.scalar("SELECT count(*) FROM agreements WHERE citizen_id=?", (new_citizen,)) == 2
    assert citizens.get_citizen(store, new_citizen).current_step_id == steps[2].id


def test_next_meeting_before_the_meeting_is_refused_beside_the_field(qtbot, store, new_citizen):
    dialog = _open(qtbot, store, new_citizen)
    dialog.professional_combo.setCurrentIndex(1)
    _type(qtbot, dialog.held_on_edit.line, "02-03-2026")
    _type(qtbot, dialog.next_edit.line, "01-03-2026")
    _type(qtbot, dialog.participants_edit, "Bo og Mette")
    qtbot.mouseClick(dialog.agreements.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.agreements.rows[0].what_edit, "Søge tre job")
    _save(qtbot, dialog)

    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors.visible_messages() == {
        "held_on": "Næste samtale skal ligge efter mødet.",
        "next_meeting_on": "Næste samtale skal ligge efter mødet.",
    }  # the two dates share the line under them
    assert dialog.errors.error_for("next_meeting_on").isVisible()
    with pytest.raises(RuntimeError):
        dialog.meeting_input()
    # nothing typed is lost, and correcting the date saves
    assert dialog.participants_edit.text() == "Bo og Mette"
    assert dialog.agreements.rows[0].what_edit.text() == "Søge tre job"
    _type(qtbot, dialog.next_edit.line, "13-04-2026")
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.meeting_input().next_meeting_on == date(2026, 4, 13)


def test_row_errors_show_in_their_row(qtbot, store, new_citizen):
    dialog = _open(qtbot, store, new_citizen)
    dialog.professional_combo.setCurrentIndex(1)
    qtbot.mouseClick(dialog.agreements.add_button, Qt.MouseButton.LeftButton)
    row = dialog.agreements.rows[0]
    row.who_combo.setCurrentIndex(row.who_combo.findData(Responsible.OTHER.value))
    qtbot.keyClicks(row.other_edit, "Lis")  # who, but not what
    _save(qtbot, dialog)
    assert row.error.isVisible() and row.error.text() == "Aftale 1: hvad skal udfyldes."

    qtbot.keyClicks(row.what_edit, "Møde op")
    qtbot.mouseClick(dialog.activities.add_button, Qt.MouseButton.LeftButton)
    activity = dialog.activities.rows[0]
    qtbot.keyClicks(activity.kind_combo.lineEdit(), "Mentor")
    qtbot.keyClicks(activity.hours_edit, "mange")
    _save(qtbot, dialog)
    assert not row.error.isVisible()
    assert activity.error.isVisible() and "skal være et tal" in activity.error.text()

    qtbot.mouseClick(activity.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.activities.rows == []
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.meeting_input().activities == []


def test_a_placement_by_the_professionals_is_required(qtbot, store, new_citizen):
    dialog = _open(qtbot, store, new_citizen)
    assert dialog.professional_combo.step_id() is None  # a new citizen stands nowhere yet
    _save(qtbot, dialog)
    assert list(dialog.errors.visible_messages()) == ["professional_step_id"]
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_new_meeting_starts_from_the_current_placement_and_activities(
    qtbot, store, citizen_with_history
):
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    dialog = _open(qtbot, store, citizen_with_history)
    assert dialog.professional_combo.step_id() == record.citizen.current_step_id
    assert dialog.citizen_combo.step_id() is None  # the citizen is asked anew
    assert [r.kind_combo.currentText() for r in dialog.activities.rows] == [
        "Virksomhedspraktik",
        "Sundhedsfaglig støtte",
    ]
    assert dialog.agreements.rows == []


def test_editing_prefills_and_keeps_done_agreements(qtbot, store, citizen_with_history):
    meeting = citizens.load_meetings(store, citizen_with_history)[-1]
    done = meetings.set_agreement_done(store, meeting.agreements[1].id, date(2026, 5, 30))
    meeting = meetings.get_meeting(store, meeting.id)
    dialog = _open(qtbot, store, citizen_with_history, meeting)
    assert dialog.held_on_edit.text() == "04-05-2026"
    assert dialog.next_edit.text() == "15-06-2026"
    assert dialog.participants_edit.text() == "Åse, Mette, Jens"
    assert dialog.consultant_note.toPlainText() == "Praktikken hos Brugsen stoppede; ny plan."
    assert dialog.professional_combo.step_id() == meeting.professional_step_id
    assert dialog.citizen_combo.step_id() == meeting.citizen_step_id
    assert [r.what_edit.text() for r in dialog.agreements.rows] == [
        "Besøge Føtex og aftale opstart",
        "Møde op tirsdag og torsdag",
    ]
    assert len(dialog.activities.rows) == 2

    # the held-on date changes; the stored next meeting is not replaced by a suggestion
    _type(qtbot, dialog.held_on_edit.line, "05-05-2026")
    assert dialog.next_edit.text() == "15-06-2026"
    qtbot.mouseClick(dialog.agreements.rows[0].remove_button, Qt.MouseButton.LeftButton)
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    updated = meetings.update_meeting(store, meeting.id, dialog.meeting_input())
    assert updated.held_on == date(2026, 5, 5)
    assert [(a.what, a.done_on) for a in updated.agreements] == [
        ("Møde op tirsdag og torsdag", done.done_on)
    ]


def test_keyboard_tab_order_enter_and_escape(qtbot, store, citizen_with_history):
    dialog = _open(qtbot, store, citizen_with_history)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.mouseClick(dialog.agreements.add_button, Qt.MouseButton.LeftButton)
    row = dialog.agreements.rows[0]
    assert row.what_edit.hasFocus()  # a new agreement row takes the focus
    expected = [
        dialog.held_on_edit.line,
        dialog.next_edit.line,
        dialog.participants_edit,
        dialog.professional_combo,
        dialog.citizen_combo,
        dialog.caseworker_note,
        dialog.consultant_note,
        row.what_edit,
        row.who_combo,
    ]
    dialog.held_on_edit.line.setFocus()
    visited = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited == expected

    qtbot.keyClicks(row.what_edit, "Søge to job")
    qtbot.keyClick(row.what_edit, Qt.Key.Key_Return)  # Enter saves the meeting
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [a.what for a in dialog.meeting_input().agreements] == ["Søge to job"]

    other = _open(qtbot, store, citizen_with_history)
    qtbot.keyClick(other.participants_edit, Qt.Key.Key_Escape)
    assert other.result() == QDialog.DialogCode.Rejected and not other.isVisible()


def test_reminder_of_the_current_placements_and_numbered_rows(qtbot, store, citizen_with_history):
    dialog = _open(qtbot, store, citizen_with_history)
    assert dialog.placement_hint.text() == (
        "Nu: fagpersonerne 2. Motivation og ønsker (siden 04-05-2026)\n"
        "Borgeren selv: 3. Første virksomhedskontakt"
    )
    # Never wider than the dialog: no horizontal scroll bar in the form.
    assert not dialog.scroll.horizontalScrollBar().isVisible()
    first = dialog.add_agreement()
    second = dialog.add_agreement()
    assert second.due_edit.line.accessibleName() == "Frist for aftale 2"
    dialog.agreements.remove_row(first)
    assert second.due_edit.line.accessibleName() == "Frist for aftale 1"


def test_a_closed_course_cannot_get_a_new_meeting(qtbot, store, citizen_with_history):
    citizens.close_citizen(store, citizen_with_history, CloseReason.JOB, date(2026, 6, 1))
    dialog = _open(qtbot, store, citizen_with_history)
    _save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.general_error.isVisible()
    assert dialog.general_error.text() == meetings.CLOSED_COURSE  # the model's words


def test_the_next_meeting_follows_the_target_groups_interval(qtbot, store):
    from trappe.model import intervals

    group = staircase_model.list_target_groups(store)[2]
    intervals.set_interval(store, group.id, 8)
    cid = citizens.create_citizen(
        store, CitizenInput(name="Bo", target_group_id=group.id, start_date=date(2026, 1, 5))
    ).id
    dialog = _open(qtbot, store, cid)
    _type(qtbot, dialog.held_on_edit.line, "02-03-2026")
    assert dialog.next_edit.text() == "27-04-2026"  # eight weeks for this group
    new = citizens.create_citizen(store, CitizenInput(name="Al", start_date=date(2026, 2, 2)))
    dialog = _open(qtbot, store, new.id)
    _type(qtbot, dialog.held_on_edit.line, "02-03-2026")
    assert dialog.next_edit.text() == "30-03-2026"  # four weeks early in the course


# -- the model's words beside the field (validation lives only in the model) --------------------
def _models_message(store, **fields) -> str:
    """What ``meetings.validate_meeting`` says about an input (the dialog must say the same)."""
    from trappe.model.entities import MeetingInput
    from trappe.model.errors import ValidationError

    steps = staircase_model.load_staircase(store).steps
    data = {"held_on": date(2026, 3, 2), "professional_step_id": steps[0].id, **fields}
    with pytest.raises(ValidationError) as refused:
        meetings.validate_meeting(store, MeetingInput(**data))
    return refused.value.message


def test_an_empty_meeting_date_gets_the_models_message_beside_it(qtbot, store, new_citizen):
    dialog = _open(qtbot, store, new_citizen)
    dialog.professional_combo.setCurrentIndex(1)
    dialog.held_on_edit.line.clear()
    _save(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors.visible_messages()["held_on"] == _models_message(store, held_on=None)
    assert dialog.errors.error_for("held_on").isVisible()


def test_hours_and_notes_are_refused_in_the_models_words(qtbot, store, new_citizen):
    from trappe.model.entities import Activity
    from trappe.model.validation import NOTE_MAX

    dialog = _open(qtbot, store, new_citizen)
    dialog.professional_combo.setCurrentIndex(1)
    qtbot.mouseClick(dialog.activities.add_button, Qt.MouseButton.LeftButton)
    activity = dialog.activities.rows[0]
    qtbot.keyClicks(activity.kind_combo.lineEdit(), "Mentor")
    qtbot.keyClicks(activity.hours_edit, "90")
    _save(qtbot, dialog)
    assert activity.error.isVisible()
    assert activity.error.text() == _models_message(
        store, activities=[Activity("Mentor", hours_per_week=90.0)]
    )

    _type(qtbot, activity.hours_edit, "7,5")
    long_note = "x" * (NOTE_MAX + 1)
    dialog.caseworker_note.setPlainText(long_note)
    _save(qtbot, dialog)
    assert not activity.error.isVisible()
    assert dialog.errors.visible_messages() == {
        "caseworker_note": _models_message(store, caseworker_note=long_note)
    }
    dialog.caseworker_note.setPlainText("Kort notat.")
    _save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.meeting_input().activities[0].hours_per_week == 7.5


def test_the_meeting_forms_hold_no_rules_of_their_own():
    """No check in the meeting forms raises a refusal of its own: the words come from the
    model (reading typed text into a date or number is done by model functions too)."""
    import inspect

    from trappe.ui import meeting_dialog, meeting_fields, meeting_rows

    for module in (meeting_dialog, meeting_fields, meeting_rows):
        source = inspect.getsource(module)
        assert "raise ValidationError" not in source, module.__name__
        assert "raise TrappeError" not in source, module.__name__
