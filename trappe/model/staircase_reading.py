"""Reading the staircase as it stands now: its steps and phases, one step, whether a step may
be chosen, and how many citizens stand on it: what meetings, citizens, the sheet and the editor
need to know about the steps. Changing the staircase is ``staircase``.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from trappe.model.entities import Category, Phase, Staircase, Step
from trappe.model.errors import NotFoundError, ValidationError
from trappe.model.store import Store


def _step(row: Any) -> Step:
    return Step(
        id=row["id"],
        position=row["position"],
        title=row["title"],
        description=row["description"],
        colour=row["colour"],
        phase_id=row["phase_id"],
        category=Category(row["category"]),
        retired=row["retired_on"] is not None,
    )


def load_staircase(store: Store) -> Staircase:
    phases = [
        Phase(r["id"], r["position"], r["title"])
        for r in store.query("SELECT * FROM phases ORDER BY position, id")
    ]
    steps = [_step(r) for r in store.query("SELECT * FROM steps ORDER BY position, id")]
    return Staircase(
        phases=phases,
        steps=[s for s in steps if not s.retired],
        retired=[s for s in steps if s.retired],
    )


def get_step(store: Store, step_id: int) -> Step:
    row = store.query_one("SELECT * FROM steps WHERE id = ?", (step_id,))
    if row is None:
        raise NotFoundError("Trinnet findes ikke.")
    return _step(row)


def require_active_step(
    store: Store,
    step_id: int | None,
    field: str,
    label: str,
    *,
    already: Collection[int] = (),
) -> None:
    """Placements and goals may only point at existing, non-retired steps.

    ``already`` holds the steps the record being edited stands on now: a step retired since
    may stay, so correcting a typo in an old meeting does not force a new placement.
    """
    if step_id is None:
        return
    row = store.query_one("SELECT retired_on FROM steps WHERE id = ?", (step_id,))
    if row is None:
        raise ValidationError(field, f"{label}: trinnet findes ikke på trappen.")
    if row["retired_on"] is not None and step_id not in already:
        raise ValidationError(field, f"{label}: trinnet er udgået og kan ikke vælges.")


def citizens_on_step(store: Store, step_id: int, on: date | None = None) -> int:
    """Active citizens whose professional placement on ``on`` (default today) is the step."""
    day = min(on or date.today(), date.today()).isoformat()
    return int(
        store.scalar(
            "SELECT count(*) FROM course_periods p"
            " JOIN placement_runs r ON r.citizen_id = p.citizen_id AND r.valid_from <= :d"
            " AND (r.valid_to IS NULL OR r.valid_to > :d)"
            " WHERE p.started_on <= :d AND (p.ended_on IS NULL OR p.ended_on > :d)"
            " AND r.step_id = :s",
            {"d": day, "s": step_id},
        )
    )
