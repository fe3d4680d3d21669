"""Vis → Adgangslog: filters, paging, CSV export, the chain check, and who may open it."""

from __future__ import annotations

import csv
import sqlite3
from datetime import date

import pytest
from PySide6.QtCore import Qt

from trappe.model import audit, citizens
from trappe.model.audit import AuditFilter
from trappe.model.entities import Actor, CitizenInput, Role
from trappe.ui.access_log import (
    COL_ACTION,
    COL_CITIZEN,
    COL_USER,
    AccessLogDialog,
    AccessLogModel,
    open_access_log,
)


@pytest.fixture
def log_store(store):
    """A team leader's store, with a citizen and some entries by two users."""
    store.actor = Actor("Mette Sørensen", Role.CASEWORKER, os_user="msn")
    c = citizens.create_citizen(store, CitizenInput(name="Åse Ærø", start_date=date(2026, 1, 1)))
    for _ in range(3):
        citizens.get_citizen_record(store, c.id)
    store.actor = Actor("Jens Østergaard", Role.COMPANY_CONSULTANT, os_user="jos")
    citizens.get_citizen_record(store, c.id)
    audit.log_event(store, "print", "citizen", c.id, {"sheet": "dialogark"})
    store.actor = Actor("Tove Teamleder", Role.TEAM_LEADER, os_user="tt")
    store.citizen_id = c.id
    return store


def test_model_passes_qt_checks_and_shows_readable_rows(qtmodeltester, log_store):
    model = AccessLogModel(log_store)
    qtmodeltester.check(model)
    row = next(
        r for r in range(model.rowCount()) if model.index(r, COL_ACTION).data() == "Udskrevet"
    )
    assert model.index(row, COL_USER).data() == "Jens Østergaard (jos)"
    assert model.index(row, COL_CITIZEN).data() == f"Åse Ærø (#{log_store.citizen_id})"
    assert "Login: jos" in model.index(row, COL_USER).data(Qt.ItemDataRole.ToolTipRole)


def test_paging_continues_from_the_previous_page(log_store, monkeypatch):
    for i in range(40):
        audit.log_event(log_store, "read", "citizen", i)
    calls = []
    real = audit.query_entries

    def spy(store, f, **kw):
        calls.append(kw)
        return real(store, f, **kw)

    monkeypatch.setattr(audit, "query_entries", spy)
    model = AccessLogModel(log_store, page_size=10)
    total = log_store.scalar("SELECT count(*) FROM audit_log")
    assert model.rowCount() == total
    ids = [model.entry(r).id for r in range(model.rowCount())]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == total
    assert all("before_id" in kw for kw in calls[1:]), "keyset paging after the first page"


def test_filters_and_viewing_is_logged(qtbot, log_store, no_message_boxes):
    cid = log_store.citizen_id
    dialog = AccessLogDialog(log_store, citizen_id=cid, ask_path=lambda *_: None)
    qtbot.addWidget(dialog)
    assert dialog.citizen_name.text() == "Åse Ærø"
    assert dialog.model.filter.citizen_id == cid
    n_citizen = dialog.model.rowCount()
    assert n_citizen == 6  # create, 4 reads, print
    dialog.user_combo.setCurrentIndex(dialog.user_combo.findData("Jens Østergaard"))
    assert dialog.model.rowCount() == 2
    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData("print"))
    assert dialog.model.rowCount() == 1
    assert dialog.count_label.text() == "1 post"
    dialog.reset_filters()
    assert dialog.model.filter == AuditFilter()
    dialog.since_edit.set_date(date(2000, 1, 1))
    dialog.until_edit.set_date(date(2000, 12, 31))
    dialog.apply()
    assert dialog.model.rowCount() == 0 and not dialog.export_button.isEnabled()
    views = [
        e for e in audit.list_entries(log_store, object_type="audit_log") if e.action == "view"
    ]
    assert views[-1].details["filter"] == {"citizen_id": cid}
    assert views[0].details["filter"] == {"since": "2000-01-01", "until": "2000-12-31"}
    assert all(v.user_name == "Tove Teamleder" for v in views)


def test_a_bad_filter_is_explained_not_applied(qtbot, log_store):
    dialog = AccessLogDialog(log_store)
    qtbot.addWidget(dialog)
    dialog.citizen_edit.setText("Åse")
    assert not dialog.apply()
    assert "tal" in dialog.filter_error.text()
    dialog.citizen_edit.setText("")
    dialog.since_edit.set_date(date(2026, 5, 1))
    dialog.until_edit.set_date(date(2026, 4, 1))
    assert not dialog.apply()
    assert "før fra-datoen" in dialog.filter_error.text()


def test_csv_export_of_the_filtered_log(qtbot, tmp_path, log_store):
    target = tmp_path / "adgang"
    dialog = AccessLogDialog(
        log_store, citizen_id=log_store.citizen_id, ask_path=lambda *_: str(target)
    )
    qtbot.addWidget(dialog)
    path = dialog.export_csv()
    assert path == tmp_path / "adgang.csv"
    rows = list(csv.reader(path.open(encoding="utf-8-sig"), delimiter=";"))
    assert len(rows) == 1 + 6
    assert {r[5] for r in rows[1:]} == {"Oprettet", "Åbnet", "Udskrevet"}
    e = audit.list_entries(log_store, object_type="audit_log")[0]
    assert e.action == "export" and e.details["entries"] == 6
    assert "6 poster gemt" in dialog.verify_label.text()


def test_chain_check_ok_and_broken(qtbot, db_path, log_store, no_message_boxes):
    dialog = AccessLogDialog(log_store)
    qtbot.addWidget(dialog)
    assert dialog.verify().ok
    assert "i orden" in dialog.verify_label.text()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE audit_log SET user_name = 'X' WHERE id = 3")
    conn.commit()
    conn.close()
    report = dialog.verify()
    assert report.broken.id == 3
    assert dialog.verify_label.text().startswith("Kæden er brudt ved post #3")
    assert no_message_boxes[-1][0] == "warning" and "Kæden er brudt" in no_message_boxes[-1][1]
    checks = [e for e in audit.list_entries(log_store) if e.action == "verify"]
    assert [c.details["ok"] for c in checks] == [False, True]


def test_only_team_leaders_and_the_dpo_are_shown_the_log(qtbot, log_store, no_message_boxes):
    log_store.actor = Actor("Mette Sørensen", Role.CASEWORKER)
    open_access_log(None, log_store)
    assert no_message_boxes and "teamledere og databeskyttelsesrådgiveren" in no_message_boxes[0][1]
