"""The store keeps its footing: errors by result code, no header re-read while open, and a
WAL deleted under an open store is noticed before a write and never checkpointed over
newer data."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from trappe.model import citizens
from trappe.model import store as store_module
from trappe.model.entities import Actor, CitizenInput, Role
from trappe.model.errors import (
    DatabaseLocked,
    DatabaseMissing,
    DatabaseReadOnly,
    DiskFull,
    FootingLost,
    NotATrappeDatabase,
)
from trappe.model.store import known_error, open_store

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX locks and modes")


def _error(code: int, text: str = "x") -> sqlite3.Error:
    exc = sqlite3.OperationalError(text)
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (5, DatabaseLocked),
        (6, DatabaseLocked),
        (5 | (1 << 8), DatabaseLocked),  # an extended code: SQLITE_BUSY_RECOVERY
        (8, DatabaseReadOnly),
        (13, DiskFull),
        (26, NotATrappeDatabase),
    ],
)
def test_errors_are_classified_by_result_code_not_text(code, kind, tmp_path):
    err = known_error(_error(code, "database is fine, actually \x00\xff"), tmp_path / "a.sqlite")
    assert isinstance(err, kind)
    assert "\x00" not in err.message and "fine, actually" not in err.message


def test_a_bug_is_not_a_user_error(store):
    assert known_error(_error(1, "no such column: x"), store.path) is None
    with pytest.raises(sqlite3.OperationalError):
        store.query("SELECT no_such_column FROM citizens")


def test_missing_file_is_refused_and_not_created(tmp_path, actor):
    path = tmp_path / "typo.sqlite"
    with pytest.raises(DatabaseMissing):
        open_store(path, actor, create=False)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", ["", "."])
def test_no_path_is_refused(path, actor):
    with pytest.raises(DatabaseMissing):
        open_store(path, actor)


@posix_only
def test_new_database_is_private(tmp_path, actor):
    path = tmp_path / "data" / "trappe.sqlite"
    with open_store(path, actor) as s:
        citizens.create_citizen(s, CitizenInput(name="A"))
        for suffix in ("", "-wal", "-shm"):
            assert os.stat(f"{path}{suffix}").st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


@posix_only
def test_read_only_file_leaves_no_wal_or_shm_and_opens_once_fixed(db_path, actor):
    open_store(db_path, actor).close()
    db_path.chmod(0o444)
    with pytest.raises(DatabaseReadOnly):
        open_store(db_path, actor)
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]
    db_path.chmod(0o600)
    open_store(db_path, actor).close()


def test_a_file_open_in_this_process_is_not_read_again(store, actor, monkeypatch):
    """Reading the header would open and close a descriptor and drop the store's locks."""
    real_open = Path.open

    def guarded_open(self, *args, **kwargs):
        assert Path(self) != store.path, "the open database was read by a plain open()"
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    open_store(store.path, actor).close()


def _lose_footing_the_way_it_happened(path: Path) -> None:
    """In this process, open and close the files (a sniffing file dialog did), which drops
    the store's POSIX locks; then another process opens and closes the database, believes it
    is the last user, checkpoints and deletes the WAL; and then writes a row of its own."""
    for suffix in ("", "-wal", "-shm"):
        with open(f"{path}{suffix}", "rb") as fh:
            fh.read(16)
    code = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1]); c.execute('SELECT count(*) FROM citizens').fetchone()"
        "; c.close()\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        'c.execute("INSERT INTO citizens (name, start_date, created_at, updated_at, search_text)'
        " VALUES ('Skrevet af et andet program', '2026-01-01', 'x', 'x', '')\")\n"
        "c.commit(); c.close()\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    assert not Path(f"{path}-wal").exists(), "the other process deleted the WAL"


def _names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return sorted(r[0] for r in conn.execute("SELECT name FROM citizens"))
    finally:
        conn.close()


@posix_only
def test_a_write_after_the_wal_was_deleted_is_refused_and_the_store_reopens(db_path, actor):
    s = open_store(db_path, actor)
    try:
        citizens.create_citizen(s, CitizenInput(name="Før"))
        _lose_footing_the_way_it_happened(db_path)
        with pytest.raises(FootingLost) as err:
            citizens.create_citizen(s, CitizenInput(name="Efter"))
        assert "gem igen" in err.value.message
        # Reopened: the same Store object now sees the real file and writes into it.
        assert sorted(c.name for c in citizens.search_citizens(s, citizens.CitizenQuery())) == [
            "Før",
            "Skrevet af et andet program",
        ]
        citizens.create_citizen(s, CitizenInput(name="Efter"))
    finally:
        s.close()
    assert _names(db_path) == ["Efter", "Før", "Skrevet af et andet program"]


@posix_only
def test_closing_a_store_that_lost_its_footing_checkpoints_nothing_stale(db_path, actor):
    s = open_store(db_path, actor)
    citizens.create_citizen(s, CitizenInput(name="Før"))
    _lose_footing_the_way_it_happened(db_path)
    # What the old code did next: write into the deleted WAL (here past the footing check).
    s.conn.execute(
        "INSERT INTO citizens (name, start_date, created_at, updated_at, search_text)"
        " VALUES ('Skrevet i den slettede WAL', '2026-01-01', 'x', 'x', '')"
    )
    s.close()  # must not copy the stale WAL's pages over the other program's row
    assert _names(db_path) == ["Før", "Skrevet af et andet program"]


def test_the_open_file_registry_forgets_closed_stores(db_path, actor):
    s = open_store(db_path, actor)
    fid = store_module._file_id(db_path)
    assert fid in store_module._OPEN_FILES
    s.close()
    s.close()  # twice is harmless
    assert fid not in store_module._OPEN_FILES


def test_pragmas_for_safety(store):
    assert store.scalar("PRAGMA secure_delete") == 1
    assert store.scalar("PRAGMA journal_size_limit") == store_module.JOURNAL_SIZE_LIMIT


def test_actor_is_reused(actor):
    assert actor == Actor("Mette Sørensen", Role.CASEWORKER)


def test_an_erased_citizen_is_gone_from_file_wal_and_free_pages(db_path, actor):
    marker = "HEMMELIG-BORGER-ZQX"
    with open_store(db_path, actor) as s:
        keep = citizens.create_citizen(s, CitizenInput(name="Bliver"))
        gone = citizens.create_citizen(s, CitizenInput(name=marker, identifier="010190-4321"))
        citizens.update_citizen(s, gone.id, CitizenInput(name=marker + " igen"))
        citizens.erase_citizen(s, gone.id)
        assert citizens.get_citizen(s, keep.id).name == "Bliver"
        for suffix in ("", "-wal"):
            data = (
                Path(f"{db_path}{suffix}").read_bytes()
                if Path(f"{db_path}{suffix}").exists()
                else b""
            )
            assert marker.encode() not in data, (
                f"the erased name is still in {suffix or 'the file'}"
            )
            assert b"010190-4321" not in data and b"0101904321" not in data
