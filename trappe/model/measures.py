"""The headline measure and the caseload's movement (docs/domain.md, "The measure").

Every figure is computed as of a date from the history, never from fields cached for today:

- who is *active* on a day comes from ``course_periods`` (a reopened course is a new period,
  so reopening never changes a figure about an earlier day);
- where a citizen *stands* on a day is their professional placement on or before it
  (``placement_runs``: the last placement of a day wins, entry order breaks a tie);
- what a step *means* on a day (its category, phase and rank) comes from ``step_versions``:
  the staircase as it was then, not as edited since.

Two readings of a change since the baseline, always named in the output (``Method``):
*cross-section* (STV, Nyborg) counts everyone active in the scope on each date; *cohort*
(Fremfærd) follows the citizens active at the baseline, and one whose course closed for a
reason in ``ARRIVED_REASONS`` (job, education, flexjob) counts as arrived. The scope is any
combination of target groups, caseworkers and company consultants (the citizen's current
ones): OR within a kind, AND between kinds.

The pieces live beside it: the terms (``measure_terms``: scope, method, arrived), the
staircase on a date (``staircase_on_date``), the figures (``measure_figures``), the monthly
trend (``measure_trend``) and the SQL for "active" and "placed" on a date (``as_of_sql``); every
name stays importable from here.

One ``Measurer`` serves a run: it reads the staircase history once and computes each date's
state with one grouped query (one index seek per citizen), so a report or the overview costs a
handful of queries however many figures it shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from operator import itemgetter

from trappe.model.as_of_sql import _RUN_ON, _active, _active_exists, _left_reason
from trappe.model.errors import ValidationError
from trappe.model.measure_figures import (
    DayState,
    FlowMatrix,
    Headline,
    Movement,
    Share,
    StepCount,
    as_dict,
    month_ends,
    quantiles,
    step_label,
)
from trappe.model.measure_terms import (
    ALL,
    ARRIVED_LABEL_DA,
    ARRIVED_REASONS,
    METHOD_LABELS_DA,
    METHOD_SHORT_DA,
    Method,
    Scope,
    counts_as_arrived,
)
from trappe.model.measure_trend import trend_kept, trend_swept
from trappe.model.staircase_on_date import StaircaseHistory, StepAt
from trappe.model.store import Store

__all__ = [
    "ALL",
    "ARRIVED_LABEL_DA",
    "ARRIVED_REASONS",
    "METHOD_LABELS_DA",
    "METHOD_SHORT_DA",
    "DayState",
    "FlowMatrix",
    "Headline",
    "Measurer",
    "Method",
    "Movement",
    "Scope",
    "Share",
    "StaircaseHistory",
    "StepAt",
    "StepCount",
    "as_dict",
    "counts_as_arrived",
    "headline",
    "month_ends",
    "movement",
    "quantiles",
    "share_on",
    "step_counts",
]


def _by_step_since(counts: Iterable[tuple[tuple, int]], on: date) -> dict[int | None, Counter]:
    """((step, first day of the run), citizens) as {step: {days on the step on ``on``:
    citizens}}; no step (not placed) has no days (None)."""
    out: dict[int | None, Counter] = {}
    days_on: dict[str, int] = {}
    for (step, since), n in counts:
        days = None
        if since is not None:
            days = days_on.get(since)
            if days is None:
                days = days_on[since] = (on - date.fromisoformat(since)).days
        hist = out.get(step)
        if hist is None:
            hist = out[step] = Counter()
        hist[days] += n
    return out


class Measurer:
    """Measures for one scope, computed once per date and kept for the run."""

    def __init__(self, store: Store, scope: Scope = ALL) -> None:
        self.store = store
        self.scope = scope
        self.history = StaircaseHistory(store)
        self._states: dict[tuple, DayState] = {}
        self._pairs: dict[tuple, list] = {}

    def _join_citizens(self, periods: str = "p") -> str:
        if self.scope.is_all:
            return ""
        return f" JOIN citizens c ON c.id = {periods}.citizen_id{self.scope.sql('c')}"

    def _both_ends(self, more: str = "") -> str:
        """FROM … for a period :s–:e: each citizen with a course in it, whether active at
        either end (``s_act``, ``e_act``; ``more`` adds aggregates over the periods), and the
        placement run on each end (``a``, ``b``)."""
        return (
            " FROM (SELECT citizen_id,"
            # whether active on each date: a count filtered, not max() of a test per period
            # (an aggregate step per period saved: at 100,000 citizens about 7 % of prime)
            f"   min(count(*) FILTER (WHERE {_active('cp', ':s')}), 1) AS s_act,"
            f"   min(count(*) FILTER (WHERE {_active('cp', ':e')}), 1) AS e_act"
            + more
            + "   FROM course_periods cp"
            "   WHERE started_on <= :e AND (ended_on IS NULL OR ended_on > :s)"
            "   GROUP BY citizen_id) p"
            + self._join_citizens()
            + " "
            + _RUN_ON.format(r="a", p="p", d=":s")
            + " "
            + _RUN_ON.format(r="b", p="p", d=":e")
        )

    # -- two dates in one pass -------------------------------------------------------------
    def prime(self, start: date, end: date) -> None:
        """Compute in one query what a report needs about ``start`` and ``end``: the states on
        both dates (cross-section), the cohort of ``start`` followed to ``end``, and the pairs
        for movement and flows. Gives exactly what the separate queries give, for a run that
        needs all of them (one index seek per citizen and date instead of several).

        The query reads one row per citizen (240,000 at the largest), so it returns only what
        differs between citizens: whether active on each date, the run on each date (its step
        and first day: the days on the step follow from it, worked out once per distinct first
        day here instead of once per citizen in SQL) and why a course ended. The reason comes
        from the periods the query already groups (the latest end on or before ``end`` is
        among them when the citizen is not active then), not from a lookup per citizen."""
        if start > end:
            raise ValidationError("start", "Perioden skal begynde før den slutter.")
        rows = self.store.tuples(
            "SELECT p.s_act, a.step_id, a.valid_from, p.e_act, b.step_id, b.valid_from,"
            " CASE WHEN p.e_act THEN NULL"
            "  ELSE nullif(substr(p.ended, instr(p.ended, '|') + 1), '') END"
            + self._both_ends(
                ", max(cp.ended_on || '|' || coalesce(cp.end_reason, ''))"
                "   FILTER (WHERE cp.ended_on <= :e) AS ended"
            ),
            {"s": start.isoformat(), "e": end.isoformat()},
        )
        # Counted without a Python loop over the citizens: three passes in C, each keyed by
        # what it needs (the pairs by step; the states by step and the run's first day).
        pairs = Counter(map(itemgetter(0, 1, 3, 4, 6), rows))
        on_start = Counter(map(itemgetter(1, 2), filter(itemgetter(0), rows)))
        on_end = Counter(map(itemgetter(0, 4, 5), filter(itemgetter(3), rows)))
        at_s, at_e, cohort = DayState(start), DayState(end), DayState(end)
        at_s.days = _by_step_since(on_start.items(), start)
        at_e.days = _by_step_since(((k[1:], n) for k, n in on_end.items()), end)
        cohort.days = _by_step_since(((k[1:], n) for k, n in on_end.items() if k[0]), end)
        for (s_act, _a, e_act, _b, reason), n in pairs.items():
            if s_act and not e_act:
                cohort.left[reason or "other"] += n
        self._states[(start, None)] = at_s
        self._states[(end, None)] = at_e
        self._states[(end, start)] = cohort
        self._pairs[(start, end)] = [(*k, n) for k, n in pairs.items()]

    # -- one date ------------------------------------------------------------------------
    def state(self, on: date, baseline: date | None = None) -> DayState:
        """Cross-section (``baseline`` None) or the cohort active at ``baseline``, on ``on``."""
        key = (on, baseline)
        if key in self._states:
            return self._states[key]
        st = DayState(on)
        if baseline is None:
            rows = self.store.query(
                "SELECT r.step_id, CAST(julianday(:d) - julianday(r.valid_from) AS INTEGER)"
                " AS days, count(*) AS n FROM course_periods p"
                + self._join_citizens()
                + " "
                + _RUN_ON.format(r="r", p="p", d=":d")
                + f" WHERE {_active('p', ':d')} GROUP BY 1, 2",
                {"d": on.isoformat()},
            )
            for r in rows:
                st.days.setdefault(r["step_id"], Counter())[r["days"]] += r["n"]
        else:
            rows = self.store.query(
                "SELECT r.step_id, CAST(julianday(:d) - julianday(r.valid_from) AS INTEGER)"
                f" AS days, {_active_exists('p.citizen_id', ':d')} AS act,"
                f" CASE WHEN {_active_exists('p.citizen_id', ':d')} THEN NULL"
                f" ELSE {_left_reason('p.citizen_id', ':d')} END AS reason, count(*) AS n"
                " FROM course_periods p"
                + self._join_citizens()
                + " "
                + _RUN_ON.format(r="r", p="p", d=":d")
                + f" WHERE {_active('p', ':b')} GROUP BY 1, 2, 3, 4",
                {"d": on.isoformat(), "b": baseline.isoformat()},
            )
            for r in rows:
                if r["act"]:
                    st.days.setdefault(r["step_id"], Counter())[r["days"]] += r["n"]
                else:
                    st.left[r["reason"] or "other"] += r["n"]
        self._states[key] = st
        return st

    def share(self, on: date, method: Method = Method.CROSS_SECTION, baseline: date | None = None
              ) -> Share:  # fmt: skip
        if method is Method.COHORT:
            base = baseline or on
            st = self.state(on, None if base == on else base)  # at the baseline: the same set
            steps = self.history.at(on)
            counted = sum(
                st.citizens(sid) for sid in st.days if sid is not None and steps[sid].counts
            ) + sum(n for reason, n in st.left.items() if counts_as_arrived(reason))
            return Share(on, st.active + sum(st.left.values()), counted, method)
        st = self.state(on)
        steps = self.history.at(on)
        counted = sum(st.citizens(sid) for sid in st.days if sid is not None and steps[sid].counts)
        return Share(on, st.active, counted, method)

    def headline(self, on: date, baseline: date, method: Method = Method.CROSS_SECTION
                 ) -> Headline:  # fmt: skip
        return Headline(self.share(on, method, baseline), self.share(baseline, method, baseline))

    def step_counts(self, on: date, method: Method = Method.CROSS_SECTION,
                    baseline: date | None = None) -> list[StepCount]:  # fmt: skip
        """Citizens per step on ``on`` (staircase of that date, bottom first), with days on
        the step: quartiles, median and mean; then steps off the staircase that day that
        still hold someone, and "ikke placeret"."""
        st = self.state(on, baseline if method is Method.COHORT else None)
        steps = self.history.at(on)
        order = self.history.steps_on(on)
        extra = [steps[sid] for sid in st.days if sid is not None and steps[sid].number is None]
        out = []
        for s in [*order, *extra]:
            hist = st.days.get(s.step_id, Counter())
            q = quantiles(hist)
            n = sum(hist.values())
            out.append(
                StepCount(
                    s.step_id,
                    s.number,
                    s.title,
                    s.phase_title,
                    s.counts,
                    n,
                    q[1] if q else None,
                    q[0] if q else None,
                    q[2] if q else None,
                    sum(d * k for d, k in hist.items()) / n if n else None,
                    s.colour,
                )
            )
        return out

    def not_placed(self, on: date, method: Method = Method.CROSS_SECTION,
                   baseline: date | None = None) -> int:  # fmt: skip
        return self.state(on, baseline if method is Method.COHORT else None).citizens(None)

    # -- two dates -----------------------------------------------------------------------
    def pairs(self, start: date, end: date) -> list[tuple]:
        """Everyone active in the scope at some time in [start, end], grouped by
        (active at start, step at start, active at end, step at end, end reason): count."""
        key = (start, end)
        if key not in self._pairs:
            rows = self.store.query(
                "SELECT s_act, a.step_id AS a, e_act, b.step_id AS b,"
                f" CASE WHEN e_act THEN NULL ELSE {_left_reason('p.citizen_id', ':e')} END"
                " AS reason, count(*) AS n" + self._both_ends() + " GROUP BY 1, 2, 3, 4, 5",
                {"s": start.isoformat(), "e": end.isoformat()},
            )
            self._pairs[key] = [tuple(r) for r in rows]
        return self._pairs[key]

    def compare(self, a: int | None, b: int | None, start: date, end: date) -> str:
        """'up', 'down', 'stayed' or 'not_placed': step ``a`` at the start against step ``b``
        at the end, both ranked by the staircase of the end date."""
        if a is None or b is None:
            return "not_placed"
        if a == b:
            return "stayed"
        ka, kb = self.history.order_key(a, end), self.history.order_key(b, end)
        if ka is None or kb is None or ka == kb:
            ka, kb = self.history.order_key(a, start), self.history.order_key(b, start)
        if ka is None or kb is None or ka == kb:
            return "stayed"
        return "up" if kb > ka else "down"

    def movement(self, start: date, end: date, method: Method = Method.CROSS_SECTION
                 ) -> Movement:  # fmt: skip
        """Cross-section: the citizens active at ``end``; cohort: those active at ``start``,
        with those who left counted by why."""
        counts: Counter = Counter()
        for s_act, a, e_act, b, reason, n in self.pairs(start, end):
            if method is Method.CROSS_SECTION:
                if e_act:
                    counts[self.compare(a, b, start, end)] += n
            elif s_act:
                if e_act:
                    counts[self.compare(a, b, start, end)] += n
                elif counts_as_arrived(reason):
                    counts["left_job_education"] += n
                else:
                    counts["left_other"] += n
        return Movement(
            counts["up"],
            counts["down"],
            counts["stayed"],
            counts["not_placed"],
            counts["left_job_education"],
            counts["left_other"],
            method,
        )

    def flow(self, start: date, end: date) -> FlowMatrix:
        """Step at ``start`` (rows) against step at ``end`` (columns) for everyone active in
        the scope at some time in the period."""
        cells: Counter = Counter()
        for s_act, a, e_act, b, reason, n in self.pairs(start, end):
            row = (("step", a) if a is not None else ("not_placed",)) if s_act else ("new",)
            if e_act:
                col = ("step", b) if b is not None else ("not_placed",)
            else:
                col = ("left_job_education",) if counts_as_arrived(reason) else ("left_other",)
            cells[row, col] += n

        def labels(keys: set, day: date) -> list[tuple[tuple, str]]:
            steps = self.history.at(day)
            ids = [s.step_id for s in self.history.steps_on(day)]
            ids += sorted({k[1] for k in keys if k[0] == "step"} - set(ids))
            return [(("step", sid), step_label(steps[sid])) for sid in ids]

        rows = [
            (("new",), "Ny i perioden"),
            *labels({r for r, _c in cells}, start),
            (("not_placed",), "Ikke placeret"),
        ]
        cols = [
            *labels({c for _r, c in cells}, end),
            (("not_placed",), "Ikke placeret"),
            (("left_job_education",), ARRIVED_LABEL_DA),
            (("left_other",), "Afsluttet: andet"),
        ]
        return FlowMatrix(start, end, rows, cols, dict(cells))

    # -- many dates ----------------------------------------------------------------------
    def trend(self, dates: list[date], method: Method = Method.CROSS_SECTION,
              baseline: date | None = None) -> list[Share]:  # fmt: skip
        """The headline share on each date. Cross-section uses one sweep over the history
        (counted intervals and active intervals) instead of one query per date; for all
        citizens, over the day counts that triggers keep (``measure_trend.trend_kept``)."""
        if method is Method.COHORT or not dates:
            return [self.share(d, method, baseline) for d in dates]
        if self.scope.is_all:
            return trend_kept(self, dates, method)
        return trend_swept(self, dates, method)


# -- the old module-level API (kept for callers) -----------------------------------------------
def share_on(store: Store, day: date, scope: Scope = ALL) -> Share:
    return Measurer(store, scope).share(day)


def headline(
    store: Store,
    on: date,
    baseline: date,
    scope: Scope = ALL,
    method: Method = Method.CROSS_SECTION,
) -> Headline:
    return Measurer(store, scope).headline(on, baseline, method)


def movement(
    store: Store,
    start: date,
    end: date,
    scope: Scope = ALL,
    method: Method = Method.CROSS_SECTION,
) -> Movement:
    return Measurer(store, scope).movement(start, end, method)


def step_counts(store: Store, on: date, scope: Scope = ALL) -> list[StepCount]:
    return Measurer(store, scope).step_counts(on)
