"""The caseload as a table model that sorts and filters in SQL (docs/architecture.md, "The layers").

The model is *windowed*: ``rowCount`` is the SQL count, and rows are read a page at a time
when the view asks for them, with a small page cache. The pages come from the model's
``CaseloadView`` (keyset paging, or the sorted ids of a small result), so a page costs the
same wherever it is in the list: scrolling 240,000 citizens is linear, and jumping to the end
reads one page. Each executed search (a new query) is written once to the audit log.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QByteArray, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel

from trappe.model.caseload import SMALL, CaseloadView, CitizenQuery, CitizenRow
from trappe.model.caseload_rows import built
from trappe.model.entities import Staircase, Status
from trappe.model.frozen import replace
from trappe.model.staircase_reading import load_staircase
from trappe.model.store import Store
from trappe.model.validation import format_date

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QHeaderView, QTableView

log = logging.getLogger("trappe.ui.caseload")

PAGE_SIZE = 50  # about a screen: the first screen of a new query reads one page
MAX_CACHED_PAGES = 40
READ_AHEAD = 4  # pages read at once while scrolling on
# The roles (``Qt.ItemDataRole``) and the alignment as plain ints, compared by value: the
# start's first paint asks for them, and PySide makes the Python enums of the whole ``Qt``
# namespace (some 30 ms) the first time anything in it is used. The first paint goes without
# them: no ``flags`` (the base class's, enabled and selectable, is what the list needs), the
# header's words held by Qt (``show_in``), sorting switched on after the first paint.
_DISPLAY = 0  # DisplayRole
_DECORATION = 1  # DecorationRole
_TOOLTIP = 3  # ToolTipRole
_FONT = 6  # FontRole
_ALIGNMENT = 7  # TextAlignmentRole
_BACKGROUND = 8  # BackgroundRole
_FOREGROUND = 9  # ForegroundRole
_ACCESSIBLE = 11  # AccessibleTextRole
_USER = 256  # UserRole
_ALIGN_RIGHT = 0x0002 | 0x0080  # AlignRight | AlignVCenter

Index = QModelIndex | QPersistentModelIndex

# Named columns: (sort key in the model, header).
COL_NAME, COL_IDENTIFIER, COL_TARGET_GROUP, COL_STEP, COL_DAYS, COL_NEXT_MEETING = range(6)
SORT_KEYS = {
    COL_NAME: "name",
    COL_IDENTIFIER: "identifier",
    COL_TARGET_GROUP: "target_group",
    COL_STEP: "step",
    COL_DAYS: "days_on_step",
    COL_NEXT_MEETING: "next_meeting",
}

CITIZEN_ID_ROLE = _USER + 1
OVERDUE_ROLE = _USER + 2

_HEADER_STATE_V0 = bytes.fromhex("000000ff00000000")  # QHeaderView.saveState: marker, version 0

OVERDUE_BACKGROUND = QColor("#f8d7d3")
OVERDUE_FOREGROUND = QColor("#8a1c10")


class CaseloadModel(QAbstractTableModel):
    """Citizens matching a ``CitizenQuery``, read page by page from the store."""

    def __init__(
        self,
        store: Store | None = None,
        parent: Any = None,
        *,
        today: Callable[[], date] = date.today,
        page_size: int = PAGE_SIZE,
        small_result: int = SMALL,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._today = today
        self._page_size = page_size
        self._small_result = small_result
        self._query = CitizenQuery()
        self._count = 0
        self._view: CaseloadView | None = None
        # Pages of rows, some left raw until shown (``CaseloadView.page``, ``built``).
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._last_page_no, self._last_page = -1, []  # the page a paint is reading
        self._texts: dict[int, tuple[str, ...]] = {}  # row -> the words it shows
        self._day = today()
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        # Colours, which the view paints as brushes (a QBrush made here would make PySide build
        # the ``Qt`` enums for its default style: see the roles above).
        self._overdue_bg = OVERDUE_BACKGROUND
        self._overdue_fg = OVERDUE_FOREGROUND
        self._colours: dict[int, QColor] = {}
        self._headers = [
            self.tr("Navn"),
            self.tr("Id"),
            self.tr("Målgruppe"),
            self.tr("Trin"),
            self.tr("Dage"),
            self.tr("Næste samtale"),
        ]
        self._columns = len(self._headers)
        self._header_tips = [
            self.tr("Borgerens navn"),
            self.tr("CPR-nummer (maskeret) eller sagsnummer"),
            self.tr("Målgruppe"),
            self.tr("Fagpersonernes nuværende placering"),
            self.tr("Dage på det nuværende trin"),
            self.tr("Dato for næste samtale"),
        ]
        self._reload(log_search=False, colours=True)

    # -- the query ---------------------------------------------------------------------
    @property
    def query(self) -> CitizenQuery:
        return self._query

    def set_store(
        self,
        store: Store | None,
        query: CitizenQuery | None = None,
        staircase: Staircase | None = None,
    ) -> None:
        """Read from ``store``; with ``query``, run that search in the same read (keeping the
        current sort order; not logged here: see ``log_search``). ``staircase``: the store's,
        if the caller has just read it (for the steps' colours)."""
        self._store = store
        self.beginResetModel()
        if query is not None:
            self._query = replace(
                query, order_by=self._query.order_by, descending=self._query.descending
            )
        self._reload(log_search=False, colours=True, staircase=staircase)
        self.endResetModel()

    def log_search(self) -> None:
        """Write the current search to the audit log (as ``set_query`` does for each)."""
        if self._store is not None and self._view is not None:
            from trappe.model import audit

            audit.log_search(self._store, self._view.query.criteria(), self._count)

    def set_query(self, query: CitizenQuery) -> None:
        """Run a new search (logged), keeping the current sort order."""
        query = replace(query, order_by=self._query.order_by, descending=self._query.descending)
        self.beginResetModel()
        self._query = query
        self._reload(log_search=True)
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read after a change (not a new search; not logged)."""
        self.beginResetModel()
        self._reload(log_search=False, colours=True)
        self.endResetModel()

    def _reload(
        self, *, log_search: bool, colours: bool = False, staircase: Staircase | None = None
    ) -> None:
        """Run the query anew; ``colours``: re-read the steps' colours too (a new store, or a
        change that may have touched the staircase; a new search or order cannot)."""
        self._pages.clear()
        self._texts.clear()
        self._last_page_no, self._last_page = -1, []
        self._day = self._today()
        if self._store is None:
            self._count = 0
            self._view = None
            return
        q = replace(self._query, today=self._day)
        self._view = CaseloadView(self._store, q, small=self._small_result)
        self._count = self._view.count
        if colours or not self._colours:
            staircase = staircase or load_staircase(self._store)
            steps = [*staircase.steps, *staircase.retired]
            self._colours = {s.id: QColor(s.colour) for s in steps}
        if log_search:
            from trappe.model import audit

            audit.log_search(self._store, q.criteria(), self._count)

    def _row(self, row: int) -> CitizenRow | None:
        if self._view is None or not 0 <= row < self._count:
            return None
        page_no, offset = divmod(row, self._page_size)
        if page_no == self._last_page_no:  # the page just read (a paint asks row by row)
            page = self._last_page
            return built(page, offset) if offset < len(page) else None
        page = self._pages.get(page_no)
        if page is None:
            # Scrolling on from the page before reads a few pages in one go (a page costs a
            # query of its own); a first screen or a jump reads just its page.
            size = self._page_size
            last = (self._count - 1) // size
            if page_no - 1 in self._pages:  # scrolling down
                first, n = page_no, min(READ_AHEAD, last - page_no + 1)
            elif page_no + 1 in self._pages:  # scrolling up
                first = max(0, page_no - READ_AHEAD + 1)
                n = page_no - first + 1
            else:
                first, n = page_no, 1
            rows = self._view.page(first * size, size * n)
            for k in sorted(range(n), key=lambda k: k == page_no - first):  # asked-for: newest
                self._pages[first + k] = rows[k * size : (k + 1) * size]
            page = self._pages[page_no]
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        self._last_page_no, self._last_page = page_no, page
        return built(page, offset) if offset < len(page) else None

    def _overdue(self, r: CitizenRow) -> bool:
        """Whether the next meeting is overdue (worked out per cell, for the few rows a screen
        shows, like the display text)."""
        return (
            r.status is Status.ACTIVE
            and r.next_meeting_on is not None
            and r.next_meeting_on < self._day
        )

    def citizen_id(self, row: int) -> int | None:
        r = self._row(row)
        return r.id if r else None

    def row_of(self, citizen_id: int) -> int | None:
        """The row of a citizen among the pages already read (None if not read or absent)."""
        for page_no, page in self._pages.items():
            for i, r in enumerate(page):
                if r[0] == citizen_id:  # the id, first in a raw row as in a built one
                    return page_no * self._page_size + i
        return None

    def all_ids(self) -> list[int]:
        """Every citizen id the current query matches, in the shown order (for batch print);
        ids only, no rows."""
        return self._view.ids() if self._view is not None else []

    # -- QAbstractTableModel -------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        # (What a screen reader and the tests read; the list's header shows ``show_in``'s items.)
        from PySide6.QtCore import Qt

        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == _DISPLAY:
            return self._headers[section]
        if role == _TOOLTIP:
            return self._header_tips[section]
        return None

    def show_in(self, view: QTableView) -> None:
        """Show the list in ``view``, its header's titles and tips from items held by Qt:
        measuring and painting them calls no Python (``headerData`` takes a
        ``Qt.Orientation``: see the roles above). The header never sees this model: it has
        no columns while the view takes it, and they come (a reset) once the header has its
        own titles."""
        labels = QStandardItemModel(0, len(self._headers), view)
        for col, (text, tip) in enumerate(zip(self._headers, self._header_tips, strict=True)):
            item = QStandardItem(text)
            item.setToolTip(tip)
            labels.setHorizontalHeaderItem(col, item)
        self._columns = 0
        view.setModel(self)
        header = view.horizontalHeader()
        header.setModel(labels)
        self.beginResetModel()
        self._columns = len(self._headers)
        self.endResetModel()
        # Sorted by name (as read), and by a column whose title is clicked: what
        # ``QTableView.setSortingEnabled`` does, without reading the list again, and without
        # a ``Qt.SortOrder`` (``sort_by_name``).
        sort_by_name(header)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self.sort)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # (Asked for every role of every cell on every paint: module constants for the roles,
        # no parent() check — a table's valid index has no parent —, and no isValid(): an
        # invalid index's row is -1, which ``_row`` knows is no row. The words shown are
        # made once a row, for all its cells: ``_texts``.)
        if role == _DISPLAY:
            texts = self._texts.get(index.row())
            if texts is None:
                texts = self._texts_of(index.row())
                if texts is None:
                    return None
            return texts[index.column()]
        r = self._row(index.row())
        if r is None:
            return None
        col = index.column()
        if role == _ACCESSIBLE:
            # What a screen reader says: the meaning the colours carry, in words.
            shown = self._display(r, col, self._day)
            if col == COL_NEXT_MEETING and self._overdue(r):
                return self.tr("%1, overskredet").replace("%1", shown)
            if col == COL_STEP and r.step_position is not None:
                return self.tr("Trin %1: %2").replace("%1", shown).replace("%2", r.step_title)
            if col == COL_NAME and r.status is Status.CLOSED:
                return self.tr("%1, afsluttet").replace("%1", r.name)
            return shown
        if role == CITIZEN_ID_ROLE:
            return r.id
        if role == OVERDUE_ROLE:
            return self._overdue(r)
        if role == _TOOLTIP:
            if col == COL_NEXT_MEETING and self._overdue(r):
                return self.tr("Næste samtale er overskredet")
            if col == COL_NAME and r.status is Status.CLOSED:
                return r.name + " — " + self.tr("forløbet er afsluttet")
            if col == COL_STEP and r.step_position is not None:
                return f"{r.step_position + 1}. {r.step_title}"
            if col in (COL_NAME, COL_TARGET_GROUP):
                return self._display(r, col, self._day) or None
            return None
        if role == _DECORATION:
            return self._colours.get(r.step_id) if col == COL_STEP and r.step_id else None
        if role == _ALIGNMENT:
            if col in (COL_DAYS, COL_STEP):
                return _ALIGN_RIGHT
            return None
        if col == COL_NEXT_MEETING and self._overdue(r):
            if role == _BACKGROUND:
                return self._overdue_bg
            if role == _FOREGROUND:
                return self._overdue_fg
            if role == _FONT:
                return self._bold
        if col == COL_NAME and r.status is Status.CLOSED and role == _FONT:
            return self._italic
        return None

    def _texts_of(self, row: int) -> tuple[str, ...] | None:
        """The words row ``row`` shows, a column each (``_display``), kept for the next cell."""
        r = self._row(row)
        if r is None:
            return None
        closed = r.status is Status.CLOSED  # a closed course has no running count or next meeting
        since = r.current_step_since
        texts = (  # as ``_display`` makes them, column by column
            r.name,
            r.identifier_masked,
            r.target_group,
            "" if r.step_position is None else str(r.step_position + 1),
            "" if closed or since is None else str((self._day - since).days),
            "" if closed else format_date(r.next_meeting_on),
        )
        if len(self._texts) >= MAX_CACHED_PAGES * self._page_size:
            self._texts.clear()
        self._texts[row] = texts
        return texts

    def _display(self, r: CitizenRow, col: int, today: date) -> str:
        if col == COL_NAME:
            return r.name
        if col == COL_IDENTIFIER:
            return r.identifier_masked
        if col == COL_TARGET_GROUP:
            return r.target_group
        if col == COL_STEP:
            return "" if r.step_position is None else str(r.step_position + 1)
        closed = r.status is Status.CLOSED  # a closed course has no running count or next meeting
        if col == COL_DAYS:
            if closed or r.current_step_since is None:
                return ""
            return str((today - r.current_step_since).days)
        if col == COL_NEXT_MEETING:
            return "" if closed else format_date(r.next_meeting_on)
        return ""

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        from PySide6.QtCore import Qt

        key = SORT_KEYS.get(column)
        if key is None:
            return
        self.beginResetModel()
        self._query = replace(
            self._query, order_by=key, descending=order == Qt.SortOrder.DescendingOrder
        )
        self._reload(log_search=False)
        self.endResetModel()


def sort_by_name(header: QHeaderView) -> None:
    """Show the list's sort arrow on the name, ascending (the order the model reads).

    Set through the header's state as Qt saves it (``QHeaderView`` format 0: a marker, the
    version, then the orientation, sort order, sorted column and whether the arrow shows),
    those fields set and the state restored: ``setSortIndicator`` takes a ``Qt.SortOrder``,
    whose enums PySide builds (some 30 ms) on first use. A Qt saving another format gets
    ``setSortIndicator``.
    """
    state = bytearray(header.saveState().data())
    if len(state) > 20 and state[:8] == _HEADER_STATE_V0:
        state[12:16] = (0).to_bytes(4, "big")  # Qt.SortOrder.AscendingOrder
        state[16:20] = COL_NAME.to_bytes(4, "big")
        state[20] = 1  # the arrow shows
        if header.restoreState(QByteArray(bytes(state))):
            return
    from PySide6.QtCore import Qt

    header.setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
    header.setSortIndicatorShown(True)
