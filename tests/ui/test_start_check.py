"""The start checks the small tables just after the first paint: a damaged file shows the list
for a moment at most, and is then refused in Danish, with its backup offered, before anything
(the start search's access-log entry first) is written to it."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.harness.damage import damage_table
from trappe.model import audit, backup, citizens, staircase
from trappe.model.entities import Actor, CitizenInput, Role
from trappe.model.store import open_store
from trappe.ui import app as app_module
from trappe.ui import backup_ui

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wal_size(path: Path) -> int:
    wal = Path(f"{path}-wal")
    return wal.stat().st_size if wal.exists() else 0


def searches(path: Path) -> int:
    with open_store(path, Actor("Test")) as s:
        return sum(1 for e in audit.list_entries(s) if e.action == "search")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "trappe.sqlite"
    with open_store(path, Actor("Test")) as s:
        for i in range(40):
            staircase.ensure_staff(s, f"Medarbejder {i}", Role.CASEWORKER)
        citizens.create_citizen(s, CitizenInput(name="Åse Ærø"))
        backup.make_backup(s)
    return path


def start_and_answer(db: Path, prefs, qtbot, monkeypatch) -> tuple[object, list[dict]]:
    """``trappe --db`` on ``db``; the damaged-file box is answered "Ikke nu", and what the
    file was like when it was shown is recorded."""
    shown: list[dict] = []

    def answer(box: QMessageBox) -> None:
        shown.append({"text": box.text(), "digest": digest(db), "wal": wal_size(db)})
        return None  # "Ikke nu"

    monkeypatch.setattr(backup_ui, "run_box", answer)
    monkeypatch.setattr(  # any other message would be a second one: recorded as such
        QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append({"text": text})
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    monkeypatch.setattr(backup, "due", lambda *a, **k: False)
    old_hook = sys.excepthook
    try:
        window = app_module.start(db, prefs)
    finally:
        sys.excepthook = old_hook
    qtbot.addWidget(window)
    return window, shown


@pytest.mark.parametrize(
    "table",
    [
        "staff",  # not read before the first paint: the check after it finds the damage
        "steps",  # read for the first paint: that read fails, and the check tells it
    ],
)
def test_a_damaged_file_is_refused_after_the_first_paint_before_any_write(
    db, table, prefs, qtbot, monkeypatch
):
    damage_table(db, table)
    before = digest(db)
    window, shown = start_and_answer(db, prefs, qtbot, monkeypatch)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "beskadiget" in shown[0]["text"] and "sikkerhedskopi" in shown[0]["text"]
    assert shown[0]["digest"] == before and shown[0]["wal"] == 0  # nothing written by then
    qtbot.waitUntil(lambda: window.store is None)
    qtbot.wait(50)  # (whatever else waited for the first paint has run)
    assert window.caseload.model.rowCount() == 0
    assert "ingen database" in window.windowTitle()
    window.close()
    assert digest(db) == before and wal_size(db) == 0  # and nothing after it either
    assert len(shown) == 1


def test_a_sound_file_is_checked_after_the_first_paint_and_its_search_logged(
    db, prefs, qtbot, monkeypatch
):
    before = searches(db)
    window, shown = start_and_answer(db, prefs, qtbot, monkeypatch)
    assert window.store is not None and window.store.check_pending  # not before the paint
    assert window.caseload.model.rowCount() == 1
    qtbot.waitUntil(lambda: not window.store.check_pending, timeout=5000)
    window.close()
    assert not shown
    assert searches(db) == before + 1
