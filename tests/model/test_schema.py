"""Migrations that change existing tables, run on a database as the version before wrote it."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from trappe.model import citizens, ops, schema
from trappe.model.entities import CloseReason, Status
from trappe.model.store import open_store

CLOSE_REASONS = "0006_s11b_close_reasons"


def make_database_before(path: Path, migration: str) -> None:
    """A database with every migration before ``migration``, and a closed citizen with a
    meeting, a placement and an agreement written as that schema allows."""
    db = Database(path)
    db.execute("PRAGMA journal_mode = WAL")
    with db.atomic():
        db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        schema.migrations.apply(db, stop_before=migration)
        applied = len(schema.migrations.applied(db))
        db.execute(f"PRAGMA user_version = {applied}")
        db.execute("INSERT INTO steps (id, position, title) VALUES (1, 1, 'Afklaring')")
        db.execute(
            "INSERT INTO citizens (id, name, start_date, status, closed_on, closed_reason,"
            " created_at, updated_at) VALUES"
            " (1, 'Åse', '2026-01-01', 'closed', '2026-05-01', 'job', 'x', 'x'),"
            " (2, 'Bo', '2026-01-01', 'active', NULL, NULL, 'x', 'x')"
        )
        db.execute(
            "INSERT INTO meetings (id, citizen_id, held_on, created_at, created_by)"
            " VALUES (1, 2, '2026-02-01', 'x', 'x')"
        )
        db.execute(
            "INSERT INTO placements (citizen_id, meeting_id, placed_on, assessed_by, step_id)"
            " VALUES (2, 1, '2026-02-01', 'professional', 1)"
        )
        db.execute(
            "INSERT INTO agreements (meeting_id, citizen_id, what, responsible)"
            " VALUES (1, 2, 'Ring til lægen', 'citizen')"
        )
    db.close()


def test_close_reasons_widen_on_an_existing_database(tmp_path, actor):
    path = tmp_path / "before.sqlite"
    make_database_before(path, CLOSE_REASONS)
    with pytest.raises(sqlite3.IntegrityError):  # the old rule, before migrating
        con = sqlite3.connect(path)
        with con:
            con.execute("UPDATE citizens SET closed_reason = 'flexjob' WHERE id = 1")
    con.close()

    with open_store(path, actor) as store:
        assert store.schema_version == schema.SCHEMA_VERSION
        assert store.integrity_ok()
        assert citizens.get_citizen(store, 1).closed_reason is CloseReason.JOB
        for reason in CloseReason:
            c = ops.close_citizen(store, 2, reason, date(2026, 6, 1)).value
            assert (c.status, c.closed_reason) == (Status.CLOSED, reason)
            ops.reopen_citizen(store, 2, date(2026, 6, 1))
        # The rule still holds for anything else.
        with pytest.raises(sqlite3.IntegrityError), store.write():
            store.execute("UPDATE citizens SET closed_reason = 'holiday' WHERE id = 1")
        # The rest of the table is as it was: keys, cascades, the other checks.
        record = citizens.get_citizen_record(store, 2)
        assert [m.id for m in record.meetings] == [1] and len(record.placements) == 1
        with pytest.raises(sqlite3.IntegrityError), store.write():
            store.execute("UPDATE citizens SET status = 'paused' WHERE id = 2")
        citizens.erase_citizen(store, 2)
        for table in ("meetings", "placements", "agreements"):
            assert store.scalar(f"SELECT count(*) FROM {table}") == 0, table


def test_the_migration_keeps_whatever_else_the_table_says(tmp_path, actor):
    """It edits only the CHECK on closed_reason: a column added (or a table rebuilt) by
    another migration before it survives."""
    path = tmp_path / "before.sqlite"
    make_database_before(path, CLOSE_REASONS)
    con = sqlite3.connect(path)
    with con:
        con.execute("ALTER TABLE citizens ADD COLUMN extra TEXT NOT NULL DEFAULT 'x'")
    con.close()
    with open_store(path, actor) as store:
        sql = store.scalar("SELECT sql FROM sqlite_master WHERE name = 'citizens'")
        assert "extra TEXT NOT NULL DEFAULT 'x'" in sql
        assert "'resource_course_ended'" in sql
        assert store.integrity_ok()
