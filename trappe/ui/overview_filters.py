"""The overview's filter bar: the period, the baseline and what to compare with, the scope
(target groups, caseworkers, company consultants), the weeks without movement, the busy bar with
its cancel button, and the status line. The window asks it for ``dates()`` and ``scope()``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trappe.model import snapshots
from trappe.model import staircase as staircase_model
from trappe.model.entities import Role
from trappe.model.errors import TrappeError
from trappe.model.formatting import format_date
from trappe.model.measures import METHOD_SHORT_DA, Scope
from trappe.model.snapshots import Snapshot
from trappe.model.store import Store
from trappe.ui.widgets import DateEdit


class MultiPicker(QToolButton):
    """A button with a checkable list: any number of target groups, caseworkers, … ."""

    changed = Signal()

    def __init__(self, label: str, items: list[tuple[int, str]], parent: Any = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QMenu

        self.label = label
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.actions_ = []
        for item_id, name in items:
            action = self.menu_.addAction(name)
            action.setCheckable(True)
            action.setData(item_id)
            action.toggled.connect(self._changed)
            self.actions_.append(action)
        self.setMenu(self.menu_)
        self._changed()

    def _changed(self) -> None:
        n = len(self.ids())
        self.setText(f"{self.label}: " + (self.tr("alle") if n == 0 else str(n)))
        self.setAccessibleName(self.text())
        self.changed.emit()

    def ids(self) -> tuple[int, ...]:
        return tuple(a.data() for a in self.actions_ if a.isChecked())


class OverviewFilters(QWidget):
    """The filters above the overview's tabs (the buttons are connected by the window)."""

    def __init__(self, store: Store, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        self.end_edit = DateEdit(self.today, field="to", label=self.tr("Slutdatoen"))
        year_ago = self.today - timedelta(days=365)
        self.start_edit = DateEdit(year_ago, field="from", label=self.tr("Startdatoen"))
        self.baseline_edit = DateEdit(year_ago, field="baseline", label=self.tr("Baseline"))
        self.compare_combo = QComboBox()
        self.compare_combo.setAccessibleName(self.tr("Sammenlign med"))
        groups = [(g.id, g.name) for g in staircase_model.list_target_groups(self.store)]
        caseworkers = [
            (s.id, s.name) for s in staircase_model.list_staff(self.store, Role.CASEWORKER)
        ]
        consultants = [
            (s.id, s.name) for s in staircase_model.list_staff(self.store, Role.COMPANY_CONSULTANT)
        ]
        self.group_picker = MultiPicker(self.tr("Målgrupper"), groups)
        self.caseworker_picker = MultiPicker(self.tr("Sagsbehandlere"), caseworkers)
        self.consultant_picker = MultiPicker(self.tr("Virksomhedskonsulenter"), consultants)
        self.weeks_spin = QSpinBox()
        self.weeks_spin.setRange(1, 104)
        self.weeks_spin.setValue(12)
        self.weeks_spin.setSuffix(self.tr(" uger"))
        self.weeks_spin.setAccessibleName(self.tr("Ingen bevægelse i antal uger"))
        self.refresh_button = QPushButton(self.tr("&Opdatér"))
        self.report_button = QPushButton(self.tr("&Rapport …"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName(self.tr("Beregner"))
        self.cancel_button = QPushButton(self.tr("&Annullér"))
        self.status = QLabel()
        self.status.setWordWrap(True)

        grid = QGridLayout()
        row = 0
        for col, (text, widget) in enumerate(
            (
                (self.tr("Periode &fra:"), self.start_edit),
                (self.tr("&til:"), self.end_edit),
                (self.tr("&Baseline:"), self.baseline_edit),
                (self.tr("&Sammenlign med:"), self.compare_combo),
            )
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, 2 * col)
            grid.addWidget(widget, row, 2 * col + 1)
        grid.setColumnStretch(8, 1)
        scope_row = QHBoxLayout()
        scope_row.addWidget(QLabel(self.tr("Udvalg:")))
        for w in (self.group_picker, self.caseworker_picker, self.consultant_picker):
            scope_row.addWidget(w)
        scope_row.addWidget(QLabel(self.tr("Ingen bevægelse i:")))
        scope_row.addWidget(self.weeks_spin)
        scope_row.addStretch(1)
        scope_row.addWidget(self.refresh_button)
        scope_row.addWidget(self.report_button)
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.progress, 1)
        busy_row.addWidget(self.cancel_button)
        self.busy = QWidget()
        self.busy.setLayout(busy_row)
        busy_row.setContentsMargins(0, 0, 0, 0)
        self.busy.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(scope_row)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        self.fill_compare()

    def fill_compare(self) -> None:
        self.compare_combo.clear()
        self.compare_combo.addItem(self.tr("Baseline"), None)
        for s in snapshots.list_snapshots(self.store):
            self.compare_combo.addItem(
                f"{s.name} ({format_date(s.measured_on)}, {METHOD_SHORT_DA[s.method]})", s.id
            )

    def scope(self) -> Scope:
        return Scope(
            self.group_picker.ids(), self.caseworker_picker.ids(), self.consultant_picker.ids()
        )

    def dates(self) -> tuple[date, date, date] | None:
        try:
            end = self.end_edit.date() or self.today
            start = self.start_edit.date() or end - timedelta(days=365)
            baseline = self.baseline_edit.date() or start
        except TrappeError as exc:
            self.status.setText(exc.message)
            return None
        if start > end or baseline > end:
            self.status.setText(self.tr("Start og baseline skal ligge før slutdatoen."))
            return None
        return start, end, baseline

    def start_busy(self, text: str) -> None:
        """Show the progress bar (with its cancel button) from 0 %, and say what is computed."""
        self.busy.show()
        self.progress.setValue(0)
        self.status.setText(text)

    def progressed(self, pct: int, text: str) -> None:
        self.progress.setValue(pct)
        self.progress.setFormat(f"{text} %p%")

    def compared_snapshot(self) -> Snapshot | None:
        """The stored measurement chosen under "Sammenlign med" (None: the baseline)."""
        compare_id = self.compare_combo.currentData()
        if compare_id is None:
            return None
        try:
            return snapshots.get_snapshot(self.store, compare_id)
        except TrappeError:
            return None
