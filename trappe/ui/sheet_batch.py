"""One PDF with a dialogue sheet per citizen, made in a worker thread with a progress dialog.

The batch runs in a worker ``QThread`` that opens its own store (SQLite connections belong
to the thread that made them). Rendering a thousand sheets takes a while; a thread keeps the
window responsive and the Cancel button immediate, without the re-entrancy hazards of calling
``processEvents`` from inside the render loop. The worker checks a thread-safe flag between
sheets; a cancelled batch writes no file (``trappe.sheet`` renames the output into place
only when it is complete).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from trappe.model.cipher_key import CipherKey
from trappe.model.entities import Actor
from trappe.model.errors import TrappeError
from trappe.model.store import Store, open_store
from trappe.sheet import SheetCancelled, render_batch, suggested_file_name
from trappe.ui import file_dialogs
from trappe.ui.preferences import LAST_SHEET_FOLDER, MASK_IDENTIFIER_ON_SHEET, Preferences
from trappe.ui.sheet_files import start_folder, with_pdf_suffix


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
    proposal = start_folder(prefs) / suggested_file_name(label, date.today())
    chosen = ask_path(parent, proposal)
    if not chosen:
        return None
    path = with_pdf_suffix(chosen)
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
