"""The passphrase in the GUI: asked when an encrypted database opens, a growing wait after
five wrong tries, new databases encrypted by default, batch sheets from an encrypted file."""

from __future__ import annotations

from pathlib import Path

import pytest

from trappe.model import citizens, crypto
from trappe.model.cipher_key import CipherKey
from trappe.model.entities import Actor, CitizenInput
from trappe.model.store import open_store
from trappe.ui import file_dialogs, passphrase
from trappe.ui.main_window import MainWindow
from trappe.ui.passphrase import Answer, PassphraseDialog, wait_seconds

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

KEY = "korrekt hest batteri"


@pytest.fixture
def encrypted_db(tmp_path: Path) -> Path:
    db = tmp_path / "k.sqlite"
    with open_store(db, Actor("Test"), key=KEY) as s:
        citizens.create_citizen(s, CitizenInput(name="Åse"))
    return db


def test_wrong_then_right_passphrase(qtbot, prefs, encrypted_db, monkeypatch, no_message_boxes):
    tries = iter(["forkert", "også forkert", KEY])
    asked = []

    def fake_ask(parent, path, **kwargs):
        asked.append(kwargs)
        return Answer(next(tries), remember=False)

    monkeypatch.setattr(passphrase, "ask", fake_ask)
    monkeypatch.setattr(passphrase, "remembered", lambda path: None)
    w = MainWindow(prefs)
    qtbot.addWidget(w)
    assert w.open_database(encrypted_db, first_start=False)
    assert [a["failures"] for a in asked] == [0, 1, 2]
    assert "passer ikke" in asked[1]["error"]
    assert isinstance(w.store.key, CipherKey) and "(ukrypteret)" not in w.windowTitle()
    assert citizens.get_citizen(w.store, 1).name == "Åse"
    w.close()


def test_cancel_leaves_no_database_open(qtbot, prefs, encrypted_db, monkeypatch):
    monkeypatch.setattr(passphrase, "ask", lambda *a, **k: None)
    monkeypatch.setattr(passphrase, "remembered", lambda path: None)
    before = encrypted_db.read_bytes()
    w = MainWindow(prefs)
    qtbot.addWidget(w)
    assert not w.open_database(encrypted_db, first_start=False)
    assert w.store is None and encrypted_db.read_bytes() == before


def test_growing_wait_after_five_wrong_tries(qtbot, tmp_path):
    assert [wait_seconds(n) for n in range(8)] == [0, 0, 0, 0, 0, 2, 4, 8]
    assert wait_seconds(40) == 300
    d = PassphraseDialog(tmp_path / "k.sqlite", failures=6)
    qtbot.addWidget(d)
    assert not d.ok_button.isEnabled() and "Vent 4 sekunder" in d.error.text()


def test_new_passphrase_typed_twice(qtbot, tmp_path):
    d = PassphraseDialog(tmp_path / "ny.sqlite", new=True, allow_plain=True)
    qtbot.addWidget(d)
    d.edit.setText("lang nok frase")
    d.repeat.setText("en anden frase")
    d.accept()
    assert d.passphrase is None and "ikke ens" in d.error.text()
    d.repeat.setText("lang nok frase")
    d.accept()
    assert d.passphrase == "lang nok frase"


def test_new_database_is_encrypted_by_default(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "ny" / "trappe.sqlite"
    target.parent.mkdir()
    monkeypatch.setattr(file_dialogs, "ask_new_database", lambda *a, **k: target)
    monkeypatch.setattr(passphrase, "ask", lambda *a, **k: Answer(KEY, remember=False))
    monkeypatch.setattr("trappe.ui.welcome.run_welcome", lambda *a, **k: None)
    window.database.new_database()
    assert window.store.path == target and isinstance(window.store.key, CipherKey)
    assert crypto.is_encrypted(target)


def test_batch_sheets_from_an_encrypted_database(qtbot, prefs, tmp_path):
    from trappe.ui.print_preview import print_batch

    db = tmp_path / "k.sqlite"
    with open_store(db, Actor("Test"), key=KEY) as s:
        ids = [citizens.create_citizen(s, CitizenInput(name=f"B {i}")).id for i in range(3)]
        out = tmp_path / "ark.pdf"
        assert print_batch(None, s, prefs, ids, ask_path=lambda p, proposal: str(out)) == out
    assert out.read_bytes()[:4] == b"%PDF"
