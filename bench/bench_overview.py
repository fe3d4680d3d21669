"""The team overview ready, and ``trappe stats``, each beside a hand-written floor (issue 12
item 5): prints, asserts nothing.

    .venv/bin/python bench/bench_overview.py --db PATH [--repeat 5] [--on DATE]

**The overview**: from Opdatér to the key figures, the steps, the trend and the flows shown
and painted (``OverviewWindow.first_ready`` and the event-loop pass after it), for a year up to
the measure day, all citizens (the window's defaults). The follow-up lists come after; their
time is printed too.

**Its floor**: the same figures read with hand-written SQL from the same tables, on fresh
read-only connections as the window's worker uses, the two big reads in two threads as the
window does: each active citizen's step and its first day on both dates, whether active on
each, and why a course ended (the headline of both methods, the steps with quartiles, the
movement and the flows all follow from these rows), counted in C (``Counter``); and the
monthly trend as one sweep over the counted runs and the courses. It draws nothing, so the
ratio also holds the window's painting (about 0.1 s).

The floor reads the tables as they would be without Trappe's kept sums. Trappe reads the
trend of all citizens from day counts that triggers keep (``trend_active_days``,
``trend_step_days``, migration 0015) instead of sweeping every run and period, so its figure
can be *below* this floor: the floor is the best hand-written SQL over the runs and periods,
not over Trappe's own summary tables (which would make it the same few-millisecond read).

**``trappe stats``**: the command in-process (it opens the file, computes, logs the view),
beside opening the file and the same two-date read by hand.

Trappe and its floor run alternately in the same process after one warm-up each (so both meet
the same caches and load); each figure is the median of ``--repeat`` runs, wall clock and the
process's CPU time (all threads), and the ratio is Trappe's over the floor's.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sqlite3
import statistics
import sys
import threading
import time
from collections import Counter
from datetime import date, timedelta
from operator import itemgetter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from _timing import HEADER, Timing, load_note, measure_pair, row  # noqa: E402

from trappe.model.entities import Actor  # noqa: E402
from trappe.model.measure_figures import month_ends  # noqa: E402
from trappe.model.store import open_store  # noqa: E402

ACTOR = Actor("Benchmark")

ACTIVE = "started_on <= {d} AND (ended_on IS NULL OR ended_on > {d})"
RUN = (
    "LEFT JOIN placement_runs {r} ON {r}.citizen_id = p.citizen_id AND {r}.valid_from <= {d}"
    " AND ({r}.valid_to IS NULL OR {r}.valid_to > {d})"
)
FLOOR_BOTH = (
    "SELECT s_act, a.step_id, a.valid_from, e_act, b.step_id, b.valid_from,"
    " CASE WHEN e_act THEN NULL ELSE nullif(substr(ended, 12), '') END"
    f" FROM (SELECT citizen_id, min(count(*) FILTER (WHERE {ACTIVE.format(d=':s')}), 1) AS s_act,"
    f"  min(count(*) FILTER (WHERE {ACTIVE.format(d=':e')}), 1) AS e_act,"
    "  max(ended_on || '|' || coalesce(end_reason, '')) FILTER (WHERE ended_on <= :e) AS ended"
    "  FROM course_periods WHERE started_on <= :e AND (ended_on IS NULL OR ended_on > :s)"
    f"  GROUP BY citizen_id) p {RUN.format(r='a', d=':s')} {RUN.format(r='b', d=':e')}"
)
BIG = "'9999-12-31'"
FLOOR_COUNTED = (
    "WITH iv AS MATERIALIZED (SELECT max(r.valid_from, p.started_on) AS lo,"
    f" min(coalesce(r.valid_to, {BIG}), coalesce(p.ended_on, {BIG})) AS hi"
    " FROM placement_runs r JOIN course_periods p ON p.citizen_id = r.citizen_id"
    f" AND p.started_on < coalesce(r.valid_to, {BIG})"
    f" AND coalesce(p.ended_on, {BIG}) > r.valid_from"
    f" WHERE coalesce(r.valid_to, {BIG}) > :first AND r.step_id IN ({{steps}}))"
    " SELECT lo, count(*) FROM iv WHERE lo < hi GROUP BY lo"
    " UNION ALL SELECT hi, -count(*) FROM iv WHERE lo < hi GROUP BY hi"
)
FLOOR_ACTIVE = (
    f"SELECT started_on, count(*) FROM course_periods WHERE coalesce(ended_on, {BIG}) > :first"
    " GROUP BY 1 UNION ALL SELECT ended_on, -count(*) FROM course_periods"
    " WHERE ended_on > :first GROUP BY 1"
)


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    conn.execute("PRAGMA cache_size = -65536")
    return conn


def floor_both(path: Path, s: str, e: str) -> tuple:
    conn = connect(path)
    try:
        rows = conn.execute(FLOOR_BOTH, {"s": s, "e": e}).fetchall()
    finally:
        conn.close()
    return (
        Counter(map(itemgetter(0, 1, 3, 4, 6), rows)),
        Counter(map(itemgetter(1, 2), filter(itemgetter(0), rows))),
        Counter(map(itemgetter(0, 4, 5), filter(itemgetter(3), rows))),
    )


def floor_trend(path: Path, dates: list[date], steps: str) -> list[tuple[int, int]]:
    conn = connect(path)
    try:
        first = {"first": dates[0].isoformat()}
        out = []
        for sql in (FLOOR_ACTIVE, FLOOR_COUNTED.format(steps=steps)):
            events = sorted(conn.execute(sql, first).fetchall())
            acc, i, counts = 0, 0, []
            for d in dates:
                while i < len(events) and events[i][0] <= d.isoformat():
                    acc += events[i][1]
                    i += 1
                counts.append(acc)
            out.append(counts)
    finally:
        conn.close()
    return list(zip(*out, strict=True))


def overview_floor(path: Path, start: date, end: date, steps: str) -> None:
    """The overview's figures by hand: the trend in a thread, the two dates here."""
    result: dict = {}
    dates = month_ends(start, end)
    thread = threading.Thread(
        target=lambda: result.setdefault("trend", floor_trend(path, dates, steps))
    )
    thread.start()
    floor_both(path, start.isoformat(), end.isoformat())
    thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--on", type=date.fromisoformat, default=None)
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from trappe.ui.overview import OverviewWindow

    store = open_store(args.db, ACTOR)
    on = args.on or date.fromisoformat(store.scalar("SELECT max(held_on) FROM meetings"))
    start = on - timedelta(days=365)
    n = store.scalar("SELECT count(*) FROM citizens")
    # The steps counted on every date (the demo's staircase has no dated categories; a floor
    # that knows this in advance is stronger, not weaker).
    counted = store.query(
        "SELECT step_id FROM step_versions GROUP BY step_id"
        " HAVING min(category != 'none') = 1 AND count(*) = 1"
    )
    steps = ",".join(str(r[0]) for r in counted)
    print(f"{args.db.name}: {n:,} citizens; measure day {on:%d-%m-%Y}, from {start:%d-%m-%Y}")
    print(f"  {load_note()}")
    print(HEADER)

    app = QApplication.instance() or QApplication([])
    window = OverviewWindow(store, today=on)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    follow: list[float] = []

    def overview() -> Timing:
        """Opdatér to painted; then (not timed) the follow-up lists, before the next run."""
        loop = QEventLoop()
        wall, cpu = time.perf_counter(), time.process_time()
        window.first_ready.connect(loop.quit)
        window.ready.connect(lambda: follow.append(time.perf_counter() - wall))
        QTimer.singleShot(120_000, loop.quit)
        window.refresh()
        loop.exec()
        app.processEvents()  # the panes paint
        took = Timing(time.perf_counter() - wall, time.process_time() - cpu)
        window.first_ready.disconnect(loop.quit)
        while window.follow_worker is not None and window.follow_worker.isRunning():
            app.processEvents()
            time.sleep(0.005)
        app.processEvents()
        window.ready.disconnect()
        return took

    def floor() -> Timing:
        wall, cpu = time.perf_counter(), time.process_time()
        overview_floor(args.db, start, on, steps)
        return Timing(time.perf_counter() - wall, time.process_time() - cpu)

    overview(), floor()  # warm-up, as measure_pair does
    runs: dict[str, list[Timing]] = {"ours": [], "floor": []}
    for _ in range(max(1, args.repeat)):
        runs["ours"].append(overview())
        runs["floor"].append(floor())
    ours, floored = (
        Timing(statistics.median(t.wall for t in v), statistics.median(t.cpu for t in v))
        for v in runs.values()
    )
    row("overview ready (key figures, charts, flows)", ours, floored)
    print(
        "  (Trappe sums the trend from day counts kept by triggers, migration 0015; the floor"
        " sweeps every run and period: Trappe can be below it)"
    )
    if follow:
        middle = sorted(follow)[len(follow) // 2]
        print(f"  {'  … and the follow-up lists too (wall)':<42} {middle * 1000:8.1f} ms")
    window.close()
    store.close()

    from trappe.cli.main import main as trappe

    def stats() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            trappe(["stats", "--db", str(args.db), "--on", on.isoformat()])

    def stats_floor() -> None:
        with open_store(args.db, ACTOR):  # the command opens the file too
            floor_both(args.db, start.isoformat(), on.isoformat())

    ours, floor = measure_pair(stats, stats_floor, args.repeat)
    row("trappe stats (in-process)", ours, floor)
    print(f"  {load_note()}")


if __name__ == "__main__":
    main()
