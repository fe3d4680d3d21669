"""The next meeting's label, overdue, draws its text in the dark red of a role of its own
palette (set once): the same pixels as a label whose palette's text colour is set to it on
each citizen opened (as it was), and no palette change when a citizen is opened."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from trappe.ui.next_meeting_label import NextMeetingLabel

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


SIZE_TEXTS = [
    *TEXTS,
    "x",
    "   ",
    "Næste samtale: 1-1-1 " * 30,
    "Wörter ÆØÅ æøå «citat» — ‘quotes’",
    "مرحبا 16-08-2026 שלום",
    "\t tab\tand\u00a0nbsp",
    "two\nlines",
    "&Shortcut && more",
]


def qt_label(bold: bool, margin: int) -> QLabel:
    label = QLabel()
    font = label.font()
    font.setBold(bold)
    label.setFont(font)
    label.setMargin(margin)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


ALIGNMENTS = [
    None,
    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
    Qt.AlignmentFlag.AlignCenter,
]


@pytest.mark.parametrize("alignment", ALIGNMENTS)
@pytest.mark.parametrize("margin", [0, 4, 9])
def test_a_lines_size_hints_are_qt_s(qtbot, margin: int, alignment) -> None:
    """The label's size hint and least size hint, from one measurement of its line, are the
    ones Qt gives a plain-text label (bold, as the label is, and not; with margins, contents
    margins, a least size; texts right-to-left, with NULs and emoji, empty and blank)."""
    for text in SIZE_TEXTS:
        for bold in (True, False):
            for least in (None, QSize(300, 40)):
                qt = qt_label(bold, margin)
                ours = NextMeetingLabel()
                ours.setFont(qt.font())
                ours.setMargin(margin)
                ours.setTextFormat(Qt.TextFormat.PlainText)
                for label in (qt, ours):
                    label.setContentsMargins(1, 2, 3, 4)
                    if alignment is not None:
                        label.setAlignment(alignment)
                    if least is not None:
                        label.setMinimumSize(least)
                    label.setText(text)
                    qtbot.addWidget(label)
                assert ours.sizeHint() == qt.sizeHint(), (text, bold)
                assert ours.minimumSizeHint() == qt.minimumSizeHint(), (text, bold)


def test_a_label_that_wraps_or_is_rich_is_sized_by_qt(qtbot) -> None:
    for wrap, text_format in ((True, Qt.TextFormat.PlainText), (False, Qt.TextFormat.RichText)):
        qt = qt_label(True, 4)
        ours = NextMeetingLabel()
        ours.setMargin(4)
        for label in (qt, ours):
            label.setTextFormat(text_format)
            label.setWordWrap(wrap)
            label.setText("Næste <b>samtale</b>: " + "ord " * 40)
            qtbot.addWidget(label)
        assert ours.sizeHint() == qt.sizeHint()
        assert ours.minimumSizeHint() == qt.minimumSizeHint()


def test_a_new_text_is_measured_once_for_both_size_hints(qtbot, monkeypatch) -> None:
    """(Fails on a label that asks Qt, which lays the text out three times.)"""
    asked = []
    monkeypatch.setattr(QLabel, "sizeHint", lambda s: asked.append("size"))
    monkeypatch.setattr(QLabel, "minimumSizeHint", lambda s: asked.append("least"))
    label = NextMeetingLabel()
    qtbot.addWidget(label)
    label.setMargin(4)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText("Næste samtale: 16-08-2026 (overskredet)")
    size = label.sizeHint()
    assert label.minimumSizeHint() == size
    assert asked == []
    assert size.width() > 100
