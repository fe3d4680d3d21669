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
from trappe.model.measures import ALL, Measurer, Scope, _active
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
    return "JOIN citizens c ON c.id = p.citizen_id" + scope.sql("c")


def follow_up(
    store: Store,
    kind: FollowUp,
    on: date,
    scope: Scope = ALL,
    *,
    weeks: int = 12,
    limit: int | None = None,
) -> tuple[int, list[FollowUpRow]]:
    """(how many in all, the rows — longest first, at most ``limit``) as of ``on``."""
    d = on.isoformat()
    lim = "" if limit is None else f" LIMIT {int(limit)}"
    join = _scope_join(scope)
    if kind is FollowUp.NO_MOVEMENT:
        # no placement on another step for ``weeks``; never placed counts from the start
        cutoff = (on - timedelta(weeks=weeks)).isoformat()
        base = (
            f" FROM course_periods p {join}"
            " LEFT JOIN placement_runs r ON r.citizen_id = p.citizen_id AND r.valid_from <= :d"
            " AND (r.valid_to IS NULL OR r.valid_to > :d)"
            " LEFT JOIN steps s ON s.id = r.step_id"
            f" WHERE {_active('p', ':d')}"
            " AND coalesce(r.valid_from, (SELECT min(started_on) FROM course_periods f"
            "     WHERE f.citizen_id = p.citizen_id)) <= :cut"
        )
        params = {"d": d, "cut": cutoff}
        total = store.scalar("SELECT count(*)" + base, params)
        rows = store.query(
            "SELECT c.id, c.name, coalesce(s.title, '(ikke placeret)') AS detail,"
            " coalesce(r.valid_from, (SELECT min(started_on) FROM course_periods f"
            "   WHERE f.citizen_id = p.citizen_id)) AS since"
            + base
            + " ORDER BY since, c.id"
            + lim,
            params,
        )
    elif kind is FollowUp.OVERDUE_MEETING:
        base = (
            " FROM (SELECT p.citizen_id, c.name,"
            " (SELECT m.next_meeting_on FROM meetings m WHERE m.citizen_id = p.citizen_id"
            "   AND m.held_on <= :d ORDER BY m.held_on DESC, m.id DESC LIMIT 1) AS due"
            f" FROM course_periods p {join} WHERE {_active('p', ':d')})"
            " WHERE due < :d"
        )
        params = {"d": d}
        total = store.scalar("SELECT count(*)" + base, params)
        rows = store.query(
            "SELECT citizen_id AS id, name, 'Næste samtale' AS detail, due AS since"
            + base
            + " ORDER BY due, citizen_id"
            + lim,
            params,
        )
    else:
        base = (
            f" FROM course_periods p {join}"
            " JOIN agreements a ON a.citizen_id = p.citizen_id"
            " JOIN meetings m ON m.id = a.meeting_id AND m.held_on <= :d"
            f" WHERE {_active('p', ':d')} AND a.due_on < :d"
            " AND (a.done_on IS NULL OR a.done_on > :d)"
        )
        params = {"d": d}
        total = store.scalar("SELECT count(*)" + base, params)
        rows = store.query(
            "SELECT c.id, c.name, a.what AS detail, a.due_on AS since"
            + base
            + " ORDER BY a.due_on, c.id, a.id"
            + lim,
            params,
        )
    out = []
    for r in rows:
        since = from_db(r["since"])
        days = (on - since).days if since else 0
        out.append(FollowUpRow(r["id"], r["name"], r["detail"], since, days))
    return int(total or 0), out


# -- activities that went with moving up ------------------------------------------------------
@dataclass(frozen=True)
class ActivityAssociation:
    """Meetings in the period with an activity of this kind (or, for ``kind`` None, every
    meeting): how many, for how many citizens, and in how many the citizen stood on a higher
    step within 3 and 6 months (counting only meetings that long before the end)."""

    kind: str | None
    meetings: int
    citizens: int
    observed_3: int
    up_3: int
    observed_6: int
    up_6: int

    def share(self, months: int) -> float | None:
        observed, up = (self.observed_3, self.up_3) if months == 3 else (self.observed_6, self.up_6)
        return 100.0 * up / observed if observed else None


def activity_association(
    store: Store, start: date, end: date, scope: Scope = ALL, measurer: Measurer | None = None
) -> list[ActivityAssociation]:
    """By kind of activity, and a first row for all meetings (the comparison)."""
    m = measurer or Measurer(store, scope)
    join = "" if scope.is_all else "JOIN citizens c ON c.id = mt.citizen_id" + scope.sql("c")
    # every meeting in the period with the step at it and the runs of the next 6 months
    rows = store.query(
        "SELECT mt.id, mt.citizen_id, mt.held_on, r.step_id AS at_step,"
        " (SELECT group_concat(x.step_id || '@' || x.valid_from) FROM placement_runs x"
        "   WHERE x.citizen_id = mt.citizen_id AND x.valid_from > mt.held_on"
        "   AND x.valid_from <= date(mt.held_on, '+182 days')) AS later"
        f" FROM meetings mt {join}"
        " JOIN placement_runs r ON r.citizen_id = mt.citizen_id AND r.valid_from <= mt.held_on"
        " AND (r.valid_to IS NULL OR r.valid_to > mt.held_on)"
        " WHERE mt.held_on BETWEEN :s AND :e",
        {"s": start.isoformat(), "e": end.isoformat()},
    )
    kinds: dict[int, set[str]] = {}
    for r in store.query(
        "SELECT a.meeting_id, a.kind FROM activities a JOIN meetings mt ON mt.id = a.meeting_id"
        " WHERE mt.held_on BETWEEN :s AND :e",
        {"s": start.isoformat(), "e": end.isoformat()},
    ):
        kinds.setdefault(r[0], set()).add(r[1])
    history = m.history
    stats: dict[str | None, list] = {}
    for r in rows:
        held = date.fromisoformat(r["held_on"])
        at = history.order_key(r["at_step"], held)
        later = []
        for item in (r["later"] or "").split(","):
            if item:
                sid, _, since = item.partition("@")
                later.append((date.fromisoformat(since), history.order_key(int(sid), held)))
        result = []
        for months, days in MONTH_DAYS.items():
            observed = held + timedelta(days=days) <= end
            up = any(
                since <= held + timedelta(days=days) and k is not None and at is not None and k > at
                for since, k in later
            )
            result.append((months, observed, up))
        for kind in [None, *sorted(kinds.get(r["id"], ()))]:
            s = stats.setdefault(kind, [0, set(), 0, 0, 0, 0])
            s[0] += 1
            s[1].add(r["citizen_id"])
            for months, observed, up in result:
                i = 2 if months == 3 else 4
                s[i] += observed
                s[i + 1] += observed and up
    out = [
        ActivityAssociation(k, v[0], len(v[1]), v[2], v[3], v[4], v[5]) for k, v in stats.items()
    ]
    out.sort(key=lambda a: (a.kind is not None, -a.meetings, a.kind or ""))
    return out
