"""Reading a chunk of citizens at once gives each the record read one at a time."""

from __future__ import annotations

from datetime import date

import pytest

from trappe.model import record_batch
from trappe.model.demo import build_demo_database
from trappe.model.entities import Actor
from trappe.model.record_batch import read_records
from trappe.model.records import get_citizen_record
from trappe.model.store import open_store


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo.sqlite"
    build_demo_database(path, Actor("Test"), 25, seed=7, today=date(2026, 11, 22))
    store = open_store(path, Actor("Test"))
    yield store, [r[0] for r in store.query("SELECT id FROM citizens ORDER BY id")]
    store.close()


def test_batched_records_equal_records_read_one_at_a_time(demo, monkeypatch):
    store, ids = demo
    monkeypatch.setattr(record_batch, "CHUNK", 4)  # several chunks, the last one short
    records = read_records(store, list(reversed(ids)))
    assert list(records) == list(reversed(ids))
    for cid in ids:
        one = get_citizen_record(store, cid, log_read=False)
        assert records[cid] == one
    # The demo has what a record can hold: meetings, activities, agreements, both placements.
    assert any(m.activities for r in records.values() for m in r.meetings)
    assert any(m.agreements for r in records.values() for m in r.meetings)
    assert any(r.caseworker and r.consultant and r.target_group for r in records.values())


def test_a_citizen_who_is_not_there_has_no_record_and_nothing_is_logged(
    store, citizen_with_history
):
    logged = store.query_one("SELECT count(*) FROM audit_log")[0]
    records = read_records(store, [citizen_with_history, 987654, citizen_with_history])
    assert list(records) == [citizen_with_history]
    assert records[citizen_with_history] == get_citizen_record(
        store, citizen_with_history, log_read=False
    )
    assert store.query_one("SELECT count(*) FROM audit_log")[0] == logged
    assert read_records(store, []) == {}
