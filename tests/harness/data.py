"""Rows that no user action makes any more, for tests of data that still exists.

A placement outside any meeting (``meeting_id`` NULL) was made by dragging on the staircase
before meeting mode replaced that (every move is now a meeting). Such rows remain in older
files and travel in handovers, and the measures, the picture and the handover read them.
"""

from __future__ import annotations

from datetime import date

from trappe.model.entities import Assessor
from trappe.model.progress import refresh_derived
from trappe.model.store import Store


def loose_placement(
    store: Store, citizen_id: int, step_id: int, assessor: Assessor, placed_on: date
) -> int:
    """Write a placement outside any meeting, as an older Trappe did; its id."""
    with store.write():
        cur = store.execute(
            "INSERT INTO placements (citizen_id, placed_on, assessed_by, step_id)"
            " VALUES (?, ?, ?, ?)",
            (citizen_id, placed_on.isoformat(), assessor.value, step_id),
        )
        refresh_derived(store, citizen_id)
    return int(cur.lastrowid)
