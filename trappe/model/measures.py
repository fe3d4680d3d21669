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

One ``Measurer`` serves a run: it reads the staircase history once and computes each date's
state with one grouped query (one index seek per citizen), so a report or the overview costs a
handful of queries however many figures it shows.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from operator import itemgetter
from typing import Any

from trappe.model.entities import Category, CloseReason
from trappe.model.errors import ValidationError
from trappe.model.store import Store

# The one place that says which close reasons count as *arrived* in the cohort reading
# (docs/domain.md, "Which closed courses count as arrived"): the citizen left the target group
# for work or education on ordinary or flexjob terms, the goal of the staircase's top steps.
# Disability pension, a resource course ended, a move, a transfer and "other" do not: the
# citizen left the cohort without arriving. A reason added to ``CloseReason`` counts as not
# arrived until it is added here (tests/model/test_arrived.py names every reason).
ARRIVED_REASONS: frozenset[CloseReason] = frozenset(
    {CloseReason.JOB, CloseReason.EDUCATION, CloseReason.FLEXJOB}
)


ARRIVED_LABEL_DA = "Afsluttet: job, uddannelse, fleksjob"  # the column of those counted arrived


def counts_as_arrived(reason: str | None) -> bool:
    """Whether a course closed for ``reason`` (a ``CloseReason`` value) counts as arrived."""
    return reason in ARRIVED_REASONS


class Method(StrEnum):
    CROSS_SECTION = "cross_section"
    COHORT = "cohort"


METHOD_LABELS_DA = {
    Method.CROSS_SECTION: "Tværsnit: alle aktive i udvalget på hver dato",
    Method.COHORT: (
        "Kohorte: de aktive ved baseline, fulgt frem (job, uddannelse og fleksjob tæller som nået)"
    ),
}
METHOD_SHORT_DA = {Method.CROSS_SECTION: "tværsnit", Method.COHORT: "kohorte"}


# -- scope ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scope:
    """Which citizens a figure is about: empty tuples mean "all"."""

    target_group_ids: tuple[int, ...] = ()
    caseworker_ids: tuple[int, ...] = ()
    consultant_ids: tuple[int, ...] = ()

    @property
    def is_all(self) -> bool:
        return not (self.target_group_ids or self.caseworker_ids or self.consultant_ids)

    def sql(self, alias: str = "c") -> str:
        """An ``AND …`` clause on the citizens table (ids are ints, so inlined safely)."""
        out = ""
        for column, ids in (
            ("target_group_id", self.target_group_ids),
            ("caseworker_id", self.caseworker_ids),
            ("consultant_id", self.consultant_ids),
        ):
            if ids:
                out += f" AND {alias}.{column} IN ({','.join(str(int(i)) for i in ids)})"
        return out

    def to_json(self) -> str:
        return json.dumps(
            {
                "target_groups": list(self.target_group_ids),
                "caseworkers": list(self.caseworker_ids),
                "consultants": list(self.consultant_ids),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Scope:
        data = json.loads(text or "{}")
        return cls(
            tuple(data.get("target_groups", ())),
            tuple(data.get("caseworkers", ())),
            tuple(data.get("consultants", ())),
        )

    def describe(self, store: Store) -> str:
        """The scope in Danish, for every output."""
        if self.is_all:
            return "Alle borgere"
        parts = []
        for label, table, ids in (
            ("Målgrupper", "target_groups", self.target_group_ids),
            ("Sagsbehandlere", "staff", self.caseworker_ids),
            ("Virksomhedskonsulenter", "staff", self.consultant_ids),
        ):
            if ids:
                col = "name"
                names = [
                    r[0]
                    for r in store.query(
                        f"SELECT {col} FROM {table} WHERE id IN ({','.join('?' * len(ids))})"
                        " ORDER BY 1",
                        list(ids),
                    )
                ]
                parts.append(f"{label}: {', '.join(names)}")
        return "; ".join(parts)


ALL = Scope()


# -- the staircase through time ------------------------------------------------------------
@dataclass(frozen=True)
class StepAt:
    """A step as it was on a date: its number (1 = bottom) among the steps then."""

    step_id: int
    number: int | None  # None: not on the staircase that day (retired, or added later)
    title: str
    colour: str
    category: Category
    phase_id: int | None
    phase_title: str

    @property
    def counts(self) -> bool:
        return self.category.counts_as_activity


@dataclass(frozen=True)
class _Version:
    valid_from: str
    valid_to: str | None
    rank: int | None
    category: str
    phase_id: int | None


class StaircaseHistory:
    """Every step's versions, read once; answers "the staircase on date D"."""

    def __init__(self, store: Store) -> None:
        self.labels = {
            r["id"]: (r["title"], r["colour"])
            for r in store.query("SELECT id, title, colour FROM steps")
        }
        self.phases = {r["id"]: r["title"] for r in store.query("SELECT id, title FROM phases")}
        self.versions: dict[int, list[_Version]] = defaultdict(list)
        for r in store.query("SELECT * FROM step_versions ORDER BY step_id, valid_from, id"):
            self.versions[r["step_id"]].append(
                _Version(r["valid_from"], r["valid_to"], r["rank"], r["category"], r["phase_id"])
            )
        self._cache: dict[str, dict[int, StepAt]] = {}

    def _version(self, step_id: int, day: str) -> _Version | None:
        for v in self.versions.get(step_id, ()):
            if v.valid_from <= day and (v.valid_to is None or v.valid_to > day):
                return v
        return None

    def at(self, on: date) -> dict[int, StepAt]:
        """Every known step as of ``on``; ``steps_on`` lists those on the staircase, in order."""
        day = on.isoformat()
        if day in self._cache:
            return self._cache[day]
        ranked = sorted(
            (v.rank, sid)
            for sid in self.versions
            if (v := self._version(sid, day)) is not None and v.rank is not None
        )
        numbers = {sid: i + 1 for i, (_rank, sid) in enumerate(ranked)}
        out = {}
        for sid, (title, colour) in self.labels.items():
            v = self._version(sid, day)
            category = Category(v.category) if v else Category.NONE
            phase_id = v.phase_id if v else None
            out[sid] = StepAt(
                sid,
                numbers.get(sid),
                title,
                colour,
                category,
                phase_id,
                self.phases.get(phase_id, "") if phase_id is not None else "",
            )
        self._cache[day] = out
        return out

    def steps_on(self, on: date) -> list[StepAt]:
        return sorted(
            (s for s in self.at(on).values() if s.number is not None), key=lambda s: s.number
        )

    def order_key(self, step_id: int, on: date) -> int | None:
        """The step's rank on ``on``, for comparing up and down; a step off the staircase
        that day is compared by the rank it last had before (or first had after)."""
        day = on.isoformat()
        versions = self.versions.get(step_id, ())
        v = self._version(step_id, day)
        if v is not None and v.rank is not None:
            return v.rank
        earlier = [x.rank for x in versions if x.valid_from <= day and x.rank is not None]
        if earlier:
            return earlier[-1]
        later = [x.rank for x in versions if x.rank is not None]
        return later[0] if later else None


# -- figures ---------------------------------------------------------------------------------
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


_RUN_ON = (
    "LEFT JOIN placement_runs {r} ON {r}.citizen_id = {p}.citizen_id AND {r}.valid_from <= {d}"
    " AND ({r}.valid_to IS NULL OR {r}.valid_to > {d})"
)


def _active(alias: str, day: str) -> str:
    return f"{alias}.started_on <= {day} AND ({alias}.ended_on IS NULL OR {alias}.ended_on > {day})"


def _active_exists(citizen: str, day: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM course_periods q WHERE q.citizen_id = {citizen}"
        f" AND {_active('q', day)})"
    )


def _left_reason(citizen: str, day: str) -> str:
    return (
        f"(SELECT q.end_reason FROM course_periods q WHERE q.citizen_id = {citizen}"
        f" AND q.ended_on <= {day} ORDER BY q.ended_on DESC LIMIT 1)"
    )


def _by_step(counts: Counter) -> dict[int | None, Counter]:
    """{(step, days): citizens} as {step: {days: citizens}}."""
    out: dict[int | None, Counter] = {}
    for (step, days), n in counts.items():
        out.setdefault(step, Counter())[days] = n
    return out


class Measurer:
    """Measures for one scope, computed once per date and kept for the run."""

    def __init__(self, store: Store, scope: Scope = Scope()) -> None:
        self.store = store
        self.scope = scope
        self.history = StaircaseHistory(store)
        self._states: dict[tuple, DayState] = {}
        self._pairs: dict[tuple, list] = {}

    def _join_citizens(self, periods: str = "p") -> str:
        if self.scope.is_all:
            return ""
        return f" JOIN citizens c ON c.id = {periods}.citizen_id{self.scope.sql('c')}"

    # -- two dates in one pass -------------------------------------------------------------
    def prime(self, start: date, end: date) -> None:
        """Compute in one query what a report needs about ``start`` and ``end``: the states on
        both dates (cross-section), the cohort of ``start`` followed to ``end``, and the pairs
        for movement and flows. Gives exactly what the separate queries give, for a run that
        needs all of them (one index seek per citizen and date instead of several)."""
        if start > end:
            raise ValidationError("start", "Perioden skal begynde før den slutter.")
        rows = self.store.tuples(
            "SELECT s_act, a.step_id AS a,"
            " CAST(julianday(:s) - julianday(a.valid_from) AS INTEGER) AS a_days,"
            " e_act, b.step_id AS b,"
            " CAST(julianday(:e) - julianday(b.valid_from) AS INTEGER) AS b_days,"
            f" CASE WHEN e_act THEN NULL ELSE {_left_reason('p.citizen_id', ':e')} END AS reason,"
            " s_act AND e_act AS stayed, s_act AND NOT e_act AS left_"
            " FROM (SELECT citizen_id,"
            f"   max({_active('cp', ':s')}) AS s_act, max({_active('cp', ':e')}) AS e_act"
            "   FROM course_periods cp"
            "   WHERE started_on <= :e AND (ended_on IS NULL OR ended_on > :s)"
            "   GROUP BY citizen_id) p"
            + self._join_citizens()
            + " "
            + _RUN_ON.format(r="a", p="p", d=":s")
            + " "
            + _RUN_ON.format(r="b", p="p", d=":e"),
            {"s": start.isoformat(), "e": end.isoformat()},
        )
        # Counted without a Python loop over the citizens (a run reads 240,000 rows).
        pairs = Counter(map(itemgetter(0, 1, 3, 4, 6), rows))
        at_s, at_e, cohort = DayState(start), DayState(end), DayState(end)
        at_s.days = _by_step(Counter(map(itemgetter(1, 2), filter(itemgetter(0), rows))))
        at_e.days = _by_step(Counter(map(itemgetter(4, 5), filter(itemgetter(3), rows))))
        cohort.days = _by_step(Counter(map(itemgetter(4, 5), filter(itemgetter(7), rows))))
        for reason, n in Counter(map(itemgetter(6), filter(itemgetter(8), rows))).items():
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
                " AS reason, count(*) AS n"
                " FROM (SELECT citizen_id,"
                f"   max({_active('cp', ':s')}) AS s_act, max({_active('cp', ':e')}) AS e_act"
                "   FROM course_periods cp"
                "   WHERE started_on <= :e AND (ended_on IS NULL OR ended_on > :s)"
                "   GROUP BY citizen_id) p"
                + self._join_citizens()
                + " "
                + _RUN_ON.format(r="a", p="p", d=":s")
                + " "
                + _RUN_ON.format(r="b", p="p", d=":e")
                + " GROUP BY 1, 2, 3, 4, 5",
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
            return [(("step", sid), _step_label(steps[sid])) for sid in ids]

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
        (counted intervals and active intervals) instead of one query per date."""
        if method is Method.COHORT or not dates:
            return [self.share(d, method, baseline) for d in dates]
        big = "'9999-12-31'"
        first = min(dates).isoformat()
        scope = self._join_citizens()
        # A step counted all the time needs no versions join (the common case); a step whose
        # category changed over time is clipped to the versions in which it counted.
        always, dated = [], []
        for sid, versions in self.history.versions.items():
            counted = [v for v in versions if Category(v.category).counts_as_activity]
            if (
                len(versions) == 1
                and counted
                and versions[0].valid_from == "0001-01-01"
                and (versions[0].valid_to is None)
            ):
                always.append(sid)
            elif counted:
                dated.append(sid)
        parts = []
        if always:
            parts.append(
                "SELECT max(r.valid_from, p.started_on) AS lo,"
                f" min(coalesce(r.valid_to, {big}), coalesce(p.ended_on, {big})) AS hi"
                " FROM placement_runs r JOIN course_periods p ON p.citizen_id = r.citizen_id"
                f"  AND p.started_on < coalesce(r.valid_to, {big})"
                f"  AND coalesce(p.ended_on, {big}) > r.valid_from" + scope
                + f" WHERE coalesce(r.valid_to, {big}) > :first"
                f" AND r.step_id IN ({','.join(str(int(x)) for x in always)})"
            )  # fmt: skip
        if dated:
            parts.append(
                "SELECT max(r.valid_from, v.valid_from, p.started_on) AS lo,"
                f" min(coalesce(r.valid_to, {big}), coalesce(v.valid_to, {big}),"
                f"     coalesce(p.ended_on, {big})) AS hi"
                " FROM placement_runs r"
                " JOIN step_versions v ON v.step_id = r.step_id AND v.category != 'none'"
                f"  AND v.valid_from < coalesce(r.valid_to, {big})"
                f"  AND coalesce(v.valid_to, {big}) > r.valid_from"
                " JOIN course_periods p ON p.citizen_id = r.citizen_id"
                f"  AND p.started_on < coalesce(r.valid_to, {big})"
                f"  AND coalesce(p.ended_on, {big}) > r.valid_from" + scope
                + f" WHERE coalesce(r.valid_to, {big}) > :first"
                f" AND r.step_id IN ({','.join(str(int(x)) for x in dated)})"
            )  # fmt: skip
        counted_events: list = []
        if parts:
            counted_events = self.store.query(
                f"WITH iv AS MATERIALIZED ({' UNION ALL '.join(parts)})"
                " SELECT lo, count(*) FROM iv WHERE lo < hi GROUP BY lo"
                " UNION ALL SELECT hi, -count(*) FROM iv WHERE lo < hi GROUP BY hi",
                {"first": first},
            )
        # intervals that end before the first date add and remove themselves before it
        active_events = self.store.query(
            "SELECT p.started_on, count(*) FROM course_periods p" + scope
            + f" WHERE coalesce(p.ended_on, {big}) > :first GROUP BY 1"
            " UNION ALL SELECT p.ended_on, -count(*) FROM course_periods p" + scope
            + " WHERE p.ended_on > :first GROUP BY 1",
            {"first": first},
        )  # fmt: skip

        def sweep(events: list) -> list[int]:
            ordered = sorted((r[0], r[1]) for r in events)
            days = [d for d, _n in ordered]
            acc, cumulative = 0, []
            for _d, n in ordered:
                acc += n
                cumulative.append(acc)
            out = []
            for d in dates:
                i = bisect.bisect_right(days, d.isoformat())
                out.append(cumulative[i - 1] if i else 0)
            return out

        counted = sweep(counted_events)
        active = sweep(active_events)
        return [Share(d, a, c, method) for d, a, c in zip(dates, active, counted, strict=True)]


def _step_label(s: StepAt) -> str:
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


# -- the old module-level API (kept for callers) -----------------------------------------------
def share_on(store: Store, day: date, scope: Scope = Scope()) -> Share:
    return Measurer(store, scope).share(day)


def headline(
    store: Store,
    on: date,
    baseline: date,
    scope: Scope = Scope(),
    method: Method = Method.CROSS_SECTION,
) -> Headline:
    return Measurer(store, scope).headline(on, baseline, method)


def movement(
    store: Store,
    start: date,
    end: date,
    scope: Scope = Scope(),
    method: Method = Method.CROSS_SECTION,
) -> Movement:
    return Measurer(store, scope).movement(start, end, method)


def step_counts(store: Store, on: date, scope: Scope = Scope()) -> list[StepCount]:
    return Measurer(store, scope).step_counts(on)


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
