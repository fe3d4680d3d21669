"""Model benchmark at caseload scale: prints figures, asserts nothing.

    .venv/bin/python bench/bench_model.py [--citizens 100000] [--db PATH] [--keep]

Builds a demo database (or reuses ``--db`` if it exists), then times the main model
operations: opening the store, listing and searching the caseload, loading one citizen's full
history, and saving a meeting. Each figure is the median of several runs.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from trappe.model import citizens, meetings, staircase
from trappe.model.citizens import CitizenQuery
from trappe.model.demo import build_demo_database
from trappe.model.entities import Actor, Agreement, MeetingInput, NextMeetingFilter, Responsible
from trappe.model.store import open_store

ACTOR = Actor("Benchmark")


def timed(label: str, fn: Callable[[], object], repeat: int = 5) -> None:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    print(f"  {label:<58} {statistics.median(runs) * 1000:9.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citizens", type=int, default=100_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the generated database")
    args = parser.parse_args()
    tmp = None
    path = args.db
    if path is None:
        tmp = tempfile.TemporaryDirectory()
        path = Path(tmp.name) / "bench.sqlite"
    if not path.exists():
        start = time.perf_counter()
        summary = build_demo_database(path, ACTOR, args.citizens, seed=1)
        print(
            f"demo database: {summary.citizens:,} citizens, {summary.meetings:,} meetings, "
            f"{summary.placements:,} placements in {time.perf_counter() - start:.1f} s"
        )
    print(f"file: {path} ({path.stat().st_size / 1e6:.0f} MB)")

    timed("open the store", lambda: open_store(path, ACTOR).close())
    store = open_store(path, ACTOR)
    steps = staircase.load_staircase(store).steps
    total = citizens.count_citizens(store, CitizenQuery(status=None))
    print(f"citizens: {total:,}")
    q = CitizenQuery()
    timed("count active citizens", lambda: citizens.count_citizens(store, q))
    timed(
        "first page (100) sorted by name",
        lambda: citizens.search_citizens(store, q, limit=100, log_search=False),
    )
    timed(
        "first page sorted by days on step (desc)",
        lambda: citizens.search_citizens(
            store,
            CitizenQuery(order_by="days_on_step", descending=True),
            limit=100,
            log_search=False,
        ),
    )
    timed(
        "first page sorted by next meeting",
        lambda: citizens.search_citizens(
            store, CitizenQuery(order_by="next_meeting"), limit=100, log_search=False
        ),
    )
    timed(
        "search 'søren' (count + first page, logged)",
        lambda: (
            citizens.count_citizens(store, CitizenQuery(text="søren")),
            citizens.search_citizens(store, CitizenQuery(text="søren"), limit=100),
        ),
    )
    timed(
        "filter overdue + step 3 (count + page)",
        lambda: (
            citizens.count_citizens(
                store, CitizenQuery(next_meeting=NextMeetingFilter.OVERDUE, step_id=steps[2].id)
            ),
            citizens.search_citizens(
                store,
                CitizenQuery(next_meeting=NextMeetingFilter.OVERDUE, step_id=steps[2].id),
                limit=100,
                log_search=False,
            ),
        ),
    )
    timed(
        "all active citizens, every row",
        lambda: citizens.search_citizens(store, q, log_search=False),
        repeat=3,
    )
    busiest = store.scalar(
        "SELECT citizen_id FROM meetings GROUP BY citizen_id ORDER BY count(*) DESC LIMIT 1"
    )
    n = store.scalar("SELECT count(*) FROM meetings WHERE citizen_id = ?", (busiest,))
    timed(
        f"load a citizen's full record ({n} meetings, logged)",
        lambda: citizens.get_citizen_record(store, busiest),
    )
    cid = store.scalar("SELECT id FROM citizens WHERE status = 'active' LIMIT 1")
    day = [date.today()]

    def save() -> None:
        day[0] += timedelta(days=1)
        meetings.record_meeting(
            store,
            cid,
            MeetingInput(
                held_on=day[0],
                professional_step_id=steps[3].id,
                citizen_step_id=steps[2].id,
                next_meeting_on=day[0] + timedelta(days=42),
                agreements=[Agreement("Ringe til praktikstedet", Responsible.CITIZEN)],
            ),
        )

    timed("save a meeting (one transaction, fsync)", save)
    store.close()
    if args.keep and tmp is not None:
        kept = Path.cwd() / "bench.sqlite"
        path.replace(kept)
        print(f"kept database at {kept}")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
