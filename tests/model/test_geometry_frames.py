"""The staircase's frame (columns, title boxes, marker rows, phase bands) is worked out once per
staircase, size and title heights and kept (``geometry._frame``); each citizen's markers,
earlier placements and descriptions are placed in it. A kept frame must never be served for
another staircase, size or title height: every layout equals one made with nothing kept."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from tests.harness.threads import failures_in_threads
from trappe.model import geometry
from trappe.model.entities import Assessor, Category, Phase, Staircase, Step
from trappe.model.frozen import replace
from trappe.model.geometry import HistoryEntry, layout_staircase


def _staircase(n: int = 6, *, title: str = "Trin", phase_title: str = "Fase") -> Staircase:
    phases = [Phase(100 + k, k, f"{phase_title} {k}") for k in range(3)]
    steps = [
        Step(
            i + 1,
            i,
            f"{title} {i + 1}",
            "En beskrivelse af trinnet" if i % 2 else "",
            "#a0c0e0",
            100 + i * 3 // n,
            Category.NONE,
        )
        for i in range(n)
    ]
    return Staircase(phases, steps)


def _history(ids: list[int], count: int, seed: int) -> list[HistoryEntry]:
    rnd = random.Random(seed)
    start = date(2022, 1, 3)
    return [
        HistoryEntry(
            start + timedelta(days=rnd.randint(0, 800)),
            rnd.choice((Assessor.PROFESSIONAL, Assessor.CITIZEN)),
            rnd.choice(ids),
        )
        for _ in range(count)
    ]


def _fresh(*args, **kwargs):
    """The layout made with no frame kept (as it was made before frames were kept)."""
    kept = dict(geometry._FRAMES)
    geometry._FRAMES.clear()
    try:
        return layout_staircase(*args, **kwargs)
    finally:
        geometry._FRAMES.clear()
        geometry._FRAMES.update(kept)


@pytest.fixture(autouse=True)
def _nothing_kept():
    geometry._FRAMES.clear()
    yield
    geometry._FRAMES.clear()


def test_a_second_citizen_on_the_same_staircase_and_size_reuses_the_frame():
    sc = _staircase()
    ids = [s.id for s in sc.steps]
    a = layout_staircase(sc, 900, 420, current_step_id=ids[1], history=_history(ids, 40, 1))
    b = layout_staircase(sc, 900, 420, own_step_id=ids[4], history=_history(ids, 90, 2))
    assert len(geometry._FRAMES) == 1
    for box_a, box_b in zip(a.steps, b.steps, strict=True):
        assert box_a.rect is box_b.rect and box_a.title_box is box_b.title_box
    assert a.phases == b.phases and a.phases is not b.phases  # (each layout's own list)
    c = layout_staircase(sc, 901, 420, current_step_id=ids[1])
    assert c.steps[0].rect is not a.steps[0].rect
    assert len(geometry._FRAMES) == 2


@pytest.mark.parametrize(
    "change",
    [
        "width",
        "height",
        "step title",
        "step description",
        "step colour",
        "step added",
        "step removed",
        "steps reordered",
        "step moved to another phase",
        "phase title",
        "no phases shown",
        "title height",
        "title heights",
        "one title height",
    ],
)
def test_a_kept_frame_is_never_served_for_another_staircase_size_or_title(change):
    """Lay out one staircase (keeping its frame), then one that differs in a single thing:
    the second equals a layout made with nothing kept, and shows the change."""
    sc = _staircase()
    ids = [s.id for s in sc.steps]
    base = {
        "width": 900.0,
        "height": 420.0,
        "current_step_id": ids[2],
        "own_step_id": ids[3],
        "goal_step_id": ids[5],
        "history": _history(ids, 120, 3),
        "title_heights": {ids[0]: 30.0, ids[1]: 44.0},
    }
    first = layout_staircase(sc, **base)
    other, kwargs = sc, dict(base)
    steps = list(sc.steps)
    if change == "width":
        kwargs["width"] = 899.5
    elif change == "height":
        kwargs["height"] = 421.0
    elif change == "step title":
        steps[2] = replace(steps[2], title="Et nyt navn")
    elif change == "step description":
        steps[3] = replace(steps[3], description="")
    elif change == "step colour":
        steps[1] = replace(steps[1], colour="#ff0000")
    elif change == "step added":
        steps.append(replace(steps[-1], id=99, position=6))
    elif change == "step removed":
        steps.pop(0)
    elif change == "steps reordered":
        steps[1], steps[2] = steps[2], steps[1]
    elif change == "step moved to another phase":
        steps[0] = replace(steps[0], phase_id=101)
    elif change == "phase title":
        other = Staircase([replace(sc.phases[0], title="Ny fase"), *sc.phases[1:]], steps)
    elif change == "no phases shown":
        kwargs["show_phases"] = False
    elif change == "title height":
        kwargs["title_height"] = 50.0
    elif change == "title heights":
        kwargs["title_heights"] = None
    elif change == "one title height":
        kwargs["title_heights"] = {ids[0]: 30.0, ids[1]: 45.0}
    if other is sc:
        other = Staircase(sc.phases, steps)
    second = layout_staircase(other, **kwargs)
    assert second == _fresh(other, **kwargs)
    assert second != first
    assert [b.step for b in second.steps] == other.steps
    assert [p.title for p in second.phases] == [p.title for p in _fresh(other, **kwargs).phases]
    # ... and the first is still served right after it.
    assert layout_staircase(sc, **base) == first == _fresh(sc, **base)


def test_layouts_in_any_order_equal_layouts_made_with_nothing_kept():
    """Many staircases, sizes, title heights and citizens, laid out in a random order (so
    frames are kept, reused and let go): each equals the layout made with nothing kept."""
    rnd = random.Random(25)
    stairs = [
        _staircase(6),
        _staircase(7),
        _staircase(6, title="Andet trin"),
        _staircase(6, phase_title="Anden fase"),
        _staircase(1),
    ]
    sizes = [(900.0, 420.0), (641.0, 333.0), (1250.0, 520.0), (120.0, 80.0)]
    for k in range(300):
        sc = rnd.choice(stairs)
        ids = [s.id for s in sc.steps]
        w, h = rnd.choice(sizes)
        kwargs = {
            "current_step_id": rnd.choice([*ids, None]),
            "own_step_id": rnd.choice([*ids, None]),
            "goal_step_id": rnd.choice([*ids, None]),
            "earlier_step_id": rnd.choice([*ids, None, None]),
            "earlier_own_step_id": rnd.choice([*ids, None, None]),
            "history": _history(ids, rnd.randint(0, 150), k),
            "show_phases": rnd.random() < 0.8,
            "show_descriptions": rnd.random() < 0.8,
            "title_height": rnd.choice([None, None, 36.0]),
            "title_heights": rnd.choice([None, {ids[0]: rnd.choice([20.0, 40.0])}]),
        }
        if rnd.random() < 0.5:
            kwargs["description_height"] = lambda step, w, room: min(room, 900 / max(w, 1))
        layout = layout_staircase(sc, w, h, **kwargs)
        assert layout == _fresh(sc, w, h, **kwargs), k
    assert len(geometry._FRAMES) <= geometry.FRAMES_KEPT


def test_earlier_placements_are_newest_first_per_step_and_on_one_day_in_the_order_given():
    """Each step's earlier placements, newest first; two on one day keep the order given (the
    one entered later counts, and the order given is the order entered)."""
    sc = _staircase(3)
    a, b, c = (s.id for s in sc.steps)
    day = date(2025, 3, 3)
    history = [
        HistoryEntry(day, Assessor.PROFESSIONAL, a),
        HistoryEntry(day, Assessor.CITIZEN, a),
        HistoryEntry(day - timedelta(days=9), Assessor.CITIZEN, c),
        HistoryEntry(day + timedelta(days=1), Assessor.PROFESSIONAL, a),
        HistoryEntry(day, Assessor.CITIZEN, c),
    ]
    layout = layout_staircase(sc, 900, 900, history=history, show_descriptions=False)
    shown = [(m.step_id, m.label, m.kind) for m in layout.markers]
    hp, hc = geometry.MarkerKind.HISTORY_PROFESSIONAL, geometry.MarkerKind.HISTORY_CITIZEN
    assert shown == [
        (a, "04-03-25", hp),
        (a, "03-03-25", hp),
        (a, "03-03-25", hc),
        (c, "03-03-25", hc),
        (c, "22-02-25", hc),
    ]
    assert b not in layout.hidden_history


def test_a_frame_is_never_served_for_a_new_staircase_that_took_an_old_ones_place_in_memory():
    """Frames are kept by the identity of the steps and phases, which they hold: a staircase
    made after another was let go (whose objects may take the old ones' addresses) gets its
    own frame, with its own titles; so do new phases with the same steps."""
    steps = _staircase(6).steps
    for k in range(60):
        sc = _staircase(6, title=f"Trin nr. {k}", phase_title=f"Fase nr. {k}")
        layout = layout_staircase(sc, 900, 420, show_descriptions=False)
        assert layout.steps[0].step.title == f"Trin nr. {k} 1"
        assert layout.phases[0].title == f"Fase nr. {k} 0"
        del sc, layout
    for k in range(60):
        phases = [Phase(100 + i, i, f"Fase {k}.{i}") for i in range(3)]
        layout = layout_staircase(Staircase(phases, steps), 900, 420, show_descriptions=False)
        assert layout.phases[0].title == f"Fase {k}.0"
        del layout, phases


def test_two_threads_laying_out_at_many_sizes_share_the_kept_frames_safely():
    """A sheet batch lays out on its own thread while the window paints: frames are added and
    let go by both at once, so the oldest are dropped from a copy of the keys, never through an
    iterator the other thread's addition would break."""
    sc = _staircase()
    ids = [s.id for s in sc.steps]
    history = _history(ids, 10, 3)

    def lay_out(offset: int) -> None:
        for k in range(1_500):
            layout_staircase(sc, 300 + (k * 7 + offset) % 400, 420, history=history)

    failures = failures_in_threads(lay_out)
    assert not failures, repr(failures[0])
    assert len(geometry._FRAMES) <= geometry.FRAMES_KEPT


def _described(step, width: float, room: float) -> float:
    """A description's height as a painter might measure it: words by width, cut to room."""
    words = len(step.description.split())
    lines = max(1, round(words * 40 / max(width, 1.0)))
    return lines * 11.0 + 1 if lines * 11.0 <= room else 0.0


@pytest.mark.parametrize("with_callback", [True, False])
def test_a_kept_columns_boxes_equal_those_made_for_each_citizen(with_callback):
    """``layout_staircase(kept=...)``: every layout of many odd citizens (no history, one,
    two, hundreds, markers anywhere, comparing or not, the goal moving) equals the one made
    with nothing kept, and a column in the same case is the same object the next time."""
    rnd = random.Random(7)
    for width, height in ((900.0, 420.0), (333.3, 211.7), (1600.0, 900.0)):
        sc = _staircase(7)
        ids = [s.id for s in sc.steps]
        kept: dict = {}
        options = {"description_height": _described} if with_callback else {}
        for seed in range(40):
            markers = {
                "current_step_id": rnd.choice([None, *ids]),
                "own_step_id": rnd.choice([None, *ids]),
                "goal_step_id": rnd.choice([None, *ids]),
                "history": _history(ids, rnd.choice([0, 1, 2, 3, 40, 400]), seed),
            }
            if seed % 3 == 0:
                markers["earlier_step_id"] = rnd.choice([None, *ids])
                markers["earlier_own_step_id"] = rnd.choice([None, *ids])
            got = layout_staircase(sc, width, height, kept=kept, **options, **markers)
            assert got == _fresh(sc, width, height, **options, **markers), (width, seed)
            again = layout_staircase(sc, width, height, kept=kept, **options, **markers)
            assert all(a is b for a, b in zip(got.steps, again.steps, strict=True))
            # (each row's date box, each "+k tidligere" row and each current marker too)
            pairs = list(zip(got.markers, again.markers, strict=True))
            assert all(a.label_box is b.label_box for a, b in pairs)
            assert all(a is b for a, b in pairs if a.kind in geometry.CURRENT_KINDS)
            for step_id, row in got.hidden_label_boxes.items():
                assert again.hidden_label_boxes[step_id] is row
        assert kept["frame"] is geometry._frame(sc, width, height, True, None, None)


def test_kept_boxes_are_never_served_for_another_frame_or_description_rule():
    sc = _staircase(5)
    ids = [s.id for s in sc.steps]
    kept: dict = {}
    history = _history(ids, 30, 3)
    a = layout_staircase(sc, 900, 420, current_step_id=ids[1], history=history, kept=kept)
    b = layout_staircase(sc, 700, 420, current_step_id=ids[1], history=history, kept=kept)
    assert b == _fresh(sc, 700, 420, current_step_id=ids[1], history=history)
    assert a.steps[0] is not b.steps[0]
    c = layout_staircase(
        sc, 700, 420, current_step_id=ids[1], history=history, kept=kept, show_descriptions=False
    )
    assert c == _fresh(
        sc, 700, 420, current_step_id=ids[1], history=history, show_descriptions=False
    )
    # Another staircase with equal steps: its own frame, its own boxes.
    other = _staircase(5)
    d = layout_staircase(other, 700, 420, current_step_id=ids[1], history=history, kept=kept)
    assert d == _fresh(other, 700, 420, current_step_id=ids[1], history=history)
    assert kept["frame"].held[0][0] is other.steps[0]
