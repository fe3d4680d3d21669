"""Borger → Udlevér data…: everything about the citizen, with their access log, as a PDF (to
read) and a JSON file (machine-readable), for a request of access (GDPR article 15)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trappe.model.citizens import get_citizen
from trappe.model.errors import TrappeError, ValidationError
from trappe.model.store import Store
from trappe.sheet.data_export import suggested_base_name, write_citizen_data
from trappe.ui.preferences import LAST_SHEET_FOLDER, Preferences
from trappe.ui.widgets import FieldError, hint_label


def ask_folder(parent: QWidget | None, start: Path) -> Path | None:
    from trappe.ui.file_dialogs import ask_folder as pick

    return pick(parent, QCoreApplication.translate("DataExport", "Vælg mappe"), start)


class DataExportDialog(QDialog):
    """Where to put the PDF and the JSON, and which of the two."""

    def __init__(
        self,
        store: Store,
        citizen_id: int,
        prefs: Preferences | None = None,
        parent: QWidget | None = None,
        *,
        choose_folder: Callable[[QWidget | None, Path], Path | str | None] = ask_folder,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("data_export_dialog")
        self.store = store
        self.citizen_id = citizen_id
        self.prefs = prefs
        self._choose_folder = choose_folder
        self.written: list[Path] = []
        citizen = get_citizen(store, citizen_id)
        self.setWindowTitle(self.tr("Udlevér data"))

        intro = QLabel(
            self.tr(
                "Alt, Trappe har om %1: oplysninger, placeringer, møder med notater og aftaler, "
                "og adgangsloggen (hvem har set eller ændret sagen). Til en anmodning om indsigt."
            ).replace("%1", citizen.name)
        )
        intro.setWordWrap(True)
        self.pdf_check = QCheckBox(self.tr("&PDF til at læse og udskrive"))
        self.pdf_check.setChecked(True)
        self.json_check = QCheckBox(self.tr("&JSON, maskinlæsbar (dataportabilitet)"))
        self.json_check.setChecked(True)
        start = (
            Path(prefs.get(LAST_SHEET_FOLDER)) if prefs and prefs.get(LAST_SHEET_FOLDER) else None
        )
        if start is None or not start.is_dir():
            from trappe.ui.file_dialogs import documents_folder

            start = documents_folder()
        self.folder_edit = QLineEdit(str(start))
        self.folder_button = QPushButton(self.tr("&Vælg …"))
        self.folder_button.setAutoDefault(False)
        self.folder_button.clicked.connect(self.pick_folder)
        self.name_edit = QLineEdit(suggested_base_name(citizen.name, today()))
        self.error = FieldError()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        form = QFormLayout()
        form.addRow(self.tr("Filer:"), self.pdf_check)
        form.addRow("", self.json_check)
        folder_label = QLabel(self.tr("&Mappe:"))
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, folder_row)
        name_label = QLabel(self.tr("Fil&navn:"))
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, self.name_edit)
        note = hint_label(
            self.tr(
                "Filerne indeholder borgerens fulde CPR-nummer og notater. Udlevér dem sikkert "
                "(f.eks. Digital Post), og slet din kopi bagefter. Udleveringen skrives i loggen."
            )
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            self.tr("&Gem"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for box in (self.pdf_check, self.json_check):
            box.toggled.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._update()

    def _update(self) -> None:
        self.save_button.setEnabled(self.pdf_check.isChecked() or self.json_check.isChecked())

    def pick_folder(self) -> None:
        chosen = self._choose_folder(self, Path(self.folder_edit.text() or Path.home()))
        if chosen:
            self.folder_edit.setText(str(chosen))

    def targets(self) -> tuple[Path | None, Path | None]:
        folder = Path(self.folder_edit.text().strip()).expanduser().absolute()
        if not self.folder_edit.text().strip() or not folder.is_dir():
            raise ValidationError("folder", self.tr("Mappen findes ikke. Vælg en anden."))
        base = self.name_edit.text().strip()
        safe = base or suggested_base_name("", date.today())
        if any(ch in safe for ch in '<>:"/\\|?*') or any(ord(ch) < 32 for ch in safe):
            raise ValidationError("name", self.tr('Filnavnet må ikke indeholde < > : " / \\ | ? *'))
        safe = safe.removesuffix(".pdf").removesuffix(".json")
        pdf = folder / f"{safe}.pdf" if self.pdf_check.isChecked() else None
        js = folder / f"{safe}.json" if self.json_check.isChecked() else None
        return pdf, js

    def confirm_overwrite(self, existing: list[Path]) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Filen findes"),
            self.tr("%1 findes allerede. Erstat?").replace(
                "%1", ", ".join(p.name for p in existing)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def accept(self) -> None:
        self.error.clear_message()
        try:
            pdf, js = self.targets()
            existing = [p for p in (pdf, js) if p is not None and p.exists()]
            if existing and not self.confirm_overwrite(existing):
                return
            self.written = write_citizen_data(self.store, self.citizen_id, pdf, js)
        except TrappeError as exc:
            self.error.show_message(exc.message)
            return
        if self.prefs is not None:
            self.prefs.set(LAST_SHEET_FOLDER, str(self.written[0].parent))
        super().accept()


def open_data_export(window: Any) -> None:
    """*Borger → Udlevér data…*: the window's one line calls this."""
    store, cid = window.store, window.current_citizen_id()
    if store is None or cid is None:
        return
    dialog = DataExportDialog(store, cid, window.prefs, window)
    try:
        if dialog.exec():
            window.status(
                QCoreApplication.translate("DataExport", "Gemt: %1").replace(
                    "%1", ", ".join(str(p) for p in dialog.written)
                )
            )
    finally:
        dialog.deleteLater()
