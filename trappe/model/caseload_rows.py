"""One line of the caseload list (``CitizenRow``) and reading lines by id, cheaply: built on
every scroll step, so SQLite does the masking and the empty values, and dates are cached.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any, NamedTuple

from trappe.model.entities import Status
from trappe.model.store import Store


class CitizenRow(NamedTuple):
    """One line of the caseload list; the identifier is masked. (A named tuple: a page of
    rows is built on every scroll step, and a tuple is the cheapest immutable record.)"""

    id: int
    name: str
    identifier_masked: str
    target_group: str
    step_id: int | None
    step_title: str
    step_position: int | None
    current_step_since: date | None
    next_meeting_on: date | None
    last_meeting_on: date | None
    caseworker: str
    status: Status


# The list's columns, with the cheap conversions done by SQLite: the CPR number masked as
# ``validation.mask_identifier`` masks it (birth date part only), empty text for no value.
ROW_COLUMNS = (
    "c.id, c.name,"
    " CASE WHEN c.identifier_kind = 'cpr' AND c.identifier != ''"
    "  THEN substr(c.identifier, 1, 6) || '-****' ELSE coalesce(c.identifier, '') END,"
    " coalesce(tg.name, ''), c.current_step_id, coalesce(s.title, ''), s.position,"
    " c.current_step_since, c.next_meeting_on, c.last_meeting_on, coalesce(cw.name, ''),"
    " c.status"
)
ROW_WIDTH = 12  # the values of ``ROW_COLUMNS``
# The tables the columns name beside ``citizens c`` (LEFT JOINs: the list's order stays the
# order of the index walked over ``c``).
ROW_JOINS = (
    " LEFT JOIN steps s ON s.id = c.current_step_id"
    " LEFT JOIN target_groups tg ON tg.id = c.target_group_id"
    " LEFT JOIN staff cw ON cw.id = c.caseworker_id"
)
_ROW_SQL = f"SELECT {ROW_COLUMNS} FROM citizens c{ROW_JOINS}"
# The sort keys a row of ``ROW_COLUMNS`` holds already, as the plain column (the value the
# index holds), and where.
_IN_ROW = {
    "c.id": 0,
    "c.current_step_id": 4,
    "c.current_step_since": 7,
    "c.next_meeting_on": 8,
    "c.last_meeting_on": 9,
    "c.status": 11,
}


@cache
def with_keys(keys: tuple[str, ...]) -> tuple[str, tuple[int, ...]]:
    """``ROW_COLUMNS`` and after them those of the sort ``keys`` a row does not hold already,
    and where each key is in a row so read. (A page's walk reads its rows with their sort
    values, for its anchors: every column read costs on each row, so none is read twice.)"""
    extra = [k for k in keys if k not in _IN_ROW]
    at = tuple(_IN_ROW[k] if k in _IN_ROW else ROW_WIDTH + extra.index(k) for k in keys)
    return ", ".join([ROW_COLUMNS, *extra]), at


_STATUS = {str(s): s for s in Status}
_DATES: dict[str | None, date | None] = {None: None, "": None}  # a few thousand distinct days


def _day(text: str | None) -> date | None:
    try:
        return _DATES[text]
    except KeyError:
        if len(_DATES) > 100_000:
            _DATES.clear()
            _DATES.update({None: None, "": None})
        day = _DATES[text] = date.fromisoformat(text)  # type: ignore[arg-type]
        return day


_new_row = tuple.__new__  # CitizenRow(...) without the named tuple's Python-level __new__


def make_row(r: Sequence[Any]) -> CitizenRow:
    """A raw row that starts with ``ROW_COLUMNS`` (later values ignored) as a list row."""
    return _new_row(
        CitizenRow,
        (*r[:7], _day(r[7]), _day(r[8]), _day(r[9]), r[10], _STATUS[r[11]]),
    )


def make_rows(raw: Sequence[Sequence[Any]]) -> list[CitizenRow]:
    """Raw rows that start with ``ROW_COLUMNS`` as list rows."""
    day, status = _day, _STATUS
    return [
        _new_row(CitizenRow, (*r[:7], day(r[7]), day(r[8]), day(r[9]), r[10], status[r[11]]))
        for r in raw
    ]


def built(page: list[Any], i: int) -> CitizenRow:
    """Row ``i`` of a page that may hold raw rows (``CaseloadView.page``), built once: a
    raw row is replaced by its list row the first time it is asked for."""
    r = page[i]
    if r.__class__ is not CitizenRow:
        r = page[i] = make_row(r)
    return r


def rows_by_id(store: Store, ids: Sequence[int]) -> list[CitizenRow]:
    """The list rows of ``ids``, in that order (missing ids are left out)."""
    found: dict[int, CitizenRow] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for row in make_rows(store.tuples(f"{_ROW_SQL} WHERE c.id IN ({marks})", chunk)):
            found[row.id] = row
    return [found[i] for i in ids if i in found]
