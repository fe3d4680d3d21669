"""A record's objects are made without their classes' ``__init__`` (``records._made``: a plain
object given its fields, then its class) and the staircase and open agreements of a record
read in order take shortcuts (``picture``): both must give exactly what the plain ways give.

The reference here reads every row with plain SQL and makes every object through its class's
own constructor; the record read must equal it field by field, with the same types, for odd
data: dates missing where they may be, many agreements per meeting, activities with and
without hours, placements outside any meeting or dated apart from their meeting, two
placements of one kind at one meeting, two meetings on one day, and rows written out of order.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
import random
import sqlite3
from dataclasses import FrozenInstanceError
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.harness.data import loose_placement
from trappe.model import citizens, records, staircase
from trappe.model.entities import (
    Activity,
    Agreement,
    Assessor,
    Citizen,
    CitizenInput,
    CitizenRecord,
    Meeting,
    MeetingInput,
    Placement,
    Responsible,
    Status,
)
from trappe.model.meetings import record_meeting
from trappe.model.picture import latest_placement, open_agreements, staircase_state
from trappe.model.store import Store


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def plain_read(store: Store, cid: int) -> tuple[list[Placement], list[Meeting]]:
    """The citizen's placements and meetings, read row by row and made by the constructors."""
    conn = sqlite3.connect(store.path)
    try:
        placements = [
            Placement(i, cid, date.fromisoformat(on), Assessor(by), step, meeting)
            for i, on, by, step, meeting in conn.execute(
                "SELECT id, placed_on, assessed_by, step_id, meeting_id FROM placements"
                " WHERE citizen_id = ? ORDER BY placed_on, id",
                (cid,),
            )
        ]
        meetings = []
        for mid, held, who, cw, vk, next_on, version in conn.execute(
            "SELECT id, held_on, participants, caseworker_note, consultant_note,"
            " next_meeting_on, version FROM meetings WHERE citizen_id = ? ORDER BY held_on, id",
            (cid,),
        ):
            mine = [p for p in placements if p.meeting_id == mid]  # (the last entered counts)
            pro = [p.step_id for p in mine if p.assessor is Assessor.PROFESSIONAL]
            own = [p.step_id for p in mine if p.assessor is Assessor.CITIZEN]
            activities = [
                Activity(kind, description, company, hours, i)
                for kind, description, company, hours, i in conn.execute(
                    "SELECT kind, description, company, hours_per_week, id FROM activities"
                    " WHERE meeting_id = ? ORDER BY id",
                    (mid,),
                )
            ]
            agreements = [
                Agreement(what, Responsible(who_), _day(due), _day(done), other, i, mid)
                for what, who_, due, done, other, i in conn.execute(
                    "SELECT what, responsible, due_on, done_on, responsible_other, id"
                    " FROM agreements WHERE meeting_id = ? AND citizen_id = ?"
                    " ORDER BY position, id",
                    (mid, cid),
                )
            ]
            meetings.append(
                Meeting(
                    mid,
                    cid,
                    date.fromisoformat(held),
                    who,
                    pro[-1] if pro else None,
                    own[-1] if own else None,
                    cw,
                    vk,
                    _day(next_on),
                    activities,
                    agreements,
                    version,
                )
            )
        return placements, meetings
    finally:
        conn.close()


def same(made: object, plain: object) -> None:
    """Equal, of the same class, with the same fields in the same order of the same types."""
    assert type(made) is type(plain)
    if isinstance(plain, list):
        assert len(made) == len(plain)  # type: ignore[arg-type]
        for a, b in zip(made, plain, strict=True):  # type: ignore[call-overload]
            same(a, b)
        return
    if dataclasses.is_dataclass(plain):
        names = [f.name for f in dataclasses.fields(plain)]
        if hasattr(plain, "__dict__"):
            assert list(vars(made)) == names
        else:  # (placements, agreements, meetings: slots, made through twins)
            assert not hasattr(made, "__dict__") and list(type(plain).__slots__) == names
        for name in names:
            same(getattr(made, name), getattr(plain, name))
        assert made == plain and repr(made) == repr(plain)
        if not isinstance(plain, Meeting):  # (a meeting holds lists: not hashable)
            assert hash(made) == hash(plain)
        return
    assert made == plain


@pytest.fixture
def odd_citizen(store: Store) -> int:
    """A citizen with every odd thing a record can hold (see the module)."""
    steps = staircase.load_staircase(store).steps
    cid = citizens.create_citizen(
        store, CitizenInput(name="Ulla Ødegård", start_date=date(2025, 1, 6))
    ).id
    many = [
        Agreement(f"Aftale {k}", r, date(2025, 3, k + 1) if k % 2 else None, None, o)
        for k, (r, o) in enumerate(
            [
                (Responsible.CITIZEN, ""),
                (Responsible.OTHER, "Lægen"),
                (Responsible.CASEWORKER, ""),
                (Responsible.COMPANY_CONSULTANT, ""),
                (Responsible.OTHER, "Mor, far og bror"),
            ]
        )
    ]
    activities = [Activity("Praktik", "Lager", "Netto", 37.5), Activity("Mentor"), Activity("X")]
    for held, pro, own, agreements, acts, next_on in [
        (date(2025, 3, 1), steps[1].id, steps[0].id, many, activities, date(2025, 4, 1)),
        (date(2025, 2, 1), steps[2].id, None, [], [], None),  # written after, dated before
        (date(2025, 4, 1), steps[0].id, steps[3].id, many[:1], activities[1:2], None),
        (date(2025, 4, 1), steps[4].id, steps[4].id, [], [], date(2025, 5, 1)),  # same day
        (date(2025, 5, 1), steps[1].id, None, [], [], None),
    ]:
        record_meeting(
            store,
            cid,
            MeetingInput(
                held_on=held,
                professional_step_id=pro,
                citizen_step_id=own,
                participants="Borger; sagsbehandler",
                caseworker_note="Første linje\nAnden linje",
                next_meeting_on=next_on,
                agreements=agreements,
                activities=acts,
            ),
        )
    loose_placement(store, cid, steps[5].id, Assessor.PROFESSIONAL, date(2025, 1, 20))
    loose_placement(store, cid, steps[2].id, Assessor.CITIZEN, date(2025, 4, 1))
    with store.write():  # done agreements, a placement moved off its meeting's day, and a
        # second professionals' placement at one meeting (older files hold such rows)
        store.execute("UPDATE agreements SET done_on = '2025-03-20' WHERE what = 'Aftale 2'")
        first = store.scalar(
            "SELECT id FROM meetings WHERE citizen_id = ? AND held_on = '2025-03-01'", (cid,)
        )
        store.execute(
            "UPDATE placements SET placed_on = '2025-03-02' WHERE meeting_id = ?"
            " AND assessed_by = 'citizen'",
            (first,),
        )
        store.execute(  # the last meeting without placements, one without the professionals'
            "DELETE FROM placements WHERE meeting_id IN (SELECT id FROM meetings"
            " WHERE citizen_id = :c AND held_on = '2025-05-01') OR (meeting_id IN (SELECT id"
            " FROM meetings WHERE citizen_id = :c AND held_on = '2025-04-01') AND step_id = :s)",
            {"c": cid, "s": steps[0].id},
        )
        store.execute(
            "INSERT INTO placements (citizen_id, meeting_id, placed_on, assessed_by, step_id)"
            " VALUES (?, ?, '2025-03-01', 'professional', ?)",
            (cid, first, steps[6].id),
        )
    return cid


def test_a_record_read_equals_a_plain_read_of_odd_data(store, odd_citizen):
    record = citizens.get_citizen_record(store, odd_citizen)
    placements, meetings = plain_read(store, odd_citizen)
    same(record.placements, placements)
    same(record.meetings, meetings)
    # The data is as odd as the module says.
    assert any(p.meeting_id is None for p in placements)
    assert any(m.next_meeting_on is None for m in meetings)
    assert any(len(m.agreements) > 3 for m in meetings)
    assert any(a.hours_per_week is None for m in meetings for a in m.activities)
    assert any(a.done_on and not a.due_on for m in meetings for a in m.agreements)
    assert any(a.due_on and not a.done_on for m in meetings for a in m.agreements)
    assert len({m.held_on for m in meetings}) < len(meetings)
    assert any(m.professional_step_id is None for m in meetings)
    assert any(m.professional_step_id is None and m.citizen_step_id for m in meetings)
    held = {m.id: m.held_on for m in meetings}
    pro = [p.meeting_id for p in placements if p.assessor is Assessor.PROFESSIONAL]
    assert any(pro.count(m) > 1 for m in held)
    assert any(p.meeting_id and p.placed_on != held[p.meeting_id] for p in placements)


def test_a_record_read_equals_a_plain_read_of_an_ordinary_citizen(store, citizen_with_history):
    record = citizens.get_citizen_record(store, citizen_with_history)
    placements, meetings = plain_read(store, citizen_with_history)
    same(record.placements, placements)
    same(record.meetings, meetings)


def test_objects_made_by_the_record_behave_as_their_classes_objects(store, odd_citizen):
    record = citizens.get_citizen_record(store, odd_citizen)
    meeting = next(m for m in record.meetings if m.activities and m.agreements)
    for obj in (record.placements[0], meeting, meeting.activities[0], meeting.agreements[0]):
        cls = type(obj)
        assert cls in (Placement, Meeting, Activity, Agreement)
        with pytest.raises(FrozenInstanceError):
            obj.id = 5  # type: ignore[misc]
        with pytest.raises(FrozenInstanceError):
            del obj.id  # type: ignore[misc]
        fields = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
        again = cls(**fields)
        assert again == obj and repr(again) == repr(obj)
        if cls is not Meeting:
            assert hash(again) == hash(obj) and {obj: 1}[again] == 1
        assert dataclasses.replace(obj, id=-1) != obj and dataclasses.asdict(obj)
        assert pickle.loads(pickle.dumps(obj)) == obj and copy.deepcopy(obj) == obj
        assert copy.copy(obj) == obj and type(copy.copy(obj)) is cls
        assert isinstance(obj, cls)
        # (placements, agreements and meetings have slots: no dictionary of fields)
        assert hasattr(obj, "__dict__") is (cls is Activity)
    assert all(type(p) is Placement for p in record.placements)


def test_a_meeting_without_activities_or_agreements_has_lists_of_its_own(store, odd_citizen):
    bare = [m for m in citizens.get_citizen_record(store, odd_citizen).meetings if not m.agreements]
    assert len(bare) >= 2
    assert bare[0].agreements is not bare[1].agreements
    assert bare[0].activities is not bare[1].activities


# -- the staircase and the open agreements of a record read in order ---------------------------
def _record(placements: list[Placement], meetings: list[Meeting]) -> CitizenRecord:
    citizen = Citizen(1, "Bo", None, None, None, None, date(2026, 1, 1), 3, None, Status.ACTIVE)
    return CitizenRecord(citizen, placements, meetings, None, None, None)


def test_the_staircase_of_a_record_read_is_that_of_the_plain_rule(store, odd_citizen):
    record = citizens.get_citizen_record(store, odd_citizen)
    placements, _ = plain_read(store, odd_citizen)
    state = staircase_state(record)
    pro = latest_placement(placements, Assessor.PROFESSIONAL)
    own = latest_placement(placements, Assessor.CITIZEN)
    assert (state.current_step_id, state.own_step_id) == (pro.step_id, own.step_id)
    shown = {pro.id, own.id}
    assert [tuple(h) for h in state.history] == [
        (p.placed_on, p.assessor, p.step_id) for p in placements if p.id not in shown
    ]


def _sorted_open(meetings: list[Meeting]) -> list[Agreement]:
    newest_first = sorted(meetings, key=lambda m: (m.held_on, m.id), reverse=True)
    return [a for m in newest_first for a in m.agreements if a.done_on is None]


def test_the_open_agreements_of_a_record_read_are_those_of_the_plain_rule(store, odd_citizen):
    record = citizens.get_citizen_record(store, odd_citizen)
    found = open_agreements(record)
    assert found == _sorted_open(record.meetings) and len(found) >= 4
    assert all(x is y for x, y in zip(found, _sorted_open(record.meetings), strict=True))


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(1, 6), st.integers(0, 3)), max_size=10))
def test_open_agreements_newest_first_for_meetings_in_any_order(rows):
    """Meetings in order, out of order, on the same day, with an id twice: the agreements
    open now are those of a stable sort, newest meeting first (as ``meeting_order``)."""
    meetings = [
        Meeting(
            mid,
            1,
            date(2026, 1, 1) + timedelta(days=d),
            "",
            None,
            None,
            "",
            "",
            None,
            [],
            [Agreement(f"{k}:{j}", Responsible.CITIZEN, meeting_id=mid) for j in range(n)],
        )
        for k, (d, mid, n) in enumerate(rows)
    ]
    for order in (meetings, sorted(meetings, key=lambda m: (m.held_on, m.id))):
        found = open_agreements(_record([], list(order)))
        assert [a.what for a in found] == [a.what for a in _sorted_open(list(order))]


@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.sampled_from(list(Assessor)), st.integers(1, 7)),
        max_size=12,
    ),
    st.randoms(use_true_random=False),
)
def test_the_staircase_of_placements_in_order_follows_latest_placement(rows, rnd: random.Random):
    """Placements as a record reads them (in order, unique ids) and shuffled: the same
    staircase as ``latest_placement`` and the history of every other placement."""
    placements = sorted(
        (Placement(i, 1, date(2026, 1, 1 + d), who, step) for i, (d, who, step) in enumerate(rows)),
        key=lambda p: (p.placed_on, p.id),
    )
    shuffled = placements[:]
    rnd.shuffle(shuffled)
    for order in (placements, shuffled):
        state = staircase_state(_record(order, []))
        pro = latest_placement(order, Assessor.PROFESSIONAL)
        own = latest_placement(order, Assessor.CITIZEN)
        assert state.current_step_id == (pro.step_id if pro else None)
        assert state.own_step_id == (own.step_id if own else None)
        shown = {p.id for p in (pro, own) if p is not None}
        assert [tuple(h) for h in state.history] == [
            (p.placed_on, p.assessor, p.step_id) for p in order if p.id not in shown
        ]


def test_the_citizen_and_their_staff_and_group_equal_those_made_by_the_constructors(
    store, citizen_with_history
):
    from trappe.model import municipality
    from trappe.model.entities import CloseReason, Role, Staff, TargetGroup

    cid = citizen_with_history
    citizens.close_citizen(store, cid, CloseReason.EDUCATION, date(2026, 6, 1), "Læser videre")
    group_id = store.scalar("SELECT target_group_id FROM citizens WHERE id = ?", (cid,))
    municipality.retire_target_group(store, group_id)
    record = citizens.get_citizen_record(store, cid)
    conn = sqlite3.connect(store.path)
    conn.row_factory = sqlite3.Row
    row = conn.execute("SELECT * FROM citizens WHERE id = ?", (cid,)).fetchone()
    plain = Citizen(
        **{
            name: _day(row[name]) if name.endswith(("_date", "_on", "_since")) else row[name]
            for name in (f.name for f in dataclasses.fields(Citizen))
        }
        | {"status": Status(row["status"]), "closed_reason": CloseReason(row["closed_reason"])}
    )
    same(record.citizen, plain)
    same(citizens.get_citizen(store, cid), plain)
    assert record.citizen.closed_reason is CloseReason.EDUCATION and record.citizen.closed_on
    g = conn.execute("SELECT * FROM target_groups WHERE id = ?", (group_id,)).fetchone()
    same(record.target_group, TargetGroup(g["id"], g["name"], g["position"], True))
    for staff, column in (
        (record.caseworker, "caseworker_id"),
        (record.consultant, "consultant_id"),
    ):
        s = conn.execute("SELECT * FROM staff WHERE id = ?", (row[column],)).fetchone()
        same(staff, Staff(s["id"], s["name"], Role(s["role"])))
    conn.close()


def test_a_citizens_agreements_are_read_in_order_without_a_sort_of_their_own(store):
    """The record reads agreements by meeting, then as agreed: an index serves that order
    (migration 0016), so no temporary sort runs for each citizen opened."""
    plan = store.tuples("EXPLAIN QUERY PLAN " + records.AGREEMENTS_OF_CITIZEN, (1,))
    steps = " ".join(str(r[-1]) for r in plan)
    assert "agreements_in_order" in steps and "TEMP B-TREE" not in steps, steps


# -- the meetings' steps, gathered while the placements are made -------------------------------
@given(
    st.lists(
        st.tuples(
            st.integers(0, 3),  # the day
            st.sampled_from([0, 1]),  # ``ASSESSOR_CODE``: professional, citizen
            st.integers(1, 9),  # the step
            st.one_of(st.none(), st.integers(1, 4)),  # the meeting (None: outside any)
        ),
        max_size=14,
    ),
    st.lists(st.integers(1, 5), max_size=5, unique=True),
)
def test_the_steps_gathered_with_the_placements_are_those_read_from_them(rows, meeting_ids):
    """Placements of one kind twice at a meeting, outside any meeting, of meetings not read:
    the steps ``_placements_and_steps`` gathers give each meeting what its placements give
    (the last entered counts), and the placements are those of the constructor."""
    rows = sorted(  # (as the record reads them: by day, then id)
        ((i + 10, f"2026-01-0{d + 1}", by, step, m) for i, (d, by, step, m) in enumerate(rows)),
        key=lambda r: (r[1], r[0]),
    )
    placements, steps = records._placements_and_steps(7, rows)
    plain = [
        Placement(i, 7, date.fromisoformat(on), (Assessor.PROFESSIONAL, Assessor.CITIZEN)[by], s, m)
        for i, on, by, s, m in rows
    ]
    same(placements, plain)
    same(records.placements_of(7, rows), plain)
    meeting_rows = [(mid, "2026-02-01", "", "", "", None, 1) for mid in meeting_ids]
    gathered = records.meetings_of(7, meeting_rows, placements, {}, {}, steps)
    read_back = records.meetings_of(7, meeting_rows, plain, {}, {})
    same(gathered, read_back)
    for m in gathered:
        mine = [p for p in plain if p.meeting_id == m.id]
        pro = [p.step_id for p in mine if p.assessor is Assessor.PROFESSIONAL]
        own = [p.step_id for p in mine if p.assessor is Assessor.CITIZEN]
        assert m.professional_step_id == (pro[-1] if pro else None)
        assert m.citizen_step_id == (own[-1] if own else None)


def test_a_record_read_gives_its_meetings_the_steps_gathered_with_its_placements(
    store, odd_citizen, monkeypatch
):
    """Read the plain way (``record_rows`` declining), the record's meetings take their steps
    from what was gathered while the placements were made, not by reading each placement
    again (``meetings_of``'s ``steps``)."""
    monkeypatch.setattr(records.record_rows, "read", lambda *args: None)
    given_steps = []
    meetings_of = records.meetings_of

    def watched(*args, **kwargs):
        given_steps.append(args[5] if len(args) > 5 else kwargs.get("steps"))
        return meetings_of(*args, **kwargs)

    monkeypatch.setattr(records, "meetings_of", watched)
    record = records.get_citizen_record(store, odd_citizen)
    assert len(given_steps) == 1 and given_steps[0] is not None
    same(record.meetings, plain_read(store, odd_citizen)[1])
