"""The overview's tabs: the headline cards, the charts each with its table beside it (the text
alternative for screen readers), the flows, the follow-up lists, the activities, and the targets
and stored measurements. It shows what the window computed; it computes nothing itself.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trappe.model.followup import FOLLOW_UP_LABELS_DA, FollowUp
from trappe.model.formatting import format_date
from trappe.model.measures import METHOD_LABELS_DA, METHOD_SHORT_DA, Method
from trappe.model.report import Column, Table, TeamReport
from trappe.model.snapshots import Snapshot
from trappe.ui.overview_charts import BarChart, ReportTableModel, TrendChart
from trappe.ui.widgets import hint_label

ACTIVITIES_TAB = 3  # computed only when first shown


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


class OverviewTabs(QTabWidget):
    """Key figures, flows, follow-up, activities, and targets and measurements."""

    open_citizen = Signal(int)
    show_all_requested = Signal(object)  # a FollowUp: its whole list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: dict[FollowUp, list[Any]] = {}
        self.anonymous = False
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
        self.addTab(figures, self.tr("&Nøgletal"))

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
        self.addTab(flows, self.tr("S&trømme"))

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
            button.clicked.connect(lambda _c=False, k=kind: self.show_all_requested.emit(k))
            lay = QVBoxLayout(box)
            lay.addWidget(view)
            lay.addWidget(button, 0, Qt.AlignmentFlag.AlignRight)
            self.follow_models[kind], self.follow_boxes[kind] = model, box
            self.show_all_buttons[kind], self.follow_views[kind] = button, view
            fo.addWidget(box)
        fo.addWidget(hint_label(self.tr("Dobbeltklik (eller Enter) på en række åbner borgeren.")))
        self.addTab(follow, self.tr("&Opfølgning"))

        activities = QWidget()
        ac = QVBoxLayout(activities)
        self.activity_model = ReportTableModel()
        ac.addWidget(_table_view(self.activity_model, self.tr("Aktiviteter og bevægelse op")))
        ac.addWidget(hint_label(self.tr(
            "Sammenhæng, ikke årsag: andelen af borgerne, der stod på et højere trin inden 3 "
            "og 6 måneder efter det første møde i perioden med aktiviteten. Borgere, der var "
            "klar, har måske oftere fået aktiviteten."
        )))  # fmt: skip
        self.addTab(activities, self.tr("&Aktiviteter"))

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
        self.save_snapshot_button = QPushButton(self.tr("&Gem måling …"))
        self.recheck_button = QPushButton(self.tr("&Genberegn måling …"))
        self.target_button = QPushButton(self.tr("Sæt &mål …"))
        for b in (self.save_snapshot_button, self.recheck_button, self.target_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        go.addLayout(buttons)
        self.addTab(goals, self.tr("&Mål og målinger"))

    def show_report(self, report: TeamReport, compared: Snapshot | None) -> None:
        """Fill the cards and tables from a report; the follow-up lists and the activities
        come later (``fill_follow``, ``show_activities``)."""
        self.anonymous = report.anonymous
        self.fill_cards(report, compared)
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

    def fill_cards(self, report: TeamReport, snap: Snapshot | None) -> None:
        rows = report.table("Nøgletal").rows
        for method, card in self.cards.items():
            mine = [r for r in rows if r[0] == METHOD_SHORT_DA[method]]
            base, now, change = mine[0][5], mine[1][5], mine[1][6]
            lines = [
                f"<b>{METHOD_SHORT_DA[method].capitalize()}</b>",
                f"<span style='font-size:22pt; font-weight:600'>{format_percent(now)}</span>",
                self.tr("%1 siden baseline %2 (%3)")
                .replace("%1", _pp(change))
                .replace("%2", format_date(report.baseline))
                .replace("%3", format_percent(base)),
            ]
            if snap is not None and snap.method is method and now is not None:
                lines.append(
                    self.tr("%1 siden «%2» (gemt: %3)")
                    .replace("%1", _pp(now - round(snap.percent, 1)))
                    .replace("%2", snap.name)
                    .replace("%3", format_percent(round(snap.percent, 1)))
                )
            lines.append(f"<small>{METHOD_LABELS_DA[method]}</small>")
            card.setText("<br/>".join(lines))

    def fill_follow(self, kind: FollowUp, total: int, rows: list) -> None:
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
        self._rows[kind] = rows

    def _open_row(self, kind: FollowUp, row: int) -> None:
        rows = self._rows.get(kind, [])
        if 0 <= row < len(rows):
            self.open_citizen.emit(rows[row].citizen_id)

    def wants_activities(self) -> bool:
        """The activities tab is shown and not yet filled."""
        return self.currentIndex() == ACTIVITIES_TAB and self.activity_model.rowCount() == 0

    def show_activities(self, associations: list) -> None:
        from trappe.model.report import ACTIVITY_COLUMNS, activity_row

        an = self.anonymous
        self.activity_model.set_table(
            Table("Aktiviteter", "", ACTIVITY_COLUMNS, [activity_row(a, an) for a in associations])
        )


def _maybe(report: TeamReport, key: str) -> Table | None:
    return next((t for t in report.tables if t.key == key), None)


def format_percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} %".replace(".", ",")


def _pp(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f} pp".replace(".", ",")
