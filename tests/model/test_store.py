"""The store: pragmas, migrations with backup, and refusal of files that are not safe to open."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from trappe.model import citizens, schema
from trappe.model.entities import Actor, CitizenInput
from trappe.model.errors import (
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseTooNew,
    NotATrappeDatabase,
)
from trappe.model.store import open_store


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_has_safe_pragmas_and_current_schema(store):
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA synchronous") == 2  # FULL
    assert store.scalar("PRAGMA application_id") == schema.APPLICATION_ID
    assert store.schema_version == schema.SCHEMA_VERSION
    assert store.integrity_ok()


def test_reopening_keeps_data(db_path, actor):
    with open_store(db_path, actor) as s:
        citizens.create_citizen(s, CitizenInput(name="Bjørn Ølgaard"))
    with open_store(db_path, actor) as s:
        assert [c.name for c in citizens.search_citizens(s, citizens.CitizenQuery())] == [
            "Bjørn Ølgaard"
        ]
    assert not (db_path.parent / "backups").exists(), "no backup when nothing migrates"


def test_write_is_all_or_nothing(store):
    before = store.scalar("SELECT count(*) FROM citizens")
    with pytest.raises(RuntimeError), store.write():
        store.execute(
            "INSERT INTO citizens (name, start_date, created_at, updated_at)"
            " VALUES ('X', '2026-01-01', 'now', 'now')"
        )
        raise RuntimeError("crash half-way")
    assert store.scalar("SELECT count(*) FROM citizens") == before


def make_first_schema_database(path: Path) -> None:
    """A database as the first released schema (migration 0001 only) wrote it."""
    db = Database(path)
    db.execute("PRAGMA journal_mode = WAL")
    with db.atomic():
        db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        schema.migrations.apply(db, stop_before="0002_citizen_search_text")
        db.execute("PRAGMA user_version = 1")
        db.execute(
            "INSERT INTO citizens (name, identifier, identifier_kind, start_date, created_at,"
            " updated_at) VALUES ('ÅSE ÆRØ', '010190-1234', 'cpr', '2026-01-01', 'x', 'x')"
        )
    db.close()


def test_first_schema_opens_upgrades_and_is_backed_up_first(tmp_path, actor):
    path = tmp_path / "old.sqlite"
    make_first_schema_database(path)
    with open_store(path, actor) as s:
        assert s.schema_version == schema.SCHEMA_VERSION
        found = citizens.search_citizens(s, citizens.CitizenQuery(text="åse ærø"))
        assert [c.name for c in found] == ["ÅSE ÆRØ"], "backfilled search text finds it"
        found = citizens.search_citizens(s, citizens.CitizenQuery(text="0101901234"))
        assert len(found) == 1
    backups = list((tmp_path / "backups").glob("old.*.migration-v1.sqlite"))
    assert len(backups) == 1
    assert backups[0].stat().st_mode & 0o777 == 0o600
    b = sqlite3.connect(backups[0])
    assert b.execute("PRAGMA user_version").fetchone()[0] == 1
    assert b.execute("SELECT name FROM citizens").fetchall() == [("ÅSE ÆRØ",)]
    b.close()


def test_refuses_a_database_from_a_newer_trappe_without_touching_it(db_path, actor):
    open_store(db_path, actor).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(db_path)
    with pytest.raises(DatabaseTooNew) as err:
        open_store(db_path, actor)
    assert "nyere version" in err.value.message
    assert digest(db_path) == before


def test_refuses_a_newer_migration_name(db_path, actor):
    open_store(db_path, actor).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('trappe', '0099_from_the_future', 'x')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseTooNew):
        open_store(db_path, actor)


def test_refuses_a_foreign_sqlite_database_without_touching_it(tmp_path, actor):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotATrappeDatabase) as err:
        open_store(path, actor)
    assert "ikke en Trappe-database" in err.value.message
    assert digest(path) == before
    assert not Path(f"{path}-wal").exists()


def test_refuses_a_file_that_is_not_sqlite(tmp_path, actor):
    path = tmp_path / "notes.sqlite"
    path.write_text("Dette er et brev, ikke en database. æøå\n" * 50, encoding="utf-8")
    before = digest(path)
    with pytest.raises(NotATrappeDatabase):
        open_store(path, actor)
    assert digest(path) == before


def test_refuses_a_damaged_database_without_touching_it(db_path, actor):
    with open_store(db_path, actor) as s:
        for i in range(300):
            citizens.create_citizen(s, CitizenInput(name=f"Borger {i} " + "x" * 150))
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db_path.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 12)):  # scribble over b-tree pages
        data[offset] = 0xA5
    db_path.write_bytes(bytes(data))
    before = digest(db_path)
    with pytest.raises((DatabaseDamaged, NotATrappeDatabase)) as err:
        open_store(db_path, actor)
    assert err.value.message
    assert digest(db_path) == before


def test_a_schema_text_damaged_into_other_valid_sql_is_refused(db_path, actor):
    """One byte of the schema's text changed ("title" → "titlb"): still valid SQL, every page
    check passes, yet every query naming the column would fail. The fingerprint the last
    migration run left in the file tells it at once."""
    with open_store(db_path, actor) as s:
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = db_path.read_bytes()
    at = data.index(b"title TEXT NOT NULL")
    db_path.write_bytes(data[:at] + b"titlb" + data[at + 5 :])
    before = digest(db_path)
    with pytest.raises(DatabaseDamaged) as err:
        open_store(db_path, actor)
    assert "beskadiget" in err.value.message
    assert digest(db_path) == before


def test_refuses_a_locked_database(db_path, actor):
    open_store(db_path, actor).close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLocked) as err:
            open_store(db_path, actor, timeout=0.2)
        assert "låst" in err.value.message
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_refuses_a_read_only_file(db_path, actor):
    open_store(db_path, actor).close()
    db_path.chmod(0o444)
    try:
        before = digest(db_path)
        with pytest.raises(DatabaseReadOnly) as err:
            open_store(db_path, actor)
        assert "skrivebeskyttet" in err.value.message
        assert digest(db_path) == before
    finally:
        db_path.chmod(0o644)


def test_an_empty_file_becomes_a_new_database(tmp_path, actor):
    path = tmp_path / "empty.sqlite"
    path.touch()
    with open_store(path, actor) as s:
        assert s.schema_version == schema.SCHEMA_VERSION


def test_seed_false_gives_an_empty_staircase(tmp_path):
    with open_store(tmp_path / "x.sqlite", Actor("A"), seed=False) as s:
        assert s.scalar("SELECT count(*) FROM steps") == 0


def test_tables_read_naturally_to_an_outsider(store):
    tables = set(store.db.table_names())
    assert {
        "citizens",
        "meetings",
        "placements",
        "agreements",
        "activities",
        "steps",
        "phases",
        "target_groups",
        "staff",
        "audit_log",
        "settings",
    } <= tables
    assert "held_on" in store.db["meetings"].columns_dict
    assert "assessed_by" in store.db["placements"].columns_dict
