"""SQL fragments that say, as of a date, who is active and where they stand.

Shared by the measures, the follow-up lists and the snapshots, so "active on a day" and "placed
on a day" mean the same in every figure: a course closed on the day no longer counts that day,
a placement made on the day already does. They are inlined into queries, with the date a bound
parameter (``:d``) or a column.
"""

from __future__ import annotations

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
