"""Measures at caseload scale, each beside a hand-written SQL floor: prints, asserts nothing.

    .venv/bin/python bench/bench_measures.py --db PATH [--citizens 100000] [--on DATE]

Builds a demo database at PATH if it does not exist (``trappe demo``; 100,000 citizens with two
years of meetings take a few minutes), then for one date prints: the headline share, the counts
per step and the flow matrix for a year, each timed as Trappe computes it (a fresh
``Measurer``, staircase history included) beside the best hand-written SQL for the same
figure on the raw tables (placements, citizens, steps) with the as-of index, and the ratio;
``trappe stats`` in-process beside the floor queries it needs; and the overview's time from
Opdatér to every pane filled (offscreen). The figures are checked to agree with the floor.
Each time is the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from trappe.model.demo import build_demo_database
from trappe.model.entities import Actor
from trappe.model.measures import Measurer
from trappe.model.store import open_store

ACTOR = Actor("Benchmark")

AS_OF = """(SELECT p.step_id FROM placements p WHERE p.citizen_id = c.id
            AND p.assessed_by = 'professional' AND p.placed_on <= {d}
            ORDER BY p.placed_on DESC, p.id DESC LIMIT 1)"""
ACTIVE = "c.start_date <= {d} AND (c.closed_on IS NULL OR c.closed_on > {d})"
FLOOR_SHARE = f"""SELECT count(*), coalesce(sum(s.category != 'none'), 0) FROM citizens c
    LEFT JOIN steps s ON s.id = {AS_OF.format(d=":d")} WHERE {ACTIVE.format(d=":d")}"""
FLOOR_STEPS = f"""SELECT {AS_OF.format(d=":d")} AS step, count(*) FROM citizens c
    WHERE {ACTIVE.format(d=":d")} GROUP BY step"""
FLOOR_FLOW = f"""SELECT {AS_OF.format(d=":s")} AS a, {AS_OF.format(d=":e")} AS b, count(*)
    FROM citizens c WHERE c.start_date <= :e AND (c.closed_on IS NULL OR c.closed_on > :s)
    GROUP BY a, b"""


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    runs, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), result


def row(label: str, mine: float, floor: float) -> None:
    print(f"  {label:<38} {mine * 1000:9.1f} ms {floor * 1000:9.1f} ms {mine / floor:7.2f}×")


def overview_ready(path: Path, on: date) -> tuple[float, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from trappe.ui.overview import OverviewWindow

    app = QApplication.instance() or QApplication([])
    store = open_store(path, ACTOR)
    w = OverviewWindow(store, today=on)
    w.resize(1366, 768)
    w.show()
    app.processEvents()
    loop = QEventLoop()
    first: list[float] = []
    w.first_ready.connect(lambda: (app.processEvents(), first.append(time.perf_counter())))
    w.ready.connect(loop.quit)
    QTimer.singleShot(120_000, loop.quit)
    start = time.perf_counter()
    w.refresh()
    loop.exec()
    app.processEvents()  # the panes paint
    took = time.perf_counter() - start
    w.close()
    store.close()
    return first[0] - start, took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--citizens", type=int, default=100_000)
    parser.add_argument("--on", type=date.fromisoformat, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.db.exists():
        t = time.perf_counter()
        summary = build_demo_database(args.db, ACTOR, args.citizens, seed=1)
        print(f"demo: {summary.citizens:,} citizens, {summary.meetings:,} meetings "
              f"in {time.perf_counter() - t:.0f} s")  # fmt: skip
    store = open_store(args.db, ACTOR)  # migrates an older file once
    on = args.on or date.fromisoformat(store.scalar("SELECT max(held_on) FROM meetings"))
    year = on - timedelta(days=365)
    n = store.scalar("SELECT count(*) FROM citizens")
    print(f"{args.db.name}: {n:,} citizens; measure day {on:%d-%m-%Y}, period from {year:%d-%m-%Y}")
    print(f"  {'figure':<38} {'Trappe':>12} {'floor (SQL)':>12} {'ratio':>8}")
    q = store.query
    d, s = on.isoformat(), year.isoformat()

    t_mine, share = timed(lambda: Measurer(store).share(on), args.repeat)
    t_floor, floor = timed(lambda: tuple(q(FLOOR_SHARE, {"d": d})[0]), args.repeat)
    assert (share.active, share.counted) == floor, (share, floor)
    row(f"headline share ({share.percent:.1f} %)", t_mine, t_floor)

    t_mine, counts = timed(lambda: Measurer(store).step_counts(on), args.repeat)
    t_floor, floor = timed(lambda: {r[0]: r[1] for r in q(FLOOR_STEPS, {"d": d})}, args.repeat)
    assert {c.step_id: c.citizens for c in counts if c.citizens} == {
        k: v for k, v in floor.items() if k is not None
    }
    row("counts per step (+ median, quartiles)", t_mine, t_floor)

    t_mine, flow = timed(lambda: Measurer(store).flow(year, on), args.repeat)
    t_floor, floor = timed(lambda: q(FLOOR_FLOW, {"s": s, "e": on.isoformat()}), args.repeat)
    row(f"flow matrix, a year ({flow.total:,} citizens)", t_mine, t_floor)

    from trappe.cli.main import main as trappe

    def stats() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            trappe(["stats", "--db", str(args.db), "--on", on.isoformat()])

    def stats_floor() -> None:
        with open_store(args.db, ACTOR) as st:  # the command opens the file too
            for day in (d, s):
                st.query(FLOOR_SHARE, {"d": day})
            st.query(FLOOR_STEPS, {"d": d})
            st.query(FLOOR_FLOW, {"s": s, "e": d})

    t_mine, _ = timed(stats, args.repeat)
    t_floor, _ = timed(stats_floor, args.repeat)
    row("trappe stats (in-process)", t_mine, t_floor)
    store.close()

    runs = [overview_ready(args.db, on) for _ in range(args.repeat)]
    first = statistics.median(r[0] for r in runs)
    ready = statistics.median(r[1] for r in runs)
    print(f"  {'overview: key figures, charts, flows':<38} {first * 1000:9.1f} ms   (goal 1000 ms)")
    print(f"  {'overview: every pane (+ follow-up lists)':<38} {ready * 1000:9.1f} ms")
    print(f"  (load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
