"""What the staircase and the agreements show about one citizen: one rule for the screen,
the sheet and dialogue mode (docs/architecture.md, "The two painters").

- ``latest_placement``: the professionals' (or the citizen's own) placement that counts,
  now or as of a date: the latest by date, then by entry order. ``progress.compute_derived``
  keeps the citizen row's fields by the same rule.
- ``staircase_state``: the current placements, the goal and the earlier placements that are
  drawn faint with their dates.
- ``open_agreements``: the agreements still open (now or as of a date), newest meeting first
  and in the order agreed within a meeting; ``is_overdue`` marks those past their date.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import islice
from operator import attrgetter

from trappe.model.entities import Agreement, Assessor, CitizenRecord, Meeting, Placement
from trappe.model.geometry import HistoryEntry
from trappe.model.kept import KeptPerList


def placement_order(p: Placement) -> tuple[date, int]:
    """Placements count in date order; on one day, the one entered last counts."""
    return (p.placed_on, p.id)


def latest_placement(
    placements: Iterable[Placement], assessor: Assessor, as_of: date | None = None
) -> Placement | None:
    """The placement by ``assessor`` that holds now (or on ``as_of``), or None."""
    mine = [
        p for p in placements if p.assessor is assessor and (as_of is None or p.placed_on <= as_of)
    ]
    return max(mine, key=placement_order, default=None)


def _latest_of_both(placements: list[Placement]) -> tuple[Placement | None, Placement | None]:
    """``latest_placement`` of the professionals and of the citizen, in one pass (opening a
    citizen reads hundreds of placements): the first placement with the greatest
    ``placement_order`` of each, as ``max`` picks it. (The date is compared first and the id
    only on the same day: no key tuple made and compared per placement.)"""
    professional = Assessor.PROFESSIONAL
    pro = own = None
    pro_on = own_on = None
    for p in placements:
        on = p.placed_on
        if p.assessor is professional:
            if pro is None or on > pro_on or (on == pro_on and p.id > pro.id):
                pro, pro_on = p, on
        elif own is None or on > own_on or (on == own_on and p.id > own.id):
            own, own_on = p, on
    return pro, own


HASHED_ENDS = 8  # earlier placements a state's hash looks at, from each end (``__hash__``)


@dataclass(frozen=True)
class StaircaseState:
    """Where the markers go: the current placements, the goal, and the earlier ones."""

    current_step_id: int | None
    own_step_id: int | None
    goal_step_id: int | None
    history: tuple[HistoryEntry, ...] = ()

    def __hash__(self) -> int:
        # Worked out once: the picture a state is planned for is remembered by it
        # (``staircase_plan.plan_picture``), and each state is immutable, its hash too. Of the
        # markers, the number of earlier placements and the first and newest few of them, not
        # of every one: a citizen opened for the first time brings hundreds, each with a date
        # never hashed before, and equal states still hash alike (two states that differ only
        # in the middle of their histories are told apart by ``==``).
        found = self.__dict__.get("_hash")
        if found is None:
            history = self.history
            found = hash(
                (
                    self.current_step_id,
                    self.own_step_id,
                    self.goal_step_id,
                    len(history),
                    history[:HASHED_ENDS],
                    history[-HASHED_ENDS:],
                )
            )
            object.__setattr__(self, "_hash", found)
        return found

    def __getstate__(self) -> dict:
        # (The hash of a string differs from one process to the next: never carried over.)
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}


def staircase_state(
    record: CitizenRecord,
    *,
    as_of: date | None = None,
    leave_out_meeting: int | None = None,
) -> StaircaseState:
    """The citizen's staircase now, or as it stood on ``as_of`` (a meeting's date).

    ``leave_out_meeting`` draws the staircase without that meeting's placements (the meeting
    being recorded again in meeting mode: its placements are the ones being chosen).
    """
    if as_of is None and leave_out_meeting is None:
        # A record's placements are never changed once read, and the same placements come
        # back while the citizen's are unchanged (``records``): their staircase is worked out
        # once (the goal, on the citizen's own row, is read every time).
        placements = record.placements
        goal = record.citizen.goal_step_id
        state = _STATES.get(placements)
        if state is not None:
            if state.goal_step_id != goal:
                state = dataclasses.replace(state, goal_step_id=goal)
            return state
        state = _staircase_state(record, placements)
        _STATES.put(placements, state)
        return state
    return _staircase_state(
        record,
        [
            p
            for p in record.placements
            if (as_of is None or p.placed_on <= as_of)
            and (leave_out_meeting is None or p.meeting_id != leave_out_meeting)
        ],
    )


STATES_KEPT = 8  # the last citizens' staircases (as many as ``records`` keeps)
_STATES = KeptPerList(STATES_KEPT)  # placements -> their staircase now


def _staircase_state(record: CitizenRecord, placements: list[Placement]) -> StaircaseState:
    """The staircase of ``placements`` (the record's, or those as of a date)."""
    current, own = _latest_of_both(placements)
    shown = {p.id for p in (current, own) if p is not None}
    entry = tuple.__new__  # a HistoryEntry made without its Python-level __new__
    history = tuple(
        [
            entry(HistoryEntry, (p.placed_on, p.assessor, p.step_id))
            for p in placements
            if p.id not in shown
        ]
    )
    return StaircaseState(
        current.step_id if current else None,
        own.step_id if own else None,
        record.citizen.goal_step_id,
        history,
    )


def meeting_order(m: Meeting) -> tuple[date, int]:
    return (m.held_on, m.id)


_MEETING_ORDER = attrgetter("held_on", "id")  # the same key as ``meeting_order``


def open_agreements(record: CitizenRecord, as_of: date | None = None) -> list[Agreement]:
    """The agreements open now (or on ``as_of``): newest meeting first, then in the order
    they were agreed. Agreements done since ``as_of`` were still open then.

    The agreements open now are sorted out once per list of meetings read (as the
    staircase is: see ``staircase_state``); each call gets a list of its own."""
    if as_of is None:
        meetings = record.meetings
        found = _OPEN.get(meetings)
        if found is None:
            found = _open_agreements(record, None)
            _OPEN.put(meetings, found)
        return list(found)
    return _open_agreements(record, as_of)


_OPEN = KeptPerList(STATES_KEPT)  # meetings -> the agreements open now


def _open_agreements(record: CitizenRecord, as_of: date | None) -> list[Agreement]:
    if as_of is None and _in_order(record.meetings):
        # As a record reads them: newest first is simply from the last.
        return [a for m in reversed(record.meetings) for a in m.agreements if a.done_on is None]
    meetings = [m for m in record.meetings if as_of is None or m.held_on <= as_of]
    meetings.sort(key=_MEETING_ORDER, reverse=True)  # (``meeting_order``, without a call each)
    if as_of is None:
        return [a for m in meetings for a in m.agreements if a.done_on is None]
    return [a for m in meetings for a in m.agreements if a.done_on is None or a.done_on > as_of]


def _in_order(meetings: list[Meeting]) -> bool:
    """Whether the meetings are in strictly increasing ``meeting_order`` (so that sorting
    them newest first, a stable sort, is the same as reversing them)."""
    if not meetings:
        return True
    last_on, last_id = meetings[0].held_on, meetings[0].id
    for m in islice(meetings, 1, None):
        on, mid = m.held_on, m.id
        if on < last_on or (on == last_on and mid <= last_id):
            return False
        last_on, last_id = on, mid
    return True


def is_overdue(a: Agreement, today: date) -> bool:
    """Still open and past its date."""
    return a.done_on is None and a.due_on is not None and a.due_on < today


def meeting_state(
    record: CitizenRecord,
    *,
    meeting_id: int | None = None,
    current_step_id: int | None = None,
    own_step_id: int | None = None,
    goal_step_id: int | None = None,
) -> StaircaseState:
    """The staircase while a meeting is being recorded (meeting mode): the meeting's own
    placements are the current markers; every other placement, the latest included, is an
    earlier placement with its date (``meeting_id``: today's meeting recorded again, whose
    old placements are being replaced)."""
    history = tuple(
        HistoryEntry(p.placed_on, p.assessor, p.step_id)
        for p in record.placements
        if meeting_id is None or p.meeting_id != meeting_id
    )
    return StaircaseState(current_step_id, own_step_id, goal_step_id, history)
