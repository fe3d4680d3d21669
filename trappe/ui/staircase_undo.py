"""The staircase editor's undo and redo (issue 14 item 7; ``trappe.model.staircase_edits``).

The editor's changes (and the target group editor's) are ``StaircaseCommand``s on an undo
stack: the window's when the window opens the editor, so Rediger → Fortryd undoes staircase
changes and citizens' edits in the order they were made (a meeting recorded on a step added a
moment ago is undone before the step), and the changes can still be undone after the settings
dialog closes. Without a window the editor keeps a stack of its own.

The editor's own Fortryd/Gentag buttons (and Ctrl+Z/Ctrl+Y outside a text field, whose own
undo wins) act on the staircase's commands only: a citizen's edit on top of the window's stack
is undone from the window, where it shows.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QPushButton, QWidget

from trappe.model.staircase_edits import StaircaseEdit
from trappe.model.store import Store
from trappe.ui.commands import ChangeCallback, ErrorCallback, StaircaseCommand


def _ignore(_: object) -> None:
    return None


class EditorUndo(QObject):
    """Makes the editor's changes undoable and keeps its Fortryd/Gentag up to date.

    ``moved(edit)`` is called after an undo or redo (from the editor or the window) with the
    ``StaircaseEdit`` undone or redone, so the editor can show the staircase as it is now. The
    staircase editor and the target group editor each have one, on the same stack.
    """

    def __init__(
        self,
        editor: QWidget,
        store: Store,
        stack: QUndoStack | None,
        on_change: ChangeCallback | None,
        on_error: ErrorCallback | None,
        *,
        moved: Callable[[StaircaseEdit], None],
        own_change: Callable[[], None],
        own_error: ErrorCallback,
    ) -> None:
        """With the window's ``stack`` the commands report through ``on_change`` and
        ``on_error``, which must outlive the editor; with none, through ``own_change`` and
        ``own_error`` (the commands then live and die with the editor's own stack)."""
        super().__init__(editor)
        self.store = store
        if stack is None:
            stack = QUndoStack(self)
            on_change = on_change or (lambda _changes: own_change())
            on_error = on_error or own_error
        self.stack = stack
        self._on_change: ChangeCallback = on_change or _ignore
        self._on_error: ErrorCallback = on_error or _ignore
        self._moved = moved
        self._index = stack.index()
        self._pushing = False
        self.discard_form: Callable[[], None] = lambda: None  # set by the editor

        undo_text = QCoreApplication.translate("StaircaseEditor", "Fortryd")
        redo_text = QCoreApplication.translate("StaircaseEditor", "Gentag")
        self.undo_action = QAction(undo_text, editor)
        self.redo_action = QAction(redo_text, editor)
        self.undo_button = QPushButton(undo_text)
        self.redo_button = QPushButton(redo_text)
        self._tips = (
            QCoreApplication.translate("StaircaseEditor", "Fortryd: %1"),
            QCoreApplication.translate("StaircaseEditor", "Gentag: %1"),
        )
        for action, button, key, handler in (
            (self.undo_action, self.undo_button, QKeySequence.StandardKey.Undo, self.undo),
            (self.redo_action, self.redo_button, QKeySequence.StandardKey.Redo, self.redo),
        ):
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(handler)
            editor.addAction(action)
            button.setAutoDefault(False)
            button.clicked.connect(handler)
        stack.indexChanged.connect(self._stack_moved)

    def perform(self, text: str, change: Callable[[], StaircaseEdit]) -> StaircaseEdit:
        """Make a change as an undoable command (raises ``TrappeError`` if refused); a
        change that changed nothing is not put on the stack."""
        command = StaircaseCommand(self.store, text, change, self._on_change, self._on_error)
        command.perform()
        assert command.edit is not None
        if command.edit.changed:
            self._pushing = True
            try:
                self.stack.push(command)
            finally:
                self._pushing = False
        return command.edit

    def _command(self, index: int) -> StaircaseCommand | None:
        command = self.stack.command(index) if 0 <= index < self.stack.count() else None
        return command if isinstance(command, StaircaseCommand) else None

    def update(self) -> None:
        index = self.stack.index()
        for action, button, command, tip in (
            (self.undo_action, self.undo_button, self._command(index - 1), self._tips[0]),
            (self.redo_action, self.redo_button, self._command(index), self._tips[1]),
        ):
            action.setEnabled(command is not None)
            button.setEnabled(command is not None)
            tip = tip.replace("%1", command.text()) if command is not None else ""
            button.setToolTip(tip)
            button.setAccessibleDescription(tip)

    def undo(self) -> None:
        if self._command(self.stack.index() - 1) is not None:
            self.discard_form()  # the form's unsaved typing goes with it
            self.stack.undo()

    def redo(self) -> None:
        if self._command(self.stack.index()) is not None:
            self.discard_form()
            self.stack.redo()

    def _stack_moved(self, index: int) -> None:
        before, self._index = self._index, index
        if self._pushing or not shiboken6.isValid(self.stack):  # (a stack being destroyed)
            return
        command = self._command(index if index < before else index - 1)
        if command is None or command.edit is None:
            self.update()
            return
        self._moved(command.edit)
