"""What a caseload query asks, as SQL: the ``CitizenQuery`` the user sets and its WHERE.

The search: every word of the query (folded as the stored ``search_text`` is) must occur in
the citizen's name or identifier. Words of three letters or more use the FTS5 trigram index
``citizen_search``; shorter ones the index of each citizen's letters and letter pairs,
``citizen_grams`` (migration ``0010_s21_search_grams``). Where another index drives, a word
may instead be checked with ``instr`` on the text: the same test, as both sides fold alike.
The filters (status, target group, step, staff, next meeting, weeks on a step) are plain
comparisons on the citizen's row.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from trappe.model.collation import search_words
from trappe.model.entities import NextMeetingFilter, Status
from trappe.model.errors import ValidationError
from trappe.model.frozen import frozen
from trappe.model.store import Store
from trappe.model.validation import clean_text, enum_value

_STATUS_CLAUSE = "c.status = ?"
TRIGRAM = 3  # the FTS5 trigram index finds words of at least three characters
TRIGRAMS, GRAMS = "citizen_search", "citizen_grams"  # the two search indexes (module doc)


@frozen
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


@frozen
class _Filter:
    clauses: tuple[str, ...]
    params: tuple[Any, ...]
    fts: str | None  # the FTS5 query for the long words, if any
    grams: str | None = None  # the FTS5 query of ``citizen_grams`` for the short words, if any

    def matches(self) -> tuple[tuple[str, str], ...]:
        """(search index, its MATCH query) for each index the words use."""
        pairs = ((TRIGRAMS, self.fts), (GRAMS, self.grams))
        return tuple((table, match) for table, match in pairs if match is not None)

    def where(self, *extra: str) -> str:
        parts = [*self.clauses, *extra]
        return (" WHERE " + " AND ".join(parts)) if parts else ""

    def status_unindexed(self) -> _Filter:
        """The same filter with its status test kept off the indexes (``+c.status``: see
        ``CaseloadView._walk``)."""
        clauses = tuple("+" + c if c == _STATUS_CLAUSE else c for c in self.clauses)
        return _Filter(clauses, self.params, self.fts, self.grams)


def _in_grams(word: str) -> bool:
    """Whether ``citizen_grams`` holds the (short) word as a token: the ``ascii`` tokenizer
    cuts at every ASCII character but a letter or digit (folded words hold none)."""
    return all(ch.isalnum() or not ch.isascii() for ch in word)


def _filter(
    query: CitizenQuery, *, fts_join: str | None = None, words_by_instr: bool = False
) -> _Filter:
    """The WHERE of a query. With ``fts_join`` the caller reads that search index (``f``)
    and tests its MATCH itself, and the other index's words are read from the row's text;
    with ``words_by_instr`` every word is looked for in ``search_text`` (the same test as the
    search indexes': both sides are folded alike), for a walk along another index.

    One view asks for the same query's WHERE several times (its plan, its pages): it is
    made once (per day, where the query leaves the date to today)."""
    return _made_filter(query, fts_join, words_by_instr, query.today or date.today())


@lru_cache(maxsize=32)
def _made_filter(
    query: CitizenQuery, fts_join: str | None, words_by_instr: bool, today: date
) -> _Filter:
    clauses: list[str] = []
    params: list[Any] = []
    text = clean_text(query.text, "search", "Søgningen", max_len=200)
    words = search_words(text)
    long_words = [w for w in words if len(w) >= TRIGRAM]
    fts = " AND ".join(f'"{w}"' for w in long_words) if long_words else None
    short = [w for w in words if len(w) < TRIGRAM and _in_grams(w)]
    grams = " AND ".join(f'"{w}"' for w in short) if short else None
    if text.strip() and not words:
        clauses.append("0")  # only punctuation: nothing matches
    if query.status is not None:
        clauses.append(_STATUS_CLAUSE)
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
        # No date counts as long ago. (Not "IS NULL OR <=": SQLite would read that OR as
        # two index ranges and sort their union, where a page walks the order's index.)
        clauses.append("coalesce(c.current_step_since, '') <= ?")
        params.append(stale_since(query))
    # The words last: SQLite tests the conditions in this order, and the ones before can be
    # read from the index that serves the order (the text only from the row).
    indexed = () if words_by_instr or fts_join else ((TRIGRAMS, fts), (GRAMS, grams))
    for table, match in indexed:
        if match is not None:
            clauses.append(f"c.id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)")
            params.append(match)
    for word in words:
        in_index = (
            (TRIGRAMS if len(word) >= TRIGRAM else GRAMS) if word in (*long_words, *short) else None
        )
        if words_by_instr or in_index is None or (fts_join and in_index != fts_join):
            clauses.append("instr(c.search_text, ?) > 0")
            params.append(word)
    return _Filter(tuple(clauses), tuple(params), fts, grams)


def stale_since(query: CitizenQuery) -> str:
    """The latest step date that counts as on the step ``stale_weeks`` weeks or more."""
    today = query.today or date.today()
    try:
        return (today - timedelta(weeks=query.stale_weeks or 0)).isoformat()
    except (OverflowError, ValueError, TypeError):
        raise ValidationError("stale_weeks", "Antallet af uger er ikke gyldigt.") from None


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


def _fts_hits(store: Store, fts: str, cap: int = -1, table: str = TRIGRAMS) -> int:
    """How many citizens a search index finds, counted no further than ``cap`` (-1: all)."""
    return int(
        store.scalar(
            f"SELECT count(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?)",
            (fts, cap),
        )
    )


def _fts_source(table: str) -> str:
    """FROM for reading the matches through a search index (``_fts_filter``)."""
    return f" FROM {table} f CROSS JOIN citizens c ON c.id = f.rowid"


def _fts_filter(query: CitizenQuery, table: str) -> _Filter:
    """The WHERE for reading the matches through a search index (``_fts_source``)."""
    joined = _filter(query, fts_join=table)
    match = joined.fts if table == TRIGRAMS else joined.grams
    return _Filter(
        (f"{table} MATCH ?", *joined.clauses), (match, *joined.params), joined.fts, joined.grams
    )
