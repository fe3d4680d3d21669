"""Print preview of the real dialogue-sheet PDF, printing, saving, and batch export.

The preview shows the very PDF that ``trappe.sheet`` writes (QtPdf's ``QPdfView``), so what
the user sees is what is printed and saved. Printing sends that PDF itself to the chosen
CUPS queue where the platform prints PDF (``lp`` on Linux and macOS); elsewhere, or to a
file, it renders each page with ``QPdfDocument.render`` (at most 600 dpi) onto the
``QPrinter``. The audit entry says which (``printed_as``: ``pdf`` or ``image``).

The batch runs in a worker ``QThread`` that opens its own store (SQLite connections belong
to the thread that made them). Rendering a thousand sheets takes a while; a thread keeps the
window responsive and the Cancel button immediate, without the re-entrancy hazards of calling
``processEvents`` from inside the render loop. The worker checks a thread-safe flag between
sheets; a cancelled batch writes no file (``trappe.sheet`` renames the output into place
only when it is complete).
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEventLoop,
    QIODevice,
    QRectF,
    QSize,
    Qt,
    QThread,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trappe.model.audit import log_event
from trappe.model.cipher_key import CipherKey
from trappe.model.citizens import get_citizen
from trappe.model.entities import Actor
from trappe.model.errors import TrappeError
from trappe.model.output import audited_output
from trappe.model.store import Store, open_store
from trappe.sheet import (
    SheetCancelled,
    render_batch,
    render_blank_sheet,
    render_citizen_sheet,
    suggested_file_name,
)
from trappe.ui import file_dialogs
from trappe.ui.accessibility import announce
from trappe.ui.preferences import LAST_SHEET_FOLDER, MASK_IDENTIFIER_ON_SHEET, Preferences

log = logging.getLogger("trappe.ui.print")

MAX_PRINT_DPI = 600  # a 600 dpi A4 page is a 140 MB image; more gains nothing on paper


def _start_folder(prefs: Preferences) -> Path:
    return file_dialogs.start_folder(prefs.get(LAST_SHEET_FOLDER))


def _with_pdf_suffix(path: str) -> Path:
    return Path(path if path.lower().endswith(".pdf") else path + ".pdf")


def cups_client() -> str | None:
    """CUPS's ``lp`` where the platform prints PDF itself (Linux, macOS); else None."""
    if sys.platform.startswith(("linux", "darwin")):
        return shutil.which("lp")
    return None


def send_pdf(pdf: bytes, printer: QPrinter, lp: str) -> None:
    """Hand the vector PDF itself to the printer's CUPS queue (text stays text, a page is a
    few kilobytes instead of a 600 dpi image)."""
    args = [lp, "-d", printer.printerName(), "-n", str(max(1, printer.copyCount()))]
    if printer.docName():
        args += ["-t", printer.docName()]
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        args += ["-P", f"{printer.fromPage()}-{max(printer.fromPage(), printer.toPage())}"]
    try:
        subprocess.run(args, input=pdf, capture_output=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        raise TrappeError(
            "Printeren tog ikke imod dialogarket. Tjek printeren, og prøv igen. "
            + detail.decode(errors="replace").strip()[:200]
        ) from exc


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Render every page (or the chosen range) onto ``printer``; return pages printed."""
    count = document.pageCount()
    first, last = 0, count - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(0, printer.fromPage() - 1)
        last = min(count - 1, printer.toPage() - 1 if printer.toPage() > 0 else count - 1)
    painter = QPainter()
    if not painter.begin(printer):
        raise TrappeError("Printeren kunne ikke startes. Tjek printeren, og prøv igen.")
    printed = 0
    try:
        dpi = max(72, min(printer.resolution(), MAX_PRINT_DPI))
        device_scale = printer.resolution() / dpi
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        for i in range(first, last + 1):
            if printed:
                printer.newPage()
            points = document.pagePointSize(i)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(i, size)
            # Draw the page at its true size (scaled down only if the paper is smaller).
            w, h = size.width() * device_scale, size.height() * device_scale
            fit = min(1.0, paper.width() / w, paper.height() / h)
            target = QRectF(
                (paper.width() - w * fit) / 2, (paper.height() - h * fit) / 2, w * fit, h * fit
            )
            painter.drawImage(target, image)
            printed += 1
    finally:
        painter.end()
    return printed


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


# -- a batch ---------------------------------------------------------------------------------
class BatchWorker(QThread):
    """Renders a batch with its own store; ``cancel()`` is safe to call from the GUI thread."""

    progressed = Signal(int, int)

    def __init__(
        self,
        db_path: Path,
        actor: Actor,
        citizen_ids: Sequence[int],
        out: Path,
        *,
        mask_identifier: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.actor = actor
        # An encrypted database's raw key: the worker's own copy (set by print_batch), wiped
        # when it is done.
        self.key: CipherKey | None = None
        self.citizen_ids = list(citizen_ids)
        self.out = out
        self.mask_identifier = mask_identifier
        self._cancel = threading.Event()
        self.written = 0
        self.cancelled = False
        self.error: str | None = None
        self.exception: BaseException | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            try:
                store = open_store(self.db_path, self.actor, create=False, key=self.key)
            finally:
                if self.key is not None:
                    self.key.wipe()  # the store has its own copy
            try:
                self.written = render_batch(
                    store,
                    self.citizen_ids,
                    self.out,
                    progress=self.progressed.emit,
                    should_cancel=self._cancel.is_set,
                    mask_identifier=self.mask_identifier,
                    log_action="export",
                )
            finally:
                store.close()
        except SheetCancelled:
            self.cancelled = True
        except TrappeError as exc:
            self.error = exc.message
        except BaseException as exc:  # a bug: handed to the GUI thread, which re-raises it
            self.exception = exc


def ask_batch_path(parent: QWidget | None, proposal: Path) -> str | None:
    path = file_dialogs.ask_save_pdf(
        parent, QCoreApplication.translate("PrintBatch", "Gem dialogark som én PDF"), proposal
    )
    return str(path) if path else None


def print_batch(
    parent: QWidget | None,
    store: Store,
    prefs: Preferences,
    citizen_ids: list[int],
    *,
    ask_path: Callable[[QWidget | None, Path], str | None] = ask_batch_path,
    on_progress_dialog: Callable[[QProgressDialog], None] | None = None,
) -> Path | None:
    """One PDF with a sheet per citizen; returns its path, or None if cancelled or failed.

    ``ask_path`` and ``on_progress_dialog`` are for tests (a fake file dialog, a hook that
    can press Cancel).
    """
    if not citizen_ids:
        return None
    # Two literal strings rather than a %n plural: the Danish source has no plural forms of its own.
    if len(citizen_ids) == 1:
        label = QCoreApplication.translate("PrintBatch", "1 borger")
    else:
        label = QCoreApplication.translate("PrintBatch", "%1 borgere").replace(
            "%1", str(len(citizen_ids))
        )
    proposal = _start_folder(prefs) / suggested_file_name(label, date.today())
    chosen = ask_path(parent, proposal)
    if not chosen:
        return None
    path = _with_pdf_suffix(chosen)
    total = len(citizen_ids)

    dialog = QProgressDialog(
        QCoreApplication.translate("PrintBatch", "Laver dialogark …"),
        QCoreApplication.translate("PrintBatch", "Annullér"),
        0,
        total,
        parent,
    )
    dialog.setWindowTitle(QCoreApplication.translate("PrintBatch", "Dialogark"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    worker = BatchWorker(
        store.path,
        store.actor,
        citizen_ids,
        path,
        mask_identifier=prefs.get(MASK_IDENTIFIER_ON_SHEET),
    )
    worker.key = store.key.copy() if store.key is not None else None

    def on_progress(done: int, of: int) -> None:
        dialog.setValue(done)
        dialog.setLabelText(
            QCoreApplication.translate("PrintBatch", "Laver dialogark %1 af %2 …")
            .replace("%1", str(done))
            .replace("%2", str(of))
        )

    worker.progressed.connect(on_progress)
    dialog.canceled.connect(worker.cancel)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    if on_progress_dialog is not None:
        on_progress_dialog(dialog)
    worker.start()
    if not worker.isFinished():
        loop.exec()
    worker.wait()
    dialog.close()
    dialog.deleteLater()
    worker.deleteLater()
    if worker.exception is not None:
        raise worker.exception
    if worker.error is not None:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("PrintBatch", "Kunne ikke lave dialogark"),
            worker.error,
        )
        return None
    if worker.cancelled:
        return None
    prefs.set(LAST_SHEET_FOLDER, str(path.parent))
    return path
