"""A number's or date's advance width, measured once per *shape* rather than once per text.

Every citizen opened shows dates never measured before (beside the earlier placements on the
staircase, "senest 01-03-2026" in the open agreements), and Qt shapes each new text whole to
measure it. In a font whose ten digits are all as wide as each other and are not kerned
against each other nor against the separators in a date or number, "22-11-26" is exactly as
wide as "00-00-00": the same glyph advances, summed. ``DigitShapes`` checks that once per font
(and size) and then measures such a text by its shape, every digit written as "0"; in any
other font it says nothing, and the caller measures the text itself as before.
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

DIGITS = "0123456789"
ZERO_BYTES = bytes.maketrans(DIGITS[1:].encode(), b"0" * 9)
SEPARATORS = "-.,:"  # what may stand between the digits of a shaped text
_ALLOWED = frozenset(DIGITS + SEPARATORS)
_NO_DIGITS = frozenset(SEPARATORS)


def _every_digit_pair() -> str:
    """A text holding each ordered pair of digits at least once, side by side."""
    seen: set[str] = set()
    text = "0"
    # Greedy de Bruijn: from the last digit, the smallest next digit not yet paired with it.
    while len(seen) < 100:
        last = text[-1]
        for d in DIGITS:
            if last + d not in seen:
                seen.add(last + d)
                text += d
                break
        else:  # (cannot happen for a de Bruijn walk, but never loop forever)
            missing = next(a + b for a in DIGITS for b in DIGITS if a + b not in seen)
            seen.add(missing)
            text += missing
    return text


EVERY_DIGIT_PAIR = _every_digit_pair()


def zero_digits(text: str) -> str:
    """``text`` with every digit 0–9 written as "0" (all else as it is). Through UTF-8 bytes:
    ``str.translate`` with a mapping looks every character up, a failed lookup for each one
    not mapped, ten times slower for a line of text; no byte of a multi-byte UTF-8 sequence is
    an ASCII digit."""
    return (
        text.encode("utf-8", "surrogatepass").translate(ZERO_BYTES).decode("utf-8", "surrogatepass")
    )


# Each byte of a text's UTF-8 as its class: a digit "0", what may stand beside a digit in a
# text measured by its shape (a separator, a space, a line break) " ", anything else "x".
TEXT_CLASSES = bytes(
    ord("0") if chr(b) in DIGITS else ord(" ") if chr(b) in SEPARATORS + " \n" else ord("x")
    for b in range(256)
)


def text_shape(text: str) -> str | None:
    """``text`` with every digit written "0", if each digit in it stands only beside digits,
    ``SEPARATORS``, spaces and line breaks (so its numbers and dates are kerned and broken as
    their shapes are); else None."""
    raw = text.encode("utf-8", "surrogatepass")
    classes = raw.translate(TEXT_CLASSES)
    # (``find``, not ``in``: ``b"x0" in classes`` first tries its left side as a byte value and
    # formats an error message for it before it searches, several times the search's cost)
    if classes.find(b"x0") >= 0 or classes.find(b"0x") >= 0:
        return None
    return raw.translate(ZERO_BYTES).decode("utf-8", "surrogatepass")


def digit_shape(text: str) -> str | None:
    """``text`` with every digit written as "0", if it is digits and separators only and
    holds a digit (else None: not a text measured by its shape)."""
    if not _ALLOWED.issuperset(text) or _NO_DIGITS.issuperset(text):
        return None
    return zero_digits(text)


def uniform_digits(fm: QFontMetricsF) -> bool:
    """Whether every text of digits and ``SEPARATORS`` is as wide in this font as its shape:
    the digits are equally wide, and no pair of digits, nor a digit beside a separator, is
    kerned (each such pair is measured in a text whose width must be the sum of its
    characters' advances)."""
    advance = fm.horizontalAdvance
    width = advance("0")
    if any(advance(d) != width for d in DIGITS):
        return False
    if advance(EVERY_DIGIT_PAIR) != width * len(EVERY_DIGIT_PAIR):
        return False
    for s in SEPARATORS:
        around = s.join(DIGITS) + s + "0"  # every digit before and after the separator
        if advance(s + around) != width * 11 + advance(s) * 11:
            return False
    return True


class DigitShapes:
    """Advances of digit texts in one font, each shape measured once (see the module)."""

    def __init__(self, fm: QFontMetricsF) -> None:
        self._fm = fm
        self._uniform: bool | None = None
        self._shapes: dict[str, float] = {}

    def uniform(self) -> bool:
        """Whether this font's digit texts are as wide as their shapes (checked once)."""
        if self._uniform is None:
            self._uniform = uniform_digits(self._fm)
        return self._uniform

    def advance(self, text: str) -> float | None:
        """``fm.horizontalAdvance(text)`` where ``text`` is measured by its shape; else None."""
        shape = digit_shape(text)
        if shape is None or not self.uniform():
            return None
        width = self._shapes.get(shape)
        if width is None:
            if len(self._shapes) > 256:
                self._shapes.clear()
            width = self._shapes[shape] = self._fm.horizontalAdvance(shape)
        return width
