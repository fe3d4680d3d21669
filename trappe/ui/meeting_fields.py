"""The meeting's fields beside the staircase in meeting mode: date and next meeting,
participants, the open agreements from earlier meetings with a tick box for *udført*, new
agreements, parallel activities (the shared row editors, compact) and the notes.

``MeetingFields`` fills itself from a record (a new meeting, or today's recorded again) and
reads itself into the parts of a ``MeetingInput``; the view adds the placements from the
staircase and saves.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trappe.model import intervals
from trappe.model.entities import Activity, Agreement, CitizenRecord, Meeting
from trappe.model.formatting import format_date
from trappe.model.intervals import MeetingInterval
from trappe.model.meeting_session import earlier_open_agreements
from trappe.model.picture import is_overdue
from trappe.ui.history_pane import responsible_text
from trappe.ui.meeting_rows import (
    MeetingForm,
    RowList,
    clear_row_errors,
    read_rows,
)
from trappe.ui.widgets import DateEdit, ErrorMap, FieldError, with_error

OVERDUE_INK = "#8a1c10"


class EarlierAgreement(QWidget):
    """An open agreement from an earlier meeting: a tick box for *udført* and its text."""

    def __init__(self, agreement: Agreement, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agreement = agreement
        self.check = QCheckBox(self.tr("udført"))
        self.check.setAccessibleName(self.tr("Udført: %1").replace("%1", agreement.what))
        who = responsible_text(agreement)
        if agreement.due_on is not None:
            who += " · " + self.tr("senest %1").replace("%1", format_date(agreement.due_on))
        overdue = is_overdue(agreement, today)
        if overdue:  # in words too, not by colour alone
            who += " · " + self.tr("overskredet")
        e = html.escape
        body = f"{e(agreement.what)}<br>{e(who)}"
        if overdue:  # a span, not a style sheet: the label keeps the panel's (large) font
            body = f"<span style='color:{OVERDUE_INK}'>{body}</span>"
        self.text = QLabel(body)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setBuddy(self.check)
        self.check.setAccessibleDescription(f"{agreement.what}. {who}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)


@dataclass(frozen=True)
class FieldsInput:
    """What the fields hold, ready for a ``MeetingInput`` (the placements come from the
    staircase) and the agreements ticked off."""

    held_on: date
    next_meeting_on: date | None
    participants: str
    caseworker_note: str
    consultant_note: str
    agreements: list[Agreement]
    activities: list[Activity]
    done_agreements: tuple[int, ...]


class MeetingFields(MeetingForm, QScrollArea):
    """The meeting's fields, scrolling beside the staircase."""

    compact_rows = True

    def __init__(
        self,
        errors: ErrorMap,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meeting_fields")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.errors = errors
        self._today = today
        self.kinds: list[str] = []

        self.held_on_edit = DateEdit(date.today(), field="held_on", label=self.tr("Mødedatoen"))
        self.held_on_edit.line.setAccessibleName(self.tr("Mødedato"))
        self.next_edit = DateEdit(None, field="next_meeting_on", label=self.tr("Næste samtale"))
        self.next_edit.line.setAccessibleName(self.tr("Næste samtale"))
        self.next_edit.setToolTip(
            self.tr("Foreslås ud fra målgruppens interval (Indstillinger → Samtaler).")
        )
        # When the next meeting falls due (set by the caller from the municipality's
        # intervals per target group, ``intervals.interval_for``).
        self.interval: MeetingInterval = intervals.FALLBACK
        self._start: date | None = None
        self._next_touched = False
        self.next_edit.line.textEdited.connect(self._next_edited)
        self.held_on_edit.changed.connect(self._suggest_next)
        self.participants_edit = QLineEdit()
        self.participants_edit.setAccessibleName(self.tr("Deltagere"))
        self.participants_edit.setPlaceholderText(
            self.tr("F.eks. borger, sagsbehandler, virksomhedskonsulent")
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for field, text, widget, target in (
            ("held_on", self.tr("&Dato:"), self.held_on_edit, self.held_on_edit.line),
            ("next_meeting_on", self.tr("&Næste samtale:"), self.next_edit, self.next_edit.line),
            ("participants", self.tr("D&eltagere:"), self.participants_edit, None),
        ):
            label = QLabel(text)
            label.setBuddy(target or widget)
            error = FieldError()
            self.errors.add(field, widget, error)
            form.addRow(label, with_error(widget, error))

        self.earlier_box = QGroupBox(self.tr("Aftaler fra tidligere møder"))
        self.earlier_box.setObjectName("earlier_agreements")
        self.earlier_layout = QVBoxLayout(self.earlier_box)
        self.earlier_empty = QLabel(self.tr("Ingen åbne aftaler fra tidligere møder."))
        self.earlier_empty.setEnabled(False)
        self.earlier_layout.addWidget(self.earlier_empty)
        self.earlier_error = FieldError()
        self.earlier_layout.addWidget(self.earlier_error)
        self.errors.add("done_agreements", self.earlier_box, self.earlier_error)
        self.earlier_rows: list[EarlierAgreement] = []

        self.agreements = RowList(self.tr("Nye aftaler"), self.tr("&Tilføj aftale"))
        self.agreements.setObjectName("new_agreements")
        self.agreements.empty_label.setText(self.tr("Ingen nye aftaler endnu."))
        self.agreements.add_button.clicked.connect(lambda: self.add_agreement(focus=True))
        self.activities = RowList(self.tr("Parallelle aktiviteter"), self.tr("Tilføj &aktivitet"))
        self.activities.setObjectName("activities")
        self.activities.empty_label.setText(self.tr("Ingen aktiviteter."))
        self.activities.add_button.clicked.connect(lambda: self.add_activity(focus=True))

        self.caseworker_note = QPlainTextEdit()
        self.consultant_note = QPlainTextEdit()
        notes = QGroupBox(self.tr("Notater"))
        notes_layout = QVBoxLayout(notes)
        for field, text, edit in (
            ("caseworker_note", self.tr("Sa&gsbehandlerens notat:"), self.caseworker_note),
            ("consultant_note", self.tr("Virksomheds&konsulentens notat:"), self.consultant_note),
        ):
            edit.setTabChangesFocus(True)
            edit.setAccessibleName(text.replace("&", "").rstrip(":"))
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 12)
            label = QLabel(text)
            label.setBuddy(edit)
            error = FieldError()
            self.errors.add(field, edit, error)
            notes_layout.addWidget(label)
            notes_layout.addWidget(with_error(edit, error))

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(form)
        body_layout.addWidget(self.earlier_box)
        body_layout.addWidget(self.agreements)
        body_layout.addWidget(self.activities)
        body_layout.addWidget(notes)
        body_layout.addStretch(1)
        self.setWidget(body)

    # -- filling ----------------------------------------------------------------------------
    def fill(
        self, record: CitizenRecord, meeting: Meeting | None, kinds: list[str], today: date
    ) -> None:
        """A new meeting (today, next meeting in six weeks, the activities running now), or
        today's meeting as it was recorded."""
        self.kinds = kinds
        self._start = record.citizen.start_date
        clear_row_errors(self.agreements, self.activities)
        for rows in (self.agreements, self.activities):
            for row in list(rows.rows):
                rows.remove_row(row)
        if meeting is not None:
            self.fill_recorded(meeting)
        else:
            self.held_on_edit.set_date(today)
            self._next_touched = False
            self.next_edit.set_date(self.suggested_next(today))
            self.participants_edit.clear()
            self.caseworker_note.clear()
            self.consultant_note.clear()
            for activity in record.current_activities:  # what runs now, as a start
                self.add_activity(activity)
        self._fill_earlier(earlier_open_agreements(record, meeting.id if meeting else None))

    def _fill_earlier(self, agreements: list[Agreement]) -> None:
        for row in self.earlier_rows:
            self.earlier_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.earlier_rows = []
        today = self._today()
        for a in agreements:  # newest meeting first, as everywhere
            row = EarlierAgreement(a, today, self.earlier_box)
            self.earlier_layout.insertWidget(self.earlier_layout.count() - 1, row)
            self.earlier_rows.append(row)
        self.earlier_empty.setVisible(not agreements)
        self.earlier_box.setTitle(
            self.tr("Aftaler fra tidligere møder (%1)").replace("%1", str(len(agreements)))
        )

    def show_row(self, row: QWidget) -> None:
        self.ensureWidgetVisible(row)

    def focus_chain(self) -> list[QWidget]:
        """The fields in the order Tab visits them."""
        chain: list[QWidget] = [
            self.held_on_edit.line,
            self.next_edit.line,
            self.participants_edit,
            *(row.check for row in self.earlier_rows),
        ]
        for row in self.agreements.rows:
            chain += row.focus_chain()  # type: ignore[attr-defined]
        chain.append(self.agreements.add_button)
        for row in self.activities.rows:
            chain += row.focus_chain()  # type: ignore[attr-defined]
        chain += [self.activities.add_button, self.caseworker_note, self.consultant_note]
        return chain

    # -- the next-meeting suggestion ------------------------------------------------------
    def _next_edited(self, _text: str) -> None:
        self._next_touched = True

    def suggested_next(self, held: date) -> date:
        start = self._start or held
        return held + timedelta(weeks=self.interval.weeks_after(start, held))

    def _suggest_next(self) -> None:
        held = self.held_on_edit.date_or_none()
        if held is not None and not self._next_touched:
            self.next_edit.set_date(self.suggested_next(held))

    # -- reading ----------------------------------------------------------------------------
    def read(self) -> FieldsInput:
        """The fields' values; raises ValidationError for a field that cannot be read."""
        # Empty: the model says it must be filled in (validate_meeting).
        held_on: Any = self.held_on_edit.date()
        next_on = self.next_edit.date()
        agreements, activities = read_rows(self.errors, self.agreements, self.activities)
        return FieldsInput(
            held_on,
            next_on,
            self.participants_edit.text(),
            self.caseworker_note.toPlainText(),
            self.consultant_note.toPlainText(),
            agreements,
            activities,
            tuple(
                row.agreement.id
                for row in self.earlier_rows
                if row.check.isChecked() and row.agreement.id is not None
            ),
        )

    def clear_errors(self) -> None:
        clear_row_errors(self.agreements, self.activities)

    def fingerprint(self) -> tuple:
        """Everything typed or ticked, to tell whether anything changed."""
        rows = tuple(
            tuple(w.text() if isinstance(w, QLineEdit) else "" for w in r.focus_chain())  # type: ignore[attr-defined]
            for r in self.agreements.rows + self.activities.rows
        )
        return (
            self.held_on_edit.text(),
            self.next_edit.text(),
            self.participants_edit.text(),
            self.caseworker_note.toPlainText(),
            self.consultant_note.toPlainText(),
            tuple(row.check.isChecked() for row in self.earlier_rows),
            rows,
        )
