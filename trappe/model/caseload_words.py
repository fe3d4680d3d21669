"""The caseload query with words (``CaseloadView``'s part for a search): counted from the
search index, or along a filter's index that holds the text, and read from the order's ends.

A search with many matches needs its count and its first and last screen, not how many of
its matches have each step or each value of the sort column (which costs a pass over every
match, reading the sort column of each). So a search's view is counted cheaply:

- words with few hits (``FEW_HITS``; with any filter but a staff), or words alone with few
  in the status's share of the hits: read once through the search index, which counts them
  too;
- words and a status alone: the search index's hits (every status), less the hits among the
  other status, read from the text index (the closed citizens are the smaller part);
- words with a filter: along the filter's index, which holds the text (migration 0010), or
  in one pass over the search index's hits, which also gives what sorts few matches;

and its pages are walked from the start of the order (the first screen, and on from it as
the list scrolls down) or back from its end (the last screen). Only a read that lands in
the middle counts the sizes of the order's parts, once (``_count_parts``).
"""

from __future__ import annotations

from typing import Any

from trappe.model.caseload_order import _segments, order_of
from trappe.model.caseload_plan import KeptCounts, _probe, _Source, word_count, words_alone
from trappe.model.caseload_query import _filter
from trappe.model.caseload_rows import make_rows
from trappe.model.store import Store

IDS, ROWS, RAW = "ids", "rows", "raw"  # what a read returns (``CaseloadView._read``)


def _by_status(kept: KeptCounts) -> dict[str, int]:
    """Citizens per status, from the rows of ``caseload_counts`` (``kept_counts``)."""
    out: dict[str, int] = {}
    for status, _, _, n in kept:
        out[status] = out.get(status, 0) + int(n)
    return out


def order_by_sql(store: Store, query: Any) -> tuple[str, str]:
    """(columns, ORDER BY) that sort a query's matches in SQL in the order of the list's
    segments (``caseload_order``): the values before the empty, by value (a step or target
    group by its position), then name where the order says, status and id. The columns are
    aliased, so a UNION ALL of branches sorts too."""
    order = order_of(query)
    d = " DESC" if query.descending != order.flip else ""
    if order.column is None:
        return "c.name_key AS k1, c.status AS k2", f"k1{d}, k2{d}, id{d}"
    head = col = f"c.{order.column}"
    if order.segments_from is not None:
        ids = store.query(f"SELECT id FROM {order.segments_from} ORDER BY position, id")
        whens = " ".join(f"WHEN {int(r[0])} THEN {i}" for i, r in enumerate(ids))
        head = f"CASE {col} {whens} ELSE {len(ids)} END" if ids else "0"
    # The name only where the order breaks ties by it: it is in the row, not in the indexes
    # of the dates, so reading it would fetch each match's row for nothing.
    name = "c.name_key AS k2, " if order.by_name else ""
    columns = f"{col} IS NULL AS k0, {head} AS k1, {name}c.status AS k3"
    by = f"k0, k1{d}, " + (f"k2{d}, " if order.by_name else "") + f"k3{d}, id{d}"
    return columns, by


def sorted_ids(store: Store, sql: str, by: str, params: Any) -> list[int]:
    """The ids of ``sql``'s rows (its columns ``id`` and ``order_by_sql``'s) sorted ``by``.
    Only the id is selected: the sort keys stay in the sorter, not copied out with every
    row (for a few thousand matches that costs a third more than the sort itself)."""
    return [r[0] for r in store.tuples(f"SELECT id FROM ({sql}) ORDER BY {by}", params)]


class _WordsPart:
    """``CaseloadView``'s part for words (see the module doc)."""

    store: Store
    query: Any
    count: int
    _ids: list[int] | None
    _segments: list[Any]
    _pending: bool
    _front: tuple[int, int, tuple[Any, ...] | None]
    _src: _Source
    _kept: KeptCounts

    def _count_words(self, src: _Source, hits: int | None, small: int) -> int | bool | None:
        """For a query with words: True when the matches are found (few: ``_ids``) or
        counted (many: read from the ends); else the count, if known, or None."""
        store, query = self.store, self.query
        # (Hits up to ``small`` are read through the search index at once: that pass counts
        # and sorts them. More are counted without reading their rows.)
        words = None
        if hits is not None and hits > small and words_alone(query):
            # Counted from the hits less those of the other status (``word_count``), unless
            # the status's share of the hits, if they fall alike, is few: one pass through
            # the search index then finds and sorts them (below), and counts them too.
            kept = _by_status(self._kept)
            own = sum(kept.values()) if query.status is None else kept.get(str(query.status), 0)
            if hits * own > small * max(1, sum(kept.values())):
                words = word_count(store, query, hits, kept)
        if words is None and hits is not None and src.covering:
            # Words and filters, along an index that holds the text and the filters: few
            # matches are found there alone, then read by id; many are counted.
            found, words = src.found, src.size
            if not src.exact:
                # One pass counts the matches and lists their ids (a list that stops at
                # ``small`` and a count after it read the first ones twice).
                words, found, _ = _probe(store, src, src.filter, ids=True)
            if found is not None and words <= small:
                self._ids = self._sorted_ids(src, [int(i) for i in found.split(",") if i])
                self.count = len(self._ids)
                return True
        elif words is None and hits is not None and src.size > small:
            # Through the search index's hits: one pass reads and sorts the matches.
            got = self._sorted_ids(src)
            if len(got) <= 2 * small:  # (all read already: however many, they are kept)
                self._ids = got
                self.count = len(self._ids)
                return True
            words = len(got)
        if words is not None and words > small:
            # Words, many matches, counted (from the search index, or along the filter's
            # index); the first and the last screen are walked from the order's ends, the
            # sizes of its parts counted only when a read lands in the middle.
            self.count, self._pending = words, True
            self._segments = _segments(store, query)
            return True
        return words

    def _few_hits(self, table: str, match: str, limit: int) -> list[int] | None:
        """The matches of words all in the search index ``table`` (``match``), if it has at
        most ``limit`` hits: their ids from the index alone (no count of the hits first,
        which costs as much again), then their rows by id, the status and every other
        filter tested, and sorted; else None, having listed no more than ``limit`` + 1 hits
        (no row read)."""
        import json  # (here: the start path needs no JSON)

        hits = self.store.tuples(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?", (match, limit + 1)
        )
        if len(hits) > limit:
            return None
        if not hits:
            return []
        rest = _filter(self.query, fts_join=table)  # (the MATCH is not tested again)
        columns, by = order_by_sql(self.store, self.query)
        # (Each row by its id: CROSS JOIN keeps SQLite from scanning the status instead.)
        sql = f"SELECT c.id AS id, {columns} FROM json_each(?) j CROSS JOIN citizens c"
        sql += " ON c.id = j.value" + rest.where()
        params = [json.dumps([r[0] for r in hits]), *rest.params]
        return sorted_ids(self.store, sql, by, params)

    # -- many matches, sizes not yet counted: the ends of the order --------------------------
    def _read_pending(self, start: int, end: int, rows: str) -> list[Any] | None:
        """Rows ``start`` … ``end - 1`` walked from the order's start (or on from the last
        such read) or back from its end, across its parts; None if the read is elsewhere."""
        if end <= start:
            return []
        at, seg, after = self._front
        forward = start == at or start == 0
        if not forward and end != self.count:
            return None
        if forward and start == 0:
            seg, after = 0, None
        out: list[Any] = []
        joined = rows != IDS
        order = (
            range(seg, len(self._segments)) if forward else range(len(self._segments) - 1, -1, -1)
        )
        for s in order:
            need = end - start - len(out)
            got, keys_at = self._walk(s, after if forward else None, 0, need, not forward, joined)
            after = None
            out.extend(got)
            if len(got) == need:
                if forward and got:
                    self._front = (start + len(out), s, tuple(got[-1][i] for i in keys_at))
                break
        else:
            if forward:
                self._front = (start + len(out), len(self._segments), None)
        if not forward:
            out.reverse()
        if rows == IDS:
            return [r[-1] for r in out]
        return out if rows == RAW else make_rows(out)

    def _count_parts(self) -> None:
        """Count the sizes of the order's parts (for a read in the middle)."""
        self._pending = False
        self._segments, self._starts, self._anchors, self._marks = [], [], [], []
        self._plan_segments(self._sizes_by_counting(self._src))
