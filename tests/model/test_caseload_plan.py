"""The caseload query's access paths (``caseload_plan``): whichever index drives, the rows,
their order and the count are those of a brute-force Python sort of every citizen."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

import pytest
from test_caseload import _caseload

from trappe.model import caseload, caseload_words, staircase
from trappe.model.caseload import ORDERS, CaseloadView, CitizenQuery
from trappe.model.collation import search_words
from trappe.model.entities import NextMeetingFilter, Status

TODAY = date(2025, 9, 3)  # a Wednesday inside the meetings' dates


def _with_staff(store, seed: int = 5) -> None:
    """Caseworkers and consultants on most citizens (as another tool might write them)."""
    rng = random.Random(seed)
    with store.write():
        for i in range(4):
            store.execute(
                "INSERT INTO staff (name, role)"
                " VALUES (?, 'caseworker'), (?, 'company_consultant')",
                (f"Sagsbehandler {i}", f"Konsulent {i}"),
            )
        cws = [r[0] for r in store.query("SELECT id FROM staff WHERE role = 'caseworker'")]
        cons = [r[0] for r in store.query("SELECT id FROM staff WHERE role != 'caseworker'")]
        for (cid,) in store.query("SELECT id FROM citizens"):
            store.execute(
                "UPDATE citizens SET caseworker_id = ?, consultant_id = ? WHERE id = ?",
                (rng.choice([None, *cws]), rng.choice([None, *cons]), cid),
            )


def _ids_traced(store, q: CitizenQuery) -> tuple[list[int], list[str]]:
    """The view's ids, and the SQL statements reading them ran."""
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        return CaseloadView(store, q).ids(), statements
    finally:
        store.conn.set_trace_callback(None)


def _brute(store, q: CitizenQuery) -> list[int]:
    """Every citizen read, filtered and sorted in Python, as the list promises."""
    cols = (
        "id, name_key, search_text, status, target_group_id, current_step_id, caseworker_id,"
        " consultant_id, next_meeting_on, current_step_since, last_meeting_on, identifier"
    )
    names = cols.split(", ")
    rows = [dict(zip(names, r, strict=True)) for r in store.tuples(f"SELECT {cols} FROM citizens")]
    words = search_words(q.text)
    today = q.today or date.today()
    monday = today - timedelta(days=today.weekday())
    week = {
        NextMeetingFilter.THIS_WEEK: monday,
        NextMeetingFilter.NEXT_WEEK: monday + timedelta(weeks=1),
    }

    def keep(r) -> bool:
        nxt = r["next_meeting_on"]
        if q.text.strip() and (not words or not all(w in r["search_text"] for w in words)):
            return False
        for key, col in (
            ("status", "status"),
            ("target_group_id", "target_group_id"),
            ("step_id", "current_step_id"),
            ("caseworker_id", "caseworker_id"),
            ("consultant_id", "consultant_id"),
        ):
            want = getattr(q, key)
            if want is not None and r[col] != (str(want) if key == "status" else want):
                return False
        if q.next_meeting == NextMeetingFilter.OVERDUE and not (nxt and nxt < today.isoformat()):
            return False
        if q.next_meeting == NextMeetingFilter.NONE_PLANNED and nxt is not None:
            return False
        if q.next_meeting in week:
            start = week[q.next_meeting]
            end = start + timedelta(days=6)
            if not (nxt and start.isoformat() <= nxt <= end.isoformat()):
                return False
        if q.stale_weeks is not None:
            since = r["current_step_since"]
            limit = (today - timedelta(weeks=q.stale_weeks)).isoformat()
            if since is not None and since > limit:
                return False
        return True

    order = ORDERS[q.order_by]
    desc = q.descending != order.flip
    rank = {}
    if order.segments_from:
        ids = store.query(f"SELECT id FROM {order.segments_from} ORDER BY position, id")
        rank = {r[0]: i for i, r in enumerate(ids)}
    found = [r for r in rows if keep(r)]
    value = (lambda r: r[order.column]) if order.column else (lambda r: r["name_key"])
    tail = ["name_key"] if order.by_name else []
    head = (lambda r: rank[value(r)]) if order.segments_from else value
    with_value = [r for r in found if value(r) is not None]
    empty = [r for r in found if value(r) is None]

    def key(r, first: bool):
        return ((head(r),) if first else ()) + tuple(r[k] for k in tail) + (r["status"], r["id"])

    return [r["id"] for r in sorted(with_value, key=lambda r: key(r, True), reverse=desc)] + [
        r["id"] for r in sorted(empty, key=lambda r: key(r, False), reverse=desc)
    ]


FILTERS = [
    {},
    {"status": None},
    {"status": Status.CLOSED},
    {"caseworker_id": "cw"},
    {"consultant_id": "cons", "status": None},
    {"target_group_id": "tg"},
    {"step_id": "step"},
    *({"next_meeting": n} for n in NextMeetingFilter if n != NextMeetingFilter.ANY),
    {"stale_weeks": 20},
    {"stale_weeks": 4, "next_meeting": NextMeetingFilter.OVERDUE, "status": None},
    {"caseworker_id": "cw", "step_id": "step"},
]
SEARCHES = ["", "ø", "ha", "han", "sag-1", "anne-marie mø", "zzz"]


@pytest.fixture
def small_file(store):
    _caseload(store, 150, seed=11)
    _with_staff(store)
    return store


def test_every_filter_order_and_search_equals_a_brute_force_sort(small_file, monkeypatch):
    store = small_file
    pick = {
        "cw": store.scalar("SELECT min(id) FROM staff WHERE role = 'caseworker'"),
        "cons": store.scalar("SELECT min(id) FROM staff WHERE role = 'company_consultant'"),
        "tg": store.scalar("SELECT id FROM target_groups ORDER BY position LIMIT 1"),
        "step": store.scalar("SELECT id FROM steps ORDER BY position LIMIT 1 OFFSET 1"),
    }
    checked = 0
    for filt, text in itertools.product(FILTERS, SEARCHES):
        base = {k: pick.get(v, v) if isinstance(v, str) else v for k, v in filt.items()}
        for order, desc in itertools.product(ORDERS, (False, True)):
            q = CitizenQuery(text=text, today=TODAY, order_by=order, descending=desc, **base)
            expected = _brute(store, q)
            # Few matches sorted in Python, the ids-first probe, and keyset paging.
            for small in (caseload.SMALL, 8, 0):
                view = CaseloadView(store, q, small=small)
                assert view.count == len(expected), (q, small)
                assert view.ids() == expected, (q, small)
            # Candidates along a covering index: always read in one pass, or never.
            for few in (0, 10**9):
                monkeypatch.setattr(caseload, "FEW_OF_SCAN", few)
                assert CaseloadView(store, q, small=8).ids() == expected, (q, few)
            monkeypatch.undo()
            checked += 1
    assert checked == len(FILTERS) * len(SEARCHES) * len(ORDERS) * 2
    # Some combinations find nothing, some find much: the file exercises both ends.
    assert not _brute(store, CitizenQuery(text="zzz"))
    assert len(_brute(store, CitizenQuery(status=None))) == 150


def _vm_steps(store, fn) -> int:
    """SQLite virtual-machine steps (in hundreds) spent by ``fn``: a clock-free cost."""
    count = [0]

    def tick() -> int:
        count[0] += 1
        return 0

    store.conn.set_progress_handler(tick, 100)
    try:
        fn()
    finally:
        store.conn.set_progress_handler(None, 0)
    return count[0]


def test_the_most_selective_filter_drives(store, monkeypatch):
    """A caseworker's few citizens are read along the caseworker index, not by walking the
    whole list (VM steps, not time); a rare short word is read in one scan, not two."""
    steps = [s.id for s in staircase.load_staircase(store).steps]
    with store.write():
        store.execute("INSERT INTO staff (id, name, role) VALUES (900, 'Mig', 'caseworker')")
        for i in range(1500):
            store.execute(
                "INSERT INTO citizens (name, start_date, created_at, updated_at, search_text,"
                " current_step_id, caseworker_id)"
                " VALUES (?, '2025-01-01', 'x', 'x', ?, ?, ?)",
                (f"Borger {i:05d}", f"borger {i:05d}", steps[i % 5], 900 if i % 300 == 0 else None),
            )
    everyone = _vm_steps(
        store, lambda: store.scalar("SELECT count(*) FROM citizens WHERE current_step_id > 0")
    )
    for order in ORDERS:
        mine = CitizenQuery(caseworker_id=900, order_by=order)
        steps = _vm_steps(store, lambda mine=mine: CaseloadView(store, mine).rows(0, 40))
        assert steps * 4 < everyone, (order, steps, everyone)
        # With a word every citizen has, the word's hits are counted only as far as the
        # caseworker's five: not all 1,500.
        mine = CitizenQuery(caseworker_id=900, text="borger", order_by=order)
        steps = _vm_steps(store, lambda mine=mine: CaseloadView(store, mine).rows(0, 40))
        assert steps < everyone, ("borger", order, steps, everyone)
    # "12" is in few texts: one pass over the text index collects and counts them.
    one_scan = _vm_steps(
        store,
        lambda: store.tuples(
            "SELECT id FROM citizens WHERE status = 'active' AND instr(search_text, '12') > 0"
        ),
    )
    rare = _vm_steps(store, lambda: CaseloadView(store, CitizenQuery(text="12")))
    assert rare < one_scan * 1.5, (rare, one_scan)
    # … and, through the index of letters and letter pairs, reads only the texts that have
    # it: a fraction of one pass over every text (it was one pass before that index).
    assert rare * 2 < one_scan, (rare, one_scan)
    # A word every citizen has is counted from the search index, and a screen is walked
    # from the order's end: no pass reads each match's sort value (as one did before).
    for order in ORDERS:
        common = CitizenQuery(text="borger", order_by=order)
        view = lambda q=common: _first_and_last(CaseloadView(store, q, small=100))  # noqa: E731
        steps = _vm_steps(store, view)
        monkeypatch.setattr(caseload_words, "word_count", lambda *a: None)
        each = _vm_steps(store, view)
        monkeypatch.undo()
        assert steps < each, (order, steps, each)
    # A next-meeting filter is counted along its range of the next-meeting index alone.
    plan = store.query(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM citizens c INDEXED BY citizens_next_cover"
        " WHERE c.next_meeting_on < ? AND c.status = 'active' AND c.current_step_id = 2",
        ("2025-01-01",),
    )
    assert "COVERING INDEX citizens_next_cover" in " ".join(str(r[3]) for r in plan)


def _first_and_last(view: CaseloadView) -> list[int]:
    """The ids of the first and the last screen of 40 rows."""
    first = [r.id for r in view.rows(0, 40)]
    return first + [r.id for r in view.rows(max(0, view.count - 40), 40)]


def test_a_filter_that_goes_with_the_order_is_read_from_its_first_match(store):
    """Citizens "overdue" are those met longest ago. By last meeting, newest first, the first
    screen starts at the newest overdue one, not at the newest of all (a walk past every
    citizen met since); the last screen likewise from the other end (VM steps, not time)."""
    with store.write():
        for i in range(12000):
            held = date(2025, 1, 1) + timedelta(days=i % 300)
            store.execute(
                "INSERT INTO citizens (name, start_date, created_at, updated_at, search_text,"
                " last_meeting_on, next_meeting_on) VALUES (?, '2025-01-01', 'x', 'x', ?, ?, ?)",
                (f"Borger {i:05d}", f"borger {i:05d}", held, held + timedelta(days=290)),
            )
    everyone = _vm_steps(
        store, lambda: store.scalar("SELECT count(*) FROM citizens WHERE last_meeting_on > ''")
    )
    for desc in (False, True):
        q = CitizenQuery(
            next_meeting=NextMeetingFilter.OVERDUE,
            today=date(2025, 10, 28),  # overdue: met before 11 January, 10 days of 300
            order_by="last_meeting",
            descending=desc,
        )
        expected = _brute(store, q)
        assert len(expected) == 400
        got: list[list[int]] = []
        steps = _vm_steps(
            store,
            lambda q=q, got=got: got.append(_first_and_last(CaseloadView(store, q, small=0))),
        )
        assert got[0] == expected[:40] + expected[-40:], desc
        assert steps * 2 < everyone, (desc, steps, everyone)


def test_staircase_order_is_unchanged_by_the_plan(small_file):
    """Step order follows the staircase's positions, empty steps last, by any source."""
    store = small_file
    steps = staircase.load_staircase(store).steps
    position = {s.id: i for i, s in enumerate(steps)}
    for filt in ({}, {"next_meeting": NextMeetingFilter.OVERDUE}, {"stale_weeks": 20}):
        q = CitizenQuery(order_by="step", today=TODAY, **filt)
        rows = CaseloadView(store, q, small=0).rows(0, 10**6)
        seen = [position.get(r.step_id, 99) for r in rows]
        assert seen == sorted(seen)


def test_a_common_word_by_identifier_is_checked_on_the_index_entry(store):
    """By identifier, a common word ("19") is checked by reading each text along the order's
    index, and the citizens without an identifier come last, few of them with a digit: the
    walk to the last screen passes all of them (a word in most texts is read from the
    text along the order's index). The index holds the text (0012), so that
    walk reads the index alone (on the old index, a row lookup per citizen passed)."""
    with store.write():
        for i in range(1500):
            ident = f"0101{i % 100:02d}19{i % 10}" if i % 3 else None
            name = "Borger " + "".join("abcdefghij"[int(d)] for d in f"{i:03d}")
            store.execute(
                "INSERT INTO citizens (name, identifier, identifier_kind, start_date, created_at,"
                " updated_at, search_text) VALUES (?, ?, 'cpr', '2025-01-01', 'x', 'x', ?)",
                (name, ident, name.lower() + (f" {ident}" if ident else "")),
            )
    statements: list[str] = []
    for desc in (False, True):
        q = CitizenQuery(text="19", order_by="identifier", descending=desc)
        expected = _brute(store, q)
        assert len(expected) == 1000
        view = CaseloadView(store, q, small=0)
        store.conn.set_trace_callback(statements.append)
        try:
            got = view.ids(0, 40) + view.ids(view.count - 40, 40)
        finally:
            store.conn.set_trace_callback(None)
        assert got == expected[:40] + expected[-40:], desc
    walks = [s for s in statements if "INDEXED BY citizens_by_identifier" in s]
    assert walks
    for sql in walks:
        plan = " ".join(str(r[3]) for r in store.query(f"EXPLAIN QUERY PLAN {sql}"))
        assert "COVERING INDEX citizens_by_identifier" in plan, (sql, plan)


def test_a_range_that_cannot_win_is_not_read(store):
    """Overdue citizens and a name: the search index's few hits drive, and the overdue range
    is not read to learn its size (kept in ``caseload_days``), neither whole nor up to the
    search's cost, as it was (VM steps, not time). (A range that can win is read once:
    ``test_a_filter_that_goes_with_the_order_is_read_from_its_first_match``.)"""
    with store.write():
        for i in range(4000):
            name = f"Søren {i:05d}" if i % 20 == 0 else f"Borger {i:05d}"
            store.execute(
                "INSERT INTO citizens (name, start_date, created_at, updated_at, search_text,"
                " next_meeting_on) VALUES (?, '2025-01-01', 'x', 'x', ?, '2025-03-01')",
                (name, name.lower().replace("ø", "oe") + " " + name.lower().replace("ø", "o")),
            )
    today = date(2025, 9, 1)
    range_count = _vm_steps(
        store,
        lambda: store.scalar(
            "SELECT count(*) FROM citizens INDEXED BY citizens_next_cover"
            " WHERE next_meeting_on < ? AND status = 'active'",
            (today.isoformat(),),
        ),
    )
    for order in ("name", "last_meeting"):
        q = CitizenQuery(
            text="søren", next_meeting=NextMeetingFilter.OVERDUE, today=today, order_by=order
        )
        expected = _brute(store, q)
        assert len(expected) == 200
        got: list[list[int]] = []
        steps = _vm_steps(
            store, lambda q=q, got=got: got.append(_first_and_last(CaseloadView(store, q)))
        )
        assert got[0] == expected[:40] + expected[-40:], order
        # (All of it, the count, the search's hits and both screens, costs less than one
        # plain count of the range: 106 against 200 hundred steps; 379 before.)
        assert steps < range_count, (order, steps, range_count)


def test_a_search_that_finds_nothing_reads_no_citizen(small_file):
    """When a search index finds no citizen with all of its words, the query has no match:
    nothing more is read (the hit count tells), whatever the filters and the order."""
    store = small_file
    for extra in ({}, {"next_meeting": NextMeetingFilter.OVERDUE}, {"status": None}):
        for text in ("zzqx", "søren zzqx", "qq", "anne-marie zz"):
            for order in ORDERS:
                q = CitizenQuery(text=text, order_by=order, today=TODAY, **extra)
                statements: list[str] = []
                store.conn.set_trace_callback(statements.append)
                try:
                    view = CaseloadView(store, q)
                    got = view.ids(0, 40)
                finally:
                    store.conn.set_trace_callback(None)
                assert view.count == 0 and got == [] == _brute(store, q), q
                assert not [s for s in statements if "citizens c" in s], (q, statements)


def test_a_caseworkers_few_citizens_are_read_without_opening_a_search_index(
    small_file, monkeypatch
):
    """A caseworker's or consultant's few citizens (up to ``STAFF_FEW``) are read along their
    index with each word checked on the text: no search index is opened to count hits. The
    rows are those of a brute-force sort, and of the search index counted as before."""
    store = small_file
    cw = store.scalar("SELECT min(id) FROM staff WHERE role = 'caseworker'")
    cons = store.scalar("SELECT min(id) FROM staff WHERE role = 'company_consultant'")
    for staff in ({"caseworker_id": cw}, {"consultant_id": cons, "status": None}):
        for text in ("ø", "han", "anne-marie mø", "zzz"):
            for order in ORDERS:
                q = CitizenQuery(text=text, order_by=order, today=TODAY, **staff)
                expected = _brute(store, q)
                got, statements = _ids_traced(store, q)
                assert got == expected, q
                assert not [s for s in statements if "MATCH" in s], q
                monkeypatch.setattr(caseload, "STAFF_FEW", 0)
                assert CaseloadView(store, q).ids() == expected, q
                monkeypatch.undo()


def test_a_words_few_hits_in_the_status_are_read_not_counted_twice(store):
    """A word with more hits than ``small`` over every status, of which the status's share
    is few: one pass through the search index finds, sorts and counts them; the other
    status's texts are not read to count the hits by subtraction (nor its own status's)."""
    with store.write():
        for i in range(1300):
            name = f"Borger {i:05d} " + ("Abildgaard" if i < 300 else "Hansen")
            store.execute(
                "INSERT INTO citizens (name, start_date, created_at, updated_at, search_text,"
                " status) VALUES (?, '2025-01-01', 'x', 'x', ?, ?)",
                (name, name.lower(), "active" if i < 1000 else "closed"),
            )
    for order in ORDERS:
        q = CitizenQuery(text="ab", order_by=order)
        expected = _brute(store, q)
        assert len(expected) == 300
        statements: list[str] = []
        store.conn.set_trace_callback(statements.append)
        try:
            got = CaseloadView(store, q, small=250).ids()
        finally:
            store.conn.set_trace_callback(None)
        assert got == expected, order
        assert not [s for s in statements if "instr(" in s], order


def test_the_plain_lists_last_screen_needs_no_count_of_the_empty_values(small_file):
    """The plain list by a column with empty values (identifier, next meeting …): the last
    screen is walked back from the end, across the empty values into the others, without
    counting where the empty ones begin; a read in the middle still counts them, once."""
    store = small_file
    for order, desc, status in itertools.product(
        ("identifier", "next_meeting", "last_meeting", "days_on_step"),
        (False, True),
        (Status.ACTIVE, None),
    ):
        q = CitizenQuery(order_by=order, descending=desc, status=status, today=TODAY)
        expected = _brute(store, q)
        for n in (40, len(expected) - 1):  # (within the empty values, and past them)
            view = CaseloadView(store, q, small=0)
            statements: list[str] = []
            store.conn.set_trace_callback(statements.append)
            try:
                last = view.ids(view.count - n, n)
            finally:
                store.conn.set_trace_callback(None)
            assert last == expected[-n:], (q, n)
            assert not [s for s in statements if "count(" in s], (q, n)
            assert view.ids(7, 30) == expected[7:37], q
            assert view.ids(0, 5) == expected[:5], q


def test_a_next_meeting_filter_alone_is_counted_from_the_kept_dates(small_file):
    """A next-meeting or weeks-on-step filter with nothing else to test on its range: the
    kept dates (``caseload_days``) count it exactly, so the range is read only for the rows
    (not once more to count them), unless an order needs its dates' extremes."""
    store = small_file
    for filt, order, small in itertools.product(
        (
            {"next_meeting": NextMeetingFilter.NONE_PLANNED},
            {"next_meeting": NextMeetingFilter.OVERDUE},
            {"stale_weeks": 20, "status": None},
        ),
        ("name", "identifier", "step"),
        (caseload.SMALL, 0),
    ):
        q = CitizenQuery(order_by=order, today=TODAY, **filt)
        expected = _brute(store, q)
        statements: list[str] = []
        store.conn.set_trace_callback(statements.append)
        try:
            view = CaseloadView(store, q, small=small)
            first = view.ids(0, 40)
        finally:
            store.conn.set_trace_callback(None)
        assert view.count == len(expected) and first == expected[:40], q
        assert not [s for s in statements if "count(" in s and "_cover" in s], (q, statements)


def test_words_alone_with_few_matches_search_the_index_once(small_file):
    """A search for a name (words alone in one search index, few matches): one pass through
    the index finds, counts and (in Python, as SQLite would) sorts them; its MATCH is not run
    once to count the hits and again to read them."""
    store = small_file
    for text, status, order, desc in itertools.product(
        ("han", "anne-marie mø", "sag", "ø"), (Status.ACTIVE, None), ORDERS, (False, True)
    ):
        q = CitizenQuery(text=text, status=status, order_by=order, descending=desc)
        expected = _brute(store, q)
        got, statements = _ids_traced(store, q)
        assert got == expected, q
        searches = [s for s in statements if "MATCH" in s and not s.startswith("--")]
        assert len(searches) == 1, (q, searches)
