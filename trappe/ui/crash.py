"""The crash dialog: an unexpected error (a bug) is shown with details the user can copy.

Known failures (``TrappeError``) never get here; they are shown as a plain Danish message.
Everything Trappe saves is saved in its own transaction at once, so a crash loses nothing
the user has already saved; the dialog says so, and lets the user continue or quit.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication, QWidget

import trappe
from trappe.model.errors import TrappeError

log = logging.getLogger("trappe.crash")


def __getattr__(name: str) -> Any:
    """``CrashDialog`` lives in ``crash_dialog`` (off the start path); still found here."""
    if name == "CrashDialog":
        from trappe.ui.crash_dialog import CrashDialog

        return CrashDialog
    raise AttributeError(name)


def crash_details(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """Traceback and versions, as plain text for a bug report."""
    import platform
    import traceback

    lines = [
        f"Trappe {getattr(trappe, '__version__', '?')}",
        f"Python {platform.python_version()}, PySide6 {pyside_version}, Qt {qVersion()}",
        f"{platform.system()} {platform.release()} ({platform.machine()})",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(),
    ]
    return "\n".join(lines)


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
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self._parent(), "Trappe", exc.message)
            return
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        if self._showing:  # an error while the dialog is open: log only
            return
        self._showing = True
        try:
            from trappe.ui.crash_dialog import CrashDialog

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
