"""Backups in the GUI: automatic, Filer → Gendan fra sikkerhedskopi…, and the damaged file."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from trappe.model import backup, citizens
from trappe.model.entities import CitizenInput
from trappe.ui import backup_ui

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM citizens").fetchone()[0]
    finally:
        conn.close()


def _damage(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'steps'").fetchone()[0]
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page : root * page] = b"\xa5" * page
    path.write_bytes(bytes(data))


def test_restore_dialog_lists_date_size_and_citizens(qtbot, store):
    citizens.create_citizen(store, CitizenInput(name="Åse"))
    backup.make_backup(store, "manuel", now=lambda: datetime(2026, 11, 20, 9, 15))
    citizens.create_citizen(store, CitizenInput(name="Bo"))
    backup.make_backup(store, "auto", now=lambda: datetime(2026, 11, 22, 14, 5))
    dialog = backup_ui.RestoreDialog(store.path, None)
    qtbot.addWidget(dialog)
    rows = [
        [dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())
    ]
    assert rows[0][0] == "22-11-2026 14:05" and rows[0][1] == "automatisk" and rows[0][3] == "2"
    assert rows[1][0] == "20-11-2026 09:15" and rows[1][3] == "1"
    assert rows[0][2].endswith(" MB")
    assert dialog.chosen is not None and dialog.chosen.taken_at.day == 22


def test_window_restores_and_keeps_the_current_file(qtbot, window, store):
    citizens.create_citizen(store, CitizenInput(name="Åse"))
    old = backup.make_backup(store)
    citizens.create_citizen(store, CitizenInput(name="Bo"))
    store.close()  # the test's own connection; the window's is the one that must let go
    assert window.backups.restore(window.store.path, None, old.path, damaged=False)
    assert window.store is not None
    assert citizens.count_citizens(window.store, citizens.CitizenQuery()) == 1
    kept = [b for b in backup.list_backups(window.store.path) if b.reason == "foer-gendannelse"]
    assert len(kept) == 1 and _count(kept[0].path) == 2


def test_damaged_database_offers_the_newest_good_backup(qtbot, prefs, tmp_path, monkeypatch):
    from trappe.model.entities import Actor
    from trappe.model.store import open_store
    from trappe.ui.main_window import MainWindow

    db = tmp_path / "trappe.sqlite"
    with open_store(db, Actor("Test")) as s:
        citizens.create_citizen(s, CitizenInput(name="Åse"))
        backup.make_backup(s)
    _damage(db)
    damaged_bytes = db.read_bytes()
    shown = []

    def answer(box):
        shown.append(box.text())
        return next(b for b in box.buttons() if b.text() == "Gendan sikkerhedskopien")

    monkeypatch.setattr(backup_ui, "run_box", answer)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    window = MainWindow(prefs)
    qtbot.addWidget(window)
    assert window.open_database(db, first_start=False)
    assert "beskadiget" in shown[0] and "1 borgere" in shown[0]
    assert citizens.count_citizens(window.store, citizens.CitizenQuery()) == 1
    kept = list(tmp_path.glob("trappe.sqlite.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged_bytes
    window.close()


def test_damaged_database_restores_only_on_the_users_word(qtbot, prefs, tmp_path, monkeypatch):
    from trappe.model.entities import Actor
    from trappe.model.store import open_store
    from trappe.ui.main_window import MainWindow

    db = tmp_path / "trappe.sqlite"
    with open_store(db, Actor("Test")) as s:
        backup.make_backup(s)
    _damage(db)
    before = db.read_bytes()
    monkeypatch.setattr(backup_ui, "run_box", lambda box: None)  # "Ikke nu"
    window = MainWindow(prefs)
    qtbot.addWidget(window)
    assert not window.open_database(db, first_start=False)
    assert db.read_bytes() == before and not list(tmp_path.glob("*.damaged-*"))


def test_automatic_backup_on_start(qtbot, window):
    window.enable_auto_backup()
    qtbot.waitUntil(lambda: bool(backup.list_backups(window.store.path)), timeout=10_000)
    window.backups.wait()
    assert backup.list_backups(window.store.path)[0].reason == "auto"
