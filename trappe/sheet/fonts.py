"""The sheet's fonts: DejaVu Sans, shipped in ``resources/fonts`` and embedded in every PDF.

DejaVu covers Danish letters and most European scripts (Latin, Greek, Cyrillic), so names
from other alphabets render instead of showing empty boxes. Registered once per process.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from trappe.paths import FONTS

REGULAR = "TrappeSans"
BOLD = "TrappeSans-Bold"
ITALIC = "TrappeSans-Oblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
}
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the TTF fonts with reportlab (idempotent, thread-safe)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, file in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))
        # So that <b> and <i> in Paragraphs pick the right faces.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, ITALIC)
        addMapping(REGULAR, 1, 1, BOLD)
        _registered = True


def text_width(text: str, font: str, size: float) -> float:
    register_fonts()
    return pdfmetrics.stringWidth(text, font, size)
