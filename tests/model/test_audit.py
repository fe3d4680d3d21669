from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from trappe.model import audit, citizens, meetings, schema, staircase
from trappe.model.citizens import CitizenQuery
from trappe.model.entities import Actor, CitizenInput, MeetingInput, Role
from trappe.model.errors import ValidationError
from trappe.model.store import open_store


def actions(store, object_type=None):
    return [
        (e.action, e.object_type)
        for e in reversed(audit.list_entries(store, object_type=object_type))
    ]


def test_every_change_read_and_search_is_logged_with_user_and_role(db_path):
    consultant = Actor("Jens Østergaard", Role.COMPANY_CONSULTANT)
    with open_store(db_path, consultant) as store:
        steps = staircase.load_staircase(store).steps
        c = citizens.create_citizen(store, CitizenInput(name="Åse", start_date=date(2026, 1, 1)))
        citizens.update_citizen(
            store, c.id, CitizenInput(name="Åse Ærø", start_date=date(2026, 1, 1))
        )
        m = meetings.record_meeting(store, c.id, MeetingInput(date(2026, 2, 1), steps[0].id))
        citizens.get_citizen_record(store, c.id)
        citizens.search_citizens(store, CitizenQuery(text="åse", step_id=steps[0].id))
        meetings.delete_meeting(store, m.id)
        citizens.erase_citizen(store, c.id)
        entries = list(reversed(audit.list_entries(store)))
    got = [
        (e.action, e.object_type) for e in entries if e.object_type not in ("staircase", "setting")
    ]
    assert got == [
        ("create", "citizen"),
        ("update", "citizen"),
        ("create", "meeting"),
        ("read", "citizen"),
        ("search", "citizen"),
        ("delete", "meeting"),
        ("backup", "database"),  # erasing backs up first, and the copy is logged
        ("delete", "citizen"),
    ]
    assert all(
        e.user_name == "Jens Østergaard" and e.user_role == "company_consultant" for e in entries
    )
    assert all(e.at.startswith("20") and "T" in e.at for e in entries)
    update = next(e for e in entries if e.action == "update" and e.object_type == "citizen")
    assert update.details == {"fields": ["name"]}, "field names, not values"
    search = next(e for e in entries if e.action == "search")
    assert search.details["criteria"]["text"] == "åse"
    assert search.details["criteria"]["step_id"] == steps[0].id
    assert {
        e.object_id for e in entries if e.object_type == "citizen" and e.action != "search"
    } == {c.id}


def test_audit_details_hold_no_personal_data(store, citizen_with_history):
    blob = " ".join(r[0] for r in store.query("SELECT details FROM audit_log"))
    assert "Åse" not in blob and "010190" not in blob


# -- who -----------------------------------------------------------------------------------------
def test_entries_name_the_os_login_beside_the_given_name(db_path):
    with open_store(db_path, Actor("Mette S.", Role.CASEWORKER, os_user="msn")) as store:
        citizens.create_citizen(store, CitizenInput(name="Åse", start_date=date(2026, 1, 1)))
        e = audit.list_entries(store, object_type="citizen")[0]
    assert (e.user_name, e.os_user, e.user_role) == ("Mette S.", "msn", "caseworker")


def test_the_os_login_is_taken_from_the_system_by_default():
    from trappe.model.entities import os_login_name

    assert Actor("Mette").os_user == os_login_name() != ""


@pytest.mark.parametrize(
    "name",
    [
        "\x1b[31mMette\x1b[0m",  # an ANSI escape
        "Mette\nSørensen",
        "Mette\u202eneserøS",  # right-to-left override
        "M" * 101,
        "",
        "   ",
    ],
)
def test_a_user_name_with_control_characters_or_absurd_length_is_refused(name):
    with pytest.raises(ValidationError) as refused:
        Actor(name)
    assert refused.value.field == "user"
    assert "Brugernavnet" in refused.value.message


def test_an_unknown_role_is_refused_in_danish():
    with pytest.raises(ValidationError, match="Rollen «boss» findes ikke"):
        Actor("Mette", "boss")


def test_an_unprintable_os_login_is_recorded_readably_not_refused():
    assert Actor("Mette", os_user="ms\x1b[0m").os_user == "ms?[0m"


# -- the chain -----------------------------------------------------------------------------------
def raw(db_path: Path) -> sqlite3.Connection:
    """The file opened as someone with a SQL tool would."""
    return sqlite3.connect(db_path, isolation_level=None)


def test_an_untouched_log_verifies(store, citizen_with_history):
    report = audit.verify_chain(store)
    assert report.ok and report.entries == store.scalar("SELECT count(*) FROM audit_log")
    assert report.first_id == 1 and report.last_id == report.entries
    last = store.scalar("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
    assert report.last_hash == last
    assert "i orden" in report.lines()[0]


def test_each_entry_hashes_its_fields_as_json_and_the_previous_hash(store, citizen_with_history):
    """The format, independently of the code: sha256(previous hash + compact JSON array)."""
    audit.log_event(store, "search", "citizen", None, {"criteria": {"text": 'Å "x" \\ \t'}})
    rows = store.query("SELECT * FROM audit_log ORDER BY id")
    prev = audit.GENESIS
    for r in rows:
        text = json.dumps(
            [r[f] for f in audit.CHAIN_FIELDS], ensure_ascii=False, separators=(",", ":")
        )
        assert r["hash"] == hashlib.sha256(prev + text.encode()).digest()
        prev = r["hash"]


def test_a_hand_edited_entry_is_reported_with_id_and_time(db_path, store, citizen_with_history):
    with raw(db_path) as conn:
        conn.execute("UPDATE audit_log SET user_name = 'Someone else' WHERE id = 5")
    report = audit.verify_chain(store)
    assert not report.ok
    assert report.broken.id == 5
    assert "ændret" in report.broken.reason
    at = store.scalar("SELECT at FROM audit_log WHERE id = 5")
    assert report.lines()[0] == f"Kæden er brudt ved post #5 ({audit.format_time(at)}): " + (
        report.broken.reason
    )


def test_a_deleted_entry_is_reported_at_the_next_one(db_path, store, citizen_with_history):
    with raw(db_path) as conn:
        conn.execute("DELETE FROM audit_log WHERE id IN (3, 4)")
    report = audit.verify_chain(store)
    assert report.broken.id == 5
    assert report.broken.reason == "posterne #3–#4 foran den er slettet."


def test_deleting_the_oldest_entries_is_reported(db_path, store, citizen_with_history):
    with raw(db_path) as conn:
        conn.execute("DELETE FROM audit_log WHERE id <= 2")
    report = audit.verify_chain(store)
    assert report.broken.id == 3
    assert "ældste poster er slettet" in report.broken.reason


def test_an_entry_written_around_trappe_is_reported(db_path, store, citizen_with_history):
    last = store.scalar("SELECT max(id) FROM audit_log")
    with raw(db_path) as conn:
        conn.execute(
            "INSERT INTO audit_log (at, user_name, user_role, action, object_type)"
            " VALUES ('2026-01-01T00:00:00+00:00', 'x', 'caseworker', 'read', 'citizen')"
        )
    report = audit.verify_chain(store)
    assert report.broken.id == last + 1
    assert "uden om Trappe" in report.broken.reason


def test_a_rolled_back_write_leaves_no_link_behind(store):
    before = store.scalar("SELECT count(*) FROM audit_log")
    with pytest.raises(RuntimeError), store.write():
        store.audit("read", "citizen", 1)
        raise RuntimeError("crash half-way")
    audit.log_event(store, "print", "citizen", 1)
    assert store.scalar("SELECT count(*) FROM audit_log") == before + 1
    assert audit.verify_chain(store).ok


def _append_many(path: str, name: str, n: int) -> None:
    with open_store(path, Actor(name)) as s:
        for i in range(n):
            audit.log_event(s, "read", "citizen", i)


def test_two_processes_writing_at_once_keep_one_chain(db_path, store):
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_append_many, args=(str(db_path), n, 150)) for n in ("A", "B")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    report = audit.verify_chain(store)
    assert report.ok, report.lines()
    assert store.scalar("SELECT count(*) FROM audit_log WHERE user_name IN ('A', 'B')") == 300


def test_the_citizen_of_an_entry_is_recorded(store, citizen_with_history):
    cid = citizen_with_history
    kinds = {
        (r["action"], r["object_type"])
        for r in store.query("SELECT * FROM audit_log WHERE citizen_id = ?", (cid,))
    }
    assert {("create", "citizen"), ("create", "meeting")} <= kinds


# -- the migration -------------------------------------------------------------------------------
def make_unchained_database(path: Path, entries: int) -> None:
    """A database as Trappe wrote it before the chain, with ``entries`` entries."""
    db = Database(path)
    db.execute("PRAGMA journal_mode = WAL")
    with db.atomic():
        db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        schema.migrations.apply(db, stop_before="0006_s09_audit_chain")
        db.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION - 1}")
        db.conn.executemany(
            "INSERT INTO audit_log (at, user_name, user_role, action, object_type, object_id,"
            " details) VALUES (?, ?, 'caseworker', ?, ?, ?, ?)",
            (
                (
                    f"2025-01-01T00:00:{i % 60:02d}+00:00",
                    f"user{i % 7}",
                    "read" if i % 3 else "create",
                    "citizen" if i % 2 else "meeting",
                    i,
                    "" if i % 2 else json.dumps({"citizen_id": i // 2}),
                )
                for i in range(entries)
            ),
        )
    db.close()


def test_the_migration_chains_existing_entries_and_finds_their_citizens(tmp_path, actor):
    path = tmp_path / "old.sqlite"
    make_unchained_database(path, 1000)
    with open_store(path, actor) as s:
        report = audit.verify_chain(s)
        assert report.ok and report.entries == 1000
        rows = s.query("SELECT object_type, object_id, citizen_id, os_user FROM audit_log")
        for r in rows:
            expected = r["object_id"] if r["object_type"] == "citizen" else r["object_id"] // 2
            assert r["citizen_id"] == expected
            assert r["os_user"] == ""
        audit.log_event(s, "read", "citizen", 1)
        assert audit.verify_chain(s).ok


@pytest.mark.skipif(not os.environ.get("TRAPPE_SLOW"), reason="slow: set TRAPPE_SLOW=1")
def test_the_migration_is_fast_on_a_large_log(tmp_path, actor):
    path = tmp_path / "big.sqlite"
    make_unchained_database(path, 1_000_000)
    started = time.perf_counter()
    open_store(path, actor).close()
    print(f"migrated 1,000,000 entries in {time.perf_counter() - started:.1f} s")


def test_a_field_edited_into_a_blob_is_reported_not_a_crash(db_path, store, citizen_with_history):
    with raw(db_path) as conn:
        conn.execute("UPDATE audit_log SET user_name = x'00ff' WHERE id = 2")
    assert audit.verify_chain(store).broken.id == 2


# -- thinning ------------------------------------------------------------------------------------
def old_entries(store, times: list[str]) -> None:
    with store.write():
        for i, at in enumerate(times):
            audit.append(
                store, "search", "citizen", None, {"criteria": {"text": f"Åse {i}"}}, at=at
            )
            audit.append(store, "read", "citizen", i, at=at)


def test_thinning_keeps_counts_and_a_verifiable_chain(tmp_path):
    with open_store(tmp_path / "t.sqlite", Actor("Mette"), seed=False) as store:
        old_entries(
            store,
            [
                "2019-01-10T09:00:00+00:00",
                "2019-01-20T09:00:00+00:00",
                "2019-02-01T09:00:00+00:00",
                "2021-06-01T09:00:00+00:00",
            ],
        )
        assert audit.thinnable(store, "2020-01-01T00:00:00+00:00") == (6, 6)
        result = audit.thin_log(store, "2020-01-01T00:00:00+00:00")
        assert (result.entries, result.through_id) == (6, 6)
        assert result.oldest.startswith("2019-01-10") and result.newest.startswith("2019-02-01")
        assert [(c.month, c.action, c.entries) for c in audit.thinned_counts(store)] == [
            ("2019-01", "read", 2),
            ("2019-01", "search", 2),
            ("2019-02", "read", 1),
            ("2019-02", "search", 1),
        ]
        ids = [r[0] for r in store.query("SELECT id FROM audit_log ORDER BY id")]
        assert ids == [7, 8, 9]  # the two young entries and the checkpoint
        checkpoint = audit.list_entries(store)[0]
        assert checkpoint.action == "thin" and checkpoint.details["through_id"] == 6
        report = audit.verify_chain(store)
        assert report.ok and report.thinned_through == 6, report.lines()
        assert any("udtyndet" in line for line in report.lines())
        # The search criteria typed then are gone with their entries.
        blob = " ".join(r[0] for r in store.query("SELECT details FROM audit_log"))
        assert "Åse 0" not in blob and "Åse 2" not in blob and "Åse 3" in blob

        # Thinning again later folds the next stretch (and the first checkpoint) in.
        result = audit.thin_log(store, "2030-01-01T00:00:00+00:00")
        assert result.through_id == 9
        assert audit.verify_chain(store).ok
        assert sum(c.entries for c in audit.thinned_counts(store)) == 9


def test_thinning_takes_only_a_prefix_of_the_log(tmp_path):
    """An old time after a young one (a clock set wrong) waits for the next round."""
    with open_store(tmp_path / "t.sqlite", Actor("Mette"), seed=False) as store:
        old_entries(
            store,
            ["2019-01-10T09:00:00+00:00", "2024-01-01T09:00:00+00:00", "2019-03-01T09:00:00+00:00"],
        )
        assert audit.thin_log(store, "2020-01-01T00:00:00+00:00").through_id == 2
        assert audit.verify_chain(store).ok


def test_nothing_to_thin_changes_nothing(store):
    before = store.scalar("SELECT count(*) FROM audit_log")
    assert audit.thin_log(store, "2000-01-01T00:00:00+00:00").entries == 0
    assert store.scalar("SELECT count(*) FROM audit_log") == before


def test_a_forged_checkpoint_is_reported(tmp_path):
    path = tmp_path / "t.sqlite"
    with open_store(path, Actor("Mette"), seed=False) as store:
        old_entries(store, ["2019-01-10T09:00:00+00:00", "2019-02-10T09:00:00+00:00"])
        audit.log_event(store, "read", "citizen", 1)
        audit.thin_log(store, "2020-01-01T00:00:00+00:00")
        with raw(path) as conn:
            conn.execute(
                "UPDATE audit_log SET details = replace(details, 'through_id\": 4',"
                " 'through_id\": 5') WHERE action = 'thin'"
            )
            conn.execute("DELETE FROM audit_log WHERE id = 5")
        report = audit.verify_chain(store)
        assert not report.ok and report.broken.id == 6


def test_the_demo_has_a_recent_history_that_verifies(tmp_path):
    from trappe.model.demo import HISTORY_DAYS, build_demo_database

    path = tmp_path / "demo.sqlite"
    today = date(2026, 11, 22)
    build_demo_database(path, Actor("Demo"), 60, seed=4, today=today)
    with open_store(path, Actor("Demo")) as store:
        assert audit.verify_chain(store).ok
        rows = store.query("SELECT * FROM audit_log WHERE object_type IN ('citizen', 'meeting')")
        assert len(rows) > 50
        days = {r["at"][:10] for r in rows}
        assert min(days) >= "2026-10-23" and max(days) < "2026-11-22"
        assert HISTORY_DAYS == 30
        kinds = {(r["action"], r["object_type"]) for r in rows}
        assert {("read", "citizen"), ("create", "meeting"), ("print", "citizen")} <= kinds
        assert all(r["os_user"] for r in rows)
        # Every meeting recorded in the window is in the log, under its citizen.
        recent = store.query(
            "SELECT id, citizen_id FROM meetings WHERE held_on >= '2026-10-23'"
            " AND held_on < '2026-11-22'"
        )
        logged = {(r["object_id"], r["citizen_id"]) for r in rows if r["object_type"] == "meeting"}
        assert {(m["id"], m["citizen_id"]) for m in recent} == logged


def test_user_names_are_each_name_once_in_reading_order(store):
    for name in ("Aase", "Bo", "Østergaard", "Mette Sørensen", "Bo"):
        store.actor = Actor(name)
        audit.log_event(store, "read", "citizen", 1)
    assert audit.user_names(store) == ["Bo", "Mette Sørensen", "Østergaard", "Aase"]


def test_a_hand_edit_in_an_encrypted_file_is_reported(tmp_path, capsys):
    """Done-when of issue 9: edited by hand with SQLCipher and the key, then reported."""
    pytest.importorskip("sqlcipher3")
    from trappe.model.store import _connect

    path = tmp_path / "krypteret.sqlite"
    with open_store(path, Actor("Mette"), key="hemmelig") as store:
        c = citizens.create_citizen(store, CitizenInput(name="Åse", start_date=date(2026, 1, 1)))
        citizens.get_citizen_record(store, c.id)
        assert audit.verify_chain(store).ok
        target = store.scalar("SELECT id FROM audit_log WHERE action = 'read'")
    conn = _connect(path, timeout=5, key="hemmelig")
    conn.execute("UPDATE audit_log SET user_name = 'En anden' WHERE id = ?", (target,))
    conn.close()
    with open_store(path, Actor("Revisor"), key="hemmelig") as store:
        report = audit.verify_chain(store)
    assert report.broken.id == target and "ændret" in report.broken.reason
