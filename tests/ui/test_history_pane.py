"""The history pane's lists: meetings newest first, open agreements newest meeting first with
the overdue ones marked in words, a tick box that asks for the change, a long tail of open
agreements behind a button."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import Agreement, CitizenInput, MeetingInput, Responsible
from trappe.ui.history_pane import AGREEMENTS_AT_ONCE, HistoryPane

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

TODAY = date(2026, 6, 15)


@pytest.fixture
def pane(qtbot):
    p = HistoryPane(today=lambda: TODAY)
    qtbot.addWidget(p)
    p.resize(1000, 320)
    p.show()
    qtbot.waitExposed(p)
    return p


def test_meetings_and_agreements(pane, store, citizen_with_history):
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    pane.set_content(staircase.load_staircase(store), record)
    assert [pane.meetings.topLevelItem(i).text(0) for i in range(3)] == [
        "04-05-2026",
        "16-03-2026",
        "02-02-2026",
    ]
    assert pane.meetings.topLevelItem(0).text(1) == "● 2  ▲ 3"
    tip = pane.meetings.model().data(pane.meetings.model().index(0, 1), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Fagpersoner: 2. Motivation og ønsker\nBorgeren: 3. Første virksomhedskontakt"
    texts = [pane.agreements.item(i).text() for i in range(pane.agreements.count())]
    assert [t.split("\n")[0] for t in texts] == [
        "Besøge Føtex og aftale opstart",
        "Møde op tirsdag og torsdag",
        "Gå til læge om ryggen",
    ]
    assert all(t.endswith("overskredet") for t in texts)  # all past their date on TODAY
    assert (
        pane.agreements.model().data(
            pane.agreements.model().index(0, 0), Qt.ItemDataRole.ForegroundRole
        )
        is not None
    )
    assert pane.agreements_heading.text() == "Åbne aftaler (3)"
    assert not pane.more_agreements.isVisible()
    # Ticking asks for the change; the list changes when the record is read again.
    asked = []
    pane.agreement_done_toggled.connect(lambda a, done: asked.append((a.what, done)))
    pane.agreement_item("Gå til læge").setCheckState(Qt.CheckState.Checked)
    assert asked == [("Gå til læge om ryggen", True)]


def test_a_long_tail_of_open_agreements_waits_behind_a_button(qtbot, pane, store):
    steps = staircase.load_staircase(store).steps
    c = citizens.create_citizen(store, CitizenInput(name="Bo", start_date=date(2024, 1, 1)))
    for i in range(60):
        held = date(2024, 1, 2) + timedelta(days=10 * i)
        meetings.record_meeting(
            store,
            c.id,
            MeetingInput(
                held,
                steps[0].id,
                agreements=[Agreement(f"Aftale {i + 1}", Responsible.CITIZEN, held)],
            ),
        )
    pane.set_content(
        staircase.load_staircase(store), citizens.get_citizen_record(store, c.id, log_read=False)
    )
    assert pane.agreements.count() == AGREEMENTS_AT_ONCE
    assert pane.agreements.item(0).text().startswith("Aftale 60")  # newest first
    assert pane.agreements_heading.text() == "Åbne aftaler (60)"
    assert pane.more_agreements.isVisible()
    assert pane.more_agreements.text() == "Vis 20 ældre åbne aftaler"
    qtbot.mouseClick(pane.more_agreements, Qt.MouseButton.LeftButton)
    assert pane.agreements.count() == 60 and not pane.more_agreements.isVisible()
    assert pane.agreements.item(59).text().startswith("Aftale 1\n")


def test_a_hidden_meetings_list_selects_the_newest_when_shown(
    qtbot, pane, store, citizen_with_history
):
    """Narrow, the chart's tab is in front: the meetings are listed and their notes shown, but
    the list is laid out and its newest meeting selected only when its tab is brought up."""
    pane.resize(700, 320)
    qtbot.waitUntil(pane.is_narrow)
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    pane.set_content(staircase.load_staircase(store), record)
    assert not pane.meetings.isVisible()
    assert not pane.meetings.currentIndex().isValid()  # not laid out nor selected yet
    newest = record.meetings[-1]
    assert pane.selected_meeting() == newest
    assert newest.held_on.strftime("%d-%m-%Y") in pane.notes.toPlainText()
    assert pane.meetings.topLevelItemCount() == 3
    pane.tabs.setCurrentWidget(pane.meetings_column)
    assert pane.meetings.isVisible()
    assert pane.meetings.currentIndex().row() == 0
    assert pane.selected_meeting() == newest
    # Chosen in the list, that meeting counts (and the notes follow).
    pane.meetings.setCurrentItem(pane.meetings.topLevelItem(2))
    assert pane.selected_meeting() == record.meetings[0]
    assert record.meetings[0].held_on.strftime("%d-%m-%Y") in pane.notes.toPlainText()


def test_hidden_notes_are_written_only_when_shown_and_as_shown_at_once(
    qtbot, pane, store, citizen_with_history, monkeypatch
):
    """Narrow, the notes behind the chart's tab are not even written while a citizen opens;
    shown, they are what a wide pane (notes in view) shows at once, for each meeting chosen,
    and only the last meeting chosen while hidden is written. (Fails on a pane that writes
    them at once.)"""
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    steps = staircase.load_staircase(store)
    pane.set_content(steps, record)
    assert pane.notes.isVisible()
    at_once = {}
    for row in range(3):
        pane.meetings.setCurrentItem(pane.meetings.topLevelItem(row))
        at_once[row] = pane.notes.toHtml()
    written = []
    make = HistoryPane._meeting_html
    monkeypatch.setattr(
        HistoryPane, "_meeting_html", lambda p, m: (written.append(m), make(p, m))[1]
    )
    pane.resize(700, 320)
    qtbot.waitUntil(pane.is_narrow)
    pane.set_content(None, None)
    pane.set_content(steps, record)
    assert not pane.notes.isVisible() and written == []
    pane.tabs.setCurrentWidget(pane.meetings_column)
    assert pane.notes.toHtml() == at_once[0] and written == [record.meetings[-1]]
    pane.tabs.setCurrentWidget(pane.chart_column)
    pane.meetings.setCurrentItem(pane.meetings.topLevelItem(1))
    pane.meetings.setCurrentItem(pane.meetings.topLevelItem(2))
    assert len(written) == 1
    assert pane.notes.toHtml() == at_once[2] and written[1:] == [record.meetings[0]]
