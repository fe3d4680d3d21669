"""Plain paragraphs measured, broken and drawn without reportlab's line breaker.

Most texts on a sheet are a line or two of plain words: the name, the labelled lines
("Sagsbehandler: …"), the dates, most agreements. For those, ``Paragraph.wrap`` (breaking
into words, measuring each, filling lines) and ``Paragraph.drawOn`` (a saved state, a move,
another saved state and a text object per fragment) cost some 0.2-0.4 ms each, while the
picture is one text object: the words, in their colours, one space apart, line under line.
``one_line`` says whether a paragraph's fragments are that plain (one font and size, only
spaces between words) and gives its words; ``OneLine.lines`` fills lines with them greedily
as reportlab does, and ``draw`` draws them where reportlab would. A word wider than the
line, a line that would need its spaces shrunk to fit, or anything else in the paragraph
(another font or size, a line break, a link, a rise, a soft hyphen, odd white space) keeps
reportlab's own way. ``tests/sheet/test_sheet_oneline.py`` holds the two to the same pixels
and the same extracted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph

# What a plain fragment carries (from the parser, or ``style._plain_frag``): anything else
# (a link, a line break, a callback, a background, an image) keeps reportlab's way.
_PLAIN_KEYS = frozenset(
    ("rise", "greek", "link", "fontName", "bold", "italic", "fontSize", "textColor", "text")
) | {"us_lines", "__tag__"}
# White space other than the space and the no-break space (reportlab splits words at some of
# them, Python's ``split`` at others), zero-width space, soft hyphen: reportlab's way.
_ODD = re.compile("[^\\S \u00a0]|[\u200b\u00ad]")
_SPACES = re.compile(" {2,}")
# A line must fit with this much to spare: a text that only just fits is left to reportlab,
# so a rounding difference in the sum of widths can never decide the line differently.
_SPARE = 1e-6

Run = tuple[str, Any]  # (text, colour)


Line = tuple[Run, ...]  # a line's runs, the spaces between its words included


@dataclass(frozen=True)
class OneLine:
    """A paragraph's words, every run in ``font`` at ``size``; broken into lines as reportlab
    breaks them (``lines``) where that is plain: no word wider than the line, no line that
    would need its spaces shrunk to fit (reportlab's ``spaceShrinkage``)."""

    font: str
    size: float
    text: str  # the whole text on one line, as measured
    runs: tuple[Run, ...]  # ... and as drawn on one line
    words: tuple[tuple[Run, ...], ...]  # the runs of each word
    shrinkage: float = 0.05  # the style's ``spaceShrinkage``

    def width(self) -> float:
        return stringWidth(self.text, self.font, self.size)

    def fits(self, avail_width: float) -> bool:
        return self.width() < avail_width - _SPARE

    def lines(self, avail_width: float) -> tuple[Line, ...] | None:
        """The lines at ``avail_width`` (reportlab's greedy filling), or None where reportlab
        would do more than fill (split a long word, shrink spaces) or the sums are too close
        to call."""
        if self.fits(avail_width):
            return (self.runs,)
        font, size = self.font, self.size
        space = stringWidth(" ", font, size)
        lines: list[list[tuple[Run, ...]]] = []
        current: list[tuple[Run, ...]] = []
        used = 0.0
        for word in self.words:
            w = sum(stringWidth(text, font, size) for text, _ in word)
            if w >= avail_width - _SPARE:
                return None  # reportlab splits a word wider than the line
            if not current:
                current, used = [word], w
                continue
            wider = used + space + w
            if wider < avail_width - _SPARE:
                current.append(word)
                used = wider
            elif wider > avail_width + self.shrinkage * space * (len(current) + 2) + _SPARE:
                lines.append(current)
                current, used = [word], w
            else:
                return None  # it might fit with shrunk spaces: reportlab's decision
        lines.append(current)
        return tuple(_joined(line) for line in lines)


def _joined(words: list[tuple[Run, ...]]) -> Line:
    """One line's runs: its words one space apart, runs of one colour merged."""
    runs: list[list[Any]] = []
    for i, word in enumerate(words):
        for j, (text, colour) in enumerate(word):
            if i and not j:
                text = " " + text
            if runs and runs[-1][1] == colour:
                runs[-1][0] += text
            elif i and not j:  # the space goes with the run before it
                runs[-1][0] += " "
                runs.append([text[1:], colour])
            else:
                runs.append([text, colour])
    return tuple((text, colour) for text, colour in runs)


def _style_is_plain(style: Any) -> bool:
    return (
        paragraph.paraFontSizeHeightOffset  # (else the baseline is at the font's ascent)
        and style.alignment == TA_LEFT
        and not (style.leftIndent or style.firstLineIndent or style.rightIndent)
        and not (style.backColor or style.borderColor or style.borderWidth)
        and not (style.wordWrap or style.endDots or style.textTransform or style.shaping)
        and getattr(style, "autoLeading", "") in ("", "off", None)
    )


def one_line(frags: list[Any], style: Any) -> OneLine | None:
    """The runs a one-line drawing of ``frags`` shows, or None if they are not that plain.

    reportlab splits a paragraph's text into words at spaces (across fragments), drops the
    spaces at either end and draws the words one space apart; the no-break space is part
    of a word. So the line is the fragments' texts with each run of spaces made one."""
    if not frags or not _style_is_plain(style):
        return None
    first = frags[0]
    font, size = first.fontName, first.fontSize
    for f in frags:
        d = f.__dict__
        if (
            not isinstance(d.get("text"), str)
            or not _PLAIN_KEYS.issuperset(d)
            or d.get("rise")
            or d.get("link")
            or d.get("us_lines")
            or d.get("greek")
            or f.fontName != font
            or f.fontSize != size
        ):
            return None
    if _ODD.search("".join(f.text for f in frags)):
        return None
    runs: list[list[Any]] = []
    after_space = True  # at the start: leading spaces go
    for f in frags:
        text = f.text
        if after_space:
            text = text.lstrip(" ")
        if "  " in text:
            text = _SPACES.sub(" ", text)
        if not text:
            continue
        after_space = text.endswith(" ")
        colour = f.textColor
        if runs and (runs[-1][1] is colour or runs[-1][1] == colour):
            runs[-1][0] += text
        else:
            runs.append([text, colour])
    while runs and runs[-1][0].endswith(" "):  # trailing spaces go
        runs[-1][0] = runs[-1][0].rstrip(" ")
        if not runs[-1][0]:
            runs.pop()
    if not runs:
        return None
    whole = "".join(text for text, _ in runs)
    words: list[tuple[Run, ...]] = []
    word: list[Run] = []
    for text, colour in runs:
        for j, part in enumerate(text.split(" ")):
            if j and word:
                words.append(tuple(word))
                word = []
            if part:
                word.append((part, colour))
    if word:
        words.append(tuple(word))
    return OneLine(
        font,
        size,
        whole,
        tuple((text, colour) for text, colour in runs),
        tuple(words),
        style.spaceShrinkage or 0.0,
    )


def draw(
    canv: Any, lines: tuple[Line, ...], font: str, size: float, x: float, y: float, leading: float
) -> None:
    """Draw ``lines`` as reportlab draws a paragraph of them at (x, y): moved to (x, y), the
    first baseline one font size below its top (``paraFontSizeHeightOffset``), each line
    ended by moving on one leading ("T*"). (The move, rather than the text placed at x, y,
    and the lines ended as reportlab ends them: text extraction, pypdf's included, reads
    the page as it reads reportlab's.)"""
    colour = lines[0][0][1]
    canv.saveState()
    canv.translate(x, y)
    canv.setFillColor(colour)
    text = canv.beginText(0, len(lines) * leading - size)
    text.setFont(font, size, leading)
    for runs in lines:
        last = len(runs) - 1
        for i, (part, c) in enumerate(runs):
            if c is not colour and c != colour:
                text.setFillColor(c)
                colour = c
            if i < last:
                text.textOut(part)
            else:
                text.textLine(part)
    canv.drawText(text)
    canv.restoreState()
