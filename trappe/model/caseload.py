"""The caseload query: search, filters, sorting and paging, in SQL, at jobcentre scale.

A ``CaseloadView`` is one run of a ``CitizenQuery``: it counts the matches once and then
hands out any stretch of rows, in order, at a cost that does not grow with the position:

- **Few matches** (at most ``SMALL``, e.g. a search for a name, a caseworker's citizens):
  every match is read once, along the index of the query's most selective part
  (``caseload_plan``), with what the order needs, and sorted in Python by the same keys
  SQLite would use; the count is the length of that list, and a page is one read of its rows
  by id.
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
240,000 citizens. Any other query is counted along the index of its most selective part
(``caseload_plan``), which holds the columns the count needs where it can.

The search and the filters (the WHERE) are in ``caseload_query``, the orders and their
segments in ``caseload_order``, the list's rows in ``caseload_rows``; their public names stay
importable from here.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import Counter
from typing import Any

from trappe.model.caseload_order import (
    ORDERS,
    SORT_COLUMNS,
    _Segment,
    _segments,
    order_of,
)
from trappe.model.caseload_plan import (
    DENSE,
    JOIN,
    _counted_query,
    _counts,
    _Source,
    choose_source,
    kept_counts,
    staff_bound,
    words_alone,
)
from trappe.model.caseload_query import (
    CitizenQuery,
    _filter,
    _fts_hits,
)
from trappe.model.caseload_rows import (
    ROW_JOINS,
    CitizenRow,
    make_rows,
    rows_by_id,
    with_keys,
)
from trappe.model.caseload_words import IDS, RAW, ROWS, _WordsPart, order_by_sql, sorted_ids
from trappe.model.store import Store

SMALL = 5000  # at most this many matches: sort their ids in Python (see the module doc)
FETCH = 50000  # up to this many candidates along a covering index: read in one pass …
FEW_OF_SCAN = 5  # … when they are at most 1/FEW_OF_SCAN of the index entries it reads
FEW_HITS = 1000  # words (no staff): up to this many hits read through the search index at once
STAFF_FEW = 200  # a caseworker's (consultant's) citizens up to this many are read, words
# checked on the text: a search index's hit count would cost more (``CaseloadView``)
WALK_BY_TEXT = 320  # a page reads a text (~1.5 µs) where listing a hit costs ~0.2 µs: 40 × 8
VALUES = "values"  # the part of an order with a value (``CaseloadView._sizes_…``)


def count_citizens(store: Store, query: CitizenQuery) -> int:
    return CaseloadView(store, query, small=0).count


# -- the view -------------------------------------------------------------------------------
class CaseloadView(_WordsPart):
    """The matches of one query: ``count`` and ``ids(start, n)`` / ``rows(start, n)``."""

    def __init__(self, store: Store, query: CitizenQuery, *, small: int = SMALL) -> None:
        """``small``: up to this many matches are sorted in Python (tests vary it)."""
        self.store = store
        self.query = query
        self._filter = self._walk_filter = _filter(query)
        self._ids: list[int] | None = None
        self._segments: list[_Segment] = []
        self._starts: list[int] = []  # the row at which each segment starts
        self._anchors: list[dict[int, tuple[Any, ...]]] = []  # per segment: row -> sort values
        self._marks: list[list[int]] = []  # per segment: the rows of its anchors, sorted
        self._nulls_pending = False  # planned as one segment until the empty ones are counted
        self._bounds: tuple[Any, Any] | None = None  # the values' extremes (``_segments``)
        self._pending = False  # the parts' sizes not yet counted (``_read_pending``)
        self._front: tuple[int, int, tuple[Any, ...] | None] = (0, 0, None)
        self.count = 0
        matches = self._filter.matches()
        staff = query.caseworker_id is not None or query.consultant_id is not None
        if len(matches) == 1 and small > 0 and not staff:
            # Words in one search index, with few hits: read at once through it, every
            # filter tested on their rows (a staff's few citizens are read without it).
            self._ids = self._few_hits(*matches[0], min(small, FEW_HITS))
            if self._ids is not None:
                self.count = len(self._ids)
                return
        self._kept = kept_counts(store)
        total = sum(int(r[3]) for r in self._kept)
        counts = _counts(query, self._kept)
        kept = sum(counts.values())
        staff_counts: dict[str, int] = {}
        hits, table = None, None
        if matches:
            # With a caseworker or consultant (a few dozen citizens), a common word's hits
            # need not all be counted: only whether they are fewer.
            cap = staff_bound(store, query, small, staff_counts) + 1 if staff and small > 0 else -1
            if 0 < cap <= STAFF_FEW:
                # So few that reading them, each word checked on the text, costs less than
                # opening a search index to count its hits: the staff's index drives.
                matches = ()
            if cap < 0 and not words_alone(query):
                # More hits than that: a common word, read by its text; or more than the
                # status's (step's, group's) own index holds, read JOIN times cheaper: the
                # search index cannot drive (``caseload_plan``), so need not be read further.
                cap = min(total // DENSE, kept // JOIN) + 1
            for index, match in matches:  # the search index with fewer hits drives
                n = _fts_hits(store, match, cap, index)
                if n != cap:  # (else at least ``cap``: as good as unknown)
                    hits, table, cap = n, index, n + 1
            if hits is None:
                hits, table = total, self._filter.matches()[0][0]
            elif hits == 0:  # a search index finds none of its words together: no match
                self._ids = []
                return
        src = choose_source(store, query, hits, total, kept, small, table, staff_counts)
        if hits is not None and hits * hits > WALK_BY_TEXT * total:
            # Many citizens match: a page finds its rows among the next few of the order's
            # index (about ``total / hits`` entries a row) sooner by reading their search text
            # than by listing every hit first.
            self._filter = _filter(query, words_by_instr=True)
        self._walk_filter = self._filter.status_unindexed()
        self._src = src
        if src.exact and src.size > small:
            # Counted already, exactly, by the probe that chose the range (``caseload_plan``),
            # with, for an order by a value, how many have one and their extremes: the parts'
            # sizes are known, and the values' part is their range of the order's index. Else
            # the first and the last screen are walked from the order's ends, the sizes of the
            # parts counted only when a read lands in the middle (as for many words).
            order = order_of(query)
            if src.values is not None:
                values, low, high = src.values
                self._bounds = (low, high) if values else None
                self._plan_segments({VALUES: values, None: src.size - values})
            elif order.column is None:
                self._plan_segments({VALUES: src.size})
            else:
                self.count, self._pending = src.size, True
                self._segments = _segments(store, query)
            return
        words = self._count_words(src, hits, small)
        if words is True:
            return
        if src.size <= small or words is not None:  # (few matches with words too)
            # Few candidates: read once along the source, the matches are sorted in Python.
            self._ids = self._sorted_ids(src)
            self.count = len(self._ids)
            return
        sizes = None
        if small > 0 and src.covering and not _counted_query(query):
            # Many candidates, perhaps few matches: their ids, from the index alone, tell;
            # up to ``FETCH`` candidates, with what counts them, in the same pass.
            sizes, ids = self._ids_and_sizes(src, small)
            if len(ids) <= small:
                self._ids = self._sorted_ids(src, ids)
                self.count = len(self._ids)
                return
        if _counted_query(query):
            sizes = self._sizes_from_counts(counts)
        elif sizes is None:
            sizes = self._sizes_by_counting(src)
        self.count = sum(sizes.values())
        if 0 < self.count <= small:
            self._ids = self._sorted_ids(src)
            self.count = len(self._ids)
        else:
            self._plan_segments(sizes)

    # -- few matches: sorted in Python ---------------------------------------------------
    def _sorted_ids(self, src: _Source, ids: list[int] | None = None) -> list[int]:
        """The matches of ``src`` (or, known already, those ``ids``) in the query's order."""
        columns, by = order_by_sql(self.store, self.query)
        if ids is None:
            sql, params = src.select(f"c.id AS id, {columns}")
        else:
            import json  # (here: the start path needs no JSON)

            sql = (
                f"SELECT c.id AS id, {columns} FROM citizens c"
                " WHERE c.id IN (SELECT value FROM json_each(?))"
            )
            params = [json.dumps(ids)]
        return sorted_ids(self.store, sql, by, params)

    # -- many matches: keyset pages over segments ------------------------------------------
    # The sizes of the order's parts: by step or target group id for a segmented order, by
    # ``VALUES`` and None (no value) for an order with empty values, else ``VALUES`` alone.
    def _sizes_from_counts(self, counts: dict[tuple[int | None, int | None], int]) -> dict:
        order = order_of(self.query)
        total = sum(counts.values())
        if order.segments_from is not None:  # by step or by target group
            part = 0 if order.segments_from == "steps" else 1
            sizes: dict[Any, int] = {}
            for key, n in counts.items():
                sizes[key[part]] = sizes.get(key[part], 0) + n
            return sizes
        if order.column is not None and total:
            # How many have no value (the empty segment, last) is counted only when a read
            # needs to know where it begins: the first screen, read from the top, rarely does.
            self._nulls_pending = True
        return {VALUES: total}

    def _count_nulls(self) -> None:
        """Split the one segment planned before the count into the values and the empty."""
        self._nulls_pending = False
        order = order_of(self.query)
        nulls = int(
            self.store.scalar(
                f"SELECT count(*) FROM citizens c INDEXED BY {order.index}"
                + self._filter.where(f"c.{order.column} IS NULL"),
                self._filter.params,
            )
        )
        total = self.count
        self._segments, self._starts, self._anchors, self._marks = [], [], [], []
        self._plan_segments({VALUES: total - nulls, None: nulls})

    def _ids_and_sizes(self, src: _Source, small: int) -> tuple[dict | None, list[int]]:
        """The ids of the matches and the sizes of the order's parts, in one pass along a
        covering source of at most ``FETCH`` candidates, few of the entries the pass reads
        (fetching a row costs more than reading an index entry); else the same for at most
        twice ``small`` matches (a pass that finds more stops there: no sizes, and more than
        ``small`` ids tell that the matches are many)."""
        order = order_of(self.query)
        value = f"c.{order.column}" if order.column else "NULL"
        sql, params = src.select(f"c.id, {value}")
        if src.size > FETCH or src.size * FEW_OF_SCAN > src.scan:
            got = self.store.tuples(f"{sql} LIMIT ?", [*params, 2 * small + 1])
            if len(got) > 2 * small:
                return None, [r[0] for r in got]
        else:
            got = self.store.tuples(sql, params)
        ids = [r[0] for r in got]
        if order.segments_from is not None:
            return dict(Counter(r[1] for r in got)), ids
        if order.column is None:
            return {VALUES: len(got)}, ids
        empty = sum(1 for r in got if r[1] is None)
        return {VALUES: len(got) - empty, None: empty}, ids

    def _sizes_by_counting(self, src: _Source) -> dict:
        """The sizes in one pass over the matches, along the query's source."""
        order = order_of(self.query)
        if order.column is None:
            sql, params = src.select("1")
            return {VALUES: int(self.store.scalar(f"SELECT count(*) FROM ({sql})", params))}
        sql, params = src.select(f"c.{order.column} AS v")
        if order.segments_from is not None:
            # Counted side by side in one pass (a GROUP BY would sort every match).
            ids = [r[0] for r in self.store.query(f"SELECT id FROM {order.segments_from}")]
            counts = ", ".join("count(*) FILTER (WHERE v = ?)" for _ in ids)
            row = self.store.tuples(
                f"SELECT count(*) FILTER (WHERE v IS NULL), {counts} FROM ({sql})",
                [*ids, *params],
            )[0]
            return dict(zip([None, *ids], row, strict=True))
        total, values = self.store.tuples(f"SELECT count(*), count(v) FROM ({sql})", params)[0]
        return {VALUES: values, None: total - values}

    def _plan_segments(self, sizes: dict) -> None:
        segments = _segments(self.store, self.query, self._bounds)
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
        self,
        seg: int,
        after: tuple[Any, ...] | None,
        skip: int,
        n: int,
        backwards: bool,
        with_rows: bool = False,
    ) -> tuple[list[tuple[Any, ...]], tuple[int, ...]]:
        """Sort values + id of ``n`` rows of segment ``seg``, ``skip`` rows past ``after``
        (None: from the segment's start, or its end when ``backwards``). The walk reads the
        order's index alone: it covers the sort values, the status and the id. ``with_rows``
        reads the list's columns instead (``caseload_rows.with_keys``): the rows come with
        the walk, at the price of joining the skipped rows too. Also returned: where the sort
        values and the id are in each row.

        The status is tested as ``+c.status``: an equality SQLite can use on a column that
        is not the index's first makes it sort each run of equal leading values again (a
        temporary B-tree "for the right part of the ORDER BY"; for the empty segment, all of
        it), though the index already gives the order. Tested on the index entry all the
        same."""
        s = self._segments[seg]
        keys = (*s.keys, "c.id")
        desc = s.descending != backwards
        direction = " DESC" if desc else ""
        extra = [s.condition]
        params = [*self._walk_filter.params, *s.params]
        if after is not None:
            extra.append(
                f"({', '.join(keys)}) {'<' if desc else '>'} ({', '.join('?' * len(keys))})"
            )
            params.extend(after)
        index = ORDERS[self.query.order_by].index
        if with_rows:
            (columns, at), joins = with_keys(keys), ROW_JOINS
        else:
            columns, at, joins = ", ".join(keys), tuple(range(len(keys))), ""
        sql = (
            f"SELECT {columns} FROM citizens c INDEXED BY {index}{joins}"
            + self._walk_filter.where(*extra)
            + " ORDER BY "
            + ", ".join(k + direction for k in keys)
            + " LIMIT ? OFFSET ?"
        )
        return self.store.tuples(sql, [*params, n, skip]), at

    def _segment_read(self, seg: int, first: int, n: int, rows: str) -> list[Any]:
        """Rows ``first`` … ``first + n - 1`` counted inside segment ``seg``, as ``rows``
        says (``_read``)."""
        size = self._segment_size(seg)
        anchors = self._anchors[seg]
        marks = self._marks[seg]
        at = bisect_left(marks, first)
        nearest = marks[at - 1] if at else None
        from_start = first - (nearest + 1 if nearest is not None else 0)
        from_end = size - (first + n)
        if from_end < from_start:
            after, skip, backwards = None, from_end, True
        elif nearest is None:
            after, skip, backwards = None, first, False
        else:
            after, skip, backwards = anchors[nearest], from_start, False
        # Scrolling on from a page already read skips nothing: one query reads the page's
        # rows along the walk. A jump (a long skip) walks the index alone, then reads by id.
        joined = rows != IDS and skip <= n
        got, at = self._walk(seg, after, skip, n, backwards, with_rows=joined)
        if backwards:
            got.reverse()
        for row, values in ((first, got[0]), (first + len(got) - 1, got[-1])) if got else ():
            if row not in anchors:
                insort(marks, row)
            anchors[row] = tuple(values[i] for i in at)
        if joined:
            return got if rows == RAW else make_rows(got)
        ids = [values[-1] for values in got]
        return ids if rows == IDS else rows_by_id(self.store, ids)

    def _segment_size(self, seg: int) -> int:
        end = self._starts[seg + 1] if seg + 1 < len(self._starts) else self.count
        return end - self._starts[seg]

    # -- the public part -------------------------------------------------------------------
    def ids(self, start: int = 0, n: int | None = None) -> list[int]:
        """The ids of rows ``start`` … ``start + n - 1`` (all from ``start`` if n is None)."""
        return self._read(start, n, IDS)

    def rows(self, start: int, n: int) -> list[CitizenRow]:
        """The list rows of rows ``start`` … ``start + n - 1``."""
        return self._read(start, n, ROWS)

    def page(self, start: int, n: int) -> list[Any]:
        """``rows``, except that a row read along an index walk may be left raw (its
        ``ROW_COLUMNS`` first), to be built when it is shown (``caseload_rows.built``): a
        list reading ahead, or scrolled past fast, builds only the rows it shows."""
        return self._read(start, n, RAW)

    def _read(self, start: int, n: int | None, rows: str) -> list[Any]:
        """``rows``: ``IDS``, ``ROWS`` or ``RAW`` (see ``page``)."""
        start = max(0, start)
        end = self.count if n is None else min(self.count, start + n)
        if self._ids is not None:
            ids = self._ids[start:end] if start < end else []
            return ids if rows == IDS else rows_by_id(self.store, ids)
        if self._pending:
            got = self._read_pending(start, end, rows)
            if got is not None:
                return got
            self._count_parts()
        if self._nulls_pending and start > 0 and end == self.count:
            # The last screen: walked back from the end of the order, across the empty
            # values and on into the values', needs no count of where the empty ones begin.
            planned, self._segments = self._segments, _segments(self.store, self.query)
            try:
                got = self._read_pending(start, end, rows)
            finally:
                self._segments = planned
            if got is not None:
                return got
        if self._nulls_pending and (start > 0 or n is None):
            self._count_nulls()
        out: list[Any] = []
        row = start
        while row < end:
            seg = bisect_right(self._starts, row) - 1
            local = row - self._starts[seg]
            take = min(end - row, self._segment_size(seg) - local, 5000)
            got = self._segment_read(seg, local, take, rows)
            if not got:
                break  # the data changed under us; the caller re-runs the query
            out.extend(got)
            row += len(got)
        if self._nulls_pending and len(out) < end - start:
            self._count_nulls()  # the values ran out within the read: the empty ones follow
            return self._read(start, n, rows)
        return out


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
        from trappe.model import audit  # (not on the GUI's start path: it lists without this)

        audit.log_search(store, query.criteria(), len(rows))
    return rows


def citizen_ids(store: Store, query: CitizenQuery) -> list[int]:
    """Every id the query matches, in its order, without building rows (batch printing)."""
    return CaseloadView(store, query).ids()


__all__ = [
    "ORDERS",
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
