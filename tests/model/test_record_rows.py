"""A record's placements, agreements and meetings made inside SQLite's loop (``record_rows``):
exactly the plain read's objects for odd data, made that way (not the plain way) when the rows
come in order, and the plain read whenever they do not: rows out of the ORDER BY's order, a
damaged value (the plain read's own exception then), a connection made anew."""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.model import test_record_objects as objects
from trappe.model import citizens, record_rows, records
from trappe.model.entities import Agreement, Meeting, Placement
from trappe.model.store import Store

odd_citizen = objects.odd_citizen  # (the fixture: a citizen with every odd thing a record holds)
plain_read, same = objects.plain_read, objects.same


def _spy(monkeypatch) -> list:
    """What each ``record_rows.read`` returned."""
    got: list = []
    read = record_rows.read

    def spied(*args):
        got.append(read(*args))
        return got[-1]

    monkeypatch.setattr(record_rows, "read", spied)
    return got


def test_the_record_is_made_in_sqlites_loop_equal_to_a_plain_read(store, odd_citizen, monkeypatch):
    got = _spy(monkeypatch)
    record = citizens.get_citizen_record(store, odd_citizen)
    assert len(got) == 1 and got[0] is not None  # (made in SQLite's loop, not the plain way)
    assert got[0][0] is record.placements and got[0][1] is record.meetings
    placements, meetings = plain_read(store, odd_citizen)
    same(record.placements, placements)
    same(record.meetings, meetings)
    assert record.meetings and any(m.agreements for m in record.meetings)


def test_rows_out_of_order_are_read_the_plain_way(store, odd_citizen):
    """Rows that come to the function out of the order the plain query's ORDER BY gives (no
    index: the table's own order; the odd citizen's rows written out of order, and their
    agreements' order turned round): declined, for each of the three tables. With the index,
    the same rows are made, equal to a plain read."""
    with store.write():
        store.execute(
            "UPDATE agreements SET position = 10 - position WHERE citizen_id = ?", (odd_citizen,)
        )
    made = list(records._MADE_SQL)
    for k in range(3):
        sql = tuple(
            q.replace(" WHERE", " NOT INDEXED WHERE", 1) if j == k else q
            for j, q in enumerate(made)
        )
        args = (store, odd_citizen, sql, records._activities, records._MADE_WITH)
        assert record_rows.read(*args) is None, k
    args = (store, odd_citizen, records._MADE_SQL, records._activities, records._MADE_WITH)
    placements, meetings = record_rows.read(*args)
    plain = plain_read(store, odd_citizen)
    same(placements, plain[0])
    same(meetings, plain[1])
    assert [a.what for a in meetings[1].agreements][:2] == ["Aftale 4", "Aftale 3"]


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE placements SET placed_on = 'i går' WHERE id = (SELECT max(id) FROM placements)",
        "UPDATE agreements SET due_on = '2025-13-01' WHERE id = (SELECT max(id) FROM agreements)",
        "UPDATE meetings SET next_meeting_on = 'x' WHERE id = (SELECT min(id) FROM meetings)",
        "UPDATE placements SET assessed_by = 'x' WHERE id = (SELECT min(id) FROM placements)",
        "UPDATE agreements SET responsible = 'x' WHERE id = (SELECT min(id) FROM agreements)",
    ],
)
def test_a_damaged_value_fails_as_the_plain_read_does(store, odd_citizen, monkeypatch, damage):
    store.conn.execute("PRAGMA ignore_check_constraints = ON")
    with store.write():
        store.execute(damage)
    got = _spy(monkeypatch)
    with pytest.raises(Exception) as made:
        citizens.get_citizen_record(store, odd_citizen, log_read=False)
    assert got == [None]
    monkeypatch.setattr(record_rows, "read", lambda *args: None)
    with pytest.raises(Exception) as plain:
        citizens.get_citizen_record(store, odd_citizen, log_read=False)
    assert type(made.value) is type(plain.value) and str(made.value) == str(plain.value)


def test_an_interrupt_while_making_a_row_is_raised(store, odd_citizen):
    def interrupted(text):
        raise KeyboardInterrupt

    args = (store, odd_citizen, records._MADE_SQL, records._activities)
    with pytest.raises(KeyboardInterrupt):
        record_rows.read(
            *args, (records._ASSESSOR_BY_CODE, records._RESPONSIBLE_BY_CODE, interrupted)
        )


def test_a_connection_made_anew_gets_the_functions_anew(store: Store, odd_citizen, monkeypatch):
    first = citizens.get_citizen_record(store, odd_citizen, log_read=False)
    store.reopen()
    got = _spy(monkeypatch)
    again = citizens.get_citizen_record(store, odd_citizen, log_read=False)
    assert got[0] is not None
    same(again.meetings, first.meetings)
    same(again.placements, first.placements)


# -- the makers, row by row, against the plain loops ---------------------------------------------
_DAYS = ["2026-01-01", "2026-01-02", "2026-02-01"]


def _maker() -> record_rows.RowMaker:
    import sqlite3

    return record_rows.RowMaker(
        sqlite3.connect(":memory:"),
        records._ASSESSOR_BY_CODE,
        records._RESPONSIBLE_BY_CODE,
        records._day,
    )


@given(
    st.lists(
        st.tuples(
            st.sampled_from(_DAYS),
            st.sampled_from([0, 1]),
            st.integers(1, 5),
            st.one_of(st.none(), st.integers(1, 4)),
        ),
        max_size=10,
    ),
    st.lists(
        st.tuples(
            st.integers(1, 4),
            st.integers(0, 2),
            st.sampled_from([0, 1, 2, 3]),
            st.one_of(st.none(), st.just(""), st.sampled_from(_DAYS)),
            st.one_of(st.none(), st.sampled_from(_DAYS)),
            st.sampled_from(["", "Mor"]),
        ),
        max_size=8,
    ),
    st.lists(
        st.tuples(st.sampled_from(_DAYS), st.one_of(st.none(), st.sampled_from(_DAYS))),
        max_size=6,
    ),
    st.randoms(use_true_random=False),
)
def test_each_maker_makes_what_the_plain_loops_make_or_declines_rows_out_of_order(
    placement_rows, agreement_rows, meeting_rows, rnd: random.Random
):
    """In the ORDER BY's order: the objects of ``placements_of``, ``agreements_by_meeting``
    and ``meetings_of``; shuffled: the same, or declined (``_Disorder``) when out of order."""
    pl = sorted(
        ((i + 1, on, by, s, m) for i, (on, by, s, m) in enumerate(placement_rows)),
        key=lambda r: (r[1], r[0]),
    )
    ag = sorted(
        (
            (m, f"a{i}", r, due, done, o, i + 1, pos)
            for i, (m, pos, r, due, done, o) in enumerate(agreement_rows)
        ),
        key=lambda r: (r[0], r[7], r[6]),
    )
    me = sorted(
        ((i + 1, held, "p", "cw", "vk", nxt, 1) for i, (held, nxt) in enumerate(meeting_rows)),
        key=lambda r: (r[1], r[0]),
    )
    plain_placements = records.placements_of(3, pl)
    plain_agreements = records.agreements_by_meeting([r[:7] for r in ag])
    plain_meetings = records.meetings_of(3, me, plain_placements, {}, plain_agreements)
    for shuffle in (False, True):
        rows = [list(pl), list(ag), list(me)]
        if shuffle:
            for r in rows:
                rnd.shuffle(r)
        maker = _maker()
        placements = maker.start_placements(3)
        for r in rows[0]:
            maker.placement(*r)
        agreements = maker.start_agreements()
        for r in rows[1]:
            maker.agreement(*r)
        meetings = maker.start_meetings({})
        for r in rows[2]:
            maker.meeting(*r)
        if maker.failed is not None:
            assert shuffle and isinstance(maker.failed, record_rows._Disorder)
            assert rows != [pl, ag, me]
            continue
        same(placements, plain_placements)
        assert list(agreements) == list(plain_agreements)
        for k in agreements:
            same(agreements[k], plain_agreements[k])
        same(meetings, plain_meetings)
        assert all(type(p) is Placement for p in placements)
        assert all(type(m) is Meeting for m in meetings)
        assert all(type(a) is Agreement for v in agreements.values() for a in v)
    assert date  # (dates made by the makers are compared by ``same``)


def test_one_maker_reads_citizen_after_citizen_and_keeps_nothing(store, odd_citizen, monkeypatch):
    other = citizens.create_citizen(
        store, objects.CitizenInput(name="Bo", start_date=date(2025, 1, 1))
    ).id
    got = _spy(monkeypatch)
    for cid in (odd_citizen, other, odd_citizen):
        record = citizens.get_citizen_record(store, cid, log_read=False)
        placements, meetings = plain_read(store, cid)
        same(record.placements, placements)
        same(record.meetings, meetings)
    assert len(got) == 2 and None not in got  # (the third: handed out again, ``_Reuse``)
    maker = record_rows._MAKERS[store][1]
    assert not hasattr(maker, "__dict__")
    assert maker.placements is None and maker.meetings is None and maker.agreements is None
