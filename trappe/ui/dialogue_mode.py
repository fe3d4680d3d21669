"""Dialogue mode: the screen the citizen sees across the table, or on a projector.

Full screen, only this citizen: their name, their staircase drawn large (step titles the
largest text on it, descriptions kept), their open agreements and the next meeting. No
caseload, no menus, no status bar, no staff names, no other citizens. The window switches
to it and back (``MainWindow.set_dialogue_mode``); Esc or the button leaves it.

The agreements panel lists the open agreements newest meeting first (``picture``), marks
the overdue ones in red *and* with the word «overskredet», and takes the largest type at
which all of them fit without scrolling (seven fit at 1366×768).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QShortcut,
    QTextDocument,
)
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

from trappe.model.entities import Agreement, CitizenRecord, Staircase, Status
from trappe.model.formatting import format_date, format_date_long
from trappe.model.picture import is_overdue
from trappe.ui.history_pane import responsible_text
from trappe.ui.staircase_widget import StaircaseWidget

LARGE_PT = 20
TITLE_PT = 30
AGREEMENT_PX = (26, 24, 22, 20, 19, 18, 17, 16, 15, 14, 13)  # largest first
OVERDUE_INK = "#a31515"


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
        self.agreements.setAccessibleName(self.tr("Det har vi aftalt"))
        self._agreements: list[Agreement] | None = None
        self._agreement_px = AGREEMENT_PX[0]
        self._fitted_for = QSize()
        self.agreements.viewport().installEventFilter(self)
        scroll = self.agreements

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(12, 0, 0, 0)
        side_layout.addWidget(self.next_meeting)
        side_layout.addSpacing(12)
        side_layout.addWidget(self.agreements_title)
        side_layout.addWidget(scroll, 1)
        side.setMinimumWidth(340)
        self.side = side

        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setMinimumWidth(100)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addSpacing(24)
        header.addWidget(self.date_label)
        header.addSpacing(24)
        header.addWidget(self.leave_button)
        body = QHBoxLayout()
        body.addWidget(self.staircase, 5)
        body.addWidget(side, 2)
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
            self._agreements = None
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
        self._agreements = record.open_agreements  # newest meeting first
        self._fit_agreements()

    # -- the agreements panel -------------------------------------------------------------------
    def agreements_html(self, px: int) -> str:
        """The open agreements at ``px``: what (larger), who · by when (smaller); overdue in
        red with the word, so it does not rest on colour alone."""
        if not self._agreements:
            return f"<p style='font-size:{px}px'>{html.escape(self.tr('Ingen åbne aftaler.'))}</p>"
        e = html.escape
        today = self._today()
        small = max(11, round(px * 0.78))
        items = []
        for a in self._agreements:
            items.append(self._agreement_html(a, px, small, is_overdue(a, today), e))
        return "".join(items)

    def _agreement_html(self, a: Agreement, px: int, small: int, overdue: bool, e) -> str:
        who = responsible_text(a)  # the role only: no staff names in dialogue mode
        if a.due_on:
            who += " · " + self.tr("senest %1").replace("%1", format_date(a.due_on))
        colour = f"color:{OVERDUE_INK};" if overdue else ""
        flag = ""
        if overdue:
            flag = f" · <b>{e(self.tr('overskredet'))}</b>"
        gap = round(px * 0.45)
        return (
            f"<p style='margin-top:0; margin-bottom:{gap}px; font-size:{px}px; {colour}'>"
            f"{e(a.what)}<br><span style='font-size:{small}px'>{e(who)}{flag}</span></p>"
        )

    def _fit_agreements(self) -> None:
        """The largest type at which every open agreement fits the panel without scrolling
        (at the smallest, a scroll bar is the last resort)."""
        if self._agreements is None:
            return
        width = self.agreements.viewport().width() - 2
        height = self.agreements.viewport().height() - 2
        doc = QTextDocument()
        doc.setDefaultFont(self.agreements.font())
        doc.setDocumentMargin(self.agreements.document().documentMargin())
        doc.setTextWidth(max(50, width))
        chosen = AGREEMENT_PX[-1]
        for px in AGREEMENT_PX:
            doc.setHtml(self.agreements_html(px))
            if doc.size().height() <= height:
                chosen = px
                break
        self._agreement_px = chosen
        self.agreements.setHtml(self.agreements_html(chosen))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The panel's own size, once laid out (not the view's: its children follow later).
        if watched is self.agreements.viewport() and event.type() == QEvent.Type.Resize:
            size = self.agreements.viewport().size()
            if size != self._fitted_for:
                self._fitted_for = size
                self._fit_agreements()
        return super().eventFilter(watched, event)
