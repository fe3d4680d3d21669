"""The caseload query: Danish search folding, Danish order, keyset paging and its cost."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

import pytest

from trappe.model import audit, caseload, citizens, meetings, staircase
from trappe.model.caseload import ORDERS, CaseloadView, CitizenQuery, citizen_ids, rows_by_id
from trappe.model.caseload_rows import built
from trappe.model.collation import danish_key, danish_key_sql, danish_sorted, search_key
from trappe.model.entities import (
    CitizenInput,
    CloseReason,
    MeetingInput,
    NextMeetingFilter,
    Status,
)

NAMES = [
    "Søren Nielsen",
    "Soeren Jensen",
    "Åse Hansen",
    "Aase Berg",
    "Anne-Marie Test",
    "Jens-Ole Ærø",
    "Sean O'Brien",
    "José Müller",
    "Mette Søndergaard",
    "Kim Å",
    "Zacharias Ølund",
    "Ærling Bæk",
    "Yasmin Ahmadi",
]


def _people(store) -> dict[str, int]:
    ids = {}
    with store.write():
        for i, name in enumerate(NAMES):
            ident = "010190-1234" if name == "Kim Å" else ("SAG-001234" if i == 1 else None)
            ids[name] = citizens.create_citizen(store, CitizenInput(name, ident)).id
    return ids


def _found(store, text: str, small: int = caseload.SMALL) -> set[str]:
    view = CaseloadView(store, CitizenQuery(text=text), small=small)
    return {r.name for r in view.rows(0, view.count)}


@pytest.mark.parametrize("small", [caseload.SMALL, 0])  # few hits, and the keyset path
def test_search_finds_names_as_users_type_them(store, small):
    _people(store)
    found = lambda text: _found(store, text, small)  # noqa: E731
    assert found("Søren") == {"Søren Nielsen", "Soeren Jensen"}
    assert found("soeren") == {"Søren Nielsen", "Soeren Jensen"}
    assert found("soren") == {"Søren Nielsen"}  # typed without ø
    assert found("åse") == {"Åse Hansen", "Aase Berg"}
    assert found("Aase") == {"Åse Hansen", "Aase Berg"}
    assert found("ase h") == {"Åse Hansen"}
    for typed in ("Anne-Marie Test", "anne-marie", "annemarie", "anne marie", "marie test"):
        assert found(typed) == {"Anne-Marie Test"}, typed
    assert found("jens-ole") == {"Jens-Ole Ærø"}
    assert found("aero") == found("ærø") == {"Jens-Ole Ærø"}
    for typed in ("O'Brien", "obrien", "o’brien", "brien"):
        assert found(typed) == {"Sean O'Brien"}, typed
    assert found("jose") == found("JOSÉ") == {"José Müller"}
    assert found("mueller") == found("muller") == found("Müller") == {"José Müller"}
    assert found("mette søn") == {"Mette Søndergaard"}
    assert found("SØNDERGÅRD") == {"Mette Søndergaard"}  # å and aa alike
    assert found("bæk") == found("baek") == {"Ærling Bæk"}


@pytest.mark.parametrize("small", [caseload.SMALL, 0])
def test_double_names_and_foreign_letters_are_found_however_typed(store, small):
    """Whether a double name was written with a hyphen or a space, either typing finds it;
    letters without a Unicode decomposition fold as a plain keyboard writes them."""
    with store.write():
        for name in (
            "Anne Marie Holm",
            "Anne-Marie Berg",
            "Marie Annesen",
            "Łukasz Wałęsa",
            "Đorđe Petrović",
            "Þórunn Guðmundsdóttir",
            "Sean O'Brien",
        ):
            citizens.create_citizen(store, CitizenInput(name))
    found = lambda text: _found(store, text, small)  # noqa: E731
    # Every word is a part of the name, in any order (as "anne marie" always was).
    both = {"Anne Marie Holm", "Anne-Marie Berg", "Marie Annesen"}
    assert found("anne-marie") == found("Anne Marie") == found("ANNE‐MARIE") == both
    assert found("annemarie") == {"Anne-Marie Berg"}  # one word: only where it is one
    assert found("anne-marie holm") == {"Anne Marie Holm"}
    assert found("lukasz walesa") == found("Łukasz") == {"Łukasz Wałęsa"}
    assert found("dorde petrovic") == found("Đorđe") == {"Đorđe Petrović"}
    assert found("thorunn") == found("gudmundsdottir") == {"Þórunn Guðmundsdóttir"}
    assert found("o'brien") == found("O’Brien") == found("obrien") == {"Sean O'Brien"}


@pytest.mark.parametrize("small", [caseload.SMALL, 0])
def test_search_by_cpr_and_case_number_fragments(store, small):
    _people(store)
    for typed in ("0101", "010190", "010190-1234", "0101901234", "90-12", "1234"):
        assert "Kim Å" in _found(store, typed, small), typed
    for typed in ("SAG-001234", "sag-0012", "001234", "sag"):
        assert "Soeren Jensen" in _found(store, typed, small), typed
    assert _found(store, "%", small) == set()
    assert _found(store, "z", small) == {"Zacharias Ølund"}  # one letter: no trigram needed
    assert _found(store, "ya", small) == {"Yasmin Ahmadi"}
    assert _found(store, "kim å", small) == {"Kim Å"}  # a one-letter word and a long one


def test_search_text_and_index_follow_every_change(store):
    ids = _people(store)
    citizens.update_citizen(store, ids["Søren Nielsen"], CitizenInput("Søren Ditlevsen"))
    assert _found(store, "ditlev") == {"Søren Ditlevsen"}
    assert _found(store, "nielsen") == set()
    citizens.erase_citizen(store, ids["Aase Berg"])
    assert _found(store, "aase") == {"Åse Hansen"}
    # A row written by another tool keeps the index in step through the triggers.
    with store.write():
        store.execute(
            "INSERT INTO citizens (name, start_date, created_at, updated_at, search_text)"
            " VALUES ('Ekstern Import', '2026-01-01', 'x', 'x', ?)",
            (search_key("Ekstern Import", None),),
        )
    assert _found(store, "ekstern") == {"Ekstern Import"}
    assert store.scalar("SELECT count(*) FROM citizen_search") == len(NAMES)
    assert store.integrity_ok()
    _grams_agree(store)
    with store.write():
        store.execute("DELETE FROM citizens WHERE name = 'Ekstern Import'")
    _grams_agree(store)


def _grams_agree(store) -> None:
    """The index of letters and letter pairs finds, for every letter and pair in any text
    (and a few in none), exactly the citizens whose text holds it."""
    texts = dict(store.tuples("SELECT id, search_text FROM citizens"))
    grams = {t[i : i + n] for t in texts.values() for n in (1, 2) for i in range(len(t))}
    grams = {g for g in grams if " " not in g} | {"qx", "9", "zz"}
    for g in sorted(grams):
        found = {r[0] for r in store.tuples(
            "SELECT rowid FROM citizen_grams WHERE citizen_grams MATCH ?", (f'"{g}"',)
        )}  # fmt: skip
        assert found == {i for i, t in texts.items() if g in t}, g


def test_searches_stay_audit_logged(store):
    _people(store)
    citizens.search_citizens(store, CitizenQuery(text="søren"))
    entry = audit.list_entries(store, object_type="citizen")[0]
    assert entry.action == "search"
    assert entry.details == {"criteria": {"text": "søren", "status": "active"}, "results": 2}


def test_danish_order_in_python_and_in_sqlite():
    names = ["Åse", "Aabenraa", "Zacharias", "Ølund", "Ærling", "anders", "Bo", "Émile"]
    assert danish_sorted(names) == [
        "anders",
        "Bo",
        "Émile",
        "Zacharias",
        "Ærling",
        "Ølund",
        "Aabenraa",  # aa is å: "å-b…" before "å-s…"
        "Åse",
    ]
    conn = sqlite3.connect(":memory:")
    expr = danish_key_sql("x")  # parses: SQLite allows only ~30 nested calls
    samples = [*names, *NAMES, "AA", "Aa Bb", "ÄÖÜ äöü", "Ñandú Çedille", "", "O'Hara-Smith"]
    for name in samples:
        assert conn.execute(f"SELECT {expr} FROM (SELECT ? AS x)", (name,)).fetchone()[0] == (
            danish_key(name)
        ), name
    assert danish_key("Åse") > danish_key("Ølund") > danish_key("Ærling") > danish_key("Zoe")
    assert danish_key("Aase") == danish_key("Åse")


def test_caseload_lists_names_in_danish_order(store):
    _people(store)
    rows = citizens.search_citizens(store, CitizenQuery(), log_search=False)
    names = [r.name for r in rows]
    assert names[-4:] == ["Zacharias Ølund", "Ærling Bæk", "Aase Berg", "Åse Hansen"]
    assert names == danish_sorted(names)


# -- keyset paging --------------------------------------------------------------------------
def _caseload(store, n: int, seed: int = 7) -> None:
    """``n`` citizens over every step, group and date, with empty values and closed ones."""
    rng = random.Random(seed)
    steps = staircase.load_staircase(store).steps
    groups = [g.id for g in staircase.list_target_groups(store)]
    first = ["Åse", "Aage", "Bo", "Søren", "Ærling", "Øjvind", "Zainab", "Anne-Marie", "Kim"]
    last = ["Hansen", "Ølund", "Aabye", "Berg", "Åris", "Møller"]
    with store.write():
        for _ in range(n):
            c = citizens.create_citizen(
                store,
                CitizenInput(
                    f"{rng.choice(first)} {rng.choice(last)}",
                    rng.choice([None, f"SAG-{rng.randrange(50)}"]),
                    target_group_id=rng.choice([None, *groups]),
                    start_date=date(2025, 1, 1),
                ),
            )
            if rng.random() < 0.8:
                held = date(2025, 2, 1) + timedelta(days=rng.randrange(300))
                meetings.record_meeting(
                    store,
                    c.id,
                    MeetingInput(
                        held,
                        rng.choice(steps).id,
                        next_meeting_on=rng.choice([None, held + timedelta(days=30)]),
                    ),
                )
            if rng.random() < 0.2:
                citizens.close_citizen(store, c.id, CloseReason.JOB, date(2026, 1, 1))


QUERIES = [
    CitizenQuery(),
    CitizenQuery(status=None),
    CitizenQuery(status=Status.CLOSED),
    CitizenQuery(text="ø"),
    CitizenQuery(text="han"),
    CitizenQuery(status=None, text="sag"),
    # Words with filters, counted along the filter's index (which holds the text).
    CitizenQuery(status=Status.CLOSED, text="ø"),
    CitizenQuery(text="an", stale_weeks=20),
    CitizenQuery(text="sen", next_meeting=NextMeetingFilter.OVERDUE),
    CitizenQuery(text="e", target_group_id=1),
    CitizenQuery(text="ha", step_id=2, status=None),
    # Filters alone, counted along their own index, the values' extremes with them.
    CitizenQuery(next_meeting=NextMeetingFilter.OVERDUE, today=date(2025, 9, 3)),
    CitizenQuery(next_meeting=NextMeetingFilter.NEXT_WEEK, today=date(2025, 9, 3)),
    CitizenQuery(stale_weeks=20, today=date(2025, 9, 3), status=None),
    CitizenQuery(next_meeting=NextMeetingFilter.OVERDUE, step_id=2, today=date(2025, 9, 3)),
]


@pytest.mark.parametrize("order", list(ORDERS))
def test_keyset_pages_equal_the_sorted_list_in_any_reading_order(store, order):
    _caseload(store, 120)
    for base in QUERIES:
        for descending in (False, True):
            query = CitizenQuery(**{**base.__dict__, "order_by": order, "descending": descending})
            expected = CaseloadView(store, query, small=10**9).ids()  # sorted in Python
            keyset = CaseloadView(store, query, small=0)
            assert keyset.count == len(expected)
            assert keyset.ids() == expected, (order, descending, base)
            # Pages read out of order: the end first, then the middle, then backwards.
            fresh = CaseloadView(store, query, small=0)
            n = fresh.count
            got = {}
            for start in (max(0, n - 7), n // 2, 0, 7, *range(max(0, n - 14), -1, -7)):
                for i, cid in enumerate(fresh.ids(start, 7)):
                    got[start + i] = cid
            assert all(got[i] == expected[i] for i in got), (order, descending, base)
            # From the top, as a first screen reads: the citizens without a value (last) are
            # counted only once a read reaches past the values; before, they are not needed.
            top = CaseloadView(store, query, small=0)
            assert [r.id for r in top.rows(0, 7)] == expected[:7], (order, base)
            assert top.ids(0, n) == expected
            assert [r.id for r in CaseloadView(store, query, small=0).rows(0, n + 5)] == expected
            # The list's rows, in the same reading order: a page read on from the one before
            # comes with its walk, a jump reads by id; both give the rows of those ids.
            rows_view = CaseloadView(store, query, small=0)
            for start in (max(0, n - 7), n // 2, 0, 7, 14, *range(max(0, n - 14), -1, -7)):
                page = rows_view.rows(start, 7)
                assert [r.id for r in page] == expected[start : start + 7], (order, base)
                assert page == rows_by_id(store, [r.id for r in page])
            # ``page`` may leave rows raw until shown; built, they are the same rows.
            raw_view = CaseloadView(store, query, small=0)
            for start in (0, 7, 14, n // 2, max(0, n - 7)):
                page = raw_view.page(start, 7)
                shown = [built(page, i) for i in range(len(page))]
                assert shown == rows_by_id(store, expected[start : start + 7]), (order, base)
                assert [built(page, i) for i in range(len(page))] == shown  # built once


@pytest.mark.parametrize("order", list(ORDERS))
def test_no_page_sorts_what_its_index_already_orders(store, order):
    """A page walks its index in order: no temporary B-tree, even for the status every
    list filters by (an equality SQLite would otherwise sort each run of equal values by;
    in the empty segment, all of them, on every page)."""
    _caseload(store, 60)
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        for descending in (False, True):
            query = CitizenQuery(order_by=order, descending=descending)
            view = CaseloadView(store, query, small=0)
            for start in range(0, view.count, 7):
                view.page(start, 7)
            view.ids(view.count - 7, 7)
    finally:
        store.conn.set_trace_callback(None)
    walks = [s for s in statements if "INDEXED BY" in s and "LIMIT" in s]
    assert walks
    for sql in walks:
        plan = " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "TEMP B-TREE" not in plan, (sql, plan)


def test_python_sort_matches_sqlite_sort(store):
    """The small-result path sorts in Python; SQLite's ORDER BY must agree with it."""
    _caseload(store, 80, seed=3)
    for order, spec in ORDERS.items():
        if spec.segments_from is not None:
            continue
        value = f"c.{spec.column}" if spec.column else "c.name_key"
        for desc in (False, True):
            d = " DESC" if desc != spec.flip else ""
            sql_ids = [
                r[0]
                for r in store.query(
                    f"SELECT c.id FROM citizens c WHERE status = 'active'"
                    f" ORDER BY {value} IS NULL, {value}{d}, c.id{d}"
                )
            ]
            query = CitizenQuery(order_by=order, descending=desc)
            assert CaseloadView(store, query, small=10**9).ids() == sql_ids, (order, desc)


def test_batch_ids_come_without_rows(store):
    _caseload(store, 40)
    query = CitizenQuery()
    assert citizen_ids(store, query) == [r.id for r in citizens.search_citizens(store, query)]


def _counts_agree(store) -> None:
    kept = {
        (r[0], r[1], r[2]): r[3]
        for r in store.query("SELECT status, step, grp, n FROM caseload_counts WHERE n != 0")
    }
    counted = {
        (r[0], r[1], r[2]): r[3]
        for r in store.query(
            "SELECT status, coalesce(current_step_id, 0), coalesce(target_group_id, 0),"
            " count(*) FROM citizens GROUP BY 1, 2, 3"
        )
    }
    assert kept == counted
    # … and the dates that a next-meeting or weeks-on-step filter's size is summed from.
    for kind, column in (("next", "next_meeting_on"), ("since", "current_step_since")):
        days = {
            (r[0], r[1]): r[2]
            for r in store.query(
                "SELECT status, day, n FROM caseload_days WHERE kind = ? AND n != 0", (kind,)
            )
        }
        counted = {
            (r[0], r[1]): r[2]
            for r in store.query(
                f"SELECT status, coalesce({column}, ''), count(*) FROM citizens GROUP BY 1, 2"
            )
        }
        assert days == counted, kind


def test_caseload_counts_follow_every_change(store):
    """The trigger-kept counts that the plain list is counted from, and the kept dates
    (create, a meeting that moves the step and the next meeting, a new target group, close,
    reopen, erase, a row written by another tool)."""
    _caseload(store, 60)
    _counts_agree(store)
    steps = staircase.load_staircase(store).steps
    groups = staircase.list_target_groups(store)
    some = [r[0] for r in store.query("SELECT id FROM citizens WHERE status = 'active' LIMIT 6")]
    meetings.record_meeting(store, some[0], MeetingInput(date(2026, 2, 2), steps[-1].id))
    old = citizens.get_citizen_record(store, some[1], log_read=False).citizen
    citizens.update_citizen(store, some[1], CitizenInput(old.name, target_group_id=groups[-1].id))
    closed = store.scalar("SELECT id FROM citizens WHERE status = 'closed' LIMIT 1")
    citizens.reopen_citizen(store, closed)
    citizens.close_citizen(store, some[2], CloseReason.EDUCATION, date(2026, 3, 1))
    citizens.erase_citizen(store, some[3])
    with store.write():
        store.execute(
            "INSERT INTO citizens (name, start_date, created_at, updated_at, current_step_id)"
            " VALUES ('Ekstern', '2026-01-01', 'x', 'x', ?)",
            (steps[0].id,),
        )
    _counts_agree(store)
    for query in (CitizenQuery(), CitizenQuery(status=None), CitizenQuery(step_id=steps[0].id),
                  CitizenQuery(target_group_id=groups[-1].id, status=Status.CLOSED),
                  CitizenQuery(next_meeting=NextMeetingFilter.OVERDUE, today=date(2026, 6, 1)),
                  CitizenQuery(stale_weeks=8, today=date(2026, 6, 1), status=None)):  # fmt: skip
        for order in ("name", "step", "target_group", "next_meeting"):
            q = CitizenQuery(**{**query.__dict__, "order_by": order})
            expected = CaseloadView(store, q, small=10**9).ids()
            assert CaseloadView(store, q, small=0).ids() == expected, (query, order)


def test_a_common_word_pages_by_reading_the_text(store, monkeypatch):
    """A word most citizens have pages along the order's index reading ``search_text``; a
    rare one through the search index. Both give the same rows in the same order."""
    _caseload(store, 120)
    for text in ("han", "ø", "berg", "anne-marie mø"):
        for order in ORDERS:
            query = CitizenQuery(text=text, status=None, order_by=order)
            expected = CaseloadView(store, query, small=10**9).ids()
            monkeypatch.setattr(caseload, "WALK_BY_TEXT", 0)  # always by the text
            dense = CaseloadView(store, query, small=0)
            assert "instr" in " ".join(dense._filter.clauses)
            monkeypatch.setattr(caseload, "WALK_BY_TEXT", 10**9)  # never
            sparse = CaseloadView(store, query, small=0)
            # (short words too: through the index of letters and letter pairs)
            assert "instr" not in " ".join(sparse._filter.clauses)
            assert dense.ids() == sparse.ids() == expected, (text, order)


def _vm_steps(store, fn) -> int:
    """SQLite virtual-machine steps (in thousands) spent by ``fn``: a clock-free cost."""
    count = [0]

    def tick() -> int:
        count[0] += 1
        return 0

    store.conn.set_progress_handler(tick, 1000)
    try:
        fn()
    finally:
        store.conn.set_progress_handler(None, 0)
    return count[0]


def _scroll_cost(store, rows: int) -> float:
    view = CaseloadView(store, CitizenQuery(), small=0)
    assert view.count == rows

    def scroll() -> None:
        for start in range(0, view.count, 50):
            view.ids(start, 50)
            view.rows(start, 50)

    return _vm_steps(store, scroll) / rows


def test_scrolling_the_whole_list_costs_time_linear_in_its_rows(store):
    """Keyset paging: reading every page of 4x the rows costs 4x, not 16x (OFFSET would)."""
    with store.write():
        for i in range(400):
            citizens.create_citizen(store, CitizenInput(f"Borger {i:05d}"))
    small = _scroll_cost(store, 400)
    with store.write():
        for i in range(400, 1600):
            citizens.create_citizen(store, CitizenInput(f"Borger {i:05d}"))
    large = _scroll_cost(store, 1600)
    assert large <= small * 1.3, (small, large)
    # And the jump to the end reads one page, not the whole list.
    view = CaseloadView(store, CitizenQuery(), small=0)
    end = _vm_steps(store, lambda: view.ids(view.count - 50, 50))
    start = _vm_steps(store, lambda: CaseloadView(store, CitizenQuery(), small=0).ids(0, 50))
    assert end <= start + 2


def test_a_bulk_load_fills_the_letter_pair_index_as_the_triggers_would(store):
    """The demo drops the index's triggers while it loads and fills it once after: the
    index finds what the texts hold, and the triggers are back for the next edit."""
    from trappe.model import demo

    demo.create_demo(store, citizens=40, seed=3)
    _grams_agree(store)
    triggers = store.tuples(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'citizens_grams_%'"
    )
    assert len(triggers) == 3
    first = store.scalar("SELECT min(id) FROM citizens")
    citizens.update_citizen(store, first, CitizenInput("Ny Navnesen"))
    _grams_agree(store)
