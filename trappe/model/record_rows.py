"""A citizen's placements, agreements and meetings made inside SQLite's own loop over the rows.

Python's ``sqlite3`` (3.11) lets go of the GIL and takes it again for every *value* it fetches
(around ``sqlite3_column_type``) and every row it steps to: about half of what a value costs,
and a record with two hundred meetings has some 4,800 values in 800 rows. A function
registered on the connection (``create_function``) is called by SQLite with all of a row's
values at once, under one taking of the GIL, and reads them without letting go of it. So each
query here hands its columns to such a function (``RowMaker``), which makes the row's object
at once, exactly as ``records``' loops do (``placements_of``, ``agreements_by_meeting``,
``meetings_of``), and the query itself returns one value: ``count`` of the rows made.

SQLite calls the function once for each row, in the order it meets the rows: the order of the
index that serves the citizen (by day or by meeting, then id: the plain queries' ORDER BY,
which they read without a sort of their own). The function checks that order row by row (the
ORDER BY's key, strictly increasing), so the objects are in the plain read's order whatever
the query plan. If the order does not hold, the count differs, or a row is anything but what
the plain loops take (a damaged value: its exception is kept, as SQLite would only report
that the function failed), ``read`` returns None and ``records`` reads the citizen the plain
way, which gives what it always gave, the same exception included. An interrupt
(``KeyboardInterrupt``) is raised once the query is done.

Each object is made as an object of a *twin* class (``PlacementTwin`` …: the same slots as
the dataclass, nothing else), given its fields one by one (plain stores into slots, not the
dataclass's ``__init__`` with its ``object.__setattr__`` per field), and then its class: the
same object as ``Placement(…)`` makes, in about half the time of a dictionary of fields
(``_check_twins`` checks the twins at import; ``records``' plain loops make them the same way).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from trappe.model.entities import Agreement, Meeting, Placement

_NONE: Any = object()


class _Disorder(Exception):
    """The rows did not come in the order the query asks for."""


class PlacementTwin:
    """A ``Placement`` being made (see the module): its fields set, then its class."""

    __slots__ = Placement.__slots__


class AgreementTwin:
    """An ``Agreement`` being made."""

    __slots__ = Agreement.__slots__


class MeetingTwin:
    """A ``Meeting`` being made."""

    __slots__ = Meeting.__slots__


def _check_twins() -> None:
    """Each twin has its class's fields as its slots, in order, and nothing else; an object
    made through it is the class's own (class, fields, equality, no ``__dict__``)."""
    import dataclasses

    twins = {PlacementTwin: Placement, AgreementTwin: Agreement, MeetingTwin: Meeting}
    for twin, cls in twins.items():
        names = tuple(f.name for f in dataclasses.fields(cls))
        assert twin.__slots__ == names and twin.__bases__ == (object,), twin
        obj = twin()
        for k, name in enumerate(names):
            setattr(obj, name, [] if name in ("activities", "agreements") else k)
        obj.__class__ = cls
        assert not hasattr(obj, "__dict__"), cls
        assert type(obj) is cls and obj == cls(*[getattr(obj, n) for n in names]), cls


class RowMaker:
    """The functions registered on one connection, and what they made for the query running
    (slots: read on every row, never through a ``__dict__``)."""

    __slots__ = (
        "activities",
        "agreements",
        "assessors",
        "citizen_id",
        "day",
        "failed",
        "last_held",
        "last_id",
        "last_key",
        "last_mid",
        "last_on",
        "meetings",
        "on",
        "own",
        "placements",
        "planned",
        "planned_on",
        "pro",
        "responsibles",
    )

    def __init__(self, conn: Any, assessors: tuple, responsibles: tuple, day: Any) -> None:
        self.assessors, self.responsibles, self.day = assessors, responsibles, day
        self.failed: BaseException | None = None
        self.citizen_id = 0
        conn.create_function("trappe_placement", 5, self.placement)
        conn.create_function("trappe_agreement", 8, self.agreement)
        conn.create_function("trappe_meeting", 7, self.meeting)

    def made(self, rows: list[Any], count: int) -> bool:
        """Whether the query's function made an object of each of its rows (``rows``: the
        query's one row, the count of rows; ``count``: the objects made), in order, with
        nothing failing. An interrupt (not an ``Exception``) caught while making one is
        raised here, once the query is done."""
        failed = self.failed
        if failed is not None and not isinstance(failed, Exception):
            self.failed = None
            raise failed
        return failed is None and rows[0][0] == count

    # -- placements ------------------------------------------------------------------------
    def start_placements(self, citizen_id: int) -> list[Placement]:
        self.citizen_id = citizen_id
        self.failed = None
        self.placements: list[Placement] = []
        self.pro: dict[Any, Any] = {}
        self.own: dict[Any, Any] = {}
        self.last_on: Any = _NONE
        self.last_id: Any = None
        self.on: Any = None
        return self.placements

    def placement(self, i: Any, placed_on: Any, by: Any, step_id: Any, meeting_id: Any) -> int:
        if self.failed is not None:
            return 0
        try:
            if placed_on != self.last_on:
                if self.last_on is not _NONE and not placed_on > self.last_on:
                    raise _Disorder
                self.last_on, self.on = placed_on, self.day(placed_on)
            elif not i > self.last_id:
                raise _Disorder
            self.last_id = i
            obj = PlacementTwin()  # (the fields in ``Placement``'s order: see the module)
            obj.id = i
            obj.citizen_id = self.citizen_id
            obj.placed_on = self.on
            obj.assessor = self.assessors[by]
            obj.step_id = step_id
            obj.meeting_id = meeting_id
            obj.__class__ = Placement
            self.placements.append(obj)  # type: ignore[arg-type]
            (self.own if by else self.pro)[meeting_id] = step_id
        except BaseException as exc:  # (read again the plain way: see the module)
            self.failed = exc
        return 1

    # -- agreements ------------------------------------------------------------------------
    def start_agreements(self) -> dict[int, list[Agreement]]:
        self.agreements: dict[int, list[Agreement]] = {}
        self.last_key: Any = None
        return self.agreements

    def agreement(
        self,
        meeting_id: Any,
        what: Any,
        responsible: Any,
        due: Any,
        done: Any,
        other: Any,
        agreement_id: Any,
        position: Any,
    ) -> int:
        if self.failed is not None:
            return 0
        try:
            key = (meeting_id, position, agreement_id)
            if self.last_key is not None and not key > self.last_key:
                raise _Disorder
            self.last_key = key
            obj = AgreementTwin()
            obj.what = what
            obj.responsible = self.responsibles[responsible]
            obj.due_on = self.day(due) if due else None
            obj.done_on = self.day(done) if done else None
            obj.responsible_other = other
            obj.id = agreement_id
            obj.meeting_id = meeting_id
            obj.__class__ = Agreement
            found = self.agreements.get(meeting_id)
            if found is None:
                self.agreements[meeting_id] = [obj]  # type: ignore[list-item]
            else:
                found.append(obj)  # type: ignore[arg-type]
        except BaseException as exc:
            self.failed = exc
        return 1

    # -- meetings --------------------------------------------------------------------------
    def start_meetings(self, activities: dict[int, list[Any]]) -> list[Meeting]:
        self.activities = activities
        self.meetings: list[Meeting] = []
        self.planned: Any = _NONE
        self.planned_on: Any = None
        self.last_held: Any = _NONE
        self.last_mid: Any = None
        return self.meetings

    def meeting(
        self,
        mid: Any,
        held: Any,
        participants: Any,
        cw_note: Any,
        vk_note: Any,
        next_on: Any,
        version: Any,
    ) -> int:
        if self.failed is not None:
            return 0
        try:
            if held != self.last_held:
                if self.last_held is not _NONE and not held > self.last_held:
                    raise _Disorder
                self.last_held = held
            elif not mid > self.last_mid:
                raise _Disorder
            self.last_mid = mid
            held_on = self.planned_on if held == self.planned else self.day(held)
            if next_on:
                self.planned, self.planned_on = next_on, self.day(next_on)
            else:
                self.planned = self.planned_on = None
            obj = MeetingTwin()
            obj.id = mid
            obj.citizen_id = self.citizen_id
            obj.held_on = held_on
            obj.participants = participants
            obj.professional_step_id = self.pro.get(mid)
            obj.citizen_step_id = self.own.get(mid)
            obj.caseworker_note = cw_note
            obj.consultant_note = vk_note
            obj.next_meeting_on = self.planned_on
            obj.activities = self.activities.get(mid) or []
            obj.agreements = self.agreements.get(mid) or []
            obj.version = version
            obj.__class__ = Meeting
            self.meetings.append(obj)  # type: ignore[arg-type]
        except BaseException as exc:
            self.failed = exc
        return 1


_MAKERS: weakref.WeakKeyDictionary[Any, tuple[Any, RowMaker]] = weakref.WeakKeyDictionary()


def read(
    store: Any,
    citizen_id: int,
    sql: tuple[str, str, str],
    activities: Callable[[Any, int], dict[int, list[Any]]],
    constants: tuple[tuple, tuple, Any],
) -> tuple[list[Placement], list[Meeting]] | None:
    """The citizen's placements and meetings, made by the functions of ``RowMaker`` from the
    queries ``sql`` (placements, agreements, meetings: each the count of its function's calls,
    one a row, in the order of the plain query's ORDER BY), with the activities by meeting
    that ``activities(store, citizen_id)`` reads. None when the rows did not come as the plain
    loops take them (see the module): the caller then reads them the plain way."""
    found = _MAKERS.get(store)
    if found is None or found[0] is not store.conn:
        found = _MAKERS[store] = (store.conn, RowMaker(store.conn, *constants))
    maker = found[1]
    try:
        placements = maker.start_placements(citizen_id)
        if not maker.made(store.tuples(sql[0], (citizen_id,)), len(placements)):
            return None
        met = maker.start_meetings(activities(store, citizen_id))
        agreements = maker.start_agreements()
        rows = store.tuples(sql[1], (citizen_id,))
        if not maker.made(rows, sum(map(len, agreements.values()))):
            return None
        if not maker.made(store.tuples(sql[2], (citizen_id,)), len(met)):
            return None
        return placements, met
    finally:  # (the maker keeps nothing of the citizen)
        maker.placements = maker.meetings = maker.agreements = maker.activities = None  # type: ignore[assignment]
        maker.pro = maker.own = maker.failed = None  # type: ignore[assignment]


_check_twins()
