"""Which index drives a caseload query: the most selective thing the query has.

A query may have a search (its long words: the FTS5 trigram index ``citizen_search``; its
short words: the index of letters and letter pairs ``citizen_grams``; the one with fewer
hits), a caseworker or a company consultant (an index each), a next-meeting choice (a range
of ``citizens_next_cover``), weeks on a step (two ranges of ``citizens_since_cover``: no
date, or on or before a date), and a status, step and target group (counted from
``caseload_counts``). Each is a *source* of candidates with an upper bound on how many it
gives, found cheaply (a kept count, a hit count, or a count of an index range that stops
once it passes the best so far). The cheapest drives (``_cost``: a hit of a search index is
a row read, about ``JOIN`` entries of an index that holds the text and the filters):

- few candidates are read once along it, every other condition checked on the way (with a
  range, the probe that counts it also finds the matches: the range's index holds the text);
- many are counted along it (the cover indexes hold the other filter columns, the step, the
  target group and the sort values' emptiness, so that count reads the index alone), and the
  pages walk the order's index (``caseload``).

Every source reads the same rows for the same query (the full WHERE is always applied);
only the cost differs. Words are checked with ``instr`` on ``search_text`` where the search
index does not drive (the same test, as both sides are folded alike: ``caseload_query``).
"""

from __future__ import annotations

from typing import Any

from trappe.model.caseload_order import order_of
from trappe.model.caseload_query import (
    TRIGRAMS,
    CitizenQuery,
    _Filter,
    _filter,
    _fts_filter,
    _fts_source,
)
from trappe.model.entities import NextMeetingFilter
from trappe.model.frozen import frozen, replace
from trappe.model.store import Store

DENSE = 4  # a word found in over 1/DENSE of all citizens is checked by reading the text
SEARCH_COVER = "citizens_search_cover"


@frozen
class _Source:
    """Candidates for a query's matches: ``source`` (FROM …) with the query's whole WHERE,
    read as one SELECT per branch (an index range each), joined by UNION ALL."""

    name: str
    size: int  # at most this many matches
    source: str
    filter: _Filter
    branches: tuple[tuple[str, tuple[Any, ...]], ...] = (("", ()),)
    covering: bool = False  # the filter's columns are in the index (a count reads it alone)
    scan: int = 0  # how many index entries a pass reads (0: about ``size``)
    exact: bool = False  # ``size`` is the number of matches, counted
    found: str | None = None  # with ``exact``: the matches' ids, comma-separated
    # With ``exact``, for an order by a value the source's index does not order by: how many
    # matches have a value, the least and the greatest (``choose_source``).
    values: tuple[int, Any, Any] | None = None

    def select(self, columns: str, *extra: str) -> tuple[str, list[Any]]:
        parts, params = [], []
        for clause, values in self.branches:
            more = (*extra, clause) if clause else extra
            parts.append(f"SELECT {columns}{self.source}{self.filter.where(*more)}")
            params.extend((*self.filter.params, *values))
        return " UNION ALL ".join(parts), params


def _indexed(index: str) -> str:
    return f" FROM citizens c INDEXED BY {index}"


def _count_upto(store: Store, source: _Source, cap: int) -> int:
    """How many rows ``source`` gives, counted no further than ``cap``."""
    sql, params = source.select("1")
    return int(store.scalar(f"SELECT count(*) FROM ({sql} LIMIT ?)", [*params, cap]))


def _probe(
    store: Store,
    source: _Source,
    matching: _Filter,
    *,
    ids: bool = False,
    value: str | None = None,
) -> tuple[int, str | None, tuple[int, Any, Any] | None]:
    """One pass over the rows ``source`` gives that meet ``matching`` too: how many; with
    ``ids``, their ids (comma-separated; else None); with ``value`` (a column), how many of
    them have one and the least and the greatest (else None).

    The whole WHERE is tested on each index entry, and only the matches go on to the
    aggregates: every entry through a subquery (a CASE per row, counted with FILTER)
    costs about twice a plain count. What the source's WHERE tests already is not tested
    again. With more than one branch (index range), the matches of each are joined by
    UNION ALL, under the aggregates."""
    rest = [c for c in matching.clauses if c not in source.filter.clauses]
    tested: list[Any] = []
    at = 0
    for clause in matching.clauses:
        n = clause.count("?")
        if clause in rest:
            tested.extend(matching.params[at : at + n])
        at += n
    one = len(source.branches) == 1
    v = value if one else "v"
    aggregates = ["count(*)"] + ["group_concat(c.id)" if one else "group_concat(id)"] * ids
    if value:
        aggregates += [f"count({v})", f"min({v})", f"max({v})"]
    columns = "c.id AS id" + (f", {value} AS v" if value else "")
    parts, params = [], []
    for clause, values in source.branches:
        where = source.filter.where(*rest, *((clause,) if clause else ()))
        parts.append(f"SELECT {', '.join(aggregates) if one else columns}{source.source}{where}")
        params.extend((*source.filter.params, *tested, *values))
    sql = parts[0] if one else f"SELECT {', '.join(aggregates)} FROM ({' UNION ALL '.join(parts)})"
    row = store.tuples(sql, params)[0]
    found = (row[1] or "") if ids else None
    return int(row[0]), found, ((int(row[-3]), row[-2], row[-1]) if value else None)


def staff_bound(
    store: Store, query: CitizenQuery, small: int, known: dict[str, int] | None = None
) -> int:
    """The fewest citizens of the query's caseworker or consultant (counted no further than
    ``small``): a word's hits need counting only that far to know which drives. ``known``
    gets each count that was not cut short (by column), for ``choose_source``."""
    bound = small
    for column, value in (
        ("caseworker_id", query.caseworker_id),
        ("consultant_id", query.consultant_id),
    ):
        if value is not None:
            n = int(
                store.scalar(
                    f"SELECT count(*) FROM (SELECT 1 FROM citizens WHERE {column} = ? LIMIT ?)",
                    (value, bound),
                )
            )
            if known is not None and n < bound:
                known[column] = n
            bound = min(bound, n)
    return bound


def choose_source(
    store: Store,
    query: CitizenQuery,
    hits: int | None,
    total: int,
    kept: int,
    small: int,
    table: str | None = None,
    staff: dict[str, int] | None = None,
) -> _Source:
    """The smallest source of the query's matches (see the module doc). ``hits``: the words'
    hits in the search index ``table`` (None: no word in an index; the table defaults to
    the trigram index); ``total``: all citizens; ``kept``: the matches of its status, step
    and target group, from ``caseload_counts``; ``small``:
    up to this many candidates are read along the source (with a row each), more along an
    index that holds every column the query tests, where there is one; ``staff``: the
    caseworker's and the consultant's citizens, where counted already (``staff_bound``)."""
    f = _filter(query)
    by_text = _filter(query, words_by_instr=True)
    has_words = any("instr(" in c for c in by_text.clauses)
    # The indexes hold the columns every filter tests but the staff and the text.
    covered = query.caseworker_id is None and query.consultant_id is None
    # With words, a step or a target group is read along an index that holds the text too.
    if query.step_id is not None:
        index = "citizens_step_text" if has_words else "citizens_by_step_name"
    elif query.target_group_id is not None:
        index = "citizens_group_text" if has_words else "citizens_by_group_name"
    else:
        index = SEARCH_COVER
    best = _Source("kept", kept, _indexed(index), by_text, covering=covered)
    if hits is not None and f.matches():
        if hits * DENSE > total:  # a common word: a scan of the text reads less than its hits
            best = replace(best, size=min(best.size, hits), scan=best.size)
        else:
            table = table or TRIGRAMS
            search = _Source("search", hits, _fts_source(table), _fts_filter(query, table))
            if _cost(search) < _cost(best):
                best = search
    for name, index, only in (
        ("caseworker", "citizens_by_caseworker", {"caseworker_id": query.caseworker_id}),
        ("consultant", "citizens_by_consultant", {"consultant_id": query.consultant_id}),
    ):
        value = next(iter(only.values()))
        if value is None:
            continue
        clause = f"c.{name}_id = ?"
        probe = _Source(name, 0, _indexed(index), _Filter((clause,), (value,), None))
        known = (staff or {}).get(f"{name}_id")
        n = _count_upto(store, probe, best.size + 1) if known is None else known
        if n < best.size:
            best = _Source(name, n, _indexed(index), by_text)
    ranges = []
    if query.next_meeting != NextMeetingFilter.ANY:
        part = CitizenQuery(status=query.status, next_meeting=query.next_meeting, today=query.today)
        ranges.append(("next", "citizens_next_cover", part, (("", ()),)))
    if query.stale_weeks is not None:
        part = CitizenQuery(status=query.status, stale_weeks=query.stale_weeks, today=query.today)
        since = _filter(part).params[-1]
        branches = (
            ("c.current_step_since IS NULL", ()),
            ("c.current_step_since <= ?", (since,)),
        )
        ranges.append(("stale", "citizens_since_cover", part, branches))
    # A range's size is kept (``caseload_days``): a range that cannot win is not read. One
    # that can is read once, whole: its index holds every column the query tests but the
    # staff (the text too), so that pass counts the matches exactly (the view needs no other
    # count) and, with words, collects their ids, for when they are few.
    order = order_of(query)
    for name, index, part, branches in ranges:
        size = _range_size(store, name, part)
        candidate = _Source(name, size, _indexed(index), by_text, branches, covering=covered)
        if _cost(candidate) >= _cost(best):
            continue
        if not covered or size <= small:
            # The staff's own index is smaller (it is not counted here); or so few that the
            # view reads them once along the range anyway, which counts them too.
            best = candidate
            continue
        # Where the pages walk another index than the range's, by a date, the same pass
        # finds the least and the greatest date among the matches: a walk from either end
        # starts there, not at the end of the whole index. Dates go with these filters:
        # "overdue" are those met longest ago, so "by last meeting, newest first" would walk
        # past every citizen met since. (Not by identifier, which goes with no filter: the
        # extremes would cost a third more on the pass and save no walk; nor where the
        # words' hits are few: so are the matches, sorted in Python.)
        value = None
        if order.dated and order.index != index and (hits is None or hits > small):
            value = f"c.{order.column}"
        probe = _Source(name, 0, _indexed(index), _filter(part), branches)
        if not value and set(by_text.clauses) <= set(probe.filter.clauses):
            # Nothing more to test (no word, no other filter), collect or find: the kept
            # size is the count.
            best = replace(candidate, scan=size, exact=True)
            continue
        matches, found, values = _probe(store, probe, by_text, ids=has_words, value=value)
        exact = dict(size=matches, scan=size, exact=True, found=found, values=values)
        best = replace(candidate, **exact)
    return best


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


KeptCounts = list[tuple[str, int, int, int]]  # (status, step or 0, group or 0, citizens)


def kept_counts(store: Store) -> KeptCounts:
    """Every row of ``caseload_counts`` with citizens (a few dozen), read once per view: the
    list's total, its status's counts and the query's are summed from them."""
    return store.tuples("SELECT status, step, grp, n FROM caseload_counts WHERE n != 0")


def _counts(query: CitizenQuery, kept: KeptCounts) -> dict[tuple[int | None, int | None], int]:
    """(step id, target group id) -> citizens of the query's status, step and target group,
    from ``kept`` (see the module doc)."""
    status = None if query.status is None else str(query.status)
    out: dict[tuple[int | None, int | None], int] = {}
    for st, step, grp, n in kept:
        if (
            (status is None or st == status)
            and (query.step_id is None or step == query.step_id)
            and (query.target_group_id is None or grp == query.target_group_id)
        ):
            key = (step or None, grp or None)
            out[key] = out.get(key, 0) + int(n)
    return {k: n for k, n in out.items() if n}


JOIN = 8  # reading a row through a search index's hit costs about 8 index entries read alone
# … and about 3.4 entries that are tested for a word too (``instr`` on the text, ~1 µs at
# 240,000 citizens, against ~2.4 µs a hit); 4 with reading the few matches by id after.
TESTED = 4


def _cost(source: _Source) -> int:
    """About how many index entries' worth a pass over ``source`` reads: a covering index's
    entries (each dearer where a word is tested on it), or the rows that a source of another
    kind reads one by one."""
    if not source.covering:
        return source.size * JOIN
    return source.size * (TESTED if any("instr(" in c for c in source.filter.clauses) else 1)


_DAY_RANGES = {
    "c.next_meeting_on < ?": "day > '' AND day < ?",
    "c.next_meeting_on IS NULL": "day = ''",
    "c.next_meeting_on BETWEEN ? AND ?": "day BETWEEN ? AND ?",
    "coalesce(c.current_step_since, '') <= ?": "day <= ?",
}


def _range_size(store: Store, name: str, part: CitizenQuery) -> int:
    """How many citizens a next-meeting ("next") or weeks-on-step ("stale") filter and the
    status ``part`` holds give, from ``caseload_days`` (migration 0013): the filter's own
    clauses, on the kept dates ('' for none)."""
    f = _filter(part)
    column = "c.next_meeting_on" if name == "next" else "c.current_step_since"
    # Each clause as a range of the table's key (kind, status, day), where it has one: ''
    # (no date) sorts before every date. Else the clause itself on the kept date.
    where = " WHERE " + " AND ".join(
        _DAY_RANGES.get(c) or c.replace(column, "nullif(day, '')") for c in f.clauses
    )
    where = where.replace("c.status", "status")
    kind = "next" if name == "next" else "since"
    sql = f"SELECT sum(n) FROM caseload_days{where} AND kind = ?"
    return int(store.scalar(sql, (*f.params, kind)) or 0)


def words_alone(query: CitizenQuery) -> bool:
    """Whether the query has no filter but the words and the status."""
    return (
        query.caseworker_id is None
        and query.consultant_id is None
        and query.step_id is None
        and query.target_group_id is None
        and query.next_meeting == NextMeetingFilter.ANY
        and query.stale_weeks is None
    )


def word_count(store: Store, query: CitizenQuery, hits: int, kept: dict[str, int]) -> int | None:
    """The matches of a query of words and a status alone, from the search index's count of
    its hits (every status) less those of the other status, read from the text index (None:
    the query has more, or words in two indexes or in none). ``hits``: the index's count;
    ``kept``: citizens per status. The other status is the smaller part of the list (the
    closed, mostly); where it is not, the status's own part is read."""
    f = _filter(query)
    if not words_alone(query) or len(f.matches()) != 1 or any("instr(" in c for c in f.clauses):
        return None
    if query.status is None or hits == 0:
        return hits
    words = [p for c, p in zip(f.clauses[1:], f.params[1:], strict=False) if "MATCH" not in c]
    assert not words  # the words are the MATCH (one index), the first clause the status
    own = str(query.status)
    others = [s for s in kept if s != own]
    by_text = _filter(replace(query, status=None), words_by_instr=True)
    if sum(kept[s] for s in others) <= kept.get(own, 0):
        read, sign, base = others, -1, hits
    else:
        read, sign, base = [own], 1, 0
    for status in read:
        n = store.scalar(
            f"SELECT count(*){_indexed(SEARCH_COVER)}" + by_text.where("c.status = ?"),
            (*by_text.params, status),
        )
        base += sign * int(n)
    return base
