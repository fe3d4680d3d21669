"""Dialogue mode from the window's side: switching to the full-screen view and back.

The view itself (``DialogueView``) only shows one citizen; this controller hides the menus,
toolbar and status bar, remembers the window's state and geometry and restores them, and
decides which undo steps may run while the citizen looks at the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from trappe.ui.actions import ActionId
from trappe.ui.window_part import WindowPart

if TYPE_CHECKING:
    from trappe.ui.main_window import MainWindow


class DialogueController(WindowPart):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.active = False
        self._maximised_before = False
        self._geometry_before = QByteArray()
        self._toolbar_visible = True

    def set_active(self, on: bool) -> None:
        """Full screen with only this citizen (on), or back to where the user was (off)."""
        w = self.window
        on = bool(on) and w.record is not None
        action = w.action(ActionId.DIALOGUE_MODE)
        if action.isChecked() != on:
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)
        if on == self.active:
            return
        self.active = on
        if on:
            self._maximised_before = w.isMaximized()
            self._geometry_before = w.saveGeometry()
            self._toolbar_visible = w.toolbar.isVisible()
            w.dialogue_view.set_content(w.staircase, w.record)
            w.menuBar().hide()
            w.toolbar.hide()
            w.statusBar().hide()
            w.pages.setCurrentWidget(w.dialogue_view)
            w.showFullScreen()
            w.dialogue_view.staircase.setFocus()
        else:
            w.pages.setCurrentWidget(w.splitter)
            w.menuBar().show()
            w.toolbar.setVisible(self._toolbar_visible)
            w.statusBar().show()
            w.showNormal()
            w.restoreGeometry(self._geometry_before)
            if self._maximised_before:
                w.showMaximized()
            w.staircase_view.setFocus()
        w.update_actions()

    def may_undo_redo(self, offset: int) -> bool:
        """In dialogue mode only edits of the citizen on screen may be undone or redone."""
        if not self.active:
            return True
        from trappe.ui import commands

        w = self.window
        cmd = w.undo_stack.command(w.undo_stack.index() + offset)
        return (
            isinstance(cmd, commands.ModelCommand)
            and w.record is not None
            and cmd.citizen_id == w.record.citizen.id
        )
