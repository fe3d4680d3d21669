"""Compare two readings: two of the citizen's meetings on one staircase.

*Borger → Sammenlign møder…* picks the first and the latest meeting (any two can be chosen);
the staircase shows the later placements as usual and the earlier ones faded beneath them,
with the steps moved and the days between. *Udskriv «Din vej indtil nu»…* shows the
citizen's one-page sheet of the same comparison in the print preview (print or save;
``journey_preview``, imported when asked for: QtPdf stays off the start path).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trappe.model.compare import Comparison, compare, default_pair
from trappe.model.entities import CitizenRecord, Staircase
from trappe.model.errors import TrappeError
from trappe.model.formatting import format_date
from trappe.model.markers import COMPARE_LEGEND, LEGEND
from trappe.model.picture import meeting_order
from trappe.model.store import Store
from trappe.ui.preferences import Preferences
from trappe.ui.staircase_widget import StaircaseWidget


class CompareDialog(QDialog):
    """Two meetings on one staircase, the earlier faded; steps moved and days between."""

    def __init__(
        self,
        store: Store,
        prefs: Preferences,
        staircase: Staircase,
        record: CitizenRecord,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compare_dialog")
        self.store = store
        self.prefs = prefs
        self.stair = staircase
        self.record = record
        self.comparison: Comparison | None = None
        self.setWindowTitle(self.tr("Sammenlign møder — %1").replace("%1", record.citizen.name))

        self.first_combo = QComboBox(self)
        self.first_combo.setAccessibleName(self.tr("Det tidlige møde"))
        self.second_combo = QComboBox(self)
        self.second_combo.setAccessibleName(self.tr("Det senere møde"))
        for m in sorted(record.meetings, key=meeting_order):
            label = format_date(m.held_on)
            for combo in (self.first_combo, self.second_combo):
                combo.addItem(label, m.id)
        pair = default_pair(record)
        if pair is not None:
            self.first_combo.setCurrentIndex(self.first_combo.findData(pair[0]))
            self.second_combo.setCurrentIndex(self.second_combo.findData(pair[1]))
        form = QFormLayout()
        first_label = QLabel(self.tr("&Fra mødet:"))
        first_label.setBuddy(self.first_combo)
        second_label = QLabel(self.tr("&Til mødet:"))
        second_label.setBuddy(self.second_combo)
        pickers = QHBoxLayout()
        pickers.addWidget(first_label)
        pickers.addWidget(self.first_combo)
        pickers.addSpacing(16)
        pickers.addWidget(second_label)
        pickers.addWidget(self.second_combo)
        pickers.addStretch(1)
        form.addRow(pickers)

        self.staircase = StaircaseWidget(self)
        self.staircase.setObjectName("compare_staircase")
        self.staircase.empty_text = ""
        self.staircase.legend = (*COMPARE_LEGEND, LEGEND[2])
        self.summary = QLabel(self)
        self.summary.setObjectName("compare_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        f = self.summary.font()
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.summary.setFont(f)

        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton(self.tr("Udskriv «Din vej indtil nu»…"), self)
        self.print_button.setObjectName("print_journey")
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Luk"))
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_journey)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.staircase, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.first_combo.currentIndexChanged.connect(self.update_view)
        self.second_combo.currentIndexChanged.connect(self.update_view)
        self.resize(980, 640)
        self.update_view()

    def update_view(self) -> None:
        first, second = self.first_combo.currentData(), self.second_combo.currentData()
        try:
            self.comparison = compare(self.record, self.stair, first, second)
        except TrappeError as exc:
            self.comparison = None
            self.staircase.set_state(self.stair, self.record, None)
            self.summary.setText(exc.message)
            self.print_button.setEnabled(False)
            return
        c = self.comparison
        self.staircase.set_state(self.stair, self.record, c.later_state, earlier=c.earlier_state)
        self.summary.setText(self.describe(c))
        self.print_button.setEnabled(True)

    def describe(self, c: Comparison) -> str:
        def where(step_id: int | None) -> str:
            step = self.stair.step(step_id) if step_id is not None else None
            if step is None:
                return self.tr("ikke angivet")
            idx = self.stair.index_of(step.id)
            return f"{idx + 1}. {step.title}" if idx is not None else step.title

        def moved(n: int | None) -> str:
            if n is None:
                return ""
            if n == 0:
                return " (" + self.tr("samme trin") + ")"
            text = self.tr("%1 trin op") if n > 0 else self.tr("%1 trin ned")
            return " (" + text.replace("%1", str(abs(n))) + ")"

        days = (
            self.tr("samme dag")
            if c.days == 0
            else (
                self.tr("1 dag") if c.days == 1 else self.tr("%1 dage").replace("%1", str(c.days))
            )
        )

        lines = [
            self.tr("Fra %1 til %2: %3.")
            .replace("%1", format_date(c.earlier.held_on))
            .replace("%2", format_date(c.later.held_on))
            .replace("%3", days),
            self.tr("Fagpersonerne: fra %1 til %2%3.")
            .replace("%1", where(c.earlier_state.current_step_id))
            .replace("%2", where(c.later_state.current_step_id))
            .replace("%3", moved(c.professional_moved)),
            self.tr("Borgeren selv: fra %1 til %2%3.")
            .replace("%1", where(c.earlier_state.own_step_id))
            .replace("%2", where(c.later_state.own_step_id))
            .replace("%3", moved(c.citizen_moved)),
        ]
        return "\n".join(lines)

    def print_journey(self) -> None:
        if self.comparison is None:
            return
        from trappe.ui.journey_preview import JourneyPreview  # QtPdf: loaded when needed

        c = self.comparison
        preview = JourneyPreview(
            self.store, self.prefs, self.record.citizen.id, (c.earlier.id, c.later.id), self
        )
        preview.exec()
        preview.deleteLater()


def open_compare(window: object) -> None:
    """*Borger → Sammenlign møder…* for the citizen shown in the window."""
    w = window
    if w.store is None or w.record is None or w.staircase is None:  # type: ignore[attr-defined]
        return
    dialog = CompareDialog(w.store, w.prefs, w.staircase, w.record, w)  # type: ignore[attr-defined]
    dialog.exec()
    dialog.deleteLater()
