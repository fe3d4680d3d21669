"""How the caseload list is ordered: each sort column's index, the order cut into segments
(so empty values stay last in either direction), and the same order in Python for few matches.
"""

from __future__ import annotations

from typing import Any

from trappe.model.caseload_query import CitizenQuery, stale_since
from trappe.model.errors import ValidationError
from trappe.model.frozen import frozen
from trappe.model.store import Store


@frozen
class _Order:
    """How one sort column orders: its value column, the index that serves it, and whether
    citizens are cut into segments by the value's own order (steps, target groups)."""

    column: str | None  # the value sorted by (None: the name alone)
    index: str
    by_name: bool = False  # ties broken by name (else by id)
    segments_from: str | None = None  # "steps" or "target_groups": segment by their position
    flip: bool = False  # ascending in the UI means descending values (days on a step)
    # A date, which the next-meeting and weeks-on-step filters go with (``caseload_plan``).
    dated: bool = False


ORDERS = {
    "name": _Order(None, "citizens_by_name_key", by_name=True),
    "identifier": _Order("identifier", "citizens_by_identifier"),
    "target_group": _Order(
        "target_group_id", "citizens_by_group_name", by_name=True, segments_from="target_groups"
    ),
    "step": _Order("current_step_id", "citizens_by_step_name", by_name=True, segments_from="steps"),
    "days_on_step": _Order("current_step_since", "citizens_since_cover", flip=True, dated=True),
    "next_meeting": _Order("next_meeting_on", "citizens_next_cover", dated=True),
    "last_meeting": _Order("last_meeting_on", "citizens_by_last_meeting_on", dated=True),
}
SORT_COLUMNS = tuple(ORDERS)


@frozen
class _Segment:
    """A stretch of the order: citizens with ``column`` = ``value`` (or not NULL / NULL)."""

    condition: str
    params: tuple[Any, ...]
    keys: tuple[str, ...]  # the sort columns inside the segment (then c.id)
    descending: bool


def order_of(query: CitizenQuery) -> Any:
    """How the query's sort column orders (``ValidationError`` for an unknown column)."""
    order = ORDERS.get(query.order_by)
    if order is None:
        raise ValidationError("order_by", "Listen kan ikke sorteres efter den kolonne.")
    return order


def _segments(
    store: Store, query: CitizenQuery, bounds: tuple[Any, Any] | None = None
) -> list[_Segment]:
    """The order's segments. ``bounds``: the least and the greatest value among the matches,
    where known (``caseload_plan``): the values' segment is that range of the index, so a
    walk from either end starts at the first match's value."""
    order = order_of(query)
    desc = query.descending != order.flip
    if order.column is None:
        return [_Segment("1", (), ("c.name_key", "c.status"), desc)]
    col = f"c.{order.column}"
    # Each index ends in status (then the rowid), so ties are broken by status, then id: the
    # index's own order whether or not the query filters by status (no sorting of ties).
    tail = ("c.name_key", "c.status") if order.by_name else ("c.status",)
    if order.segments_from is not None:
        ids = [
            r[0] for r in store.query(f"SELECT id FROM {order.segments_from} ORDER BY position, id")
        ]
        if desc:
            ids.reverse()
        segments = [_Segment(f"{col} = ?", (i,), tail, desc) for i in ids]
    elif bounds is not None:
        segments = [_Segment(f"{col} BETWEEN ? AND ?", tuple(bounds), (col, *tail), desc)]
    elif order.column == "current_step_since" and query.stale_weeks is not None:
        # Weeks on the step, filtered by weeks on the step: a page starts at the filter's
        # date in the index (the filter alone, "no date or before", is no index range).
        values = _Segment(f"{col} <= ?", (stale_since(query),), (col, *tail), desc)
        segments = [values]
    else:
        segments = [_Segment(f"{col} IS NOT NULL", (), (col, *tail), desc)]
    return [*segments, _Segment(f"{col} IS NULL", (), tail, desc)]
