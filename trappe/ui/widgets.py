"""Small widgets shared by the dialogs: a Danish date field, an error label, step and staff pickers.

Also the translated labels for the model's enums (``role_labels()`` …), so they follow the
chosen language.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trappe.model import staircase as staircase_model
from trappe.model.collation import danish_sorted
from trappe.model.entities import (
    Category,
    CloseReason,
    Responsible,
    Role,
    Staff,
    Staircase,
    Step,
)
from trappe.model.errors import ValidationError
from trappe.model.store import Store
from trappe.model.validation import format_date, parse_date
from trappe.ui.accessibility import accessible_label, announce
from trappe.ui.accessibility import name_fields as name_fields  # re-exported for callers

ERROR_COLOUR = "#b00020"
HINT_COLOUR = "#555555"


# -- translated labels for the model's enums -------------------------------------------------
# Each label is written out in full so pyside6-lupdate finds it (context "Labels").


def role_labels() -> dict[Role, str]:
    return {
        Role.CASEWORKER: QCoreApplication.translate("Labels", "Sagsbehandler"),
        Role.COMPANY_CONSULTANT: QCoreApplication.translate("Labels", "Virksomhedskonsulent"),
        Role.TEAM_LEADER: QCoreApplication.translate("Labels", "Teamleder"),
        Role.DATA_PROTECTION_OFFICER: QCoreApplication.translate(
            "Labels", "Databeskyttelsesrådgiver"
        ),
    }


def responsible_labels() -> dict[Responsible, str]:
    return {
        Responsible.CITIZEN: QCoreApplication.translate("Labels", "Borger"),
        Responsible.CASEWORKER: QCoreApplication.translate("Labels", "Sagsbehandler"),
        Responsible.COMPANY_CONSULTANT: QCoreApplication.translate(
            "Labels", "Virksomhedskonsulent"
        ),
        Responsible.OTHER: QCoreApplication.translate("Labels", "Andre"),
    }


def category_labels() -> dict[Category, str]:
    return {
        Category.NONE: QCoreApplication.translate("Labels", "Ingen (forberedende)"),
        Category.COMPANY_ACTIVITY: QCoreApplication.translate(
            "Labels", "Virksomhedsrettet indsats"
        ),
        Category.ORDINARY_HOURS: QCoreApplication.translate("Labels", "Ordinære timer"),
    }


def close_reason_labels() -> dict[CloseReason, str]:
    return {
        CloseReason.JOB: QCoreApplication.translate("Labels", "Job"),
        CloseReason.EDUCATION: QCoreApplication.translate("Labels", "Uddannelse"),
        CloseReason.FLEXJOB: QCoreApplication.translate("Labels", "Fleksjob"),
        CloseReason.DISABILITY_PENSION: QCoreApplication.translate("Labels", "Førtidspension"),
        CloseReason.RESOURCE_COURSE_ENDED: QCoreApplication.translate(
            "Labels", "Ressourceforløb afsluttet"
        ),
        CloseReason.MOVED: QCoreApplication.translate("Labels", "Flyttet"),
        CloseReason.TRANSFER: QCoreApplication.translate("Labels", "Overført"),
        CloseReason.OTHER: QCoreApplication.translate("Labels", "Andet"),
    }


# -- an error shown next to a field ----------------------------------------------------------
class FieldError(QLabel):
    """A red, word-wrapped message under a field; hidden while there is nothing to say.

    The message is announced to screen readers and, while shown, is the field's accessible
    description (``set_field``), so moving to the field reads it again.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        # Grow downwards as the text wraps: a long message is never cut off.
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(QCoreApplication.translate("FieldError", "Fejl"))
        self.field: QWidget | None = None
        self.hide()

    def set_field(self, field: QWidget) -> None:
        self.field = field

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setAccessibleDescription(message)
        if self.field is not None:
            self.field.setAccessibleDescription(message)
        self.show()
        announce(self, message, assertive=True)

    def clear_message(self) -> None:
        if self.field is not None and self.field.accessibleDescription() == self.text():
            self.field.setAccessibleDescription("")
        self.setText("")
        self.setAccessibleDescription("")
        self.hide()


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A word-wrapped explanatory note in a muted (but readable) colour."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(f"color: {HINT_COLOUR};")
    return label


def focus_target(widget: QWidget) -> QWidget:
    """The part of ``widget`` that takes the keyboard (a date field's line edit)."""
    return widget.focus_target() if isinstance(widget, DateEdit) else widget


def with_error(widget: QWidget, error: FieldError, name: str = "") -> QWidget:
    """``widget`` with ``error`` underneath, as one cell for a form layout.

    Wrapped, the field is no longer beside its label, so a screen reader would not find the
    label as its name: ``name`` (the label's text) is set as the field's accessible name.
    """
    box = QWidget()
    # The cell takes the form's whole width, so a message under a narrow field (a date)
    # wraps over that width instead of into a tall, clipped column.
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    fixed = widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Fixed
    if fixed:
        layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
    else:
        layout.addWidget(widget)
    layout.addWidget(error)
    target = focus_target(widget)
    if name and not target.accessibleName():
        target.setAccessibleName(accessible_label(name))
    error.set_field(target)
    return box


class ErrorMap:
    """Field names (as in ``ValidationError.field``) mapped to their widget and error label."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, FieldError]] = {}
        self.fallback: FieldError | None = None

    def add(self, field: str, widget: QWidget, error: FieldError) -> None:
        """Register a field; editing it clears its message (a corrected value is not wrong)."""
        self._fields[field] = (widget, error)
        if widget.property("clears_error"):
            return
        widget.setProperty("clears_error", True)
        for signal in _edit_signals(widget):
            signal.connect(lambda *_: error.clear_message())

    def error_for(self, field: str) -> FieldError:
        """The label that shows ``field``'s message."""
        return self._fields[field][1]

    def visible_messages(self) -> dict[str, str]:
        """Field name -> message currently shown (for tests and accessibility checks)."""
        return {k: e.text() for k, (_w, e) in self._fields.items() if not e.isHidden()}

    def remove_prefix(self, prefix: str) -> None:
        for key in [k for k in self._fields if k.startswith(prefix)]:
            del self._fields[key]

    def clear(self) -> None:
        for _, error in self._fields.values():
            error.clear_message()
        if self.fallback is not None:
            self.fallback.clear_message()

    def show(self, exc: ValidationError) -> QWidget | None:
        """Show the message beside its field (or in the fallback) and focus the field."""
        self.clear()
        entry = self._fields.get(exc.field)
        if entry is None:
            # "agreements[2].what" falls back to "agreements[2]" and then "agreements"
            field = exc.field
            while entry is None and ("." in field or "[" in field):
                field = field.rsplit(".", 1)[0] if "." in field else field.rsplit("[", 1)[0]
                entry = self._fields.get(field)
        if entry is None:
            if self.fallback is not None:
                self.fallback.show_message(exc.message)
            return None
        widget, error = entry
        error.show_message(exc.message)
        focus_target(widget).setFocus(Qt.FocusReason.OtherFocusReason)
        return widget


def _edit_signals(widget: QWidget) -> list:
    """The signals that mean the user changed ``widget``'s value."""
    if isinstance(widget, DateEdit):
        return [widget.line.textEdited]
    if isinstance(widget, QLineEdit):
        return [widget.textEdited]
    if isinstance(widget, QPlainTextEdit):
        return [widget.textChanged]
    if isinstance(widget, QComboBox):
        signals = [widget.activated]
        if widget.isEditable():
            signals.append(widget.lineEdit().textEdited)
        return signals
    return []


# -- a Danish date field that may be empty ----------------------------------------------------
class DateEdit(QWidget):
    """A date typed as dd-mm-åååå (22-11-2026), or picked from a calendar; may be left empty.

    ``date()`` raises ``ValidationError(field, …)`` for text that is not a date.
    """

    changed = Signal()

    def __init__(
        self,
        value: date | None = None,
        *,
        field: str = "date",
        label: str = "Datoen",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.label = label
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(self.tr("dd-mm-åååå"))
        self.line.setMaxLength(20)
        self.line.textEdited.connect(lambda _t: self.changed.emit())
        self.line.installEventFilter(self)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip(self.tr("Vælg dato i kalenderen (Alt+Pil ned)"))
        self.button.setAccessibleName(self.tr("Vis kalender"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.show_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.line)
        self.calendar: QCalendarWidget | None = None
        fm = self.line.fontMetrics()
        self.line.setFixedWidth(fm.horizontalAdvance("00-00-000000") + 16)
        self.set_date(value)

    def focus_target(self) -> QWidget:
        return self.line

    def set_date(self, value: date | None) -> None:
        self.line.setText(format_date(value))
        self.changed.emit()

    def text(self) -> str:
        return self.line.text()

    def is_empty(self) -> bool:
        return not self.line.text().strip()

    def date(self) -> date | None:
        """The date typed, ``None`` when empty; raises ValidationError for bad text."""
        if self.is_empty():
            return None
        return parse_date(self.line.text(), self.field, self.label)

    def date_or_none(self) -> date | None:
        """The date typed, or ``None`` when empty or unreadable (for suggestions)."""
        try:
            return self.date()
        except ValidationError:
            return None

    def eventFilter(self, obj: object, event: object) -> bool:
        if (
            obj is self.line
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            self.show_calendar()
            return True
        return super().eventFilter(obj, event)

    def show_calendar(self) -> None:
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setGridVisible(True)
            self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            self.calendar.activated.connect(self._picked)
            self.calendar.clicked.connect(self._picked)
        current = self.date_or_none() or date.today()
        self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self.calendar.adjustSize()
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, qdate: QDate) -> None:
        self.set_date(date(qdate.year(), qdate.month(), qdate.day()))
        if self.calendar is not None:
            self.calendar.hide()
        self.line.setFocus()


# -- pickers ---------------------------------------------------------------------------------
def colour_icon(colour: str, size: int = 14) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(QColor(colour))
    return QIcon(pix)


def step_label(stair: Staircase, step: Step) -> str:
    index = stair.index_of(step.id)
    if index is None:
        return QCoreApplication.translate("Labels", "%1 (udgået)").replace("%1", step.title)
    return f"{index + 1}. {step.title}"


class StepCombo(QComboBox):
    """The active steps, numbered from the bottom; optionally a "none" entry first.

    A retired step is listed only when it is the current value (editing old data).
    """

    def __init__(
        self,
        stair: Staircase,
        *,
        none_text: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.stair = stair
        self.none_text = none_text
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._fill()

    def _fill(self, extra: Step | None = None) -> None:
        self.clear()
        if self.none_text is not None:
            self.addItem(self.none_text, None)
        for step in self.stair.steps:
            self.addItem(colour_icon(step.colour), step_label(self.stair, step), step.id)
        if extra is not None:
            self.addItem(colour_icon(extra.colour), step_label(self.stair, extra), extra.id)

    def step_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None

    def set_step_id(self, step_id: int | None) -> None:
        index = self.findData(step_id)
        if index < 0 and step_id is not None:
            step = self.stair.step(step_id)
            if step is not None:
                self._fill(extra=step)
                index = self.findData(step_id)
        if index < 0:
            index = 0 if self.none_text is not None else -1
        self.setCurrentIndex(index)


class StaffCombo(QComboBox):
    """Pick a colleague in a role, or type a new name (created with ``ensure_staff``)."""

    def __init__(self, store: Store, role: Role, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.role = role
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lineEdit().setPlaceholderText(self.tr("Vælg eller skriv et navn"))
        # Danish order: Aase, Bo, … Æbelø, Øster, Åsa (Å last, not first).
        self.staff: list[Staff] = danish_sorted(
            staircase_model.list_staff(store, role), key=lambda s: s.name
        )
        self.addItem("", None)
        for person in self.staff:
            self.addItem(person.name, person.id)
        completer = self.completer()
        if completer is not None:
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)

    def set_staff_id(self, staff_id: int | None) -> None:
        index = self.findData(staff_id)
        if index < 0 and staff_id is not None:
            # Someone listed under another role (data from an older version).
            person = next(
                (s for s in staircase_model.list_staff(self.store) if s.id == staff_id), None
            )
            if person is not None:
                self.addItem(person.name, staff_id)
                index = self.count() - 1
        self.setCurrentIndex(max(index, 0))

    def name(self) -> str:
        return self.currentText().strip()

    def choice(self) -> tuple[int | None, str]:
        """(id, "") for a colleague on the list, (None, name) for a new name, (None, "")."""
        name = " ".join(self.name().split())
        if not name:
            return None, ""
        wanted = name.casefold()
        for i in range(self.count()):
            if self.itemData(i) is not None and self.itemText(i).casefold() == wanted:
                return int(self.itemData(i)), ""  # "mette sørensen" is Mette Sørensen
        return None, name  # the save adds them to the staff list
