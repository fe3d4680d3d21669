"""*Borger → Overdrag forløb…* and *Importér forløb…*: the two ends of a case handover.

The sender chooses a file, Trappe writes the citizen's course encrypted and shows the one-time
passphrase; the sender may then erase the citizen here in one step. The receiver chooses the
file and types the passphrase; Trappe shows whose course it is, how the steps match the
staircase here (and lets the receiver pick a step for each that does not), and, if the citizen
is already here, asks whether to merge the missing meetings or cancel. All the work is done by
``trappe.model.handover``.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trappe.model import handover
from trappe.model.entities import Staircase
from trappe.model.errors import TrappeError
from trappe.model.store import Store
from trappe.ui import commands, file_dialogs
from trappe.ui.widgets import category_labels

if TYPE_CHECKING:
    from trappe.ui.main_window import MainWindow


def _wrap(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


class FileRow(QWidget):
    """A path field with a *Vælg…* button."""

    def __init__(self, path: str, choose, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(path, self)
        self.button = QPushButton(self.tr("&Vælg…"), self)
        self.button.clicked.connect(lambda: self._choose(choose))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)

    def _choose(self, choose) -> None:
        path = choose(self.edit.text())
        if path:
            self.edit.setText(path)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text).expanduser() if text else None


def file_filter() -> str:
    return QCoreApplication.translate(
        "HandoverDialogs", "Trappe-overdragelse (*.trappe-overdragelse);;Alle filer (*)"
    )


class HandoverExportDialog(QDialog):
    """Write the file, show the passphrase, optionally erase the citizen here."""

    erased = Signal(int)

    def __init__(
        self, store: Store, citizen_id: int, name: str, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("handover_export_dialog")
        self.setWindowTitle(self.tr("Overdrag forløb"))
        self.store = store
        self.citizen_id = citizen_id
        self.result_: handover.ExportResult | None = None
        intro = _wrap(
            self.tr(
                "Hele forløbet for <b>%1</b> – møder, placeringer, aftaler, aktiviteter og "
                "adgangsloggen – skrives til én krypteret fil, som en kollega kan importere på "
                "sin computer. Du får et engangskodeord, som du giver kollegaen på en anden "
                "måde end filen, f.eks. i telefonen."
            ).replace("%1", html.escape(name)),
            self,
        )
        self.file = FileRow(
            str(folder / handover.today_file_name(name)),
            lambda current: str(
                file_dialogs.ask_save(
                    self, self.tr("Gem overdragelsesfil"), Path(current), file_filter().split(";;")
                )
                or ""
            ),
            self,
        )
        self.file.setObjectName("handover_export_file")
        self.write_button = QPushButton(self.tr("&Skriv fil"), self)
        self.write_button.setObjectName("handover_write")
        self.write_button.setDefault(True)
        self.write_button.clicked.connect(self.write)

        self.done_box = QGroupBox(self.tr("Filen er skrevet"), self)
        self.done_box.setObjectName("handover_done")
        self.summary = _wrap("", self.done_box)
        self.passphrase = QLabel(self.done_box)
        self.passphrase.setObjectName("handover_passphrase")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(font.pointSizeF() * 1.6 if font.pointSizeF() > 0 else 16)
        font.setBold(True)
        self.passphrase.setFont(font)
        self.passphrase.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passphrase.setAccessibleName(self.tr("Kodeord"))
        copy = QPushButton(self.tr("&Kopiér kodeord"), self.done_box)
        copy.clicked.connect(
            lambda: (
                QGuiApplication.clipboard().setText(self.result_.passphrase)
                if self.result_
                else None
            )
        )
        self.erase = QCheckBox(
            self.tr("Slet borgeren her nu (filen er kontrolleret; der tages en sikkerhedskopi)"),
            self.done_box,
        )
        self.erase.setObjectName("handover_erase")
        box = QVBoxLayout(self.done_box)
        box.addWidget(self.summary)
        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(copy)
        box.addLayout(row)
        box.addWidget(
            _wrap(
                self.tr(
                    "Skriv kodeordet ned eller giv det videre nu: det vises ikke igen, og "
                    "uden det kan filen ikke åbnes."
                ),
                self.done_box,
            )
        )
        box.addWidget(self.erase)
        self.done_box.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self.accept)
        form = QFormLayout()
        form.addRow(self.tr("&Fil:"), self.file)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.write_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.done_box)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(640, 300)

    def write(self) -> bool:
        path = self.file.path()
        if path is None:
            QMessageBox.warning(self, self.windowTitle(), self.tr("Vælg en fil."))
            return False
        if path.suffix != handover.FILE_SUFFIX:
            path = path.with_name(path.name + handover.FILE_SUFFIX)
        try:
            self.result_ = handover.export_handover(self.store, self.citizen_id, path)
        except TrappeError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.message)
            return False
        c = self.result_.counts
        self.summary.setText(
            self.tr("%1<br>%2 møder, %3 placeringer, %4 aftaler, %5 aktiviteter.")
            .replace("%1", html.escape(str(self.result_.path)))
            .replace("%2", str(c["meetings"]))
            .replace("%3", str(c["placements"]))
            .replace("%4", str(c["agreements"]))
            .replace("%5", str(c["activities"]))
        )
        self.passphrase.setText(self.result_.passphrase)
        self.done_box.show()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        self.write_button.setEnabled(False)
        self.file.setEnabled(False)
        self.buttons.clear()
        self.buttons.addButton(self.tr("&Færdig"), QDialogButtonBox.ButtonRole.AcceptRole)
        return True

    def accept(self) -> None:
        if self.result_ is not None and self.erase.isChecked():
            answer = QMessageBox.question(
                self,
                self.tr("Slet borgeren her"),
                self.tr(
                    "Borgeren og hele forløbet slettes i denne database. Kollegaen har det i "
                    "filen. Fortsæt?"
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            try:
                handover.erase_after_handover(
                    self.store, self.citizen_id, self.result_.path, self.result_.passphrase
                )
            except TrappeError as exc:
                QMessageBox.warning(self, self.windowTitle(), exc.message)
                return
            self.erased.emit(self.citizen_id)
        super().accept()


class HandoverImportDialog(QDialog):
    """Read the file, show the match, import or merge."""

    def __init__(
        self, store: Store, staircase: Staircase, folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("handover_import_dialog")
        self.setWindowTitle(self.tr("Importér forløb"))
        self.store = store
        self.staircase = staircase
        self.package: handover.HandoverPackage | None = None
        self.plan: handover.ImportPlan | None = None
        self.result_: handover.ImportResult | None = None
        self.file = FileRow(
            str(folder),
            lambda current: str(
                file_dialogs.ask_open(
                    self,
                    self.tr("Åbn overdragelsesfil"),
                    file_dialogs.start_folder(current),
                    file_filter().split(";;"),
                )
                or ""
            ),
            self,
        )
        self.file.setObjectName("handover_import_file")
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("handover_import_passphrase")
        self.passphrase.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX")
        self.read_button = QPushButton(self.tr("&Læs fil"), self)
        self.read_button.setObjectName("handover_read")
        self.read_button.clicked.connect(self.read)
        self.passphrase.returnPressed.connect(self.read)
        form = QFormLayout()
        form.addRow(self.tr("&Fil:"), self.file)
        form.addRow(self.tr("&Kodeord:"), self.passphrase)

        self.details = QGroupBox(self.tr("Forløbet i filen"), self)
        self.details.setObjectName("handover_details")
        self.summary = _wrap("", self.details)
        self.summary.setObjectName("handover_summary")
        self.steps_note = _wrap("", self.details)
        self.steps = QTableWidget(0, 3, self.details)
        self.steps.setObjectName("handover_steps")
        self.steps.setHorizontalHeaderLabels(
            [self.tr("Trin i filen"), self.tr("Kategori"), self.tr("Trin her")]
        )
        self.steps.verticalHeader().hide()
        self.steps.horizontalHeader().setStretchLastSection(True)
        self.exists_box = QGroupBox(self.tr("Borgeren findes allerede her"), self.details)
        self.exists_box.setObjectName("handover_exists")
        self.exists_text = _wrap("", self.exists_box)
        self.merge = QRadioButton(self.exists_box)
        self.merge.setObjectName("handover_merge")
        self.cancel_choice = QRadioButton(self.tr("Annullér: importér ikke"), self.exists_box)
        self.cancel_choice.setChecked(True)
        exists = QVBoxLayout(self.exists_box)
        exists.addWidget(self.exists_text)
        exists.addWidget(self.merge)
        exists.addWidget(self.cancel_choice)
        details = QVBoxLayout(self.details)
        details.addWidget(self.summary)
        details.addWidget(self.steps_note)
        details.addWidget(self.steps, 1)
        details.addWidget(self.exists_box)
        self.details.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            self.tr("&Importér"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("handover_import")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.merge.toggled.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 560)

    # -- reading ----------------------------------------------------------------------------
    def read(self) -> bool:
        path = self.file.path()
        if path is None or path.is_dir():
            QMessageBox.warning(self, self.windowTitle(), self.tr("Vælg overdragelsesfilen."))
            return False
        try:
            self.package = handover.read_handover(path, self.passphrase.text())
            self.plan = handover.plan_import(self.store, self.package)
        except TrappeError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.message)
            return False
        self._show_plan()
        return True

    def _show_plan(self) -> None:
        assert self.package is not None and self.plan is not None
        p = self.package.payload
        c = p["citizen"]
        lines = [
            self.tr("<b>%1</b> fra %2")
            .replace("%1", html.escape(c["name"]))
            .replace("%2", html.escape(self.package.exported_by)),
            self.tr("%1 møder, %2 placeringer, %3 aftaler, %4 aktiviteter")
            .replace("%1", str(len(p["meetings"])))
            .replace("%2", str(len(p["placements"])))
            .replace("%3", str(len(p["agreements"])))
            .replace("%4", str(len(p["activities"]))),
        ]
        if self.plan.missing_target_group:
            lines.append(
                self.tr("Målgruppen «%1» findes ikke her; borgeren får ingen målgruppe.").replace(
                    "%1", html.escape(self.plan.missing_target_group)
                )
            )
        self.summary.setText("<br>".join(lines))
        labels = category_labels()
        self.steps.setRowCount(len(self.plan.steps))
        self.step_combos: list[QComboBox] = []
        for row, match in enumerate(self.plan.steps):
            title = QTableWidgetItem(match.title)
            title.setFlags(Qt.ItemFlag.ItemIsEnabled)
            category = QTableWidgetItem(labels[match.category])
            category.setFlags(Qt.ItemFlag.ItemIsEnabled)
            combo = QComboBox(self.steps)
            combo.setObjectName(f"handover_step_{row}")
            combo.addItem(self.tr("– vælg et trin –"), None)
            for i, step in enumerate(self.staircase.steps):
                combo.addItem(f"{i + 1}. {step.title} ({labels[step.category]})", step.id)
            chosen = match.target_id if match.matched else match.suggestion_id
            if chosen is not None:
                combo.setCurrentIndex(max(0, combo.findData(chosen)))
            if not match.matched:
                title.setText(f"⚠ {match.title}")
                title.setToolTip(self.tr("Intet trin her har samme navn og kategori."))
            combo.currentIndexChanged.connect(self._update_buttons)
            self.steps.setItem(row, 0, title)
            self.steps.setItem(row, 1, category)
            self.steps.setCellWidget(row, 2, combo)
            self.step_combos.append(combo)
        self.steps.resizeColumnsToContents()
        unmatched = len(self.plan.unmatched_steps)
        self.steps_note.setText(
            self.tr("Alle trin findes her med samme navn og kategori.")
            if not unmatched
            else self.tr(
                "<b>%1 trin findes ikke her med samme navn og kategori</b> (markeret ⚠). "
                "Vælg hvilket trin her, placeringerne skal stå på."
            ).replace("%1", str(unmatched))
        )
        if self.plan.existing_citizen_id is not None:
            notes = [
                self.tr(
                    "Borgeren findes her som «%1» (samme CPR- eller sagsnummer). "
                    "Intet af det, der står her, bliver overskrevet."
                ).replace("%1", html.escape(self.plan.existing_name or ""))
            ]
            if self.plan.differing_meetings:
                notes.append(
                    self.tr("%1 møder findes i begge, men er forskellige; dine beholdes: %2.")
                    .replace("%1", str(len(self.plan.differing_meetings)))
                    .replace("%2", ", ".join(d.held_on for d in self.plan.differing_meetings))
                )
            if self.plan.differing_citizen_fields:
                notes.append(self.tr("Borgerens egne oplysninger er forskellige; dine beholdes."))
            self.exists_text.setText("<br>".join(notes))
            self.merge.setText(
                self.tr("&Flet de %1 møder ind, der mangler her (%2 findes allerede)")
                .replace("%1", str(self.plan.new_meetings))
                .replace("%2", str(self.plan.known_meetings))
            )
            self.exists_box.show()
        else:
            self.exists_box.hide()
        self.details.show()
        self._update_buttons()

    def step_map(self) -> dict[int, int]:
        if self.plan is None:
            return {}
        return {
            match.source_id: combo.currentData()
            for match, combo in zip(self.plan.steps, self.step_combos, strict=True)
            if combo.currentData() is not None
        }

    def _update_buttons(self) -> None:
        ready = (
            self.plan is not None
            and len(self.step_map()) == len(self.plan.steps)
            and (self.plan.existing_citizen_id is None or self.merge.isChecked())
        )
        self.import_button.setEnabled(bool(ready))

    def accept(self) -> None:
        if self.package is None or self.plan is None:
            return
        try:
            self.result_ = handover.import_handover(
                self.store,
                self.package,
                step_map=self.step_map(),
                merge=self.plan.existing_citizen_id is not None and self.merge.isChecked(),
            )
        except TrappeError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.message)
            return
        super().accept()


# -- the main window's handlers ------------------------------------------------------------------
def export_from_window(window: MainWindow) -> None:
    """*Borger → Overdrag forløb…* for the citizen on screen."""
    if window.store is None or window.record is None:
        return
    c = window.record.citizen
    dialog = HandoverExportDialog(window.store, c.id, c.name, window.store.path.parent, window)

    def erased(citizen_id: int) -> None:
        # The erased citizen's undo steps go; everyone else's stay.
        commands.forget_citizen(window.undo_stack, citizen_id)
        window.caseload.clear_selection()
        window.caseload.refresh()
        window.show_citizen(None)
        window.status(
            QCoreApplication.translate(
                "MainWindow", "Forløbet er overdraget, og borgeren er slettet her."
            )
        )

    dialog.erased.connect(erased)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()


def import_into_window(window: MainWindow) -> None:
    """*Borger → Importér forløb…*: the imported citizen is shown afterwards."""
    if window.store is None or window.staircase is None:
        return
    dialog = HandoverImportDialog(window.store, window.staircase, window.store.path.parent, window)
    try:
        if dialog.exec() and dialog.result_ is not None:
            cid = dialog.result_.citizen_id
            window.caseload.refresh(select_id=cid)
            window.caseload.select_citizen(cid)
            window.record = None
            window.show_citizen(cid)
            window.status(QCoreApplication.translate("MainWindow", "Forløbet er importeret."))
    finally:
        dialog.deleteLater()
