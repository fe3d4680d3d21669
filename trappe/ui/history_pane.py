"""The citizen's history: progression chart, meetings with notes, open agreements, activities.

The pane shows one ``CitizenRecord`` and asks for edits through signals; the window turns
them into undo commands.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trappe.model import formatting
from trappe.model.entities import (
    Activity,
    Agreement,
    CitizenRecord,
    Meeting,
    Staircase,
    Status,
)
from trappe.model.formatting import format_date
from trappe.ui.agreement_rows import LaidOutRows
from trappe.ui.history_lists import AgreementList
from trappe.ui.measured_label import MeasuredLabel
from trappe.ui.meeting_list import MeetingList, RowRef
from trappe.ui.next_meeting_label import NextMeetingLabel
from trappe.ui.progress_chart import ProgressChart
from trappe.ui.widgets import responsible_labels

AGREEMENTS_AT_ONCE = 40  # open agreements listed before «Vis … ældre»
NARROW_WIDTH = 880  # px: below this the chart and the meetings become tabs


def activity_text(a: Activity) -> str:
    """The activity as the model writes it, with the unit in the chosen language."""
    return formatting.activity_text(
        a, hours_unit=QCoreApplication.translate("HistoryPane", "t./uge")
    )


def responsible_text(a: Agreement, record: CitizenRecord | None = None) -> str:
    """Who is responsible (the model's rule), with the role in the chosen language."""
    return formatting.responsible_text(a, record, labels=responsible_labels())


class MeetingNotes(QTextBrowser):
    """The selected meeting's notes. Behind the chart's tab (a narrow window) the new notes
    wait until they are shown or read: a citizen opens without writing or laying them out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._waiting: str | Callable[[], str] | None = None

    def set_html(self, text: str | Callable[[], str]) -> None:
        """The notes as HTML, or what writes them (called now if the notes are shown, else
        when they are shown or read)."""
        if self.isVisible():
            self._waiting = None
            self.setHtml(text if isinstance(text, str) else text())
        else:
            self._waiting = text

    def _now(self) -> None:
        if self._waiting is not None:
            text, self._waiting = self._waiting, None
            self.setHtml(text if isinstance(text, str) else text())

    def setPlainText(self, text: str) -> None:
        self._waiting = None
        super().setPlainText(text)

    def toPlainText(self) -> str:
        self._now()
        return super().toPlainText()

    def toHtml(self) -> str:
        self._now()
        return super().toHtml()

    def showEvent(self, event: QShowEvent) -> None:
        self._now()
        super().showEvent(event)


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
        self._all_agreements = False

        self.next_meeting = NextMeetingLabel(self)
        self.next_meeting.setObjectName("next_meeting")
        self.next_meeting.setTextFormat(Qt.TextFormat.PlainText)
        self.next_meeting.setMargin(4)
        self.chart = ProgressChart(self, today=today)

        self.meetings = MeetingList(self)
        self.meetings.setObjectName("meetings")
        self.meetings.setAccessibleName(self.tr("Møder"))
        self.meetings.header().setStretchLastSection(True)
        # Fixed widths from the font (ResizeToContents would measure every row on each fill).
        header = self.meetings.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        fm = self.meetings.fontMetrics()
        header.resizeSection(0, fm.horizontalAdvance("00-00-0000") + 14)
        header.resizeSection(1, fm.horizontalAdvance("● 7  ▲ 7") + 16)
        self._select_first = False  # the newest meeting is selected when the list is shown
        self.meetings.selectionModel().currentRowChanged.connect(self._current_changed)
        self.meetings.shown.connect(self._select_when_shown)
        self.meetings.doubleClicked.connect(lambda *_: self._edit_meeting())
        self.notes = MeetingNotes(self)
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
        self.agreements.model().toggled.connect(self.agreement_done_toggled)
        # Each row's text laid out once, not on every paint (the same pixels).
        self._agreement_rows = LaidOutRows(self.agreements)
        self.agreements.setItemDelegate(self._agreement_rows)
        self.activities = MeasuredLabel(self)
        self.activities.setObjectName("activities")
        self.activities.setWordWrap(True)
        self.activities.setTextFormat(Qt.TextFormat.PlainText)
        self.activities.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        def heading(text: str) -> QLabel:
            label = MeasuredLabel(text, self)
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
        # The newest agreements are listed at once; a long tail waits behind a button (a
        # citizen with two hundred open agreements opens as fast as one with three).
        self.more_agreements = QPushButton(self)
        self.more_agreements.setObjectName("more_agreements")
        self.more_agreements.setAccessibleName(self.tr("Vis ældre åbne aftaler"))
        self.more_agreements.setFlat(True)
        self.more_agreements.clicked.connect(self._show_all_agreements)
        self.more_agreements.hide()
        l3.addWidget(self.more_agreements)
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
        # The pane's contents are laid out in a body that fills the pane. A new citizen's
        # texts (next meeting, headings, tab titles) lay the body out again, but the window
        # around the pane only when the pane's own size hints change (see ``event``).
        self._body = QWidget(self)
        layout = QVBoxLayout(self._body)
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

    def sizeHint(self) -> QSize:
        return self._body.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._body.minimumSizeHint()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            # The body was laid out again (a new citizen's texts, the «Vis … ældre» button
            # shown or hidden): tell the splitter around only if the pane now needs more room
            # than it has, else the whole window would be laid out for nothing. (The
            # splitter asks for the minimum again whenever the user drags it.)
            least = self._body.minimumSizeHint()
            if least.width() > self.width() or least.height() > self.height():
                self.updateGeometry()
            return True
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._body.setGeometry(self.rect())
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
        same = (
            record is not None
            and self._record is not None
            and record.citizen.id == self._record.citizen.id
        )
        self._all_agreements = self._all_agreements and same
        self._staircase = staircase
        self._record = record
        self.chart.set_content(staircase, record)
        self._fill_next_meeting()
        self._fill_meetings()
        title = self._meetings_tab_title()
        if self.tabs.tabText(1) != title:  # Qt lays the tab bar out again even for the same
            self.tabs.setTabText(1, title)
        self._fill_agreements()
        self._fill_activities()

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
        self.next_meeting.set_overdue(overdue)

    def _fill_meetings(self) -> None:
        meetings = self._record.meetings if self._record else []
        self.meetings.model().set_meetings(self._staircase, meetings)
        self._select_first = False
        if meetings and self.meetings.isVisible():
            self.meetings.setCurrentIndex(self.meetings.model().index(0, 0))
        elif meetings:
            # The list is hidden (the chart's tab in front): it is laid out, and the newest
            # meeting selected in it, when it is shown; the notes show that meeting now.
            self._select_first = True
            self._show_meeting()
        else:
            self.notes.setPlainText(
                self.tr("Ingen møder endnu.") if self._record is not None else ""
            )
        enabled = bool(meetings)
        self.edit_button.setEnabled(enabled)
        self.delete_button.setEnabled(enabled)

    def selected_meeting(self) -> Meeting | None:
        if self._record is None:
            return None
        if self._select_first:
            return self.meetings.model().meeting(0)
        index = self.meetings.currentIndex()
        if not index.isValid():
            return None
        return self.meetings.model().meeting(index.row())

    def _current_changed(self, *_: object) -> None:
        self._select_first = False  # chosen in the list (or by code): that one counts
        self._show_meeting()

    def _select_when_shown(self) -> None:
        if self._select_first:
            self._select_first = False
            self.meetings.setCurrentIndex(self.meetings.model().index(0, 0))

    def _show_meeting(self, *_: object) -> None:
        m = self.selected_meeting()
        if m is not None:
            self.notes.set_html(lambda: self._meeting_html(m))

    def _meeting_html(self, m: Meeting) -> str:
        """The meeting's notes, participants, activities and agreements as the notes show
        them."""
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
        return "<p>" + "</p><p>".join(parts) + "</p>"

    def _fill_agreements(self) -> None:
        # Newest meeting first: the same order as on the sheet and in dialogue mode.
        open_agreements = self._record.open_agreements if self._record else []
        closed = self._record is not None and self._record.citizen.status is Status.CLOSED
        shown = open_agreements
        if len(open_agreements) > AGREEMENTS_AT_ONCE and not self._all_agreements:
            shown = open_agreements[:AGREEMENTS_AT_ONCE]
        self.agreements.model().set_agreements(shown, self._today, checkable=not closed)
        hidden = len(open_agreements) - len(shown)
        self.more_agreements.setVisible(hidden > 0)
        if hidden:
            self.more_agreements.setText(
                self.tr("Vis %1 ældre åbne aftaler").replace("%1", str(hidden))
            )
        self.agreements_heading.setText(
            self.tr("Åbne aftaler (%1)").replace("%1", str(len(open_agreements)))
        )

    def _fill_activities(self) -> None:
        acts = self._record.current_activities if self._record else []
        if self._record is None:
            self.activities.setText("")
        elif not acts:
            self.activities.setText(self.tr("Ingen aktiviteter registreret."))
        else:
            self.activities.setText("\n".join("• " + activity_text(a) for a in acts))

    def _show_all_agreements(self) -> None:
        self._all_agreements = True
        self._fill_agreements()
        self.agreements.setFocus()

    def agreement_item(self, text: str) -> RowRef | None:
        """The open agreement whose text starts with ``text`` (for tests and accessibility)."""
        for row in range(self.agreements.count()):
            item = self.agreements.item(row)
            if item is not None and item.text().startswith(text):
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
