"""Settings: the user (name, role, language), the municipality (name, logo), the staircase and
the target groups.

The user's own settings live in ``Preferences`` (QSettings); the municipality's data live in the
database. Staircase and target-group edits save as they are made; the text fields are saved when
the dialog closes (and the dialog stays open if one is refused). ``changed`` fires after any save.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trappe.model import staircase as staircase_model
from trappe.model.entities import Role
from trappe.model.errors import TrappeError, ValidationError
from trappe.model.store import Store
from trappe.model.validation import check_user_name
from trappe.ui import preferences as prefs_module
from trappe.ui.commands import ChangeCallback, ErrorCallback
from trappe.ui.interval_editor import IntervalEditor
from trappe.ui.preferences import Preferences
from trappe.ui.staircase_editor import StaircaseEditor
from trappe.ui.target_group_editor import TargetGroupEditor
from trappe.ui.widgets import FieldError, hint_label, role_labels, with_error

LANGUAGES = (("da", "Dansk"), ("en", "English"))
LOGO_PREVIEW = (200, 80)


class SettingsDialog(QDialog):
    """Tabs: Bruger, Kommune, Trappe, Målgrupper, Samtaler."""

    changed = Signal()

    def __init__(
        self,
        store: Store,
        prefs: Preferences,
        parent: QWidget | None = None,
        *,
        undo_stack: QUndoStack | None = None,
        on_change: ChangeCallback | None = None,
        on_error: ErrorCallback | None = None,
    ) -> None:
        """``undo_stack`` (the window's) takes the staircase and target group editors' changes,
        reported through ``on_change``/``on_error`` (see ``staircase_undo.EditorUndo``); with
        none, the two editors share the staircase editor's own stack."""
        super().__init__(parent)
        self.store = store
        self.prefs = prefs
        self.setWindowTitle(self.tr("Indstillinger"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._user_tab(), self.tr("&Bruger"))
        self.tabs.addTab(self._municipality_tab(), self.tr("&Kommune"))
        self.staircase_editor = StaircaseEditor(
            store, undo_stack=undo_stack, on_change=on_change, on_error=on_error
        )
        self.staircase_editor.changed.connect(self.changed)
        self.tabs.addTab(self.staircase_editor, self.tr("&Trappe"))
        if undo_stack is None:
            self.target_group_editor = TargetGroupEditor(
                store,
                undo_stack=self.staircase_editor.undo_stack,
                on_change=lambda _changes: self.target_group_editor.changed.emit(),
                on_error=lambda message: self.target_group_editor.error.show_message(message),
            )
        else:
            self.target_group_editor = TargetGroupEditor(
                store, undo_stack=undo_stack, on_change=on_change, on_error=on_error
            )
        self.target_group_editor.changed.connect(self.changed)
        self.tabs.addTab(self.target_group_editor, self.tr("&Målgrupper"))
        self.interval_editor = IntervalEditor(store)
        self.interval_editor.changed.connect(self.changed)
        self.tabs.addTab(self.interval_editor, self.tr("S&amtaler"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(860, 560)

    # -- tabs ------------------------------------------------------------------------------
    def _user_tab(self) -> QWidget:
        self.user_name_edit = QLineEdit(self.prefs.get(prefs_module.USER_NAME))
        self.user_name_edit.setPlaceholderText(self.tr("Dit navn, som det skal stå i loggen"))
        self.user_name_error = FieldError()
        self.role_combo = QComboBox()
        for role, label in role_labels().items():
            self.role_combo.addItem(label, role.value)
        current_role = self.prefs.get(prefs_module.USER_ROLE)
        self.role_combo.setCurrentIndex(max(self.role_combo.findData(current_role), 0))
        self.language_combo = QComboBox()
        for code, name in LANGUAGES:
            self.language_combo.addItem(name, code)
        language = self.prefs.get(prefs_module.LANGUAGE)
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(language), 0))
        self._start_language = self.language_combo.currentData()
        self.language_note = hint_label(self.tr("Sproget skifter, næste gang Trappe startes."))
        self.language_combo.currentIndexChanged.connect(self._language_changed)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for text, widget, cell in (
            (
                self.tr("&Navn:"),
                self.user_name_edit,
                with_error(self.user_name_edit, self.user_name_error),
            ),
            (self.tr("&Rolle:"), self.role_combo, self.role_combo),
            (self.tr("&Sprog:"), self.language_combo, self.language_combo),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, cell)
        self.language_note.setWordWrap(False)
        form.addRow("", self.language_note)
        note = hint_label(
            self.tr(
                "Navn og rolle gemmes kun på denne computer og skrives i loggen ved hver "
                "ændring, du laver."
            )
        )
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)
        return tab

    def _municipality_tab(self) -> QWidget:
        self.municipality_edit = QLineEdit(staircase_model.municipality_name(self.store))
        self.municipality_edit.setPlaceholderText(self.tr("F.eks. Nyborg Kommune"))
        self.municipality_error = FieldError()
        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(*LOGO_PREVIEW)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setStyleSheet("border: 1px solid palette(mid);")
        self.logo_button = QPushButton(self.tr("&Vælg logo …"))
        self.logo_button.setAutoDefault(False)
        self.logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton(self.tr("&Fjern logo"))
        self.remove_logo_button.setAutoDefault(False)
        self.remove_logo_button.clicked.connect(self.remove_logo)
        self.logo_error = FieldError()
        logo_buttons = QVBoxLayout()
        logo_buttons.addWidget(self.logo_button)
        logo_buttons.addWidget(self.remove_logo_button)
        logo_buttons.addStretch(1)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch(1)
        logo_cell = QWidget()
        logo_box = QVBoxLayout(logo_cell)
        logo_box.setContentsMargins(0, 0, 0, 0)
        logo_box.addLayout(logo_row)
        logo_box.addWidget(self.logo_error)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        name_label = QLabel(self.tr("&Kommunens navn:"))
        name_label.setBuddy(self.municipality_edit)
        form.addRow(name_label, with_error(self.municipality_edit, self.municipality_error))
        form.addRow(QLabel(self.tr("Logo:")), logo_cell)
        form.addRow(*self._retention_row())
        note = hint_label(
            self.tr(
                "Kommunens navn og logo står på dialogarket. De gemmes i databasen og gælder "
                "for alle, der bruger den."
            )
        )
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)
        self._show_logo()
        return tab

    def _retention_row(self) -> tuple[QLabel, QWidget]:
        """The retention period: closed courses are erased this many years after closing."""
        from trappe.model import retention

        self.retention_spin = QSpinBox()
        self.retention_spin.setObjectName("retention_years")
        self.retention_spin.setRange(retention.MIN_YEARS, retention.MAX_YEARS)
        self.retention_spin.setValue(retention.retention_years(self.store))
        self.retention_spin.setSuffix(self.tr(" år efter afslutning"))
        self.retention_error = FieldError()
        label = QLabel(self.tr("&Slettefrist:"))
        label.setBuddy(self.retention_spin)
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.retention_spin)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(
            hint_label(
                self.tr(
                    "Afsluttede forløb og revisionsloggen slettes, når fristen er gået "
                    "(Borger → Sletning efter frist)."
                )
            )
        )
        box.addWidget(self.retention_error)
        return label, cell

    # -- user ------------------------------------------------------------------------------
    def _language_changed(self) -> None:
        changed = self.language_combo.currentData() != self._start_language
        self.language_note.setText(
            self.tr("Sproget skifter, næste gang Trappe startes.")
            if not changed
            else self.tr("Genstart Trappe for at skifte sprog.")
        )

    # -- logo ------------------------------------------------------------------------------
    def _show_logo(self) -> None:
        data = staircase_model.municipality_logo(self.store)
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    *LOGO_PREVIEW,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(self.tr("Intet logo"))
        self.remove_logo_button.setEnabled(bool(data))

    def choose_logo(self) -> None:
        from trappe.ui import file_dialogs

        path = file_dialogs.ask_image(self, self.tr("Vælg kommunens logo"))
        if path is None:
            return
        self.logo_error.clear_message()
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.logo_error.show_message(
                self.tr("Filen kunne ikke læses: %1").replace("%1", exc.strerror or str(exc))
            )
            return
        try:
            staircase_model.set_municipality_logo(self.store, data)
        except TrappeError as exc:
            self.logo_error.show_message(exc.message)
            return
        self._show_logo()
        self.changed.emit()

    def remove_logo(self) -> None:
        try:
            staircase_model.set_municipality_logo(self.store, None)
        except TrappeError as exc:
            self.logo_error.show_message(exc.message)
            return
        self._show_logo()
        self.changed.emit()

    # -- saving the text fields ------------------------------------------------------------
    def save(self) -> bool:
        """Save user and municipality fields; False (message shown, tab opened) if refused."""
        self.user_name_error.clear_message()
        self.municipality_error.clear_message()
        any_change = False
        try:
            name = check_user_name(self.user_name_edit.text(), "user_name", "Navnet")
        except ValidationError as exc:
            self.user_name_error.show_message(exc.message)
            self.tabs.setCurrentIndex(0)
            self.user_name_edit.setFocus()
            return False
        role = Role(self.role_combo.currentData())
        for option, value in (
            (prefs_module.USER_NAME, name),
            (prefs_module.USER_ROLE, role.value),
            (prefs_module.LANGUAGE, self.language_combo.currentData()),
        ):
            if self.prefs.get(option) != value:
                self.prefs.set(option, value)
                any_change = True
        municipality = self.municipality_edit.text()
        if municipality.strip() != staircase_model.municipality_name(self.store):
            try:
                staircase_model.set_municipality_name(self.store, municipality)
            except TrappeError as exc:
                self.municipality_error.show_message(exc.message)
                self.tabs.setCurrentIndex(1)
                self.municipality_edit.setFocus()
                return False
            any_change = True
        if not self._save_retention():
            return False
        if self.staircase_editor.has_unsaved_changes() and not self.staircase_editor.save_current():
            self.tabs.setCurrentWidget(self.staircase_editor)
            return False
        if any_change:
            # the audit log names whoever is set now
            self.store.actor = self.prefs.actor()
            self.changed.emit()
        return True

    def _save_retention(self) -> bool:
        from trappe.model import retention

        self.retention_error.clear_message()
        years = self.retention_spin.value()
        if years == retention.retention_years(self.store):
            return True
        try:
            retention.set_retention_years(self.store, years)
        except TrappeError as exc:
            self.retention_error.show_message(exc.message)
            self.tabs.setCurrentIndex(1)
            return False
        return True

    def done(self, result: int) -> None:
        if self.save():
            super().done(result)
