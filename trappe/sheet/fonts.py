"""The sheet's fonts: DejaVu Sans, with Droid Sans Fallback for what DejaVu cannot draw.

Both are shipped in ``resources/fonts`` and embedded (subset) in the PDFs that use them.
DejaVu covers Danish letters and most European scripts (Latin, Greek, Cyrillic). Names and
notes in Chinese, Japanese or Korean would show empty boxes in DejaVu, so every character
the primary font has no glyph for, and the fallback has, is drawn in the fallback font.

That split happens here and only here: ``runs`` cuts a string into runs by glyph coverage
(the fonts' own cmaps), ``markup`` turns it into escaped Paragraph markup with
``<font name=…>`` around the fallback runs, ``draw_text`` draws it on a canvas run by run,
and ``text_width`` measures it the same way, so wrapping and fitting agree with the drawing.

The fallback has one (regular) face: in bold text its characters are drawn regular.
Right-to-left scripts (Arabic, Hebrew) stay with DejaVu, which has their letters, unshaped.

The primary fonts are registered once per process; the fallback (a 3.4 MB font that takes
a noticeable moment to parse) only the first time a text needs it.
"""

from __future__ import annotations

import threading
from typing import Any, Literal
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from trappe.paths import resource_path

REGULAR = "TrappeSans"
BOLD = "TrappeSans-Bold"
ITALIC = "TrappeSans-Oblique"
FALLBACK = "TrappeFallback"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
}
FALLBACK_FILE = "DroidSansFallback.ttf"

# Control characters and whitespace always stay in the text's own font: they have no glyph
# to draw, and a run boundary at every space or line break would only add font switches.
_NEUTRAL = frozenset(chr(c) for c in range(0x20)) | frozenset(" \u00a0\u2028\u2029\ufeff")

_lock = threading.Lock()
_registered = False
_covered: dict[str, frozenset[str]] = {}  # font name -> the characters it has glyphs for
_fallback_chars: frozenset[str] | None = None

Run = tuple[str, str]  # (text, font name)


def _glyphs(font: TTFont) -> frozenset[str]:
    return frozenset(chr(c) for c in font.face.charToGlyph)


def register_fonts() -> None:
    """Register the primary TTF fonts with reportlab (idempotent, thread-safe)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, file in _FILES.items():
            font = TTFont(name, str(resource_path("fonts", file)))
            pdfmetrics.registerFont(font)
            _covered[name] = _glyphs(font) | _NEUTRAL
        # So that <b> and <i> in Paragraphs pick the right faces.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, ITALIC)
        addMapping(REGULAR, 1, 1, BOLD)
        _registered = True


def fallback_chars() -> frozenset[str]:
    """The characters of the fallback font; registers it on first use (thread-safe)."""
    global _fallback_chars
    if _fallback_chars is not None:
        return _fallback_chars
    with _lock:
        if _fallback_chars is None:
            font = TTFont(FALLBACK, str(resource_path("fonts", FALLBACK_FILE)))
            pdfmetrics.registerFont(font)
            # One face for every style: <b> or <i> around a fallback run keeps this font.
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FALLBACK, bold, italic, FALLBACK)
            _fallback_chars = _glyphs(font) - _NEUTRAL
    return _fallback_chars


def runs(text: str, font: str) -> list[Run]:
    """``text`` cut into (text, font) runs: ``font`` where it has the glyph, else the fallback.

    Characters neither font has stay in ``font`` (its "missing glyph" box, as before).
    A font that is not one of the primary fonts is returned as is, in one run.
    """
    register_fonts()
    covered = _covered.get(font)
    if covered is None or covered.issuperset(text):
        return [(text, font)] if text else []
    extra = fallback_chars()
    out: list[Run] = []
    start = 0
    current = font
    for i, ch in enumerate(text):
        wanted = FALLBACK if ch not in covered and ch in extra else font
        if wanted != current:
            if i > start:
                out.append((text[start:i], current))
            start, current = i, wanted
    out.append((text[start:], current))
    return out


def markup(text: str, font: str = REGULAR) -> str:
    """``text`` as escaped Paragraph markup for a paragraph set in ``font``.

    Runs the font cannot draw are wrapped in ``<font name="TrappeFallback">``.
    """
    return "".join(
        escape(part) if f == font else f'<font name="{f}">{escape(part)}</font>'
        for part, f in runs(text, font)
    )


def text_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` as ``draw_text`` and ``markup`` draw it (fallback included)."""
    return sum(pdfmetrics.stringWidth(part, f, size) for part, f in runs(text, font))


def draw_text(
    canv: Any,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    anchor: Literal["start", "middle", "end"] = "start",
) -> float:
    """Draw one line of ``text`` with its baseline at ``y``; return its width.

    ``anchor`` says whether ``x`` is the start, the middle or the end of the line (as
    drawString, drawCentredString and drawRightString). Leaves ``font`` set on the canvas.
    """
    parts = runs(text, font)
    width = sum(pdfmetrics.stringWidth(part, f, size) for part, f in parts)
    if anchor == "middle":
        x -= width / 2
    elif anchor == "end":
        x -= width
    for part, f in parts:
        _set_font(canv, f, size)
        canv.drawString(x, y, part)
        x += pdfmetrics.stringWidth(part, f, size)
    _set_font(canv, font, size)
    return width


def _set_font(canv: Any, font: str, size: float) -> None:
    """``setFont`` unless already set (each call writes to the page stream)."""
    if getattr(canv, "_fontname", None) != font or getattr(canv, "_fontsize", None) != size:
        canv.setFont(font, size)
