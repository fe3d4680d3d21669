"""The headline share's monthly trend (cross-section), for ``Measurer.trend``.

For all citizens it is summed from the day counts that triggers keep (``trend_active_days``,
``trend_step_days``, migration 0015): a few thousand rows, however many citizens. For a scope,
it is one sweep over the scope's placement runs and course periods (``trend_swept``), which
gives the same figures for everyone (the tests compare the two).
"""

from __future__ import annotations

import bisect
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING

from trappe.model.entities import Category
from trappe.model.measure_figures import Share
from trappe.model.measure_terms import Method

if TYPE_CHECKING:
    from trappe.model.measures import Measurer


def sweep(events: list, days: list[str]) -> list[int]:
    """The running sum of ``events`` ((day, change), in day order) on each of ``days``."""
    ordered = [d for d, _n in events]
    acc, cumulative = 0, []
    for _d, n in events:
        acc += n
        cumulative.append(acc)
    out = []
    for d in days:
        i = bisect.bisect_right(ordered, d)
        out.append(cumulative[i - 1] if i else 0)
    return out


def trend_swept(m: Measurer, dates: list[date], method: Method) -> list[Share]:
    """The cross-section trend as one sweep over the scope's runs and periods."""
    big = "'9999-12-31'"
    first = min(dates).isoformat()
    scope = m._join_citizens()
    # A step counted all the time needs no versions join (the common case); a step whose
    # category changed over time is clipped to the versions in which it counted.
    always, dated = [], []
    for sid, versions in m.history.versions.items():
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
            # the later start and the earlier end, as CASEs: SQLite's max() and min()
            # copy their text result (an allocation per interval), a CASE does not
            "SELECT CASE WHEN r.valid_from > p.started_on THEN r.valid_from"
            " ELSE p.started_on END AS lo,"
            f" CASE WHEN coalesce(r.valid_to, {big}) < coalesce(p.ended_on, {big})"
            f" THEN coalesce(r.valid_to, {big}) ELSE coalesce(p.ended_on, {big}) END AS hi"
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
        counted_events = m.store.query(
            f"WITH iv AS MATERIALIZED ({' UNION ALL '.join(parts)})"
            " SELECT lo, count(*) FROM iv WHERE lo < hi GROUP BY lo"
            " UNION ALL SELECT hi, -count(*) FROM iv WHERE lo < hi GROUP BY hi",
            {"first": first},
        )
    # intervals that end before the first date add and remove themselves before it
    active_events = m.store.query(
        "SELECT p.started_on, count(*) FROM course_periods p" + scope
        + f" WHERE coalesce(p.ended_on, {big}) > :first GROUP BY 1"
        " UNION ALL SELECT p.ended_on, -count(*) FROM course_periods p" + scope
        + " WHERE p.ended_on > :first GROUP BY 1",
        {"first": first},
    )  # fmt: skip

    days = [d.isoformat() for d in dates]
    counted = sweep(sorted((r[0], r[1]) for r in counted_events), days)
    active = sweep(sorted((r[0], r[1]) for r in active_events), days)
    return [Share(d, a, c, method) for d, a, c in zip(dates, active, counted, strict=True)]


def trend_kept(m: Measurer, dates: list[date], method: Method) -> list[Share]:
    """The cross-section trend of all citizens from ``trend_active_days`` and
    ``trend_step_days`` (migration 0015): on each date, the running sum of the periods
    begun and ended (active), and per step of the stretches active on it begun and ended,
    summed over the steps that count on that date (``step_versions``, read here, so a
    recategorised step counts from the day it changed, as in the sweep above)."""
    days = [d.isoformat() for d in dates]
    active = sweep(m.store.tuples("SELECT day, n FROM trend_active_days ORDER BY day"), days)
    counted = [0] * len(days)
    rows = m.store.tuples("SELECT step_id, day, n FROM trend_step_days ORDER BY step_id, day")
    for sid, changes in groupby(rows, key=itemgetter(0)):
        on_step = sweep([r[1:] for r in changes], days)
        for i, day in enumerate(days):
            if on_step[i] and m.history.counts_on(sid, day):
                counted[i] += on_step[i]
    return [Share(d, a, c, method) for d, a, c in zip(dates, active, counted, strict=True)]
