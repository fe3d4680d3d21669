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
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trappe.model import audit, followup, snapshots
from trappe.model import staircase as staircase_model
from trappe.model.entities import Role
from trappe.model.errors import TrappeError
from trappe.model.followup import FOLLOW_UP_LABELS_DA, FollowUp
from trappe.model.measures import METHOD_LABELS_DA, METHOD_SHORT_DA, Method, Scope
from trappe.model.report import (
    FOLLOW_UP_ROWS,
    Cancelled,
    Column,
    Table,
    TeamReport,
    add_follow_ups,
    build_report,
)
from trappe.model.store import Store
from trappe.ui import file_dialogs
from trappe.ui.overview_charts import BarChart, ReportTableModel, TrendChart
from trappe.ui.widgets import DateEdit, hint_label


class ReportWorker(QThread):
    """Builds a report on its own read-only connection; ``cancel()`` is safe from the GUI."""

    progressed = Signal(int, str)

    def __init__(self, store: Store, kwargs: dict[str, Any], parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.kwargs = kwargs
        self._cancel = threading.Event()
        self._reader: Store | None = None
        self.report: TeamReport | None = None
        self.associations: list | None = None
        self.error: str | None = None
        self.exception: BaseException | None = None
        self.cancelled = False

    def cancel(self) -> None:
        self._cancel.set()
        reader = self._reader
        if reader is not None:
            reader.conn.interrupt()  # stops the running query at once

    def _progress(self, pct: int, text: str) -> bool:
        self.progressed.emit(pct, text)
        return not self._cancel.is_set()

    def run(self) -> None:
        try:
            self._reader = self.store.reader()
            try:
                if self.kwargs.pop("activities_only", False):
                    self.associations = followup.activity_association(self._reader, **self.kwargs)
                elif "follow_ups_for" in self.kwargs:
                    self.report = self.kwargs["follow_ups_for"]
                    add_follow_ups(self._reader, self.report)
                else:
                    self.report = build_report(self._reader, progress=self._progress, **self.kwargs)
            finally:
                reader, self._reader = self._reader, None
                reader.close()
        except Cancelled:
            self.cancelled = True
        except TrappeError as exc:
            if self._cancel.is_set():
                self.cancelled = True  # an interrupted query
            else:
                self.error = exc.message
        except BaseException as exc:  # a bug: the GUI thread re-raises it
            if self._cancel.is_set():
                self.cancelled = True
            else:
                self.exception = exc


class MultiPicker(QToolButton):
    """A button with a checkable list: any number of target groups, caseworkers, … ."""

    changed = Signal()

    def __init__(self, label: str, items: list[tuple[int, str]], parent: Any = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QMenu

        self.label = label
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.actions_ = []
        for item_id, name in items:
            action = self.menu_.addAction(name)
            action.setCheckable(True)
            action.setData(item_id)
            action.toggled.connect(self._changed)
            self.actions_.append(action)
        self.setMenu(self.menu_)
        self._changed()

    def _changed(self) -> None:
        n = len(self.ids())
        self.setText(f"{self.label}: " + (self.tr("alle") if n == 0 else str(n)))
        self.setAccessibleName(self.text())
        self.changed.emit()

    def ids(self) -> tuple[int, ...]:
        return tuple(a.data() for a in self.actions_ if a.isChecked())


def _table_view(model: ReportTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    return view


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
        self._build_filters()
        self._build_body()
        self.resize(1280, 760)

    # -- layout ----------------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.end_edit = DateEdit(self.today, field="to", label=self.tr("Slutdatoen"))
        year_ago = self.today - timedelta(days=365)
        self.start_edit = DateEdit(year_ago, field="from", label=self.tr("Startdatoen"))
        self.baseline_edit = DateEdit(year_ago, field="baseline", label=self.tr("Baseline"))
        self.compare_combo = QComboBox()
        self.compare_combo.setAccessibleName(self.tr("Sammenlign med"))
        groups = [(g.id, g.name) for g in staircase_model.list_target_groups(self.store)]
        caseworkers = [
            (s.id, s.name) for s in staircase_model.list_staff(self.store, Role.CASEWORKER)
        ]
        consultants = [
            (s.id, s.name) for s in staircase_model.list_staff(self.store, Role.COMPANY_CONSULTANT)
        ]
        self.group_picker = MultiPicker(self.tr("Målgrupper"), groups)
        self.caseworker_picker = MultiPicker(self.tr("Sagsbehandlere"), caseworkers)
        self.consultant_picker = MultiPicker(self.tr("Virksomhedskonsulenter"), consultants)
        self.weeks_spin = QSpinBox()
        self.weeks_spin.setRange(1, 104)
        self.weeks_spin.setValue(12)
        self.weeks_spin.setSuffix(self.tr(" uger"))
        self.weeks_spin.setAccessibleName(self.tr("Ingen bevægelse i antal uger"))
        self.refresh_button = QPushButton(self.tr("&Opdatér"))
        self.refresh_button.clicked.connect(self.refresh)
        self.report_button = QPushButton(self.tr("&Rapport …"))
        self.report_button.clicked.connect(self.export_report)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName(self.tr("Beregner"))
        self.cancel_button = QPushButton(self.tr("&Annullér"))
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel()
        self.status.setWordWrap(True)

        grid = QGridLayout()
        row = 0
        for col, (text, widget) in enumerate(
            (
                (self.tr("Periode &fra:"), self.start_edit),
                (self.tr("&til:"), self.end_edit),
                (self.tr("&Baseline:"), self.baseline_edit),
                (self.tr("&Sammenlign med:"), self.compare_combo),
            )
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, 2 * col)
            grid.addWidget(widget, row, 2 * col + 1)
        grid.setColumnStretch(8, 1)
        scope_row = QHBoxLayout()
        scope_row.addWidget(QLabel(self.tr("Udvalg:")))
        for w in (self.group_picker, self.caseworker_picker, self.consultant_picker):
            scope_row.addWidget(w)
        scope_row.addWidget(QLabel(self.tr("Ingen bevægelse i:")))
        scope_row.addWidget(self.weeks_spin)
        scope_row.addStretch(1)
        scope_row.addWidget(self.refresh_button)
        scope_row.addWidget(self.report_button)
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.progress, 1)
        busy_row.addWidget(self.cancel_button)
        self.busy = QWidget()
        self.busy.setLayout(busy_row)
        busy_row.setContentsMargins(0, 0, 0, 0)
        self.busy.hide()
        self.filters = QVBoxLayout()
        self.filters.addLayout(grid)
        self.filters.addLayout(scope_row)
        self.filters.addWidget(self.busy)
        self.filters.addWidget(self.status)
        self._fill_compare()

    def _fill_compare(self) -> None:
        self.compare_combo.clear()
        self.compare_combo.addItem(self.tr("Baseline"), None)
        for s in snapshots.list_snapshots(self.store):
            self.compare_combo.addItem(
                f"{s.name} ({s.measured_on:%d-%m-%Y}, {METHOD_SHORT_DA[s.method]})", s.id
            )

    def _build_body(self) -> None:
        self.tabs = QTabWidget()
        # key figures: cards, bars + table, trend + table
        self.cards = {m: QLabel() for m in Method}
        cards_row = QHBoxLayout()
        for m, card in self.cards.items():
            card.setTextFormat(Qt.TextFormat.RichText)
            card.setWordWrap(True)
            card.setFrameShape(QLabel.Shape.Box)
            card.setMargin(8)
            card.setAccessibleName(METHOD_LABELS_DA[m])
            cards_row.addWidget(card, 1)
        self.bars = BarChart()
        self.steps_model = ReportTableModel()
        self.trend = TrendChart()
        self.trend_model = ReportTableModel()
        figures = QWidget()
        grid = QGridLayout(figures)
        grid.addLayout(cards_row, 0, 0, 1, 2)
        grid.addWidget(self.bars, 1, 0)
        grid.addWidget(_table_view(self.steps_model, self.tr("Tabel: borgere pr. trin")), 1, 1)
        grid.addWidget(self.trend, 2, 0)
        grid.addWidget(_table_view(self.trend_model, self.tr("Tabel: andel pr. måned")), 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(1, 1)
        grid.setRowStretch(2, 1)
        self.tabs.addTab(figures, self.tr("&Nøgletal"))

        self.flow_model = ReportTableModel()
        self.movement_model = ReportTableModel()
        flows = QWidget()
        fl = QVBoxLayout(flows)
        self.flow_title = QLabel()
        fl.addWidget(self.flow_title)
        fl.addWidget(_table_view(self.flow_model, self.tr("Strømme mellem trin")), 3)
        fl.addWidget(_table_view(self.movement_model, self.tr("Bevægelse")), 1)
        fl.addWidget(hint_label(self.tr(
            "Rækker: trinnet ved periodens start. Kolonner: trinnet ved periodens slut. "
            "Trappen, som den var på hver dato."
        )))  # fmt: skip
        self.tabs.addTab(flows, self.tr("S&trømme"))

        follow = QWidget()
        fo = QVBoxLayout(follow)
        self.follow_models: dict[FollowUp, ReportTableModel] = {}
        self.follow_boxes: dict[FollowUp, QGroupBox] = {}
        self.show_all_buttons: dict[FollowUp, QPushButton] = {}
        self.follow_views: dict[FollowUp, QTableView] = {}
        for kind in FollowUp:
            box = QGroupBox(FOLLOW_UP_LABELS_DA[kind])
            model = ReportTableModel()
            view = _table_view(model, FOLLOW_UP_LABELS_DA[kind])
            view.doubleClicked.connect(lambda index, k=kind: self._open_row(k, index.row()))
            view.activated.connect(lambda index, k=kind: self._open_row(k, index.row()))
            button = QPushButton(self.tr("Vis alle"))
            button.clicked.connect(lambda _c=False, k=kind: self.show_all(k))
            lay = QVBoxLayout(box)
            lay.addWidget(view)
            lay.addWidget(button, 0, Qt.AlignmentFlag.AlignRight)
            self.follow_models[kind], self.follow_boxes[kind] = model, box
            self.show_all_buttons[kind], self.follow_views[kind] = button, view
            fo.addWidget(box)
        fo.addWidget(hint_label(self.tr("Dobbeltklik (eller Enter) på en række åbner borgeren.")))
        self.tabs.addTab(follow, self.tr("&Opfølgning"))

        activities = QWidget()
        ac = QVBoxLayout(activities)
        self.activity_model = ReportTableModel()
        ac.addWidget(_table_view(self.activity_model, self.tr("Aktiviteter og bevægelse op")))
        ac.addWidget(hint_label(self.tr(
            "Sammenhæng, ikke årsag: andelen af borgerne, der stod på et højere trin inden 3 "
            "og 6 måneder efter det første møde i perioden med aktiviteten. Borgere, der var "
            "klar, har måske oftere fået aktiviteten."
        )))  # fmt: skip
        self.tabs.addTab(activities, self.tr("&Aktiviteter"))
        self.tabs.currentChanged.connect(self._tab_changed)

        goals = QWidget()
        go = QVBoxLayout(goals)
        self.targets_model = ReportTableModel()
        self.snapshots_model = ReportTableModel()
        go.addWidget(QLabel(self.tr("Resultatmål pr. målgruppe")))
        go.addWidget(_table_view(self.targets_model, self.tr("Resultatmål")))
        go.addWidget(QLabel(self.tr("Gemte målinger")))
        self.snapshots_view = _table_view(self.snapshots_model, self.tr("Gemte målinger"))
        go.addWidget(self.snapshots_view)
        buttons = QHBoxLayout()
        for text, handler in (
            (self.tr("&Gem måling …"), self.save_snapshot),
            (self.tr("&Genberegn måling …"), self.recheck_snapshot),
            (self.tr("Sæt &mål …"), self.set_target),
        ):
            b = QPushButton(text)
            b.clicked.connect(handler)
            buttons.addWidget(b)
        buttons.addStretch(1)
        go.addLayout(buttons)
        self.tabs.addTab(goals, self.tr("&Mål og målinger"))

        layout = QVBoxLayout(self)
        layout.addLayout(self.filters)
        layout.addWidget(self.tabs, 1)

    # -- computing -------------------------------------------------------------------------
    def scope(self) -> Scope:
        return Scope(
            self.group_picker.ids(), self.caseworker_picker.ids(), self.consultant_picker.ids()
        )

    def _dates(self) -> tuple[date, date, date] | None:
        try:
            end = self.end_edit.date() or self.today
            start = self.start_edit.date() or end - timedelta(days=365)
            baseline = self.baseline_edit.date() or start
        except TrappeError as exc:
            self.status.setText(exc.message)
            return None
        if start > end or baseline > end:
            self.status.setText(self.tr("Start og baseline skal ligge før slutdatoen."))
            return None
        return start, end, baseline

    def refresh(self) -> None:
        """Compute every figure for the filters, in a worker thread."""
        dates = self._dates()
        if dates is None:
            return
        self.cancel()
        start, end, baseline = dates
        kwargs = dict(start=start, end=end, baseline=baseline, scope=self.scope(),
                      weeks=self.weeks_spin.value(), with_activities=False,
                      with_follow_ups=False, parallel=True)  # fmt: skip
        self.worker = ReportWorker(self.store, kwargs, self)
        self.worker.progressed.connect(self._progressed)
        self.worker.finished.connect(self._computed)
        self.busy.show()
        self.progress.setValue(0)
        self.status.setText(self.tr("Beregner …"))
        self.worker.start()

    def cancel(self) -> None:
        for worker in (self.worker, self.follow_worker, self.activity_worker,
                       self.export_worker):  # fmt: skip
            if worker is not None and worker.isRunning():
                worker.cancel()
                worker.wait()

    def _progressed(self, pct: int, text: str) -> None:
        self.progress.setValue(pct)
        self.progress.setFormat(f"{text} %p%")

    def _computed(self) -> None:
        worker = self.sender() if isinstance(self.sender(), ReportWorker) else self.worker
        if worker is not self.worker:
            return
        self.busy.hide()
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
        self._fill_cards(report)
        self.bars.set_counts(report.step_counts, report.anonymous)
        self.steps_model.set_table(report.table("Trin"))
        self.trend.set_points(report.trend, report.snapshot_marks)
        self.trend_model.set_table(report.table("Udvikling"))
        self.flow_title.setText(report.table("Strømme").title)
        self.flow_model.set_table(report.table("Strømme"))
        self.movement_model.set_table(report.table("Bevægelse"))
        for kind in FollowUp:
            self.follow_boxes[kind].setTitle(FOLLOW_UP_LABELS_DA[kind] + " …")
            self.follow_models[kind].set_table(None)
        self.targets_model.set_table(_maybe(report, "Mål"))
        self.snapshots_model.set_table(_maybe(report, "Målinger"))
        self.activity_model.set_table(None)
        self._status_text = (
            self.tr("%1 · %2 – %3 · baseline %4")
            .replace("%1", report.scope_text)
            .replace("%2", f"{report.start:%d-%m-%Y}")
            .replace("%3", f"{report.end:%d-%m-%Y}")
            .replace("%4", f"{report.baseline:%d-%m-%Y}")
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
        if self.tabs.currentIndex() == 3:
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
            self._fill_follow(kind, total, rows)
        self.ready.emit()

    def _fill_cards(self, report: TeamReport) -> None:
        compare_id = self.compare_combo.currentData()
        snap = None
        if compare_id is not None:
            try:
                snap = snapshots.get_snapshot(self.store, compare_id)
            except TrappeError:
                snap = None
        rows = report.table("Nøgletal").rows
        for method, card in self.cards.items():
            mine = [r for r in rows if r[0] == METHOD_SHORT_DA[method]]
            base, now, change = mine[0][5], mine[1][5], mine[1][6]
            lines = [
                f"<b>{METHOD_SHORT_DA[method].capitalize()}</b>",
                f"<span style='font-size:22pt; font-weight:600'>{_pct(now)}</span>",
                self.tr("%1 siden baseline %2 (%3)")
                .replace("%1", _pp(change))
                .replace("%2", f"{report.baseline:%d-%m-%Y}")
                .replace("%3", _pct(base)),
            ]
            if snap is not None and snap.method is method and now is not None:
                lines.append(
                    self.tr("%1 siden «%2» (gemt: %3)")
                    .replace("%1", _pp(now - round(snap.percent, 1)))
                    .replace("%2", snap.name)
                    .replace("%3", _pct(round(snap.percent, 1)))
                )
            lines.append(f"<small>{METHOD_LABELS_DA[method]}</small>")
            card.setText("<br/>".join(lines))

    def _fill_follow(self, kind: FollowUp, total: int, rows: list) -> None:
        table = Table(
            kind.value,
            FOLLOW_UP_LABELS_DA[kind],
            [Column(self.tr("Id")), Column(self.tr("Navn")), Column(self.tr("Hvad")),
             Column(self.tr("Siden"), "date"), Column(self.tr("Dage"), "days")],
            [[r.citizen_id, r.name, r.detail, r.since, r.days] for r in rows],
        )  # fmt: skip
        self.follow_models[kind].set_table(table)
        self.follow_boxes[kind].setTitle(f"{FOLLOW_UP_LABELS_DA[kind]}: {total}")
        button = self.show_all_buttons[kind]
        button.setText(self.tr("Vis alle (%1)").replace("%1", str(total)))
        button.setEnabled(total > len(rows))
        self._rows = getattr(self, "_rows", {})
        self._rows[kind] = rows

    def show_all(self, kind: FollowUp) -> None:
        if self.report is None:
            return
        total, rows = followup.follow_up(
            self.store, kind, self.report.end, self.report.scope, weeks=self.report.weeks
        )
        self._fill_follow(kind, total, rows)

    def _open_row(self, kind: FollowUp, row: int) -> None:
        rows = getattr(self, "_rows", {}).get(kind, [])
        if 0 <= row < len(rows):
            self.open_citizen.emit(rows[row].citizen_id)

    def _tab_changed(self, index: int) -> None:
        if index == 3 and self.report is not None and self.activity_model.rowCount() == 0:
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
        from trappe.model.report import ACTIVITY_COLUMNS, activity_row

        an = self.report.anonymous
        self.activity_model.set_table(
            Table(
                "Aktiviteter", "", ACTIVITY_COLUMNS, [activity_row(a, an) for a in w.associations]
            )
        )
        self.status.setText(self._status_text)

    # -- snapshots, targets, reports --------------------------------------------------------
    def save_snapshot(self) -> None:
        dates = self._dates()
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
            snapshots.take_snapshot(self.store, name, end, self.scope(), method, baseline)
        except TrappeError as exc:
            QMessageBox.warning(self, self.tr("Gem måling"), exc.message)
            return
        self._fill_compare()
        self.refresh()

    def recheck_snapshot(self) -> None:
        items = snapshots.list_snapshots(self.store)
        if not items:
            QMessageBox.information(self, self.tr("Genberegn"), self.tr("Ingen gemte målinger."))
            return
        labels = [f"{s.name} ({s.measured_on:%d-%m-%Y})" for s in items]
        choice, ok = QInputDialog.getItem(self, self.tr("Genberegn måling"), self.tr("Måling:"),
                                          labels, 0, False)  # fmt: skip
        if not ok:
            return
        check = snapshots.recheck_snapshot(self.store, items[labels.index(choice)].id)
        s = check.snapshot
        text = self.tr("Gemt: %1 af %2 (%3). Genberegnet nu: %4 af %5 (%6).").replace(
            "%1", str(s.counted)).replace("%2", str(s.active)).replace("%3", _pct(s.percent)
        ).replace("%4", str(check.counted_now)).replace("%5", str(check.active_now)).replace(
            "%6", _pct(check.percent_now))  # fmt: skip
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
        dates = self._dates()
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
        kwargs = dict(start=start, end=end, baseline=baseline, scope=self.scope(),
                      named_list=named, weeks=self.weeks_spin.value())  # fmt: skip
        self.cancel()
        self.export_worker = ReportWorker(self.store, kwargs, self)
        self.export_worker.progressed.connect(self._progressed)
        self.export_worker.finished.connect(lambda: self._export_computed(Path(path)))
        self.busy.show()
        self.progress.setValue(0)
        self.status.setText(self.tr("Laver rapporten …"))
        self.export_worker.start()

    def _export_computed(self, path: Path) -> None:
        w = self.export_worker
        self.busy.hide()
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


class TargetDialog(QDialog):
    """A result target: "+10 procentpoint by 31-12-2027" for a target group (or all)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Resultatmål"))
        self.group = QComboBox()
        self.group.addItem(self.tr("Alle borgere"), None)
        for g in staircase_model.list_target_groups(store):
            self.group.addItem(g.name, g.id)
        self.change = QDoubleSpinBox()
        self.change.setRange(-100, 100)
        self.change.setDecimals(1)
        self.change.setValue(10)
        self.change.setSuffix(self.tr(" procentpoint"))
        self.baseline = DateEdit(date.today() - timedelta(days=365), field="baseline")
        self.due = DateEdit(date(date.today().year + 1, 12, 31), field="due_on")
        self.method = QComboBox()
        for m in Method:
            self.method.addItem(METHOD_LABELS_DA[m], m.value)
        self.error = QLabel()
        form = QFormLayout(self)
        form.addRow(self.tr("&Målgruppe:"), self.group)
        form.addRow(self.tr("Æ&ndring:"), self.change)
        form.addRow(self.tr("&Baseline:"), self.baseline)
        form.addRow(self.tr("&Frist:"), self.due)
        form.addRow(self.tr("Me&tode:"), self.method)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        try:
            snapshots.set_target(
                self.store, self.group.currentData(), self.baseline.date() or date.today(),
                self.change.value(), self.due.date() or date.today(),
                Method(self.method.currentData()),
            )  # fmt: skip
        except TrappeError as exc:
            self.error.setText(exc.message)
            return
        super().accept()


def _maybe(report: TeamReport, key: str) -> Table | None:
    return next((t for t in report.tables if t.key == key), None)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} %".replace(".", ",")


def _pp(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f} pp".replace(".", ",")


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
