"""Each step's earlier placements, newest first and each day's in the order given: the
layout sorts them by date once (one pass over placements read in date order) and puts each
shown day's back in order (``geometry._newest``); every layout equals one made by the
stable sort newest first, for histories in date order, shuffled, and with many on a day."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from trappe.model import geometry
from trappe.model.entities import Assessor, Category, Staircase, Step
from trappe.model.geometry import HistoryEntry, layout_staircase

_PLACED_ON = geometry._PLACED_ON
_STEP_ID = geometry._STEP_ID


def _staircase(n: int = 5) -> Staircase:
    steps = [Step(i + 1, i, f"Trin {i + 1}", "", "#a0c0e0", None, Category.NONE) for i in range(n)]
    return Staircase([], steps)


def _history(count: int, seed: int, *, in_order: bool, days: int) -> list[HistoryEntry]:
    rnd = random.Random(seed)
    start = date(2023, 5, 1)
    history = [
        HistoryEntry(
            start + timedelta(days=rnd.randrange(days)),
            rnd.choice([Assessor.PROFESSIONAL, Assessor.CITIZEN]),
            rnd.randrange(1, 6),
        )
        for _ in range(count)
    ]
    if in_order:
        history.sort(key=_PLACED_ON)
    return history


def _old_rows(layout_args: dict, history: list[HistoryEntry]) -> list[tuple]:
    """The markers as the stable sort newest first then by step places them (the rule
    before ``_newest``): the same slices, the same rows."""
    ordered = sorted(sorted(history, key=_PLACED_ON, reverse=True), key=_STEP_ID)
    lay = layout_staircase(**layout_args, history=history)
    rows = []
    for step_id in sorted({m.step_id for m in lay.markers}):
        shown = [m for m in lay.markers if m.step_id == step_id]
        mine = [e for e in ordered if e[2] == step_id][: len(shown)]
        rows += [(step_id, e[1], e[0]) for e in mine]
    return rows


@pytest.mark.parametrize("in_order", [True, False])
@pytest.mark.parametrize("days", [1, 3, 40, 4000])
@pytest.mark.parametrize("seed", range(6))
def test_each_steps_rows_are_the_newest_with_each_days_in_the_order_given(in_order, days, seed):
    args = {"staircase": _staircase(), "width": 700.0, "height": 420.0}
    for count in (0, 1, 2, 7, 60, 400):
        history = _history(count, seed, in_order=in_order, days=days)
        lay = layout_staircase(**args, history=history)
        kinds = {
            Assessor.PROFESSIONAL: geometry.MarkerKind.HISTORY_PROFESSIONAL,
            Assessor.CITIZEN: geometry.MarkerKind.HISTORY_CITIZEN,
        }
        expected = _old_rows(args, history)
        found = [(m.step_id, m.kind, m.label) for m in sorted(lay.markers, key=lambda m: m.step_id)]
        want = [(s, kinds[a], geometry.format_date_short(d)) for s, a, d in expected]
        assert found == want, (count, seed)
        assert sum(lay.hidden_history.values()) + len(lay.markers) >= count


def test_newest_puts_each_days_placements_back_in_the_order_given():
    d1, d2, d3 = date(2024, 1, 3), date(2024, 1, 2), date(2024, 1, 1)
    pro, own = Assessor.PROFESSIONAL, Assessor.CITIZEN
    # A step's slice as the layout sorts it: newest first, each day's turned round.
    ordered = [
        HistoryEntry(d1, own, 1),
        HistoryEntry(d1, pro, 1),
        HistoryEntry(d2, pro, 1),
        HistoryEntry(d3, own, 1),
        HistoryEntry(d3, pro, 1),
        HistoryEntry(d3, own, 1),
    ]
    newest = geometry._newest
    assert newest(ordered, 0, 6, 6) == [
        ordered[1],
        ordered[0],
        ordered[2],
        ordered[5],
        ordered[4],
        ordered[3],
    ]
    assert newest(ordered, 0, 6, 1) == [ordered[1]]  # a day cut by the rows shown
    assert newest(ordered, 0, 6, 4) == [ordered[1], ordered[0], ordered[2], ordered[5]]
    assert newest(ordered, 2, 4, 2) == [ordered[2], ordered[5]]
    assert newest(ordered, 0, 6, 0) == []
