"""Opening a citizen again hands out the record read before, while the file is unchanged
(issue 12 item 4): every opening is still logged, and every way the file can change (a write
of any row on this connection, a commit on another connection or in another process, a change
of the schema, a connection made anew) reads the record afresh, equal to a plain read."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from trappe.model import audit, citizens, handover, meetings, records, staircase, staircase_edits
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


def test_opening_again_hands_out_the_same_record_and_logs_each_read(store, citizen_with_history):
    before = entries(store)
    first = citizens.get_citizen_record(store, citizen_with_history)
    again = citizens.get_citizen_record(store, citizen_with_history)
    unlogged = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    assert again is first and unlogged is first
    assert first == records._read_record(store, citizen_with_history)
    assert entries(store) == before + 2  # each opening logged, linked into the chain
    assert audit.verify_chain(store).ok


def test_openings_of_others_in_between_keep_it(store, citizen_with_history):
    others = [other_citizen(store, f"Borger {i}") for i in range(records._Reuse.KEEP - 1)]
    first = citizens.get_citizen_record(store, citizen_with_history)
    for other in others:
        citizens.get_citizen_record(store, other)
    assert citizens.get_citizen_record(store, citizen_with_history) is first
    # One more than is kept pushes out the one opened longest ago.
    newest = other_citizen(store, "Borger sidst")
    kept = citizens.get_citizen_record(store, others[-1])
    for other in [*others, newest]:
        citizens.get_citizen_record(store, other)
    assert citizens.get_citizen_record(store, others[-1]) is kept
    assert citizens.get_citizen_record(store, citizen_with_history) is not first


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


@pytest.mark.parametrize("write", WRITES, ids=list(WRITES))
def test_every_write_reads_the_record_anew(store, citizen_with_history, write):
    cid = citizen_with_history
    shown = citizens.get_citizen_record(store, cid)
    WRITES[write](store, cid)
    after = _read_again(store, cid)
    assert after is not shown
    assert after == _fresh(store, cid)


def _tables(store: Store) -> list[str]:
    return [
        r[0]
        for r in store.tuples(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"  # (a search index's own
            # tables are written as any table; the index itself only by its triggers)
        )
    ]


def test_a_row_written_in_any_table_reads_the_record_anew(store, citizen_with_history):
    """Whatever a writer is (one not written yet included): one row of any table, written
    on this connection, is enough. Each row is written back as it was (the same values)."""
    other_citizen(store)  # (so no table the record reads is without rows)
    written = 0
    for table in _tables(store):
        row = store.query_one(f'SELECT * FROM "{table}" LIMIT 1')
        if row is None:
            continue
        shown = citizens.get_citizen_record(store, citizen_with_history)
        column = row.keys()[0]
        with store.write():
            store.execute(
                f'UPDATE "{table}" SET "{column}" = "{column}"'
                f' WHERE "{column}" IS (SELECT "{column}" FROM "{table}" LIMIT 1)'
            )
        assert citizens.get_citizen_record(store, citizen_with_history) is not shown, table
        written += 1
    assert written >= 10


def test_a_change_of_the_schema_reads_the_record_anew(store, citizen_with_history):
    shown = citizens.get_citizen_record(store, citizen_with_history)
    with store.write():
        store.execute("CREATE TABLE scratch (x)")
    assert citizens.get_citizen_record(store, citizen_with_history) is not shown


def test_another_connection_writing_reads_the_record_anew(
    store, citizen_with_history, db_path, actor
):
    shown = citizens.get_citizen_record(store, citizen_with_history)
    with open_store(db_path, Actor("Jens Østergaard", Role.COMPANY_CONSULTANT)) as other:
        _record_meeting(other, citizen_with_history)
    after = citizens.get_citizen_record(store, citizen_with_history)
    assert after is not shown and len(after.meetings) == len(shown.meetings) + 1
    assert after == _fresh(store, citizen_with_history)


def test_another_process_writing_reads_the_record_anew(store, citizen_with_history, db_path):
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
    assert after is not shown
    assert {m.caseworker_note for m in after.meetings} == {"Fra et andet program"}


def test_a_connection_made_anew_reads_the_record_anew(store, citizen_with_history):
    shown = citizens.get_citizen_record(store, citizen_with_history)
    store.reopen()
    after = citizens.get_citizen_record(store, citizen_with_history)
    assert after is not shown and after == shown


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
        assert after is not shown and len(after.meetings) == len(shown.meetings) + 1
        assert after == _fresh(receiver, cid)


def test_retention_erasing_a_course_reads_the_record_anew(store, citizen_with_history):
    from trappe.model import retention

    citizens.close_citizen(store, citizen_with_history, CloseReason.JOB, date(2026, 6, 1))
    assert citizens.get_citizen_record(store, citizen_with_history) is not None
    result = retention.apply_retention(store, [citizen_with_history], date(2040, 1, 1), backup=None)
    assert citizen_with_history not in result.not_due
    with pytest.raises(NotFoundError):
        citizens.get_citizen_record(store, citizen_with_history)
