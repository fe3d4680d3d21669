"""The print preview dialog, saving, printing, and the batch with a working Cancel."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from trappe.model import audit, citizens, staircase
from trappe.model.entities import CitizenInput, MeetingInput
from trappe.model.meetings import record_meeting
from trappe.ui import file_dialogs
from trappe.ui.preferences import LAST_SHEET_FOLDER, MASK_IDENTIFIER_ON_SHEET, Preferences
from trappe.ui.print_preview import PrintPreviewDialog, print_batch


@pytest.fixture
def prefs(tmp_path: Path) -> Preferences:
    return Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "ud"
    folder.mkdir()
    return folder


def _actions(store, action: str) -> list[audit.AuditEntry]:
    return [e for e in audit.list_entries(store) if e.action == action]


def _text(path: Path) -> str:
    return " ".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


def test_preview_opens_for_a_citizen_without_logging_an_export(
    qtbot, store, prefs, citizen_with_history
):
    dialog = PrintPreviewDialog(store, prefs, citizen_with_history)
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() == 1
    assert dialog.pdf_bytes.startswith(b"%PDF")
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert dialog.error_label.isHidden()
    assert not _actions(store, "export") and not _actions(store, "print")


def test_save_writes_the_pdf_where_chosen_and_logs_it(
    qtbot, store, prefs, citizen_with_history, out_dir, monkeypatch
):
    prefs.set(LAST_SHEET_FOLDER, str(out_dir))
    proposals = []

    def fake_dialog(parent, title, proposal, filters, default_suffix=""):
        proposals.append(proposal)
        return out_dir / "ark"  # no suffix: ".pdf" is added

    monkeypatch.setattr(file_dialogs, "ask_save", fake_dialog)
    dialog = PrintPreviewDialog(store, prefs, citizen_with_history)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = out_dir / "ark.pdf"
    assert saved.read_bytes() == dialog.pdf_bytes
    assert "Åse Ærø Søndergård" in _text(saved)
    assert Path(proposals[0]).parent == out_dir
    assert Path(proposals[0]).name.startswith("Dialogark Åse Ærø Søndergård ")
    entries = _actions(store, "export")
    assert [(e.object_type, e.object_id) for e in entries] == [("citizen", citizen_with_history)]
    assert prefs.get(LAST_SHEET_FOLDER) == str(out_dir)
    # A clear confirmation where the user looks, naming the file.
    assert not dialog.saved_label.isHidden() and str(saved) in dialog.saved_label.text()


def test_cancelled_save_writes_and_logs_nothing(
    qtbot, store, prefs, citizen_with_history, out_dir, monkeypatch
):
    monkeypatch.setattr(file_dialogs, "ask_save", lambda *a: None)
    dialog = PrintPreviewDialog(store, prefs, citizen_with_history)
    qtbot.addWidget(dialog)
    assert dialog.save_pdf() is None
    assert not _actions(store, "export")
    assert list(out_dir.iterdir()) == []


def test_save_failure_shows_danish_message(
    qtbot, store, prefs, citizen_with_history, tmp_path, monkeypatch
):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warnings.append(a)))
    dialog = PrintPreviewDialog(store, prefs, citizen_with_history)
    qtbot.addWidget(dialog)
    dialog.choose_save_path = lambda proposal: str(tmp_path / "findes-ikke" / "ark.pdf")
    assert dialog.save_pdf() is None
    assert "kunne ikke gemmes" in warnings[0][2]
    assert not _actions(store, "export")


def test_print_renders_pages_onto_the_printer_and_logs_it(
    qtbot, store, prefs, citizen_with_history, out_dir, monkeypatch
):
    dialog = PrintPreviewDialog(store, prefs, citizen_with_history)
    qtbot.addWidget(dialog)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out_dir / "printed.pdf"))
    printer.setResolution(100)
    printer.setFullPage(True)
    monkeypatch.setattr(dialog, "make_printer", lambda: printer)
    asked = []
    monkeypatch.setattr(dialog, "confirm_printer", lambda p: asked.append(p) or True)
    with qtbot.waitSignal(dialog.printed):
        assert dialog.print_sheet()
    assert asked == [printer]
    printed = pypdf.PdfReader(out_dir / "printed.pdf")
    assert len(printed.pages) == 1
    assert printed.pages[0]["/Resources"]["/XObject"]  # the rendered page image
    assert [e.object_id for e in _actions(store, "print")] == [citizen_with_history]


def test_print_sends_the_vector_pdf_to_a_cups_queue(
    qtbot, store, prefs, citizen_with_history, tmp_path, monkeypatch
):
    """Where CUPS takes PDF the sheet goes to the queue as the PDF itself (text selectable)."""
    received = tmp_path / "job.pdf"
    args_file = tmp_path / "args.txt"
    lp = tmp_path / "lp"
    lp.write_text(f'#!/bin/sh\necho "$@" > {args_file}\ncat > {received}\n')
    lp.chmod(0o755)
    dialog = PrintPreviewDialog(store, prefs, citizen_with_history)
    qtbot.addWidget(dialog)
    printer = QPrinter()
    printer.setPrinterName("Kontorprinter")
    monkeypatch.setattr(printer, "printerName", lambda: "Kontorprinter")
    monkeypatch.setattr(printer, "outputFormat", lambda: QPrinter.OutputFormat.NativeFormat)
    dialog.printer = printer  # make_printer keeps it and gives it the job's title
    monkeypatch.setattr(dialog, "confirm_printer", lambda p: True)
    monkeypatch.setattr(dialog, "cups_client", lambda: str(lp))
    assert dialog.print_sheet()
    assert dialog.print_path == "pdf"
    assert received.read_bytes() == dialog.pdf_bytes
    args = args_file.read_text()
    assert "-d Kontorprinter" in args
    # The queue's job title names the document, not the citizen (queues are shared).
    assert "-t Trappe dialogark" in args and "Åse" not in args
    assert "Åse" in pypdf.PdfReader(received).pages[0].extract_text()
    entry = _actions(store, "print")[0]
    assert entry.details["printed_as"] == "pdf"


def test_print_cancelled_in_the_dialog_logs_nothing(
    qtbot, store, prefs, citizen_with_history, monkeypatch
):
    dialog = PrintPreviewDialog(store, prefs, citizen_with_history)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "confirm_printer", lambda p: False)
    assert not dialog.print_sheet()
    assert not _actions(store, "print")


def test_blank_sheet_preview(qtbot, store, prefs):
    dialog = PrintPreviewDialog(store, prefs, None)
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() == 1
    assert dialog.suggested_name().startswith("Dialogark blankt ")


def test_unknown_citizen_shows_the_error_instead_of_crashing(qtbot, store, prefs):
    dialog = PrintPreviewDialog(store, prefs, 4242)
    qtbot.addWidget(dialog)
    assert not dialog.error_label.isHidden()
    assert "Borgeren findes ikke" in dialog.error_label.text()
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()


def _citizens(store, n: int) -> list[int]:
    step = staircase.load_staircase(store).steps[0].id
    ids = []
    for i in range(n):
        c = citizens.create_citizen(store, CitizenInput(name=f"Borger Ærø {i}"))
        record_meeting(store, c.id, MeetingInput(held_on=c.start_date, professional_step_id=step))
        ids.append(c.id)
    return ids


def test_batch_writes_one_pdf_and_remembers_the_folder(qtbot, store, prefs, out_dir):
    ids = _citizens(store, 3)
    target = out_dir / "uge.pdf"
    result = print_batch(None, store, prefs, ids, ask_path=lambda parent, proposal: str(target))
    assert result == target
    assert len(pypdf.PdfReader(target).pages) == 3
    assert sorted(e.object_id for e in _actions(store, "export")) == sorted(ids)
    assert prefs.get(LAST_SHEET_FOLDER) == str(out_dir)


def test_batch_cancel_leaves_no_file(qtbot, store, prefs, out_dir):
    ids = _citizens(store, 3)
    target = out_dir / "uge.pdf"
    dialogs = []

    def press_cancel(dialog):
        dialogs.append(dialog)
        dialog.canceled.emit()  # what the Cancel button does

    result = print_batch(
        None,
        store,
        prefs,
        ids,
        ask_path=lambda parent, proposal: str(target),
        on_progress_dialog=press_cancel,
    )
    assert result is None
    assert dialogs
    assert list(out_dir.iterdir()) == []  # no PDF, no partial file
    assert not _actions(store, "export")
    assert prefs.get(LAST_SHEET_FOLDER) == ""


def test_batch_error_is_shown_in_danish(qtbot, store, prefs, out_dir, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warnings.append(a)))
    result = print_batch(
        None, store, prefs, [999], ask_path=lambda parent, proposal: str(out_dir / "x.pdf")
    )
    assert result is None
    assert "Borgeren findes ikke" in warnings[0][2]
    assert list(out_dir.iterdir()) == []


def test_batch_file_dialog_cancelled(qtbot, store, prefs):
    ids = _citizens(store, 1)
    assert print_batch(None, store, prefs, ids, ask_path=lambda parent, proposal: None) is None
    assert print_batch(None, store, prefs, []) is None


def test_preview_follows_the_identifier_preference(qtbot, store, prefs, citizen_with_history):
    def shown_text() -> str:
        dialog = PrintPreviewDialog(store, prefs, citizen_with_history)
        qtbot.addWidget(dialog)
        return pypdf.PdfReader(io.BytesIO(dialog.pdf_bytes)).pages[0].extract_text()

    assert "010190-****" in shown_text()
    prefs.set(MASK_IDENTIFIER_ON_SHEET, False)
    assert "010190-1234" in shown_text()


def test_batch_proposes_a_file_name_with_the_count_in_the_last_folder(qtbot, store, prefs, out_dir):
    prefs.set(LAST_SHEET_FOLDER, str(out_dir))
    ids = _citizens(store, 2)
    proposals = []
    print_batch(None, store, prefs, ids, ask_path=lambda p, proposal: proposals.append(proposal))
    assert proposals[0].parent == out_dir
    assert proposals[0].name.startswith("Dialogark 2 borgere ")


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_preview_shows_the_page_count_and_zooms(qtbot, store, prefs, citizen_with_history):
    from PySide6.QtPdfWidgets import QPdfView

    dialog = PrintPreviewDialog(store, prefs, citizen_with_history)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= screen.height()
    assert dialog.pages_label.text() == "1 side"
    assert dialog.view.zoomMode() is QPdfView.ZoomMode.FitInView
    assert dialog.whole_page_button.isChecked()

    qtbot.mouseClick(dialog.page_width_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoomMode() is QPdfView.ZoomMode.FitToWidth
    assert dialog.page_width_button.isChecked() and not dialog.whole_page_button.isChecked()
    fitted = dialog._effective_zoom()
    qtbot.mouseClick(dialog.zoom_in_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoomMode() is QPdfView.ZoomMode.Custom
    assert dialog.view.zoomFactor() == pytest.approx(fitted * 1.25)
    qtbot.mouseClick(dialog.zoom_out_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.zoom_out_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoomFactor() == pytest.approx(fitted / 1.25)
    assert not dialog.page_width_button.isChecked()
