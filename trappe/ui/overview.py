"""Vis → Overblik: the team leader's overview of the measures.

Scope and period filters at the top; headline cards (both methods, named) with the change in
percentage points since the baseline or a stored measurement; citizens per step as bars
coloured by phase; the monthly trend with measurements marked; the flow matrix; follow-up
lists (at most 20 rows, then "vis alle"; double-click opens the citizen); activities that
went with moving up; targets and stored measurements; and the report to hand on.

The figures are ``trappe.model.report.build_report``'s, the same as the PDF, XLSX and CSV.
They are computed in a worker thread on a read-only connection of its own
(``Store.reader``), with a progress bar and a cancel button, so the window never freezes. Each
chart has its table beside it: the text alternative for screen readers. Every computed view
and every report written is logged (``audit.log_event``).

The window runs the workers and the snapshot and report commands; the filter bar
(``overview_filters``), the tabs with the cards and tables (``overview_tabs``), the worker
(``overview_worker``) and the target dialog (``target_dialog``) are modules of their own.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QVBoxLayout, QWidget

from trappe.model import audit, followup, snapshots
from trappe.model.errors import TrappeError
from trappe.model.followup import FOLLOW_UP_LABELS_DA, FollowUp
from trappe.model.formatting import format_date
from trappe.model.measures import METHOD_LABELS_DA, Method, Scope
from trappe.model.report import FOLLOW_UP_ROWS, TeamReport
from trappe.model.store import Store
from trappe.ui import file_dialogs
from trappe.ui.overview_filters import MultiPicker, OverviewFilters
from trappe.ui.overview_tabs import ACTIVITIES_TAB, OverviewTabs, format_percent
from trappe.ui.overview_worker import ReportWorker
from trappe.ui.target_dialog import TargetDialog

__all__ = [
    "MultiPicker",
    "OverviewWindow",
    "ReportWorker",
    "TargetDialog",
    "show_overview",
    "write_report_file",
]


class OverviewWindow(QWidget):
    """The overview, as a window of its own beside the main window."""

    open_citizen = Signal(int)
    first_ready = Signal()  # key figures, charts and flows are shown
    ready = Signal()  # every pane is filled (the follow-up lists come last)

    def __init__(self, store: Store, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.today = today or date.today()
        self.report: TeamReport | None = None
        self.worker: ReportWorker | None = None
        self._status_text = ""
        self.activity_worker: ReportWorker | None = None
        self.follow_worker: ReportWorker | None = None
        self.export_worker: ReportWorker | None = None
        self.setWindowTitle(self.tr("Overblik"))
        self.filters = OverviewFilters(store, self.today)
        self.filters.refresh_button.clicked.connect(self.refresh)
        self.filters.report_button.clicked.connect(self.export_report)
        self.filters.cancel_button.clicked.connect(self.cancel)
        self.status = self.filters.status  # the window's messages, under the filters
        self.tabs = OverviewTabs()
        self.tabs.open_citizen.connect(self.open_citizen)
        self.tabs.show_all_requested.connect(self.show_all)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.tabs.save_snapshot_button.clicked.connect(self.save_snapshot)
        self.tabs.recheck_button.clicked.connect(self.recheck_snapshot)
        self.tabs.target_button.clicked.connect(self.set_target)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.tabs, 1)
        self.resize(1280, 760)

    def scope(self) -> Scope:
        return self.filters.scope()

    # -- computing -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Compute every figure for the filters, in a worker thread."""
        dates = self.filters.dates()
        if dates is None:
            return
        self.cancel()
        start, end, baseline = dates
        kwargs = dict(start=start, end=end, baseline=baseline, scope=self.filters.scope(),
                      weeks=self.filters.weeks_spin.value(), with_activities=False,
                      with_follow_ups=False, parallel=True)  # fmt: skip
        self.worker = ReportWorker(self.store, kwargs, self)
        self.worker.progressed.connect(self.filters.progressed)
        self.worker.finished.connect(self._computed)
        self.filters.start_busy(self.tr("Beregner …"))
        self.worker.start()

    def cancel(self) -> None:
        for worker in (self.worker, self.follow_worker, self.activity_worker,
                       self.export_worker):  # fmt: skip
            if worker is not None and worker.isRunning():
                worker.cancel()
                worker.wait()

    def _computed(self) -> None:
        worker = self.sender() if isinstance(self.sender(), ReportWorker) else self.worker
        if worker is not self.worker:
            return
        self.filters.busy.hide()
        if worker.exception is not None:
            raise worker.exception
        if worker.cancelled:
            self.status.setText(self.tr("Beregningen blev annulleret."))
            return
        if worker.error:
            self.status.setText(worker.error)
            return
        self.show_report(worker.report)

    def show_report(self, report: TeamReport) -> None:
        self.report = report
        self.tabs.show_report(report, self.filters.compared_snapshot())
        self._status_text = (
            self.tr("%1 · %2 – %3 · baseline %4")
            .replace("%1", report.scope_text)
            .replace("%2", format_date(report.start))
            .replace("%3", format_date(report.end))
            .replace("%4", format_date(report.baseline))
        )
        self.status.setText(self._status_text)
        self.first_ready.emit()  # shown: the log entry below is written after
        audit.log_event(self.store, "view", "overview", None, {
            "from": report.start.isoformat(), "to": report.end.isoformat(),
            "baseline": report.baseline.isoformat(), "scope": report.scope.to_json(),
        })  # fmt: skip
        self.follow_worker = ReportWorker(self.store, {"follow_ups_for": report}, self)
        self.follow_worker.finished.connect(self._follow_ups_computed)
        self.follow_worker.start()
        if self.tabs.currentIndex() == ACTIVITIES_TAB:
            self._compute_activities()

    def _follow_ups_computed(self) -> None:
        w = self.follow_worker
        if w is None or w.report is not self.report or w.cancelled:
            return
        if w.exception is not None:
            raise w.exception
        if w.error:
            self.status.setText(w.error)
            return
        for kind, (total, rows) in self.report.follow_ups.items():
            self.tabs.fill_follow(kind, total, rows)
        self.ready.emit()

    def show_all(self, kind: FollowUp) -> None:
        if self.report is None:
            return
        total, rows = followup.follow_up(
            self.store, kind, self.report.end, self.report.scope, weeks=self.report.weeks
        )
        self.tabs.fill_follow(kind, total, rows)

    def _tab_changed(self, _index: int) -> None:
        if self.report is not None and self.tabs.wants_activities():
            self._compute_activities()

    def _compute_activities(self) -> None:
        if self.report is None or (self.activity_worker and self.activity_worker.isRunning()):
            return
        r = self.report
        kwargs = dict(activities_only=True, start=r.start, end=r.end, scope=r.scope)
        self.activity_worker = ReportWorker(self.store, kwargs, self)
        self.activity_worker.finished.connect(self._activities_computed)
        self.status.setText(self.tr("Beregner aktiviteter …"))
        self.activity_worker.start()

    def _activities_computed(self) -> None:
        w = self.activity_worker
        if w is None or w.associations is None or self.report is None:
            return
        self.tabs.show_activities(w.associations)
        self.status.setText(self._status_text)

    # -- snapshots, targets, reports --------------------------------------------------------
    def save_snapshot(self) -> None:
        dates = self.filters.dates()
        if dates is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Gem måling"), self.tr("Navn (f.eks. Baseline, Midtvejs, Slut):")
        )
        if not ok:
            return
        method_text, ok = QInputDialog.getItem(
            self, self.tr("Gem måling"), self.tr("Metode:"),
            [METHOD_LABELS_DA[m] for m in Method], 0, False,
        )  # fmt: skip
        if not ok:
            return
        method = next(m for m in Method if METHOD_LABELS_DA[m] == method_text)
        _start, end, baseline = dates
        try:
            snapshots.take_snapshot(self.store, name, end, self.filters.scope(), method, baseline)
        except TrappeError as exc:
            QMessageBox.warning(self, self.tr("Gem måling"), exc.message)
            return
        self.filters.fill_compare()
        self.refresh()

    def recheck_snapshot(self) -> None:
        items = snapshots.list_snapshots(self.store)
        if not items:
            QMessageBox.information(self, self.tr("Genberegn"), self.tr("Ingen gemte målinger."))
            return
        labels = [f"{s.name} ({format_date(s.measured_on)})" for s in items]
        choice, ok = QInputDialog.getItem(self, self.tr("Genberegn måling"), self.tr("Måling:"),
                                          labels, 0, False)  # fmt: skip
        if not ok:
            return
        check = snapshots.recheck_snapshot(self.store, items[labels.index(choice)].id)
        s = check.snapshot
        text = self.tr("Gemt: %1 af %2 (%3). Genberegnet nu: %4 af %5 (%6).")
        for mark, value in (
            ("%1", str(s.counted)),
            ("%2", str(s.active)),
            ("%3", format_percent(s.percent)),
            ("%4", str(check.counted_now)),
            ("%5", str(check.active_now)),
            ("%6", format_percent(check.percent_now)),
        ):
            text = text.replace(mark, value)
        if check.changed:
            text += (
                "\n\n"
                + self.tr("Data bag målingen er ændret siden:")
                + "\n"
                + "\n".join(f"• {reason}: {n}" for reason, n in check.reasons.items())
            )
        else:
            text += "\n\n" + self.tr("Data bag målingen er uændrede.")
        QMessageBox.information(self, self.tr("Genberegn måling"), text)

    def set_target(self) -> None:
        dialog = TargetDialog(self.store, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def export_report(self) -> None:
        dates = self.filters.dates()
        if dates is None:
            return
        chosen = file_dialogs.ask_save(
            self, self.tr("Gem teamrapport"), file_dialogs.documents_folder() / "teamrapport.pdf",
            self.tr("PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)").split(";;"),
        )  # fmt: skip
        if chosen is None:
            return
        path = str(chosen)
        named = None
        answer = QMessageBox.question(
            self, self.tr("Navneliste"),
            self.tr("Rapporten er anonym. Skal en opfølgningsliste med navne med? "
                    "Valget skrives i revisionsloggen."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            labels = [FOLLOW_UP_LABELS_DA[k] for k in FollowUp]
            choice, ok = QInputDialog.getItem(self, self.tr("Navneliste"), self.tr("Liste:"),
                                              labels, 0, False)  # fmt: skip
            if not ok:
                return
            named = list(FollowUp)[labels.index(choice)]
        start, end, baseline = dates
        kwargs = dict(start=start, end=end, baseline=baseline, scope=self.filters.scope(),
                      named_list=named, weeks=self.filters.weeks_spin.value())  # fmt: skip
        self.cancel()
        self.export_worker = ReportWorker(self.store, kwargs, self)
        self.export_worker.progressed.connect(self.filters.progressed)
        self.export_worker.finished.connect(lambda: self._export_computed(Path(path)))
        self.filters.start_busy(self.tr("Laver rapporten …"))
        self.export_worker.start()

    def _export_computed(self, path: Path) -> None:
        w = self.export_worker
        self.filters.busy.hide()
        if w is None or w.cancelled:
            self.status.setText(self.tr("Rapporten blev annulleret."))
            return
        if w.exception is not None:
            raise w.exception
        if w.error:
            self.status.setText(w.error)
            return
        if write_report_file(self.store, path, w.report, parent=self):
            self.status.setText(self.tr("Rapporten er gemt: %1").replace("%1", str(path)))

    def closeEvent(self, event: Any) -> None:
        self.cancel()
        super().closeEvent(event)


def write_report_file(
    store: Store, path: Path, report: TeamReport, parent: QWidget | None = None
) -> bool:
    """Write a built report (the same as ``trappe report``), and log the export."""
    from trappe.report import write_report

    try:
        write_report(store, report, path)  # logged as an export before it is in place
    except TrappeError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("Overview", "Rapport"), exc.message)
        return False
    return True


def show_overview(window: Any) -> OverviewWindow | None:
    """Vis → Overblik from the main window: one overview per window, computed on opening."""
    store = getattr(window, "store", None)
    if store is None:
        return None
    overview = getattr(window, "_overview", None)
    if overview is None or overview.store is not store:
        overview = OverviewWindow(store, window)
        overview.open_citizen.connect(window.show_citizen)
        window._overview = overview
        overview.refresh()
    overview.show()
    overview.raise_()
    overview.activateWindow()
    return overview


_ = FOLLOW_UP_ROWS  # the model caps the first rows; "vis alle" reads the rest
