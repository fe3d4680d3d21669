"""Mål og målinger → Sæt mål: the dialog for a result target of a target group (or all)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from trappe.model import snapshots
from trappe.model import staircase as staircase_model
from trappe.model.errors import TrappeError
from trappe.model.measures import METHOD_LABELS_DA, Method
from trappe.model.store import Store
from trappe.ui.widgets import DateEdit


class TargetDialog(QDialog):
    """A result target: "+10 procentpoint by 31-12-2027" for a target group (or all)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Resultatmål"))
        self.group = QComboBox()
        self.group.addItem(self.tr("Alle borgere"), None)
        for g in staircase_model.list_target_groups(store):
            self.group.addItem(g.name, g.id)
        self.change = QDoubleSpinBox()
        self.change.setRange(-100, 100)
        self.change.setDecimals(1)
        self.change.setValue(10)
        self.change.setSuffix(self.tr(" procentpoint"))
        self.baseline = DateEdit(date.today() - timedelta(days=365), field="baseline")
        self.due = DateEdit(date(date.today().year + 1, 12, 31), field="due_on")
        self.method = QComboBox()
        for m in Method:
            self.method.addItem(METHOD_LABELS_DA[m], m.value)
        self.error = QLabel()
        form = QFormLayout(self)
        form.addRow(self.tr("&Målgruppe:"), self.group)
        form.addRow(self.tr("Æ&ndring:"), self.change)
        form.addRow(self.tr("&Baseline:"), self.baseline)
        form.addRow(self.tr("&Frist:"), self.due)
        form.addRow(self.tr("Me&tode:"), self.method)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        try:
            snapshots.set_target(
                self.store, self.group.currentData(), self.baseline.date() or date.today(),
                self.change.value(), self.due.date() or date.today(),
                Method(self.method.currentData()),
            )  # fmt: skip
        except TrappeError as exc:
            self.error.setText(exc.message)
            return
        super().accept()
