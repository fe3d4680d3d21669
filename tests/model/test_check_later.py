"""The small tables' check left for later (the window's start): nothing is written to a file
until it has passed, and a really damaged page is still refused in Danish."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from tests.harness.damage import damage_table
from trappe.model import citizens, staircase
from trappe.model.entities import Actor, CitizenInput, Role
from trappe.model.errors import DatabaseDamaged
from trappe.model.store import open_store


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wal_size(path: Path) -> int:
    wal = Path(f"{path}-wal")
    return wal.stat().st_size if wal.exists() else 0


@pytest.fixture
def staffed(db_path: Path, actor: Actor) -> Path:
    with open_store(db_path, actor) as s:
        for i in range(40):
            staircase.ensure_staff(s, f"Medarbejder {i}", Role.CASEWORKER)
        citizens.create_citizen(s, CitizenInput(name="Åse Ærø"))
    return db_path


def test_a_damaged_small_table_is_refused_before_the_first_write(staffed, actor):
    damage_table(staffed, "staff")
    before = digest(staffed)
    store = open_store(staffed, actor, check_later=True)  # (opening does not read staff)
    try:
        assert store.check_pending
        assert store.scalar("SELECT count(*) FROM citizens") == 1  # reads still work
        with pytest.raises(DatabaseDamaged) as err, store.write():
            store.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
        assert "beskadiget" in err.value.message
        with pytest.raises(DatabaseDamaged):  # and every later write, the same
            citizens.create_citizen(store, CitizenInput(name="Bo"))
        assert wal_size(staffed) == 0  # nothing went into the WAL either
    finally:
        store.close()
    assert digest(staffed) == before


def test_the_same_file_is_refused_at_once_when_opened_the_ordinary_way(staffed, actor):
    damage_table(staffed, "staff")
    before = digest(staffed)
    with pytest.raises(DatabaseDamaged):
        open_store(staffed, actor)
    assert digest(staffed) == before


def test_a_sound_file_passes_the_check_at_its_first_write(staffed, actor):
    with open_store(staffed, actor, check_later=True) as store:
        assert store.check_pending
        citizens.create_citizen(store, CitizenInput(name="Bo"))
        assert not store.check_pending
        store.verify()  # (once: nothing left to do)
        assert store.scalar("SELECT count(*) FROM citizens") == 2


def test_a_file_not_yet_in_wal_mode_is_checked_as_it_opens(staffed, actor):
    """Switching to WAL writes the file's header: that file cannot wait for its check."""
    conn = sqlite3.connect(staffed)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    damage_table(staffed, "staff")
    before = digest(staffed)
    with pytest.raises(DatabaseDamaged):
        open_store(staffed, actor, check_later=True)
    assert digest(staffed) == before


def test_an_encrypted_file_with_a_damaged_page_is_refused_before_the_first_write(tmp_path, actor):
    path = tmp_path / "krypteret.sqlite"
    with open_store(path, actor, key="hemmelig-frase-1") as s:
        key = s.key.copy()
        for i in range(40):
            staircase.ensure_staff(s, f"Medarbejder {i}", Role.CASEWORKER)
        root = s.scalar("SELECT rootpage FROM sqlite_master WHERE name = 'staff'")
        s.checkpoint()
    data = bytearray(path.read_bytes())
    page = 4096
    data[(root - 1) * page + 100 : (root - 1) * page + 200] = b"\xa5" * 100  # fails its HMAC
    path.write_bytes(bytes(data))
    before = digest(path)
    try:
        with open_store(path, actor, key=key, check_later=True) as store:
            assert store.check_pending
            with pytest.raises(DatabaseDamaged):
                citizens.create_citizen(store, CitizenInput(name="Bo"))
    finally:
        key.wipe()
    assert digest(path) == before
