"""Qt's side of text fitting: fonts at pixel sizes and a cached measuring callback.

``trappe.model.textfit`` decides where lines break and which size a text gets; it asks the
painter for widths through ``font_at(size)``. ``FontCache`` answers for the screen: one QFont
and QFontMetricsF per whole pixel size, and every measured string remembered, because a
paint (and the next one) measures the same titles, dates and descriptions again and again;
a date never measured before is measured by its shape (``digit_shapes``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QStaticText

from trappe.model.textfit import Metrics
from trappe.ui.digit_shapes import DigitShapes

MAX_REMEMBERED = 4096  # strings per size; a paint measures a few hundred


class FontCache:
    """A base font in every pixel size asked for, with remembered advance widths."""

    def __init__(self, base: QFont, *, bold: bool = False, italic: bool = False) -> None:
        self.base = QFont(base)
        self.base.setBold(bold)
        self.base.setItalic(italic)
        self._fonts: dict[int, tuple[QFont, QFontMetricsF, Metrics]] = {}
        self._static: dict[tuple[str, int], QStaticText] = {}

    @staticmethod
    def px(size: float) -> int:
        return max(1, round(size))

    def _entry(self, size: float) -> tuple[QFont, QFontMetricsF, Metrics]:
        px = self.px(size)
        entry = self._fonts.get(px)
        if entry is None:
            font = QFont(self.base)
            font.setPixelSize(px)
            fm = QFontMetricsF(font)
            widths: dict[str, float] = {}
            shaped = DigitShapes(fm).advance

            def measure(text: str, fm: QFontMetricsF = fm, widths: dict = widths) -> float:
                w = widths.get(text)
                if w is None:
                    if len(widths) >= MAX_REMEMBERED:
                        widths.clear()
                    # A new date is as wide as every date (in most fonts): see digit_shapes.
                    w = shaped(text)
                    if w is None:
                        w = fm.horizontalAdvance(text)
                    widths[text] = w
                return w

            entry = (font, fm, Metrics(measure, fm.lineSpacing()))
            self._fonts[px] = entry
        return entry

    def font(self, size: float) -> QFont:
        return self._entry(size)[0]

    def metrics(self, size: float) -> Metrics:
        return self._entry(size)[2]

    def qt_metrics(self, size: float) -> QFontMetricsF:
        return self._entry(size)[1]

    def __call__(self, size: float) -> Metrics:
        """``font_at`` for ``trappe.model.textfit``."""
        return self._entry(size)[2]

    def made_static(self, text: str, size: float) -> QStaticText | None:
        """``static``'s layout of ``text`` at this size if it was made already, else None."""
        return self._static.get((text, self.px(size)))

    def made_statics(self, size: float) -> Callable[[str], QStaticText | None]:
        """``made_static`` at one size, for many texts: a text's layout if made, else None
        (the size worked out once, not for each text)."""
        statics, px = self._static, self.px(size)
        return lambda text: statics.get((text, px))

    def static(self, text: str, size: float) -> QStaticText:
        """``text`` laid out once at this size (drawn again and again with
        ``QPainter.drawStaticText``: titles, dates and counts repeat on every paint)."""
        key = (text, self.px(size))
        found = self._static.get(key)
        if found is None:
            if len(self._static) >= MAX_REMEMBERED:
                self._static.clear()
            found = QStaticText(text)
            found.setTextFormat(Qt.TextFormat.PlainText)
            found.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
            found.prepare(font=self.font(size))
            self._static[key] = found
        return found
