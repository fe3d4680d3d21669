"""What the staircase keeps per staircase and size (the plan of its titles, its frame and the
ground layer drawn from them) is never served for another staircase: each new staircase,
even one made as the last is let go (whose objects may take the old ones' addresses), with
the same titles in another colour, is drawn in its own colour."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtGui import QColor

from trappe.model.entities import Category, Phase, Staircase, Step
from trappe.ui.staircase_widget import StaircaseWidget

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
PHASES = [Phase(1, 0, "Fase")]


def _staircase(k: int) -> Staircase:
    colour = QColor.fromHsv((k * 37) % 360, 120, 230).name()
    steps = [Step(i + 1, i, f"Trin {i}", "", colour, 1, Category.NONE) for i in range(5)]
    return Staircase(PHASES, steps)  # (the same phases: only the steps differ)


def test_each_new_staircase_is_drawn_in_its_own_colour_and_titles(qtbot):
    w = StaircaseWidget()
    qtbot.addWidget(w)
    w.resize(700, 400)
    for k in range(24):
        sc = _staircase(k)
        w.set_content(sc, None)
        image = w.grab().toImage()
        pic = w.picture()
        assert pic is not None
        assert [b.step for b in pic.layout.steps] == sc.steps
        assert pic.titles[1][0].startswith("1.")
        box = pic.layout.steps[-1].rect  # the tallest column, low down (below its title)
        m = w._margin()
        at = image.pixelColor(int(box.x + box.w / 2 + m), int(box.bottom + m - 6))
        assert at.name() == sc.steps[-1].colour, k
        del sc, pic
        gc.collect()
