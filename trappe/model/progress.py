"""Derived facts about a citizen's progression, computed from placements and meetings.

They are stored on the citizen row (``current_step_id`` …) so the caseload can be listed,
filtered and sorted in SQL at 100,000 citizens; ``refresh_derived`` recomputes them inside
every write that changes placements or meetings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from trappe.model.dates import from_db, to_db
from trappe.model.store import Store


@dataclass(frozen=True)
class DerivedFacts:
    current_step_id: int | None = None
    current_step_since: date | None = None
    own_step_id: int | None = None
    last_meeting_on: date | None = None
    next_meeting_on: date | None = None


def compute_derived(
    placements: Iterable[tuple[date, int, str, int]],
    meetings: Iterable[tuple[date, int, date | None]],
) -> DerivedFacts:
    """From (placed_on, id, assessed_by, step_id) and (held_on, id, next_meeting_on) rows.

    The current step is the latest professional placement (by date, then entry order); it has
    been the step since the first placement of the unbroken run of that step at the end.
    """
    professional = sorted(
        (p for p in placements if p[2] == "professional"), key=lambda p: (p[0], p[1])
    )
    own = sorted((p for p in placements if p[2] == "citizen"), key=lambda p: (p[0], p[1]))
    current = since = None
    if professional:
        current = professional[-1][3]
        since = professional[-1][0]
        for placed_on, _id, _who, step_id in reversed(professional):
            if step_id != current:
                break
            since = placed_on
    ordered = sorted(meetings, key=lambda m: (m[0], m[1]))
    return DerivedFacts(
        current_step_id=current,
        current_step_since=since,
        own_step_id=own[-1][3] if own else None,
        last_meeting_on=ordered[-1][0] if ordered else None,
        next_meeting_on=ordered[-1][2] if ordered else None,
    )


def load_derived_inputs(store: Store, citizen_id: int) -> tuple[list, list]:
    placements = [
        (from_db(r["placed_on"]), r["id"], r["assessed_by"], r["step_id"])
        for r in store.query(
            "SELECT id, placed_on, assessed_by, step_id FROM placements WHERE citizen_id = ?",
            (citizen_id,),
        )
    ]
    meetings = [
        (from_db(r["held_on"]), r["id"], from_db(r["next_meeting_on"]))
        for r in store.query(
            "SELECT id, held_on, next_meeting_on FROM meetings WHERE citizen_id = ?", (citizen_id,)
        )
    ]
    return placements, meetings


def refresh_derived(store: Store, citizen_id: int) -> DerivedFacts:
    """Recompute and store the derived facts; call inside the write that changed them."""
    with store.write():
        return _store_derived(store, citizen_id)


def _store_derived(store: Store, citizen_id: int) -> DerivedFacts:
    facts = compute_derived(*load_derived_inputs(store, citizen_id))
    store.execute(
        "UPDATE citizens SET current_step_id = ?, current_step_since = ?, own_step_id = ?,"
        " last_meeting_on = ?, next_meeting_on = ? WHERE id = ?",
        (
            facts.current_step_id,
            to_db(facts.current_step_since),
            facts.own_step_id,
            to_db(facts.last_meeting_on),
            to_db(facts.next_meeting_on),
            citizen_id,
        ),
    )
    return facts
