"""The row editors of a meeting: agreements and parallel activities, each a row of fields
with a «Fjern» button and its error line, in a titled list with an «add» button.

Used by the meeting dialog (editing an old meeting) and by meeting mode on the staircase.
``read_rows`` turns the lists into model objects and registers each field for the model's
error messages (``agreements[2].due_on`` …).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trappe.model import meetings
from trappe.model.entities import Activity, Agreement, Meeting, Responsible
from trappe.ui.accessibility import name_fields
from trappe.ui.widgets import DateEdit, ErrorMap, FieldError, responsible_labels


def _is_blank(*texts: str) -> bool:
    return not any(t.strip() for t in texts)


class EditableRow(QWidget):
    """A row of fields with a «Fjern» button, and a line for its error message beneath."""

    remove_requested = Signal(QWidget)

    def _lay_out(
        self, fields: list[QWidget], remove_name: str, first_line: int | None = None
    ) -> QGridLayout:
        """The fields in one line, or (``first_line``) the first so many on a line of their
        own and the rest beneath: a narrow panel beside the staircase (meeting mode)."""
        self.remove_button = QPushButton(QCoreApplication.translate("EditableRow", "Fjern"))
        self.remove_button.setAccessibleName(remove_name)
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.error = FieldError()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        widgets = [*fields, self.remove_button]
        if first_line is None:
            for column, widget in enumerate(widgets):
                grid.addWidget(widget, 0, column)
            grid.addWidget(self.error, 1, 0, 1, len(widgets))
            name_fields(self)  # labels for the row's combo boxes, for screen readers
            return grid
        rest = widgets[first_line:]
        span = max(len(rest), 1)
        for column, widget in enumerate(widgets[:first_line]):
            last = column == first_line - 1
            grid.addWidget(widget, 0, column, 1, span - column if last else 1)
        for column, widget in enumerate(rest):
            grid.addWidget(widget, 1, column)
        grid.addWidget(self.error, 2, 0, 1, span)
        name_fields(self)
        return grid


class AgreementRow(EditableRow):
    """One agreement: what, who (with a name for «Andre»), by when, and a remove button."""

    def __init__(
        self,
        agreement: Agreement | None = None,
        parent: QWidget | None = None,
        *,
        compact: bool = False,
    ) -> None:
        """``compact``: what on a line of its own, who and by when beneath."""
        super().__init__(parent)
        self.done_on = agreement.done_on if agreement else None
        self.suggested_due = ""  # a due date filled in for the user does not make a row
        self.what_edit = QLineEdit()
        self.what_edit.setPlaceholderText(self.tr("Hvad er aftalt?"))
        self.what_edit.setAccessibleName(self.tr("Aftale"))
        self.who_combo = QComboBox()
        self.who_combo.setAccessibleName(self.tr("Ansvarlig"))
        for responsible, label in responsible_labels().items():
            self.who_combo.addItem(label, responsible.value)
        self.other_edit = QLineEdit()
        self.other_edit.setPlaceholderText(self.tr("Hvem?"))
        self.other_edit.setAccessibleName(self.tr("Anden ansvarlig"))
        if not compact:
            self.other_edit.setFixedWidth(150)
            policy = self.other_edit.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            self.other_edit.setSizePolicy(policy)
        self.due_edit = DateEdit(None, field="due_on", label=self.tr("Fristen"))
        self.due_edit.line.setAccessibleName(self.tr("Frist"))
        grid = self._lay_out(
            [self.what_edit, self.who_combo, self.other_edit, self.due_edit],
            self.tr("Fjern aftale"),
            first_line=1 if compact else None,
        )
        if compact:
            grid.setColumnStretch(1, 1)
        else:
            grid.setColumnStretch(0, 1)

        self.who_combo.currentIndexChanged.connect(self._who_changed)
        if agreement is not None:
            self.what_edit.setText(agreement.what)
            self.who_combo.setCurrentIndex(
                max(self.who_combo.findData(Responsible(agreement.responsible).value), 0)
            )
            self.other_edit.setText(agreement.responsible_other)
            self.due_edit.set_date(agreement.due_on)
        self._who_changed()

    def set_number(self, number: int) -> None:
        """Name the row's fields for screen readers: «Aftale 2», «Frist for aftale 2» …"""
        n = str(number)
        self.what_edit.setAccessibleName(self.tr("Aftale %1").replace("%1", n))
        self.who_combo.setAccessibleName(self.tr("Ansvarlig for aftale %1").replace("%1", n))
        self.other_edit.setAccessibleName(self.tr("Anden ansvarlig, aftale %1").replace("%1", n))
        self.due_edit.line.setAccessibleName(self.tr("Frist for aftale %1").replace("%1", n))
        self.remove_button.setAccessibleName(self.tr("Fjern aftale %1").replace("%1", n))

    def _who_changed(self) -> None:
        self.other_edit.setVisible(self.who_combo.currentData() == Responsible.OTHER.value)

    def focus_chain(self) -> list[QWidget]:
        return [
            self.what_edit,
            self.who_combo,
            self.other_edit,
            self.due_edit.line,
            self.remove_button,
        ]

    def is_blank(self) -> bool:
        due = self.due_edit.text()
        return _is_blank(
            self.what_edit.text(),
            self.other_edit.text() if self.other_edit.isVisibleTo(self) else "",
            "" if due == self.suggested_due else due,
        )

    def agreement(self, index: int) -> Agreement:
        label = f"Aftale {index + 1}: fristen"
        self.due_edit.field = f"agreements[{index}].due_on"
        self.due_edit.label = label
        responsible = Responsible(self.who_combo.currentData())
        return Agreement(
            what=self.what_edit.text(),
            responsible=responsible,
            due_on=self.due_edit.date(),
            done_on=self.done_on,
            responsible_other=(self.other_edit.text() if responsible is Responsible.OTHER else ""),
        )


class ActivityRow(EditableRow):
    """One parallel activity: kind, description, company, hours per week."""

    def __init__(
        self,
        kinds: list[str],
        activity: Activity | None = None,
        parent: QWidget | None = None,
        *,
        compact: bool = False,
    ) -> None:
        """``compact``: kind and description on one line, company and hours beneath."""
        super().__init__(parent)
        self.kind_combo = QComboBox()
        self.kind_combo.setEditable(True)
        self.kind_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.kind_combo.addItems(kinds)
        self.kind_combo.setCurrentIndex(-1)
        self.kind_combo.lineEdit().setPlaceholderText(self.tr("Type"))
        self.kind_combo.setAccessibleName(self.tr("Aktivitetstype"))
        self.kind_combo.lineEdit().setAccessibleName(self.tr("Aktivitetstype"))
        self.kind_combo.setMinimumContentsLength(16)
        self.kind_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.description_edit = QLineEdit()
        self.description_edit.setPlaceholderText(self.tr("Beskrivelse"))
        self.description_edit.setAccessibleName(self.tr("Beskrivelse"))
        self.company_edit = QLineEdit()
        self.company_edit.setPlaceholderText(self.tr("Virksomhed"))
        self.company_edit.setAccessibleName(self.tr("Virksomhed"))
        self.hours_edit = QLineEdit()
        self.hours_edit.setPlaceholderText(self.tr("Timer/uge"))
        self.hours_edit.setAccessibleName(self.tr("Timer pr. uge"))
        self.hours_edit.setMaximumWidth(
            self.hours_edit.fontMetrics().horizontalAdvance(self.tr("Timer/uge")) + 24
        )
        if compact:
            self.kind_combo.setMinimumContentsLength(10)
        grid = self._lay_out(
            [self.kind_combo, self.description_edit, self.company_edit, self.hours_edit],
            self.tr("Fjern aktivitet"),
            first_line=2 if compact else None,
        )
        if compact:
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 1)
        else:
            grid.setColumnStretch(1, 3)
            grid.setColumnStretch(2, 2)
        # Filled fields hide their placeholders; the tooltip still says what each one is.
        for widget in (self.kind_combo, self.description_edit, self.company_edit, self.hours_edit):
            widget.setToolTip(widget.accessibleName())

        if activity is not None:
            self.kind_combo.setCurrentText(activity.kind)
            self.description_edit.setText(activity.description)
            self.company_edit.setText(activity.company)
            if activity.hours_per_week is not None:
                self.hours_edit.setText(f"{activity.hours_per_week:g}".replace(".", ","))

    def set_number(self, number: int) -> None:
        n = str(number)
        self.kind_combo.setAccessibleName(self.tr("Type, aktivitet %1").replace("%1", n))
        self.kind_combo.lineEdit().setAccessibleName(self.kind_combo.accessibleName())
        self.description_edit.setAccessibleName(
            self.tr("Beskrivelse, aktivitet %1").replace("%1", n)
        )
        self.company_edit.setAccessibleName(self.tr("Virksomhed, aktivitet %1").replace("%1", n))
        self.hours_edit.setAccessibleName(self.tr("Timer pr. uge, aktivitet %1").replace("%1", n))
        self.remove_button.setAccessibleName(self.tr("Fjern aktivitet %1").replace("%1", n))

    def focus_chain(self) -> list[QWidget]:
        return [
            self.kind_combo,
            self.description_edit,
            self.company_edit,
            self.hours_edit,
            self.remove_button,
        ]

    def is_blank(self) -> bool:
        return _is_blank(
            self.kind_combo.currentText(),
            self.description_edit.text(),
            self.company_edit.text(),
            self.hours_edit.text(),
        )

    def activity(self, index: int) -> Activity:
        hours = meetings.parse_hours(self.hours_edit.text(), index)
        return Activity(
            kind=self.kind_combo.currentText(),
            description=self.description_edit.text(),
            company=self.company_edit.text(),
            hours_per_week=hours,
        )


class RowList(QGroupBox):
    """A titled list of rows with an «add» button; rows remove themselves."""

    changed = Signal()

    def __init__(self, title: str, add_text: str) -> None:
        super().__init__(title)
        self.rows: list[QWidget] = []
        self.empty_label = QLabel()
        self.empty_label.setEnabled(False)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(4)
        self.add_button = QPushButton(add_text)
        self.add_button.setAutoDefault(False)
        footer = QHBoxLayout()
        footer.addWidget(self.add_button)
        footer.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addLayout(self.rows_box)
        layout.addLayout(footer)

    def add_row(self, row: QWidget) -> None:
        self.rows.append(row)
        self.rows_box.addWidget(row)
        if self.isVisible():
            row.show()  # at once, not via the layout's queued show: focus and tests need it
        row.remove_requested.connect(self.remove_row)  # type: ignore[attr-defined]
        self._update()

    def remove_row(self, row: QWidget) -> None:
        if row in self.rows:
            self.rows.remove(row)
            self.rows_box.removeWidget(row)
            row.hide()
            row.deleteLater()
            self._update()
            self.add_button.setFocus()

    def _update(self) -> None:
        self.empty_label.setVisible(not self.rows)
        for number, row in enumerate(self.rows, start=1):
            row.set_number(number)  # type: ignore[attr-defined]
        self.changed.emit()


def read_rows(
    errors: ErrorMap, agreements: RowList, activities: RowList
) -> tuple[list[Agreement], list[Activity]]:
    """The filled-in rows as model objects (blank rows are skipped); each row's fields are
    registered in ``errors`` under the names the model's messages use."""
    errors.remove_prefix("agreements[")
    errors.remove_prefix("activities[")
    found_agreements: list[Agreement] = []
    for row in agreements.rows:
        assert isinstance(row, AgreementRow)
        if row.is_blank():
            continue
        i = len(found_agreements)
        errors.add(f"agreements[{i}]", row.what_edit, row.error)
        errors.add(f"agreements[{i}].what", row.what_edit, row.error)
        errors.add(f"agreements[{i}].responsible", row.who_combo, row.error)
        errors.add(f"agreements[{i}].responsible_other", row.other_edit, row.error)
        errors.add(f"agreements[{i}].due_on", row.due_edit, row.error)
        found_agreements.append(row.agreement(i))
    found_activities: list[Activity] = []
    for row in activities.rows:
        assert isinstance(row, ActivityRow)
        if row.is_blank():
            continue
        i = len(found_activities)
        errors.add(f"activities[{i}]", row.kind_combo, row.error)
        errors.add(f"activities[{i}].kind", row.kind_combo, row.error)
        errors.add(f"activities[{i}].description", row.description_edit, row.error)
        errors.add(f"activities[{i}].company", row.company_edit, row.error)
        errors.add(f"activities[{i}].hours_per_week", row.hours_edit, row.error)
        found_activities.append(row.activity(i))
    return found_agreements, found_activities


def clear_row_errors(*lists: RowList) -> None:
    for rows in lists:
        for row in rows.rows:
            row.error.clear_message()  # type: ignore[attr-defined]


class MeetingForm:
    """What the meeting dialog and meeting mode's fields share (a mixin beside their widget
    class): filling the form from a recorded meeting, and adding a row of each list.

    The class that mixes it in has the fields (``held_on_edit``, ``next_edit``,
    ``participants_edit``, ``caseworker_note``, ``consultant_note``), the two ``RowList``s
    (``agreements``, ``activities``), the activity ``kinds``, and ``show_row`` to scroll a
    new row into view; ``compact_rows`` says how its rows lay out."""

    compact_rows = False

    def show_row(self, row: QWidget) -> None:
        raise NotImplementedError

    def fill_recorded(self, m: Meeting) -> None:
        """The fields as the meeting was recorded (its next meeting counts as chosen)."""
        self.held_on_edit.set_date(m.held_on)  # type: ignore[attr-defined]
        self.next_edit.set_date(m.next_meeting_on)  # type: ignore[attr-defined]
        self._next_touched = True
        self.participants_edit.setText(m.participants)  # type: ignore[attr-defined]
        self.caseworker_note.setPlainText(m.caseworker_note)  # type: ignore[attr-defined]
        self.consultant_note.setPlainText(m.consultant_note)  # type: ignore[attr-defined]
        for agreement in m.agreements:
            self.add_agreement(agreement)
        for activity in m.activities:
            self.add_activity(activity)

    def add_agreement(
        self, agreement: Agreement | None = None, focus: bool = False
    ) -> AgreementRow:
        """A row for ``agreement``; a new one is due by the next meeting."""
        row = AgreementRow(agreement, compact=self.compact_rows)
        if agreement is None:
            row.due_edit.set_date(self.next_edit.date_or_none())  # type: ignore[attr-defined]
            row.suggested_due = row.due_edit.text()
        self.agreements.add_row(row)  # type: ignore[attr-defined]
        if focus:
            row.what_edit.setFocus()
            self.show_row(row)
        return row

    def add_activity(self, activity: Activity | None = None, focus: bool = False) -> ActivityRow:
        row = ActivityRow(self.kinds, activity, compact=self.compact_rows)  # type: ignore[attr-defined]
        self.activities.add_row(row)  # type: ignore[attr-defined]
        if focus:
            row.kind_combo.setFocus()
            self.show_row(row)
        return row
