"""The header above the staircase: who is shown (name, masked identifier, group, staff, goal)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from trappe.model.entities import CitizenRecord, Staircase

NAME_STYLE = "font-size:15pt; font-weight:bold"


class CitizenHeader(QLabel):
    """Who is shown: name, masked identifier, target group, staff, goal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("citizen_header")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setMargin(4)
        # Empty, the header keeps the height of a name and one line below it, so the panes
        # below do not move (and are not laid out and painted again) when a citizen opens.
        self.setText(f"<span style='{NAME_STYLE}'>&nbsp;</span><br>&nbsp;")
        self.setMinimumHeight(self.sizeHint().height())
        self.setText("")

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
