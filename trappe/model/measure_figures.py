"""The figures a ``Measurer`` returns, as plain data (shares, movement, steps, flows), and the
small arithmetic on them (quartiles of days on a step, month ends, JSON form), kept apart from
the queries that compute them so screens, reports and the CLI can use them without SQL.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from trappe.model.measure_terms import Method
from trappe.model.staircase_on_date import StepAt


@dataclass(frozen=True)
class Share:
    on: date
    active: int  # the denominator: active citizens (cross-section) or the cohort
    counted: int
    method: Method = Method.CROSS_SECTION

    @property
    def percent(self) -> float:
        return 100.0 * self.counted / self.active if self.active else 0.0


@dataclass(frozen=True)
class Headline:
    now: Share
    baseline: Share

    @property
    def change_pp(self) -> float:
        """Change in percentage points since the baseline."""
        return self.now.percent - self.baseline.percent

    @property
    def method(self) -> Method:
        return self.now.method


@dataclass(frozen=True)
class Movement:
    up: int
    down: int
    stayed: int
    not_placed: int  # without a placement at the start or the end
    left_job_education: int = 0  # cohort only: closed as arrived by the end (ARRIVED_REASONS)
    left_other: int = 0  # cohort only: closed for another reason
    method: Method = Method.CROSS_SECTION


@dataclass(frozen=True)
class StepCount:
    step_id: int | None
    number: int | None
    title: str
    phase_title: str
    counts: bool  # counted for the headline measure on that date
    citizens: int
    median_days: float | None
    q1_days: float | None
    q3_days: float | None
    average_days_on_step: float | None
    colour: str = "#cccccc"


@dataclass
class DayState:
    """Who stood where on one date, grouped: (step_id or None) -> {days on step: citizens}."""

    on: date
    days: dict[int | None, Counter] = field(default_factory=dict)
    left: Counter = field(default_factory=Counter)  # cohort only: reason -> citizens

    def citizens(self, step_id: int | None) -> int:
        return sum(self.days.get(step_id, Counter()).values())

    @property
    def active(self) -> int:
        return sum(sum(c.values()) for c in self.days.values())


def quantiles(hist: Counter) -> tuple[float, float, float] | None:
    """Lower quartile, median and upper quartile of a histogram {value: count}, by linear
    interpolation between order statistics (``statistics.quantiles(method='inclusive')``)."""
    n = sum(hist.values())
    if n == 0:
        return None
    values = sorted(hist)
    cumulative = []
    acc = 0
    for v in values:
        acc += hist[v]
        cumulative.append(acc)

    def kth(k: int) -> float:  # 0-based order statistic
        return values[bisect.bisect_right(cumulative, k)]

    def q(p: float) -> float:
        pos = p * (n - 1)
        lo = int(pos)
        frac = pos - lo
        a = kth(lo)
        return a if frac == 0 else a + (kth(min(lo + 1, n - 1)) - a) * frac

    return q(0.25), q(0.5), q(0.75)


def step_label(s: StepAt) -> str:
    return f"{s.number}. {s.title}" if s.number is not None else f"{s.title} (udgået)"


@dataclass(frozen=True)
class FlowMatrix:
    start: date
    end: date
    rows: list[tuple[tuple, str]]
    cols: list[tuple[tuple, str]]
    cells: dict[tuple[tuple, tuple], int]

    def cell(self, row: tuple, col: tuple) -> int:
        return self.cells.get((row, col), 0)

    def compact(self) -> FlowMatrix:
        """Without rows and columns that are empty (steps stay, so the table keeps shape)."""
        used_r = {r for r, _c in self.cells}
        used_c = {c for _r, c in self.cells}
        rows = [(k, t) for k, t in self.rows if k[0] == "step" or k in used_r]
        cols = [(k, t) for k, t in self.cols if k[0] == "step" or k in used_c]
        return FlowMatrix(self.start, self.end, rows, cols, self.cells)

    @property
    def total(self) -> int:
        return sum(self.cells.values())


def month_ends(start: date, end: date) -> list[date]:
    """The last day of each month from ``start``'s month to ``end`` (``end`` itself last)."""
    out = []
    y, m = start.year, start.month
    while True:
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        last = nxt - timedelta(days=1)
        if last >= end:
            break
        if last >= start:
            out.append(last)
        y, m = nxt.year, nxt.month
    out.append(end)
    return out


def as_dict(obj: Any) -> Any:
    """Plain JSON-able data of a figure (dates as ISO text)."""
    from dataclasses import asdict, is_dataclass

    if is_dataclass(obj):
        return as_dict(asdict(obj))
    if isinstance(obj, dict):
        return {str(k): as_dict(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [as_dict(v) for v in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj
