"""Opening a citizen reads the record and writes its audit entry in one transaction, with one
statement for the chain's last link and the new entry's canonical text (issue 12 item 4): the
chain holds, the access log names the citizen, and a citizen who is not there is not logged."""

from __future__ import annotations

import pytest

from trappe.model import audit, citizens
from trappe.model.errors import NotFoundError


def entries(store) -> int:
    return int(store.scalar("SELECT count(*) FROM audit_log"))


def test_opening_logs_one_linked_entry(store, citizen_with_history):
    before = entries(store)
    record = citizens.get_citizen_record(store, citizen_with_history)
    assert record.citizen.id == citizen_with_history
    assert entries(store) == before + 1
    last = store.query_one("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1")
    assert (last["action"], last["object_type"], last["object_id"]) == (
        "read",
        "citizen",
        citizen_with_history,
    )
    assert last["citizen_id"] == citizen_with_history
    assert last["id"] == store.scalar("SELECT max(id) FROM audit_log")
    for _ in range(3):
        citizens.get_citizen_record(store, citizen_with_history)
    report = audit.verify_chain(store)
    assert report.ok and report.entries == before + 4
    assert not store.conn.in_transaction


def test_the_first_entry_of_an_empty_log_continues_from_genesis(store, citizen_with_history):
    with store.write():
        store.execute("DELETE FROM audit_log")
    citizens.get_citizen_record(store, citizen_with_history)
    row = store.query_one("SELECT id, hash FROM audit_log")
    assert row["id"] == 1
    canonical = store.scalar(f"SELECT {audit.canonical_sql()} FROM audit_log WHERE id = 1")
    assert bytes(row["hash"]) == audit.link(audit.GENESIS, canonical)
    assert audit.verify_chain(store).ok


def test_no_entry_for_a_citizen_who_is_not_there_or_a_reread(store, citizen_with_history):
    before = entries(store)
    with pytest.raises(NotFoundError):
        citizens.get_citizen_record(store, 999_999)
    citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    assert entries(store) == before
    assert not store.conn.in_transaction
