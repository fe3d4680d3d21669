"""Font metrics that measure digits unevenly or kerned, for the code that measures dates and
numbers by their shape: it must see them and measure each text itself."""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF


class Proportional(QFontMetricsF):
    """A font whose digits differ in width (as many old-style figures do)."""

    def horizontalAdvance(self, text: str, *args: object) -> float:  # type: ignore[override]
        return sum(7.0 if c == "1" else 9.0 for c in text)


class KernedDash(QFontMetricsF):
    """Even digits, but "1" kerned tight against "-"."""

    def horizontalAdvance(self, text: str, *args: object) -> float:  # type: ignore[override]
        return 9.0 * len(text) - 2.0 * text.count("1-")


class KernedDigits(QFontMetricsF):
    """Even digits, but "7" kerned against "4"."""

    def horizontalAdvance(self, text: str, *args: object) -> float:  # type: ignore[override]
        return 9.0 * len(text) - 1.5 * text.count("74")
