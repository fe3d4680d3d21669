"""Timing shared by the benches: wall clock and CPU time, median of a few runs.

This machine is often shared (the load average is printed with every run), so each figure is
measured two ways: wall clock (what a user waits) and the process's CPU time (what the work
costs, far less disturbed by other processes competing for the cores). Trappe and its floor
are measured in the same run, one right after the other, and both ratios are printed.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    wall: float  # seconds
    cpu: float  # seconds of CPU time of this process (all threads)


def measure(fn: Callable[[], object], repeat: int) -> Timing:
    walls, cpus = [], []
    for _ in range(max(1, repeat)):
        w, c = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - c)
        walls.append(time.perf_counter() - w)
    return Timing(statistics.median(walls), statistics.median(cpus))


def measure_pair(
    ours: Callable[[], object], floor: Callable[[], object], repeat: int
) -> tuple[Timing, Timing]:
    """``measure`` of both, interleaved (ours, floor, ours, floor …) after one warm-up run of
    each, so both meet the same caches and the same load: a run of one followed by a run of
    the other would give each the machine of a different moment."""
    ours(), floor()
    runs: dict[str, list[tuple[float, float]]] = {"ours": [], "floor": []}
    for _ in range(max(1, repeat)):
        for name, fn in (("ours", ours), ("floor", floor)):
            w, c = time.perf_counter(), time.process_time()
            fn()
            runs[name].append((time.perf_counter() - w, time.process_time() - c))
    ours_t, floor_t = (
        Timing(statistics.median(r[0] for r in v), statistics.median(r[1] for r in v))
        for v in runs.values()
    )
    return ours_t, floor_t


def ratio(a: float, b: float) -> str:
    return f"×{a / b:5.2f}" if b > 0 else "  –  "


HEADER = (
    f"  {'figure':<42} {'Trappe wall':>11} {'cpu':>8}   {'floor wall':>10} {'cpu':>8}"
    f"   {'ratio wall':>10} {'cpu':>6}"
)


def row(label: str, ours: Timing, floor: Timing, note: str = "") -> None:
    print(
        f"  {label:<42} {ours.wall * 1000:8.1f} ms {ours.cpu * 1000:5.1f} ms"
        f"   {floor.wall * 1000:7.1f} ms {floor.cpu * 1000:5.1f} ms"
        f"   {ratio(ours.wall, floor.wall):>10} {ratio(ours.cpu, floor.cpu):>6}"
        + (f"   ({note})" if note else "")
    )


def load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} (1 / 5 min) on {os.cpu_count()} cores"
