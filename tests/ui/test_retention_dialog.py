"""Borger → Sletning efter frist…: the list, one confirmed step, a backup first."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from trappe.model import audit, citizens
from trappe.model.entities import CitizenInput, CloseReason
from trappe.ui.retention_dialog import COL_CLOSED, COL_NAME, COL_REASON, RetentionDialog

TODAY = date(2031, 3, 2)


@pytest.fixture
def due_store(store):
    ids = []
    for name, closed_on, reason in (
        ("Anders And", date(2020, 6, 1), CloseReason.EDUCATION),
        ("Bente Bo", date(2026, 3, 1), CloseReason.JOB),
        ("Carl Clausen", date(2029, 1, 1), CloseReason.JOB),
    ):
        c = citizens.create_citizen(store, CitizenInput(name=name, start_date=date(2015, 1, 1)))
        citizens.close_citizen(store, c.id, reason, closed_on)
        ids.append(c.id)
    store.ids = ids
    return store


def make(qtbot, store, backups):
    dialog = RetentionDialog(
        store, today=lambda: TODAY, backup=lambda s: backups.append(s) or "/backups/x.sqlite"
    )
    qtbot.addWidget(dialog)
    return dialog


def test_lists_those_past_the_period_with_closing_date_and_reason(qtbot, due_store):
    dialog = make(qtbot, due_store, [])
    t = dialog.table
    assert t.rowCount() == 2
    assert [t.item(i, COL_NAME).text() for i in range(2)] == ["Anders And", "Bente Bo"]
    assert t.item(0, COL_CLOSED).text() == "01-06-2020"
    assert t.item(0, COL_REASON).text() == "Uddannelse"
    assert "5 år" in dialog.summary.text() and "2 borgere" in dialog.summary.text()
    assert dialog.selected_ids() == due_store.ids[:2]
    assert dialog.erase_button.text() == "&Slet 2 borgere …"
    assert "13 måneder" in dialog.backup_note.text()


def test_erases_the_selected_in_one_confirmed_step(qtbot, due_store, no_message_boxes):
    backups = []
    dialog = make(qtbot, due_store, backups)
    dialog.table.item(1, COL_NAME).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.erase_button.text() == "&Slet 1 borger …"
    result = dialog.erase_selected()
    kinds = [k for k, _ in no_message_boxes]
    assert kinds == ["question", "information"]
    assert "Slet 1 borger" in no_message_boxes[0][1]
    assert backups == [due_store]
    assert result.erased == [due_store.ids[0]] == dialog.erased
    assert "Sikkerhedskopi: /backups/x.sqlite" in no_message_boxes[1][1]
    left = [r[0] for r in due_store.query("SELECT name FROM citizens ORDER BY name")]
    assert left == ["Bente Bo", "Carl Clausen"]
    assert dialog.table.rowCount() == 1  # the list is read again
    assert audit.verify_chain(due_store).ok


def test_no_means_nothing_is_erased(qtbot, due_store, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    backups = []
    dialog = make(qtbot, due_store, backups)
    assert dialog.erase_selected() is None
    assert backups == [] and due_store.scalar("SELECT count(*) FROM citizens") == 3


def test_select_none_and_all(qtbot, due_store):
    dialog = make(qtbot, due_store, [])
    dialog.none_button.click()
    assert dialog.selected_ids() == []
    dialog.all_button.click()
    assert len(dialog.selected_ids()) == 2


def test_a_failed_backup_erases_nobody(qtbot, due_store, no_message_boxes):
    from trappe.model.errors import StoreError

    def failing(_store):
        raise StoreError("Disken er fuld.")

    dialog = RetentionDialog(due_store, today=lambda: TODAY, backup=failing)
    qtbot.addWidget(dialog)
    assert dialog.erase_selected() is None
    assert no_message_boxes[-1] == ("warning", "Disken er fuld.")
    assert due_store.scalar("SELECT count(*) FROM citizens") == 3
