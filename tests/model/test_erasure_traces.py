"""No trace of erased personal data: after every erasure path, the raw bytes of the database
file and its WAL hold none of the erased text, and the full-text search index is exactly what
it would be had the erased text never been there (its old segments merged away).

Each test plants unique marker strings, erases them through the model, and then scans the
files as an attacker with a copy of the laptop's disk would. The erasure itself checkpoints
the WAL; the tests add no checkpoint of their own.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from trappe.model import audit, citizens, handover, meetings, ops, retention, staircase
from trappe.model.entities import (
    Activity,
    Actor,
    Agreement,
    CitizenInput,
    CloseReason,
    MeetingInput,
    Responsible,
    Role,
)
from trappe.model.store import Store, open_store

# Unique strings, each planted once; the search index holds the folded (lower-case) name.
NAME = "Qwyzzelbarth Knorrikjaer"
CPR = "311299-9871"
NOTE = "Notat-XJQ-7731 om helbred"
AGREEMENT = "Aftale-ZPV-4412 med lægen"
ACTIVITY = "Praktik-KWB-0915 hos firma"
SEARCHED = "Søgt-VHM-5520"


def _needles(*texts: str) -> list[bytes]:
    out = []
    for text in texts:
        for form in {text, text.lower(), text.casefold()}:
            out.append(form.encode("utf-8"))
    return out


def traces(db_path: Path, *texts: str) -> list[str]:
    """Which of ``texts`` (as written or folded) occur anywhere in the file or its WAL."""
    found = []
    for part in (db_path, db_path.with_name(db_path.name + "-wal")):
        if not part.exists():
            continue
        data = part.read_bytes()
        found += [f"{part.name}: {n!r}" for n in _needles(*texts) if n in data]
    return found


def index_is_as_if_never_there(store: Store) -> bool:
    """The search index's stored blocks equal those of an index built afresh from the rows
    that remain (in a copy made with the backup API), so no erased word is left in it."""
    fresh = sqlite3.connect(":memory:")
    try:
        store.conn.backup(fresh)
        fresh.execute("INSERT INTO citizen_search (citizen_search) VALUES ('rebuild')")
        fresh.execute("INSERT INTO citizen_search (citizen_search) VALUES ('optimize')")

        def blocks(conn) -> list[bytes]:  # id 10 is the structure record (segment ids)
            return [
                bytes(r[0])
                for r in conn.execute("SELECT block FROM citizen_search_data WHERE id != 10")
            ]

        return blocks(store.conn) == blocks(fresh)
    finally:
        fresh.close()


def _plant(store: Store, *, start: date = date(2026, 1, 5)) -> int:
    steps = staircase.load_staircase(store).steps
    c = citizens.create_citizen(store, CitizenInput(name=NAME, identifier=CPR, start_date=start))
    _meeting(store, c.id, start + timedelta(days=30), steps[1].id)
    return c.id


def _meeting(store: Store, citizen_id: int, on: date, step_id: int):
    return meetings.record_meeting(
        store,
        citizen_id,
        MeetingInput(
            held_on=on,
            professional_step_id=step_id,
            participants=NAME,
            caseworker_note=NOTE,
            consultant_note=NOTE,
            activities=[Activity("virksomhedspraktik", ACTIVITY, ACTIVITY, 4)],
            agreements=[Agreement(AGREEMENT, Responsible.CITIZEN, on + timedelta(days=14))],
        ),
    )


@pytest.fixture
def others(store: Store) -> None:
    """Citizens who stay, so that the index and the pages hold more than the erased one."""
    for name in ("Anna Andersen", "Bo Bech", "Åse Ærø Søndergård"):
        citizens.create_citizen(store, CitizenInput(name=name, start_date=date(2026, 1, 1)))


def test_planted_text_is_found_before_erasure(store, db_path, others):
    """The scan works: before the erasure every marker is there (file or WAL)."""
    _plant(store)
    store.checkpoint()
    found = traces(db_path, NAME, CPR, NOTE, AGREEMENT, ACTIVITY)
    for text in (NAME, CPR, NOTE, AGREEMENT, ACTIVITY):
        assert any(repr(text.encode())[1:] in f for f in found), text


def test_erasing_a_citizen_leaves_no_trace(store, db_path, others):
    cid = _plant(store)
    store.checkpoint()
    ops.erase_citizen(store, cid)
    assert traces(db_path, NAME, CPR, NOTE, AGREEMENT, ACTIVITY) == []
    assert index_is_as_if_never_there(store)


def test_retention_erasure_leaves_no_trace(store, db_path, others):
    cid = _plant(store, start=date(2015, 1, 5))
    citizens.close_citizen(store, cid, CloseReason.OTHER, date(2016, 1, 1))
    store.checkpoint()
    result = retention.apply_retention(store, [cid], date(2031, 3, 2), backup=None)
    assert result.erased == [cid]
    assert traces(db_path, NAME, CPR, NOTE, AGREEMENT, ACTIVITY) == []
    assert index_is_as_if_never_there(store)


def test_thinning_the_log_leaves_no_search_criteria(store, db_path, others):
    audit.log_search(store, {"text": SEARCHED}, 0)
    store.checkpoint()
    assert traces(db_path, SEARCHED), "the criteria are kept until the log is thinned"
    later = date.today() + timedelta(days=366 * 20)
    result = retention.apply_retention(store, [], later, backup=None)
    assert result.thinned is not None and result.thinned.entries > 0
    assert traces(db_path, SEARCHED) == []


def test_deleting_a_meeting_leaves_no_trace_of_its_text(store, db_path, others):
    c = citizens.create_citizen(store, CitizenInput(name="Bo Bech 2", start_date=date(2026, 1, 1)))
    steps = staircase.load_staircase(store).steps
    m = _meeting(store, c.id, date(2026, 2, 1), steps[1].id)
    store.checkpoint()
    ops.delete_meeting(store, m.id)
    assert traces(db_path, NAME, NOTE, AGREEMENT, ACTIVITY) == []


def test_erasing_after_a_handover_leaves_no_trace(store, db_path, others, tmp_path, monkeypatch):
    monkeypatch.setattr("trappe.model.handover_file.SCRYPT", {"n": 2**10, "r": 8, "p": 1})
    cid = _plant(store)
    out = handover.export_handover(store, cid, tmp_path / "ud.trappe-overdragelse")
    store.checkpoint()
    handover.erase_after_handover(store, cid, out.path, out.passphrase)
    assert traces(db_path, NAME, CPR, NOTE, AGREEMENT, ACTIVITY) == []
    assert index_is_as_if_never_there(store)


def test_a_merged_handover_erased_at_the_receiver_leaves_no_trace(store, tmp_path, monkeypatch):
    """The receiver merges the course into a citizen it has (same CPR), with the sender's
    access log and extra rows kept beside it; erasing that citizen there erases all of it."""
    monkeypatch.setattr("trappe.model.handover_file.SCRYPT", {"n": 2**10, "r": 8, "p": 1})
    cid = _plant(store)
    citizens.get_citizen_record(store, cid)  # an access-log entry that travels
    out = handover.export_handover(store, cid, tmp_path / "ud.trappe-overdragelse")
    receiver_path = tmp_path / "modtager.sqlite"
    receiver = open_store(receiver_path, Actor("Jonas Kragh", Role.CASEWORKER))
    try:
        here = citizens.create_citizen(
            receiver,
            CitizenInput(name="Q. Knorrikjær", identifier=CPR, start_date=date(2026, 1, 5)),
        )
        package = handover.read_handover(out.path, out.passphrase)
        result = handover.import_handover(receiver, package, merge=True)
        assert result.citizen_id == here.id
        receiver.checkpoint()
        assert traces(receiver_path, NOTE), "the merged meeting's note arrived"
        ops.erase_citizen(receiver, here.id)
        assert traces(receiver_path, NAME, CPR, NOTE, AGREEMENT, ACTIVITY, "Knorrikjær") == []
        assert index_is_as_if_never_there(receiver)
    finally:
        receiver.close()


def test_a_corrected_name_and_cpr_leave_no_trace(store, db_path, others):
    """Rectification: the replaced name and CPR number are gone from the file, the WAL and the
    search index once the correction is saved (an unchanged edit costs no index merge)."""
    c = citizens.create_citizen(store, CitizenInput(name=NAME, identifier=CPR))
    store.checkpoint()
    assert traces(db_path, NAME, CPR)
    fixed = citizens.update_citizen(
        store, c.id, CitizenInput(name="Rettet Navn", identifier="010203-4567")
    )
    assert fixed.name == "Rettet Navn"
    assert traces(db_path, NAME, CPR) == []
    assert index_is_as_if_never_there(store)
    assert citizens.get_citizen(store, c.id).identifier == "010203-4567"
