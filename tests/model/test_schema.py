"""Migrations that change existing tables, run on a database as the version before wrote it;
and the schema's shared SQL: the placement runs rebuilt in SQL (migration, demo) follow the
same rule as ``progress.placement_runs`` in Python."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from tests.harness.data import loose_placement
from trappe.model import citizens, ops, schema, staircase
from trappe.model.entities import Assessor, CitizenInput, CloseReason, Status
from trappe.model.progress import placement_runs
from trappe.model.schema import rebuild_placement_runs
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


def database_before_with(path: Path, migration: str, statement: str) -> None:
    """A database as it was before ``migration``, with ``statement`` run in it."""
    make_database_before(path, migration)
    con = sqlite3.connect(path)
    with con:
        con.execute(statement)
    con.close()


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


def test_the_sql_rebuild_of_placement_runs_equals_the_python_rule(store):
    steps = [s.id for s in staircase.load_staircase(store).steps]
    day = date(2026, 1, 5)
    moves = [  # (days after the start, step): ties on one day, returns, a past date last
        (0, 1), (0, 3), (10, 3), (20, 2), (20, 2), (30, 3), (30, 1), (40, 1), (5, 6),
    ]  # fmt: skip
    for who in range(3):
        cid = citizens.create_citizen(store, CitizenInput(f"B{who}", start_date=day)).id
        for offset, step in moves[who:]:
            loose_placement(
                store, cid, steps[step], Assessor.PROFESSIONAL, day + timedelta(days=offset)
            )
        loose_placement(store, cid, steps[0], Assessor.CITIZEN, day)
    with store.write():
        rebuild_placement_runs(store.db)
    for cid in [r[0] for r in store.query("SELECT id FROM citizens")]:
        rows = store.query(
            "SELECT placed_on, id, assessed_by, step_id FROM placements WHERE citizen_id = ?",
            (cid,),
        )
        expected = [
            (a.isoformat(), b.isoformat() if b else None, step)
            for a, b, step in placement_runs(
                [(date.fromisoformat(r[0]), r[1], r[2], r[3]) for r in rows]
            )
        ]
        stored = store.query(
            "SELECT valid_from, valid_to, step_id FROM placement_runs WHERE citizen_id = ?"
            " ORDER BY valid_from",
            (cid,),
        )
        assert [tuple(r) for r in stored] == expected, cid


def test_names_with_letters_unicode_does_not_decompose_are_found_after_migrating(tmp_path, actor):
    """A name stored with ł kept (the folding before 0008) is re-keyed, and the search index
    follows: "Lukasz" and "Łukasz" both find him; other rows are left as they were."""
    path = tmp_path / "before.sqlite"
    database_before_with(
        path,
        "0008_lead_search_letters",
        "INSERT INTO citizens (id, name, start_date, status, created_at, updated_at,"
        " search_text) VALUES (3, 'Łukasz Wałęsa', '2026-01-01', 'active', 'x', 'x',"
        " 'łukasz wałesa')",
    )
    with open_store(path, actor) as store:
        from trappe.model.caseload import CaseloadView, CitizenQuery

        for typed in ("Lukasz", "Łukasz", "walesa", "WAŁĘSA", "łuk wał"):
            view = CaseloadView(store, CitizenQuery(text=typed))
            assert [r.name for r in view.rows(0, view.count)] == ["Łukasz Wałęsa"], typed
        assert store.scalar("SELECT search_text FROM citizens WHERE id = 1") == ""
        assert store.integrity_ok()


def test_short_words_are_found_through_their_index_after_migrating(tmp_path, actor):
    """0010 fills the index of letters and letter pairs from the texts already stored (one
    that has ł kept, ø, digits): each one- and two-letter word finds exactly the citizens
    whose text holds it, and an edit made after the migration keeps it so."""
    from test_caseload import _grams_agree

    from trappe.model.caseload import CaseloadView, CitizenQuery

    path = tmp_path / "before.sqlite"
    make_database_before(path, "0010_s21_search_grams")
    con = sqlite3.connect(path)
    with con:
        con.execute(
            "INSERT INTO citizens (id, name, start_date, status, created_at, updated_at,"
            " search_text) VALUES (3, 'Søren Øby', '2026-01-01', 'active', 'x', 'x',"
            " 'soeren oeby soren oby 0101901234'), (4, '', '2026-01-01', 'active', 'x', 'x', '')"
        )
    con.close()
    with open_store(path, actor) as store:
        _grams_agree(store)
        for word, found in (("ø", [3]), ("19", [3]), ("y", [3]), ("x", []), ("OE", [3])):
            view = CaseloadView(store, CitizenQuery(text=word, status=None))
            assert view.ids() == found, word
            assert "instr" not in " ".join(view._filter.clauses), word
        citizens.update_citizen(store, 3, CitizenInput("Kim Bæk"))
        _grams_agree(store)
        assert CaseloadView(store, CitizenQuery(text="ø")).ids() == []
        assert CaseloadView(store, CitizenQuery(text="æ")).ids() == [3]
        assert store.integrity_ok()


def test_the_letter_pairs_filled_in_python_are_those_the_triggers_write():
    """A contentless FTS5 index deletes a row by the very strings it was given: 0010 fills
    the index in Python, the triggers delete and write in SQL, so both must give the same
    strings for any text (else the first edit of a citizen would damage the index)."""
    con = sqlite3.connect(":memory:")
    texts = [
        "",
        "a",
        "ab",
        "soeren soren 0101901234",
        "łukasz",
        "é",
        "中文名",
        "x\U0001f600y",
        "a  b",
    ]
    for text in texts:
        sql = con.execute(f"SELECT {schema._grams_sql('?1')}", (text,)).fetchone()[0]
        assert sorted(sql.split(" ")) == sorted(schema._grams(text).split(" ")), text


def test_the_identifier_index_holds_the_text_after_migrating(tmp_path, actor):
    """0012 rebuilds the identifier's index with ``search_text`` last, after a backup: a
    common word by identifier is then checked on the index entry (``test_caseload_plan``),
    and searches by identifier find what they found before."""
    from trappe.model.caseload import CaseloadView, CitizenQuery

    path = tmp_path / "before.sqlite"
    database_before_with(
        path,
        "0012_s23_identifier_text",
        "INSERT INTO citizens (id, name, identifier, start_date, status, created_at,"
        " updated_at, search_text) VALUES (3, 'Søren Øby', '0101901234', '2026-01-01',"
        " 'active', 'x', 'x', 'soeren oeby soren oby 0101901234')",
    )
    with open_store(path, actor) as store:
        columns = [r[2] for r in store.query("PRAGMA index_info(citizens_by_identifier)")]
        assert columns[:3] == ["identifier", "status", "id"]
        assert columns[-1] == "search_text"
        for word, found in (("19", [3]), ("søren", [3]), ("zz", [])):
            q = CitizenQuery(text=word, order_by="identifier", descending=True)
            assert CaseloadView(store, q, small=0).ids() == found, word
        assert store.integrity_ok()
    assert list((tmp_path / "backups").glob("before.*.migration-v*.sqlite"))
