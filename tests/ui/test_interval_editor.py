"""Settings → Samtaler: the municipality's intervals per target group."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from trappe.model import intervals, staircase
from trappe.model.intervals import MeetingInterval
from trappe.ui.interval_editor import IntervalEditor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _set(qtbot, spin, value: int) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def test_set_the_default_and_a_groups_own_interval(qtbot, store):
    editor = IntervalEditor(store)
    qtbot.addWidget(editor)
    editor.show()
    default = editor.row_for(None)
    assert (default.weeks.value(), default.first_months.value(), default.first_weeks.value()) == (
        6,
        3,
        4,
    )
    _set(qtbot, default.weeks, 8)
    assert intervals.interval_for(store, None) == MeetingInterval(None, 8, 3, 4)

    group = staircase.list_target_groups(store)[0]
    row = editor.row_for(group.id)
    assert not row.weeks.isEnabled() and row.weeks.value() == 8  # follows the default
    row.own.setChecked(True)
    assert row.weeks.isEnabled()
    _set(qtbot, row.first_months, 0)
    assert not row.first_weeks.isEnabled()
    _set(qtbot, row.weeks, 5)
    assert intervals.interval_for(store, group.id) == MeetingInterval(group.id, 5, 0, None)
    row.own.setChecked(False)
    assert intervals.interval_for(store, group.id).target_group_id is None
    assert row.weeks.value() == 8


def test_every_spin_box_has_a_name(qtbot, store):
    editor = IntervalEditor(store)
    qtbot.addWidget(editor)
    for row in editor.rows:
        for spin in row.widgets():
            assert row.name in spin.accessibleName()
