"""Edit the municipality's staircase: rename, describe, recolour, add, reorder, categorise,
place in a phase, retire/restore, and delete a step nobody has stood on.

Every change is one model call (``trappe.model.staircase_edits``, which records it) and applies
at once, undoable (``staircase_undo``). History keeps pointing at the same step ids, so nothing
recorded is rewritten. A new category, phase, order or retirement takes effect from the date in
«Gælder fra» (default today): measures about earlier dates keep the staircase they had. The
form previews what a new category or phase will do ("Det flytter 34 borgere fra … til … fra
01-01-2027; tal før den dato forbliver som de var"), and the history below lists every change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QUndoStack
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trappe.model import staircase as staircase_model
from trappe.model import staircase_edits
from trappe.model.entities import Staircase, Step
from trappe.model.errors import TrappeError, ValidationError
from trappe.model.store import Store
from trappe.ui.commands import ChangeCallback, ErrorCallback
from trappe.ui.staircase_undo import EditorUndo
from trappe.ui.step_form import StepForm
from trappe.ui.widgets import (
    DateEdit,
    FieldError,
    colour_icon,
)


class StaircaseEditor(QWidget):
    """The step list (top step first, as on the staircase) beside the selected step's form."""

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
        self.undoer = EditorUndo(
            self,
            store,
            undo_stack,
            on_change,
            on_error,
            moved=self._undone_or_redone,
            own_change=self.changed.emit,
            own_error=lambda message: self.list_error.show_message(message),
        )
        self.undoer.discard_form = self._discard_form
        self.undo_stack = self.undoer.stack
        self.undo_button, self.redo_button = self.undoer.undo_button, self.undoer.redo_button
        self.stair: Staircase = staircase_model.load_staircase(store)
        self._current_id: int | None = None
        self._dirty = False
        self._loading = False

        self.step_list = QListWidget()
        self.step_list.setAccessibleName(self.tr("Trappens trin"))
        self.step_list.currentItemChanged.connect(self._selection_changed)
        self.add_button = QPushButton(self.tr("&Nyt trin"))
        self.up_button = QPushButton(self.tr("Flyt &op"))
        self.down_button = QPushButton(self.tr("Flyt n&ed"))
        self.retire_button = QPushButton(self.tr("&Udgå"))
        self.delete_button = QPushButton(self.tr("S&let"))
        for button, handler in (
            (self.add_button, self.add_step),
            (self.up_button, lambda: self.move_selected(+1)),
            (self.down_button, lambda: self.move_selected(-1)),
            (self.retire_button, self.toggle_retired),
            (self.delete_button, self.delete_selected),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(handler)
        self.up_button.setToolTip(self.tr("Flyt trinnet et trin højere op ad trappen"))
        self.down_button.setToolTip(self.tr("Flyt trinnet et trin længere ned ad trappen"))
        self.retire_button.setToolTip(
            self.tr("Et udgået trin kan ikke vælges mere, men historikken bevares")
        )
        self.delete_button.setToolTip(self.tr("Kun trin, som ingen borger har stået på"))
        self.list_error = FieldError()

        buttons = QGridLayout()
        buttons.addWidget(self.add_button, 0, 0)
        buttons.addWidget(self.up_button, 0, 1)
        buttons.addWidget(self.down_button, 0, 2)
        buttons.addWidget(self.retire_button, 1, 0)
        buttons.addWidget(self.delete_button, 1, 1)
        buttons.addWidget(self.undo_button, 2, 0)
        buttons.addWidget(self.redo_button, 2, 1)
        self.effective_edit = DateEdit(
            date.today(), field="effective_from", label=self.tr("Gælder fra")
        )
        self.effective_edit.changed.connect(self._update_preview)
        effective_label = QLabel(self.tr("Ændringer gælder &fra:"))
        effective_label.setBuddy(self.effective_edit.focus_target())
        effective_row = QHBoxLayout()
        effective_row.addWidget(effective_label)
        effective_row.addWidget(self.effective_edit)
        effective_row.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Trinnene, øverste trin først:")))
        left.addWidget(self.step_list, 1)
        left.addLayout(buttons)
        left.addLayout(effective_row)
        left.addWidget(self.list_error)

        # the selected step's form, the save button, and the staircase's history below
        self.form = StepForm()
        self.form.edited.connect(self._mark_dirty)
        self.form.category_or_phase_changed.connect(self._update_preview)
        self.form.title_edit.returnPressed.connect(self.save_current)
        self.form.new_phase_button.clicked.connect(self.new_phase)
        self.form.rename_phase_button.clicked.connect(self.rename_phase)
        self.save_button = QPushButton(self.tr("&Gem trin"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(lambda: self.save_current())  # (not its «checked»)
        self.history_list = QListWidget()
        self.history_list.setAccessibleName(self.tr("Trappens historik"))
        self.history_list.setWordWrap(True)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        self.form_box = QWidget()
        right = QVBoxLayout(self.form_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.form)
        right.addLayout(save_row)
        right.addWidget(QLabel(self.tr("Ændringer af trappen:")))
        right.addWidget(self.history_list, 1)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addWidget(self.form_box, 3)
        self.reload()

    # -- list ------------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        """Reread the staircase and refill the list, keeping (or moving) the selection."""
        self.stair = staircase_model.load_staircase(self.store)
        select_id = select_id if select_id is not None else self._current_id
        self._loading = True
        try:
            self.step_list.clear()
            count = len(self.stair.steps)
            for i, step in enumerate(reversed(self.stair.steps)):
                item = QListWidgetItem(colour_icon(step.colour), f"{count - i}. {step.title}")
                item.setData(Qt.ItemDataRole.UserRole, step.id)
                self.step_list.addItem(item)
            for step in self.stair.retired:
                item = QListWidgetItem(
                    colour_icon(step.colour), self.tr("%1 (udgået)").replace("%1", step.title)
                )
                item.setData(Qt.ItemDataRole.UserRole, step.id)
                font = QFont(item.font())
                font.setItalic(True)
                item.setFont(font)
                item.setForeground(QColor("#6b6b6b"))
                self.step_list.addItem(item)
        finally:
            self._loading = False
        self.form.set_phases(self.stair.phases)
        self.history_list.clear()
        for change in staircase_model.staircase_history(self.store):
            self.history_list.addItem(staircase_model.describe_change(self.store, change))
        row = self._row_of(select_id) if select_id is not None else None
        self._current_id = None
        self.step_list.setCurrentRow(row if row is not None else 0)
        if self.step_list.count() == 0:
            self._load_form(None)
        self.undoer.update()

    def _row_of(self, step_id: int) -> int | None:
        for row in range(self.step_list.count()):
            if self.step_list.item(row).data(Qt.ItemDataRole.UserRole) == step_id:
                return row
        return None

    def select_step(self, step_id: int) -> None:
        row = self._row_of(step_id)
        if row is not None:
            self.step_list.setCurrentRow(row)

    def selected_step(self) -> Step | None:
        return self.stair.step(self._current_id) if self._current_id is not None else None

    def _selection_changed(
        self, current: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        if self._loading:
            return
        step_id = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        if self._dirty and self._current_id is not None:
            # save the edit first; saving refills the list and then selects ``step_id``
            if not self.save_current(select_id=step_id):
                self.step_list.blockSignals(True)
                self.step_list.setCurrentItem(previous)
                self.step_list.blockSignals(False)
            return
        self._load_form(self.stair.step(step_id) if step_id is not None else None)

    def _load_form(self, step: Step | None) -> None:
        self.list_error.clear_message()
        self._current_id = step.id if step else None
        self.form_box.setEnabled(step is not None)
        self.form.load(step)
        self._dirty = False
        retired = bool(step and step.retired)
        self.retire_button.setText(self.tr("&Genindsæt") if retired else self.tr("&Udgå"))
        self.up_button.setEnabled(step is not None and not retired)
        self.down_button.setEnabled(step is not None and not retired)
        self.retire_button.setEnabled(step is not None)
        self.delete_button.setEnabled(step is not None)

    def _mark_dirty(self) -> None:
        if not self._loading:
            self._dirty = True

    def has_unsaved_changes(self) -> bool:
        return self._dirty and self._current_id is not None

    def effective_date(self) -> date:
        """The date changes take effect from (an unreadable date: today)."""
        return self.effective_edit.date_or_none() or date.today()

    def _update_preview(self) -> None:
        if self._loading or self._current_id is None:
            return
        try:
            text = staircase_model.preview_change(
                self.store,
                self._current_id,
                self.effective_date(),
                category=self.form.category(),
                phase_id=self.form.phase_id(),
            )
        except TrappeError:
            text = ""
        self.form.preview_label.setText(text)

    # -- actions ---------------------------------------------------------------------------
    def save_current(self, select_id: int | None = None) -> bool:
        """Save the form to the selected step; False (with the message shown) if refused.

        Afterwards ``select_id`` (default: the saved step) is selected.
        """
        if self._current_id is None:
            return True
        self.form.errors.clear()
        step_id = self._current_id
        title = self.form.title_edit.text()
        description = self.form.description_edit.toPlainText()
        colour = self.form.colour()
        category = self.form.category()
        phase_id = self.form.phase_id()
        on = self.effective_date()
        try:
            self.undoer.perform(
                self.tr("Ret trin «%1»").replace("%1", self.selected_step().title),
                lambda: staircase_edits.update_step(
                    self.store,
                    step_id,
                    title=title,
                    description=description,
                    colour=colour,
                    category=category,
                    phase_id=phase_id,
                    on=on,
                ),
            )
        except ValidationError as exc:
            if exc.field == "effective_from":
                self.form.form_error.show_message(exc.message)
            else:
                self.form.errors.show(exc)
            return False
        except TrappeError as exc:
            self.form.form_error.show_message(exc.message)
            return False
        self._dirty = False
        self.reload(select_id if select_id is not None else step_id)
        return True

    def _run(
        self,
        text: str,
        change: Callable[[], staircase_edits.StaircaseEdit],
        select_id: int | None,
        error: FieldError | None = None,
    ) -> staircase_edits.StaircaseEdit | None:
        """Make a change; show its refusal under the list (or in ``error``)."""
        if self._dirty and not self.save_current():
            return None
        error = error or self.list_error
        self.list_error.clear_message()
        self.form.errors.clear()
        try:
            edit = self.undoer.perform(text, change)
        except TrappeError as exc:
            error.show_message(exc.message)
            return None
        self.reload(select_id if select_id is not None else edit.step_id)
        return edit

    # -- undo and redo ---------------------------------------------------------------------
    def _discard_form(self) -> None:
        self._dirty = False

    def _undone_or_redone(self, edit: staircase_edits.StaircaseEdit) -> None:
        """After an undo or redo (from here or from the window): the staircase as it is, with
        the step concerned selected (a step the undo removed: the top step). A target group's
        change leaves the form (and any typing in it) alone."""
        if edit.before.groups != edit.after.groups:
            self.undoer.update()
            return
        self._dirty = False
        self.reload(edit.step_id)

    # -- phases and steps ------------------------------------------------------------------
    def new_phase(self) -> None:
        """Add a phase and choose it for the selected step (saved with «Gem trin»)."""
        if self.has_unsaved_changes() and not self.save_current():
            return
        title, ok = QInputDialog.getText(self, self.tr("Ny fase"), self.tr("Fasens navn:"))
        if not ok:
            return
        edit = self._run(
            self.tr("Ny fase «%1»").replace("%1", title.strip()),
            lambda: staircase_edits.add_phase(self.store, title),
            self._current_id,
            self.form.errors.error_for("phase"),
        )
        if edit is not None and edit.phase_id is not None:
            self.form.phase_combo.setCurrentIndex(self.form.phase_combo.findData(edit.phase_id))

    def rename_phase(self) -> None:
        phase_id = self.form.phase_id()
        if phase_id is None:
            return
        title, ok = QInputDialog.getText(
            self,
            self.tr("Omdøb fase"),
            self.tr("Fasens navn:"),
            QLineEdit.EchoMode.Normal,
            self.form.phase_combo.currentText(),
        )
        if ok:
            self._run(
                self.tr("Omdøb fase «%1»").replace("%1", self.form.phase_combo.currentText()),
                lambda: staircase_edits.rename_phase(self.store, phase_id, title),
                self._current_id,
                self.form.errors.error_for("phase"),
            )

    def add_step(self) -> None:
        step = self.selected_step()
        index = None
        if step is not None and not step.retired:
            position = self.stair.index_of(step.id)
            index = None if position is None else position + 1
        title = self.tr("Nyt trin")
        on = self.effective_date()
        edit = self._run(
            self.tr("Nyt trin"),
            lambda: staircase_edits.add_step(self.store, title, index=index, on=on),
            None,
        )
        if edit is not None and edit.step_id is not None:
            self.select_step(edit.step_id)
            self.form.title_edit.setFocus()
            self.form.title_edit.selectAll()

    def move_selected(self, delta: int) -> None:
        step = self.selected_step()
        if step is None or step.retired:
            return
        position = self.stair.index_of(step.id)
        if position is None:
            return
        target = position + delta
        if not 0 <= target < len(self.stair.steps):
            return
        on = self.effective_date()
        self._run(
            self.tr("Flyt trin «%1»").replace("%1", step.title),
            lambda: staircase_edits.move_step(self.store, step.id, target, on),
            step.id,
        )

    def toggle_retired(self) -> None:
        step = self.selected_step()
        if step is None:
            return
        on = self.effective_date()
        if step.retired:
            self._run(
                self.tr("Genindsæt trin «%1»").replace("%1", step.title),
                lambda: staircase_edits.restore_step(self.store, step.id, on),
                step.id,
            )
        else:
            self._run(
                self.tr("Udgå trin «%1»").replace("%1", step.title),
                lambda: staircase_edits.retire_step(self.store, step.id, on),
                step.id,
            )

    def delete_selected(self) -> None:
        step = self.selected_step()
        if step is None:
            return
        try:
            staircase_model.check_deletable(self.store, step.id)  # the model's rule and words
        except TrappeError as exc:
            self.list_error.show_message(exc.message)
            return
        answer = QMessageBox.question(
            self,
            self.tr("Slet trin"),
            self.tr(
                "Slet trinnet «%1»? Ingen borger har stået på det. Du kan fortryde det."
            ).replace("%1", step.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._dirty = False
            self._run(
                self.tr("Slet trin «%1»").replace("%1", step.title),
                lambda: staircase_edits.delete_step(self.store, step.id),
                None,
            )
