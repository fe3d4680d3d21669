"""The history pane's meetings list as an item model and a flat table view.

A citizen with two hundred meetings must open at once, so nothing is built per row up front:
the model holds the record's meetings and makes each cell's text when the view asks for it
(only the rows on screen). ``RowRef`` lets item-style code (tests, accessibility tools) reach
a row of this list or of the open agreements (``history_lists``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from trappe.model.entities import Meeting, Staircase
from trappe.model.formatting import format_date

Index = QModelIndex | QPersistentModelIndex
MEETING_ROLE = Qt.ItemDataRole.UserRole + 2


# -- meetings --------------------------------------------------------------------------------
class MeetingsModel(QAbstractTableModel):
    """The meetings, newest first: date, steps (● professionals, ▲ citizen), participants."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._meetings: list[Meeting] = []
        self._staircase: Staircase | None = None
        self.headers = [
            QCoreApplication.translate("HistoryPane", "Dato"),
            QCoreApplication.translate("HistoryPane", "Trin"),
            QCoreApplication.translate("HistoryPane", "Deltagere"),
        ]

    def set_meetings(self, staircase: Staircase | None, meetings: list[Meeting]) -> None:
        self.beginResetModel()
        self._staircase = staircase
        self._meetings = list(reversed(meetings))
        self.endResetModel()

    def meeting(self, row: int) -> Meeting | None:
        return self._meetings[row] if 0 <= row < len(self._meetings) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._meetings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # The tree view asks for every row's index when it lays the list out; Qt's own
        # ``index`` would call back into Python twice per row (rowCount, columnCount).
        if parent.isValid() or not (0 <= row < len(self._meetings) and 0 <= column < 3):
            return QModelIndex()
        return self.createIndex(row, column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == 1:
            return QCoreApplication.translate(
                "HistoryPane", "● fagpersonernes placering, ▲ borgerens egen placering"
            )
        return None

    def _number(self, step_id: int | None) -> int | None:
        sc = self._staircase
        if sc is None or step_id is None:
            return None
        idx = sc.index_of(step_id)
        return None if idx is None else idx + 1

    def _label(self, step_id: int | None) -> str:
        sc = self._staircase
        step = sc.step(step_id) if sc is not None and step_id is not None else None
        if step is None:
            return ""
        number = self._number(step_id)
        return f"{number}. {step.title}" if number is not None else step.title

    def steps_text(self, m: Meeting) -> str:
        """'● 4  ▲ 5': the professionals' and the citizen's step, as numbers."""
        parts = []
        for mark, step_id in (("●", m.professional_step_id), ("▲", m.citizen_step_id)):
            number = self._number(step_id)
            if number is not None:
                parts.append(f"{mark} {number}")
        return "  ".join(parts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        m = self.meeting(index.row()) if index.isValid() else None
        if m is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return format_date(m.held_on)
            if column == 1:
                return self.steps_text(m)
            return m.participants
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 1:
                lines = [
                    QCoreApplication.translate("HistoryPane", "Fagpersoner: %1").replace(
                        "%1", self._label(m.professional_step_id)
                    )
                ]
                if m.citizen_step_id:
                    lines.append(
                        QCoreApplication.translate("HistoryPane", "Borgeren: %1").replace(
                            "%1", self._label(m.citizen_step_id)
                        )
                    )
                return "\n".join(lines)
            if column == 2:
                return m.participants or None
        if role == MEETING_ROLE:
            return m.id
        return None


@dataclass
class RowRef:
    """One row of a list, as item-style code (and tests) expect to reach it."""

    view: QAbstractItemView
    row: int

    def index(self, column: int = 0) -> QModelIndex:
        return self.view.model().index(self.row, column)

    def text(self, column: int = 0) -> str:
        value = self.index(column).data(Qt.ItemDataRole.DisplayRole)
        return "" if value is None else str(value)

    def data(self, column: int, role: int) -> object:
        return self.index(column).data(role)

    def checkState(self) -> Qt.CheckState:
        return Qt.CheckState(self.index().data(Qt.ItemDataRole.CheckStateRole))

    def setCheckState(self, state: Qt.CheckState) -> None:
        self.view.model().setData(self.index(), state, Qt.ItemDataRole.CheckStateRole)


class MeetingList(QTreeView):
    """The meetings as a flat table view (uniform row heights: no row is measured)."""

    shown = Signal()  # the list became visible (its tab brought to the front)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(MeetingsModel(self))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

    def model(self) -> MeetingsModel:  # type: ignore[override]
        return super().model()  # type: ignore[return-value]

    def topLevelItemCount(self) -> int:
        return self.model().rowCount()

    def topLevelItem(self, row: int) -> RowRef | None:
        return RowRef(self, row) if 0 <= row < self.topLevelItemCount() else None

    def currentItem(self) -> RowRef | None:
        index = self.currentIndex()
        return RowRef(self, index.row()) if index.isValid() else None

    def setCurrentItem(self, item: RowRef) -> None:
        self.setCurrentIndex(item.index())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()
