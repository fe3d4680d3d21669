"""What the window's parts share: the host they act on, a guard for known errors, dialogs.

The main window is split by job (docs/architecture.md, "The layers"): the database
controller, the citizen operations, the meeting operations and the dialogue-mode controller are
each a ``WindowPart`` that holds the window and acts on its panes. Handlers are connected to
actions in one place, ``WindowActions._connect``; the actions themselves are declared in
``actions.py``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject

from trappe.model.errors import TrappeError
from trappe.ui.accessibility import name_fields

if TYPE_CHECKING:
    from trappe.ui import commands
    from trappe.ui.main_window import MainWindow

log = logging.getLogger("trappe.ui.window")

F = TypeVar("F", bound=Callable[..., Any])


def guarded(method: F) -> F:
    """Run a handler; a ``TrappeError`` becomes a Danish message, the window stays alive."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except TrappeError as exc:
            log.info("%s refused: %s", method.__name__, exc.message)
            self.show_error(exc.message)
            return None

    return wrapper  # type: ignore[return-value]


def run_dialog(dialog: Any) -> bool:
    """``exec()`` a dialog and schedule its deletion; True if accepted.

    Its fields are named after their labels first, for screen readers (``name_fields``).
    """
    name_fields(dialog)
    try:
        return bool(dialog.exec())
    finally:
        dialog.deleteLater()


class WindowPart(QObject):
    """One job of the main window; it reaches the store, the panes and messages through it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def show_error(self, message: str) -> None:
        self.window.show_error(message)

    def status(self, message: str) -> None:
        self.window.status(message)

    # -- undoable edits ---------------------------------------------------------------------
    def push_or_raise(self, command: commands.ModelCommand) -> None:
        """Do and push; a refusal propagates to the caller (a dialog that keeps the input)."""
        from trappe.ui import commands  # (imported when first needed: off the start path)

        commands.push(self.window.undo_stack, command)
        self.window.confirm(command.confirmation())

    def push(self, command: commands.ModelCommand) -> bool:
        """Do and push; a refusal is shown here and the views re-read what is stored."""
        try:
            self.push_or_raise(command)
        except TrappeError as exc:
            self.show_error(exc.message)
            self.window.reload_record()  # e.g. a checkbox the user ticked must untick again
            return False
        return True
