"""Borger → Udlevér data…: PDF and JSON into a chosen folder, logged."""

from __future__ import annotations

import json
from datetime import date

from trappe.model import audit
from trappe.ui.data_export_dialog import DataExportDialog


def test_writes_both_files_into_the_chosen_folder(
    qtbot, tmp_path, store, citizen_with_history, prefs
):
    folder = tmp_path / "ud"
    folder.mkdir()
    dialog = DataExportDialog(
        store,
        citizen_with_history,
        prefs,
        choose_folder=lambda *_: str(folder),
        today=lambda: date(2026, 6, 1),
    )
    qtbot.addWidget(dialog)
    assert dialog.name_edit.text() == "Indsigt Åse Ærø Søndergård 01-06-2026"
    dialog.pick_folder()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    pdf = folder / "Indsigt Åse Ærø Søndergård 01-06-2026.pdf"
    js = pdf.with_suffix(".json")
    assert dialog.written == [pdf, js]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert json.loads(js.read_text(encoding="utf-8"))["access_log"]
    e = audit.list_entries(store, object_type="citizen")[0]
    assert e.action == "export" and e.details["format"] == "pdf+json"


def test_only_json_and_a_missing_folder(qtbot, tmp_path, store, citizen_with_history, prefs):
    dialog = DataExportDialog(store, citizen_with_history, prefs)
    qtbot.addWidget(dialog)
    dialog.pdf_check.setChecked(False)
    dialog.folder_edit.setText(str(tmp_path / "nowhere"))
    dialog.accept()
    assert "Mappen findes ikke" in dialog.error.text()
    dialog.folder_edit.setText(str(tmp_path))
    dialog.accept()
    assert [p.suffix for p in dialog.written] == [".json"]
    dialog.json_check.setChecked(False)
    assert not dialog.save_button.isEnabled()


def test_an_existing_file_is_replaced_only_when_confirmed(
    qtbot, tmp_path, store, citizen_with_history, prefs, no_message_boxes
):
    dialog = DataExportDialog(store, citizen_with_history, prefs, today=lambda: date(2026, 6, 1))
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(tmp_path))
    dialog.json_check.setChecked(False)
    (tmp_path / "Indsigt Åse Ærø Søndergård 01-06-2026.pdf").write_text("old")
    dialog.accept()  # the stub answers Yes
    assert no_message_boxes[0][0] == "question"
    assert dialog.written and dialog.written[0].read_bytes().startswith(b"%PDF")
