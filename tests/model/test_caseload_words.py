"""What the caseload query reads to count and sort its matches (``caseload_words``,
``caseload_plan``): no more than hand-written SQL for the same rows would. Costs are VM
steps and the statements run, never time; the rows are always those of a brute-force sort."""

from __future__ import annotations

from datetime import date, timedelta

from test_caseload import _caseload
from test_caseload_plan import _brute, _first_and_last, _vm_steps, _with_staff

from trappe.model import staircase
from trappe.model.caseload import ORDERS, CaseloadView, CitizenQuery
from trappe.model.entities import NextMeetingFilter, Status

TODAY = date(2025, 9, 1)


def _citizens(store, n: int, row) -> None:
    """``n`` citizens, each from ``row(i)``: (name, next meeting, step id)."""
    with store.write():
        for i in range(n):
            name, next_on, step = row(i)
            store.execute(
                "INSERT INTO citizens (name, start_date, created_at, updated_at, search_text,"
                " name_key, next_meeting_on, last_meeting_on, current_step_id,"
                " current_step_since) VALUES (?, '2025-01-01', 'x', 'x', ?, ?, ?, ?, ?, ?)",
                (
                    name,
                    name.lower(),
                    name.lower(),
                    next_on,
                    None if i % 7 == 0 else str(date(2025, 1, 1) + timedelta(days=i % 200)),
                    step,
                    None if i % 5 == 0 else str(date(2024, 1, 1) + timedelta(days=i % 300)),
                ),
            )


def _none_planned(orders) -> list[CitizenQuery]:
    """The "none planned" view in each order, each way."""
    return [
        CitizenQuery(
            next_meeting=NextMeetingFilter.NONE_PLANNED, order_by=o, descending=d, today=TODAY
        )
        for o in orders
        for d in (False, True)
    ]


def _traced(store, fn) -> tuple[object, list[str]]:
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        return fn(), statements
    finally:
        store.conn.set_trace_callback(None)


def test_few_matches_sorted_by_a_date_read_no_name(store):
    """Sorted by a date, ties go by status and id: the name is no sort key, so the few
    matches of a range are sorted from the range's index alone (which holds no name), not
    each match's row read for a name the order never uses."""
    _citizens(store, 600, lambda i: (f"Borger {i:05d}", None if i % 3 else "2025-10-01", None))
    for q in _none_planned(("last_meeting", "next_meeting", "days_on_step", "identifier")):
        got, statements = _traced(store, lambda q=q: CaseloadView(store, q).ids())
        assert got == _brute(store, q), q
        assert not [s for s in statements if "name_key" in s], (q, statements)


def test_few_matches_come_back_from_their_sort_as_ids_alone(store):
    """The sort of a few thousand matches hands back only their ids: the sort keys stay in
    SQLite's sorter, not copied out with every row into Python tuples (a third of the
    sort's cost, for nothing)."""
    _citizens(
        store, 900, lambda i: (f"Borger {i:05d} " + ("Jensen" if i % 2 else "Hansen"), None, None)
    )
    for order in ORDERS:
        for text in ("jensen", "borger"):
            q = CitizenQuery(text=text, order_by=order, status=None, today=TODAY)
            got, statements = _traced(store, lambda q=q: CaseloadView(store, q, small=2000).ids())
            assert got == _brute(store, q), q
            sorts = [s for s in statements if "ORDER BY k" in s]
            assert sorts, q
            for sql in sorts:
                assert len(store.conn.execute(sql).description) == 1, sql


def test_a_range_with_words_is_probed_for_its_matches_alone(store):
    """Overdue citizens with a common word: the one pass along the overdue range that counts
    the matches (and lists their ids, and finds their extremes) tests each entry and
    aggregates only the matches, near a plain count of them; it used to pass every entry of
    the range through a subquery, over twice that count."""
    _citizens(
        store,
        3000,
        lambda i: (
            f"Borger {i:05d} " + ("Hansen" if i % 3 else "Jensen"),
            "2025-03-01" if i % 2 else "2025-12-01",
            None,
        ),
    )

    def plain(column: str | None) -> int:
        """VM steps of the matches' count, ids and (where an order needs them) extremes,
        hand-written."""
        extremes = f", count({column}), min({column}), max({column})" if column else ""
        sql = (
            f"SELECT count(*), group_concat(id){extremes} FROM citizens"
            " INDEXED BY citizens_next_cover WHERE next_meeting_on < ? AND status = 'active'"
            " AND instr(search_text, 'borger') > 0"
        )
        return _vm_steps(store, lambda: store.tuples(sql, (TODAY.isoformat(),)))

    for order in ORDERS:
        q = CitizenQuery(
            text="borger", next_meeting=NextMeetingFilter.OVERDUE, today=TODAY, order_by=order
        )
        expected = _brute(store, q)
        assert len(expected) == 1500
        got, statements = _traced(
            store, lambda q=q: _first_and_last(CaseloadView(store, q, small=100))
        )
        assert got == expected[:40] + expected[-40:], order
        probes = [s for s in statements if "citizens_next_cover" in s and "count(" in s]
        assert len(probes) == 1, (order, statements)
        steps = _vm_steps(store, lambda sql=probes[0]: store.scalar(sql))
        column = ORDERS[order].column if "min(" in probes[0] else None
        assert steps < plain(column) * 1.3, (order, steps, plain(column))


def test_a_steps_many_matches_are_counted_in_one_pass(store):
    """A step and a common word, more matches than are sorted in Python: the step's index
    (which holds the text) is read once, counting the matches and listing their ids, not
    listed up to the limit first and then counted again from the start."""
    step = staircase.load_staircase(store).steps[1].id
    _citizens(store, 3000, lambda i: (f"Borger {i:05d}", None, step if i % 2 else None))
    for order in ORDERS:
        q = CitizenQuery(text="borger", step_id=step, order_by=order, today=TODAY)
        expected = _brute(store, q)
        assert len(expected) == 1500
        got, statements = _traced(
            store, lambda q=q: _first_and_last(CaseloadView(store, q, small=1000))
        )
        assert got == expected[:40] + expected[-40:], order
        passes = [s for s in statements if "INDEXED BY citizens_step_text" in s]
        assert len(passes) == 1, (order, passes)


def test_a_small_range_is_read_once(store):
    """A next-meeting range with few citizens and nothing more to test (its size kept in
    ``caseload_days``) is read once, sorted: not first probed for its dates' extremes,
    which only a walk over many matches uses."""
    _citizens(store, 900, lambda i: (f"Borger {i:05d}", None if i % 9 == 0 else "2025-12-01", None))
    for q in _none_planned(ORDERS):
        got, statements = _traced(store, lambda q=q: CaseloadView(store, q).ids())
        assert got == _brute(store, q), q
        reads = [s for s in statements if "FROM citizens c" in s and "c.id IN" not in s]
        assert len(reads) == 1, (q, reads)


def test_a_ranges_size_is_summed_over_its_own_days(store):
    """A next-meeting or weeks-on-step range's size is summed from ``caseload_days`` over
    the range of its key that holds the filter's days, not over every day of the status,
    each tested (the list's counts and rows are those of a brute-force sort)."""
    _caseload(store, 150, seed=11)
    for filt in (
        {"next_meeting": NextMeetingFilter.OVERDUE},
        {"next_meeting": NextMeetingFilter.NONE_PLANNED},
        {"next_meeting": NextMeetingFilter.THIS_WEEK},
        {"stale_weeks": 20},
        {"stale_weeks": 20, "next_meeting": NextMeetingFilter.OVERDUE, "status": Status.CLOSED},
    ):
        q = CitizenQuery(today=TODAY, **filt)
        got, statements = _traced(store, lambda q=q: CaseloadView(store, q).ids())
        assert got == _brute(store, q), q
        sums = [s for s in statements if "FROM caseload_days" in s]
        assert sums, q
        for sql in sums:
            plan = " ".join(str(r[3]) for r in store.query(f"EXPLAIN QUERY PLAN {sql}"))
            assert "day=" in plan or "day<" in plan or "day>" in plan, (sql, plan)


def test_the_kept_counts_and_the_staffs_citizens_are_counted_once(store):
    """A view reads ``caseload_counts`` once (its total, its status's and its query's counts
    are summed from those rows), and a caseworker's or consultant's citizens are counted
    once, not again when the plan compares them with the words' hits."""
    _caseload(store, 150, seed=11)
    _with_staff(store)
    cw = store.scalar("SELECT min(id) FROM staff WHERE role = 'caseworker'")
    cons = store.scalar("SELECT min(id) FROM staff WHERE role = 'company_consultant'")
    for staff in ({"caseworker_id": cw}, {"consultant_id": cons, "status": None}, {}):
        for text in ("", "ø", "han", "anne-marie mø"):
            for order in ("name", "step", "last_meeting"):
                q = CitizenQuery(text=text, order_by=order, today=TODAY, **staff)
                got, statements = _traced(store, lambda q=q: CaseloadView(store, q).ids())
                assert got == _brute(store, q), q
                assert len([s for s in statements if "caseload_counts" in s]) <= 1, q
                counted = [s for s in statements if "_id = " in s and "count(" in s]
                assert len(counted) <= len(staff) - ("status" in staff), (q, counted)


def test_a_range_with_another_filter_counts_only_its_matches(store):
    """A next-meeting or weeks-on-step range that drives with another filter to test on it
    (a step, a target group, the other range): its kept size is no count of the matches;
    the pass along it counts them (at every size of the few sorted in Python)."""
    step = staircase.load_staircase(store).steps[1].id
    # Most are on the step, a few overdue: the overdue range drives.
    _citizens(
        store,
        600,
        lambda i: (
            f"Borger {i:05d}",
            "2025-03-01" if i % 4 == 0 else ("2025-12-01" if i % 3 else None),
            None if i % 10 == 0 else step,
        ),
    )
    for filt in (
        {"next_meeting": NextMeetingFilter.OVERDUE, "step_id": step},
        {"next_meeting": NextMeetingFilter.NONE_PLANNED, "step_id": step},
        {"stale_weeks": 20, "step_id": step, "status": None},
        {"stale_weeks": 4, "next_meeting": NextMeetingFilter.OVERDUE},
    ):
        for order in ORDERS:
            q = CitizenQuery(order_by=order, today=TODAY, **filt)
            expected = _brute(store, q)
            for small in (5000, 8, 0):
                view = CaseloadView(store, q, small=small)
                assert (view.count, view.ids()) == (len(expected), expected), (q, small)


def test_a_filtered_search_with_few_hits_reads_them_at_once(store):
    """Words with few hits and a filter (a range, a step, the status): the hits are listed
    once through the search index and read by id, every filter tested there; they are not
    counted first, nor the kept counts read (as for words alone). A staff's few citizens are
    still read without the search index."""
    _caseload(store, 150, seed=11)
    step = store.scalar("SELECT id FROM steps ORDER BY position LIMIT 1 OFFSET 1")
    for filt in (
        {"next_meeting": NextMeetingFilter.OVERDUE},
        {"stale_weeks": 20, "status": None},
        {"step_id": step},
        {"status": Status.CLOSED},
    ):
        for text in ("han", "ø", "sag", "anne-marie"):  # (words in one index)
            for order in ("name", "step", "next_meeting"):
                q = CitizenQuery(text=text, order_by=order, today=TODAY, **filt)
                got, statements = _traced(store, lambda q=q: CaseloadView(store, q).ids())
                assert got == _brute(store, q), q
                assert not [s for s in statements if "count(" in s or "caseload_" in s], (
                    q,
                    statements,
                )


def test_a_filtered_search_with_several_hundred_hits_reads_them_at_once(store):
    """Up to ``FEW_HITS`` hits (here 700, as a CPR fragment like "0101" has in a large
    caseload) are still few enough to list once through the search index and read by id with
    the filter tested there: counting them first cost as much again (×2.3 of the floor)."""
    _citizens(
        store,
        700,
        lambda i: (f"Mette Borger {i:04d}", str(TODAY + timedelta(days=i % 40 - 20)), None),
    )
    for filt in ({"next_meeting": NextMeetingFilter.OVERDUE}, {"status": None}):
        for order in ("name", "next_meeting", "identifier"):
            q = CitizenQuery(text="mette", order_by=order, today=TODAY, **filt)
            got, statements = _traced(store, lambda q=q: CaseloadView(store, q).ids())
            assert got == _brute(store, q), q
            assert 0 < len(got) <= 700
            assert not [s for s in statements if "count(" in s or "caseload_" in s], (
                q,
                statements,
            )
