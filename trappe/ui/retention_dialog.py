"""Borger → Sletning efter frist…: the closed courses past the municipality's retention period,
erased in one confirmed step after a backup; the audit log is thinned on the same schedule.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from trappe.model import retention
from trappe.model.errors import TrappeError
from trappe.model.store import Store
from trappe.model.validation import format_date
from trappe.ui.widgets import close_reason_labels, hint_label

COL_NAME, COL_IDENTIFIER, COL_CLOSED, COL_REASON, COL_KEPT = range(5)
CITIZEN_ID_ROLE = Qt.ItemDataRole.UserRole + 1

Backup = Callable[[Store], Any]


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class RetentionDialog(QDialog):
    """The list of citizens past the period, each with a check box (all ticked at first)."""

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
        backup: Backup | None = retention.backup_before_erasure,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("retention_dialog")
        self.store = store
        self._today = today
        self._backup = backup
        self.erased: list[int] = []
        self.setWindowTitle(self.tr("Sletning efter frist"))

        self.summary = QLabel()
        self.summary.setObjectName("retention_summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("retention_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Navn"),
                self.tr("Id"),
                self.tr("Afsluttet"),
                self.tr("Årsag"),
                self.tr("Gemt til og med"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda _item: self._update_button())
        self.log_note = QLabel()
        self.log_note.setObjectName("retention_log_note")
        self.log_note.setWordWrap(True)
        self.backup_note = hint_label(
            self.tr(
                "Før sletningen tages en sikkerhedskopi af databasen. De slettede borgere findes "
                "derefter kun i sikkerhedskopierne, indtil den sidste kopi med dem er udskiftet "
                "(højst %1 måneder)."
            ).replace("%1", str(retention.BACKUP_MONTHS))
        )
        self.all_button = QPushButton(self.tr("Vælg &alle"))
        self.none_button = QPushButton(self.tr("&Fravælg alle"))
        for b in (self.all_button, self.none_button):
            b.setAutoDefault(False)
        self.all_button.clicked.connect(lambda: self._check_all(True))
        self.none_button.clicked.connect(lambda: self._check_all(False))
        self.erase_button = QPushButton(self.tr("&Slet valgte …"))
        self.erase_button.setObjectName("retention_erase")
        self.erase_button.setAutoDefault(False)
        self.erase_button.clicked.connect(self.erase_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        row.addStretch(1)
        row.addWidget(self.erase_button)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.log_note)
        layout.addWidget(self.backup_note)
        layout.addLayout(row)
        self.resize(820, 520)
        self.reload()

    # -- the list --------------------------------------------------------------------------
    def reload(self) -> None:
        self.plan = retention.plan(self.store, self._today())
        reasons = close_reason_labels()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.plan.due))
        for i, d in enumerate(self.plan.due):
            name = QTableWidgetItem(d.name)
            name.setData(CITIZEN_ID_ROLE, d.citizen_id)
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(i, COL_NAME, name)
            for col, text in (
                (COL_IDENTIFIER, d.identifier_masked),
                (COL_CLOSED, format_date(d.closed_on)),
                (COL_REASON, reasons[d.closed_reason] if d.closed_reason else ""),
                (COL_KEPT, format_date(d.kept_until)),
            ):
                self.table.setItem(i, col, QTableWidgetItem(text))
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        years = self.plan.years
        n = len(self.plan.due)
        head = self.tr(
            "Slettefristen er %1 år efter forløbets afslutning (Filer → Indstillinger → Kommune)."
        ).replace("%1", str(years))
        today = format_date(self._today())
        if n == 0:
            body = self.tr("I dag (%1) er ingen afsluttede forløb ud over fristen.").replace(
                "%1", today
            )
        elif n == 1:
            body = self.tr("I dag (%1) er 1 borger ud over fristen.").replace("%1", today)
        else:
            body = (
                self.tr("I dag (%1) er %2 borgere ud over fristen.")
                .replace("%1", today)
                .replace("%2", _number(n))
            )
        self.summary.setText(f"{head}\n{body}")
        if self.plan.log_entries:
            self.log_note.setText(
                self.tr(
                    "%1 poster i revisionsloggen er ældre end fristen. De bliver talt sammen pr. "
                    "måned ved sletningen, og de søgetekster, de rummer, slettes."
                ).replace("%1", _number(self.plan.log_entries))
            )
        else:
            self.log_note.setText(self.tr("Ingen poster i revisionsloggen er ældre end fristen."))
        self._update_button()

    def _check_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.table.blockSignals(True)
        for i in range(self.table.rowCount()):
            self.table.item(i, COL_NAME).setCheckState(state)
        self.table.blockSignals(False)
        self._update_button()

    def selected_ids(self) -> list[int]:
        return [
            int(self.table.item(i, COL_NAME).data(CITIZEN_ID_ROLE))
            for i in range(self.table.rowCount())
            if self.table.item(i, COL_NAME).checkState() == Qt.CheckState.Checked
        ]

    def _update_button(self) -> None:
        n = len(self.selected_ids())
        self.erase_button.setEnabled(bool(n or self.plan.log_entries))
        if n:
            self.erase_button.setText(
                self.tr("&Slet 1 borger …")
                if n == 1
                else self.tr("&Slet %1 borgere …").replace("%1", _number(n))
            )
        else:
            self.erase_button.setText(self.tr("&Udtynd loggen …"))

    # -- erasing ---------------------------------------------------------------------------
    def confirm(self, ids: list[int]) -> bool:
        """One confirmation for the whole step; tests stub ``QMessageBox.question``."""
        if ids:
            text = (
                self.tr("Slet 1 borger og alt om borgeren for altid?")
                if len(ids) == 1
                else self.tr("Slet %1 borgere og alt om dem for altid?").replace(
                    "%1", _number(len(ids))
                )
            )
            text += "\n\n" + self.tr(
                "Møder, placeringer, aftaler og notater slettes. Det kan ikke fortrydes. "
                "Der tages en sikkerhedskopi først."
            )
        else:
            text = self.tr("Tæl de gamle poster i revisionsloggen sammen?")
        answer = QMessageBox.question(
            self,
            self.tr("Sletning efter frist"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def erase_selected(self) -> retention.RetentionResult | None:
        ids = self.selected_ids()
        if not ids and not self.plan.log_entries:
            return None
        if not self.confirm(ids):
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = retention.apply_retention(self.store, ids, self._today(), backup=self._backup)
        except TrappeError as exc:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(self, self.tr("Intet er slettet"), exc.message)
            return None
        QGuiApplication.restoreOverrideCursor()
        self.erased += result.erased
        lines = [
            self.tr("1 borger er slettet.")
            if len(result.erased) == 1
            else self.tr("%1 borgere er slettet.").replace("%1", _number(len(result.erased)))
        ]
        if result.not_due:
            lines.append(
                self.tr("%1 blev ikke slettet (genåbnet eller slettet i mellemtiden).").replace(
                    "%1", _number(len(result.not_due))
                )
            )
        if result.thinned is not None and result.thinned.entries:
            lines.append(
                self.tr("%1 logposter er talt sammen.").replace(
                    "%1", _number(result.thinned.entries)
                )
            )
        if result.backup is not None:
            lines.append(self.tr("Sikkerhedskopi: %1").replace("%1", str(result.backup)))
        QMessageBox.information(self, self.tr("Sletning efter frist"), "\n".join(lines))
        self.reload()
        return result


def open_retention(window: Any) -> None:
    """*Borger → Sletning efter frist…*: the window's one line calls this."""
    store = window.store
    if store is None:
        return
    dialog = RetentionDialog(store, window, today=getattr(window, "today", date.today))
    try:
        dialog.exec()
        erased = list(dialog.erased)
    finally:
        dialog.deleteLater()
    if erased:
        _refresh_after_erasure(window, erased)


def _refresh_after_erasure(window: Any, erased: list[int]) -> None:
    """As after *Slet borger*: the undo history may refer to the erased; the views re-read."""
    window.undo_stack.clear()
    shown = window.current_citizen_id()
    window.caseload.refresh()
    if shown in erased:
        window.caseload.clear_selection()
        window.show_citizen(None)
    window.status(
        QCoreApplication.translate("Retention", "%1 borgere er slettet efter frist.").replace(
            "%1", _number(len(erased))
        )
    )
