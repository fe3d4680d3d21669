"""When the next meeting should be: intervals the municipality sets per target group.

A target group may have its own interval; otherwise the default (the row without a group)
applies, and without that, ``FALLBACK``. An interval is "every N weeks", optionally "every M
weeks in the first K months of the course" (closer follow-up at the start).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from trappe.model.entities import Citizen
from trappe.model.errors import ValidationError
from trappe.model.store import Store

MAX_WEEKS = 52
MAX_MONTHS = 24


@dataclass(frozen=True)
class MeetingInterval:
    target_group_id: int | None  # None: the default for every group without its own
    weeks: int
    first_months: int = 0
    first_weeks: int | None = None

    def weeks_after(self, start: date, held_on: date) -> int:
        """The interval that applies to a meeting held on ``held_on`` in a course that
        started on ``start``."""
        if (
            self.first_months
            and self.first_weeks
            and held_on < add_months(start, self.first_months)
        ):
            return self.first_weeks
        return self.weeks


FALLBACK = MeetingInterval(None, 6)


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months; the 31st becomes the last day of a shorter month."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _interval(row) -> MeetingInterval:  # type: ignore[no-untyped-def]
    return MeetingInterval(
        row["target_group_id"], row["weeks"], row["first_months"], row["first_weeks"]
    )


def list_intervals(store: Store) -> list[MeetingInterval]:
    """The default first, then the groups that have their own."""
    rows = store.query(
        "SELECT i.* FROM meeting_intervals i LEFT JOIN target_groups g"
        " ON g.id = i.target_group_id ORDER BY i.target_group_id IS NOT NULL, g.position"
    )
    return [_interval(r) for r in rows]


def interval_for(store: Store, target_group_id: int | None) -> MeetingInterval:
    """The group's own interval, else the default, else ``FALLBACK``."""
    rows = store.query(
        "SELECT * FROM meeting_intervals WHERE target_group_id IS ? OR target_group_id IS NULL"
        " ORDER BY target_group_id IS NULL",
        (target_group_id,),
    )
    return _interval(rows[0]) if rows else FALLBACK


def suggest_next_meeting(store: Store, citizen: Citizen, held_on: date) -> date:
    """The date the next meeting falls due after a meeting on ``held_on``."""
    interval = interval_for(store, citizen.target_group_id)
    return held_on + timedelta(weeks=interval.weeks_after(citizen.start_date, held_on))


def set_interval(
    store: Store,
    target_group_id: int | None,
    weeks: int,
    first_months: int = 0,
    first_weeks: int | None = None,
) -> MeetingInterval:
    """Set a group's interval (``None``: the default); every value is checked here."""
    if not 1 <= int(weeks) <= MAX_WEEKS:
        raise ValidationError("weeks", f"Intervallet skal være mellem 1 og {MAX_WEEKS} uger.")
    if not 0 <= int(first_months) <= MAX_MONTHS:
        raise ValidationError(
            "first_months", f"Starten af forløbet kan højst være {MAX_MONTHS} måneder."
        )
    if first_months and first_weeks is None:
        raise ValidationError(
            "first_weeks", "Skriv hvor mange uger der skal gå i starten af forløbet."
        )
    if first_weeks is not None and not 1 <= int(first_weeks) <= MAX_WEEKS:
        raise ValidationError(
            "first_weeks", f"Intervallet i starten skal være mellem 1 og {MAX_WEEKS} uger."
        )
    interval = MeetingInterval(
        target_group_id, int(weeks), int(first_months), first_weeks if first_months else None
    )
    with store.write():
        if target_group_id is not None and (
            store.query_one("SELECT 1 FROM target_groups WHERE id = ?", (target_group_id,)) is None
        ):
            raise ValidationError("target_group_id", "Målgruppen findes ikke.")
        store.execute(
            "DELETE FROM meeting_intervals WHERE target_group_id IS ?", (target_group_id,)
        )
        store.execute(
            "INSERT INTO meeting_intervals (target_group_id, weeks, first_months, first_weeks)"
            " VALUES (?, ?, ?, ?)",
            (target_group_id, interval.weeks, interval.first_months, interval.first_weeks),
        )
        store.audit(
            "update",
            "meeting_interval",
            target_group_id,
            {"weeks": interval.weeks, "first_months": interval.first_months},
        )
    return interval


def clear_interval(store: Store, target_group_id: int) -> None:
    """The group follows the default again."""
    with store.write():
        store.execute("DELETE FROM meeting_intervals WHERE target_group_id = ?", (target_group_id,))
        store.audit("delete", "meeting_interval", target_group_id)
