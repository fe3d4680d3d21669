"""Property test: every measure as of a past date equals a brute-force recomputation from the
raw rows (placements, course periods, step versions), after any sequence of operations."""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import Actor, Category, CitizenInput, CloseReason, MeetingInput
from trappe.model.errors import ValidationError
from trappe.model.measure_trend import trend_swept
from trappe.model.measures import Measurer, Method
from trappe.model.store import open_store

DAY0 = date(2026, 1, 1)
day = st.integers(min_value=0, max_value=150).map(lambda n: DAY0 + timedelta(days=n))
op = st.one_of(
    st.tuples(st.just("place"), st.integers(0, 4), day, st.integers(0, 6)),
    st.tuples(st.just("close"), st.integers(0, 4), day, st.sampled_from(list(CloseReason))),
    st.tuples(st.just("reopen"), st.integers(0, 4), day),
    st.tuples(st.just("recategorise"), st.integers(0, 6), day, st.sampled_from(list(Category))),
    st.tuples(st.just("move"), st.integers(0, 6), day, st.integers(0, 6)),
)


def _brute(store, on: date, base: date):
    """Straight from the rows: active periods, latest placement, versions valid on the day."""
    d, b = on.isoformat(), base.isoformat()
    periods = store.query("SELECT * FROM course_periods")
    placements = store.query(
        "SELECT * FROM placements WHERE assessed_by = 'professional' ORDER BY placed_on, id"
    )
    versions = store.query("SELECT * FROM step_versions")

    def active(cid, x):
        return any(
            p["citizen_id"] == cid and p["started_on"] <= x and (p["ended_on"] or "9") > x
            for p in periods
        )

    def reason(cid, x):
        ended = sorted(
            (p["ended_on"], p["end_reason"])
            for p in periods
            if p["citizen_id"] == cid and p["ended_on"] and p["ended_on"] <= x
        )
        return ended[-1][1] if ended else None

    def step(cid, x):
        mine = [p for p in placements if p["citizen_id"] == cid and p["placed_on"] <= x]
        return mine[-1]["step_id"] if mine else None

    def since(cid, x):
        mine = [p for p in placements if p["citizen_id"] == cid and p["placed_on"] <= x]
        days = {}
        for p in mine:
            days[p["placed_on"]] = p["step_id"]  # the last of each day
        seq = sorted(days.items())
        start = seq[-1][0]
        for placed_on, sid in reversed(seq):
            if sid != seq[-1][1]:
                break
            start = placed_on
        return (date.fromisoformat(x) - date.fromisoformat(start)).days

    def version(sid, x):
        for v in versions:
            if v["step_id"] == sid and v["valid_from"] <= x and (v["valid_to"] or "9") > x:
                return v
        return None

    def counts(sid, x):
        v = version(sid, x) if sid is not None else None
        return v is not None and v["category"] != "none"

    ids = [r[0] for r in store.query("SELECT id FROM citizens")]
    cross = [c for c in ids if active(c, d)]
    cohort = [c for c in ids if active(c, b)]
    cross_counted = sum(counts(step(c, d), d) for c in cross)
    cohort_counted = sum(
        counts(step(c, d), d) if active(c, d) else reason(c, d) in ("job", "education", "flexjob")
        for c in cohort
    )
    per_step = Counter(step(c, d) for c in cross)
    days = {c: since(c, d) for c in cross if step(c, d) is not None}
    return {
        "cross": (len(cross), cross_counted),
        "cohort": (len(cohort), cohort_counted),
        "per_step": per_step,
        "days": sorted(days.values()),
    }


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ops=st.lists(op, max_size=25), on=day, base=day)
def test_measures_match_brute_force(ops, on, base):
    base, on = min(base, on), max(base, on)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "p.sqlite", Actor("Test"))
        try:
            steps = [s.id for s in staircase.load_staircase(store).steps]
            people = [
                citizens.create_citizen(
                    store, CitizenInput(name=f"B{i}", start_date=DAY0 + timedelta(days=10 * i))
                ).id
                for i in range(5)
            ]
            for o in ops:
                try:
                    if o[0] == "place":
                        meetings.record_meeting(
                            store, people[o[1]], MeetingInput(o[2], steps[o[3]])
                        )
                    elif o[0] == "close":
                        citizens.close_citizen(store, people[o[1]], o[3], o[2])
                    elif o[0] == "reopen":
                        citizens.reopen_citizen(store, people[o[1]], o[2])
                    elif o[0] == "recategorise":
                        staircase.update_step(store, steps[o[1]], category=o[3], on=o[2])
                    else:
                        staircase.move_step(store, steps[o[1]], o[3], on=o[2])
                except ValidationError:
                    pass  # refused operations (a closed course, a date too early) change nothing
            m = Measurer(store)
            want = _brute(store, on, base)
            got = m.share(on)
            assert (got.active, got.counted) == want["cross"]
            cohort = m.share(on, Method.COHORT, base)
            assert (cohort.active, cohort.counted) == want["cohort"]
            per_step = Counter()
            for c in m.step_counts(on):
                if c.citizens:
                    per_step[c.step_id] = c.citizens
            if m.not_placed(on):
                per_step[None] = m.not_placed(on)
            assert per_step == want["per_step"]
            days = sorted(
                d
                for sid, hist in m.state(on).days.items()
                if sid is not None
                for d, n in hist.items()
                for _ in range(n)
            )
            assert days == want["days"]
            assert m.trend([base, on]) == [m.share(base), m.share(on)]
            assert m.trend([base, on]) == trend_swept(m, [base, on], Method.CROSS_SECTION)
            primed = Measurer(store)
            primed.prime(base, on)  # one query for both dates gives the same figures
            for method in Method:
                assert primed.share(on, method, base) == m.share(on, method, base)
                assert primed.movement(base, on, method) == m.movement(base, on, method)
            assert primed.share(base) == m.share(base)
            assert primed.step_counts(on) == m.step_counts(on)
            assert primed.step_counts(base) == m.step_counts(base)
            assert primed.flow(base, on) == m.flow(base, on)
        finally:
            store.close()
