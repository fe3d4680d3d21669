"""Vis → Overblik: computed off the GUI thread, the same figures as the report, lists that
open the citizen, tables beside the charts, views logged, and a cancel that works."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.modeltest import ModelTester

from trappe.model import audit, citizens, meetings, staircase
from trappe.model.entities import CitizenInput, MeetingInput
from trappe.model.followup import FollowUp
from trappe.model.report import build_report
from trappe.ui.actions import ActionId
from trappe.ui.overview import OverviewWindow, write_report_file

TODAY = date(2026, 6, 1)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def caseload(store):
    steps = [s.id for s in staircase.load_staircase(store).steps]
    ids = []
    for i in range(24):
        c = citizens.create_citizen(
            store, CitizenInput(name=f"Borger {i}", start_date=date(2025, 1, 1))
        )
        meetings.record_meeting(
            store,
            c.id,
            MeetingInput(date(2025, 2, 1), steps[i % 3], next_meeting_on=date(2025, 4, 1)),
        )
        if i % 2:
            meetings.record_meeting(
                store,
                c.id,
                MeetingInput(date(2026, 3, 1), steps[3 + i % 4], next_meeting_on=date(2026, 4, 1)),
            )
        ids.append(c.id)
    return ids


def _overview(qtbot, store):
    w = OverviewWindow(store, today=TODAY)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    with qtbot.waitSignal(w.ready, timeout=30000):
        w.refresh()
    return w


def test_overview_shows_the_report_figures(qtbot, store, caseload):
    w = _overview(qtbot, store)
    expected = build_report(store, date(2025, 6, 1), TODAY, date(2025, 6, 1), with_activities=False)
    assert w.report.table("Nøgletal").rows == expected.table("Nøgletal").rows
    assert w.tabs.steps_model.rowCount() == 8  # 7 steps + not placed
    assert w.tabs.flow_model.rowCount() == len(expected.table("Strømme").rows)
    assert "Tværsnit" in w.tabs.cards[next(iter(w.tabs.cards))].text()
    for model in (
        w.tabs.steps_model,
        w.tabs.trend_model,
        w.tabs.flow_model,
        w.tabs.follow_models[FollowUp.NO_MOVEMENT],
    ):
        ModelTester(None).check(model)
    entry = audit.list_entries(store, object_type="overview")[0]
    assert entry.action == "view"


def test_follow_up_list_caps_rows_and_opens_the_citizen(qtbot, store, caseload):
    w = _overview(qtbot, store)
    total, _rows = w.report.follow_ups[FollowUp.OVERDUE_MEETING]
    model = w.tabs.follow_models[FollowUp.OVERDUE_MEETING]
    assert total == 24 and model.rowCount() == 20
    button = w.tabs.show_all_buttons[FollowUp.OVERDUE_MEETING]
    assert button.isEnabled() and "24" in button.text()
    button.click()
    assert model.rowCount() == 24 and not button.isEnabled()
    opened = []
    w.open_citizen.connect(opened.append)
    view = w.tabs.follow_views[FollowUp.OVERDUE_MEETING]
    view.doubleClicked.emit(w.tabs.follow_models[FollowUp.OVERDUE_MEETING].index(0, 0))
    assert opened and opened[0] in caseload


def test_scope_filter_and_cancel(qtbot, store, caseload):
    w = _overview(qtbot, store)
    w.filters.group_picker.actions_[0].setChecked(True)  # a group nobody is in
    with qtbot.waitSignal(w.ready, timeout=30000):
        w.refresh()
    assert w.report.table("Nøgletal").rows[1][3] == 0
    w.refresh()
    w.cancel()
    assert not w.worker.isRunning()


def test_report_from_the_overview_runs_off_the_gui_thread_and_is_logged(
    qtbot, store, caseload, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    w = _overview(qtbot, store)
    out = tmp_path / "team.xlsx"
    from trappe.ui import file_dialogs

    monkeypatch.setattr(file_dialogs, "ask_save", lambda *a, **k: out)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Ingen bevægelse", True))
    w.export_report()
    qtbot.waitUntil(lambda: out.exists() and not w.export_worker.isRunning(), timeout=30000)
    qtbot.waitUntil(lambda: "gemt" in w.status.text(), timeout=10000)
    entry = audit.list_entries(store, object_type="report")[0]
    assert entry.details["named_list"] == "no_movement" and entry.details["format"] == "xlsx"
    assert write_report_file  # the same writer the export uses


@pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)
def test_menu_opens_the_overview(qtbot, window):
    action = window.actions_by_id[ActionId.OVERVIEW]
    assert action.isEnabled()
    action.trigger()
    overview = window._overview
    qtbot.waitUntil(lambda: overview.report is not None, timeout=30000)
    assert overview.isVisible()
    overview.close()
