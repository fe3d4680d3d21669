"""The window's actions are set when what they should show changes, and only then: opening
one citizen after another (the most common thing a caseworker does) sets none of them again."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QAction

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import CitizenInput, MeetingInput
from trappe.ui.actions import ActionId

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_opening_alike_citizens_sets_no_action_and_a_change_still_shows(
    window, store, citizen_with_history, monkeypatch
):
    steps = staircase.load_staircase(store).steps
    other = citizens.create_citizen(
        store, CitizenInput(name="Bo Berg", start_date=date(2026, 1, 5))
    )
    for held_on in (date(2026, 2, 2), date(2026, 3, 2)):
        meetings.record_meeting(
            store, other.id, MeetingInput(held_on=held_on, professional_step_id=steps[1].id)
        )
    calls: list[bool] = []
    set_enabled = QAction.setEnabled

    def counting(action: QAction, on: bool) -> None:
        calls.append(on)
        set_enabled(action, on)

    monkeypatch.setattr(QAction, "setEnabled", counting)
    act = window.actions_by_id
    window.show_citizen(citizen_with_history)
    assert calls, "a citizen after nobody: the citizen's actions are enabled"
    assert act[ActionId.EDIT_CITIZEN].isEnabled() and act[ActionId.COMPARE_MEETINGS].isEnabled()
    calls.clear()
    window.show_citizen(other.id)  # another active citizen with two meetings: nothing changes
    assert calls == []
    assert act[ActionId.EDIT_CITIZEN].isEnabled() and act[ActionId.RECORD_MEETING].isEnabled()
    window.show_citizen(None)
    assert not act[ActionId.EDIT_CITIZEN].isEnabled()
    assert not act[ActionId.DIALOGUE_MODE].isEnabled()
    window.show_citizen(citizen_with_history)
    assert act[ActionId.EDIT_CITIZEN].isEnabled() and act[ActionId.DIALOGUE_MODE].isEnabled()
