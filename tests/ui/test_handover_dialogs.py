"""The handover dialogs, driven as a user would: write, see the passphrase, erase; read, map a
step, merge or cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from trappe.model import citizens, handover, staircase
from trappe.model.entities import Actor, Role
from trappe.model.errors import NotFoundError
from trappe.model.store import open_store
from trappe.ui.actions import ActionId
from trappe.ui.handover_dialogs import HandoverExportDialog, HandoverImportDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    monkeypatch.setattr("trappe.model.handover_file.SCRYPT", {"n": 2**10, "r": 8, "p": 1})


@pytest.fixture
def receiver(tmp_path: Path):
    s = open_store(tmp_path / "modtager.sqlite", Actor("Jonas Kragh", Role.CASEWORKER))
    yield s
    s.close()


def test_export_shows_the_passphrase_and_can_erase(
    qtbot, store, citizen_with_history, tmp_path, no_message_boxes
):
    dialog = HandoverExportDialog(store, citizen_with_history, "Åse Ærø Søndergård", tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.file.path().name.startswith("overdragelse-Åse-")
    assert dialog.write()
    passphrase = dialog.passphrase.text()
    assert len(passphrase) == 24 and dialog.done_box.isVisibleTo(dialog)
    assert handover.read_handover(dialog.file.path(), passphrase).citizen_name.startswith("Åse")
    dialog.erase.setChecked(True)
    with qtbot.waitSignal(dialog.erased):
        dialog.accept()
    assert [k for k, _ in no_message_boxes] == ["question"]
    with pytest.raises(NotFoundError):
        citizens.get_citizen(store, citizen_with_history)


def test_export_refuses_an_unwritable_place(
    qtbot, store, citizen_with_history, tmp_path, no_message_boxes
):
    dialog = HandoverExportDialog(store, citizen_with_history, "Åse", tmp_path)
    qtbot.addWidget(dialog)
    dialog.file.edit.setText(str(tmp_path / "findes-ikke" / "x.trappe-overdragelse"))
    assert not dialog.write()
    assert no_message_boxes and "kan ikke skrives" in no_message_boxes[-1][1]
    assert citizens.get_citizen(store, citizen_with_history)


def _exported(store, cid, tmp_path):
    return handover.export_handover(store, cid, tmp_path / "f.trappe-overdragelse")


def test_import_with_a_step_to_choose(qtbot, store, citizen_with_history, receiver, tmp_path):
    result = _exported(store, citizen_with_history, tmp_path)
    steps = staircase.load_staircase(receiver).steps
    staircase.update_step(receiver, steps[2].id, title="Virksomhedsbesøg")
    dialog = HandoverImportDialog(receiver, staircase.load_staircase(receiver), tmp_path)
    qtbot.addWidget(dialog)
    dialog.file.edit.setText(str(result.path))
    dialog.passphrase.setText(result.passphrase.lower())
    assert dialog.read()
    assert "Åse Ærø Søndergård" in dialog.summary.text()
    assert "1 trin findes ikke her" in dialog.steps_note.text()
    assert not dialog.import_button.isEnabled()
    row = next(i for i, s in enumerate(dialog.plan.steps) if not s.matched)
    combo = dialog.step_combos[row]
    combo.setCurrentIndex(combo.findData(steps[2].id))
    assert dialog.import_button.isEnabled()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.result_.counts["meetings"] == 3


def test_import_of_an_existing_citizen_asks_merge_or_cancel(
    qtbot, store, citizen_with_history, receiver, tmp_path
):
    result = _exported(store, citizen_with_history, tmp_path)
    handover.import_handover(receiver, handover.read_handover(result.path, result.passphrase))
    again = handover.export_handover(
        store, citizen_with_history, tmp_path / "igen.trappe-overdragelse"
    )
    dialog = HandoverImportDialog(receiver, staircase.load_staircase(receiver), tmp_path)
    qtbot.addWidget(dialog)
    dialog.file.edit.setText(str(again.path))
    dialog.passphrase.setText(again.passphrase)
    assert dialog.read()
    assert dialog.exists_box.isVisibleTo(dialog)
    assert dialog.cancel_choice.isChecked() and not dialog.import_button.isEnabled()
    assert "0 møder" in dialog.merge.text() and "3 findes allerede" in dialog.merge.text()
    dialog.merge.setChecked(True)
    assert dialog.import_button.isEnabled()
    dialog.accept()
    assert dialog.result_.merged and dialog.result_.counts["meetings"] == 0


def test_wrong_passphrase_is_a_message(
    qtbot, store, citizen_with_history, receiver, tmp_path, no_message_boxes
):
    result = _exported(store, citizen_with_history, tmp_path)
    dialog = HandoverImportDialog(receiver, staircase.load_staircase(receiver), tmp_path)
    qtbot.addWidget(dialog)
    dialog.file.edit.setText(str(result.path))
    dialog.passphrase.setText("forkert")
    assert not dialog.read()
    assert "Kodeordet passer ikke" in no_message_boxes[-1][1]
    assert not dialog.details.isVisibleTo(dialog)


def test_the_menu_actions(qtbot, window, citizen_with_history, monkeypatch):
    assert not window.action(ActionId.HANDOVER_EXPORT).isEnabled()  # no citizen shown
    assert window.action(ActionId.HANDOVER_IMPORT).isEnabled()
    window.caseload.select_citizen(citizen_with_history)
    window.show_citizen(citizen_with_history)
    assert window.action(ActionId.HANDOVER_EXPORT).isEnabled()
    opened = []
    monkeypatch.setattr(HandoverExportDialog, "exec", lambda self: opened.append(self) or 0)
    monkeypatch.setattr(HandoverImportDialog, "exec", lambda self: opened.append(self) or 0)
    window.action(ActionId.HANDOVER_EXPORT).trigger()
    window.action(ActionId.HANDOVER_IMPORT).trigger()
    assert [type(d) for d in opened] == [HandoverExportDialog, HandoverImportDialog]
    assert QMessageBox  # the dialogs report through QMessageBox (stubbed in the fixtures)
