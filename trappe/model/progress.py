"""Derived facts about a citizen's progression, computed from placements and meetings.

They are stored on the citizen row (``current_step_id`` …) so the caseload can be listed,
filtered and sorted in SQL at 100,000 citizens; ``refresh_derived`` recomputes them inside
every write that changes placements or meetings, together with the citizen's rows in
``placement_runs`` (the history the measures read: one index seek per citizen and date).
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


def placement_runs(
    placements: Iterable[tuple[date, int, str, int]],
) -> list[tuple[date, date | None, int]]:
    """The professional placements as runs ``(valid_from, valid_to, step_id)``, oldest first.

    On a day with several placements the last one entered counts; consecutive placements on
    the same step form one run, and a run lasts until the next run starts (None: still on it).
    This is the rule every measure follows ("the placement on date D").
    """
    professional = sorted(
        (p for p in placements if p[2] == "professional"), key=lambda p: (p[0], p[1])
    )
    day_last = [
        p for i, p in enumerate(professional)
        if i + 1 == len(professional) or professional[i + 1][0] != p[0]
    ]  # fmt: skip
    starts: list[tuple[date, int]] = []
    for placed_on, _id, _who, step_id in day_last:
        if not starts or starts[-1][1] != step_id:
            starts.append((placed_on, step_id))
    return [
        (start, starts[i + 1][0] if i + 1 < len(starts) else None, step_id)
        for i, (start, step_id) in enumerate(starts)
    ]


def compute_derived(
    placements: Iterable[tuple[date, int, str, int]],
    meetings: Iterable[tuple[date, int, date | None]],
) -> DerivedFacts:
    """From (placed_on, id, assessed_by, step_id) and (held_on, id, next_meeting_on) rows.

    The current step is the latest professional placement (by date, then entry order); it has
    been the step since the start of its run (``placement_runs``).
    """
    placements = list(placements)
    runs = placement_runs(placements)
    own = sorted((p for p in placements if p[2] == "citizen"), key=lambda p: (p[0], p[1]))
    ordered = sorted(meetings, key=lambda m: (m[0], m[1]))
    return DerivedFacts(
        current_step_id=runs[-1][2] if runs else None,
        current_step_since=runs[-1][0] if runs else None,
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
    placements, meetings = load_derived_inputs(store, citizen_id)
    facts = compute_derived(placements, meetings)
    store.execute("DELETE FROM placement_runs WHERE citizen_id = ?", (citizen_id,))
    store.conn.executemany(
        "INSERT INTO placement_runs (citizen_id, valid_from, valid_to, step_id)"
        " VALUES (?, ?, ?, ?)",
        [(citizen_id, to_db(a), to_db(b), step) for a, b, step in placement_runs(placements)],
    )
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
