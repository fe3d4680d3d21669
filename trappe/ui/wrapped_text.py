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

from trappe.ui.digit_shapes import (
    DIGITS,
    TEXT_CLASSES,
    ZERO_BYTES,
    DigitShapes,
    digit_shape,
    text_shape,
    zero_digits,
)

MARGIN = 1.0  # px: a line this close to the width is left to Qt
MAX_WORDS = 20_000  # remembered advances per font (about 2 MB)

_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f"
# A word with no break opportunity inside it and none in front of it but the space: letters and
# digits ("Tjekke", "17", "CV"), a number with inner separators ("01-03-2026", "1,5", "08.30"),
# an opening parenthesis in front, closing punctuation behind ("praktik.", "5:", "(kursus)"),
# or a middle dot standing alone ("Borger · senest").
_PLAIN = re.compile(rf"\(?(?:[0-9]+(?:[-.,:][0-9]+)+|[{_LETTERS}0-9]+)[.,:;!?)]*|\u00b7")
_WRAP = int(Qt.TextFlag.TextWordWrap)
# ``TEXT_CLASSES`` with a NUL as a space: texts joined by NULs stay apart in ``heights``
_APART_CLASSES = b" " + TEXT_CLASSES[1:]
_BESIDE_DIGIT = re.compile(rb"x0|0x")
_DIGITS = frozenset(DIGITS)


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
        self._overhangs: dict[str, float] = {}  # char -> its ink past its advance
        self._shape_advances: dict[str, float] = {}  # a number's or date's shape -> advance
        self._digits = DigitShapes(self._fm)
        self._shaped = self._digits.advance
        # Whether the remembered advances of numbers and dates are kept by their shape (every
        # digit "0"), so a text's new dates are found there too (decided at the first text).
        self._by_shape: bool | None = None
        # ... and whether a text's height may be remembered by its shape (see ``height``)
        self._same_digits = False
        self._shape_heights: dict[tuple[int, str], int] = {}
        self._line_heights: dict[int, int] = {}
        self.asked_qt = 0  # texts measured by Qt's own layout (for tests)

    def height(self, text: str, width: int) -> int:
        """The height Qt gives ``text`` wrapped at ``width``. A text whose numbers and dates
        stand only beside spaces, line breaks and each other's separators is as tall as its
        shape, every digit "0", where the font's digits are alike in every way Qt breaks lines
        by (``_same_digits``): each such shape is measured once per width."""
        if self._by_shape is None:
            self._by_shape = self._shapes_fit()
        if self._same_digits:
            shaped = text_shape(text)
            if shaped is not None:
                key = (width, shaped)
                height = self._shape_heights.get(key)
                if height is None:
                    if len(self._shape_heights) > MAX_WORDS:
                        self._shape_heights.clear()
                    height = self._shape_heights[key] = self._measure(text, width)
                return height
        return self._measure(text, width)

    def heights(self, texts: list[str], width: int) -> list[int]:
        """``height`` of each text. The texts are shaped together (``text_shape`` of all at
        once: one text of them all, apart by NULs, encoded, classed and zeroed in one go)."""
        if self._by_shape is None:
            self._by_shape = self._shapes_fit()
        raw = "\0".join(texts).encode("utf-8", "surrogatepass")
        shapes = raw.translate(ZERO_BYTES).decode("utf-8", "surrogatepass").split("\0")
        if not self._same_digits or len(shapes) != len(texts):  # (or a text holds a NUL)
            return [self.height(text, width) for text in texts]
        classes = raw.translate(_APART_CLASSES)
        odd = set()  # the texts with a digit beside a letter or mark: not by their shapes
        if classes.find(b"x0") >= 0 or classes.find(b"0x") >= 0:  # (as ``text_shape``)
            odd = {raw.count(b"\0", 0, m.start()) for m in _BESIDE_DIGIT.finditer(classes)}
        known, measure = self._shape_heights, self._measure
        out = []
        for i, shape in enumerate(shapes):
            if i in odd:
                out.append(measure(texts[i], width))
                continue
            key = (width, shape)
            height = known.get(key)
            if height is None:
                if len(known) > MAX_WORDS:
                    known.clear()
                height = known[key] = measure(texts[i], width)
            out.append(height)
        return out

    def _measure(self, text: str, width: int) -> int:
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
            self._shape_advances.clear()
        by_shape = self._by_shape
        if by_shape is None:
            by_shape = self._by_shape = self._shapes_fit()
        advances, space, low = self._advances, self._space, width - MARGIN
        lines = 0
        paragraphs = None
        # (in the shaped text a new date is "00-00-0000", its advance known)
        shaped = zero_digits(text) if by_shape else text
        for i, paragraph in enumerate(shaped.split("\n")):
            words = paragraph.split(" ")
            try:  # the common case, summed in C: known words that fit on one line with room
                fits = sum(map(advances.__getitem__, words)) + space * len(words) <= low
            except KeyError:  # a word not measured yet, or not one measured here
                fits = False
            if fits:
                lines += 1
                continue
            if by_shape:  # the paragraph's own words (the shaped ones stand for several)
                if paragraphs is None:
                    paragraphs = text.split("\n")
                words = paragraphs[i].split(" ")
            more = self._paragraph_lines(words, width)
            if more is None:
                return None
            lines += more
        return lines

    def _shapes_fit(self) -> bool:
        """Whether numbers and dates may be remembered by their shape in ``_advances``: the
        font's digit texts are as wide as their shapes, and no digit's ink sticks out past its
        advance by more than a space (what ``_advances`` holds of each word)."""
        if not self._digits.uniform() or not all(self._char_fits(d) for d in DIGITS):
            return False
        overhangs = {self._overhang(d) for d in DIGITS}
        # Qt breaks a line by the advances and by how far the last glyph's ink sticks out:
        # digits alike in both break a text as they break its shape.
        self._same_digits = len(overhangs) == 1
        return max(overhangs) <= self._space

    def _char_fits(self, char: str) -> bool:
        """Whether ``char`` is in the font and not kerned against a space."""
        ok = self._chars.get(char)
        if ok is None:
            fm = self._fm
            ok = self._chars[char] = fm.inFontUcs4(ord(char)) and (
                fm.horizontalAdvance(f" {char} ") == fm.horizontalAdvance(char) + 2 * self._space
            )
        return ok

    def _fast_key(self, word: str) -> str | None:
        """Where ``lines`` finds this word's advance: by itself, by its shape (a number or
        date, when ``_by_shape``), or nowhere (a word with digits among other characters: its
        shaped text is not its shape)."""
        if not self._by_shape:
            return word
        shape = digit_shape(word)
        if shape is not None:
            return shape
        return word if _DIGITS.isdisjoint(word) else None

    def _new_word(self, word: str) -> tuple[float, float] | None:
        """``_word``, remembered; a number or date of a shape seen before is not measured
        again (where ``_by_shape``: its advance is its shape's, its ink past it its last
        digit's)."""
        if self._by_shape:
            shape = zero_digits(word)
            advance = self._shape_advances.get(shape)
            if advance is not None:
                found = (advance, advance + self._overhang(word[-1]))
            else:
                found = self._word(word)
                if found is not None and digit_shape(word) is not None:
                    self._shape_advances[shape] = found[0]
        else:
            found = self._word(word)
        self._words[word] = found
        if found is not None and found[1] - found[0] <= self._space:
            key = self._fast_key(word)
            if key is not None:
                self._advances[key] = found[0]
        return found

    def _overhang(self, char: str) -> float:
        """How far ``char``'s ink sticks out past its advance (0 if it does not)."""
        ink = self._overhangs.get(char)
        if ink is None:
            ink = self._overhangs[char] = max(0.0, -self._fm.rightBearing(char))
        return ink

    def _paragraph_lines(self, paragraph: list[str], width: int) -> int | None:
        """The lines of one paragraph (its words), broken greedily as Qt breaks them."""
        words, space = self._words, self._space
        low, high = width - MARGIN, width + MARGIN
        lines = 0
        line = -space  # the width of the line so far, less the space before the next word
        for word in paragraph:
            found = words.get(word, False)
            if found is False:
                found = self._new_word(word)
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
        chars = self._chars
        for char in word:
            ok = chars.get(char)
            if ok is None:
                ok = self._char_fits(char)
            if not ok:
                return None
        advance = self._shaped(word)  # a new date or number: as wide as its shape
        if advance is None:
            advance = fm.horizontalAdvance(word)
        return advance, advance + self._overhang(word[-1])
