"""Record (or edit) a dialogue meeting: placements, notes, agreements, activities, next meeting.

The dialog validates with ``meetings.validate_meeting`` and hands the input to the caller's
``save`` (the window pushes an undo command that records it) before it closes; without
``save`` the caller takes ``meeting_input()`` after Accepted. A field the model refuses gets
the Danish message beside it, any other refusal (a locked database) a message below, and the
dialog stays open with all input.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trappe.model import citizens, intervals, meetings
from trappe.model import staircase as staircase_model
from trappe.model.entities import (
    Activity,
    Agreement,
    Meeting,
    MeetingInput,
    Staircase,
)
from trappe.model.errors import TrappeError, ValidationError
from trappe.model.store import Store
from trappe.model.validation import format_date
from trappe.ui.meeting_rows import (
    MeetingForm,
    RowList,
    clear_row_errors,
    read_rows,
)
from trappe.ui.widgets import (
    DateEdit,
    ErrorMap,
    FieldError,
    StepCombo,
    hint_label,
    step_label,
    with_error,
)


class MeetingDialog(MeetingForm, QDialog):
    """The dialogue meeting form; ``meeting_input()`` is the validated input after Accepted."""

    def __init__(
        self,
        store: Store,
        citizen_id: int,
        parent: QWidget | None = None,
        meeting: Meeting | None = None,
        save: Callable[[MeetingInput], None] | None = None,
    ) -> None:
        """``save`` stores the validated input (the window's undo command); if it raises a
        ``TrappeError`` (e.g. the database is locked) the dialog stays open with the message,
        so nothing the user typed is lost."""
        super().__init__(parent)
        self.store = store
        self.citizen_id = citizen_id
        self.meeting = meeting
        self._save = save
        self._result: MeetingInput | None = None
        self.citizen = citizens.get_citizen(store, citizen_id)
        self.stair: Staircase = staircase_model.load_staircase(store)
        self.kinds = staircase_model.activity_kinds(store)
        self.errors = ErrorMap()
        self.setWindowTitle(
            (
                self.tr("Dialogmøde med %1")
                if meeting is None
                else self.tr("Ret dialogmøde med %1")
            ).replace("%1", self.citizen.name)
        )

        # -- the meeting: date, next meeting, participants ---------------------------------
        self.held_on_edit = DateEdit(date.today(), field="held_on", label=self.tr("Mødedatoen"))
        self.next_edit = DateEdit(
            intervals.suggest_next_meeting(store, self.citizen, date.today()),
            field="next_meeting_on",
            label=self.tr("Næste samtale"),
        )
        self.next_edit.setToolTip(
            self.tr("Foreslås ud fra målgruppens interval (Indstillinger → Samtaler).")
        )
        self._next_touched = False
        self.next_edit.line.textEdited.connect(self._next_edited)
        self.held_on_edit.changed.connect(self._suggest_next)
        self.participants_edit = QLineEdit()
        self.participants_edit.setPlaceholderText(
            self.tr("F.eks. borger, sagsbehandler, virksomhedskonsulent")
        )
        self.professional_combo = StepCombo(self.stair, none_text=self.tr("(vælg trin)"))
        self.citizen_combo = StepCombo(self.stair, none_text=self.tr("ikke angivet"))
        for combo in (self.professional_combo, self.citizen_combo):
            combo.setMinimumContentsLength(24)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.caseworker_note = QPlainTextEdit()
        self.consultant_note = QPlainTextEdit()
        for note in (self.caseworker_note, self.consultant_note):
            note.setTabChangesFocus(True)
            note.setFixedHeight(note.fontMetrics().lineSpacing() * 5 + 12)

        top = QFormLayout()
        top.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(self.held_on_edit)
        dates.addSpacing(24)
        next_label = QLabel(self.tr("&Næste samtale:"))
        next_label.setBuddy(self.next_edit.line)
        dates.addWidget(next_label)
        dates.addWidget(self.next_edit)
        dates.addStretch(1)
        dates_error = FieldError()
        self.errors.add("held_on", self.held_on_edit, dates_error)
        self.errors.add("next_meeting_on", self.next_edit, dates_error)
        dates_cell = QWidget()
        dates_box = QVBoxLayout(dates_cell)
        dates_box.setContentsMargins(0, 0, 0, 0)
        dates_box.setSpacing(2)
        dates_box.addLayout(dates)
        dates_box.addWidget(dates_error)
        held_label = QLabel(self.tr("&Dato:"))
        held_label.setBuddy(self.held_on_edit.line)
        top.addRow(held_label, dates_cell)
        for field, text, widget in (
            ("participants", self.tr("D&eltagere:"), self.participants_edit),
            (
                "professional_step_id",
                self.tr("&Fagpersonernes placering:"),
                self.professional_combo,
            ),
            ("citizen_step_id", self.tr("&Borgerens egen placering:"), self.citizen_combo),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            top.addRow(label, self._field_cell(field, widget))
        self.placement_hint = hint_label(self._placement_hint() if meeting is None else "")
        self.placement_hint.setWordWrap(False)  # one line; wrapping in a form squeezes it
        self.placement_hint.setVisible(bool(self.placement_hint.text()))
        top.addRow("", self.placement_hint)

        notes = QGridLayout()
        for col, (field, text, edit) in enumerate(
            (
                ("caseworker_note", self.tr("Sa&gsbehandlerens notat:"), self.caseworker_note),
                (
                    "consultant_note",
                    self.tr("Virksomheds&konsulentens notat:"),
                    self.consultant_note,
                ),
            )
        ):
            label = QLabel(text)
            label.setBuddy(edit)
            error = FieldError()
            notes.addWidget(label, 0, col)
            notes.addWidget(with_error(edit, error), 1, col)
            self.errors.add(field, edit, error)

        # -- agreements and activities ------------------------------------------------------
        self.agreements = RowList(self.tr("Aftaler"), self.tr("&Tilføj aftale"))
        self.agreements.empty_label.setText(self.tr("Ingen aftaler endnu."))
        self.agreements.add_button.clicked.connect(lambda: self.add_agreement(focus=True))
        self.activities = RowList(self.tr("Parallelle aktiviteter"), self.tr("Tilføj &aktivitet"))
        self.activities.empty_label.setText(self.tr("Ingen aktiviteter."))
        self.activities.add_button.clicked.connect(lambda: self.add_activity(focus=True))
        self.agreements.changed.connect(self._update_tab_order)
        self.activities.changed.connect(self._update_tab_order)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(top)
        body_layout.addLayout(notes)
        body_layout.addWidget(self.agreements)
        body_layout.addWidget(self.activities)
        body_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)

        self.general_error = FieldError()
        self.errors.fallback = self.general_error
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        if meeting is not None:
            self._prefill(meeting)
        else:
            self.professional_combo.set_step_id(self.citizen.current_step_id)
            self.citizen_combo.set_step_id(None)
            latest = citizens.load_meetings(store, citizen_id)
            for activity in latest[-1].activities if latest else []:
                self.add_activity(activity)
        self._update_tab_order()
        self._fit_screen()
        self.held_on_edit.setFocus()

    # -- building --------------------------------------------------------------------------
    def _field_cell(self, field: str, widget: QWidget) -> QWidget:
        error = FieldError()
        self.errors.add(field, widget, error)
        return with_error(widget, error)

    def _placement_hint(self) -> str:
        """Where the citizen stood before this meeting, as a reminder beside the choice."""
        c = self.citizen
        if c.current_step_id is None:
            return self.tr("Borgeren har ingen placering endnu.")
        # One line per placement: a single long line would widen the dialog past the screen.
        parts = []
        step = self.stair.step(c.current_step_id)
        if step is not None:
            parts.append(
                self.tr("Nu: fagpersonerne %1 (siden %2)")
                .replace("%1", step_label(self.stair, step))
                .replace("%2", format_date(c.current_step_since))
            )
        own = self.stair.step(c.own_step_id) if c.own_step_id is not None else None
        if own is not None:
            parts.append(self.tr("Borgeren selv: %1").replace("%1", step_label(self.stair, own)))
        return "\n".join(parts)

    def _fit_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen else None
        width, height = 940, 700
        if available is not None:
            width = min(width, available.width() - 40)
            height = min(height, available.height() - 60)
        self.resize(width, height)

    def _prefill(self, m: Meeting) -> None:
        self.fill_recorded(m)
        self.professional_combo.set_step_id(m.professional_step_id)
        self.citizen_combo.set_step_id(m.citizen_step_id)

    def show_row(self, row: QWidget) -> None:
        self.scroll.ensureWidgetVisible(row)

    def _update_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.held_on_edit.line,
            self.next_edit.line,
            self.participants_edit,
            self.professional_combo,
            self.citizen_combo,
            self.caseworker_note,
            self.consultant_note,
        ]
        for row in self.agreements.rows:
            chain += row.focus_chain()  # type: ignore[attr-defined]
        chain.append(self.agreements.add_button)
        for row in self.activities.rows:
            chain += row.focus_chain()  # type: ignore[attr-defined]
        chain.append(self.activities.add_button)
        chain += self.buttons.buttons()
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- the next-meeting suggestion -------------------------------------------------------
    def _next_edited(self, _text: str) -> None:
        self._next_touched = True

    def _suggest_next(self) -> None:
        held = self.held_on_edit.date_or_none()
        if held is not None and not self._next_touched:
            self.next_edit.set_date(intervals.suggest_next_meeting(self.store, self.citizen, held))

    # -- reading and validating ------------------------------------------------------------
    def _register_row_errors(self) -> tuple[list[Agreement], list[Activity]]:
        return read_rows(self.errors, self.agreements, self.activities)

    def _read(self) -> MeetingInput:
        # Empty: the model says it must be filled in (validate_meeting).
        held_on: Any = self.held_on_edit.date()
        next_on = self.next_edit.date()
        agreements, activities = self._register_row_errors()
        return MeetingInput(
            held_on=held_on,
            professional_step_id=self.professional_combo.step_id(),
            citizen_step_id=self.citizen_combo.step_id(),
            participants=self.participants_edit.text(),
            caseworker_note=self.caseworker_note.toPlainText(),
            consultant_note=self.consultant_note.toPlainText(),
            next_meeting_on=next_on,
            activities=activities,
            agreements=agreements,
        )

    def accept(self) -> None:
        self.errors.clear()
        clear_row_errors(self.agreements, self.activities)
        try:
            if self.meeting is None:
                meetings.check_can_record(self.store, self.citizen.id)
            self._result = meetings.validate_meeting(self.store, self._read())
            if self._save is not None:
                self._save(self._result)
        except ValidationError as exc:
            widget = self.errors.show(exc)
            if widget is not None:
                self.scroll.ensureWidgetVisible(widget)
            return
        except TrappeError as exc:
            self.general_error.show_message(exc.message)
            return
        super().accept()

    def meeting_input(self) -> MeetingInput:
        """The validated input (after Accepted); raises RuntimeError before that."""
        if self._result is None:
            raise RuntimeError("MeetingDialog.meeting_input() before the dialog was accepted")
        return self._result
