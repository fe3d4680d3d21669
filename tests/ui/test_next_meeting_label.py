"""The next meeting's label, overdue, draws its text in the dark red of a role of its own
palette (set once): the same pixels as a label whose palette's text colour is set to it on
each citizen opened (as it was), and no palette change when a citizen is opened."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QWidget

from trappe.ui.history_pane import NextMeetingLabel

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

TEXTS = [
    "Næste samtale: 16-08-2026 (overskredet)",
    "Næste samtale: ikke aftalt",
    "Forløbet er afsluttet 01-02-2025",
    "",
    "שיחה הבאה 😀 Wörter\u0000NUL",
]


class PaletteLabel(NextMeetingLabel):
    """The label as it was: the palette's text colour set for each overdue citizen."""

    def set_overdue(self, overdue: bool) -> None:
        if self.property("overdue") == overdue:
            return
        self.setProperty("overdue", overdue)
        self._overdue = overdue
        palette = QPalette()
        if overdue:
            palette = self.palette()
            palette.setColor(QPalette.ColorRole.WindowText, self.OVERDUE_INK)
        self.setPalette(palette)
        self.update()


def shot(qtbot, kind: type, text: str, overdue: bool, width: int, *, enabled: bool = True):
    parent = QWidget()
    qtbot.addWidget(parent)
    label = kind(parent)
    label.setMargin(4)
    label.setText(text)
    label.set_overdue(not overdue)  # (and back: a label turned on and off)
    label.set_overdue(overdue)
    label.setEnabled(enabled)
    label.resize(width, 30)
    parent.resize(width, 30)
    parent.show()
    qtbot.waitExposed(parent)
    return label.grab().toImage()


@pytest.mark.parametrize("width", [120, 420])
@pytest.mark.parametrize("overdue", [True, False])
def test_overdue_or_not_the_label_is_as_it_was(qtbot, width: int, overdue: bool) -> None:
    for text in TEXTS:
        for enabled in (True, False):
            old = shot(qtbot, PaletteLabel, text, overdue, width, enabled=enabled)
            new = shot(qtbot, NextMeetingLabel, text, overdue, width, enabled=enabled)
            assert isinstance(new, QImage)
            assert new == old, (text, enabled)


def test_the_window_s_palette_still_reaches_the_label(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    label = NextMeetingLabel(parent)
    palette = parent.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(palette.ColorRole.Link))
    parent.setPalette(palette)
    role = QPalette.ColorRole.WindowText
    assert label.palette().color(role) == palette.color(role)
    label.set_overdue(True)
    assert label.palette().color(label.foregroundRole()) == NextMeetingLabel.OVERDUE_INK
    label.set_overdue(False)
    assert label.palette().color(label.foregroundRole()) == palette.color(role)
    assert label.property("overdue") is False


def test_turning_overdue_on_and_off_sets_no_palette(qtbot, monkeypatch) -> None:
    """(Fails on a label that sets its palette on each change: a palette change event and
    its resolution every time.)"""
    label = NextMeetingLabel()
    qtbot.addWidget(label)
    set_palette = []
    monkeypatch.setattr(label, "setPalette", lambda *a: set_palette.append(a))
    for overdue in (True, False, True, False):
        label.set_overdue(overdue)
        assert label.property("overdue") is overdue
    assert set_palette == []
