"""Print preview of the real dialogue-sheet PDF, with printing and saving.

The preview shows the very PDF that ``trappe.sheet`` writes (QtPdf's ``QPdfView``), so what
the user sees is what is printed and saved. Printing sends that PDF itself to the chosen
CUPS queue where the platform prints PDF; elsewhere, or to a file, it renders page images
(``print_to_paper.py``). The audit entry says which (``printed_as``: ``pdf`` or ``image``).
A batch of sheets, one PDF for many citizens, is ``sheet_batch.py``; its names are
re-exported here for the callers written before the split.
"""

from __future__ import annotations

import io
import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QPageLayout, QPageSize
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trappe.model.audit import log_event
from trappe.model.citizens import get_citizen
from trappe.model.errors import TrappeError
from trappe.model.output import audited_output
from trappe.model.store import Store
from trappe.sheet import render_blank_sheet, render_citizen_sheet, suggested_file_name
from trappe.ui import file_dialogs
from trappe.ui.accessibility import announce
from trappe.ui.preferences import LAST_SHEET_FOLDER, MASK_IDENTIFIER_ON_SHEET, Preferences
from trappe.ui.print_to_paper import MAX_PRINT_DPI, cups_client, print_pdf, send_pdf
from trappe.ui.sheet_batch import BatchWorker, ask_batch_path, print_batch
from trappe.ui.sheet_files import start_folder as _start_folder
from trappe.ui.sheet_files import with_pdf_suffix as _with_pdf_suffix

__all__ = [
    "MAX_PRINT_DPI",
    "BatchWorker",
    "PrintPreviewDialog",
    "ask_batch_path",
    "cups_client",
    "print_batch",
    "print_pdf",
    "send_pdf",
]

log = logging.getLogger("trappe.ui.print")


class PrintPreviewDialog(QDialog):
    """The sheet of one citizen (or the blank sheet) with "Udskriv…" and "Gem som PDF…"."""

    saved = Signal(str)
    printed = Signal()

    def __init__(
        self,
        store: Store,
        prefs: Preferences,
        citizen_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.prefs = prefs
        self.citizen_id = citizen_id
        self.pdf_bytes = b""
        self.printer: QPrinter | None = None
        self.print_path: str | None = None  # "pdf" (the PDF to CUPS) or "image" (page images)
        self.setWindowTitle(
            self.tr("Dialogark — udskrift") if citizen_id else self.tr("Blankt dialogark")
        )

        self.document = QPdfDocument(self)
        self._buffer = QBuffer(self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()

        # Zoom: the whole page to see the layout, the page width to read it, or steps between.
        self.whole_page_button = QPushButton(self.tr("&Hele siden"), self)
        self.whole_page_button.setCheckable(True)
        self.page_width_button = QPushButton(self.tr("Side&bredde"), self)
        self.page_width_button.setCheckable(True)
        self.zoom_out_button = QPushButton("−", self)
        self.zoom_out_button.setAccessibleName(self.tr("Zoom ud"))
        self.zoom_out_button.setToolTip(self.tr("Zoom ud (Ctrl+-)"))
        self.zoom_out_button.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut))
        self.zoom_in_button = QPushButton("+", self)
        self.zoom_in_button.setAccessibleName(self.tr("Zoom ind"))
        self.zoom_in_button.setToolTip(self.tr("Zoom ind (Ctrl++)"))
        self.zoom_in_button.setShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn))
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("+") * 4 + 16)
        self.whole_page_button.clicked.connect(lambda: self.set_zoom(QPdfView.ZoomMode.FitInView))
        self.page_width_button.clicked.connect(lambda: self.set_zoom(QPdfView.ZoomMode.FitToWidth))
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(1 / 1.25))
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(1.25))
        self.pages_label = QLabel(self)
        self.pages_label.setObjectName("pages_label")
        zoom_row = QHBoxLayout()
        for widget in (
            self.whole_page_button,
            self.page_width_button,
            self.zoom_out_button,
            self.zoom_in_button,
        ):
            zoom_row.addWidget(widget)
        zoom_row.addStretch(1)
        zoom_row.addWidget(self.pages_label)

        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton(self.tr("Udskriv…"), self)
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.save_button = QPushButton(self.tr("Gem som PDF…"), self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Luk"))
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_sheet)
        self.save_button.clicked.connect(self.save_pdf)

        # A saved PDF is confirmed here, where the user is looking (and said aloud).
        self.saved_label = QLabel(self)
        self.saved_label.setObjectName("saved_label")
        self.saved_label.setWordWrap(True)
        self.saved_label.hide()
        self.saved.connect(self._confirm_saved)

        layout = QVBoxLayout(self)
        layout.addLayout(zoom_row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.saved_label)
        layout.addWidget(buttons)
        self._fit_screen()
        self.render()
        self.set_zoom(QPdfView.ZoomMode.FitInView)

    def _fit_screen(self) -> None:
        """An A4 page's proportions, as tall as the screen allows (a 768 px laptop too)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        height = 940
        if screen is not None:
            height = min(height, screen.availableGeometry().height() - 60)
        self.resize(max(560, round(height * 0.8)), max(420, height))

    # -- zoom ----------------------------------------------------------------------------------
    def set_zoom(self, mode: QPdfView.ZoomMode) -> None:
        self.view.setZoomMode(mode)
        self.whole_page_button.setChecked(mode is QPdfView.ZoomMode.FitInView)
        self.page_width_button.setChecked(mode is QPdfView.ZoomMode.FitToWidth)

    def zoom_by(self, factor: float) -> None:
        """Zoom from what is shown now (a fitted zoom becomes a custom one)."""
        current = self._effective_zoom()
        self.set_zoom(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, current * factor)))

    def _effective_zoom(self) -> float:
        if self.view.zoomMode() is QPdfView.ZoomMode.Custom or self.document.pageCount() == 0:
            return self.view.zoomFactor()
        # QPdfView keeps zoomFactor at its last custom value while fitting: measure instead.
        page = self.document.pagePointSize(0)
        if page.width() <= 0 or page.height() <= 0:
            return 1.0
        scale = self.view.logicalDpiX() / 72.0
        viewport = self.view.viewport()
        to_width = viewport.width() / (page.width() * scale)
        if self.view.zoomMode() is QPdfView.ZoomMode.FitToWidth:
            return to_width
        return min(to_width, viewport.height() / (page.height() * scale))

    # -- rendering ---------------------------------------------------------------------------
    def render(self) -> bool:
        """Render the sheet to memory and show it; on a known error show its message."""
        out = io.BytesIO()
        try:
            if self.citizen_id is None:
                render_blank_sheet(self.store, out, log_action=None)
            else:
                render_citizen_sheet(
                    self.store,
                    self.citizen_id,
                    out,
                    mask_identifier=self.prefs.get(MASK_IDENTIFIER_ON_SHEET),
                    log_action=None,
                )
        except TrappeError as exc:
            self._show_error(exc.message)
            return False
        self.pdf_bytes = out.getvalue()
        self.document.close()
        self._buffer.close()
        self._buffer.setData(QByteArray(self.pdf_bytes))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        ok = self.document.status() == QPdfDocument.Status.Ready
        pages = self.document.pageCount() if ok else 0
        self.pages_label.setText(
            self.tr("1 side") if pages == 1 else self.tr("%1 sider").replace("%1", str(pages))
        )
        self.print_button.setEnabled(ok)
        self.save_button.setEnabled(ok)
        if not ok:
            self._show_error(self.tr("Dialogarket kunne ikke vises."))
        return ok

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.view.hide()
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def _log(self, action: str, extra: dict[str, str] | None = None) -> None:
        details = {"sheet": "dialogark", **(extra or {})}
        if self.citizen_id is None:
            log_event(self.store, action, "blank_sheet", None, details)
        else:
            details["full_identifier"] = not self.prefs.get(MASK_IDENTIFIER_ON_SHEET)
            log_event(self.store, action, "citizen", self.citizen_id, details)

    def suggested_name(self) -> str:
        name = None
        if self.citizen_id is not None:
            try:
                name = get_citizen(self.store, self.citizen_id).name
            except TrappeError:
                name = None
        else:
            name = self.tr("blankt")
        return suggested_file_name(name, date.today())

    # -- saving ------------------------------------------------------------------------------
    def choose_save_path(self, proposal: Path) -> str | None:
        """Ask where to save; tests replace this (or ``file_dialogs.ask_save``)."""
        path = file_dialogs.ask_save_pdf(self, self.tr("Gem dialogark som PDF"), proposal)
        return str(path) if path else None

    def save_pdf(self) -> Path | None:
        if not self.pdf_bytes:
            return None
        chosen = self.choose_save_path(_start_folder(self.prefs) / self.suggested_name())
        if not chosen:
            return None
        path = _with_pdf_suffix(chosen)
        try:
            # The audit row first, then the file is renamed into place (the log before the file).
            with audited_output(self.store, path, lambda: self._log("export")) as fh:
                fh.write(self.pdf_bytes)
        except TrappeError as exc:
            QMessageBox.warning(self, self.tr("Kunne ikke gemme"), exc.message)
            return None
        self.prefs.set(LAST_SHEET_FOLDER, str(path.parent))
        self.saved.emit(str(path))
        return path

    def _confirm_saved(self, path: str) -> None:
        text = self.tr("✓ Dialogarket er gemt som %1").replace("%1", path)
        self.saved_label.setText(text)
        self.saved_label.show()
        announce(self, text)

    # -- printing ----------------------------------------------------------------------------
    def make_printer(self) -> QPrinter:
        if self.printer is None:
            self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            self.printer.setPageOrientation(QPageLayout.Orientation.Portrait)
            self.printer.setFullPage(True)  # the sheet carries its own margins
        # The job title shows in the print queue and the print server's job history, where
        # colleagues and IT can read it: it names the document, never the citizen.
        self.printer.setDocName(self.tr("Trappe dialogark"))
        return self.printer

    def confirm_printer(self, printer: QPrinter) -> bool:
        """The system print dialog; tests replace this."""
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        return dialog.exec() == QDialog.DialogCode.Accepted

    def print_sheet(self) -> bool:
        if not self.pdf_bytes:
            return False
        printer = self.make_printer()
        if not self.confirm_printer(printer):
            return False
        lp = self.cups_client()
        vector = (
            lp is not None
            and printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
            and bool(printer.printerName())
        )
        try:
            if vector:
                send_pdf(self.pdf_bytes, printer, lp)  # type: ignore[arg-type]
            else:
                print_pdf(self.document, printer)
        except TrappeError as exc:
            QMessageBox.warning(self, self.tr("Kunne ikke udskrive"), exc.message)
            return False
        self.print_path = "pdf" if vector else "image"
        log.info("printed as %s", "vector PDF through CUPS" if vector else "600 dpi page images")
        self._log("print", {"printed_as": self.print_path})
        self.printed.emit()
        return True

    def cups_client(self) -> str | None:
        """The CUPS client to send the PDF with (None: render page images); tests replace it."""
        return cups_client()
