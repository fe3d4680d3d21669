"""The header above the staircase: who is shown (name, masked identifier, group, staff, goal)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from trappe.ui.measured_label import MeasuredLabel

if TYPE_CHECKING:
    from trappe.model.entities import CitizenRecord, Staircase

NAME_STYLE = "font-size:15pt; font-weight:bold"


class CitizenHeader(QWidget):
    """Who is shown: name, masked identifier, target group, staff, goal.

    The words are a rich-text label that fills the header. The header is exactly as tall as
    the label needs at its width (two lines at least, even empty, so the panes below do not
    move when a citizen opens); a new citizen's words lay the window out again only if that
    height changes (a label's new text would otherwise lay out the whole window each time).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("citizen_header")
        self.label = MeasuredLabel(self)
        self.label.setObjectName("citizen_header_text")
        self.label.setProperty("textFormat", 1)  # RichText (no ``Qt`` enums before the first paint)
        self.label.setWordWrap(True)
        self.label.setMargin(4)
        self.label.setText(f"<span style='{NAME_STYLE}'>&nbsp;</span><br>&nbsp;")
        self._least = self.label.sizeHint().height()
        self.label.setText("")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self._least)

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:
        if text != self.label.text():
            self.label.setText(text)
            self._fit_height()

    def _fit_height(self) -> None:
        height = max(self._least, self.label.heightForWidth(max(1, self.width())))
        if height != self.height() or height != self.minimumHeight():
            self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        return QSize(self.label.sizeHint().width(), self.minimumHeight())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.minimumHeight())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the label's: see ``_fit_height``
            return True
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())
        if event.oldSize().width() != self.width():
            self._fit_height()

    def set_content(self, sc: Staircase | None, record: CitizenRecord | None) -> None:
        if record is None:
            self.setText("")
            return
        # (imported when the first citizen is shown: the empty header at start needs none)
        import html

        from trappe.model.entities import Status
        from trappe.model.validation import format_date
        from trappe.ui.widgets import role_labels

        c = record.citizen
        e = html.escape
        bits = []
        if c.identifier:
            bits.append(e(c.identifier_masked))
        if record.target_group:
            bits.append(e(record.target_group.name))
        if record.caseworker:
            bits.append(e(f"{role_labels()[record.caseworker.role]}: {record.caseworker.name}"))
        if record.consultant:
            bits.append(e(f"{role_labels()[record.consultant.role]}: {record.consultant.name}"))
        bits.append(
            e(self.tr("Start %1").replace("%1", format_date(c.start_date))).replace(" ", "\u00a0")
        )
        if c.goal_step_id is not None and sc is not None:
            step = sc.step(c.goal_step_id)
            if step is not None:
                goal = self.tr("Mål: %1").replace("%1", step.title)
                if c.goal_date:
                    goal += " " + self.tr("senest %1").replace("%1", format_date(c.goal_date))
                bits.append(e(goal))
        status = ""
        if c.status is Status.CLOSED:
            status = " <span style='color:#8a1c10'>({})</span>".format(
                e(self.tr("afsluttet %1").replace("%1", format_date(c.closed_on)))
            )
        self.setText(f"<span style='{NAME_STYLE}'>{e(c.name)}</span>{status}<br>{' · '.join(bits)}")
