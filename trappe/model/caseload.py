"""The caseload query: search, filters, sorting and paging, in SQL, at jobcentre scale.

A ``CaseloadView`` is one run of a ``CitizenQuery``: it counts the matches once and then
hands out any stretch of rows, in order, at a cost that does not grow with the position:

- **Few matches** (at most ``SMALL``, e.g. a search for a name): every match is read once, in
  one pass over the search index, with what the order needs, and sorted in Python by the same
  keys SQLite would use; the count is the length of that list, and a page is one read of its
  rows by id.
- **Many matches**: *keyset paging* over an index that serves the order. A page walks the
  index alone (it covers the sort values, the status and the id) from the sort values of a
  row already read (an *anchor*), or from the far end of the list when that is nearer
  (jumping to the end reads the last page backwards), then reads its rows by id; so
  scrolling the whole list costs time in proportion to the rows, and jumping to the end
  costs one page. Ties are broken by status, then id: the index's own order, so no page
  sorts.

Orders with empty values (no step, no next meeting …) keep the empty ones last in either
direction: the order is cut into *segments* (one per step or target group in their own
order, then the empty one), each a plain index range. Names sort in Danish order through the
stored ``name_key`` (``trappe.model.collation``).

Counting: the plain list (a status, and at most a step or a target group) is counted from
``caseload_counts``, which triggers keep in step with ``citizens`` (per status, step and
target group), so the count and the segments of the list cost a few rows, not a pass over
240,000 citizens. Any other query is counted by the index that serves it.

The search: every word of the query (folded as the stored ``search_text`` is) must occur in
the citizen's name or identifier. Words of three letters or more use the FTS5 trigram index
``citizen_search``; shorter ones are checked with ``instr`` on the (covering-indexed) text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import itemgetter
from typing import Any, NamedTuple

from trappe.model import audit
from trappe.model.collation import search_words
from trappe.model.entities import NextMeetingFilter, Status
from trappe.model.errors import ValidationError
from trappe.model.store import Store
from trappe.model.validation import clean_text, enum_value

SMALL = 5000  # at most this many matches: sort their ids in Python (see the module doc)
DENSE = 4  # a search word found in over 1/DENSE of all citizens pages by reading their text
VALUES = "values"  # the part of an order with a value (``CaseloadView._sizes_…``)
TRIGRAM = 3  # the FTS5 trigram index finds words of at least three characters


@dataclass(frozen=True)
class CitizenQuery:
    """A view of the caseload: search text, filters and order, as the user set them."""

    text: str = ""
    status: Status | None = Status.ACTIVE
    target_group_id: int | None = None
    step_id: int | None = None
    caseworker_id: int | None = None
    consultant_id: int | None = None
    next_meeting: NextMeetingFilter = NextMeetingFilter.ANY
    stale_weeks: int | None = None
    today: date | None = None
    order_by: str = "name"
    descending: bool = False

    def criteria(self) -> dict[str, Any]:
        """What the audit log records about a search."""
        return {
            k: v
            for k, v in self.__dict__.items()
            if v not in (None, "", False, NextMeetingFilter.ANY)
            and k not in ("order_by", "descending", "today")
        }


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


# -- the order ------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Order:
    """How one sort column orders: its value column, the index that serves it, and whether
    citizens are cut into segments by the value's own order (steps, target groups)."""

    column: str | None  # the value sorted by (None: the name alone)
    index: str
    by_name: bool = False  # ties broken by name (else by id)
    segments_from: str | None = None  # "steps" or "target_groups": segment by their position
    flip: bool = False  # ascending in the UI means descending values (days on a step)


ORDERS = {
    "name": _Order(None, "citizens_by_name_key", by_name=True),
    "identifier": _Order("identifier", "citizens_by_identifier"),
    "target_group": _Order(
        "target_group_id", "citizens_by_group_name", by_name=True, segments_from="target_groups"
    ),
    "step": _Order("current_step_id", "citizens_by_step_name", by_name=True, segments_from="steps"),
    "days_on_step": _Order("current_step_since", "citizens_by_since", flip=True),
    "next_meeting": _Order("next_meeting_on", "citizens_by_next_meeting_on"),
    "last_meeting": _Order("last_meeting_on", "citizens_by_last_meeting_on"),
}
SORT_COLUMNS = tuple(ORDERS)


@dataclass(frozen=True)
class _Segment:
    """A stretch of the order: citizens with ``column`` = ``value`` (or not NULL / NULL)."""

    condition: str
    params: tuple[Any, ...]
    keys: tuple[str, ...]  # the sort columns inside the segment (then c.id)
    descending: bool


def _order(query: CitizenQuery) -> Any:
    order = ORDERS.get(query.order_by)
    if order is None:
        raise ValidationError("order_by", "Listen kan ikke sorteres efter den kolonne.")
    return order


def _segments(store: Store, query: CitizenQuery) -> list[_Segment]:
    order = _order(query)
    desc = query.descending != order.flip
    if order.column is None:
        return [_Segment("1", (), ("c.name_key", "c.status"), desc)]
    col = f"c.{order.column}"
    # Each index ends in status (then the rowid), so ties are broken by status, then id: the
    # index's own order whether or not the query filters by status (no sorting of ties).
    tail = ("c.name_key", "c.status") if order.by_name else ("c.status",)
    if order.segments_from is not None:
        ids = [
            r[0] for r in store.query(f"SELECT id FROM {order.segments_from} ORDER BY position, id")
        ]
        if desc:
            ids.reverse()
        segments = [_Segment(f"{col} = ?", (i,), tail, desc) for i in ids]
    else:
        segments = [_Segment(f"{col} IS NOT NULL", (), (col, *tail), desc)]
    return [*segments, _Segment(f"{col} IS NULL", (), tail, desc)]


def _sort_rows(store: Store, query: CitizenQuery, rows: list[Any]) -> list[Any]:
    """(id, name_key, value, status) rows in the order of ``_segments``, sorted in Python."""
    order = _order(query)
    desc = query.descending != order.flip
    if order.column is None:
        return sorted(rows, key=itemgetter(1, 3, 0), reverse=desc)
    rank: dict[Any, int] = {}
    if order.segments_from is not None:
        ids = store.query(f"SELECT id FROM {order.segments_from} ORDER BY position, id")
        rank = {r[0]: i for i, r in enumerate(ids)}

    def key(r: Any) -> tuple[Any, ...]:
        head = rank.get(r[2], len(rank)) if rank else r[2]
        return (head, r[1], r[3], r[0]) if order.by_name else (head, r[3], r[0])

    def tail(r: Any) -> tuple[Any, ...]:
        return (r[1], r[3], r[0]) if order.by_name else (r[3], r[0])

    values = [r for r in rows if r[2] is not None]
    empty = [r for r in rows if r[2] is None]
    return sorted(values, key=key, reverse=desc) + sorted(empty, key=tail, reverse=desc)


# -- the filter -----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Filter:
    clauses: tuple[str, ...]
    params: tuple[Any, ...]
    fts: str | None  # the FTS5 query for the long words, if any

    def where(self, *extra: str) -> str:
        parts = [*self.clauses, *extra]
        return (" WHERE " + " AND ".join(parts)) if parts else ""


def _filter(
    query: CitizenQuery, *, fts_join: bool = False, words_by_instr: bool = False
) -> _Filter:
    """The WHERE of a query. With ``fts_join`` the caller joins ``citizen_search f`` itself;
    with ``words_by_instr`` every word is looked for in ``search_text`` (the same test as the
    trigram index's: both sides are folded alike), for a walk along another index."""
    clauses: list[str] = []
    params: list[Any] = []
    today = query.today or date.today()
    text = clean_text(query.text, "search", "Søgningen", max_len=200)
    words = search_words(text)
    long_words = [w for w in words if len(w) >= TRIGRAM]
    fts = " AND ".join(f'"{w}"' for w in long_words) if long_words else None
    if fts is not None and not fts_join and not words_by_instr:
        clauses.append("c.id IN (SELECT rowid FROM citizen_search WHERE citizen_search MATCH ?)")
        params.append(fts)
    for word in words:
        if len(word) < TRIGRAM or words_by_instr:
            clauses.append("instr(c.search_text, ?) > 0")
            params.append(word)
    if text.strip() and not words:
        clauses.append("0")  # only punctuation: nothing matches
    if query.status is not None:
        clauses.append("c.status = ?")
        params.append(str(query.status))
    for col, value in (
        ("c.target_group_id", query.target_group_id),
        ("c.current_step_id", query.step_id),
        ("c.caseworker_id", query.caseworker_id),
        ("c.consultant_id", query.consultant_id),
    ):
        if value is not None:
            clauses.append(f"{col} = ?")
            params.append(value)
    which = enum_value(NextMeetingFilter, query.next_meeting, "next_meeting", "Næste samtale")
    clause, values = _next_meeting_clause(which, today)
    if clause:
        clauses.append(clause)
        params.extend(values)
    if query.stale_weeks is not None:
        clauses.append("(c.current_step_since IS NULL OR c.current_step_since <= ?)")
        try:
            params.append((today - timedelta(weeks=query.stale_weeks)).isoformat())
        except (OverflowError, ValueError, TypeError):
            raise ValidationError("stale_weeks", "Antallet af uger er ikke gyldigt.") from None
    return _Filter(tuple(clauses), tuple(params), fts)


def _next_meeting_clause(which: NextMeetingFilter, today: date) -> tuple[str, list[str]]:
    if not date(1900, 1, 8) <= today <= date(9999, 12, 17):
        raise ValidationError("today", "Datoen er uden for det mulige.")
    monday = today - timedelta(days=today.weekday())
    if which is NextMeetingFilter.OVERDUE:
        return "c.next_meeting_on < ?", [today.isoformat()]
    if which is NextMeetingFilter.NONE_PLANNED:
        return "c.next_meeting_on IS NULL", []
    if which in (NextMeetingFilter.THIS_WEEK, NextMeetingFilter.NEXT_WEEK):
        start = monday if which is NextMeetingFilter.THIS_WEEK else monday + timedelta(weeks=1)
        end = start + timedelta(days=6)
        return "c.next_meeting_on BETWEEN ? AND ?", [start.isoformat(), end.isoformat()]
    return "", []


def _fts_hits(store: Store, fts: str) -> int:
    return int(
        store.scalar("SELECT count(*) FROM citizen_search WHERE citizen_search MATCH ?", (fts,))
    )


_FTS_SOURCE = " FROM citizen_search f CROSS JOIN citizens c ON c.id = f.rowid"


def _fts_filter(query: CitizenQuery, fts: str) -> _Filter:
    """The WHERE for reading the matches through the search index (``_FTS_SOURCE``)."""
    joined = _filter(query, fts_join=True)
    return _Filter(("citizen_search MATCH ?", *joined.clauses), (fts, *joined.params), fts)


def _counted_query(query: CitizenQuery) -> bool:
    """Whether ``caseload_counts`` can count the query: the plain list, by status and at most
    a step and a target group."""
    return (
        not query.text.strip()
        and query.caseworker_id is None
        and query.consultant_id is None
        and query.next_meeting == NextMeetingFilter.ANY
        and query.stale_weeks is None
    )


def _counts(store: Store, query: CitizenQuery) -> dict[tuple[int | None, int | None], int]:
    """(step id, target group id) -> citizens, from ``caseload_counts`` (see the module doc)."""
    clauses, params = [], []
    for col, value in (
        ("status", None if query.status is None else str(query.status)),
        ("step", query.step_id),
        ("grp", query.target_group_id),
    ):
        if value is not None:
            clauses.append(f"{col} = ?")
            params.append(value)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = store.query(
        f"SELECT step, grp, sum(n) FROM caseload_counts{where} GROUP BY step, grp", params
    )
    return {(r[0] or None, r[1] or None): int(r[2]) for r in rows if r[2]}


def count_citizens(store: Store, query: CitizenQuery) -> int:
    return CaseloadView(store, query, small=0).count


# -- rows -----------------------------------------------------------------------------------
# The list's columns, with the cheap conversions done by SQLite: the CPR number masked as
# ``validation.mask_identifier`` masks it (birth date part only), empty text for no value.
_ROW_SQL = (
    "SELECT c.id, c.name,"
    " CASE WHEN c.identifier_kind = 'cpr' AND c.identifier != ''"
    "  THEN substr(c.identifier, 1, 6) || '-****' ELSE coalesce(c.identifier, '') END,"
    " coalesce(tg.name, ''), c.current_step_id, coalesce(s.title, ''), s.position,"
    " c.current_step_since, c.next_meeting_on, c.last_meeting_on, coalesce(cw.name, ''),"
    " c.status FROM citizens c"
    " LEFT JOIN steps s ON s.id = c.current_step_id"
    " LEFT JOIN target_groups tg ON tg.id = c.target_group_id"
    " LEFT JOIN staff cw ON cw.id = c.caseworker_id"
)
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


def rows_by_id(store: Store, ids: Sequence[int]) -> list[CitizenRow]:
    """The list rows of ``ids``, in that order (missing ids are left out)."""
    found: dict[int, CitizenRow] = {}
    day, status = _day, _STATUS
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for r in store.tuples(f"{_ROW_SQL} WHERE c.id IN ({marks})", chunk):
            found[r[0]] = _new_row(
                CitizenRow,
                (*r[:7], day(r[7]), day(r[8]), day(r[9]), r[10], status[r[11]]),
            )
    return [found[i] for i in ids if i in found]


# -- the view -------------------------------------------------------------------------------
class CaseloadView:
    """The matches of one query: ``count`` and ``ids(start, n)`` / ``rows(start, n)``."""

    def __init__(self, store: Store, query: CitizenQuery, *, small: int = SMALL) -> None:
        """``small``: up to this many matches are sorted in Python (tests vary it)."""
        self.store = store
        self.query = query
        self._filter = _filter(query)
        self._ids: list[int] | None = None
        self._segments: list[_Segment] = []
        self._starts: list[int] = []  # the row at which each segment starts
        self._anchors: list[dict[int, tuple[Any, ...]]] = []  # per segment: row -> sort values
        self._marks: list[list[int]] = []  # per segment: the rows of its anchors, sorted
        self.count = 0
        source, counting = " FROM citizens c", self._filter
        fts = self._filter.fts
        if fts is not None:
            hits = _fts_hits(store, fts)
            source, counting = _FTS_SOURCE, _fts_filter(query, fts)
            if small > 0 and hits <= small:
                # A rare word: its few hits, read once through the search index, are the
                # matches.
                self._ids = self._sorted_ids(source, counting)
                self.count = len(self._ids)
                return
            if hits * DENSE > int(store.scalar("SELECT count(*) FROM citizens")):
                # Many citizens match: a page finds its rows among the next few of the order's
                # index sooner by reading their search text than by listing every hit first.
                self._filter = _filter(query, words_by_instr=True)
        if _counted_query(query):
            sizes = self._sizes_from_counts(_counts(store, query))
        else:
            sizes = self._sizes_by_counting(source, counting)
        self.count = sum(sizes.values())
        if 0 < self.count <= small:
            self._ids = self._sorted_ids(source, counting)
            self.count = len(self._ids)
        else:
            self._plan_segments(sizes)

    # -- few matches: sorted in Python ---------------------------------------------------
    def _sorted_ids(self, source: str, f: _Filter) -> list[int]:
        order = _order(self.query)
        value = f"c.{order.column}" if order.column else "NULL"
        rows = self.store.tuples(
            f"SELECT c.id, c.name_key, {value}, c.status" + source + f.where(), f.params
        )
        return [r[0] for r in _sort_rows(self.store, self.query, rows)]

    # -- many matches: keyset pages over segments ------------------------------------------
    # The sizes of the order's parts: by step or target group id for a segmented order, by
    # ``VALUES`` and None (no value) for an order with empty values, else ``VALUES`` alone.
    def _sizes_from_counts(self, counts: dict[tuple[int | None, int | None], int]) -> dict:
        order = _order(self.query)
        total = sum(counts.values())
        if order.segments_from is not None:  # by step or by target group
            part = 0 if order.segments_from == "steps" else 1
            sizes: dict[Any, int] = {}
            for key, n in counts.items():
                sizes[key[part]] = sizes.get(key[part], 0) + n
            return sizes
        if order.column is None or not total:
            return {VALUES: total}
        nulls = int(
            self.store.scalar(
                f"SELECT count(*) FROM citizens c INDEXED BY {order.index}"
                + self._filter.where(f"c.{order.column} IS NULL"),
                self._filter.params,
            )
        )
        return {VALUES: total - nulls, None: nulls}

    def _sizes_by_counting(self, source: str, f: _Filter) -> dict:
        """The sizes in one pass over the matches (``source``: the citizens or the hits)."""
        order = _order(self.query)
        col = f"c.{order.column}"
        if order.segments_from is not None:
            rows = self.store.tuples(
                f"SELECT {col}, count(*){source}{f.where()} GROUP BY 1", f.params
            )
            return {r[0]: r[1] for r in rows}
        if order.column is None:
            return {VALUES: int(self.store.scalar(f"SELECT count(*){source}{f.where()}", f.params))}
        total, values = self.store.tuples(
            f"SELECT count(*), count({col}){source}{f.where()}", f.params
        )[0]
        return {VALUES: values, None: total - values}

    def _plan_segments(self, sizes: dict) -> None:
        segments = _segments(self.store, self.query)
        if ORDERS[self.query.order_by].segments_from is not None:
            ns = [sizes.get(s.params[0], 0) for s in segments[:-1]] + [sizes.get(None, 0)]
        else:
            ns = [sizes.get(VALUES, 0), sizes.get(None, 0)][: len(segments)]
        start = 0
        for seg, n in zip(segments, ns, strict=True):
            if n:
                self._segments.append(seg)
                self._starts.append(start)
                self._anchors.append({})
                self._marks.append([])
                start += n
        self.count = start

    def _walk(
        self, seg: int, after: tuple[Any, ...] | None, skip: int, n: int, backwards: bool
    ) -> list[tuple[Any, ...]]:
        """Sort values + id of ``n`` rows of segment ``seg``, ``skip`` rows past ``after``
        (None: from the segment's start, or its end when ``backwards``). The walk reads the
        order's index alone: it covers the sort values, the status and the id."""
        s = self._segments[seg]
        keys = (*s.keys, "c.id")
        desc = s.descending != backwards
        direction = " DESC" if desc else ""
        extra = [s.condition]
        params = [*self._filter.params, *s.params]
        if after is not None:
            extra.append(
                f"({', '.join(keys)}) {'<' if desc else '>'} ({', '.join('?' * len(keys))})"
            )
            params.extend(after)
        index = ORDERS[self.query.order_by].index
        sql = (
            f"SELECT {', '.join(keys)} FROM citizens c INDEXED BY {index}"
            + self._filter.where(*extra)
            + " ORDER BY "
            + ", ".join(k + direction for k in keys)
            + " LIMIT ? OFFSET ?"
        )
        return self.store.tuples(sql, [*params, n, skip])

    def _segment_ids(self, seg: int, first: int, n: int) -> list[int]:
        """Ids of rows ``first`` … ``first + n - 1`` counted inside segment ``seg``."""
        size = self._segment_size(seg)
        anchors = self._anchors[seg]
        marks = self._marks[seg]
        at = bisect_left(marks, first)
        nearest = marks[at - 1] if at else None
        from_start = first - (nearest + 1 if nearest is not None else 0)
        from_end = size - (first + n)
        if from_end < from_start:
            got = self._walk(seg, None, from_end, n, backwards=True)
            got.reverse()
        elif nearest is None:
            got = self._walk(seg, None, first, n, backwards=False)
        else:
            got = self._walk(seg, anchors[nearest], from_start, n, backwards=False)
        for row, values in ((first, got[0]), (first + len(got) - 1, got[-1])) if got else ():
            if row not in anchors:
                insort(marks, row)
            anchors[row] = values
        return [values[-1] for values in got]

    def _segment_size(self, seg: int) -> int:
        end = self._starts[seg + 1] if seg + 1 < len(self._starts) else self.count
        return end - self._starts[seg]

    # -- the public part -------------------------------------------------------------------
    def ids(self, start: int = 0, n: int | None = None) -> list[int]:
        """The ids of rows ``start`` … ``start + n - 1`` (all from ``start`` if n is None)."""
        start = max(0, start)
        end = self.count if n is None else min(self.count, start + n)
        if start >= end:
            return []
        if self._ids is not None:
            return self._ids[start:end]
        out: list[int] = []
        row = start
        while row < end:
            seg = bisect_right(self._starts, row) - 1
            local = row - self._starts[seg]
            take = min(end - row, self._segment_size(seg) - local, 5000)
            got = self._segment_ids(seg, local, take)
            if not got:
                break  # the data changed under us; the caller re-runs the query
            out.extend(got)
            row += len(got)
        return out

    def rows(self, start: int, n: int) -> list[CitizenRow]:
        return rows_by_id(self.store, self.ids(start, n))


def search_citizens(
    store: Store,
    query: CitizenQuery,
    *,
    limit: int | None = None,
    offset: int = 0,
    log_search: bool = True,
) -> list[CitizenRow]:
    """The caseload as the query asks, sorted in SQL; the search is audit-logged."""
    view = CaseloadView(store, query)
    rows = view.rows(offset, view.count if limit is None else limit)
    if log_search:
        audit.log_search(store, query.criteria(), len(rows))
    return rows


def citizen_ids(store: Store, query: CitizenQuery) -> list[int]:
    """Every id the query matches, in its order, without building rows (batch printing)."""
    return CaseloadView(store, query).ids()


__all__ = [
    "SORT_COLUMNS",
    "CaseloadView",
    "CitizenQuery",
    "CitizenRow",
    "citizen_ids",
    "count_citizens",
    "rows_by_id",
    "search_citizens",
]


def citizen_matches(store: Store, query: CitizenQuery, citizen_id: int) -> bool:
    """Whether the citizen is among those the query lists (not logged: no data is read)."""
    f = _filter(query)
    sql = "SELECT count(*) FROM citizens c" + f.where("c.id = ?")
    return int(store.scalar(sql, (*f.params, citizen_id))) > 0
