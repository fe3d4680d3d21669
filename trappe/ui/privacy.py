"""The window's doors to stream S09's privacy features; each action is one line in the window.

Imports are deferred, so the window starts without loading the dialogs (or reportlab).
Each function is ``guarded`` the same way as the window's own handlers: a ``TrappeError``
becomes a Danish message and the window stays alive.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from trappe.model.errors import TrappeError

log = logging.getLogger("trappe.ui.privacy")


def _guard(window: Any, what: str, fn: Any) -> None:
    try:
        fn()
    except TrappeError as exc:
        log.info("%s refused: %s", what, exc.message)
        QMessageBox.warning(window, QCoreApplication.translate("MainWindow", "Trappe"), exc.message)


def access_log(window: Any) -> None:
    """*Vis → Adgangslog* (for the citizen shown, if any)."""
    from trappe.ui.access_log import open_access_log

    if window.store is not None:
        _guard(
            window,
            "access log",
            lambda: open_access_log(window, window.store, window.current_citizen_id()),
        )


def retention(window: Any) -> None:
    """*Borger → Sletning efter frist…*"""
    from trappe.ui.retention_dialog import open_retention

    _guard(window, "retention", lambda: open_retention(window))


def export_citizen_data(window: Any) -> None:
    """*Borger → Udlevér data…*"""
    from trappe.ui.data_export_dialog import open_data_export

    _guard(window, "data export", lambda: open_data_export(window))
