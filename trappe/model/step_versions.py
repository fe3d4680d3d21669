"""How a staircase change takes effect from a date (the rows of ``step_versions``).

A step's category, phase, rank (its order) and retirement take effect from a date: each
change closes the step's latest row in ``step_versions`` on that date and opens a new one, so
measures as of an earlier date keep the staircase they had. ``steps`` holds the latest
staircase (what the screen, the sheet and new placements use); its ``position`` is kept
compact, 0..n-1 over the active steps and then the retired ones, so ``position + 1`` is the
step number a user sees. Title, description and colour are labels and change at once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from trappe.model.entities import Category
from trappe.model.errors import ValidationError
from trappe.model.store import Store

FAR_PAST = "0001-01-01"


def earliest_effective_date(store: Store) -> date:
    """A staircase change may take effect no earlier than the latest change already recorded."""
    latest = store.scalar("SELECT max(valid_from) FROM step_versions")
    return date.min if latest in (None, FAR_PAST) else date.fromisoformat(latest)


def effective_date(store: Store, on: date | None) -> date:
    """``on`` (default today), or a ``ValidationError`` if a change may not take effect then."""
    on = on or date.today()
    earliest = earliest_effective_date(store)
    if on < earliest:
        raise ValidationError(
            "effective_from",
            "Ændringen kan tidligst gælde fra "
            f"{earliest.strftime('%d-%m-%Y')}, hvor den seneste ændring af trappen gælder fra.",
        )
    return on


def latest_version(store: Store, step_id: int) -> Any:
    """The step's newest ``step_versions`` row (None for a step without one)."""
    return store.query_one(
        "SELECT * FROM step_versions WHERE step_id = ? ORDER BY valid_from DESC, id DESC LIMIT 1",
        (step_id,),
    )


def set_version(store: Store, step_id: int, on: date, **changes: Any) -> bool:
    """From ``on``, the step's category/phase_id/rank are as given; True if anything changed."""
    day = on.isoformat()
    latest = latest_version(store, step_id)
    values = {
        "rank": None,
        "category": Category.NONE.value,
        "phase_id": None,
        **({k: latest[k] for k in ("rank", "category", "phase_id")} if latest else {}),
    }
    if latest is not None and all(values[k] == v for k, v in changes.items()):
        return False
    values.update(changes)
    if latest is not None and latest["valid_from"] == day:
        store.execute(
            "UPDATE step_versions SET rank = ?, category = ?, phase_id = ? WHERE id = ?",
            (values["rank"], values["category"], values["phase_id"], latest["id"]),
        )
        return True
    if latest is not None:
        store.execute("UPDATE step_versions SET valid_to = ? WHERE id = ?", (day, latest["id"]))
    store.execute(
        "INSERT INTO step_versions (step_id, valid_from, rank, category, phase_id)"
        " VALUES (?, ?, ?, ?, ?)",
        (step_id, day, values["rank"], values["category"], values["phase_id"]),
    )
    return True


def renumber(store: Store, active_ids: list[int], on: date | None) -> None:
    """Store ``active_ids`` (bottom first) as the staircase's order: compact positions, and,
    from ``on``, a new rank for every step whose rank changed (None: relabel in place)."""
    retired = [
        r[0]
        for r in store.query(
            "SELECT id FROM steps WHERE retired_on IS NOT NULL ORDER BY position, id"
        )
        if r[0] not in active_ids
    ]
    for pos, sid in enumerate(active_ids + retired):
        store.execute(
            "UPDATE steps SET position = ? WHERE id = ? AND position != ?", (pos, sid, pos)
        )
    for rank, sid in enumerate(active_ids):
        if on is None:
            latest = latest_version(store, sid)
            if latest is not None and latest["rank"] is not None and latest["rank"] != rank:
                store.execute(
                    "UPDATE step_versions SET rank = ? WHERE id = ?", (rank, latest["id"])
                )
        else:
            set_version(store, sid, on, rank=rank)


def active_ids(store: Store) -> list[int]:
    """The steps on the staircase now, bottom first."""
    return [
        r[0]
        for r in store.query("SELECT id FROM steps WHERE retired_on IS NULL ORDER BY position, id")
    ]
