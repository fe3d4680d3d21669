"""Opening a citizen again hands out their placements and meetings read before, while the
citizen's stamp (``record_stamps``, set anew by triggers on every write of those rows) is
unchanged (issue 12 item 4): every opening is still logged and reads the citizen's own row,
and every way those rows can change (any write path, another connection, another process,
a change of the schema, a connection made anew) reads them afresh, equal to a plain read."""

from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from tests.model.test_schema import database_before_with
from trappe.model import (
    audit,
    citizens,
    handover,
    meetings,
    records,
    schema,
    staircase,
    staircase_edits,
)
from trappe.model.entities import (
    Actor,
    Agreement,
    CitizenInput,
    CloseReason,
    MeetingInput,
    Responsible,
    Role,
)
from trappe.model.errors import NotFoundError
from trappe.model.store import Store, open_store


def entries(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM audit_log"))


def other_citizen(store: Store, name: str = "Bo Berg") -> int:
    return citizens.create_citizen(store, CitizenInput(name=name, start_date=date(2026, 1, 5))).id


def reused(a, b) -> bool:
    return a.meetings is b.meetings and a.placements is b.placements


def test_opening_again_hands_out_the_same_rows_and_logs_each_read(store, citizen_with_history):
    before = entries(store)
    first = citizens.get_citizen_record(store, citizen_with_history)
    again = citizens.get_citizen_record(store, citizen_with_history)
    unlogged = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    assert reused(again, first) and reused(unlogged, first)
    assert first == again == records._read_record(store, citizen_with_history)
    assert entries(store) == before + 2  # each opening logged, linked into the chain
    assert audit.verify_chain(store).ok


def test_openings_of_others_in_between_keep_them(store, citizen_with_history):
    others = [other_citizen(store, f"Borger {i}") for i in range(records._Reuse.KEEP - 1)]
    first = citizens.get_citizen_record(store, citizen_with_history)
    for other in others:
        citizens.get_citizen_record(store, other)
    assert reused(citizens.get_citizen_record(store, citizen_with_history), first)
    # One more than is kept pushes out the one opened longest ago.
    newest = other_citizen(store, "Borger sidst")
    kept = citizens.get_citizen_record(store, others[-1])
    for other in [*others, newest]:
        citizens.get_citizen_record(store, other)
    assert reused(citizens.get_citizen_record(store, others[-1]), kept)
    assert not reused(citizens.get_citizen_record(store, citizen_with_history), first)


def _steps(store: Store) -> list:
    return staircase.load_staircase(store).steps


def _first_meeting(store: Store, cid: int):
    return records._read_record(store, cid).meetings[0]


def _record_meeting(store: Store, cid: int) -> None:
    meetings.record_meeting(
        store,
        cid,
        MeetingInput(
            held_on=date(2026, 6, 15),
            professional_step_id=_steps(store)[4].id,
            agreements=[Agreement("Ny aftale", Responsible.CITIZEN)],
        ),
    )


def _edit_meeting(store: Store, cid: int) -> None:
    m = _first_meeting(store, cid)
    data = meetings.meeting_input(m)
    meetings.update_meeting(store, m.id, _replace(data, caseworker_note="Rettet."))


def _replace(data, **changes):
    return dataclasses.replace(data, **changes)


def _agreement_done(store: Store, cid: int) -> None:
    a = next(a for m in records._read_record(store, cid).meetings for a in m.agreements)
    meetings.set_agreement_done(store, a.id, date(2026, 6, 1))


def _edit_citizen(store: Store, cid: int) -> None:
    c = citizens.get_citizen(store, cid)
    data = _replace(citizens.citizen_input(c), name="Åse Andersen")
    citizens.update_citizen(store, cid, data)


def _rename_group(store: Store, cid: int) -> None:
    group = records._read_record(store, cid).target_group
    staircase_edits.rename_target_group(store, group.id, "Ny målgruppe")


def _rename_staff(store: Store, cid: int) -> None:
    caseworker = records._read_record(store, cid).caseworker
    with store.write():
        store.execute("UPDATE staff SET name = 'Mette Ny' WHERE id = ?", (caseworker.id,))


def _retire_step(store: Store, cid: int) -> None:
    staircase_edits.retire_step(store, _steps(store)[-1].id, date(2026, 7, 1))


WRITES: dict[str, Callable[[Store, int], None]] = {
    "record a meeting": _record_meeting,
    "edit a meeting": _edit_meeting,
    "delete a meeting": lambda s, c: meetings.delete_meeting(s, _first_meeting(s, c).id),
    "tick an agreement done": _agreement_done,
    "edit the citizen": _edit_citizen,
    "close the course": lambda s, c: citizens.close_citizen(
        s, c, CloseReason.JOB, date(2026, 6, 1)
    ),
    "rename the target group": _rename_group,
    "rename the caseworker": _rename_staff,
    "retire a step": _retire_step,
    "erase the citizen": citizens.erase_citizen,
}


def _read_again(store: Store, cid: int):
    try:
        return citizens.get_citizen_record(store, cid)
    except NotFoundError:
        return None


def _fresh(store: Store, cid: int):
    try:
        return records._read_record(store, cid)
    except NotFoundError:
        return None


ROWS_WRITTEN = {"record a meeting", "edit a meeting", "delete a meeting", "tick an agreement done"}


@pytest.mark.parametrize("write", WRITES, ids=list(WRITES))
def test_after_every_write_the_record_is_what_reading_gives(store, citizen_with_history, write):
    cid = citizen_with_history
    shown = citizens.get_citizen_record(store, cid)
    WRITES[write](store, cid)
    after = _read_again(store, cid)
    assert after == _fresh(store, cid)
    if write in ROWS_WRITTEN:
        assert after != shown and not reused(after, shown)


ROW_WRITES = {
    "meetings": (
        "INSERT INTO meetings (citizen_id, held_on, created_at, created_by)"
        " VALUES (:c, '2026-07-01', 'x', 'x')",
        "UPDATE meetings SET participants = participants WHERE citizen_id = :c",
        "DELETE FROM meetings WHERE citizen_id = :c"
        " AND id = (SELECT max(id) FROM meetings WHERE citizen_id = :c)",
    ),
    "placements": (
        "INSERT INTO placements (citizen_id, placed_on, assessed_by, step_id)"
        " VALUES (:c, '2026-07-01', 'citizen', (SELECT min(id) FROM steps))",
        "UPDATE placements SET step_id = step_id WHERE citizen_id = :c",
        "DELETE FROM placements WHERE citizen_id = :c"
        " AND id = (SELECT max(id) FROM placements WHERE citizen_id = :c)",
    ),
    "agreements": (
        "INSERT INTO agreements (meeting_id, citizen_id, what, responsible)"
        " VALUES ((SELECT max(id) FROM meetings WHERE citizen_id = :c), :c, 'Ny', 'citizen')",
        "UPDATE agreements SET what = what WHERE citizen_id = :c",
        "DELETE FROM agreements WHERE citizen_id = :c"
        " AND id = (SELECT max(id) FROM agreements WHERE citizen_id = :c)",
    ),
    "activities": (
        "INSERT INTO activities (meeting_id, kind)"
        " VALUES ((SELECT max(id) FROM meetings WHERE citizen_id = :c), 'Mentor')",
        "UPDATE activities SET kind = kind"
        " WHERE meeting_id IN (SELECT id FROM meetings WHERE citizen_id = :c)",
        "DELETE FROM activities WHERE id = (SELECT max(id) FROM activities"
        " WHERE meeting_id IN (SELECT id FROM meetings WHERE citizen_id = :c))",
    ),
}


def test_the_stamped_tables_are_every_table_the_rows_come_from():
    read = " ".join((records.ACTIVITY_COLUMNS, records.AGREEMENT_COLUMNS, records.MEETING_COLUMNS))
    assert "placement" not in read and set(ROW_WRITES) == set(schema.STAMPED_TABLES)


@pytest.mark.parametrize("table", schema.STAMPED_TABLES)
def test_any_program_writing_a_row_reads_them_anew(store, citizen_with_history, db_path, table):
    """Plain SQLite on its own connection, no Trappe code: an INSERT, an UPDATE that writes
    the same values back, and a DELETE of the citizen's rows each set a new stamp."""
    cid = citizen_with_history
    for statement in ROW_WRITES[table]:
        shown = citizens.get_citizen_record(store, cid)
        other = sqlite3.connect(db_path)
        with other:
            assert other.execute(statement, {"c": cid}).rowcount >= 1, statement
        other.close()
        after = citizens.get_citizen_record(store, cid)
        assert not reused(after, shown), statement
        assert after == _fresh(store, cid)


def test_every_stamped_table_has_its_three_triggers(store, citizen_with_history):
    triggers = {
        (r[0], r[1])
        for r in store.tuples(
            "SELECT tbl_name, substr(name, length(tbl_name) + 8) FROM sqlite_master"
            " WHERE type = 'trigger' AND name LIKE '%_stamp_%'"
        )
    }
    for table in schema.STAMPED_TABLES:
        assert {(table, "insert"), (table, "update"), (table, "delete")} <= triggers, table
    every = store.scalar("SELECT count(*) FROM citizens")
    assert store.scalar("SELECT count(*) FROM record_stamps") == every > 0


def test_a_citizen_without_a_stamp_is_always_read_anew(store, citizen_with_history):
    with store.write():
        store.execute("DELETE FROM record_stamps WHERE citizen_id = ?", (citizen_with_history,))
    shown = citizens.get_citizen_record(store, citizen_with_history)
    assert not reused(citizens.get_citizen_record(store, citizen_with_history), shown)


def test_a_change_of_the_schema_reads_them_anew(store, citizen_with_history):
    shown = citizens.get_citizen_record(store, citizen_with_history)
    with store.write():
        store.execute("CREATE TABLE scratch (x)")
    assert not reused(citizens.get_citizen_record(store, citizen_with_history), shown)


def test_another_connection_writing_reads_them_anew(store, citizen_with_history, db_path):
    shown = citizens.get_citizen_record(store, citizen_with_history)
    with open_store(db_path, Actor("Jens Østergaard", Role.COMPANY_CONSULTANT)) as other:
        _record_meeting(other, citizen_with_history)
    after = citizens.get_citizen_record(store, citizen_with_history)
    assert len(after.meetings) == len(shown.meetings) + 1
    assert after == _fresh(store, citizen_with_history)


def test_another_process_writing_reads_them_anew(store, citizen_with_history, db_path):
    shown = citizens.get_citizen_record(store, citizen_with_history)
    script = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute(\"UPDATE meetings SET caseworker_note = 'Fra et andet program'"
        ' WHERE citizen_id = ?", (int(sys.argv[2]),))\n'
        "c.close()\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(db_path), str(citizen_with_history)], check=True
    )
    after = citizens.get_citizen_record(store, citizen_with_history)
    assert not reused(after, shown)
    assert {m.caseworker_note for m in after.meetings} == {"Fra et andet program"}


def test_a_connection_made_anew_reads_them_anew(store, citizen_with_history):
    shown = citizens.get_citizen_record(store, citizen_with_history)
    store.reopen()
    after = citizens.get_citizen_record(store, citizen_with_history)
    assert not reused(after, shown) and after == shown


def test_the_migration_stamps_every_citizen_after_a_backup(tmp_path, actor):
    path = tmp_path / "before.sqlite"
    database_before_with(path, "0014_s24_record_stamps", "UPDATE citizens SET name = name")
    with open_store(path, actor) as store:
        stamps = dict(store.tuples("SELECT citizen_id, stamp FROM record_stamps"))
        assert set(stamps) == {1, 2} and None not in stamps.values()
        shown = citizens.get_citizen_record(store, 2)
        assert len(shown.meetings) == 1 and len(shown.meetings[0].agreements) == 1
        assert reused(citizens.get_citizen_record(store, 2), shown)
        with store.write():
            store.execute("UPDATE agreements SET done_on = '2026-03-01' WHERE citizen_id = 2")
        assert citizens.get_citizen_record(store, 2).meetings[0].agreements[0].done
        assert store.integrity_ok()
    assert list((tmp_path / "backups").glob("before.*.migration-v*.sqlite"))


def test_a_handover_received_reads_the_record_anew(
    store, citizen_with_history, tmp_path: Path, monkeypatch
):
    monkeypatch.setattr("trappe.model.handover_file.SCRYPT", {"n": 2**10, "r": 8, "p": 1})
    sent = handover.export_handover(store, citizen_with_history, tmp_path / "a.trappe")
    with open_store(tmp_path / "modtager.sqlite", Actor("Lise Lund", Role.CASEWORKER)) as receiver:
        package = handover.read_handover(sent.path, sent.passphrase)
        cid = handover.import_handover(receiver, package).citizen_id
        shown = citizens.get_citizen_record(receiver, cid)
        _record_meeting(store, citizen_with_history)
        again = handover.export_handover(store, citizen_with_history, tmp_path / "b.trappe")
        package = handover.read_handover(again.path, again.passphrase)
        handover.import_handover(receiver, package, merge=True)
        after = citizens.get_citizen_record(receiver, cid)
        assert len(after.meetings) == len(shown.meetings) + 1
        assert after == _fresh(receiver, cid)


def test_retention_erasing_a_course_reads_the_record_anew(store, citizen_with_history):
    from trappe.model import retention

    citizens.close_citizen(store, citizen_with_history, CloseReason.JOB, date(2026, 6, 1))
    citizens.get_citizen_record(store, citizen_with_history)
    result = retention.apply_retention(store, [citizen_with_history], date(2040, 1, 1), backup=None)
    assert citizen_with_history not in result.not_due
    with pytest.raises(NotFoundError):
        citizens.get_citizen_record(store, citizen_with_history)


def test_rows_pushed_out_while_drops_are_held_are_freed_after(store, citizen_with_history):
    """The window holds what is dropped while it draws a citizen (``kept.hold_drops``): the
    rows of the citizen opened longest ago, pushed out by a new one, wait until ``free_held``."""
    from trappe.model import kept

    first = citizens.get_citizen_record(store, citizen_with_history)
    for i in range(records._Reuse.KEEP - 1):
        citizens.get_citizen_record(store, other_citizen(store, f"Borger {i}"))
    newest = other_citizen(store, "Borger sidst")
    kept.hold_drops()
    try:
        citizens.get_citizen_record(store, newest)  # pushes out the first citizen's rows
        held = [v for v in kept._held if isinstance(v, tuple)]
        assert any(v[1][0] is first.placements and v[1][1] is first.meetings for v in held)
    finally:
        kept.free_held()
    assert kept._held == []
