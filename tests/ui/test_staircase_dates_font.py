"""A citizen's dates drawn in their font told to skip shaping (``overlay_texts.dates_font``):
only where Qt lays out every text of digits and separators in it with the same glyphs at
the same places, so the pixels are the same as with shaping; any other text, or a font
where skipping shaping would change a glyph or a place, keeps the font as it is."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from trappe.ui import overlay_texts
from trappe.ui.overlay_texts import dates_font, unshaped
from trappe.ui.text_metrics import FontCache

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

NO_SHAPING = QFont.StyleStrategy.PreferNoShaping


def _dates(rnd: random.Random, n: int) -> list[tuple[float, float, str]]:
    return [
        (
            rnd.uniform(0, 150) + rnd.choice([0.0, 0.5, 1 / 64, 0.49999]),
            rnd.uniform(0, 90) + rnd.choice([0.0, 0.5, 0.75]),
            rnd.choice(
                [
                    f"{rnd.randint(1, 31):02d}-{rnd.randint(1, 12):02d}-{rnd.randint(0, 99):02d}",
                    f"{rnd.randint(0, 9999)}",
                    f"{rnd.randint(1, 31)}.{rnd.randint(1, 12)}.{rnd.randint(0, 99)}",
                    f"{rnd.randint(0, 99)}:{rnd.randint(0, 59):02d},5",
                ]
            ),
        )
        for _ in range(n)
    ]


def _paint(font: QFont, dates: list[tuple[float, float, str]], ascent: float) -> QImage:
    image = QImage(240, 130, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#f4f0e8"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setFont(font)
    painter.setPen(QColor("#3c3c3c"))
    for x, y, text in dates:
        painter.drawText(QPointF(x, y + ascent), text)
    painter.end()
    return image


@pytest.mark.parametrize("family", ["DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono"])
def test_dates_in_the_unshaped_font_are_the_pixels_of_the_font(qapp, family):
    rnd = random.Random(family)
    used = 0
    for px in range(7, 18):
        cache = FontCache(QFont(family))
        dates = _dates(rnd, 40)
        font = dates_font({}, cache, float(px))
        if font is cache.font(px):
            continue  # (this font at this size: drawn as it is)
        used += 1
        assert font.styleStrategy() & NO_SHAPING
        ascent = cache.qt_metrics(px).ascent()
        assert _paint(font, dates, ascent) == _paint(cache.font(px), dates, ascent), px
    assert used  # (DejaVu's digits are even and unkerned)


def test_fonts_that_shape_digits_keep_the_font(qapp, monkeypatch):
    cache = FontCache(QFont("DejaVu Sans"))
    font = cache.font(11)
    assert dates_font({}, cache, 11.0) is not font
    # A font whose glyphs or places change without shaping: kept as it is.
    real = overlay_texts._glyphs
    monkeypatch.setattr(
        overlay_texts,
        "_glyphs",
        lambda text, f: real(text, f) + ([("kerned",)] if f.styleStrategy() & NO_SHAPING else []),
    )
    assert unshaped(font) is None
    assert dates_font({}, cache, 11.0) is font


def test_the_staircase_draws_its_dates_unshaped(qapp):
    from datetime import date, timedelta

    from PySide6.QtGui import QPalette

    from trappe.model.entities import Assessor, Category, Staircase, Step
    from trappe.model.geometry import HistoryEntry
    from trappe.model.picture import StaircaseState
    from trappe.ui.staircase_painter import PaintOptions, StaircasePainter
    from trappe.ui.staircase_plan import Fonts, plan_picture

    steps = [Step(i + 1, i, f"Trin {i + 1}", "", "#c0d0e0", None, Category.NONE) for i in range(5)]
    history = tuple(
        HistoryEntry(date(2025, 1, 1) + timedelta(days=9 * k), Assessor.CITIZEN, 1 + k % 5)
        for k in range(20)
    )
    font = QFont("DejaVu Sans")
    font.setPixelSize(13)
    fonts = Fonts(font)
    pic = plan_picture(Staircase([], steps), StaircaseState(2, 3, 5, history), 800.0, 400.0, fonts)
    overlay = StaircasePainter(fonts, QPalette()).overlay(pic, QPointF(8, 8), PaintOptions())
    (dates,) = overlay.after
    assert dates[4] and dates[0].styleStrategy() & NO_SHAPING


def test_a_text_that_is_not_a_date_keeps_the_dates_font_as_it_is(qapp):
    from PySide6.QtGui import QPalette

    from trappe.model.geometry import Marker, MarkerKind, Rect, StaircaseLayout
    from trappe.ui.staircase_painter import PaintOptions, StaircasePainter
    from trappe.ui.staircase_plan import Fonts, Picture

    font = QFont("DejaVu Sans")
    font.setPixelSize(13)
    for labels, unshaped_expected in (
        (("01-02-03", "24-12-26"), True),
        (("01-02-03", "i går"), False),
    ):
        markers = [
            Marker(
                MarkerKind.HISTORY_CITIZEN,
                1,
                10.0,
                10.0 + 16 * k,
                8.0,
                label,
                Rect(20.0, 16.0 * k, 90.0, 16.0),
            )
            for k, label in enumerate(labels)
        ]
        pic = Picture(
            StaircaseLayout(800.0, 400.0, [], [], markers), False, 16.0, {}, frozenset(), 12.0
        )
        fonts = Fonts(font)
        overlay = StaircasePainter(fonts, QPalette()).overlay(pic, QPointF(8, 8), PaintOptions())
        (dates,) = overlay.after
        assert bool(dates[0].styleStrategy() & NO_SHAPING) is unshaped_expected
        assert [t for _x, _y, t in dates[4]] == list(labels)
