"""The caseload pane: search as you type, filters, and the sortable list of citizens.

Keyboard: Down in the search box goes to the first match in the list, Enter selects the first
match and stays in the search box (so *Registrér møde* works right away), Escape clears the
search. Tab leaves the list (it does not walk its cells), and moving through the rows with the
arrow keys opens a citizen only where the user stops, so passing rows neither opens nor logs
every citizen on the way.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QTimer,
    Signal,
)
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

from trappe.model.caseload import citizen_matches
from trappe.model.caseload_query import CitizenQuery
from trappe.model.entities import NextMeetingFilter, Role, Staircase, Status
from trappe.model.errors import TrappeError
from trappe.model.municipality import list_staff, list_target_groups
from trappe.model.staircase_reading import load_staircase
from trappe.model.store import Store
from trappe.ui.accessibility import accessible_label, announce
from trappe.ui.after_paint import after_first_paint
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
OPEN_DELAY_MS = 400  # arrow keys: open the citizen the user stops on, not every row passed
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
        self._pending: int | None = None
        self._search_unlogged = False
        self._open_timer = QTimer(self)
        self._open_timer.setSingleShot(True)
        self._open_timer.setInterval(OPEN_DELAY_MS)
        self._open_timer.timeout.connect(self._open_pending)

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
        self.search.installEventFilter(self)

        self.status = QComboBox(self)
        self.status.setObjectName("filter_status")
        self.status.addItem(self.tr("Aktive forløb"), Status.ACTIVE)
        self.status.addItem(self.tr("Afsluttede forløb"), Status.CLOSED)
        self.status.addItem(self.tr("Alle forløb"), None)
        self.status.setAccessibleName(self.tr("Forløb"))

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
        # (Its header's titles held by Qt, marked sorted by name, sorting on a click.)
        self.model.show_in(self.view)
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
        # (Qt's defaults: a horizontal scroll bar as needed, long texts elided on the right.)
        self.view.setTabKeyNavigation(False)  # Tab leaves the list instead of walking cells
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.pressed.connect(lambda _index: self._open_pending())  # a click opens at once
        self.view.activated.connect(lambda _index: self._open_pending())  # Enter, double-click
        self.model.modelReset.connect(self._update_count)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("caseload_count")

        # Each combo has a visible label pointing at it: on Linux a screen reader takes a
        # combo's name from its label (without one it would say only "Alle trin"). A field
        # without a name of its own gets its label's (what ``name_fields`` does; done here,
        # as the label is made: walking the pane would wrap every widget of the list, some
        # 3 ms before the window's first paint).
        def label(text: str, buddy: QWidget) -> QLabel:
            lab = QLabel(text, self)
            lab.setBuddy(buddy)
            if not buddy.accessibleName():
                buddy.setAccessibleName(accessible_label(text))
            return lab

        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setHorizontalSpacing(6)
        filters.addWidget(label(self.tr("F&orløb:"), self.status), 0, 0)
        filters.addWidget(self.status, 0, 1)
        filters.addWidget(self.mine, 0, 2, 1, 2)
        filters.addWidget(label(self.tr("&Målgruppe:"), self.target_group), 1, 0)
        filters.addWidget(self.target_group, 1, 1)
        filters.addWidget(label(self.tr("&Trin:"), self.step), 1, 2)
        filters.addWidget(self.step, 1, 3)
        filters.addWidget(label(self.tr("&Samtale:"), self.next_meeting), 2, 0)
        filters.addWidget(self.next_meeting, 2, 1)
        stale_row = QHBoxLayout()
        stale_row.addWidget(self.stale)
        stale_row.addWidget(self.stale_weeks)
        stale_row.addStretch(1)
        filters.addLayout(stale_row, 2, 2, 1, 2)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self.reload_choices()
        self._update_count()

    def name_clear_button(self) -> None:
        """Give the search's clear button its name (the window does, just after its first
        paint: reaching the button from Python makes QToolButton's Python type, some 2 ms)."""
        from PySide6.QtWidgets import QToolButton

        for button in self.search.findChildren(QToolButton):  # the clear button
            button.setAccessibleName(self.tr("Ryd søgningen"))

    # -- store and choices ---------------------------------------------------------------
    def set_store(self, store: Store | None, staircase: Staircase | None = None) -> None:
        """Show ``store``'s citizens as the filters ask (one read; ``staircase``: the store's,
        if the caller has just read it). The search is logged as every search is, but just
        after the window's first paint: the list shows sooner."""
        self.log_pending_search()
        self._store = store
        self._selected = None
        self.reload_choices(staircase)
        try:
            self.model.set_store(store, self.current_query(), staircase)
        except TrappeError as exc:
            self.error.emit(exc.message)
            return
        if store is not None:
            self._search_unlogged = True
            after_first_paint(self.window(), self.log_pending_search)

    def drop_pending_search(self) -> None:
        """Forget the unlogged search (its file turned out damaged: nothing is written)."""
        self._search_unlogged = False

    def log_pending_search(self) -> None:
        """Write the search ``set_store`` ran to the audit log, if not yet written (also
        before the store is closed or replaced)."""
        if self._search_unlogged:
            self._search_unlogged = False
            try:
                self.model.log_search()
            except TrappeError as exc:
                self.error.emit(exc.message)

    def reload_choices(self, staircase: Staircase | None = None) -> None:
        """Refill the target-group and step filters (after the staircase was edited)."""
        for combo, all_text, items in (
            (self.target_group, self.tr("Alle målgrupper"), self._group_items()),
            (self.step, self.tr("Alle trin"), self._step_items(staircase)),
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

    def _step_items(self, staircase: Staircase | None = None) -> list[tuple[str, int]]:
        if self._store is None:
            return []
        steps = (staircase or load_staircase(self._store)).steps
        return [(f"{i + 1}. {s.title}", s.id) for i, s in enumerate(steps)]

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
        """Run the search now (the search box calls this ~150 ms after the last keystroke).

        A citizen the new filters leave out also leaves the detail pane.
        """
        self._timer.stop()
        self.log_pending_search()
        try:
            query = self.current_query()
            self.model.set_query(query)
            gone = (
                self._selected is not None
                and self._store is not None
                and not citizen_matches(self._store, query, self._selected)
            )
        except TrappeError as exc:
            self.error.emit(exc.message)
            return
        if gone:
            self.clear_selection()
            self.citizen_selected.emit(None)
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
        """The current row moved: open that citizen once the user stops (or clicks)."""
        self._pending = self.model.citizen_id(current.row()) if current.isValid() else None
        self._open_timer.start()

    def _open_pending(self) -> None:
        self._open_timer.stop()
        citizen_id = self._pending
        if citizen_id == self._selected:
            return
        self._selected = citizen_id
        self.citizen_selected.emit(citizen_id)

    # -- the keyboard in the search box ------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            from PySide6.QtCore import Qt

            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.select_first_match(focus_list=key == Qt.Key.Key_Down)
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                self.apply_filters()
                announce(self.search, self.tr("Søgningen er ryddet."))
                return True
        return super().eventFilter(obj, event)

    def select_first_match(self, *, focus_list: bool = False) -> int | None:
        """Search now and open the first match (Enter, or Down into the list)."""
        if self._timer.isActive() or self.model.query.text != self.search.text():
            self.apply_filters()
        if self.model.rowCount() == 0:
            announce(self.search, self.tr("Ingen borgere passer til søgningen."))
            return None
        index = self.model.index(0, COL_NAME)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        self._open_pending()
        if focus_list:
            from PySide6.QtCore import Qt

            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            n = self.model.rowCount()
            announce(
                self.search,
                self.tr("%1 valgt, 1 af %2.")
                .replace("%1", str(index.data() or ""))
                .replace("%2", f"{n:,}".replace(",", ".")),
            )
        return self._selected

    def select_citizen(self, citizen_id: int) -> bool:
        """Select a citizen if they are in the list; returns whether they were found."""
        self._selected = citizen_id
        self._reselect()
        return self.model.row_of(citizen_id) is not None

    def selected_id(self) -> int | None:
        return self._selected

    def clear_selection(self) -> None:
        self._open_timer.stop()
        self._selected = self._pending = None
        sel = self.view.selectionModel()
        sel.blockSignals(True)
        sel.clear()
        sel.blockSignals(False)
        self.view.viewport().update()

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

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
