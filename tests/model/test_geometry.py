from __future__ import annotations

from datetime import date

import pytest

from trappe.model import citizens, staircase
from trappe.model.entities import Assessor
from trappe.model.geometry import (
    HistoryEntry,
    MarkerKind,
    layout_for_record,
    layout_staircase,
)


@pytest.fixture
def sc(store):
    return staircase.load_staircase(store)


@pytest.mark.parametrize(("w", "h"), [(180, 110), (1366, 500), (300, 900), (60, 40)])
def test_every_marker_sits_inside_its_steps_column(sc, w, h):
    ids = [s.id for s in sc.steps]
    history = [
        HistoryEntry(
            date(2026, 1, d), Assessor.PROFESSIONAL if d % 2 else Assessor.CITIZEN, ids[d % 3]
        )
        for d in range(1, 20)
    ]
    layout = layout_staircase(
        sc, w, h, current_step_id=ids[3], own_step_id=ids[4], goal_step_id=ids[5], history=history
    )
    kinds = {m.kind for m in layout.markers}
    assert {MarkerKind.PROFESSIONAL, MarkerKind.CITIZEN, MarkerKind.GOAL} <= kinds
    for m in layout.markers:
        box = layout.box_for(m.step_id)
        assert box.rect.contains_rect(m.bounds), (m, box.rect)
        if m.label_box:
            assert box.rect.contains_rect(m.label_box)
    for box in layout.steps:
        assert box.rect.x >= 0 and box.rect.right <= w + 1e-9
        assert box.rect.y >= 0 and box.rect.bottom <= h + 1e-9
        assert box.rect.contains_rect(box.title_box)


def test_the_staircase_rises_and_phases_span_their_steps(sc):
    layout = layout_staircase(sc, 700, 400)
    tops = [b.rect.y for b in layout.steps]
    assert tops == sorted(tops, reverse=True) and tops[0] > tops[-1]
    assert [p.title for p in layout.phases] == [p.title for p in sc.phases]
    first = layout.phases[0].rect
    assert first.x <= layout.steps[0].rect.x and first.right >= layout.steps[2].rect.right - 1
    assert first.y >= max(b.rect.bottom for b in layout.steps)


def test_step_at_maps_clicks_to_steps(sc):
    layout = layout_staircase(sc, 700, 400)
    for box in layout.steps:
        cx = box.rect.x + box.rect.w / 2
        assert layout.step_at(cx, 1) == box.step.id, "the air above a step belongs to it"
        assert layout.step_at(cx, box.rect.bottom - 1) == box.step.id
    assert layout.step_at(10, 399) is None, "the phase band is not a step"


def test_history_that_does_not_fit_is_counted_not_drawn(sc):
    ids = [s.id for s in sc.steps]
    history = [
        HistoryEntry(date(2025, 1, 1).replace(day=d), Assessor.PROFESSIONAL, ids[0])
        for d in range(1, 29)
    ]
    layout = layout_staircase(sc, 180, 110, history=history)
    shown = [m for m in layout.markers if m.kind is MarkerKind.HISTORY_PROFESSIONAL]
    assert 0 < len(shown) < 28
    assert layout.hidden_history[ids[0]] + len(shown) >= 28
    assert shown[0].label == "28-01-25", "newest first"
    label = layout.hidden_label_boxes[ids[0]]
    assert layout.steps[0].rect.contains_rect(label)
    assert label.y >= max(m.label_box.bottom for m in shown) - 1e-6, "below the dates shown"


def test_without_descriptions_history_gets_their_room(sc):
    """Dialogue mode draws no descriptions; their space shows more earlier placements."""
    ids = [s.id for s in sc.steps]
    history = [HistoryEntry(date(2025, 1, d), Assessor.CITIZEN, ids[0]) for d in range(1, 29)]
    with_desc = layout_staircase(sc, 1000, 620, history=history)
    without = layout_staircase(sc, 1000, 620, history=history, show_descriptions=False)
    assert with_desc.steps[0].description_box is not None
    assert all(box.description_box is None for box in without.steps)
    assert len(without.markers) > len(with_desc.markers)
    first = without.steps[0]
    assert all(first.rect.contains_rect(m.bounds) for m in without.markers if m.step_id == ids[0])


def test_layout_for_a_citizen_record(store, citizen_with_history, sc):
    record = citizens.get_citizen_record(store, citizen_with_history)
    layout = layout_for_record(sc, record, 180, 110)
    by_kind = {
        m.kind: m.step_id
        for m in layout.markers
        if m.kind in (MarkerKind.PROFESSIONAL, MarkerKind.CITIZEN, MarkerKind.GOAL)
    }
    assert by_kind == {
        MarkerKind.PROFESSIONAL: sc.steps[1].id,
        MarkerKind.CITIZEN: sc.steps[2].id,
        MarkerKind.GOAL: sc.steps[5].id,
    }
    faint = [m for m in layout.markers if m.kind.startswith("history")]
    assert len(faint) == len(record.placements) - 2


def test_empty_staircase_gives_an_empty_layout(sc):
    from trappe.model.entities import Staircase

    assert layout_staircase(Staircase([], []), 100, 100).steps == []
    assert layout_staircase(sc, 0, 100).steps == []


@pytest.mark.parametrize(("w", "h"), [(790, 300), (1000, 420), (1366, 500), (600, 900)])
def test_every_step_with_history_shows_some_of_it(sc, w, h):
    """A short first step must not hide its earlier placements without a trace: the
    description gives way before the citizen's own history does."""
    ids = [s.id for s in sc.steps]
    history = [
        HistoryEntry(date(2025, 1, d), Assessor.PROFESSIONAL, ids[d % 3]) for d in range(1, 8)
    ]
    layout = layout_staircase(sc, w, h, current_step_id=ids[3], own_step_id=ids[3], history=history)
    for step_id in {e.step_id for e in history}:
        dates = [m for m in layout.markers if m.step_id == step_id and m.label]
        assert dates or step_id in layout.hidden_label_boxes, (w, h, step_id)


def test_title_heights_give_a_short_title_its_room_back(sc):
    plain = layout_staircase(sc, 700, 400)
    first = sc.steps[0].id
    short = layout_staircase(sc, 700, 400, title_heights={first: 12.0})
    a, b = plain.box_for(first), short.box_for(first)
    assert b.title_box.h == 12.0 and b.marker_row.y < a.marker_row.y
    assert short.box_for(sc.steps[1].id).title_box == plain.box_for(sc.steps[1].id).title_box


def test_measured_descriptions_share_the_column_with_the_history(sc):
    """A description sits at the bottom of its column when the step's dates (all of them, or
    at least two) still fit above it; else the dates win."""
    ids = [s.id for s in sc.steps]
    two = [
        HistoryEntry(date(2026, 1, 5), Assessor.PROFESSIONAL, ids[0]),
        HistoryEntry(date(2026, 2, 5), Assessor.CITIZEN, ids[0]),
    ]
    lay = layout_staircase(
        sc,
        700,
        600,
        history=two,
        current_step_id=ids[2],
        description_height=lambda s, w, room: 40.0,
    )
    box = lay.box_for(ids[0])
    assert box.description_box is not None and box.description_box.h == 40.0
    assert box.rect.contains_rect(box.description_box)
    dates = [m for m in lay.markers if m.step_id == ids[0]]
    assert len(dates) == 2 and ids[0] not in lay.hidden_history
    assert all(m.label_box.bottom <= box.description_box.y + 1e-9 for m in dates)
    # A description too tall for the column is left out, the dates stay.
    lay = layout_staircase(sc, 700, 600, history=two, description_height=lambda s, w, room: 1000.0)
    assert lay.box_for(ids[0]).description_box is None
    assert len([m for m in lay.markers if m.step_id == ids[0]]) == 2
    # The painter says a description cannot be drawn (0): none.
    lay = layout_staircase(sc, 700, 600, description_height=lambda s, w, room: 0.0)
    assert all(b.description_box is None for b in lay.steps)


def test_an_earlier_reading_sits_under_the_current_markers(sc):
    ids = [s.id for s in sc.steps]
    lay = layout_staircase(
        sc,
        900,
        500,
        current_step_id=ids[3],
        own_step_id=ids[3],
        earlier_step_id=ids[1],
        earlier_own_step_id=ids[3],
    )
    kinds = {m.kind: m for m in lay.markers}
    assert kinds[MarkerKind.EARLIER_PROFESSIONAL].step_id == ids[1]
    earlier_own, own = kinds[MarkerKind.EARLIER_CITIZEN], kinds[MarkerKind.CITIZEN]
    assert earlier_own.step_id == own.step_id and earlier_own.cy > own.cy
    assert earlier_own.bounds.y >= own.bounds.bottom  # one under the other, never overlapping
    for m in lay.markers:
        assert lay.box_for(m.step_id).rect.contains_rect(m.bounds)


def test_history_markers_are_whole_markers(sc):
    """The history's markers are made without their frozen ``__init__`` (a long history has
    dozens): each must still be exactly the ``Marker`` (and ``Rect``) its constructor makes,
    with every field, so a field added later cannot be left out unnoticed."""
    from dataclasses import fields

    from trappe.model.geometry import Marker, Rect

    ids = [s.id for s in sc.steps]
    history = [
        HistoryEntry(date(2025, 3, d), who, ids[d % len(ids)])
        for d in range(1, 20)
        for who in (Assessor.PROFESSIONAL, Assessor.CITIZEN)
    ]
    layout = layout_staircase(sc, 1366, 500, history=history)
    shown = [m for m in layout.markers if m.kind.name.startswith("HISTORY")]
    assert shown
    for m in shown:
        assert set(vars(m)) == {f.name for f in fields(Marker)}
        assert set(vars(m.label_box)) == {f.name for f in fields(Rect)}
        box = Rect(**vars(m.label_box))
        assert m == Marker(**{**vars(m), "label_box": box})
        assert hash(m) == hash(Marker(**{**vars(m), "label_box": box}))
