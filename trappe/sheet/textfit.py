"""The sheet's side of text fitting: reportlab's string widths as the measuring callback.

Where lines break, where a word is hyphenated and which size a text gets are decided by
``trappe.model.textfit``, the same rule the screen uses (docs/architecture.md, "The two
painters"); this module only measures with ``fonts.text_width`` (so what is fitted is what
``fonts.draw_text`` draws, fallback font included) and draws the fitted lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Literal

from trappe.model.textfit import Fitted, FontAt, Metrics, break_points, fit
from trappe.sheet.fonts import draw_text, text_width

LEADING = 1.15  # line height as a multiple of the size, for fitted text on the staircase
TITLE_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0)
DESCRIPTION_SIZES = (7.0, 6.5, 6.0)
MIN_TEXT_SIZE = 7.0

__all__ = [
    "DESCRIPTION_SIZES",
    "LEADING",
    "MIN_TEXT_SIZE",
    "TITLE_SIZES",
    "break_points",
    "draw_lines",
    "fit_text",
    "font_at",
]


@lru_cache(maxsize=64)
def _metrics(font: str, size: float) -> Metrics:
    widths: dict[str, float] = {}

    def measure(text: str) -> float:
        w = widths.get(text)
        if w is None:
            if len(widths) > 4096:
                widths.clear()
            w = widths[text] = text_width(text, font, size)
        return w

    return Metrics(measure, size * LEADING)


def font_at(font: str) -> FontAt:
    """``font_at`` for ``trappe.model.textfit``: the font at a size, widths remembered."""
    return lambda size: _metrics(font, size)


@lru_cache(maxsize=1024)
def fit_text(
    text: str, font: str, width: float, height: float, sizes: tuple[float, ...] = TITLE_SIZES
) -> Fitted:
    """``textfit.fit`` with the sheet's measure (remembered: a batch repeats the titles)."""
    return fit(text, font_at(font), width, height, sizes)


def draw_lines(
    canv: Any,
    lines: Sequence[str],
    font: str,
    size: float,
    x: float,
    top: float,
    width: float,
    anchor: Literal["start", "middle"] = "middle",
) -> float:
    """Draw fitted lines from ``top`` down (PDF y), centred or from the left; the height."""
    line_h = size * LEADING
    at = x + (width / 2 if anchor == "middle" else 0)
    for i, line in enumerate(lines):
        draw_text(canv, at, top - i * line_h - size * 0.92, line, font, size, anchor)
    return line_h * len(lines)
