"""The crash dialog: an unexpected error (a bug) is shown with details the user can copy.

Known failures (``TrappeError``) never get here; they are shown as a plain Danish message.
Everything Trappe saves is saved in its own transaction at once, so a crash loses nothing
the user has already saved; the dialog says so, and lets the user continue or quit.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import trappe
from trappe.model.errors import TrappeError

log = logging.getLogger("trappe.crash")


def crash_details(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """Traceback and versions, as plain text for a bug report."""
    lines = [
        f"Trappe {getattr(trappe, '__version__', '?')}",
        f"Python {platform.python_version()}, PySide6 {pyside_version}, Qt {qVersion()}",
        f"{platform.system()} {platform.release()} ({platform.machine()})",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(),
    ]
    return "\n".join(lines)


class CrashDialog(QDialog):
    """Says what happened in plain Danish; the technical details can be copied."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crash_dialog")
        self.setWindowTitle(self.tr("Uventet fejl i Trappe"))
        self.quit_requested = False
        intro = QLabel(
            self.tr(
                "Der opstod en uventet fejl. Det, du allerede har gemt, er ikke gået tabt.\n"
                "Du kan fortsætte, men gem ikke noget vigtigt, før du har genstartet Trappe.\n"
                "Kopiér detaljerne og send dem til jeres IT-support."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("crash_details")
        self.details.setReadOnly(True)
        self.details.setPlainText(details)
        self.details.setAccessibleName(self.tr("Tekniske detaljer"))
        self.details.setMinimumSize(560, 220)

        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("Kopiér detaljer"), self)
        self.copy_button.setObjectName("crash_copy")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.continue_button = buttons.addButton(
            self.tr("Fortsæt"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.quit_button = buttons.addButton(
            self.tr("Afslut Trappe"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.copy_button.clicked.connect(self.copy_details)
        self.continue_button.clicked.connect(self.accept)
        self.quit_button.clicked.connect(self._quit)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText(self.tr("Kopieret"))

    def _quit(self) -> None:
        self.quit_requested = True
        self.reject()


class ExceptHook:
    """``sys.excepthook`` for the GUI: known errors as a message, bugs in the crash dialog."""

    def __init__(self, parent: Callable[[], QWidget | None] = lambda: None) -> None:
        self._parent = parent
        self._showing = False
        self.previous = sys.excepthook

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        if isinstance(exc, TrappeError):
            # A known failure that escaped a handler: still a message, not a crash.
            log.warning("unhandled TrappeError: %s", exc.message)
            QMessageBox.warning(self._parent(), "Trappe", exc.message)
            return
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        if self._showing:  # an error while the dialog is open: log only
            return
        self._showing = True
        try:
            dialog = CrashDialog(crash_details(exc_type, exc, tb), self._parent())
            dialog.exec()
            if dialog.quit_requested:
                QApplication.exit(1)
        except Exception:  # the crash dialog itself failed: fall back to stderr
            self.previous(exc_type, exc, tb)
        finally:
            self._showing = False


def install_excepthook(parent: Callable[[], QWidget | None] = lambda: None) -> ExceptHook:
    hook = ExceptHook(parent)
    sys.excepthook = hook
    return hook
