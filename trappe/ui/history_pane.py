"""The citizen's history: progression chart, meetings with notes, open agreements, activities.

The pane shows one ``CitizenRecord`` and asks for edits through signals; the window turns
them into undo commands.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trappe.model.entities import (
    Activity,
    Agreement,
    Assessor,
    CitizenRecord,
    Meeting,
    Responsible,
    Staircase,
    Status,
)
from trappe.model.geometry import MarkerKind
from trappe.model.validation import format_date
from trappe.ui.staircase_widget import CITIZEN_COLOUR, PROFESSIONAL_COLOUR, paint_marker
from trappe.ui.widgets import responsible_labels

AGREEMENT_ROLE = Qt.ItemDataRole.UserRole + 1
MEETING_ROLE = Qt.ItemDataRole.UserRole + 2
NARROW_WIDTH = 880  # px: below this the chart and the meetings become tabs


def activity_text(a: Activity) -> str:
    """ "Virksomhedspraktik — Føtex Nyborg, Lager (10 t/uge)"."""
    details = ", ".join(x for x in (a.company, a.description) if x)
    text = a.kind + (f" — {details}" if details else "")
    if a.hours_per_week is not None:
        hours = f"{a.hours_per_week:g}".replace(".", ",")
        text += QCoreApplication.translate("HistoryPane", " (%1 t/uge)").replace("%1", hours)
    return text


def responsible_text(a: Agreement) -> str:
    label = responsible_labels().get(a.responsible, str(a.responsible))
    if a.responsible is Responsible.OTHER and a.responsible_other:
        return a.responsible_other
    return label


class ProgressChart(QWidget):
    """Step over time for both placements: a step line each, different in shape and colour."""

    def __init__(self, parent: QWidget | None = None, *, today: Callable[[], date] = date.today):
        super().__init__(parent)
        self.setObjectName("progress_chart")
        self.setAccessibleName(self.tr("Progression over tid"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._today = today
        self._staircase: Staircase | None = None
        self._record: CitizenRecord | None = None

    def sizeHint(self) -> QSize:
        return QSize(360, 200)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, 140)

    def set_content(self, staircase: Staircase | None, record: CitizenRecord | None) -> None:
        self._staircase = staircase
        self._record = record
        self.setAccessibleDescription(self.describe())
        self.update()

    def series(self, assessor: Assessor) -> list[tuple[date, int]]:
        """(date, 0-based step index) for each placement that is on the drawn staircase."""
        if self._record is None or self._staircase is None:
            return []
        sc = self._staircase
        points = []
        for p in self._record.history(assessor):
            idx = sc.index_of(p.step_id)
            if idx is not None:
                points.append((p.placed_on, idx))
        return points

    def describe(self) -> str:
        pro = self.series(Assessor.PROFESSIONAL)
        if not pro:
            return self.tr("Ingen placeringer endnu")
        steps = ", ".join(f"{format_date(d)}: {i + 1}" for d, i in pro[-6:])
        return self.tr("Fagpersonernes placeringer (dato: trin): %1").replace("%1", steps)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        font = QFont(self.font())
        fm = QFontMetricsF(font)
        pro = self.series(Assessor.PROFESSIONAL)
        own = self.series(Assessor.CITIZEN)
        sc = self._staircase
        if not sc or not sc.steps or not (pro or own):
            p.setPen(self.palette().placeholderText().color())
            p.drawText(
                self.rect(),
                int(Qt.AlignmentFlag.AlignCenter),
                self.tr("Ingen placeringer endnu"),
            )
            p.end()
            return
        n = len(sc.steps)
        all_dates = [d for d, _ in pro + own]
        start = min(all_dates)
        end = max([*all_dates, self._today()])
        if end <= start:
            end = start + timedelta(days=30)
        legend_h = fm.lineSpacing() * 1.4
        left = fm.horizontalAdvance(str(n)) + 14
        plot = QRectF(
            left,
            legend_h + 4,
            self.width() - left - 12,
            self.height() - legend_h - fm.lineSpacing() - 14,
        )
        if plot.width() < 40 or plot.height() < 30:
            p.end()
            return
        span = (end - start).days or 1
        pad = 9.0  # half the largest marker and a little: markers at either end stay whole

        def x_of(d: date) -> float:
            return plot.left() + pad + (plot.width() - 2 * pad) * (d - start).days / span

        def y_of(i: int) -> float:
            return plot.bottom() - plot.height() * (i + 0.5) / n

        # Step bands and labels.
        grid = QColor(self.palette().text().color())
        grid.setAlpha(40)
        p.setFont(font)
        for i, step in enumerate(sc.steps):
            band = QRectF(
                plot.left(), y_of(i) - plot.height() / n / 2, plot.width(), plot.height() / n
            )
            c = QColor(step.colour)
            c.setAlpha(70)
            p.fillRect(band, c)
            p.setPen(self.palette().text().color())
            if plot.height() / n >= fm.height() * 0.8 or i in (0, n - 1):
                p.drawText(
                    QRectF(0, y_of(i) - fm.height() / 2, left - 6, fm.height()),
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                    str(i + 1),
                )
        p.setPen(QPen(grid, 1))
        p.drawRect(plot)
        # Date ticks: as many as fit without overlapping.
        label_w = fm.horizontalAdvance("00-00-0000") + 8
        ticks = max(2, min(6, int(plot.width() // label_w)))
        p.setPen(self.palette().text().color())
        labels = []
        for k in range(ticks):
            d = start + timedelta(days=round(span * k / (ticks - 1)))
            align, rx = Qt.AlignmentFlag.AlignHCenter, x_of(d) - label_w / 2
            if k == 0:
                align, rx = Qt.AlignmentFlag.AlignLeft, plot.left()
            elif k == ticks - 1:
                align, rx = Qt.AlignmentFlag.AlignRight, plot.right() - label_w
            labels.append((rx, align, d))
        # First and last always; an inner date only where it overlaps neither neighbour.
        kept = [labels[0]]
        for label in labels[1:-1]:
            if label[0] >= kept[-1][0] + label_w + 4 and label[0] + label_w + 4 <= labels[-1][0]:
                kept.append(label)
        if len(labels) > 1 and labels[-1][0] >= kept[-1][0] + label_w + 4:
            kept.append(labels[-1])
        for rx, align, d in kept:
            p.drawText(
                QRectF(rx, plot.bottom() + 2, label_w, fm.lineSpacing()),
                int(align | Qt.AlignmentFlag.AlignTop),
                format_date(d),
            )
        today = self._today()
        for series, colour, kind, style in (
            (pro, PROFESSIONAL_COLOUR, MarkerKind.PROFESSIONAL, Qt.PenStyle.SolidLine),
            (own, CITIZEN_COLOUR, MarkerKind.CITIZEN, Qt.PenStyle.DashLine),
        ):
            if not series:
                continue
            p.setPen(QPen(colour, 2.2, style))
            prev: QPointF | None = None
            for d, i in series:
                pt = QPointF(x_of(d), y_of(i))
                if prev is not None:
                    p.drawLine(prev, QPointF(pt.x(), prev.y()))
                    p.drawLine(QPointF(pt.x(), prev.y()), pt)
                prev = pt
            if prev is not None and today > series[-1][0]:
                p.drawLine(prev, QPointF(x_of(today), prev.y()))
            size = max(7.0, min(12.0, plot.height() / n * 0.6))
            for d, i in series:
                paint_marker(p, kind, x_of(d), y_of(i), size)
                p.setPen(QPen(colour, 2.2, style))
        # Legend.
        x = plot.left()
        for kind, text in (
            (MarkerKind.PROFESSIONAL, self.tr("Fagpersoner")),
            (MarkerKind.CITIZEN, self.tr("Borgerens egen")),
        ):
            paint_marker(p, kind, x + 6, legend_h / 2, fm.height() * 0.7)
            p.setPen(self.palette().text().color())
            w = fm.horizontalAdvance(text)
            p.drawText(
                QRectF(x + 14, 0, w + 4, legend_h),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
            x += w + 36
        p.end()


class AgreementList(QListWidget):
    """A list whose items wrap their text at the list's width (QListView alone mis-sizes
    wrapped items with a check box and elides them)."""

    def update_heights(self) -> None:
        style = self.style()
        indicator = style.pixelMetric(style.PixelMetric.PM_IndicatorWidth) + 16
        width = max(40, self.viewport().width() - indicator - 2 * self.spacing())
        fm = self.fontMetrics()
        blocked = self.blockSignals(True)  # a size hint is not an edit
        for i in range(self.count()):
            item = self.item(i)
            rect = fm.boundingRect(0, 0, width, 10_000, int(Qt.TextFlag.TextWordWrap), item.text())
            item.setSizeHint(QSize(width, rect.height() + 8))
        self.blockSignals(blocked)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)
        self.update_heights()


class HistoryPane(QWidget):
    """Below the staircase: chart, meetings and notes, open agreements, activities."""

    agreement_done_toggled = Signal(object, bool)  # Agreement, done
    edit_meeting_requested = Signal(object)  # Meeting
    delete_meeting_requested = Signal(object)  # Meeting

    def __init__(self, parent: QWidget | None = None, *, today: Callable[[], date] = date.today):
        super().__init__(parent)
        self._today = today
        self._record: CitizenRecord | None = None
        self._staircase: Staircase | None = None
        self._filling = False

        self.next_meeting = QLabel(self)
        self.next_meeting.setObjectName("next_meeting")
        self.next_meeting.setTextFormat(Qt.TextFormat.PlainText)
        self.next_meeting.setMargin(4)
        self.chart = ProgressChart(self, today=today)

        self.meetings = QTreeWidget(self)
        self.meetings.setObjectName("meetings")
        self.meetings.setAccessibleName(self.tr("Møder"))
        self.meetings.setRootIsDecorated(False)
        self.meetings.setHeaderLabels([self.tr("Dato"), self.tr("Trin"), self.tr("Deltagere")])
        self.meetings.headerItem().setToolTip(
            1, self.tr("● fagpersonernes placering, ▲ borgerens egen placering")
        )
        self.meetings.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.meetings.header().setStretchLastSection(True)
        # Fixed widths from the font (ResizeToContents would measure every row on each fill).
        header = self.meetings.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        fm = self.meetings.fontMetrics()
        header.resizeSection(0, fm.horizontalAdvance("00-00-0000") + 14)
        header.resizeSection(1, fm.horizontalAdvance("● 7  ▲ 7") + 16)
        self.meetings.currentItemChanged.connect(self._show_meeting)
        self.meetings.itemDoubleClicked.connect(lambda *_: self._edit_meeting())
        self.notes = QTextBrowser(self)
        self.notes.setObjectName("meeting_notes")
        self.notes.setAccessibleName(self.tr("Notater fra mødet"))
        self.edit_button = QPushButton(self.tr("Ret møde…"), self)
        self.edit_button.setObjectName("edit_meeting")
        self.edit_button.clicked.connect(self._edit_meeting)
        self.delete_button = QPushButton(self.tr("Slet møde"), self)
        self.delete_button.setObjectName("delete_meeting")
        self.delete_button.clicked.connect(self._delete_meeting)

        self.agreements = AgreementList(self)
        self.agreements.setObjectName("agreements")
        self.agreements.setAccessibleName(self.tr("Åbne aftaler"))
        self.agreements.setWordWrap(True)
        self.agreements.setResizeMode(QListView.ResizeMode.Adjust)
        self.agreements.setSpacing(2)
        self.agreements.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.agreements.setUniformItemSizes(False)
        self.agreements.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.agreements.itemChanged.connect(self._agreement_changed)
        self.activities = QLabel(self)
        self.activities.setObjectName("activities")
        self.activities.setWordWrap(True)
        self.activities.setTextFormat(Qt.TextFormat.PlainText)
        self.activities.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        def heading(text: str) -> QLabel:
            label = QLabel(text, self)
            f = label.font()
            f.setBold(True)
            label.setFont(f)
            return label

        self.chart_heading = heading(self.tr("Progression"))
        self.meetings_heading = heading(self.tr("Møder"))

        self.chart_column = QWidget(self)
        l1 = QVBoxLayout(self.chart_column)
        l1.setContentsMargins(0, 0, 0, 0)
        l1.addWidget(self.chart_heading)
        l1.addWidget(self.chart, 1)

        self.meetings_column = QWidget(self)
        l2 = QVBoxLayout(self.meetings_column)
        l2.setContentsMargins(0, 0, 0, 0)
        l2.addWidget(self.meetings_heading)
        l2.addWidget(self.meetings, 2)
        l2.addWidget(self.notes, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        l2.addLayout(buttons)

        col3 = QWidget(self)
        l3 = QVBoxLayout(col3)
        l3.setContentsMargins(0, 0, 0, 0)
        self.agreements_heading = heading(self.tr("Åbne aftaler"))
        l3.addWidget(self.agreements_heading)
        l3.addWidget(self.agreements, 3)
        l3.addWidget(heading(self.tr("Aktiviteter nu")))
        l3.addWidget(self.activities, 1)

        # On a narrow pane (a 1366 px laptop) the chart and the meetings share one tab widget,
        # so each gets the room to be read; wide, all three columns sit side by side.
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("history_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.hide()
        self._narrow = False

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("history_splitter")
        for w in (self.chart_column, self.meetings_column, col3):
            self.splitter.addWidget(w)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        # A little room on the right, so text never runs into the window's edge.
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(2)
        layout.addWidget(self.next_meeting, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.splitter, 1)
        self.set_content(None, None)

    # -- layout -------------------------------------------------------------------------------
    def is_narrow(self) -> bool:
        """True while the chart and the meetings are tabs rather than columns."""
        return self._narrow

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(self.width() < NARROW_WIDTH)

    def _arrange(self, narrow: bool) -> None:
        if narrow == self._narrow:
            return
        self._narrow = narrow
        self.chart_heading.setVisible(not narrow)
        self.meetings_heading.setVisible(not narrow)
        if narrow:
            self.tabs.addTab(self.chart_column, self.tr("Progression"))
            self.tabs.addTab(self.meetings_column, self._meetings_tab_title())
            self.splitter.insertWidget(0, self.tabs)
            self.tabs.show()
            self.splitter.setSizes([round(self.width() * 0.68), round(self.width() * 0.32)])
        else:
            # Take the pages out of the tab widget before the splitter adopts them again.
            self.tabs.removeTab(1)
            self.tabs.removeTab(0)
            self.tabs.hide()
            self.tabs.setParent(self)
            self.splitter.insertWidget(0, self.chart_column)
            self.splitter.insertWidget(1, self.meetings_column)
            self.chart_column.show()
            self.meetings_column.show()
            third = self.width() // 3
            self.splitter.setSizes([third, third, self.width() - 2 * third])

    def _meetings_tab_title(self) -> str:
        count = len(self._record.meetings) if self._record else 0
        return self.tr("Møder (%1)").replace("%1", str(count))

    # -- content ------------------------------------------------------------------------------
    def set_content(self, staircase: Staircase | None, record: CitizenRecord | None) -> None:
        self._staircase = staircase
        self._record = record
        self.chart.set_content(staircase, record)
        self._fill_next_meeting()
        self._fill_meetings()
        self.tabs.setTabText(1, self._meetings_tab_title())
        self._fill_agreements()
        self._fill_activities()

    def _step_label(self, step_id: int | None) -> str:
        if step_id is None or self._staircase is None:
            return ""
        idx = self._staircase.index_of(step_id)
        step = self._staircase.step(step_id)
        if step is None:
            return ""
        return f"{idx + 1}. {step.title}" if idx is not None else step.title

    def _step_numbers(self, m: Meeting) -> str:
        """ "● 4  ▲ 5": the professionals' and the citizen's step, as numbers."""
        sc = self._staircase
        parts = []
        for mark, step_id in (("●", m.professional_step_id), ("▲", m.citizen_step_id)):
            idx = sc.index_of(step_id) if sc is not None and step_id is not None else None
            if idx is not None:
                parts.append(f"{mark} {idx + 1}")
        return "  ".join(parts)

    def _fill_next_meeting(self) -> None:
        r = self._record
        overdue = False
        if r is None:
            text = ""
        elif r.citizen.status is Status.CLOSED:
            text = self.tr("Forløbet er afsluttet %1").replace(
                "%1", format_date(r.citizen.closed_on)
            )
        elif r.citizen.next_meeting_on is None:
            text = self.tr("Næste samtale: ikke aftalt")
        else:
            overdue = r.citizen.next_meeting_overdue(self._today())
            text = self.tr("Næste samtale: %1").replace(
                "%1", format_date(r.citizen.next_meeting_on)
            )
            if overdue:
                text += " " + self.tr("(overskredet)")
        self.next_meeting.setText(text)
        self.next_meeting.setProperty("overdue", overdue)
        self.next_meeting.setStyleSheet(
            "QLabel { background: #f8d7d3; color: #8a1c10; font-weight: bold; border-radius: 3px; }"
            if overdue
            else "QLabel { font-weight: bold; }"
        )

    def _fill_meetings(self) -> None:
        self.meetings.clear()
        meetings = list(reversed(self._record.meetings)) if self._record else []
        items = []
        for m in meetings:
            item = QTreeWidgetItem([format_date(m.held_on), self._step_numbers(m), m.participants])
            item.setToolTip(
                1,
                "\n".join(
                    x
                    for x in (
                        self.tr("Fagpersoner: %1").replace(
                            "%1", self._step_label(m.professional_step_id)
                        ),
                        self.tr("Borgeren: %1").replace("%1", self._step_label(m.citizen_step_id))
                        if m.citizen_step_id
                        else "",
                    )
                    if x
                ),
            )
            item.setData(0, MEETING_ROLE, m.id)
            item.setToolTip(2, m.participants)
            items.append(item)
        self.meetings.addTopLevelItems(items)
        if meetings:
            self.meetings.setCurrentItem(self.meetings.topLevelItem(0))
        else:
            self.notes.setPlainText(
                self.tr("Ingen møder endnu.") if self._record is not None else ""
            )
        enabled = bool(meetings)
        self.edit_button.setEnabled(enabled)
        self.delete_button.setEnabled(enabled)

    def selected_meeting(self) -> Meeting | None:
        item = self.meetings.currentItem()
        if item is None or self._record is None:
            return None
        mid = item.data(0, MEETING_ROLE)
        return next((m for m in self._record.meetings if m.id == mid), None)

    def _show_meeting(self, *_: object) -> None:
        m = self.selected_meeting()
        if m is None:
            return
        e = html.escape
        parts = [f"<b>{e(self.tr('Møde %1').replace('%1', format_date(m.held_on)))}</b>"]
        if m.participants:
            parts.append(f"<i>{e(m.participants)}</i>")
        for label, note in (
            (self.tr("Sagsbehandlerens notat"), m.caseworker_note),
            (self.tr("Virksomhedskonsulentens notat"), m.consultant_note),
        ):
            if note:
                parts.append(f"<b>{e(label)}:</b><br>{e(note).replace(chr(10), '<br>')}")
        if m.activities:
            items = "".join(f"<li>{e(activity_text(a))}</li>" for a in m.activities)
            parts.append(f"<b>{e(self.tr('Aktiviteter'))}:</b><ul>{items}</ul>")
        if m.agreements:
            rows = []
            for a in m.agreements:
                due = format_date(a.due_on)
                done = f" ✓ {format_date(a.done_on)}" if a.done_on else ""
                rows.append(f"<li>{e(a.what)} — {e(responsible_text(a))} {e(due)}{e(done)}</li>")
            parts.append(f"<b>{e(self.tr('Aftaler'))}:</b><ul>{''.join(rows)}</ul>")
        if m.next_meeting_on:
            parts.append(
                e(self.tr("Næste samtale: %1").replace("%1", format_date(m.next_meeting_on)))
            )
        self.notes.setHtml("<p>" + "</p><p>".join(parts) + "</p>")

    def _fill_agreements(self) -> None:
        self._filling = True
        self.agreements.clear()
        today = self._today()
        open_agreements = self._record.open_agreements if self._record else []
        open_agreements = sorted(
            open_agreements, key=lambda a: (a.due_on is None, a.due_on or today)
        )
        for a in open_agreements:
            who = responsible_text(a)
            if a.due_on is not None:
                who += " · " + self.tr("senest %1").replace("%1", format_date(a.due_on))
                if a.due_on < today:
                    who += " · " + self.tr("overskredet")  # in words, not in red alone
            item = QListWidgetItem(f"{a.what}\n{who}")
            item.setData(AGREEMENT_ROLE, a.id)
            item.setToolTip(f"{a.what}\n{who}")
            flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
            if self._record and self._record.citizen.status is Status.CLOSED:
                flags &= ~Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(Qt.CheckState.Unchecked)
            if a.due_on is not None and a.due_on < today:
                item.setForeground(QColor("#8a1c10"))
                item.setToolTip(item.toolTip() + "\n" + self.tr("Fristen er overskredet"))
            self.agreements.addItem(item)
        self.agreements.update_heights()
        self.agreements_heading.setText(
            self.tr("Åbne aftaler (%1)").replace("%1", str(len(open_agreements)))
        )
        self._filling = False

    def _fill_activities(self) -> None:
        acts = self._record.current_activities if self._record else []
        if self._record is None:
            self.activities.setText("")
        elif not acts:
            self.activities.setText(self.tr("Ingen aktiviteter registreret."))
        else:
            self.activities.setText("\n".join("• " + activity_text(a) for a in acts))

    def _agreement_changed(self, item: QListWidgetItem) -> None:
        if self._filling or self._record is None:
            return
        aid = item.data(AGREEMENT_ROLE)
        agreement = next(
            (a for m in self._record.meetings for a in m.agreements if a.id == aid), None
        )
        done = item.checkState() == Qt.CheckState.Checked
        if agreement is None or done == agreement.done:
            return  # not a change of the check box (e.g. the item's size was updated)
        self.agreement_done_toggled.emit(agreement, done)

    def agreement_item(self, text: str) -> QListWidgetItem | None:
        """The open agreement whose text starts with ``text`` (for tests and accessibility)."""
        for i in range(self.agreements.count()):
            item = self.agreements.item(i)
            if item.text().startswith(text):
                return item
        return None

    def _edit_meeting(self) -> None:
        m = self.selected_meeting()
        if m is not None:
            self.edit_meeting_requested.emit(m)

    def _delete_meeting(self) -> None:
        m = self.selected_meeting()
        if m is not None:
            self.delete_meeting_requested.emit(m)
