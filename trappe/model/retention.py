"""Retention: closed courses are erased when the municipality's period has run out, and the
audit log is thinned to counts on the same schedule.

The period is a number of whole years after a course was closed (``retention_years``, default
5), kept in the database's settings because it is the municipality's rule, not one user's.
A citizen closed on 1 March 2021 with a period of 5 years may be kept to and including
1 March 2026 and is due for erasure from 2 March 2026 (29 February counts as 28 February in a
year without one). A reopened course is not due, whatever its earlier closing date.

``due_for_erasure`` lists who is due; ``apply_retention`` erases the chosen ones (only those
still due when it runs), after one backup, in one transaction, and thins the audit log: the
entries older than the period become monthly counts (``audit.thin_log``), search criteria
included. Every function takes ``today``, so tests and the command line can set the clock.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from trappe.model import audit
from trappe.model.backup import KEEP_MONTHLY
from trappe.model.dates import from_db
from trappe.model.entities import CloseReason
from trappe.model.errors import TrappeError, ValidationError
from trappe.model.staircase import get_setting, set_setting
from trappe.model.store import Store
from trappe.model.validation import check_date, mask_identifier

# How long a backup may still hold an erased citizen: the oldest of the rotating copies
# (backup.py keeps 7 daily, 4 weekly, 12 monthly) is about 12 months old, so within 13 months
# the last copy made before the erasure has rotated out.
BACKUP_MONTHS = KEEP_MONTHLY + 1
BACKUP_REASON = "sletning-efter-frist"

SETTING = "retention_years"
DEFAULT_YEARS = 5
MIN_YEARS = 1
MAX_YEARS = 30


def retention_years(store: Store) -> int:
    """The municipality's period in years (the default if unset or unreadable)."""
    value = get_setting(store, SETTING)
    try:
        years = int(value)
    except (TypeError, ValueError):
        return DEFAULT_YEARS
    return years if MIN_YEARS <= years <= MAX_YEARS else DEFAULT_YEARS


def check_years(years: Any) -> int:
    if isinstance(years, bool) or not isinstance(years, int):
        raise ValidationError("retention_years", "Slettefristen skal være et helt antal år.")
    if not MIN_YEARS <= years <= MAX_YEARS:
        raise ValidationError(
            "retention_years",
            f"Slettefristen skal være mellem {MIN_YEARS} og {MAX_YEARS} år.",
        )
    return years


def set_retention_years(store: Store, years: Any) -> None:
    set_setting(store, SETTING, check_years(years))


def _today(today: Any) -> date:
    day = check_date(today, "today", "Dagens dato", required=True)
    assert day is not None
    return day


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (or earlier); 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def keep_until(closed_on: date, years: int) -> date:
    """The last day a course closed on ``closed_on`` may be kept."""
    return add_years(closed_on, years)


@dataclass(frozen=True)
class Due:
    """A citizen whose course was closed longer ago than the period."""

    citizen_id: int
    name: str
    identifier_masked: str
    closed_on: date
    closed_reason: CloseReason | None
    kept_until: date


def due_for_erasure(store: Store, today: date, years: int | None = None) -> list[Due]:
    """Every citizen past the period on ``today``, longest overdue first."""
    today = _today(today)
    years = retention_years(store) if years is None else check_years(years)
    # A superset in SQL (one day of slack for 29 February), the exact rule in Python.
    bound = add_years(today, -years) + timedelta(days=1)
    rows = store.query(
        "SELECT id, name, identifier, identifier_kind, closed_on, closed_reason FROM citizens"
        " WHERE status = 'closed' AND closed_on IS NOT NULL AND closed_on <= ?"
        " ORDER BY closed_on, id",
        (bound.isoformat(),),
    )
    out = []
    for r in rows:
        closed_on = from_db(r["closed_on"])
        assert closed_on is not None
        until = keep_until(closed_on, years)
        if until < today:
            out.append(
                Due(
                    r["id"],
                    r["name"],
                    mask_identifier(r["identifier"], r["identifier_kind"]),
                    closed_on,
                    CloseReason(r["closed_reason"]) if r["closed_reason"] else None,
                    until,
                )
            )
    return out


def log_cutoff(today: date, years: int) -> str:
    """Audit entries before this time (UTC text) are older than the period."""
    return audit.utc_bound(add_years(today, -years))


@dataclass(frozen=True)
class RetentionPlan:
    """What ``apply_retention`` would do today: for the list and its confirmation."""

    years: int
    due: list[Due]
    log_entries: int


def plan(store: Store, today: date) -> RetentionPlan:
    today = _today(today)
    years = retention_years(store)
    entries, _ = audit.thinnable(store, log_cutoff(today, years))
    return RetentionPlan(years, due_for_erasure(store, today, years), entries)


@dataclass(frozen=True)
class RetentionResult:
    erased: list[int] = field(default_factory=list)
    not_due: list[int] = field(default_factory=list)
    thinned: audit.ThinResult | None = None
    backup: Any = None


def apply_retention(
    store: Store,
    citizen_ids: Sequence[int],
    today: date,
    *,
    backup: Callable[[Store], Any] | None,
    thin_log: bool = True,
) -> RetentionResult:
    """Erase the given citizens that are due on ``today`` and thin the audit log.

    ``backup(store)`` runs first, once (the verified copy kept before an erasure); its result
    is returned as ``RetentionResult.backup``. Ids that are not (or no longer) due, e.g.
    reopened meanwhile or already erased, are left alone and listed in ``not_due``.
    Everything after the backup is one transaction: all or nothing.
    """
    today = _today(today)
    years = retention_years(store)
    wanted = list(dict.fromkeys(audit.check_ids(citizen_ids)))
    due_now = {d.citizen_id: d for d in due_for_erasure(store, today, years)}
    if not any(cid in due_now for cid in wanted) and not (
        thin_log and audit.thinnable(store, log_cutoff(today, years))[0]
    ):
        return RetentionResult([], wanted)
    made = backup(store) if backup is not None else None
    erased, skipped = [], []
    with store.write():
        # Re-read inside the transaction: someone may have reopened a course meanwhile.
        due_now = {d.citizen_id: d for d in due_for_erasure(store, today, years)}
        for cid in wanted:
            d = due_now.get(cid)
            if d is None:
                skipped.append(cid)
                continue
            store.execute("DELETE FROM citizens WHERE id = ?", (cid,))
            store.audit(
                audit.DELETE,
                "citizen",
                cid,
                {
                    "reason": "retention",
                    "closed_on": d.closed_on.isoformat(),
                    "retention_years": years,
                },
            )
            erased.append(cid)
        thinned = audit.thin_log(store, log_cutoff(today, years)) if thin_log else None
        if erased:
            _purge_search_index(store)
    _checkpoint(store)
    return RetentionResult(erased, skipped, thinned, made)


def _purge_search_index(store: Store) -> None:
    """The erased names leave the search index too (``erasure.purge_search_index``)."""
    from trappe.model import erasure

    erasure.purge_search_index(store)


def _checkpoint(store: Store) -> None:
    """Copy the WAL into the database file and empty it, so what was erased is not left in
    the WAL either (``secure_delete`` is on for every connection: free pages are zeroed).
    Another reader may hold it back; the next checkpoint then finishes it."""
    with contextlib.suppress(TrappeError):
        store.checkpoint()


def backup_before_erasure(store: Store) -> Path:
    """The verified backup kept before erasing (``backup.before``; rotated as any other)."""
    from trappe.model import backup

    return backup.before(store, BACKUP_REASON).path
