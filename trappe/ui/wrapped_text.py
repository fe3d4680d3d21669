"""How tall a word-wrapped plain text is, as ``QFontMetrics.boundingRect`` says, mostly without
asking Qt to lay it out.

Qt lays a wrapped text out by shaping it whole with HarfBuzz, every time: measuring forty open
agreements was a good part of opening a citizen. Their words repeat (a caseworker's vocabulary,
the responsible party, "senest", dates), so ``WrappedHeights`` remembers each word's advance per
font and breaks the lines itself, greedily, as Qt does: a word goes on the line if the line, a
space and the word (with the ink its last glyph sticks out past its advance) fit the width.

Only texts whose breaking it models exactly are measured that way: single spaces between
"plain" words (Latin letters and digits, with a few punctuation marks where no line can break),
no character outside the font, none that the font kerns against a space, and no decision within
``MARGIN`` of the width. Any other text, and any word wider than the line, is measured by Qt
itself, so every height is the one ``QFontMetrics.boundingRect`` gives
(``tests/ui/test_wrapped_text.py`` compares them over many texts and widths).
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF

from trappe.ui.digit_shapes import DigitShapes

MARGIN = 1.0  # px: a line this close to the width is left to Qt
MAX_WORDS = 20_000  # remembered advances per font (about 2 MB)

_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f"
# A word with no break opportunity inside it and none in front of it but the space: letters and
# digits ("Tjekke", "17", "CV"), a number with inner separators ("01-03-2026", "1,5", "08.30"),
# an opening parenthesis in front, closing punctuation behind ("praktik.", "5:", "(kursus)"),
# or a middle dot standing alone ("Borger · senest").
_PLAIN = re.compile(rf"\(?(?:[0-9]+(?:[-.,:][0-9]+)+|[{_LETTERS}0-9]+)[.,:;!?)]*|\u00b7")
_WRAP = int(Qt.TextFlag.TextWordWrap)


class WrappedHeights:
    """Heights of texts wrapped at a width in one font, as ``QFontMetrics(font).boundingRect(
    0, 0, width, 10_000, Qt.TextWordWrap, text).height()`` gives them."""

    def __init__(self, font: QFont) -> None:
        self.qt_metrics = QFontMetrics(font)
        self._fm = QFontMetricsF(font)
        self._space = self._fm.horizontalAdvance(" ")
        # word -> (advance, advance + ink past it), or None: not measured here (see _word)
        self._words: dict[str, tuple[float, float] | None] = {}
        # the same advances, of words whose ink sticks out past them by less than a space (a
        # paragraph of such words fits on one line if they and a space after each fit)
        self._advances: dict[str, float] = {}
        self._chars: dict[str, bool] = {}
        self._shaped = DigitShapes(self._fm).advance
        self._line_heights: dict[int, int] = {}
        self.asked_qt = 0  # texts measured by Qt's own layout (for tests)

    def height(self, text: str, width: int) -> int:
        lines = self.lines(text, width)
        if lines is None:
            self.asked_qt += 1
            return self.qt_metrics.boundingRect(0, 0, width, 10_000, _WRAP, text).height()
        height = self._line_heights.get(lines)
        if height is None:
            sample = "\n".join("x" * lines)
            height = self.qt_metrics.boundingRect(0, 0, width, 10_000, _WRAP, sample).height()
            self._line_heights[lines] = height
        return height

    def lines(self, text: str, width: int) -> int | None:
        """How many lines Qt wraps ``text`` into at ``width``; None where this cannot say."""
        if len(self._words) > MAX_WORDS:
            self._words.clear()
            self._advances.clear()
        advances, space, low = self._advances, self._space, width - MARGIN
        lines = 0
        for paragraph in text.split("\n"):
            words = paragraph.split(" ")
            try:  # the common case, summed in C: known words that fit on one line with room
                fits = sum(map(advances.__getitem__, words)) + space * len(words) <= low
            except KeyError:  # a word not measured yet, or not one measured here
                fits = False
            if fits:
                lines += 1
                continue
            more = self._paragraph_lines(words, width)
            if more is None:
                return None
            lines += more
        return lines

    def _paragraph_lines(self, paragraph: list[str], width: int) -> int | None:
        """The lines of one paragraph (its words), broken greedily as Qt breaks them."""
        words, space = self._words, self._space
        low, high = width - MARGIN, width + MARGIN
        lines = 0
        line = -space  # the width of the line so far, less the space before the next word
        for word in paragraph:
            found = words.get(word, False)
            if found is False:
                found = words[word] = self._word(word)
                if found is not None and found[1] - found[0] <= space:
                    self._advances[word] = found[0]
            if found is None:
                return None
            advance, ink = found
            if ink > low:  # too wide for a line of its own, or close to it: Qt decides
                return None
            if line < 0:
                line = advance
                lines += 1
                continue
            end = line + space + ink
            if low <= end <= high:
                return None
            if end > width:
                line = advance
                lines += 1
            else:
                line += space + advance
        return lines

    def _word(self, word: str) -> tuple[float, float] | None:
        """The word's advance and its advance plus the ink of its last glyph past it; None if
        it is not a plain word (also: empty, where two spaces or an empty line meet), or a
        character of it is not in the font or is kerned against a space (then the word's width
        beside a space is not its own width plus the space's)."""
        if not _PLAIN.fullmatch(word):
            return None
        fm = self._fm
        for char in word:
            ok = self._chars.get(char)
            if ok is None:
                ok = self._chars[char] = fm.inFontUcs4(ord(char)) and (
                    fm.horizontalAdvance(f" {char} ")
                    == fm.horizontalAdvance(char) + 2 * self._space
                )
            if not ok:
                return None
        advance = self._shaped(word)  # a new date or number: as wide as its shape
        if advance is None:
            advance = fm.horizontalAdvance(word)
        return advance, advance + max(0.0, -fm.rightBearing(word[-1]))
