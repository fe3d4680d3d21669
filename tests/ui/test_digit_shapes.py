"""Dates and numbers measured by their shape are exactly as wide as Qt measures them.

``DigitShapes`` measures "22-11-26" as "00-00-00" only in a font whose digits are equally wide
and not kerned; the staircase's date sizes (``FontCache``) and the open agreements' heights
(``WrappedHeights``) use it, so a new citizen's dates are not shaped one by one.
"""

from __future__ import annotations

import random
import re
from typing import ClassVar

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF

from tests.harness.fake_fonts import KernedDash, KernedDigits, Proportional
from trappe.ui import text_metrics, wrapped_text
from trappe.ui.digit_shapes import DigitShapes, digit_shape, uniform_digits
from trappe.ui.text_metrics import FontCache
from trappe.ui.wrapped_text import WrappedHeights

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
DATE = re.compile(r"[0-9]{2}-[0-9]{2}-[0-9]{4}")


def texts(seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    two = lambda n: f"{rnd.randrange(n):02d}"  # noqa: E731
    out = [f"{two(32)}-{two(13)}-{two(100)}" for _ in range(40)]
    out += [f"{two(32)}-{two(13)}-{rnd.randrange(1990, 2040)}" for _ in range(40)]
    out += [str(rnd.randrange(10**7)) for _ in range(20)]
    out += ["1,5", "08.30", "12:", "7.", "1-1", "10:30", "2026.", "0", "111", "1-", "-1", ":9"]
    return out


def fonts() -> list[QFont]:
    found = []
    for family in QFontDatabase.families()[:40]:
        for px in (7, 9, 11, 13, 17):
            for bold in (False, True):
                font = QFont(family)
                font.setPixelSize(px)
                font.setBold(bold)
                found.append(font)
    return found


def test_shape_of_a_text() -> None:
    assert digit_shape("22-11-26") == "00-00-00"
    assert digit_shape("22-11-2026") == "00-00-0000"
    assert digit_shape("10:30") == "00:00"
    assert digit_shape("1,5") == "0,0"
    for not_shaped in ("", "-", ":.", "a1", "1 2", "1/2", "１２", "٣", "22-11-26 "):
        assert digit_shape(not_shaped) is None, not_shaped


def test_shaped_advances_equal_qt_in_every_font(qapp: object) -> None:
    checked = 0
    for font in fonts():
        fm = QFontMetricsF(font)
        shapes = DigitShapes(fm)
        for text in texts():
            width = shapes.advance(text)
            if width is not None:
                checked += 1
                assert width == fm.horizontalAdvance(text), (font.family(), text)
    assert checked > 1000  # (most fonts here have even, unkerned digits)


@pytest.mark.parametrize("metrics", [Proportional, KernedDash, KernedDigits])
def test_uneven_or_kerned_digits_are_measured_whole(qapp: object, metrics: type) -> None:
    fm = metrics(QFont())
    assert not uniform_digits(fm)
    shapes = DigitShapes(fm)
    for text in ("11-01-26", "21-12-74", "01-03-2026"):
        assert shapes.advance(text) is None
    # The font cache then measures each date itself, as Qt does.
    assert fm.horizontalAdvance("11-1-74") != fm.horizontalAdvance("00-0-00")


class Counting(QFontMetricsF):
    calls: ClassVar[list[str]] = []

    def horizontalAdvance(self, text: str, *args: object) -> float:  # type: ignore[override]
        Counting.calls.append(text)
        return super().horizontalAdvance(text, *args)


def test_font_cache_measures_new_dates_by_shape(qapp: object, monkeypatch) -> None:
    monkeypatch.setattr(text_metrics, "QFontMetricsF", Counting)
    Counting.calls.clear()
    font = QFont("DejaVu Sans")
    font.setPixelSize(11)
    assert uniform_digits(QFontMetricsF(font))
    cache = FontCache(font)
    measure = cache(11).measure
    plain = QFontMetricsF(font)
    measure("01-01-01")  # the check of the font, and the shape, measured once
    Counting.calls.clear()
    dates = [f"{d:02d}-{m:02d}-{y:02d}" for d in (3, 17, 28) for m in (1, 7, 11) for y in (9, 26)]
    for text in [*dates, "22-11-2026", "7", "100", "Mål"]:
        assert measure(text) == plain.horizontalAdvance(text), text
        assert measure(text) == plain.horizontalAdvance(text), text  # (remembered)
    # The dates of the first shape were not measured one by one: only the three new shapes
    # and the word were.
    assert sorted(Counting.calls) == sorted(["00-00-0000", "0", "000", "Mål"])


def test_wrapped_heights_measure_new_dates_by_shape(qapp: object, monkeypatch) -> None:
    monkeypatch.setattr(wrapped_text, "QFontMetricsF", Counting)
    Counting.calls.clear()
    font = QFont("DejaVu Sans")
    font.setPixelSize(12)
    heights = WrappedHeights(font)
    qt = heights.qt_metrics
    wrap = wrapped_text._WRAP
    rnd = random.Random(3)
    rows = [
        f"Aftale {i} om praktik\nBorger · senest {rnd.randrange(1, 29):02d}-"
        f"{rnd.randrange(1, 13):02d}-20{rnd.randrange(20, 40)}"
        for i in range(60)
    ]
    for width in (90, 140, 230, 400):
        for text in rows:
            want = qt.boundingRect(0, 0, width, 10_000, wrap, text).height()
            assert heights.height(text, width) == want, (text, width)
    dates = [c for c in Counting.calls if DATE.fullmatch(c)]
    assert dates == ["00-00-0000"], "each date was measured by Qt, not by its shape"
