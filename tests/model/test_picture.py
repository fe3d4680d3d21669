"""What both painters show about a citizen: latest placements, history, open agreements;
and the shared marker styles, legend words and formatting."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.harness.data import loose_placement
from trappe.model import citizens, meetings, staircase
from trappe.model.entities import (
    Activity,
    Agreement,
    Assessor,
    Placement,
    Responsible,
)
from trappe.model.formatting import (
    activity_text,
    format_date,
    format_date_long,
    format_date_short,
    format_hours,
    responsible_text,
)
from trappe.model.geometry import MarkerKind
from trappe.model.markers import (
    LEGEND,
    MARKER_STYLES,
    Shape,
    fade,
    grey_level,
    outline_points,
)
from trappe.model.picture import (
    StaircaseState,
    is_overdue,
    latest_placement,
    open_agreements,
    staircase_state,
)
from trappe.model.progress import compute_derived


def test_state_now_and_as_of_a_meeting(store, citizen_with_history):
    steps = staircase.load_staircase(store).steps
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    now = staircase_state(record)
    assert (now.current_step_id, now.own_step_id, now.goal_step_id) == (
        steps[1].id,
        steps[2].id,
        steps[5].id,
    )
    assert len(now.history) == 4
    then = staircase_state(record, as_of=date(2026, 3, 16))
    assert (then.current_step_id, then.own_step_id) == (steps[2].id, steps[2].id)
    assert {h.placed_on for h in then.history} == {date(2026, 2, 2)}
    # Without the latest meeting's placements (it is being recorded again).
    last = record.meetings[-1]
    again = staircase_state(record, leave_out_meeting=last.id)
    assert again.current_step_id == steps[2].id and len(again.history) == 2


def test_the_citizen_row_and_the_picture_agree_on_the_latest_placement(store):
    """Same-day placements: the one entered last counts, on the row and on the staircase."""
    steps = staircase.load_staircase(store).steps
    from trappe.model.entities import CitizenInput

    c = citizens.create_citizen(store, CitizenInput(name="Bo", start_date=date(2026, 1, 1)))
    for step in (steps[3], steps[1]):
        loose_placement(store, c.id, step.id, Assessor.PROFESSIONAL, date(2026, 2, 1))
    record = citizens.get_citizen_record(store, c.id, log_read=False)
    assert record.citizen.current_step_id == steps[1].id
    assert staircase_state(record).current_step_id == steps[1].id


@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.sampled_from(list(Assessor)), st.integers(1, 7)),
        max_size=12,
    )
)
def test_latest_placement_is_the_rule_the_derived_facts_use(rows):
    placements = [
        Placement(i + 1, 1, date(2026, 1, 1 + d), who, step)
        for i, (d, who, step) in enumerate(rows)
    ]
    facts = compute_derived(
        [(p.placed_on, p.id, p.assessor.value, p.step_id) for p in placements], []
    )
    pro = latest_placement(placements, Assessor.PROFESSIONAL)
    own = latest_placement(placements, Assessor.CITIZEN)
    assert facts.current_step_id == (pro.step_id if pro else None)
    assert facts.own_step_id == (own.step_id if own else None)


@given(
    st.lists(
        st.tuples(
            st.integers(0, 5), st.sampled_from(list(Assessor)), st.integers(1, 7), st.integers(1, 9)
        ),
        max_size=12,
    )
)
def test_the_staircase_state_in_one_pass_follows_latest_placement(rows):
    """Any order, same days, repeated ids: the state's placements are ``latest_placement``'s
    (the staircase is read in one pass; the rule stays the one function)."""
    from trappe.model.entities import Citizen, CitizenRecord, Status

    placements = [Placement(pid, 1, date(2026, 1, 1 + d), who, step) for d, who, step, pid in rows]
    citizen = Citizen(1, "Bo", None, None, None, None, date(2026, 1, 1), None, None, Status.ACTIVE)
    state = staircase_state(CitizenRecord(citizen, placements, [], None, None, None))
    pro = latest_placement(placements, Assessor.PROFESSIONAL)
    own = latest_placement(placements, Assessor.CITIZEN)
    assert state.current_step_id == (pro.step_id if pro else None)
    assert state.own_step_id == (own.step_id if own else None)
    shown = {p.id for p in (pro, own) if p is not None}
    assert [h.step_id for h in state.history] == [
        p.step_id for p in placements if p.id not in shown
    ]


def test_a_records_staircase_is_worked_out_once_and_never_another_records():
    """The same placements (handed out again while the citizen's are unchanged) get the same
    state, worked out once, with the goal read anew; other placements, however alike, get
    their own: the right one, also after more than are kept, and as of a date never from
    what is kept."""
    import dataclasses

    from trappe.model import picture
    from trappe.model.entities import Citizen, CitizenRecord, Status

    def record(steps: list[tuple[int, Assessor, int]]) -> CitizenRecord:
        citizen = Citizen(
            1, "Bo", None, None, None, None, date(2026, 1, 1), None, None, Status.ACTIVE
        )
        placements = [
            Placement(i + 1, 1, date(2026, 1, d), who, step)
            for i, (d, who, step) in enumerate(steps)
        ]
        return CitizenRecord(citizen, placements, [], None, None, None)

    pro, own = Assessor.PROFESSIONAL, Assessor.CITIZEN
    first = record([(1, pro, 1), (2, own, 2), (3, pro, 3)])
    state = staircase_state(first)
    assert staircase_state(first) is state
    assert (state.current_step_id, state.own_step_id, len(state.history)) == (3, 2, 1)
    # A record with other placements (as a new reading of the file would be): its own state.
    later = dataclasses.replace(
        first, placements=[*first.placements, Placement(9, 1, date(2026, 1, 4), own, 5)]
    )
    assert (staircase_state(later).current_step_id, staircase_state(later).own_step_id) == (3, 5)
    assert staircase_state(first) is state
    # As of a date: worked out from the placements then, never the kept state.
    assert staircase_state(first, as_of=date(2026, 1, 2)).current_step_id == 1
    assert staircase_state(first, leave_out_meeting=None) is state
    # The same placements read again with the citizen's row (a new goal): the new goal.
    moved = dataclasses.replace(first, citizen=dataclasses.replace(first.citizen, goal_step_id=7))
    assert staircase_state(moved).goal_step_id == 7
    assert staircase_state(moved).history == state.history
    assert staircase_state(dataclasses.replace(first)) is state
    assert staircase_state(first).goal_step_id is None
    # More records than are kept, each one new: each gets its own, right state.
    many = [record([(1, pro, k), (2, own, k + 1)]) for k in range(picture.STATES_KEPT * 3)]
    for k, r in enumerate(many * 2):
        assert staircase_state(r).current_step_id == k % len(many)
        assert staircase_state(r).own_step_id == k % len(many) + 1
    assert len(picture._STATES) <= picture.STATES_KEPT


def test_a_records_open_agreements_are_sorted_out_once_each_call_a_list_of_its_own(
    store, citizen_with_history, monkeypatch
):
    import dataclasses

    from trappe.model import picture

    sorted_out = []
    work = picture._open_agreements
    monkeypatch.setattr(
        picture, "_open_agreements", lambda r, as_of: sorted_out.append(r) or work(r, as_of)
    )
    read = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    record = dataclasses.replace(read, meetings=list(read.meetings))  # (a reading of its own)
    first = open_agreements(record)
    assert open_agreements(record) == first
    assert sorted_out == [record]  # once for the record
    first.clear()  # (a caller's list is its own)
    again = open_agreements(record)
    assert again and again == open_agreements(record)
    assert again is not open_agreements(record)
    # Another record (the last meeting's agreements done): its own agreements.
    last = record.meetings[-1]
    done = dataclasses.replace(
        last, agreements=[dataclasses.replace(a, done_on=date(2026, 5, 5)) for a in last.agreements]
    )
    later = dataclasses.replace(record, meetings=[*record.meetings[:-1], done])
    assert open_agreements(later) == [a for a in again if a.meeting_id != last.id]
    assert open_agreements(record) == again


def test_open_agreements_newest_meeting_first_and_as_of(store, citizen_with_history):
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    assert [a.what for a in open_agreements(record)] == [
        "Besøge Føtex og aftale opstart",
        "Møde op tirsdag og torsdag",
        "Gå til læge om ryggen",
    ]
    assert record.open_agreements == open_agreements(record)
    first = record.meetings[0].agreements[0]
    meetings.set_agreement_done(store, first.id, date(2026, 4, 1))
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    assert "Gå til læge om ryggen" not in [a.what for a in open_agreements(record)]
    # Done on 1 April: still open as of the meeting on 16 March.
    assert [a.what for a in open_agreements(record, date(2026, 3, 16))] == ["Gå til læge om ryggen"]
    # Done on the day of a meeting: no longer open at that meeting.
    assert open_agreements(record, date(2026, 4, 1)) == []
    assert [a.what for a in open_agreements(record, date(2026, 3, 31))] == ["Gå til læge om ryggen"]
    assert is_overdue(record.meetings[2].agreements[0], date(2026, 5, 21))
    assert not is_overdue(record.meetings[2].agreements[0], date(2026, 5, 20))
    assert not is_overdue(Agreement("x", Responsible.CITIZEN, None), date(2030, 1, 1))


def test_formatting_for_screen_sheet_and_export(store, citizen_with_history):
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    d = date(2026, 11, 2)
    assert (format_date(d), format_date_short(d), format_date_long(d)) == (
        "02-11-2026",
        "02-11-26",
        "2. nov. 2026",
    )
    assert format_date(None) == "" and format_date_long(None) == ""
    assert format_hours(7.5) == "7,5 t./uge" and format_hours(10, "h/week") == "10 h/week"
    assert activity_text(Activity("Mentor")) == "Mentor"
    assert (
        activity_text(Activity("Virksomhedspraktik", "Lager", "Føtex Nyborg", 10))
        == "Virksomhedspraktik: Lager, Føtex Nyborg, 10 t./uge"
    )
    a = Agreement("x", Responsible.CASEWORKER)
    assert responsible_text(a) == "Sagsbehandler"
    assert responsible_text(a, record) == "Sagsbehandler (Mette Sørensen)"
    other = Agreement("x", Responsible.OTHER, responsible_other="Lægen")
    assert responsible_text(other, record) == "Lægen"
    assert responsible_text(a, labels={Responsible.CASEWORKER: "Caseworker"}) == "Caseworker"


def test_marker_styles_read_in_black_and_white():
    current = [MarkerKind.PROFESSIONAL, MarkerKind.CITIZEN, MarkerKind.GOAL]
    shapes = {MARKER_STYLES[k].shape for k in current}
    assert shapes == {Shape.CIRCLE, Shape.TRIANGLE, Shape.STAR}
    greys = sorted(grey_level(MARKER_STYLES[k].fill) for k in current)
    assert all(b - a > 0.15 for a, b in itertools.pairwise(greys))
    for kind, style in MARKER_STYLES.items():
        assert abs(grey_level(style.fill) - grey_level(style.outline)) > 0.25, kind
    assert fade("#000000", 0.5) == "#808080" and fade("#d35400", 0) == "#d35400"


@pytest.mark.parametrize("shape", [Shape.TRIANGLE, Shape.STAR])
def test_outlines_stay_in_their_square(shape):
    pts = outline_points(shape, 50, 50, 20)
    assert pts and all(40 - 1e-9 <= x <= 60 + 1e-9 and 40 - 1e-9 <= y <= 60 + 1e-9 for x, y in pts)
    assert min(y for _x, y in pts) == pytest.approx(40)  # pointing up (y grows downward)
    assert outline_points(Shape.CIRCLE, 0, 0, 10) == []


def test_legend_words_say_placering():
    texts = [e.text for e in LEGEND]
    assert texts[:2] == ["Fagpersonernes placering", "Borgerens egen placering"]
    assert not any("vurdering" in t for t in texts)


def test_the_staircase_while_a_meeting_is_recorded(store, citizen_with_history):
    from trappe.model.picture import meeting_state

    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    new = meeting_state(record, current_step_id=7, own_step_id=None, goal_step_id=3)
    assert (new.current_step_id, new.own_step_id, new.goal_step_id) == (7, None, 3)
    assert len(new.history) == len(record.placements) == 6  # the latest ones are history now
    again = meeting_state(record, meeting_id=record.meetings[-1].id, current_step_id=7)
    assert len(again.history) == 4  # that meeting's own placements are being replaced


class _CountedEntry(tuple):
    """A history entry that counts how often it is hashed."""

    hashed = 0

    def __hash__(self) -> int:
        type(self).hashed += 1
        return tuple.__hash__(self)


def test_a_states_hash_is_worked_out_once_from_few_of_its_earlier_placements():
    import pickle

    day = date(2026, 3, 4)

    def entries(n: int, middle: int = 0) -> tuple:
        """``n`` entries; ``middle`` changes the step of the second half's."""
        first = [
            _CountedEntry((day, Assessor.CITIZEN if k % 2 else Assessor.PROFESSIONAL, k))
            for k in range(n // 2)
        ]
        rest = [_CountedEntry((day, Assessor.CITIZEN, middle + k)) for k in range(n // 2, n)]
        return tuple(first + rest)

    history = entries(400)
    _CountedEntry.hashed = 0
    state = StaircaseState(3, None, 7, history)
    first = hash(state)
    # Only the ends of a long history are hashed (a new citizen's hundreds are not).
    assert 0 < _CountedEntry.hashed <= 32  # of 400
    seen = _CountedEntry.hashed
    assert hash(state) == first and {state: 1}[state] == 1
    assert _CountedEntry.hashed == seen  # once, not on every look-up
    # Equal states hash alike (a copy of each entry, as plain tuples).
    twin = StaircaseState(3, None, 7, tuple(tuple(h) for h in history))
    assert twin == state and hash(twin) == first
    assert StaircaseState(3, None, 8, history) != state
    # Histories that differ only in the middle: another state, told apart by equality.
    middle = list(history)
    middle[200] = _CountedEntry((day, Assessor.PROFESSIONAL, 9999))
    other = StaircaseState(3, None, 7, tuple(middle))
    assert other != state and hash(other) == first
    assert {state: "a", other: "b"} == {state: "a", other: "b"}
    assert len({state: 1, other: 2, twin: 3}) == 2
    # Short histories: every field counts.
    short = StaircaseState(3, None, 7, entries(5))
    assert hash(short) != hash(StaircaseState(3, None, 7, entries(5, middle=50)))
    assert short == StaircaseState(3, None, 7, entries(5))
    # Never carried into another process (a string's hash differs there).
    copied = pickle.loads(pickle.dumps(state))
    assert "_hash" not in copied.__dict__ and copied == state and "_hash" in state.__dict__
