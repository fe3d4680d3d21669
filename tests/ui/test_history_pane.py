"""The history pane: chart and meetings as columns when wide, as tabs on a narrow laptop."""

from __future__ import annotations

from datetime import date

import pytest

from trappe.model import citizens, staircase
from trappe.ui.history_pane import NARROW_WIDTH, HistoryPane

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_narrow_pane_puts_chart_and_meetings_in_tabs_and_back(qtbot, store, citizen_with_history):
    pane = HistoryPane(today=lambda: date(2026, 11, 23))
    qtbot.addWidget(pane)
    record = citizens.get_citizen_record(store, citizen_with_history)
    pane.set_content(staircase.load_staircase(store), record)
    pane.resize(NARROW_WIDTH + 400, 320)
    pane.show()
    qtbot.waitExposed(pane)

    for width, narrow in ((NARROW_WIDTH - 200, True), (NARROW_WIDTH + 300, False)) * 2:
        pane.resize(width, 320)
        qtbot.waitUntil(lambda n=narrow: pane.is_narrow() == n)
        if narrow:
            assert pane.tabs.isVisible() and pane.tabs.count() == 2
            assert pane.tabs.tabText(1) == "Møder (3)"
            assert pane.chart.isVisible() and not pane.meetings.isVisible()
            pane.tabs.setCurrentIndex(1)
            assert pane.meetings.isVisible()
            pane.tabs.setCurrentIndex(0)
        else:
            assert not pane.tabs.isVisible() and pane.tabs.count() == 0
            assert pane.splitter.count() >= 3
            assert pane.chart.isVisible() and pane.meetings.isVisible()
        # The content survives the move, and the widgets are whole in either arrangement.
        assert pane.meetings.topLevelItemCount() == 3
        assert pane.chart.width() > 200 and pane.meetings.width() > 200
