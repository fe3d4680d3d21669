"""The staircase editor's form for one step: title, description, colour, category and phase,
each with its error beside it, the category hint, and the preview of what a change will do.

A widget of its own so that the editor (``staircase_editor``) keeps to the step list and the
changes: the form shows a step, hands back what is typed, and says when the user edits it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trappe.model import staircase as staircase_model
from trappe.model.entities import Category, Phase, Step
from trappe.ui.widgets import (
    ErrorMap,
    FieldError,
    category_labels,
    colour_icon,
    hint_label,
    with_error,
)

NO_COLOUR = "#cccccc"


class StepForm(QWidget):
    """One step's fields; ``edited`` when the user changes one (never while a step loads)."""

    edited = Signal()
    category_or_phase_changed = Signal()  # the preview may change

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._colour = NO_COLOUR
        self.errors = ErrorMap()
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(staircase_model.TITLE_MAX)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(
            self.description_edit.fontMetrics().lineSpacing() * 5 + 12
        )
        self.colour_button = QPushButton()
        self.colour_button.setAutoDefault(False)
        self.colour_button.clicked.connect(self.choose_colour)
        self.category_combo = QComboBox()
        for category, label in category_labels().items():
            self.category_combo.addItem(label, category.value)
        self.phase_combo = QComboBox()
        self.form_error = FieldError()
        self.errors.fallback = self.form_error
        for signal in (self.title_edit.textEdited, self.description_edit.textChanged):
            signal.connect(self._edited)
        self.category_combo.currentIndexChanged.connect(self._edited)
        self.phase_combo.currentIndexChanged.connect(self._edited)

        self.new_phase_button = QPushButton(self.tr("Ny fase …"))
        self.rename_phase_button = QPushButton(self.tr("Omdøb fase …"))
        for button in (self.new_phase_button, self.rename_phase_button):
            button.setAutoDefault(False)
        self.phase_combo.currentIndexChanged.connect(
            lambda _i: self.rename_phase_button.setEnabled(
                self.phase_combo.currentData() is not None
            )
        )
        phase_cell = QWidget()
        phase_row = QHBoxLayout(phase_cell)
        phase_row.setContentsMargins(0, 0, 0, 0)
        phase_row.addWidget(self.phase_combo)
        phase_row.addWidget(self.new_phase_button)
        phase_row.addWidget(self.rename_phase_button)
        phase_row.addStretch(1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for field, text, widget, cell in (
            ("title", self.tr("&Titel:"), self.title_edit, self.title_edit),
            ("description", self.tr("&Beskrivelse:"), self.description_edit, self.description_edit),
            ("colour", self.tr("&Farve:"), self.colour_button, self.colour_button),
            ("category", self.tr("&Kategori:"), self.category_combo, self.category_combo),
            ("phase", self.tr("F&ase:"), self.phase_combo, phase_cell),
        ):
            error = FieldError()
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, with_error(cell, error))
            self.errors.add(field, widget, error)
        self.category_hint = hint_label(
            self.tr(
                "Trin i kategorien «Virksomhedsrettet indsats» eller «Ordinære timer» tæller "
                "med i andelen i virksomhedsrettet indsats."
            )
        )
        self.preview_label = hint_label("")
        self.preview_label.setAccessibleName(self.tr("Hvad ændringen gør"))
        self.category_combo.currentIndexChanged.connect(self._category_or_phase_changed)
        self.phase_combo.currentIndexChanged.connect(self._category_or_phase_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.category_hint)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.form_error)

    def _edited(self) -> None:
        if not self._loading:
            self.edited.emit()

    def _category_or_phase_changed(self) -> None:
        if not self._loading:
            self.category_or_phase_changed.emit()

    def set_phases(self, phases: list[Phase]) -> None:
        """Refill the phase list (the staircase was reread)."""
        self._loading = True
        try:
            self.phase_combo.clear()
            self.phase_combo.addItem(self.tr("(ingen fase)"), None)
            for phase in phases:
                self.phase_combo.addItem(phase.title, phase.id)
        finally:
            self._loading = False

    def load(self, step: Step | None) -> None:
        """Show ``step`` (None: an empty form), without errors or a preview."""
        self._loading = True
        try:
            self.errors.clear()
            self.title_edit.setText(step.title if step else "")
            self.description_edit.setPlainText(step.description if step else "")
            self.set_colour(step.colour if step else NO_COLOUR)
            self.category_combo.setCurrentIndex(
                max(self.category_combo.findData(step.category.value), 0) if step else 0
            )
            self.phase_combo.setCurrentIndex(
                max(self.phase_combo.findData(step.phase_id), 0) if step else 0
            )
        finally:
            self._loading = False
        self.preview_label.setText("")

    def set_colour(self, colour: str) -> None:
        self._colour = colour
        self.colour_button.setIcon(colour_icon(colour, 16))
        self.colour_button.setText(colour)
        self.colour_button.setAccessibleName(self.tr("Farve %1").replace("%1", colour))

    def choose_colour(self) -> None:
        colour = QColorDialog.getColor(QColor(self._colour), self, self.tr("Vælg trinnets farve"))
        if colour.isValid():
            self.set_colour(colour.name())
            self.edited.emit()

    def colour(self) -> str:
        return self._colour

    def category(self) -> Category:
        return Category(self.category_combo.currentData())

    def phase_id(self) -> int | None:
        return self.phase_combo.currentData()
