"""The history pane's «Næste samtale: …» label: bold, and overdue in dark red on a light red
rounded ground; sized from one measurement of its line."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from trappe.ui.measured_label import MeasuredLabel

_NOT_CENTRED = ~int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignHCenter)
_EXPAND_TABS = int(Qt.TextFlag.TextExpandTabs)


class NextMeetingLabel(MeasuredLabel):
    """'Næste samtale: …' in bold; overdue, in dark red on a light red rounded ground.

    Painted by hand rather than by a style sheet: a style sheet set on each citizen opened
    costs a re-polish of the label every time. The dark red is a role of the label's own
    palette (set once), which the label's text is drawn in while the meeting is overdue:
    turning it on or off changes the role the text is drawn in, not the palette (a palette
    set on each citizen opened costs a palette change event and its resolution every time).
    """

    OVERDUE_GROUND = QColor("#f8d7d3")
    OVERDUE_INK = QColor("#8a1c10")
    # The role holding the dark red: one a plain-text label draws nothing else in.
    INK_ROLE = QPalette.ColorRole.BrightText

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        palette = QPalette()  # (the window's colours, but for the one role)
        palette.setColor(self.INK_ROLE, self.OVERDUE_INK)
        self.setPalette(palette)
        self._overdue = False
        self.setProperty("overdue", False)

    def set_overdue(self, overdue: bool) -> None:
        overdue = bool(overdue)
        if self._overdue is overdue:
            return
        self._overdue = overdue
        self.setProperty("overdue", overdue)
        self.setForegroundRole(self.INK_ROLE if overdue else QPalette.ColorRole.WindowText)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self._answer("size", self._line_size, 0))

    def minimumSizeHint(self) -> QSize:
        return QSize(self._answer("least", self._line_size, 1))

    def _line_size(self, least: int) -> QSize:
        """The size Qt gives a label of one line of plain text, as its size hint and as its
        least size hint alike (both remembered), from one measurement of the text: Qt lays
        the text out three times for them (at its width, at no width and at any width: the
        same for a line that does not wrap). A label that may wrap, shows more than plain
        text or no text, asks Qt (``least``: for the least size hint)."""
        text = self.text()
        if (
            not text  # (sized as a label without a text)
            or self.textFormat() != Qt.TextFormat.PlainText
            or self.wordWrap()
            or self.indent() > 0
            or (self.indent() < 0 and self.frameWidth())
        ):
            return QLabel.minimumSizeHint(self) if least else QLabel.sizeHint(self)
        margins = self.contentsMargins()
        wide = margins.left() + margins.right()
        extra = 2 * self.margin()
        # (as Qt measures: a label's tabs expanded, and its centring aside)
        flags = (int(self.alignment()) & _NOT_CENTRED) | _EXPAND_TABS
        box = self.fontMetrics().boundingRect(0, 0, 2000 - extra - wide, 2000, flags, text)
        high = box.height() + extra + margins.top() + margins.bottom()
        size = QSize(box.width() + extra + wide, high).expandedTo(self.minimumSize())
        self._remember(("size" if least else "least", text), QSize(size))
        return size

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._overdue:
            p = QPainter(self)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.OVERDUE_GROUND)
            p.drawRoundedRect(self.rect(), 3, 3)
            p.end()
        super().paintEvent(event)
