"""The caseload pane: search as you type, filters, and the sortable list of citizens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trappe.model.citizens import CitizenQuery
from trappe.model.entities import NextMeetingFilter, Role, Status
from trappe.model.errors import TrappeError
from trappe.model.staircase import list_staff, list_target_groups, load_staircase
from trappe.model.store import Store
from trappe.ui.caseload_model import (
    COL_DAYS,
    COL_IDENTIFIER,
    COL_NAME,
    COL_NEXT_MEETING,
    COL_STEP,
    COL_TARGET_GROUP,
    CaseloadModel,
)
from trappe.ui.preferences import Preferences

SEARCH_DELAY_MS = 150
DEFAULT_STALE_WEEKS = 12


class CaseloadPane(QWidget):
    """Left side of the main window. Emits ``citizen_selected(id or None)``."""

    citizen_selected = Signal(object)
    error = Signal(str)

    def __init__(
        self,
        store: Store | None,
        prefs: Preferences,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._prefs = prefs
        self._today = today
        self._selected: int | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("caseload_search")
        self.search.setPlaceholderText(self.tr("Søg på navn, CPR- eller sagsnummer"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Søg borger"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.apply_filters)

        self.status = QComboBox(self)
        self.status.setObjectName("filter_status")
        self.status.addItem(self.tr("Aktive forløb"), Status.ACTIVE)
        self.status.addItem(self.tr("Afsluttede forløb"), Status.CLOSED)
        self.status.addItem(self.tr("Alle forløb"), None)
        self.status.setAccessibleName(self.tr("Status"))

        self.mine = QCheckBox(self.tr("Kun mine borgere"), self)
        self.mine.setObjectName("filter_mine")
        self.target_group = QComboBox(self)
        self.target_group.setObjectName("filter_target_group")
        self.target_group.setAccessibleName(self.tr("Målgruppe"))
        self.step = QComboBox(self)
        self.step.setObjectName("filter_step")
        self.step.setAccessibleName(self.tr("Nuværende trin"))
        self.next_meeting = QComboBox(self)
        self.next_meeting.setObjectName("filter_next_meeting")
        self.next_meeting.setAccessibleName(self.tr("Næste samtale"))
        for which, label in (
            (NextMeetingFilter.ANY, self.tr("Alle samtaler")),
            (NextMeetingFilter.OVERDUE, self.tr("Næste samtale overskredet")),
            (NextMeetingFilter.THIS_WEEK, self.tr("Samtale i denne uge")),
            (NextMeetingFilter.NEXT_WEEK, self.tr("Samtale i næste uge")),
            (NextMeetingFilter.NONE_PLANNED, self.tr("Ingen samtale aftalt")),
        ):
            self.next_meeting.addItem(label, which.value)
        self.stale = QCheckBox(self.tr("Ingen bevægelse i"), self)
        self.stale.setObjectName("filter_stale")
        self.stale_weeks = QSpinBox(self)
        self.stale_weeks.setRange(1, 520)
        self.stale_weeks.setValue(DEFAULT_STALE_WEEKS)
        self.stale_weeks.setSuffix(self.tr(" uger"))
        self.stale_weeks.setAccessibleName(self.tr("Antal uger uden bevægelse"))
        for combo in (self.target_group, self.step, self.next_meeting):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)

        for w in (self.status, self.target_group, self.step, self.next_meeting):
            w.currentIndexChanged.connect(self.apply_filters)
        for w in (self.mine, self.stale):
            w.toggled.connect(self.apply_filters)
        self.stale_weeks.valueChanged.connect(self._stale_weeks_changed)

        self.model = CaseloadModel(store, self, today=today)
        self.view = QTableView(self)
        self.view.setObjectName("caseload_view")
        self.view.setAccessibleName(self.tr("Borgere"))
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        fm = self.view.fontMetrics()
        indicator = 30  # room for the sort arrow
        for col, width in (
            (COL_IDENTIFIER, fm.horizontalAdvance("010190-****") + 16),
            (COL_TARGET_GROUP, fm.horizontalAdvance("Aktivitetspar") + 12),
            (COL_STEP, fm.horizontalAdvance(self.tr("Trin")) + indicator),
            (COL_DAYS, fm.horizontalAdvance(self.tr("Dage")) + indicator),
            (
                COL_NEXT_MEETING,
                max(
                    fm.horizontalAdvance("00-00-0000") + 20,
                    fm.horizontalAdvance(self.tr("Næste samtale")) + indicator,
                ),
            ),
        ):
            header.resizeSection(col, round(width))
        header.setMinimumSectionSize(36)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._update_count)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("caseload_count")

        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.status, 0, 0)
        filters.addWidget(self.mine, 0, 1)
        filters.addWidget(self.target_group, 1, 0)
        filters.addWidget(self.step, 1, 1)
        filters.addWidget(self.next_meeting, 2, 0)
        stale_row = QHBoxLayout()
        stale_row.addWidget(self.stale)
        stale_row.addWidget(self.stale_weeks)
        stale_row.addStretch(1)
        filters.addLayout(stale_row, 2, 1)
        filters.setColumnStretch(0, 1)
        filters.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self.reload_choices()
        self._update_count()

    # -- store and choices ---------------------------------------------------------------
    def set_store(self, store: Store | None) -> None:
        self._store = store
        self._selected = None
        self.reload_choices()
        self.model.set_store(store)
        self.apply_filters()

    def reload_choices(self) -> None:
        """Refill the target-group and step filters (after the staircase was edited)."""
        for combo, all_text, items in (
            (self.target_group, self.tr("Alle målgrupper"), self._group_items()),
            (self.step, self.tr("Alle trin"), self._step_items()),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_text, None)
            for text, value in items:
                combo.addItem(text, value)
            i = combo.findData(current)
            combo.setCurrentIndex(max(i, 0))
            combo.blockSignals(False)

    def _group_items(self) -> list[tuple[str, int]]:
        if self._store is None:
            return []
        return [(g.name, g.id) for g in list_target_groups(self._store)]

    def _step_items(self) -> list[tuple[str, int]]:
        if self._store is None:
            return []
        return [
            (f"{i + 1}. {s.title}", s.id) for i, s in enumerate(load_staircase(self._store).steps)
        ]

    # -- the query -------------------------------------------------------------------------
    def _my_staff_ids(self) -> tuple[int | None, int | None]:
        """(caseworker_id, consultant_id) of the staff row matching the user's name."""
        actor = self._prefs.actor()
        if self._store is None:
            return None, None
        role = Role.COMPANY_CONSULTANT if actor.role is Role.COMPANY_CONSULTANT else Role.CASEWORKER
        for s in list_staff(self._store, role):
            if s.name.casefold() == actor.name.casefold():
                return (s.id, None) if role is Role.CASEWORKER else (None, s.id)
        return -1, None  # nobody: "my citizens" is then an empty list, not everyone

    def current_query(self) -> CitizenQuery:
        caseworker_id = consultant_id = None
        if self.mine.isChecked():
            caseworker_id, consultant_id = self._my_staff_ids()
        return CitizenQuery(
            text=self.search.text(),
            status=self.status.currentData(),
            target_group_id=self.target_group.currentData(),
            step_id=self.step.currentData(),
            caseworker_id=caseworker_id,
            consultant_id=consultant_id,
            next_meeting=NextMeetingFilter(self.next_meeting.currentData()),
            stale_weeks=self.stale_weeks.value() if self.stale.isChecked() else None,
        )

    def apply_filters(self) -> None:
        """Run the search now (the search box calls this ~150 ms after the last keystroke)."""
        self._timer.stop()
        try:
            self.model.set_query(self.current_query())
        except TrappeError as exc:
            self.error.emit(exc.message)
            return
        self._reselect()

    def _stale_weeks_changed(self) -> None:
        if self.stale.isChecked():
            self.apply_filters()

    def refresh(self, select_id: int | None = None) -> None:
        """Re-read the list after a change, keeping (or moving to) the selected citizen."""
        if select_id is not None:
            self._selected = select_id
        try:
            self.model.refresh()
        except TrappeError as exc:
            self.error.emit(exc.message)
            return
        self._reselect()

    def _reselect(self) -> None:
        if self._selected is None:
            return
        # Touch the first page so row_of can find the citizen without scanning everything.
        if self.model.rowCount() > 0:
            self.model.citizen_id(0)
        row = self.model.row_of(self._selected)
        if row is None:
            return
        sel = self.view.selectionModel()
        sel.blockSignals(True)
        index = self.model.index(row, COL_NAME)
        sel.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        sel.blockSignals(False)
        self.view.viewport().update()
        self.view.scrollTo(index)

    def _update_count(self) -> None:
        n = self.model.rowCount()
        text = f"{n:,}".replace(",", ".")
        self.count_label.setText(
            self.tr("1 borger") if n == 1 else self.tr("%1 borgere").replace("%1", text)
        )

    # -- selection ----------------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        citizen_id = self.model.citizen_id(current.row()) if current.isValid() else None
        if citizen_id == self._selected:
            return
        self._selected = citizen_id
        self.citizen_selected.emit(citizen_id)

    def select_citizen(self, citizen_id: int) -> bool:
        """Select a citizen if they are in the list; returns whether they were found."""
        self._selected = citizen_id
        self._reselect()
        return self.model.row_of(citizen_id) is not None

    def selected_id(self) -> int | None:
        return self._selected

    def clear_selection(self) -> None:
        self._selected = None
        self.view.selectionModel().clearSelection()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def filtered_ids(self) -> list[int]:
        return self.model.all_ids()

    # Used by tests and the window to find columns by name.
    COLUMNS: ClassVar[dict[str, int]] = {
        "name": COL_NAME,
        "identifier": COL_IDENTIFIER,
        "target_group": COL_TARGET_GROUP,
        "step": COL_STEP,
        "days": COL_DAYS,
        "next_meeting": COL_NEXT_MEETING,
    }
