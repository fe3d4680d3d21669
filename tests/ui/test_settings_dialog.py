"""The settings dialog: user, municipality, staircase editor and target groups, checked in the
database (or the preferences file) after each click."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QColorDialog, QDialogButtonBox, QInputDialog

from trappe.model import citizens, meetings
from trappe.model import staircase as staircase_model
from trappe.model.entities import Category, CitizenInput, MeetingInput, Role
from trappe.ui import file_dialogs
from trappe.ui import preferences as p
from trappe.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.clear()
    qtbot.keyClicks(widget, text)


@pytest.fixture
def dialog(qtbot, store, prefs) -> SettingsDialog:
    d = SettingsDialog(store, prefs)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def titles(store) -> list[str]:
    return [s.title for s in staircase_model.load_staircase(store).steps]


def list_texts(widget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


# -- staircase ---------------------------------------------------------------------------
def test_list_shows_the_top_step_first(dialog, store):
    editor = dialog.staircase_editor
    assert list_texts(editor.step_list)[0] == "7. Job eller uddannelse"
    assert list_texts(editor.step_list)[-1] == "1. Afklaring"
    assert editor.form.title_edit.text() == "Job eller uddannelse"


def test_rename_and_describe_a_step(qtbot, dialog, store):
    editor = dialog.staircase_editor
    dialog.tabs.setCurrentWidget(editor)
    step = staircase_model.load_staircase(store).steps[0]
    editor.select_step(step.id)
    _type(qtbot, editor.form.title_edit, "Afklaring af helbred")
    _type(qtbot, editor.form.description_edit, "Læge, psykolog og egne ønsker.")
    with qtbot.waitSignal(dialog.changed):
        click(qtbot, editor.save_button)
    saved = staircase_model.get_step(store, step.id)
    assert (saved.title, saved.description) == (
        "Afklaring af helbred",
        "Læge, psykolog og egne ønsker.",
    )
    assert "1. Afklaring af helbred" in list_texts(editor.step_list)


def test_empty_title_is_refused_beside_the_field_and_keeps_the_selection(qtbot, dialog, store):
    editor = dialog.staircase_editor
    step = staircase_model.load_staircase(store).steps[1]
    editor.select_step(step.id)
    _type(qtbot, editor.form.title_edit, "   ")
    editor.step_list.setCurrentRow(0)  # moving away tries to save the edit
    assert editor.form.errors.visible_messages() == {"title": "Trinnets titel skal udfyldes."}
    assert editor.selected_step().id == step.id
    assert staircase_model.get_step(store, step.id).title == "Motivation og ønsker"


def test_switching_step_saves_the_edit(qtbot, dialog, store):
    editor = dialog.staircase_editor
    step = staircase_model.load_staircase(store).steps[1]
    editor.select_step(step.id)
    _type(qtbot, editor.form.title_edit, "Motivation")
    editor.step_list.setCurrentRow(0)
    assert staircase_model.get_step(store, step.id).title == "Motivation"
    assert editor.selected_step().title == "Job eller uddannelse"
    assert editor.form.title_edit.text() == "Job eller uddannelse"


def test_recolour_categorise_and_phase(qtbot, dialog, store, monkeypatch):
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#123abc"))
    editor = dialog.staircase_editor
    stair = staircase_model.load_staircase(store)
    step = stair.steps[2]
    editor.select_step(step.id)
    click(qtbot, editor.form.colour_button)
    assert editor.form.colour_button.text() == "#123abc"
    editor.form.category_combo.setCurrentIndex(
        editor.form.category_combo.findData(Category.COMPANY_ACTIVITY.value)
    )
    editor.form.phase_combo.setCurrentIndex(editor.form.phase_combo.findData(stair.phases[1].id))
    click(qtbot, editor.save_button)
    saved = staircase_model.get_step(store, step.id)
    assert saved.colour == "#123abc"
    assert saved.category is Category.COMPANY_ACTIVITY
    assert saved.phase_id == stair.phases[1].id


def test_add_a_step_and_reorder_it(qtbot, dialog, store):
    editor = dialog.staircase_editor
    third = staircase_model.load_staircase(store).steps[2]
    editor.select_step(third.id)
    click(qtbot, editor.add_button)  # the new step goes just above the selected one
    assert titles(store)[3] == "Nyt trin"
    assert editor.form.title_edit.text() == "Nyt trin"
    _type(qtbot, editor.form.title_edit, "Jobsøgning med støtte")
    qtbot.keyClick(editor.form.title_edit, Qt.Key.Key_Return)  # Enter saves the step
    assert titles(store)[3] == "Jobsøgning med støtte"
    assert len(titles(store)) == 8

    click(qtbot, editor.down_button)
    assert titles(store)[2:4] == ["Jobsøgning med støtte", "Første virksomhedskontakt"]
    click(qtbot, editor.up_button)
    click(qtbot, editor.up_button)
    assert titles(store)[3:5] == ["Virksomhedspraktik", "Jobsøgning med støtte"]
    assert editor.selected_step().title == "Jobsøgning med støtte"


def test_retire_and_restore_a_step(qtbot, dialog, store):
    editor = dialog.staircase_editor
    step = staircase_model.load_staircase(store).steps[4]
    editor.select_step(step.id)
    click(qtbot, editor.retire_button)
    assert staircase_model.get_step(store, step.id).retired
    assert step.title not in titles(store)
    assert list_texts(editor.step_list)[-1] == "Praktik med progression (udgået)"
    assert editor.retire_button.text() == "&Genindsæt"
    assert not editor.up_button.isEnabled()
    click(qtbot, editor.retire_button)
    assert not staircase_model.get_step(store, step.id).retired


def test_a_step_with_citizens_on_it_cannot_retire_or_be_deleted(
    qtbot, dialog, store, no_message_boxes
):
    steps = staircase_model.load_staircase(store).steps
    c = citizens.create_citizen(store, CitizenInput(name="Bo"))
    meetings.record_meeting(
        store, c.id, MeetingInput(held_on=c.start_date, professional_step_id=steps[1].id)
    )
    editor = dialog.staircase_editor
    dialog.tabs.setCurrentWidget(editor)
    editor.reload()
    editor.select_step(steps[1].id)
    click(qtbot, editor.retire_button)
    assert editor.list_error.isVisible()
    assert "aktive borgere står på trinnet" in editor.list_error.text()
    assert not staircase_model.get_step(store, steps[1].id).retired
    click(qtbot, editor.delete_button)
    assert "kan ikke slettes" in editor.list_error.text()
    assert no_message_boxes == []  # refused before asking
    assert staircase_model.get_step(store, steps[1].id).title == steps[1].title


def test_delete_an_unused_step_after_confirmation(qtbot, dialog, store, no_message_boxes):
    editor = dialog.staircase_editor
    click(qtbot, editor.add_button)
    new_id = editor.selected_step().id
    click(qtbot, editor.delete_button)
    assert [kind for kind, _ in no_message_boxes] == ["question"]
    assert staircase_model.load_staircase(store).step(new_id) is None
    assert len(titles(store)) == 7


# -- target groups ---------------------------------------------------------------------------
def group_names(store, include_retired=False) -> list[str]:
    return [
        g.name for g in staircase_model.list_target_groups(store, include_retired=include_retired)
    ]


def test_add_rename_reorder_and_retire_a_target_group(qtbot, dialog, store):
    editor = dialog.target_group_editor
    dialog.tabs.setCurrentWidget(editor)
    _type(qtbot, editor.name_edit, "Unge under 30")
    with qtbot.waitSignal(dialog.changed):
        click(qtbot, editor.add_button)
    assert group_names(store)[-1] == "Unge under 30"
    assert editor.selected().name == "Unge under 30"

    _type(qtbot, editor.name_edit, "Unge under 30 år")
    click(qtbot, editor.rename_button)
    assert group_names(store)[-1] == "Unge under 30 år"

    click(qtbot, editor.up_button)
    assert group_names(store)[-2] == "Unge under 30 år"

    click(qtbot, editor.retire_button)
    assert "Unge under 30 år" not in group_names(store)
    assert "Unge under 30 år" in group_names(store, include_retired=True)
    assert "Unge under 30 år (udgået)" in list_texts(editor.group_list)


def test_duplicate_target_group_is_refused_with_a_message(qtbot, dialog, store):
    editor = dialog.target_group_editor
    dialog.tabs.setCurrentWidget(editor)
    before = group_names(store)
    _type(qtbot, editor.name_edit, before[0])
    click(qtbot, editor.add_button)
    assert editor.error.isVisible() and "findes allerede" in editor.error.text()
    assert group_names(store) == before


# -- user and municipality -------------------------------------------------------------------
def test_user_settings_are_saved_on_close(qtbot, dialog, store, prefs):
    assert dialog.user_name_edit.text() == "Mette Sørensen"
    _type(qtbot, dialog.user_name_edit, "Jens Østergaard")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.COMPANY_CONSULTANT.value))
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    assert "Genstart" in dialog.language_note.text()
    with qtbot.waitSignal(dialog.changed):
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Close))
    assert not dialog.isVisible()
    assert prefs.get(p.USER_NAME) == "Jens Østergaard"
    assert prefs.get(p.USER_ROLE) == "company_consultant"
    assert prefs.get(p.LANGUAGE) == "en"
    assert store.actor.name == "Jens Østergaard"


def test_municipality_name_and_logo(qtbot, dialog, store, tmp_path: Path, monkeypatch):
    dialog.tabs.setCurrentIndex(1)
    _type(qtbot, dialog.municipality_edit, "Nyborg Kommune")
    logo = tmp_path / "logo.png"
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    assert image.save(str(logo))
    monkeypatch.setattr(file_dialogs, "ask_open", lambda *a, **k: logo)
    click(qtbot, dialog.logo_button)
    assert staircase_model.municipality_logo(store) == logo.read_bytes()
    assert not dialog.logo_preview.pixmap().isNull()

    not_an_image = tmp_path / "logo.png.txt"
    not_an_image.write_text("hej")
    monkeypatch.setattr(file_dialogs, "ask_open", lambda *a, **k: not_an_image)
    click(qtbot, dialog.logo_button)
    assert "PNG- eller JPEG" in dialog.logo_error.text()
    assert staircase_model.municipality_logo(store) == logo.read_bytes()

    click(qtbot, dialog.remove_logo_button)
    assert staircase_model.municipality_logo(store) is None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc closes, and saves what was typed
    assert staircase_model.municipality_name(store) == "Nyborg Kommune"


def test_add_and_rename_a_phase(qtbot, dialog, store, monkeypatch):
    editor = dialog.staircase_editor
    dialog.tabs.setCurrentWidget(editor)
    step = staircase_model.load_staircase(store).steps[6]
    editor.select_step(step.id)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Efterværn", True))
    click(qtbot, editor.form.new_phase_button)
    phases = staircase_model.load_staircase(store).phases
    assert phases[-1].title == "Efterværn"
    assert editor.form.phase_combo.currentText() == "Efterværn"
    click(qtbot, editor.save_button)
    assert staircase_model.get_step(store, step.id).phase_id == phases[-1].id

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Efter job", True))
    click(qtbot, editor.form.rename_phase_button)
    assert staircase_model.load_staircase(store).phases[-1].title == "Efter job"
    assert editor.form.phase_combo.currentText() == "Efter job"

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("  ", True))
    click(qtbot, editor.form.rename_phase_button)
    assert editor.form.errors.visible_messages() == {"phase": "Fasens titel skal udfyldes."}


# -- retention and the user's name ---------------------------------------------------------------
def test_retention_period_is_saved_in_the_database(qtbot, dialog, store):
    from trappe.model import retention

    assert dialog.retention_spin.value() == 5
    dialog.retention_spin.setValue(8)
    assert dialog.save()
    assert retention.retention_years(store) == 8


def test_a_user_name_with_an_escape_is_refused_beside_the_field(qtbot, dialog, prefs):
    dialog.user_name_edit.setText("Mette\x1b[31m")
    assert not dialog.save()
    assert "kontroltegn" in dialog.user_name_error.text()
    assert prefs.get(p.USER_NAME) == "Mette Sørensen"


def test_staircase_editor_previews_a_dated_change_and_lists_the_history(qtbot, store):
    from datetime import date

    from trappe.model import citizens, meetings, staircase
    from trappe.model.entities import Category, CitizenInput, MeetingInput
    from trappe.ui.staircase_editor import StaircaseEditor

    step = staircase.load_staircase(store).steps[1]
    c = citizens.create_citizen(store, CitizenInput(name="Ida", start_date=date(2026, 1, 1)))
    meetings.record_meeting(store, c.id, MeetingInput(date(2026, 2, 1), step.id))
    editor = StaircaseEditor(store)
    qtbot.addWidget(editor)
    editor.select_step(step.id)
    editor.effective_edit.set_date(date(2027, 1, 1))
    editor.form.category_combo.setCurrentIndex(
        editor.form.category_combo.findData(Category.COMPANY_ACTIVITY.value)
    )
    assert editor.form.preview_label.text().startswith(
        "Det flytter 1 borger fra «ingen (forberedende)» til «virksomhedsrettet indsats» "
        "fra 01-01-2027"
    )
    assert editor.save_current()
    assert editor.history_list.count() == 1
    assert "01-01-2027" in editor.history_list.item(0).text()
    # the change takes effect from the date: the measure before it is unchanged
    from trappe.model.measures import Measurer

    assert Measurer(store).share(date(2026, 12, 31)).counted == 0
    assert Measurer(store).share(date(2027, 1, 1)).counted == 1
