"""Create or edit a citizen, close a course, and confirm erasing a citizen.

The dialogs read what the user typed and hand it to the model (through the window's ``save``
callback, an undo command); they check nothing themselves. A field the model refuses keeps the
dialog open with the model's Danish message beside that field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trappe.model import citizens
from trappe.model import staircase as staircase_model
from trappe.model.entities import Citizen, CitizenInput, CloseReason, Role
from trappe.model.errors import EditConflict, TrappeError, ValidationError
from trappe.model.retention import BACKUP_MONTHS
from trappe.model.store import Store
from trappe.model.validation import NAME_MAX
from trappe.ui import conflicts
from trappe.ui.widgets import (
    DateEdit,
    ErrorMap,
    FieldError,
    StaffCombo,
    StepCombo,
    close_reason_labels,
    with_error,
)


class CitizenDialog(QDialog):
    """Create a citizen (``citizen_id=None``) or edit one; ``.citizen`` holds the saved result.

    ``save(input)`` stores the input and returns the citizen (the window pushes an undo
    command); without it the dialog calls the model itself.
    """

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        citizen_id: int | None = None,
        save: Callable[[CitizenInput], Citizen] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.citizen_id = citizen_id
        self._save = save
        self.citizen: Citizen | None = None
        existing = citizens.get_citizen(store, citizen_id) if citizen_id is not None else None
        # An edit by someone else after this moment is a conflict, never silently overwritten.
        self.base_version = existing.version if existing is not None else None
        self.setWindowTitle(self.tr("Ny borger") if existing is None else self.tr("Ret borger"))
        self.errors = ErrorMap()

        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(NAME_MAX)
        self.identifier_edit = QLineEdit()
        self.identifier_edit.setPlaceholderText(self.tr("DDMMÅÅ-XXXX eller sagsnummer"))
        self.identifier_edit.setToolTip(
            self.tr("CPR-nummer eller sagsnummer. Ikke påkrævet; CPR vises maskeret i lister.")
        )
        self.group_combo = QComboBox()
        self.group_combo.addItem(self.tr("(ingen målgruppe)"), None)
        for group in staircase_model.list_target_groups(store, include_retired=True):
            if group.retired and (existing is None or existing.target_group_id != group.id):
                continue
            label = (
                group.name
                if not group.retired
                else self.tr("%1 (udgået)").replace("%1", group.name)
            )
            self.group_combo.addItem(label, group.id)
        self.caseworker_combo = StaffCombo(store, Role.CASEWORKER)
        self.consultant_combo = StaffCombo(store, Role.COMPANY_CONSULTANT)
        self.start_edit = DateEdit(date.today(), field="start_date", label=self.tr("Startdatoen"))
        self.stair = staircase_model.load_staircase(store)
        self.goal_step_combo = StepCombo(self.stair, none_text=self.tr("(intet måltrin)"))
        self.goal_date_edit = DateEdit(None, field="goal_date", label=self.tr("Måldatoen"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        rows: list[tuple[str, str, QWidget]] = [
            ("name", self.tr("&Navn:"), self.name_edit),
            ("identifier", self.tr("&CPR-nr. / sagsnr.:"), self.identifier_edit),
            ("target_group_id", self.tr("&Målgruppe:"), self.group_combo),
            ("caseworker_id", self.tr("Sags&behandler:"), self.caseworker_combo),
            ("consultant_id", self.tr("&Virksomhedskonsulent:"), self.consultant_combo),
            ("start_date", self.tr("&Startdato:"), self.start_edit),
            ("goal_step_id", self.tr("Mål&trin:"), self.goal_step_combo),
            ("goal_date", self.tr("Mål&dato:"), self.goal_date_edit),
        ]
        for field, text, widget in rows:
            if isinstance(widget, QComboBox):
                widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            error = FieldError()
            label = QLabel(text)
            label.setBuddy(widget.focusProxy() or widget)
            form.addRow(label, with_error(widget, error, text))
            self.errors.add(field, widget, error)
        self.general_error = FieldError()
        self.errors.fallback = self.general_error

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

        if existing is not None:
            self._prefill(existing)
        else:
            self._suggest_user()
        self.name_edit.setFocus()

    def _suggest_user(self) -> None:
        """A new citizen usually belongs to the person creating them."""
        actor = self.store.actor
        if not actor.name or actor.name == "Ukendt bruger":
            return
        combo = {
            Role.CASEWORKER: self.caseworker_combo,
            Role.COMPANY_CONSULTANT: self.consultant_combo,
        }.get(actor.role)
        if combo is not None:
            index = combo.findText(actor.name)
            if index >= 0:
                combo.setCurrentIndex(index)
            else:
                combo.setCurrentText(actor.name)

    def _prefill(self, c: Citizen) -> None:
        self.name_edit.setText(c.name)
        self.identifier_edit.setText(c.identifier or "")
        index = self.group_combo.findData(c.target_group_id)
        self.group_combo.setCurrentIndex(max(index, 0))
        self.caseworker_combo.set_staff_id(c.caseworker_id)
        self.consultant_combo.set_staff_id(c.consultant_id)
        self.start_edit.set_date(c.start_date)
        self.goal_step_combo.set_step_id(c.goal_step_id)
        self.goal_date_edit.set_date(c.goal_date)

    def _input(self) -> CitizenInput:
        """What the form says; only a date that cannot be read raises (ValidationError)."""
        caseworker_id, caseworker_name = self.caseworker_combo.choice()
        consultant_id, consultant_name = self.consultant_combo.choice()
        return CitizenInput(
            name=self.name_edit.text(),
            identifier=self.identifier_edit.text() or None,
            target_group_id=self.group_combo.currentData(),
            caseworker_id=caseworker_id,
            consultant_id=consultant_id,
            start_date=self.start_edit.date(),
            goal_step_id=self.goal_step_combo.step_id(),
            goal_date=self.goal_date_edit.date(),
            caseworker_name=caseworker_name,
            consultant_name=consultant_name,
        )

    def accept(self) -> None:
        self.errors.clear()
        try:
            data = self._input()
            if self._save is not None:
                self.citizen = self._save(data)
            elif self.citizen_id is None:
                self.citizen = citizens.create_citizen(self.store, data)
            else:
                self.citizen = citizens.update_citizen(
                    self.store, self.citizen_id, data, expected_version=self.base_version
                )
        except EditConflict as exc:
            if conflicts.choose(self, exc) == conflicts.RELOAD:
                self.reject()
                return
            self.base_version = exc.current_version  # the next Gem saves my text over it
            self.general_error.show_message(
                self.tr("Din tekst er bevaret. Tryk Gem igen for at gemme din udgave.")
            )
            return
        except ValidationError as exc:
            self.errors.show(exc)
            return
        except TrappeError as exc:
            self.general_error.show_message(exc.message)
            return
        super().accept()


class CloseCitizenDialog(QDialog):
    """Ask why and when a citizen's course ends.

    ``save(reason, closed_on, note)`` closes the course; if the model refuses (no date, a date
    before the start, a locked database) the message shows here and the dialog stays open.
    """

    def __init__(
        self,
        citizen_name: str,
        parent: QWidget | None = None,
        save: Callable[[CloseReason, date | None, str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(self.tr("Afslut forløb"))
        intro = QLabel(
            self.tr(
                "Afslut forløbet for %1. Historikken bevares, og forløbet kan genåbnes senere."
            ).replace("%1", citizen_name)
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.reason_combo = QComboBox()
        for reason, label in close_reason_labels().items():
            self.reason_combo.addItem(label, reason.value)
        self.reason_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.date_edit = DateEdit(date.today(), field="closed_on", label=self.tr("Datoen"))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(self.tr("Valgfri bemærkning, f.eks. arbejdsgiver"))
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.date_error = FieldError()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        reason_label = QLabel(self.tr("&Årsag:"))
        reason_label.setBuddy(self.reason_combo)
        date_label = QLabel(self.tr("&Dato:"))
        date_label.setBuddy(self.date_edit.line)
        note_label = QLabel(self.tr("&Bemærkning:"))
        note_label.setBuddy(self.note_edit)
        form.addRow(reason_label, self.reason_combo)
        form.addRow(date_label, with_error(self.date_edit, self.date_error, date_label.text()))
        form.addRow(note_label, self.note_edit)
        self.errors = ErrorMap()
        self.errors.add("closed_on", self.date_edit, self.date_error)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = buttons.addButton(
            self.tr("Afslut forløb"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        self.general_error = FieldError()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        self._closed_on: date | None = date.today()
        self.reason_combo.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Enter closes the course (set once the buttons live in the dialog, or Qt picks
        # «Annuller» and Enter would cancel silently).
        self.close_button.setDefault(True)

    def accept(self) -> None:
        self.errors.clear()
        self.general_error.clear_message()
        try:
            value = self.date_edit.date()
            if self._save is not None:
                self._save(self.reason(), value, self.note())
            self._closed_on = value
        except ValidationError as exc:
            if self.errors.show(exc) is None:
                self.general_error.show_message(exc.message)
            return
        except TrappeError as exc:
            self.general_error.show_message(exc.message)
            return
        super().accept()

    def reason(self) -> CloseReason:
        return CloseReason(self.reason_combo.currentData())

    def closed_on(self) -> date | None:
        return self._closed_on

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()


class EraseCitizenDialog(QDialog):
    """Erasing deletes everything about a citizen; the user must type the name to confirm.

    Enter erases once the name is typed, and otherwise says what is missing: it never cancels
    silently. Esc or «Annuller» cancels.
    """

    def __init__(self, citizen_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.citizen_name = citizen_name
        self.setWindowTitle(self.tr("Slet borger for altid"))
        self.warning = QLabel(
            self.tr(
                "Du er ved at slette %1 og alt om borgeren: møder, placeringer, aftaler og "
                "notater. Det kan ikke fortrydes.\n\nSikkerhedskopier af databasen kan "
                "stadig indeholde borgeren i op til %2 måneder, indtil den sidste kopi med "
                "borgeren er udskiftet.\n\nVil du kun afslutte forløbet, så brug "
                "«Afslut forløb» i stedet."
            )
            .replace("%1", citizen_name)
            .replace("%2", str(BACKUP_MONTHS))
        )
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        prompt = QLabel(self.tr("Skriv borgerens &navn for at bekræfte:"))
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Borgerens navn"))
        self.name_edit.setAccessibleDescription(self.warning.text())
        prompt.setBuddy(self.name_edit)
        self.hint = FieldError()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button: QPushButton = buttons.addButton(
            self.tr("Slet borgeren"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.erase_button.setEnabled(False)
        self.erase_button.setAutoDefault(False)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAutoDefault(False)
        self.erase_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(prompt)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.name_edit.setFocus()

    def _matches(self) -> bool:
        typed = " ".join(self.name_edit.text().split()).casefold()
        return bool(typed) and typed == " ".join(self.citizen_name.split()).casefold()

    def _check(self) -> None:
        self.erase_button.setEnabled(self._matches())
        if self._matches():
            self.hint.clear_message()

    def _enter(self) -> None:
        if self._matches():
            self.accept()
        else:
            self.hint.show_message(
                self.tr(
                    "Skriv borgerens navn, %1, for at slette. Tryk Esc for at annullere."
                ).replace("%1", self.citizen_name)
            )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter outside the name field must not reach QDialog's default-button handling.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            isinstance(self.focusWidget(), QPushButton)
        ):
            self._enter()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        if self._matches():
            super().accept()


def confirm_erase(parent: QWidget | None, citizen_name: str) -> bool:
    """True only when the user typed the citizen's name and pressed «Slet borgeren»."""
    dialog = EraseCitizenDialog(citizen_name, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
