"""Placements, agreements and meetings have slots and are made through twin classes of the same
slots (``record_rows``): in SQLite's loop, in ``records``' plain loops and in ``record_batch``.
The objects are those the constructors make, field for field, for odd data (NULLs, odd
Unicode, huge texts, days shared, ids out of order), and behave as the classes' own."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import random
import sqlite3
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.model import test_record_objects as objects
from trappe.model import citizens, record_rows, records, staircase
from trappe.model.entities import (
    Agreement,
    Assessor,
    CitizenInput,
    Meeting,
    Placement,
    Responsible,
)
from trappe.model.store import Store

same, plain_read = objects.same, objects.plain_read
odd_citizen = objects.odd_citizen  # (the fixture)

_ODD_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "Åse Ærø-Østergård", "\u0000", "a\r\nb", "\U0001f600\u200d", "ﬁ"]),
    st.just("lang tekst æøå " * 20_000),
)
_NO_SURROGATES = st.characters(blacklist_categories=("Cs",))
_DB_TEXT = st.one_of(  # (SQLite holds UTF-8: no lone surrogates)
    st.text(_NO_SURROGATES, max_size=30),
    st.sampled_from(["", "Åse Ærø-Østergård", "\u0000 nul", "a\r\nb", "\U0001f600\u200d"]),
    st.just("lang tekst æøå " * 20_000),
)
_DAYS = [date(2026, 1, 1) + timedelta(days=k) for k in (0, 0, 1, 31, 400)]


def test_the_record_objects_have_slots_and_no_dictionary(store: Store, odd_citizen: int):
    """(Fails on the old code: the objects were made as dictionaries of fields.)"""
    record = citizens.get_citizen_record(store, odd_citizen, log_read=False)
    meeting = next(m for m in record.meetings if m.agreements)
    for cls in (Placement, Agreement, Meeting):
        assert cls.__slots__ == tuple(f.name for f in dataclasses.fields(cls))
    for obj in (record.placements[0], meeting, meeting.agreements[0]):
        assert not hasattr(obj, "__dict__")
        fields = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
        again = type(obj)(**fields)
        assert again == obj and repr(again) == repr(obj)
        assert pickle.loads(pickle.dumps(obj)) == obj and copy.deepcopy(obj) == obj
        assert dataclasses.asdict(obj) == dataclasses.asdict(again)
        with pytest.raises(dataclasses.FrozenInstanceError):
            obj.id = 7  # type: ignore[misc]
        with pytest.raises(dataclasses.FrozenInstanceError):  # (as without slots: any name)
            obj.extra = 1  # type: ignore[attr-defined]
        with pytest.raises(dataclasses.FrozenInstanceError):
            del obj.extra  # type: ignore[attr-defined]
        with pytest.raises(dataclasses.FrozenInstanceError):
            del obj.id  # type: ignore[misc]
    placement = record.placements[0]
    assert hash(placement) == hash(dataclasses.replace(placement))


def test_a_twin_is_its_class_with_nothing_else():
    for twin, cls in (
        (record_rows.PlacementTwin, Placement),
        (record_rows.AgreementTwin, Agreement),
        (record_rows.MeetingTwin, Meeting),
    ):
        assert twin.__slots__ == cls.__slots__ and twin.__bases__ == (object,)
        assert not hasattr(twin(), "__dict__")
    assert records._placement(1, 2, _DAYS[0], Assessor.CITIZEN, 3, None) == Placement(
        1, 2, _DAYS[0], Assessor.CITIZEN, 3
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_DAYS),
            st.sampled_from([0, 1]),
            st.integers(-(2**63), 2**63 - 1),
            st.one_of(st.none(), st.integers(1, 4)),
        ),
        max_size=8,
    ),
    st.lists(
        st.tuples(
            st.integers(1, 4),
            st.integers(0, 2),
            st.sampled_from(range(len(Responsible))),
            st.one_of(st.none(), st.sampled_from(_DAYS)),
            st.one_of(st.none(), st.sampled_from(_DAYS)),
            _ODD_TEXT,
            _ODD_TEXT,
        ),
        max_size=6,
    ),
    st.lists(
        st.tuples(
            st.sampled_from(_DAYS),
            st.one_of(st.none(), st.sampled_from(_DAYS)),
            _ODD_TEXT,
            _ODD_TEXT,
            st.one_of(st.none(), st.integers()),
        ),
        max_size=6,
    ),
    st.randoms(use_true_random=False),
)
def test_the_makers_and_the_plain_loops_make_what_the_constructors_make(
    placement_rows, agreement_rows, meeting_rows, rnd: random.Random
):
    """Rows in the ORDER BY's order (ids out of the days' order), odd texts and values: the
    objects of the makers in SQLite's loop and of ``records``' loops are the constructors'."""
    iso = date.isoformat
    ids = rnd.sample(range(1, 100), 30)
    pl = sorted(
        ((ids[k], iso(on), by, s, m) for k, (on, by, s, m) in enumerate(placement_rows)),
        key=lambda r: (r[1], r[0]),
    )
    ag = sorted(
        (
            (m, what, r, due and iso(due), done and iso(done), other, ids[k], pos)
            for k, (m, pos, r, due, done, what, other) in enumerate(agreement_rows)
        ),
        key=lambda r: (r[0], r[7], r[6]),
    )
    me = sorted(
        (
            (ids[k], iso(held), who, cw, cw[::-1], nxt and iso(nxt), version)
            for k, (held, nxt, who, cw, version) in enumerate(meeting_rows)
        ),
        key=lambda r: (r[1], r[0]),
    )
    by = (Assessor.PROFESSIONAL, Assessor.CITIZEN)
    day = date.fromisoformat
    placements = [Placement(i, 3, day(on), by[b], s, m) for i, on, b, s, m in pl]
    agreements: dict[int, list[Agreement]] = {}
    for m, what, r, due, done, other, i, _ in ag:
        who = tuple(Responsible)[r]
        made = Agreement(what, who, due and day(due), done and day(done), other, i, m)
        agreements.setdefault(m, []).append(made)
    steps: tuple[dict, dict] = ({}, {})
    for p in placements:
        steps[p.assessor is Assessor.CITIZEN][p.meeting_id] = p.step_id
    meetings = [
        Meeting(
            *(mid, 3, day(held), who, steps[0].get(mid), steps[1].get(mid), cw, vk),
            *(nxt and day(nxt), [], list(agreements.get(mid, [])), version),
        )
        for mid, held, who, cw, vk, nxt, version in me
    ]
    # ``records``' plain loops (the fallback, ``record_batch``)
    same(records.placements_of(3, pl), placements)
    plain_agreements = records.agreements_by_meeting([r[:7] for r in ag])
    assert list(plain_agreements) == list(agreements)
    for k, found in plain_agreements.items():
        same(found, agreements[k])
    same(records.meetings_of(3, me, placements, {}, plain_agreements), meetings)
    # the makers SQLite calls
    maker = record_rows.RowMaker(sqlite3.connect(":memory:"), *records._MADE_WITH)
    made_placements = maker.start_placements(3)
    for r in pl:
        maker.placement(*r)
    made_meetings = maker.start_meetings({})
    made_agreements = maker.start_agreements()
    for r in ag:
        maker.agreement(*r)
    for r in me:
        maker.meeting(*r)
    assert maker.failed is None
    same(made_placements, placements)
    assert list(made_agreements) == list(agreements)
    same(made_meetings, meetings)


def _write_rows(store: Store, cid: int, step_ids: list[int], data: st.DataObject) -> None:
    """Meetings, placements and agreements of odd data, with ids out of the days' order."""
    n = data.draw(st.integers(0, 5), label="meetings")
    base = store.scalar("SELECT coalesce(max(id), 0) FROM meetings") + 1
    meeting_ids = [base + k for k in data.draw(st.permutations(range(n)), label="ids")]
    days = [date.isoformat(data.draw(st.sampled_from(_DAYS))) for _ in range(n)]
    top = store.scalar("SELECT coalesce(max(id), 0) FROM placements")
    pid = top + 100
    with store.write():
        for mid, held in zip(meeting_ids, days, strict=True):
            nxt = data.draw(st.one_of(st.none(), st.sampled_from(_DAYS)))
            store.execute(
                "INSERT INTO meetings (id, citizen_id, held_on, participants, caseworker_note,"
                " consultant_note, next_meeting_on, created_at, created_by, version)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, '2026-01-01', 'test', ?)",
                (
                    mid,
                    cid,
                    held,
                    data.draw(_DB_TEXT),
                    data.draw(_DB_TEXT),
                    data.draw(_DB_TEXT),
                    nxt and date.isoformat(nxt),
                    data.draw(st.integers(1, 2**62)),
                ),
            )
            for by in data.draw(st.lists(st.sampled_from(["professional", "citizen"]), max_size=4)):
                pid -= 1  # (ids going down while the days go up)
                store.execute(
                    "INSERT INTO placements (id, citizen_id, meeting_id, placed_on, assessed_by,"
                    " step_id) VALUES (?, ?, ?, ?, ?, ?)",
                    (pid, cid, mid, held, by, data.draw(st.sampled_from(step_ids))),
                )
            for position in data.draw(st.lists(st.integers(0, 2), max_size=3)):
                due, done = data.draw(
                    st.tuples(*[st.one_of(st.none(), st.sampled_from(_DAYS))] * 2)
                )
                store.execute(
                    "INSERT INTO agreements (meeting_id, citizen_id, position, what, responsible,"
                    " responsible_other, due_on, done_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        mid,
                        cid,
                        position,
                        data.draw(_DB_TEXT),
                        data.draw(st.sampled_from([r.value for r in Responsible])),
                        data.draw(_DB_TEXT),
                        due and date.isoformat(due),
                        done and date.isoformat(done),
                    ),
                )
        if data.draw(st.booleans(), label="a placement of no meeting"):
            store.execute(
                "INSERT INTO placements (id, citizen_id, meeting_id, placed_on, assessed_by,"
                " step_id) VALUES (?, ?, NULL, ?, 'citizen', ?)",
                (top + 200, cid, date.isoformat(_DAYS[1]), step_ids[0]),
            )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_a_record_of_odd_rows_read_in_sqlites_loop_is_the_plain_read(store: Store, data):
    step_ids = [s.id for s in staircase.load_staircase(store).steps]
    cid = citizens.create_citizen(store, CitizenInput(name="Odd", start_date=_DAYS[0])).id
    _write_rows(store, cid, step_ids, data)
    args = (store, cid, records._MADE_SQL, records._activities, records._MADE_WITH)
    made = record_rows.read(*args)
    assert made is not None  # (made in SQLite's loop, not the plain way)
    placements, meetings = plain_read(store, cid)
    same(made[0], placements)
    same(made[1], meetings)
    record = citizens.get_citizen_record(store, cid)
    same(record.placements, placements)
    same(record.meetings, meetings)
