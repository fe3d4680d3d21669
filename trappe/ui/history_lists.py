"""The history pane's open agreements as an item model and a list view (the meetings:
``meeting_list``).

A citizen with two hundred meetings must open at once: the agreements' texts are made once
per agreement and wording, and their wrapped heights measured once per text (or its shape)
and width, and remembered across citizens and resizes.

The list also answers item-style questions (``item(i).text()``, ``setCheckState``) for tests
and accessibility tools.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QListView, QStyle, QWidget

from trappe.model.entities import Agreement, Responsible
from trappe.model.formatting import format_date
from trappe.model.picture import is_overdue
from trappe.ui.meeting_list import RowRef
from trappe.ui.widgets import responsible_labels
from trappe.ui.wrapped_text import WrappedHeights

Index = QModelIndex | QPersistentModelIndex
OVERDUE_INK = QColor("#8a1c10")
# The item roles as plain integers (an enum member's lookup and comparison cost more than the
# rest of a ``data`` call that has no answer).
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_CHECK_STATE = Qt.ItemDataRole.CheckStateRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_SIZE_HINT = Qt.ItemDataRole.SizeHintRole.value
_EDIT = Qt.ItemDataRole.EditRole.value
_CHECKED = Qt.CheckState.Checked.value
_UNCHECKED = Qt.CheckState.Unchecked.value
_ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
AGREEMENTS_KEPT = 50  # items kept out of the model for the next citizen's rows
_TWO_DIGITS = tuple(f"{n:02d}" for n in range(100))  # a date's day and month
BAR_SURE = 48  # px: rows this much taller than the list surely need its scroll bar
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_AS_NEEDED = Qt.ScrollBarPolicy.ScrollBarAsNeeded
_ALWAYS_ON = Qt.ScrollBarPolicy.ScrollBarAlwaysOn


# -- open agreements -------------------------------------------------------------------------
class AgreementsModel(QStandardItemModel):
    """The open agreements (newest meeting first), each with a tick box for *udført*; overdue
    ones red and marked in words. Ticking one asks (``toggled``); the model does not change
    until the record is read again.

    The rows are items held by Qt (text, tick, colour, size): the list lays them out and
    paints them without calling back into Python for each row and role. Each row's text is
    made once per agreement and wording, and remembered across citizens.
    """

    toggled = Signal(object, bool)  # Agreement, done
    tooltips_are_texts = True  # (lent to a row while its tooltip shows: ``LaidOutRows``)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._agreements: list[Agreement] = []
        self._checkable_items: bool | None = None
        self._flags = _ITEM_FLAGS
        # Every row's item, those in the model first (in its order), with what each holds
        # besides its text: [item, ticked, overdue, its size (or None)]
        self._pool: list[list] = []
        self._today: Callable[[], date] = date.today
        self._checkable = True
        self._labels: dict = {}
        self._wording: tuple = ()
        self._overdue_rows: list[bool] = []
        self._by = self._overdue = ""
        self._texts: dict[tuple, dict[tuple, str]] = {}  # by wording, then measure_key
        self._keys: list[tuple] = []  # each row's measure_key
        self._row_texts: list[str] = []  # each row's text
        self.size_hints: Callable[[], list[QSize]] | None = None  # every row's, from the view
        self.before_sizes: Callable[[], None] | None = None  # the view's width for them

    def set_agreements(
        self, agreements: list[Agreement], today: Callable[[], date], *, checkable: bool
    ) -> None:
        self._agreements = rows = list(agreements)
        self._today = today
        self._checkable = checkable
        self._labels = responsible_labels()
        day = today()
        self._overdue_rows = overdue = [checkable and is_overdue(a, day) for a in rows]
        self._by = QCoreApplication.translate("HistoryPane", "senest %1")
        self._overdue = QCoreApplication.translate("HistoryPane", "overskredet")
        self._wording = (self._by, self._overdue, tuple(self._labels.items()))
        # Each row's text and what its height depends on, made once here (``text`` and
        # ``measure_key`` answer from these lists).
        self._keys = keys = [
            (a.what, a.responsible, a.responsible_other, a.due_on, late)
            for a, late in zip(rows, overdue, strict=True)
        ]
        known = self._texts.setdefault(self._wording, {})  # by measure_key, in this wording
        if len(known) > 5000:
            known.clear()
        self._row_texts = texts = [known.get(key) for key in keys]
        if None in texts:  # (a citizen's rows not shown before: made together)
            new = [row for row, text in enumerate(texts) if text is None]
            for row, text in zip(new, self._make_texts([keys[row] for row in new]), strict=True):
                texts[row] = known[keys[row]] = text
        if checkable != self._checkable_items:
            # Every row's item takes the flags (whether it can be ticked) when it is made.
            self._checkable_items = checkable
            self._flags = _ITEM_FLAGS | (
                Qt.ItemFlag.ItemIsUserCheckable if checkable else _NO_FLAGS
            )
            for entry in self._pool:
                entry[0].setFlags(self._flags)
        if self.before_sizes is not None:
            self.before_sizes()
        sizes = self.size_hints() if self.size_hints is not None else None
        blocked = self.blockSignals(True)  # one reset afterwards, not a signal per row
        try:
            self._fill(rows, texts, overdue, sizes)
        finally:
            self.blockSignals(blocked)
        self.beginResetModel()
        self.endResetModel()

    def _fill(
        self,
        rows: list[Agreement],
        texts: list[str],
        overdue: list[bool],
        sizes: list[QSize] | None,
    ) -> None:
        """Each row's item holds its text, tick, colour and size. The items are kept from one
        fill to the next (taken out of the model and put back in): a row's text is set anew,
        and of the rest only what differs from what its item holds, so a citizen's rows cost
        a call or so each rather than a set of roles converted and stored per row."""
        pool = self._pool
        if self.rowCount():
            self.takeColumn(0)  # (the same items as the pool's first, in order)
            self.setRowCount(0)  # (the rows stay behind their items)
        count = len(rows)
        while len(pool) < count:
            cell = QStandardItem()
            cell.setFlags(self._flags)
            cell.setData(_UNCHECKED, _CHECK_STATE)
            pool.append([cell, False, False, None])
        cells = []
        checked, unchecked = _CHECKED, _UNCHECKED
        for entry, text, a, late, size in zip(
            pool, texts, rows, overdue, sizes or [None] * count, strict=False
        ):
            cell = entry[0]
            cells.append(cell)
            cell.setText(text)
            ticked = a.done_on is not None
            if entry[1] is not ticked:
                cell.setData(checked if ticked else unchecked, _CHECK_STATE)
                entry[1] = ticked
            if entry[2] is not late:
                cell.setData(OVERDUE_INK if late else None, _FOREGROUND)
                entry[2] = late
            if entry[3] is not size:
                cell.setData(size, _SIZE_HINT)
                entry[3] = size
        if count:
            self.setColumnCount(0)  # (an empty list keeps its one column)
            self.insertColumn(0, cells)
        else:
            self.setColumnCount(1)
        if len(pool) > 2 * count + AGREEMENTS_KEPT:
            del pool[2 * count + AGREEMENTS_KEPT :]  # (out of the model: Python's to free)

    def _make_text(self, key: tuple) -> str:
        """'Gå til lægen\nBorger · senest 01-03-2026 · overskredet', from the row's
        ``measure_key`` (who is responsible as ``formatting.responsible_text`` says it)."""
        what, responsible, other, due_on, overdue = key
        if responsible is Responsible.OTHER and other.strip():
            who = other.strip()
        else:
            who = self._labels.get(responsible, str(responsible))
        if due_on is not None:
            who += " · " + self._by.replace("%1", format_date(due_on))
        if overdue:  # in words too, not by colour alone
            who += " · " + self._overdue
        return f"{what}\n{who}"

    def _make_texts(self, keys: list[tuple]) -> list[str]:
        """``_make_text`` of each key, in one loop (the date written out in it as
        ``format_date`` writes it, the wording split around its date once)."""
        labels, by, other_kind = self._labels, self._by, Responsible.OTHER
        before, _, after = by.partition("%1")
        whole = by.count("%1") == 1  # (else: as ``_make_text``, every "%1" replaced)
        late = " · " + self._overdue
        two = _TWO_DIGITS
        out = []
        for what, responsible, other, due_on, overdue in keys:
            if responsible is other_kind and other.strip():
                who = other.strip()
            else:
                who = labels.get(responsible)
                if who is None:
                    who = str(responsible)
            if due_on is not None:
                year = due_on.year
                if whole and year >= 1000:
                    day = f"{two[due_on.day]}-{two[due_on.month]}-{year}"
                    who = f"{who} · {before}{day}{after}"
                else:
                    who += " · " + by.replace("%1", format_date(due_on))
            if overdue:
                who += late
            out.append(f"{what}\n{who}")
        return out

    def agreement(self, row: int) -> Agreement | None:
        return self._agreements[row] if 0 <= row < len(self._agreements) else None

    def agreement_count(self) -> int:
        """The agreements being shown (also while their rows are being made)."""
        return len(self._agreements)

    def forget_sizes(self) -> None:
        """Measure the rows again (the width or font changed); the view lays them out anew."""
        if self.size_hints is None or not self._agreements:
            return
        sizes = self.size_hints()
        set_data, index = QStandardItemModel.setData, self.index
        blocked = self.blockSignals(True)  # one layout afterwards, not a repaint per row
        try:
            pool = self._pool
            for row, size in enumerate(sizes):
                set_data(self, index(row, 0), size, _SIZE_HINT)
                pool[row][3] = size
        finally:
            self.blockSignals(blocked)

    def overdue_row(self, row: int) -> bool:
        return self._overdue_rows[row]

    def text(self, row: int) -> str:
        """'Gå til lægen\nBorger · senest 01-03-2026 · overskredet'."""
        return self._row_texts[row]

    def measure_key(self, row: int) -> tuple:
        """What a row's height depends on besides the width: the same agreement shown the
        same way has the same height, whichever citizen record it came from."""
        return self._keys[row]

    def rows_to_measure(self) -> tuple[list[tuple], list[str]]:
        """Every row's ``measure_key`` and text."""
        return self._keys, self._row_texts

    def setData(self, index: Index, value: object, role: int = _EDIT) -> bool:
        """A tick (or untick) asks through ``toggled``; the row keeps its state until the
        record is read again."""
        a = self.agreement(index.row()) if index.isValid() else None
        if a is None or role != _CHECK_STATE or not self._checkable:
            return False
        state = Qt.CheckState(value.value if isinstance(value, Qt.CheckState) else value)
        done = state == Qt.CheckState.Checked
        if done != a.done:
            self.toggled.emit(a, done)
        return True


class AgreementList(QListView):
    """The open agreements, wrapped at the list's width; each text measured once per width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(AgreementsModel(self))
        self.model().size_hints = self._size_hints
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(2)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setUniformItemSizes(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._model = self.model()
        self._model.before_sizes = self._width_for_new_rows
        self._heights: dict[tuple[int, tuple], int] = {}
        self._sizes: dict[tuple[int, tuple], QSize] = {}  # the same, as the QSize handed out
        self._shared_sizes: dict[tuple[int, int], QSize] = {}  # one QSize for each size
        self._width = -1
        self._indicator: int | None = None  # the tick box's width and its margins
        self._wrapped: WrappedHeights | None = None  # the font's word advances, line heights
        self._choosing = False  # the scroll bar is being shown or left to Qt

    def model(self) -> AgreementsModel:  # type: ignore[override]
        return super().model()  # type: ignore[return-value]

    def _text_width(self) -> int:
        """The width the rows' texts wrap at: the list's, less the tick box; and less the
        scroll bar's where the rows cannot all show and Qt is about to show the bar (so the
        rows are measured and laid out once, at the width they will have beside it)."""
        if self._indicator is None:
            style = self.style()
            self._indicator = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 16
        port, gap = self.viewport(), 2 * self.spacing()
        width = max(40, port.width() - self._indicator - gap)
        bar = self.verticalScrollBar()
        if bar.isVisible() or not self.isVisible():
            return width
        if self.verticalScrollBarPolicy() != _AS_NEEDED:
            return width
        room = port.height()
        total = 0
        for row in range(self._model.agreement_count()):
            total += self._size_at(width, row).height() + gap
            if total > room + gap:  # more than fits, measured at the wider width
                extent = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, bar)
                return max(40, width - extent)
        return width

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
            self._sizes.clear()
            self._shared_sizes.clear()
            self._indicator = None
            self._width = -1
            self._wrapped = None
            self._model.forget_sizes()
            self.scheduleDelayedItemsLayout()
        super().changeEvent(event)

    def _size_hints(self) -> list[QSize]:
        """Every row's size: its text wrapped at the list's width, measured once per text,
        width and font (and remembered across citizens and back and forth between widths)."""
        return self._sizes_at(self._width if self._width > 0 else self._text_width())

    def _sizes_at(self, width: int) -> list[QSize]:
        """``_size_at`` of every row, in one pass; the rows not measured before at this width
        (a citizen never opened) measured together."""
        heights, sizes, shared = self._heights, self._sizes, self._shared_sizes
        if len(heights) > 5000 or len(sizes) > 5000:
            heights.clear()
            sizes.clear()
            shared.clear()
        keys, texts = self._model.rows_to_measure()
        known = sizes.get
        out = [known((width, measure_key)) for measure_key in keys]
        if None not in out:
            return out
        new = [row for row, size in enumerate(out) if size is None]
        measured = self.wrapped().heights([texts[row] for row in new], width)
        for row, height in zip(new, measured, strict=True):
            height += 8
            size = shared.get((width, height))
            if size is None:
                size = shared[width, height] = QSize(width, height)
            out[row] = sizes[width, keys[row]] = size
        return out

    def _size_at(self, width: int, row: int) -> QSize:
        model = self._model
        key = (width, model.measure_key(row))
        size = self._sizes.get(key)
        if size is None:
            height = self._heights.get(key)
            if height is None:
                height = self._heights[key] = self.wrapped().height(model.text(row), width) + 8
            size = self._sizes[key] = QSize(width, height)
        return size

    def wrapped(self) -> WrappedHeights:
        """The rows' texts measured in the list's font (words remembered across citizens)."""
        if self._wrapped is None:
            self._wrapped = WrappedHeights(self.font())
        return self._wrapped

    def _least_height(self, width: int) -> int:
        """The shortest row there can be at ``width``, as ``_size_at`` measures rows: every
        row's text is two lines at least (the agreement, then who and when)."""
        key = (width, None)
        if key not in self._heights:
            self._heights[key] = self.wrapped().height("x\nx", width) + 8
        return self._heights[key]

    def _choose_scroll_bar(self) -> None:
        """Show the scroll bar now where the rows clearly cannot all show, so the list is laid
        out once, beside it (left to Qt, the bar would appear while the list is painted, and
        the list be laid out again at the narrower width). Anywhere near the edge, or once
        the rows fit again, Qt decides as before."""
        policy = _AS_NEEDED
        if self.isVisible():
            if self._indicator is None:
                self._text_width()  # (measures the tick box)
            assert self._indicator is not None
            bar, port, gap = self.verticalScrollBar(), self.viewport(), 2 * self.spacing()
            wide = port.width() + (bar.width() if bar.isVisible() else 0)
            width = max(40, wide - self._indicator - gap)
            room = port.height() + gap + BAR_SURE
            count = self._model.agreement_count()
            if count * (self._least_height(width) + gap) > room:
                # Even were every row as short as a row can be, they would not fit: no row
                # need be measured at this width (the rows are measured at the bar's).
                policy = _ALWAYS_ON
                count = 0
            total = 0
            for row in range(count):
                total += self._size_at(width, row).height() + gap
                if total > room:  # more than fits even without the bar, by a clear margin
                    policy = _ALWAYS_ON
                    break
        if policy != self.verticalScrollBarPolicy():
            self._choosing = True  # (the viewport's new width: measured by the caller)
            try:
                self.setVerticalScrollBarPolicy(policy)
            finally:
                self._choosing = False

    def _width_for_new_rows(self) -> None:
        """New rows are about to be measured: at the width they will have."""
        self._choose_scroll_bar()
        self._width = self._text_width()

    def update_heights(self) -> None:
        """After a change of width: the rows are measured again (each text once per width)."""
        if self._choosing:
            return
        self._choose_scroll_bar()
        width = self._text_width()
        if width != self._width:
            self._width = width
            self._model.forget_sizes()
            self.scheduleDelayedItemsLayout()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)
        self.update_heights()

    # Item-style access (tests, accessibility tools).
    def count(self) -> int:
        return self.model().rowCount()

    def item(self, row: int) -> RowRef | None:
        return RowRef(self, row) if 0 <= row < self.count() else None
