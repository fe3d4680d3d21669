"""Follow-up for the team leader (Randers): who is stuck or overdue, and which parallel
activities went with moving up. All as of a date, from the history, in the measures' scope.

The activity figures are an *association* with counts, never a cause: citizens who had an
internship may have moved up for other reasons, and those who were ready were more often
offered one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from trappe.model.dates import from_db
from trappe.model.measures import ALL, Scope, _active
from trappe.model.store import Store

MONTH_DAYS = {3: 91, 6: 182}  # "within 3 and 6 months", in days


class FollowUp(StrEnum):
    NO_MOVEMENT = "no_movement"
    OVERDUE_MEETING = "overdue_meeting"
    OVERDUE_AGREEMENTS = "overdue_agreements"


FOLLOW_UP_LABELS_DA = {
    FollowUp.NO_MOVEMENT: "Ingen bevægelse",
    FollowUp.OVERDUE_MEETING: "Næste samtale overskredet",
    FollowUp.OVERDUE_AGREEMENTS: "Aftaler over frist",
}


@dataclass(frozen=True)
class FollowUpRow:
    citizen_id: int
    name: str
    detail: str  # the step, the missed meeting or the agreement
    since: date | None  # on the step since / meeting was due / agreement was due
    days: int  # how long: on the step, or overdue


def _scope_join(scope: Scope) -> str:
    return "" if scope.is_all else " JOIN citizens c ON c.id = p.citizen_id" + scope.sql("c")


def follow_up(
    store: Store,
    kind: FollowUp,
    on: date,
    scope: Scope = ALL,
    *,
    weeks: int = 12,
    limit: int | None = None,
) -> tuple[int, list[FollowUpRow]]:
    """(how many in all, the rows — longest first, at most ``limit``) as of ``on``.

    One query finds everyone on the list (ids and dates only, in order); names and details
    are read for the rows returned.
    """
    d = on.isoformat()
    join = _scope_join(scope)
    params: dict[str, str] = {"d": d}
    if kind is FollowUp.NO_MOVEMENT:
        # no placement on another step for ``weeks``; never placed counts from the start
        params["cut"] = (on - timedelta(weeks=weeks)).isoformat()
        sql = (
            "SELECT p.citizen_id, coalesce(r.valid_from, (SELECT min(f.started_on)"
            "  FROM course_periods f WHERE f.citizen_id = p.citizen_id)) AS since, r.step_id"
            f" FROM course_periods p{join}"
            " LEFT JOIN placement_runs r ON r.citizen_id = p.citizen_id AND r.valid_from <= :d"
            " AND (r.valid_to IS NULL OR r.valid_to > :d)"
            f" WHERE {_active('p', ':d')} AND since <= :cut ORDER BY since, p.citizen_id"
        )
    elif kind is FollowUp.OVERDUE_MEETING:
        sql = (
            "SELECT citizen_id, due AS since, NULL FROM (SELECT p.citizen_id,"
            " (SELECT m.next_meeting_on FROM meetings m WHERE m.citizen_id = p.citizen_id"
            "   AND m.held_on <= :d ORDER BY m.held_on DESC, m.id DESC LIMIT 1) AS due"
            f" FROM course_periods p{join} WHERE {_active('p', ':d')})"
            " WHERE due < :d ORDER BY due, citizen_id"
        )
    else:
        # Driven from the agreements overdue on the day (a covering index range), then their
        # course. An agreement counts from its due date: it is made at a meeting before that.
        sql = (
            "SELECT a.citizen_id, a.due_on AS since, a.id"
            " FROM agreements a CROSS JOIN course_periods p ON p.citizen_id = a.citizen_id"
            f" AND {_active('p', ':d')}{join}"
            " WHERE (a.done_on IS NULL OR a.done_on > :d) AND a.due_on < :d"
            " ORDER BY a.due_on, a.citizen_id, a.id"
        )
    found = store.tuples(sql, params)  # (plain tuples: a list may be 135,000 rows long)
    shown = found if limit is None else found[: max(0, limit)]
    names = _lookup(store, "SELECT id, name FROM citizens", [r[0] for r in shown])
    if kind is FollowUp.NO_MOVEMENT:
        titles = {r[0]: r[1] for r in store.query("SELECT id, title FROM steps")}
        details = [titles.get(r[2], "(ikke placeret)") for r in shown]
    elif kind is FollowUp.OVERDUE_MEETING:
        details = ["Næste samtale"] * len(shown)
    else:
        what = _lookup(store, "SELECT id, what FROM agreements", [r[2] for r in shown])
        details = [what.get(r[2], "") for r in shown]
    out = []
    for r, detail in zip(shown, details, strict=True):
        since = from_db(r[1])
        days = (on - since).days if since else 0
        out.append(FollowUpRow(r[0], names.get(r[0], ""), detail, since, days))
    return len(found), out


def _lookup(store: Store, select: str, ids: list[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    unique = sorted(set(ids))
    for i in range(0, len(unique), 500):
        chunk = unique[i : i + 500]
        marks = ",".join("?" * len(chunk))
        out.update({r[0]: r[1] for r in store.query(f"{select} WHERE id IN ({marks})", chunk)})
    return out


# -- activities that went with moving up ------------------------------------------------------
@dataclass(frozen=True)
class ActivityAssociation:
    """Citizens who had an activity of this kind at a meeting in the period (``kind`` None:
    every citizen with a meeting in the period, for comparison), counted from their first such
    meeting: how many stood on a higher step within 3 and within 6 months. Only meetings that
    long before the period's end are observed; steps are ranked by the staircase of the
    meeting day."""

    kind: str | None
    citizens: int
    observed_3: int
    up_3: int
    observed_6: int
    up_6: int

    def share(self, months: int) -> float | None:
        observed, up = (self.observed_3, self.up_3) if months == 3 else (self.observed_6, self.up_6)
        return 100.0 * up / observed if observed else None


def _up_within(days: int) -> str:
    return (
        "EXISTS (SELECT 1 FROM placement_runs x JOIN step_versions w ON w.step_id = x.step_id"
        " AND w.valid_from <= f.held_on AND (w.valid_to IS NULL OR w.valid_to > f.held_on)"
        " WHERE x.citizen_id = f.citizen_id AND x.valid_from > f.held_on"
        f" AND x.valid_from <= date(f.held_on, '+{days} days') AND w.rank > v.rank)"
    )


def activity_association(
    store: Store, start: date, end: date, scope: Scope = ALL
) -> list[ActivityAssociation]:
    """By kind of activity, after a first row for every citizen with a meeting (comparison)."""
    join = "" if scope.is_all else " JOIN citizens c ON c.id = mt.citizen_id" + scope.sql("c")
    d3, d6 = MONTH_DAYS[3], MONTH_DAYS[6]
    rows = store.query(
        "WITH firsts AS ("
        " SELECT mt.citizen_id, a.kind, min(mt.held_on) AS held_on"
        f" FROM activities a JOIN meetings mt ON mt.id = a.meeting_id{join}"
        " WHERE mt.held_on BETWEEN :s AND :e GROUP BY 1, 2"
        " UNION ALL"
        f" SELECT mt.citizen_id, NULL, min(mt.held_on) FROM meetings mt{join}"
        " WHERE mt.held_on BETWEEN :s AND :e GROUP BY 1)"
        " SELECT f.kind, count(*) AS n,"
        f" sum(date(f.held_on, '+{d3} days') <= :e) AS obs3,"
        f" sum(date(f.held_on, '+{d3} days') <= :e AND {_up_within(d3)}) AS up3,"
        f" sum(date(f.held_on, '+{d6} days') <= :e) AS obs6,"
        f" sum(date(f.held_on, '+{d6} days') <= :e AND {_up_within(d6)}) AS up6"
        " FROM firsts f"
        " JOIN placement_runs r ON r.citizen_id = f.citizen_id AND r.valid_from <= f.held_on"
        " AND (r.valid_to IS NULL OR r.valid_to > f.held_on)"
        " JOIN step_versions v ON v.step_id = r.step_id AND v.valid_from <= f.held_on"
        " AND (v.valid_to IS NULL OR v.valid_to > f.held_on)"
        " GROUP BY f.kind",
        {"s": start.isoformat(), "e": end.isoformat()},
    )
    out = [
        ActivityAssociation(r["kind"], r["n"], r["obs3"], r["up3"], r["obs6"], r["up6"])
        for r in rows
    ]
    out.sort(key=lambda a: (a.kind is not None, -a.citizens, a.kind or ""))
    return out
