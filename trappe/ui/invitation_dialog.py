"""Borger → Send mødeindkaldelse: date, time, length, place and a text, saved as an .ics file.

The dialog only reads the fields; ``save(invitation)`` (the window's operation) checks them in
the model, writes the file and logs the export. A refusal keeps the dialog open with the
model's message beside the field.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trappe.model.errors import TrappeError, ValidationError
from trappe.model.invitation import Invitation
from trappe.model.validation import parse_time
from trappe.ui.widgets import DateEdit, ErrorMap, FieldError, hint_label, with_error


class InvitationDialog(QDialog):
    def __init__(
        self,
        citizen_name: str,
        suggestion: Invitation,
        parent: QWidget | None = None,
        save: Callable[[Invitation, bool], bool] | None = None,
    ) -> None:
        """``save(invitation, open_after)`` stores the file and says whether it did (the user
        may cancel choosing where); it may raise ``TrappeError``."""
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(self.tr("Mødeindkaldelse til %1").replace("%1", citizen_name))
        self.errors = ErrorMap()
        self.date_edit = DateEdit(suggestion.on, field="on", label=self.tr("Datoen"))
        self.time_edit = QLineEdit(suggestion.at.strftime("%H:%M"))
        self.time_edit.setPlaceholderText(self.tr("tt:mm"))
        self.time_edit.setMaxLength(5)
        self.time_edit.setFixedWidth(self.time_edit.fontMetrics().horizontalAdvance("00:000") + 16)
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(5, 8 * 60)
        self.minutes_spin.setSingleStep(15)
        self.minutes_spin.setSuffix(self.tr(" min."))
        self.minutes_spin.setValue(suggestion.minutes)
        self.place_edit = QLineEdit(suggestion.place)
        self.text_edit = QPlainTextEdit(suggestion.text)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setFixedHeight(self.text_edit.fontMetrics().lineSpacing() * 5 + 12)
        self.open_after = QCheckBox(self.tr("Å&bn filen i kalenderprogrammet bagefter"))
        self.open_after.setChecked(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for field, text, widget in (
            ("on", self.tr("&Dato:"), self.date_edit),
            ("at", self.tr("&Klokken:"), self.time_edit),
            ("minutes", self.tr("&Varighed:"), self.minutes_spin),
            ("place", self.tr("&Sted:"), self.place_edit),
            ("text", self.tr("&Tekst til borgeren:"), self.text_edit),
        ):
            error = FieldError()
            label = QLabel(text)
            label.setBuddy(widget.focusProxy() or widget)
            form.addRow(label, with_error(widget, error, text))
            self.errors.add(field, widget, error)
        self.general_error = FieldError()
        self.errors.fallback = self.general_error
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            self.tr("Gem indkaldelse…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Indkaldelsen gemmes som en kalenderfil (.ics), som Outlook og Thunderbird "
                    "kan åbne. Den indeholder ikke borgerens CPR-nummer."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.open_after)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.date_edit.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Enter saves (set once the buttons live in the dialog, or Qt picks «Annuller»).
        self.save_button.setDefault(True)

    def invitation(self) -> Invitation:
        """What the fields say; a date or time that cannot be read raises ValidationError."""
        return Invitation(
            on=self.date_edit.date(),
            at=parse_time(self.time_edit.text(), "at", "Klokkeslættet"),
            minutes=self.minutes_spin.value(),
            place=self.place_edit.text(),
            text=self.text_edit.toPlainText(),
        )

    def accept(self) -> None:
        self.errors.clear()
        try:
            data = self.invitation()
            if self._save is not None and not self._save(data, self.open_after.isChecked()):
                return  # the user cancelled choosing the file: keep what they typed
        except ValidationError as exc:
            self.errors.show(exc)
            return
        except TrappeError as exc:
            self.general_error.show_message(exc.message)
            return
        super().accept()
