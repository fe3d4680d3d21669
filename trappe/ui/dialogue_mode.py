"""Dialogue mode: the screen the citizen sees across the table.

Full screen, only this citizen: their name, their staircase drawn large, their open
agreements and the next meeting in large type. No caseload, no menus, no status bar, no
other names anywhere. The window switches to it and back (``MainWindow.set_dialogue_mode``);
Esc or the button leaves it.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trappe.model.entities import CitizenRecord, Staircase, Status
from trappe.model.validation import format_date, format_date_long
from trappe.ui.history_pane import responsible_text
from trappe.ui.staircase_widget import StaircaseWidget

LARGE_PT = 20
SMALL_PT = 15
TITLE_PT = 30


def _font(widget: QWidget, points: int, bold: bool = False) -> QFont:
    f = QFont(widget.font())
    f.setPointSize(points)
    f.setBold(bold)
    return f


class ElidedLabel(QLabel):
    """A one-line label that elides its text (a long name must not push the buttons away)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.font())
        painter.setPen(self.palette().windowText().color())
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text
        )
        painter.end()


class DialogueView(QWidget):
    """One citizen's staircase and agreements in large type."""

    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, today: Callable[[], date] = date.today):
        super().__init__(parent)
        self.setObjectName("dialogue_view")
        self.setAccessibleName(self.tr("Dialogtilstand"))
        self._today = today
        self.title = ElidedLabel(self)
        self.title.setObjectName("dialogue_title")
        self.title.setFont(_font(self, TITLE_PT, bold=True))
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.date_label = QLabel(self)
        self.date_label.setFont(_font(self, LARGE_PT))
        self.leave_button = QPushButton(self.tr("Afslut dialogtilstand (Esc)"), self)
        self.leave_button.setObjectName("leave_dialogue")
        self.leave_button.setFont(_font(self, 14))
        self.leave_button.clicked.connect(self.leave_requested)
        self.staircase = StaircaseWidget(self, large_text=True)
        self.staircase.empty_text = ""

        self.next_meeting = QLabel(self)
        self.next_meeting.setObjectName("dialogue_next_meeting")
        self.next_meeting.setFont(_font(self, LARGE_PT, bold=True))
        self.next_meeting.setWordWrap(True)
        self.agreements_title = QLabel(self.tr("Det har vi aftalt"), self)
        self.agreements_title.setFont(_font(self, LARGE_PT, bold=True))
        self.agreements = QTextBrowser(self)
        self.agreements.setObjectName("dialogue_agreements")
        self.agreements.setFont(_font(self, LARGE_PT))
        self.agreements.setFrameShape(QFrame.Shape.NoFrame)
        self.agreements.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.agreements.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.agreements.viewport().setAutoFillBackground(False)
        scroll = self.agreements

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(12, 0, 0, 0)
        side_layout.addWidget(self.next_meeting)
        side_layout.addSpacing(12)
        side_layout.addWidget(self.agreements_title)
        side_layout.addWidget(scroll, 1)
        side.setMinimumWidth(340)

        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setMinimumWidth(100)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addSpacing(24)
        header.addWidget(self.date_label)
        header.addSpacing(24)
        header.addWidget(self.leave_button)
        body = QHBoxLayout()
        body.addWidget(self.staircase, 3)
        body.addWidget(side, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(header)
        layout.addLayout(body, 1)

        self._esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self._esc.setContext(Qt.ShortcutContext.WindowShortcut)  # only while shown
        self._esc.activated.connect(self.leave_requested)

    def set_content(self, staircase: Staircase | None, record: CitizenRecord | None) -> None:
        """Show one citizen (or nobody: an empty staircase)."""
        self.staircase.set_content(staircase, record)
        self.date_label.setText(format_date_long(self._today()))
        if record is None:
            self.title.setText(self.tr("Trappen"))
            self.next_meeting.setText("")
            self.agreements.setPlainText("")
            return
        c = record.citizen
        self.title.setText(c.name)
        if c.status is Status.CLOSED:  # a closed course has no next meeting
            self.next_meeting.setText(
                self.tr("Forløbet er afsluttet %1").replace("%1", format_date(c.closed_on))
            )
        else:
            self.next_meeting.setText(
                self.tr("Næste samtale: %1").replace("%1", format_date(c.next_meeting_on))
                if c.next_meeting_on
                else self.tr("Næste samtale: ikke aftalt endnu")
            )
        open_agreements = record.open_agreements
        if not open_agreements:
            self.agreements.setPlainText(self.tr("Ingen åbne aftaler."))
            return
        e = html.escape
        items = []
        for a in open_agreements:
            who = responsible_text(a)
            if a.due_on:
                who += " · " + self.tr("senest %1").replace("%1", format_date(a.due_on))
            # Who and by when a size smaller: "Virksomhedskonsulent" must fit the column whole.
            items.append(
                f"<li style='margin-bottom:12px'>{e(a.what)}<br>"
                f"<i style='font-size:{SMALL_PT}pt'>{e(who)}</i></li>"
            )
        self.agreements.setHtml(f"<ul style='margin-left:-20px'>{''.join(items)}</ul>")
