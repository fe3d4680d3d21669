"""Settings → Samtaler: how often each target group is seen (the next-meeting suggestion).

One row for the default and one per target group. A group follows the default until its own
interval is switched on. Each change is saved at once (``intervals.set_interval``); the model
checks the values, and a refusal shows below the table.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trappe.model import intervals
from trappe.model import staircase as staircase_model
from trappe.model.errors import TrappeError
from trappe.model.intervals import MeetingInterval
from trappe.model.store import Store
from trappe.ui.widgets import FieldError, hint_label


class IntervalRow:
    """The widgets of one row: own interval on/off, every N weeks, M months at K weeks."""

    def __init__(self, name: str, group_id: int | None, parent: QWidget) -> None:
        self.group_id = group_id
        self.name = name
        self.label = QLabel(name, parent)
        self.label.setWordWrap(True)
        self.own = (
            QCheckBox(QCoreApplication.translate("IntervalEditor", "Eget interval"), parent)
            if group_id is not None
            else None
        )
        self.weeks = self._spin(
            parent, 1, intervals.MAX_WEEKS, QCoreApplication.translate("IntervalEditor", " uger")
        )
        self.first_months = self._spin(
            parent, 0, intervals.MAX_MONTHS, QCoreApplication.translate("IntervalEditor", " mdr.")
        )
        self.first_months.setSpecialValueText(QCoreApplication.translate("IntervalEditor", "ingen"))
        self.first_weeks = self._spin(
            parent, 1, intervals.MAX_WEEKS, QCoreApplication.translate("IntervalEditor", " uger")
        )
        self.weeks.setAccessibleName(
            QCoreApplication.translate("IntervalEditor", "Uger mellem samtaler, %1").replace(
                "%1", name
            )
        )
        self.first_months.setAccessibleName(
            QCoreApplication.translate(
                "IntervalEditor", "Måneder med tættere opfølgning, %1"
            ).replace("%1", name)
        )
        self.first_weeks.setAccessibleName(
            QCoreApplication.translate(
                "IntervalEditor", "Uger mellem samtaler i starten, %1"
            ).replace("%1", name)
        )
        if self.own is not None:
            self.own.setAccessibleName(
                QCoreApplication.translate("IntervalEditor", "Eget interval for %1").replace(
                    "%1", name
                )
            )

    @staticmethod
    def _spin(parent: QWidget, low: int, high: int, suffix: str) -> QSpinBox:
        spin = QSpinBox(parent)
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        spin.setKeyboardTracking(False)  # save when the value is done, not per digit
        return spin

    def widgets(self) -> list[QWidget]:
        return [self.weeks, self.first_months, self.first_weeks]

    def show(self, interval: MeetingInterval, own: bool) -> None:
        for spin, value in (
            (self.weeks, interval.weeks),
            (self.first_months, interval.first_months),
            (self.first_weeks, interval.first_weeks or interval.weeks),
        ):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        if self.own is not None:
            self.own.blockSignals(True)
            self.own.setChecked(own)
            self.own.blockSignals(False)
        editable = own or self.own is None
        for spin in self.widgets():
            spin.setEnabled(editable)
        self.first_weeks.setEnabled(editable and interval.first_months > 0)


class IntervalEditor(QWidget):
    """The intervals of the default and of every active target group."""

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.error = FieldError()
        self.rows: list[IntervalRow] = []
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Næste samtale foreslås ud fra borgerens målgruppe: en samtale hver N. uge, "
                    "og tættere i de første måneder af forløbet, hvis I ønsker det."
                )
            )
        )
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.error)
        self._groups: list[tuple[str, int | None]] = []
        self.rebuild()

    def rebuild(self) -> None:
        """One row per active target group (again, after the groups were edited)."""
        groups = [(self.tr("Standard (alle målgrupper uden eget interval)"), None)] + [
            (g.name, g.id) for g in staircase_model.list_target_groups(self.store)
        ]
        if groups == self._groups:
            self.reload()
            return
        self._groups = groups
        body = QWidget()
        grid = QGridLayout(body)
        for column, text in enumerate(
            ("", "", self.tr("Samtale hver"), self.tr("De første"), self.tr("samtale hver"))
        ):
            grid.addWidget(QLabel(f"<b>{text}</b>" if text else ""), 0, column)
        self.rows = []
        for r, (name, group_id) in enumerate(groups, start=1):
            row = IntervalRow(name, group_id, body)
            grid.addWidget(row.label, r, 0)
            if row.own is not None:
                grid.addWidget(row.own, r, 1)
                row.own.toggled.connect(lambda on, row=row: self._own_toggled(row, on))
            for column, spin in enumerate(row.widgets(), start=2):
                grid.addWidget(spin, r, column)
                spin.valueChanged.connect(lambda _v, row=row: self._save(row))
            self.rows.append(row)
        grid.setColumnStretch(0, 1)
        grid.setRowStretch(len(groups) + 1, 1)
        self.scroll.setWidget(body)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        self.rebuild()
        super().showEvent(event)

    def reload(self) -> None:
        own = {i.target_group_id: i for i in intervals.list_intervals(self.store)}
        default = own.get(None, intervals.FALLBACK)
        for row in self.rows:
            interval = own.get(row.group_id, default)
            row.show(interval, row.group_id is None or row.group_id in own)

    def row_for(self, group_id: int | None) -> IntervalRow:
        return next(r for r in self.rows if r.group_id == group_id)

    def _own_toggled(self, row: IntervalRow, on: bool) -> None:
        self.error.clear_message()
        try:
            if on:
                self._save(row)
                return
            assert row.group_id is not None
            intervals.clear_interval(self.store, row.group_id)
        except TrappeError as exc:
            self.error.show_message(exc.message)
        self.reload()
        self.changed.emit()

    def _save(self, row: IntervalRow) -> None:
        self.error.clear_message()
        months = row.first_months.value()
        try:
            intervals.set_interval(
                self.store,
                row.group_id,
                row.weeks.value(),
                months,
                row.first_weeks.value() if months else None,
            )
        except TrappeError as exc:
            self.error.show_message(exc.message)
        self.reload()
        self.changed.emit()
