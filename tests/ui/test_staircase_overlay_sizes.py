"""The staircase overlay's sizes, remembered: one size for a citizen's dates (each shape of
date in each row width fitted once where the font measures dates by their shape) and the
"+k tidligere" counts (remembered by their texts, row and label size). Each equals what
fitting every text itself gives, in fonts whose digits are even and in fonts whose are not."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QPalette

from tests.harness.fake_fonts import KernedDash, Proportional
from trappe.model.geometry import Marker, MarkerKind, Rect, StaircaseLayout
from trappe.model.markers import hidden_text, hidden_text_short
from trappe.model.textfit import shrink_to_width, size_steps
from trappe.ui import text_metrics
from trappe.ui.staircase_painter import HISTORY_KINDS, PaintOptions, StaircasePainter
from trappe.ui.staircase_plan import Fonts, Picture

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


LABELS = ("11-11-11", "22-22-22", "21-12-74", "01-03-26", "17-04-74", "30-10-01")


def _picture(labels: tuple[str, ...], width: float, row_h: float = 16.0) -> Picture:
    markers = [
        Marker(
            MarkerKind.HISTORY_PROFESSIONAL if k % 2 else MarkerKind.HISTORY_CITIZEN,
            1 + k % 3,
            10.0,
            10.0 + row_h * k,
            8.0,
            label,
            Rect(20.0, row_h * k, width + 0.25 * (k % 3), row_h),
        )
        for k, label in enumerate(labels)
    ]
    layout = StaircaseLayout(800.0, 400.0, [], [], markers)
    return Picture(layout, False, 16.0, {}, frozenset(), 12.0)


def _each_date_fitted(fonts: Fonts, pic: Picture) -> tuple[float, bool]:
    """The date size as fitting every date itself gives it (the rule before dates were
    fitted by shape)."""
    cache = fonts.regular
    labelled = [m for m in pic.layout.markers if m.kind in HISTORY_KINDS and m.label_box]
    row_h = min(m.label_box.h for m in labelled)
    sizes = size_steps(max(min(row_h * 0.72, pic.label_px), 7.0), 7.0)
    fitted = [shrink_to_width(m.label, cache, m.label_box.w - 2, sizes) for m in labelled]
    return min(px for px, _ in fitted), all(ok for _, ok in fitted)


@pytest.mark.parametrize("metrics", [None, Proportional, KernedDash])
def test_the_dates_size_is_what_fitting_each_date_gives(qapp, monkeypatch, metrics):
    if metrics is not None:  # a font whose digits are uneven or kerned: no fitting by shape
        monkeypatch.setattr(text_metrics, "QFontMetricsF", metrics)
    font = QFont("DejaVu Sans")
    font.setPixelSize(12)
    seen = set()
    for width in range(30, 110, 2):
        fonts = Fonts(font)
        painter = StaircasePainter(fonts, QPalette())
        for labels in (LABELS, LABELS[::-1], LABELS[1:2], LABELS[:1]):
            pic = _picture(labels, float(width))
            found = painter.date_px(pic)
            assert found == _each_date_fitted(fonts, pic), (metrics, width, labels)
            assert painter.date_px(pic) == found
            seen.add(found)
    assert len(seen) > (3 if metrics is None else 1)  # (sizes large and small, fit or not)
    if metrics is Proportional:
        # Where "11-11-11" fits and "22-22-22" does not, the date size is the smallest, and
        # dates are not whole: fitting one date for its shape would not have said so.
        fonts = Fonts(font)
        one = StaircasePainter(fonts, QPalette()).date_px(_picture(LABELS[:1], 62.0))
        both = StaircasePainter(fonts, QPalette()).date_px(_picture(LABELS[:2], 62.0))
        assert one[1] and not both[1]


def test_counts_of_earlier_placements_are_remembered_by_text_row_and_size(qapp):
    font = QFont("DejaVu Sans")
    font.setPixelSize(12)
    fonts = Fonts(font)
    painter = StaircasePainter(fonts, QPalette())
    danish = PaintOptions(hidden=hidden_text, hidden_short=hidden_text_short)
    english = PaintOptions(hidden=lambda k: f"+{k} earlier", hidden_short=lambda k: f"+{k}")
    for label_px in (9.0, 13.0):
        layout = StaircaseLayout(800.0, 400.0, [], [], [])
        pic = Picture(layout, False, label_px / 0.8, {}, frozenset(), label_px / 1.05)
        for width in (20.0, 45.0, 70.0, 120.0):
            for count in (3, 54, 120):
                box = Rect(0.0, 0.0, width, 15.0)
                for options in (danish, english, danish):
                    found = painter.count_text(pic, box, count, options)
                    fonts.memo.clear()
                    assert painter.count_text(pic, box, count, options) == found
                    assert found[0] in (options.hidden(count), options.hidden_short(count))
    assert painter.count_text(pic, Rect(0, 0, 200.0, 15.0), 7, english)[0] == "+7 earlier"
    assert painter.count_text(pic, Rect(0, 0, 200.0, 15.0), 7, danish)[0] == hidden_text(7)
