"""Edit the municipality's target groups: add, rename, reorder, retire and restore.

A retired group is hidden from new choices; citizens already in it keep it. Each change is one
undoable command (``trappe.model.staircase_edits``) on the same stack as the staircase editor's
(see ``staircase_undo``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QUndoStack
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trappe.model import staircase as staircase_model
from trappe.model import staircase_edits
from trappe.model.entities import TargetGroup
from trappe.model.errors import TrappeError
from trappe.model.store import Store
from trappe.ui.commands import ChangeCallback, ErrorCallback
from trappe.ui.staircase_undo import EditorUndo
from trappe.ui.widgets import FieldError, hint_label


class TargetGroupEditor(QWidget):
    """The list of target groups with a name field and buttons; each change saves at once."""

    changed = Signal()

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        undo_stack: QUndoStack | None = None,
        on_change: ChangeCallback | None = None,
        on_error: ErrorCallback | None = None,
    ) -> None:
        """``undo_stack``, ``on_change``, ``on_error``: see ``staircase_undo.EditorUndo``."""
        super().__init__(parent)
        self.store = store
        self.error = FieldError()
        self.undoer = EditorUndo(
            self,
            store,
            undo_stack,
            on_change,
            on_error,
            moved=self._undone_or_redone,
            own_change=self.changed.emit,
            own_error=self.error.show_message,
        )
        self.undo_stack = self.undoer.stack
        self.undo_button, self.redo_button = self.undoer.undo_button, self.undoer.redo_button
        self.groups: list[TargetGroup] = []
        self.group_list = QListWidget()
        self.group_list.setAccessibleName(self.tr("Målgrupper"))
        self.group_list.currentRowChanged.connect(self._selection_changed)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Målgruppens navn"))
        self.name_edit.returnPressed.connect(self.add_group)
        name_label = QLabel(self.tr("&Navn:"))
        name_label.setBuddy(self.name_edit)
        self.add_button = QPushButton(self.tr("&Tilføj"))
        self.rename_button = QPushButton(self.tr("&Omdøb"))
        self.up_button = QPushButton(self.tr("Flyt &op"))
        self.down_button = QPushButton(self.tr("Flyt n&ed"))
        self.retire_button = QPushButton(self.tr("&Udgå"))
        for button, handler in (
            (self.add_button, self.add_group),
            (self.rename_button, self.rename_selected),
            (self.up_button, lambda: self.move_selected(-1)),
            (self.down_button, lambda: self.move_selected(+1)),
            (self.retire_button, self.toggle_retired),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(handler)
        self.add_button.setToolTip(self.tr("Tilføj en ny målgruppe med navnet i feltet"))
        self.rename_button.setToolTip(self.tr("Giv den valgte målgruppe navnet i feltet"))
        hint = hint_label(
            self.tr(
                "En udgået målgruppe kan ikke vælges til nye borgere; borgere i den beholder den."
            )
        )

        buttons = QGridLayout()
        buttons.addWidget(name_label, 0, 0)
        buttons.addWidget(self.name_edit, 0, 1, 1, 4)
        buttons.addWidget(self.add_button, 1, 1)
        buttons.addWidget(self.rename_button, 1, 2)
        buttons.addWidget(self.up_button, 2, 1)
        buttons.addWidget(self.down_button, 2, 2)
        buttons.addWidget(self.retire_button, 2, 3)
        buttons.addWidget(self.undo_button, 3, 1)
        buttons.addWidget(self.redo_button, 3, 2)
        buttons.setColumnStretch(4, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.group_list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(hint)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.groups = staircase_model.list_target_groups(self.store, include_retired=True)
        self.group_list.blockSignals(True)
        self.group_list.clear()
        for group in self.groups:
            text = (
                group.name
                if not group.retired
                else self.tr("%1 (udgået)").replace("%1", group.name)
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, group.id)
            if group.retired:
                font = QFont(item.font())
                font.setItalic(True)
                item.setFont(font)
                item.setForeground(QColor("#6b6b6b"))
            self.group_list.addItem(item)
        self.group_list.blockSignals(False)
        row = next((i for i, g in enumerate(self.groups) if g.id == select_id), -1)
        self.group_list.setCurrentRow(row)
        self._selection_changed(row)
        self.undoer.update()

    def selected(self) -> TargetGroup | None:
        row = self.group_list.currentRow()
        return self.groups[row] if 0 <= row < len(self.groups) else None

    def select_group(self, group_id: int) -> None:
        for row, group in enumerate(self.groups):
            if group.id == group_id:
                self.group_list.setCurrentRow(row)

    def _selection_changed(self, row: int) -> None:
        group = self.selected()
        if group is not None:
            self.name_edit.setText(group.name)
        for button in (self.rename_button, self.up_button, self.down_button, self.retire_button):
            button.setEnabled(group is not None)
        self.retire_button.setText(
            self.tr("&Genindsæt") if group is not None and group.retired else self.tr("&Udgå")
        )

    def _run(
        self, text: str, change: Callable[[], staircase_edits.StaircaseEdit], select_id: int | None
    ) -> bool:
        self.error.clear_message()
        try:
            edit = self.undoer.perform(text, change)
        except TrappeError as exc:
            self.error.show_message(exc.message)
            self.name_edit.setFocus()
            return False
        self.reload(edit.group_id if edit.group_id is not None else select_id)
        return True

    def _undone_or_redone(self, edit: staircase_edits.StaircaseEdit) -> None:
        """After an undo or redo (here, in the staircase tab or from the window)."""
        if edit.before.groups == edit.after.groups:
            self.undoer.update()
            return
        self.error.clear_message()
        self.reload(edit.group_id)

    def add_group(self) -> None:
        name = self.name_edit.text()
        self._run(
            self.tr("Ny målgruppe «%1»").replace("%1", name.strip()),
            lambda: staircase_edits.add_target_group(self.store, name),
            None,
        )

    def rename_selected(self) -> None:
        group = self.selected()
        if group is None:
            return
        name = self.name_edit.text()
        self._run(
            self.tr("Omdøb målgruppe «%1»").replace("%1", group.name),
            lambda: staircase_edits.rename_target_group(self.store, group.id, name),
            group.id,
        )

    def move_selected(self, delta: int) -> None:
        group = self.selected()
        if group is None:
            return
        target = self.group_list.currentRow() + delta
        if not 0 <= target < len(self.groups):
            return
        self._run(
            self.tr("Flyt målgruppe «%1»").replace("%1", group.name),
            lambda: staircase_edits.move_target_group(self.store, group.id, target),
            group.id,
        )

    def toggle_retired(self) -> None:
        group = self.selected()
        if group is None:
            return
        text = (
            self.tr("Genindsæt målgruppe «%1»") if group.retired else self.tr("Udgå målgruppe «%1»")
        )
        self._run(
            text.replace("%1", group.name),
            lambda: staircase_edits.retire_target_group(self.store, group.id, not group.retired),
            group.id,
        )
