"""Backups in the GUI: automatic ones in a worker thread, *Gendan fra sikkerhedskopi…*, and
the offer of the newest good backup when the database is damaged.

The model (``trappe.model.backup``) does the work; this module only asks and shows.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trappe.model import audit, backup
from trappe.model.cipher_key import CipherKey
from trappe.model.errors import DatabaseDamaged, TrappeError
from trappe.model.validation import format_date
from trappe.ui.window_part import WindowPart, guarded, run_dialog

if TYPE_CHECKING:
    from trappe.ui.main_window import MainWindow

log = logging.getLogger("trappe.ui.backup")


def when_text(at: datetime) -> str:
    return f"{format_date(at.date())} {at:%H:%M}"


def size_text(size: int) -> str:
    return QLocale().toString(size / 1_000_000, "f", 1) + " MB"


def reason_text(reason: str) -> str:
    """Why a backup was taken, in words."""
    if reason.startswith("migration"):
        return QCoreApplication.translate("Backups", "før opgradering")
    if reason == "auto":
        return QCoreApplication.translate("Backups", "automatisk")
    if reason == "manuel":
        return QCoreApplication.translate("Backups", "taget af brugeren")
    if reason == "sletning":
        return QCoreApplication.translate("Backups", "før sletning af en borger")
    if reason == "sletning-efter-frist":
        return QCoreApplication.translate("Backups", "før sletning efter frist")
    if reason == "foer-gendannelse":
        return QCoreApplication.translate("Backups", "før gendannelse")
    return reason


class BackupWorker(QThread):
    """Makes one verified backup through its own connection; reports in the GUI thread."""

    succeeded = Signal(str)
    failed = Signal(str, bool)  # Danish message, whether the database itself is damaged

    def __init__(
        self, db_path: Path, key: CipherKey | None, reason: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        # Its own copy of the raw key, wiped when done (the window may close its store).
        self.db_path, self.reason = Path(db_path), reason
        self.key = key.copy() if key is not None else None

    def run(self) -> None:
        try:
            info = backup.make_backup_of(self.db_path, self.key, self.reason)
        except DatabaseDamaged as exc:
            self.failed.emit(exc.message, True)
        except TrappeError as exc:
            self.failed.emit(exc.message, False)
        except Exception as exc:  # a bug: logged with its traceback, and said plainly
            log.exception("backup of %s failed", self.db_path)
            self.failed.emit(
                QCoreApplication.translate("Backups", "Sikkerhedskopien mislykkedes: %1").replace(
                    "%1", repr(exc)
                ),
                False,
            )
        else:
            self.succeeded.emit(str(info.path))
        finally:
            if self.key is not None:
                self.key.wipe()


class RestoreDialog(QDialog):
    """The database's backups, newest first, with date, size and citizen count."""

    def __init__(
        self, db_path: Path, key: CipherKey | str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restore_dialog")
        self.setWindowTitle(QCoreApplication.translate("Backups", "Gendan fra sikkerhedskopi"))
        self.backups = backup.list_backups(db_path)
        self.chosen: backup.BackupInfo | None = None
        intro = QLabel(
            QCoreApplication.translate(
                "Backups",
                "Vælg den sikkerhedskopi, der skal erstatte databasen «%1». Den nuværende "
                "database gemmes først som en sikkerhedskopi, så intet går tabt.",
            ).replace("%1", Path(db_path).name),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), 4, self)
        self.table.setObjectName("restore_table")
        self.table.setAccessibleName(QCoreApplication.translate("Backups", "Sikkerhedskopier"))
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("Backups", "Tidspunkt"),
                QCoreApplication.translate("Backups", "Anledning"),
                QCoreApplication.translate("Backups", "Størrelse"),
                QCoreApplication.translate("Backups", "Borgere"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for row, b in enumerate(self.backups):
                count = backup.citizen_count(b.path, key)
                cells = [
                    when_text(b.taken_at),
                    reason_text(b.reason),
                    size_text(b.size),
                    QLocale().toString(count)
                    if count is not None
                    else QCoreApplication.translate("Backups", "ulæselig"),
                ]
                for col, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if col >= 2:
                        item.setTextAlignment(
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                        )
                    self.table.setItem(row, col, item)
        finally:
            QGuiApplication.restoreOverrideCursor()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(
            QCoreApplication.translate(
                "Backups", "Der er endnu ingen sikkerhedskopier af denne database."
            ),
            self,
        )
        self.empty.setVisible(not self.backups)
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(QCoreApplication.translate("Backups", "Gendan"), self)
        self.restore_button.setObjectName("restore_button")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(640, 360)
        if self.backups:
            self.table.selectRow(0)
        self._selection_changed()

    def _selection_changed(self) -> None:
        rows = {i.row() for i in self.table.selectedItems()}
        self.chosen = self.backups[min(rows)] if rows else None
        self.restore_button.setEnabled(self.chosen is not None)

    def accept(self) -> None:
        if self.chosen is not None:
            super().accept()


def damaged_message(db_path: Path, offer: backup.BackupInfo | None, count: int | None) -> str:
    """The Danish text shown when the database is damaged."""
    name = Path(db_path).name
    text = QCoreApplication.translate(
        "Backups", "Databasen «%1» er beskadiget, så Trappe kan ikke bruge den."
    ).replace("%1", name)
    if offer is None:
        return (
            text
            + "\n\n"
            + QCoreApplication.translate(
                "Backups",
                "Der er ingen sikkerhedskopi, der består kontrollen. Kontakt IT. "
                "Den beskadigede fil er ikke ændret.",
            )
        )
    citizens = QLocale().toString(count) if count is not None else "?"
    return (
        text
        + "\n\n"
        + QCoreApplication.translate(
            "Backups", "Den nyeste sikkerhedskopi, der består kontrollen, er fra %1 (%2 borgere)."
        )
        .replace("%1", when_text(offer.taken_at))
        .replace("%2", citizens)
        + "\n\n"
        + QCoreApplication.translate(
            "Backups",
            "Vil du gendanne den? Det, der er gemt efter dette tidspunkt, er ikke med. "
            "Den beskadigede fil slettes ikke; den gemmes som «%1.damaged-<dato>».",
        ).replace("%1", name)
    )


def ask_restore_damaged(
    parent: QWidget | None, db_path: Path, key: CipherKey | str | None
) -> backup.BackupInfo | None:
    """Say the database is damaged; return the backup to restore if the user says yes."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        offer = backup.newest_good(db_path, key)
        count = backup.citizen_count(offer.path, key) if offer is not None else None
    finally:
        QGuiApplication.restoreOverrideCursor()
    box = QMessageBox(parent)
    box.setObjectName("damaged_box")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("Backups", "Databasen er beskadiget"))
    box.setText(damaged_message(db_path, offer, count))
    restore = None
    if offer is not None:
        restore = box.addButton(
            QCoreApplication.translate("Backups", "Gendan sikkerhedskopien"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(
            QCoreApplication.translate("Backups", "Ikke nu"), QMessageBox.ButtonRole.RejectRole
        )
    else:
        box.addButton(QMessageBox.StandardButton.Close)
    answer = run_box(box)
    return offer if restore is not None and answer is restore else None


def run_box(box: QMessageBox) -> object:
    """``exec`` a message box; the clicked button (tests replace this)."""
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return clicked


class BackupController(WindowPart):
    """The window's backups: automatic ones, *Tag sikkerhedskopi nu*, *Gendan fra
    sikkerhedskopi…*, and the offer when the database turns out to be damaged."""

    def __init__(self, window: MainWindow, check_every_ms: int = 15 * 60 * 1000) -> None:
        super().__init__(window)
        self.worker: BackupWorker | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(check_every_ms)
        self.timer.timeout.connect(self.auto_backup)

    def enable_auto_backup(self) -> None:
        """Back up now if one is due (``backup.INTERVAL``), and check again now and then."""
        self.timer.start()
        self.auto_backup()

    def auto_backup(self) -> None:
        store = self.window.store
        if store is not None and backup.due(store.path, datetime.now()):
            self.start("auto", quiet=True)

    def start(self, reason: str, *, quiet: bool) -> None:
        w = self.window
        if w.store is None or (self.worker is not None and self.worker.isRunning()):
            return
        worker = BackupWorker(w.store.path, w.store.key, reason, self.window)
        path = w.store.path

        def done(target: str) -> None:
            log.info("backup written to %s", target)
            if w.store is not None and w.store.path == path:  # the copy's entry, in its file
                audit.log_backup(w.store, target, reason)
            if not quiet:
                w.status(
                    QCoreApplication.translate(
                        "Backups", "Sikkerhedskopien er gemt og kontrolleret: %1"
                    ).replace("%1", target)
                )

        def failed(message: str, damaged: bool) -> None:
            if damaged and w.store is not None and w.store.path == path:
                self.offer_restore_damaged(path, w.store.key)
            elif quiet:
                w.status(message)
            else:
                self.show_error(message)

        worker.succeeded.connect(done)
        worker.failed.connect(failed)
        self.worker = worker
        worker.start()

    def wait(self) -> None:
        """Let a running backup finish (before a restore, or on closing)."""
        if self.worker is not None:
            self.worker.wait()
            self.worker.deleteLater()
            self.worker = None

    def stop(self) -> None:
        self.timer.stop()
        self.wait()

    @guarded
    def backup_now(self) -> None:
        self.start("manuel", quiet=False)

    @guarded
    def restore_backup(self) -> None:
        w = self.window
        if w.store is None:
            return
        self.wait()
        dialog = RestoreDialog(w.store.path, w.store.key, w)
        if not run_dialog(dialog) or dialog.chosen is None:
            return
        chosen = dialog.chosen
        answer = QMessageBox.question(
            w,
            QCoreApplication.translate("Backups", "Gendan fra sikkerhedskopi"),
            QCoreApplication.translate(
                "Backups",
                "Databasen sættes tilbage til sikkerhedskopien fra %1. Det, der er gemt "
                "senere, er ikke med, men den nuværende database gemmes først som en "
                "sikkerhedskopi.\n\nVil du gendanne?",
            ).replace("%1", when_text(chosen.taken_at)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(w.store.path, w.store.key, chosen.path, damaged=False)

    def offer_restore_damaged(self, path: Path, key: CipherKey | str | None) -> bool:
        offer = ask_restore_damaged(self.window, path, key)
        if offer is None:
            return False
        return self.restore(path, key, offer.path, damaged=True)

    def restore(
        self, path: Path, key: CipherKey | str | None, source: Path, *, damaged: bool
    ) -> bool:
        """Put ``source`` in place of ``path`` (closing the window's store first) and reopen."""
        own = key.copy() if isinstance(key, CipherKey) else key  # closing wipes the store's
        try:
            return self._restore(path, own, source, damaged=damaged)
        finally:
            if isinstance(own, CipherKey):
                own.wipe()

    def _restore(
        self, path: Path, key: CipherKey | str | None, source: Path, *, damaged: bool
    ) -> bool:
        w = self.window
        self.wait()
        if w.store is not None:
            w.set_store(None)
        try:
            result = backup.restore(path, source, key, damaged=damaged)
        except TrappeError as exc:
            self.show_error(exc.message)
            return w.open_database(path, first_start=False, key=key)
        # The backup was verified with this key: it opens the restored file without asking.
        ok = w.open_database(path, first_start=False, key=key)
        if ok and w.store is not None:
            audit.log_restore(w.store, source, result.current_kept_as, damaged)
        message = QCoreApplication.translate(
            "Backups", "Databasen er gendannet fra sikkerhedskopien."
        )
        if result.current_kept_as is not None:
            message += " " + QCoreApplication.translate(
                "Backups", "Den tidligere fil er gemt som %1."
            ).replace("%1", result.current_kept_as.name)
        QMessageBox.information(w, QCoreApplication.translate("Backups", "Gendannet"), message)
        return ok
