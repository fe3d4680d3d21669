"""The headline measure and the caseload's movement (docs/domain.md, "The measure").

Share of active citizens whose placement on a date is on a step counted as company-oriented
activity or ordinary hours, and its change in percentage points since a baseline date;
how many moved up, down or stayed in a period; how many stand on each step and for how long.
Everything is computed as of a date from the placements, so history can be replayed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from trappe.model.staircase import load_staircase
from trappe.model.store import Store


@dataclass(frozen=True)
class Scope:
    """Which citizens a figure is about: all, or one target group and/or caseworker."""

    target_group_id: int | None = None
    caseworker_id: int | None = None

    def sql(self) -> tuple[str, dict[str, Any]]:
        clauses, params = [], {}
        if self.target_group_id is not None:
            clauses.append("c.target_group_id = :target_group_id")
            params["target_group_id"] = self.target_group_id
        if self.caseworker_id is not None:
            clauses.append("c.caseworker_id = :caseworker_id")
            params["caseworker_id"] = self.caseworker_id
        return "".join(f" AND {c}" for c in clauses), params


@dataclass(frozen=True)
class Share:
    on: date
    active: int
    counted: int

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


@dataclass(frozen=True)
class Movement:
    up: int
    down: int
    stayed: int
    not_placed: int  # active at the end but without a placement at the start or the end


@dataclass(frozen=True)
class StepCount:
    step_id: int
    title: str
    citizens: int
    average_days_on_step: float | None


def _placed_as_of(day: date) -> str:
    """Each citizen's latest professional placement on or before ``day`` (window query)."""
    return f"""
        SELECT citizen_id, step_id, placed_on FROM (
            SELECT p.citizen_id, p.step_id, p.placed_on,
                   row_number() OVER (PARTITION BY p.citizen_id
                                      ORDER BY p.placed_on DESC, p.id DESC) AS n
            FROM placements p
            WHERE p.assessed_by = 'professional' AND p.placed_on <= '{day.isoformat()}'
        ) WHERE n = 1
    """


_ACTIVE_ON = "c.start_date <= :day AND (c.closed_on IS NULL OR c.closed_on > :day)"


def share_on(store: Store, day: date, scope: Scope = Scope()) -> Share:
    where, params = scope.sql()
    row = store.query_one(
        f"""SELECT count(*) AS active,
                   coalesce(sum(s.category IN ('company_activity', 'ordinary_hours')), 0)
                   AS counted
            FROM citizens c
            LEFT JOIN ({_placed_as_of(day)}) cur ON cur.citizen_id = c.id
            LEFT JOIN steps s ON s.id = cur.step_id
            WHERE {_ACTIVE_ON}{where}""",
        {"day": day.isoformat(), **params},
    )
    return Share(day, int(row["active"]), int(row["counted"]))


def headline(store: Store, on: date, baseline: date, scope: Scope = Scope()) -> Headline:
    return Headline(share_on(store, on, scope), share_on(store, baseline, scope))


def movement(store: Store, start: date, end: date, scope: Scope = Scope()) -> Movement:
    """Compare each citizen active at ``end``: step at ``start`` against step at ``end``
    (by the staircase's current order)."""
    where, params = scope.sql()
    positions = {s.id: i for i, s in enumerate(load_staircase(store).steps)}
    rows = store.query(
        f"""SELECT a.step_id AS before, b.step_id AS after
            FROM citizens c
            LEFT JOIN ({_placed_as_of(start)}) a ON a.citizen_id = c.id
            LEFT JOIN ({_placed_as_of(end)}) b ON b.citizen_id = c.id
            WHERE {_ACTIVE_ON}{where}""",
        {"day": end.isoformat(), **params},
    )
    up = down = stayed = unplaced = 0
    for r in rows:
        before, after = positions.get(r["before"]), positions.get(r["after"])
        if before is None or after is None:
            unplaced += 1
        elif after > before:
            up += 1
        elif after < before:
            down += 1
        else:
            stayed += 1
    return Movement(up, down, stayed, unplaced)


def step_counts(store: Store, on: date, scope: Scope = Scope()) -> list[StepCount]:
    """How many active citizens stand on each step today, and for how long on average."""
    where, params = scope.sql()
    rows = {
        r["current_step_id"]: r
        for r in store.query(
            f"""SELECT c.current_step_id, count(*) AS n,
                       avg(julianday(:day) - julianday(c.current_step_since)) AS days
                FROM citizens c WHERE c.status = 'active'{where}
                GROUP BY c.current_step_id""",
            {"day": on.isoformat(), **params},
        )
    }
    return [
        StepCount(
            s.id,
            s.title,
            int(rows[s.id]["n"]) if s.id in rows else 0,
            rows[s.id]["days"] if s.id in rows else None,
        )
        for s in load_staircase(store).steps
    ]
