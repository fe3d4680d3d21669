"""Vis → Adgangslog: the audit log on screen, for team leaders and the data protection officer.

Filters by citizen, user, action and period over a windowed table model
(``access_log_model.py``: fast at any depth of a log of millions). Every filter the user
applies is itself logged (action ``view``), as is the CSV export. *Kontrollér kæden*
recomputes the hash chain and says where it is broken, if anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trappe.model import audit
from trappe.model.audit import AuditFilter
from trappe.model.errors import TrappeError, ValidationError
from trappe.model.store import Store
from trappe.ui.access_log_model import (
    COL_ACTION,
    COL_CITIZEN,
    COL_DETAILS,
    COL_OBJECT,
    COL_ROLE,
    COL_TIME,
    COL_USER,
    AccessLogModel,
    action_labels,
)
from trappe.ui.widgets import DateEdit, FieldError

__all__ = ["COL_ACTION", "COL_CITIZEN", "COL_USER", "AccessLogDialog", "AccessLogModel"]


def ask_csv_path(parent: QWidget | None, proposal: Path) -> Path | None:
    from trappe.ui.file_dialogs import ask_save

    return ask_save(
        parent,
        QCoreApplication.translate("AccessLog", "Gem adgangsloggen som CSV"),
        proposal,
        [QCoreApplication.translate("AccessLog", "CSV-filer (*.csv)")],
        "csv",
    )


class AccessLogDialog(QDialog):
    """The access log with its filters, CSV export and the chain check."""

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        citizen_id: int | None = None,
        ask_path: Callable[[QWidget | None, Path], Path | str | None] = ask_csv_path,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("access_log_dialog")
        self.store = store
        self._ask_path = ask_path
        self._applied: AuditFilter | None = None
        self.setWindowTitle(self.tr("Adgangslog"))

        self.citizen_edit = QLineEdit()
        self.citizen_edit.setPlaceholderText(self.tr("Borger-id"))
        self.citizen_edit.setClearButtonEnabled(True)
        self.citizen_edit.setMaximumWidth(110)
        self.citizen_edit.editingFinished.connect(self.apply)
        self.citizen_name = QLabel()
        self.citizen_name.setMinimumWidth(160)
        self.user_combo = QComboBox()
        self.user_combo.addItem(self.tr("Alle brugere"), None)
        for name in audit.user_names(store):
            self.user_combo.addItem(name, name)
        self.user_combo.currentIndexChanged.connect(self.apply)
        self.action_combo = QComboBox()
        self.action_combo.addItem(self.tr("Alle handlinger"), None)
        for key, label in action_labels().items():
            self.action_combo.addItem(label, key)
        self.action_combo.currentIndexChanged.connect(self.apply)
        self.since_edit = DateEdit(field="since", label=self.tr("Fra-datoen"))
        self.until_edit = DateEdit(field="until", label=self.tr("Til-datoen"))
        for edit in (self.since_edit, self.until_edit):
            edit.line.editingFinished.connect(self.apply)
            edit.changed.connect(self._date_picked)
        self.reset_button = QPushButton(self.tr("&Nulstil"))
        self.reset_button.setAutoDefault(False)
        self.reset_button.clicked.connect(self.reset_filters)
        self.filter_error = FieldError()
        self.count_label = QLabel()
        self.count_label.setObjectName("access_log_count")

        def labelled(text: str, widget: QWidget) -> QLabel:
            label = QLabel(text)
            label.setBuddy(widget.focus_target() if isinstance(widget, DateEdit) else widget)
            return label

        self.user_combo.setMinimumContentsLength(18)
        self.action_combo.setMinimumContentsLength(14)
        first, second = QHBoxLayout(), QHBoxLayout()
        for row, items in (
            (
                first,
                [
                    labelled(self.tr("&Borger:"), self.citizen_edit),
                    self.citizen_edit,
                    self.citizen_name,
                    labelled(self.tr("Br&uger:"), self.user_combo),
                    self.user_combo,
                    labelled(self.tr("&Handling:"), self.action_combo),
                    self.action_combo,
                ],
            ),
            (
                second,
                [
                    labelled(self.tr("&Fra:"), self.since_edit),
                    self.since_edit,
                    labelled(self.tr("&Til:"), self.until_edit),
                    self.until_edit,
                    self.reset_button,
                ],
            ),
        ):
            for widget in items:
                row.addWidget(widget)
            row.addStretch(1)
        second.addWidget(self.count_label)

        self.model = AccessLogModel(store, self)
        self.table = QTableView()
        self.table.setObjectName("access_log_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_DETAILS, QHeaderView.ResizeMode.Stretch)
        fm = self.table.fontMetrics()
        for col, sample in (
            (COL_TIME, "00-00-0000 00:00"),
            (COL_USER, "Mette Sørensen (msoe)"),
            (COL_ROLE, "Databeskyttelsesrådgiver"),
            (COL_ACTION, "Log kontrolleret"),
            (COL_OBJECT, "Placering #000000"),
            (COL_CITIZEN, "Åse Ærø Søndergård (#00000)"),
        ):
            header.resizeSection(col, fm.horizontalAdvance(sample) + 18)

        self.verify_button = QPushButton(self.tr("&Kontrollér kæden"))
        self.verify_button.setToolTip(
            self.tr("Beregn loggens kæde forfra og se, om en post er ændret eller slettet")
        )
        self.verify_button.setAutoDefault(False)
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(self.tr("&Eksportér CSV …"))
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export_csv)
        self.verify_label = QLabel()
        self.verify_label.setObjectName("verify_result")
        self.verify_label.setWordWrap(True)
        self.verify_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.verify_label, 1)
        bottom.addWidget(buttons)

        note = QLabel(
            self.tr(
                "Loggen viser, hvem der har åbnet, søgt, ændret, udskrevet eller udleveret "
                "oplysninger. Din visning og dine filtre skrives også i loggen."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555555;")
        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addLayout(bottom)
        self.resize(1180, 640)

        if citizen_id is not None:
            self.citizen_edit.setText(str(citizen_id))
        self.apply()

    # -- filters ---------------------------------------------------------------------------
    def current_filter(self) -> AuditFilter:
        """The filter the fields describe; raises ValidationError for an unreadable field."""
        text = self.citizen_edit.text().strip().lstrip("#")
        citizen_id = None
        if text:
            if not text.isdigit() or len(text) > 12:
                raise ValidationError("citizen", self.tr("Borger-id skal være et tal."))
            citizen_id = int(text)
        since, until = self.since_edit.date(), self.until_edit.date()
        if since and until and until < since:
            raise ValidationError("until", self.tr("Til-datoen ligger før fra-datoen."))
        return AuditFilter(
            citizen_id=citizen_id,
            user_name=self.user_combo.currentData(),
            action=self.action_combo.currentData(),
            since=since,
            until=until,
        )

    def apply(self) -> bool:
        """Show what the filter fields ask for (a new filter is logged)."""
        self.filter_error.clear_message()
        try:
            f = self.current_filter()
        except ValidationError as exc:
            self.filter_error.show_message(exc.message)
            return False
        if f == self._applied:
            return True
        try:
            self.model.set_filter(f)
        except TrappeError as exc:
            self.filter_error.show_message(exc.message)
            return False
        self._applied = f
        self._show_citizen_name(f.citizen_id)
        n = self.model.rowCount()
        self.count_label.setText(
            self.tr("1 post")
            if n == 1
            else self.tr("%1 poster").replace("%1", f"{n:,}".replace(",", "."))
        )
        self.export_button.setEnabled(n > 0)
        return True

    def _date_picked(self) -> None:
        # A date from the calendar arrives without editingFinished.
        if self.since_edit.calendar and self.since_edit.calendar.isVisible():
            return
        if self.until_edit.calendar and self.until_edit.calendar.isVisible():
            return
        if not (self.since_edit.line.hasFocus() or self.until_edit.line.hasFocus()):
            self.apply()

    def _show_citizen_name(self, citizen_id: int | None) -> None:
        if citizen_id is None:
            self.citizen_name.setText("")
            return
        name = audit.citizen_names(self.store, [citizen_id]).get(citizen_id)
        self.citizen_name.setText(name or self.tr("(slettet eller ukendt)"))

    def reset_filters(self) -> None:
        for w in (self.user_combo, self.action_combo):
            w.blockSignals(True)
            w.setCurrentIndex(0)
            w.blockSignals(False)
        self.citizen_edit.clear()
        self.since_edit.set_date(None)
        self.until_edit.set_date(None)
        self.apply()

    # -- export and check ------------------------------------------------------------------
    def export_csv(self) -> Path | None:
        if not self.apply():
            return None
        from datetime import date

        from trappe.model.validation import format_date
        from trappe.ui.file_dialogs import documents_folder

        proposal = documents_folder() / f"Adgangslog {format_date(date.today())}.csv"
        chosen = self._ask_path(self, proposal)
        if not chosen:
            return None
        path = Path(chosen).absolute()
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            count = audit.export_csv(self.store, self.model.filter, path)
        except TrappeError as exc:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, self.tr("Kunne ikke gemme"), exc.message)
            return None
        QGuiApplication.restoreOverrideCursor()
        self.verify_label.setText(
            self.tr("%1 poster gemt i %2")
            .replace("%1", f"{count:,}".replace(",", "."))
            .replace("%2", str(path))
        )
        return path

    def verify(self) -> audit.ChainReport:
        total = audit.count_entries(self.store, AuditFilter())
        progress = QProgressDialog(self.tr("Kontrollerer loggens kæde …"), "", 0, total, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

        def step(done: int, of: int) -> None:
            progress.setValue(done)
            QCoreApplication.processEvents()

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = audit.verify_chain(self.store, step)
            details: dict[str, object] = {"ok": report.ok, "entries": report.entries}
            if report.broken is not None:
                details["broken_id"] = report.broken.id
            audit.log_event(self.store, audit.VERIFY, audit.AUDIT_LOG, None, details)
        finally:
            QGuiApplication.restoreOverrideCursor()
            progress.close()
            progress.deleteLater()
        lines = report.lines()
        if report.ok:
            self.verify_label.setStyleSheet("color: #1b5e20;")
            self.verify_label.setText(lines[0])
            self.verify_label.setToolTip("\n".join(lines))
        else:
            self.verify_label.setStyleSheet("color: #b00020; font-weight: bold;")
            self.verify_label.setText(lines[0])
            QMessageBox.warning(self, self.tr("Loggen er ændret"), "\n\n".join(lines))
        self.model.refresh()
        return report


def open_access_log(parent: QWidget | None, store: Store, citizen_id: int | None = None) -> None:
    """*Vis → Adgangslog*: the window's one line calls this."""
    if not audit.may_read_log(store.actor.role):
        QMessageBox.information(
            parent,
            QCoreApplication.translate("AccessLog", "Adgangslog"),
            QCoreApplication.translate(
                "AccessLog",
                "Adgangsloggen er for teamledere og databeskyttelsesrådgiveren. "
                "Vælg din rolle under Filer → Indstillinger → Bruger.",
            ),
        )
        return
    dialog = AccessLogDialog(store, parent, citizen_id=citizen_id)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
