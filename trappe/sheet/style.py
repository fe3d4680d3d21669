"""The sheet's page geometry, colours and paragraph styles, and the Paragraph helpers.

Text reaches a Paragraph only through ``fonts.markup`` (``para`` escapes plain text and puts
what DejaVu Sans has no glyph for in the fallback font); ``pm`` takes markup that callers
built from ``fonts.markup`` pieces.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Hashable
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

from trappe.model.geometry import MarkerKind
from trappe.model.markers import MARKER_STYLES
from trappe.sheet import oneline
from trappe.sheet.fonts import BOLD, REGULAR, markup, register_fonts
from trappe.sheet.forms import stamp

PAGE_W, PAGE_H = A4
MARGIN_X = 14 * mm
MARGIN_TOP = 13 * mm
MARGIN_BOTTOM = 10 * mm
FOOTER_H = 9 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
CONTENT_BOTTOM = MARGIN_BOTTOM + FOOTER_H  # flowing content stays above this
STAIR_H = 88 * mm
SIGNATURE_H = 19 * mm
RULE_GAP = 8 * mm
MIN_RULED_LINES = 2

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
FAINT = colors.HexColor("#8c8c8c")
HAIRLINE = colors.HexColor("#b3b3b3")
HEADER_FILL = colors.HexColor("#e9ecef")
PHASE_FILL = colors.HexColor("#f1f3f5")
# The markers' colours are the model's (markers.MARKER_STYLES): the same on screen and paper.
PROFESSIONAL_COLOUR = colors.HexColor(MARKER_STYLES[MarkerKind.PROFESSIONAL].fill)
CITIZEN_COLOUR = colors.HexColor(MARKER_STYLES[MarkerKind.CITIZEN].fill)
GOAL_FILL = colors.HexColor(MARKER_STYLES[MarkerKind.GOAL].fill)
HISTORY_COLOUR = colors.HexColor(MARKER_STYLES[MarkerKind.HISTORY_PROFESSIONAL].outline)

CONFIDENTIAL = "Fortroligt: indeholder personoplysninger. Opbevares og makuleres forsvarligt."
CONFIDENTIAL_BLANK = "Fortroligt, når arket er udfyldt. Opbevares og makuleres forsvarligt."
TITLE = "Dialogark — Trappemodellen"


# -- styles ---------------------------------------------------------------------------------
@lru_cache(maxsize=256)
def make_style(
    name: str,
    font: str = REGULAR,
    size: float = 9,
    leading: float | None = None,
    colour: Any = INK,
    **kw: Any,
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=leading or size * 1.25,
        textColor=colour,
        splitLongWords=1,
        **kw,
    )


register_fonts()
S_MUNICIPALITY = make_style("municipality", BOLD, 10, colour=MUTED)
S_TITLE = make_style("title", BOLD, 15, 18)
S_NAME = make_style("name", BOLD, 17, 20.5)
S_NAME_LONG = make_style("name_long", BOLD, 13, 16)
S_INFO = make_style("info", REGULAR, 9, 12)
S_BOX_LABEL = make_style("box_label", REGULAR, 8, 10, MUTED)
S_BOX_VALUE = make_style("box_value", BOLD, 12, 15)
S_BOX_BIG = make_style("box_big", BOLD, 15, 18)
S_HEADING = make_style("heading", BOLD, 10.5, 13)
S_BODY = make_style("body", REGULAR, 9, 12.2)
S_CELL = make_style("cell", REGULAR, 8.5, 10.8)
S_CELL_HEAD = make_style("cell_head", BOLD, 8.5, 10.8)
S_CONT = make_style("cont", BOLD, 11, 13.5)


def text_para(
    text: str, style: ParagraphStyle, kind: type[SharedParagraph] | None = None
) -> Paragraph:
    """A Paragraph of plain text (escaped, fallback font where needed; newlines kept)."""
    return markup_para(markup(text, style.fontName).replace("\n", "<br/>"), style, kind)


# Parsing a Paragraph's markup and breaking it into lines are the dearest parts of making
# one, and a batch repeats the same texts on sheet after sheet (labels, headings, dates, the
# staff's names, common agreements). So a Paragraph is shared by every sheet that shows the
# same markup in the same style, and it remembers its lines per width (``SharedParagraph``).
# Styles come from ``make_style``'s cache, so the style's identity is part of the key (the
# entry keeps its style alive). Two generations bound the memory: when the newer fills up it
# becomes the older and the older is dropped; a text still in use is carried forward. Each
# thread has its own (a preview may render while an export does), so a shared Paragraph is
# never wrapped by one thread between another's wrap and draw.
# A sheet adds about five texts of its own (name, identifier, dates), each some 8 KB with its
# lines: 4,000 a generation held some 60 MB per batch process (two at a time: 110 MB a
# worker), and drew no faster than 1,000 (about 200 sheets' texts; 80 MB a worker). A text
# the sheets repeat (labels, headings, staff, common agreements) is carried forward.
_SHARED_MAX = 1_000


class _Shared(threading.local):
    def __init__(self) -> None:
        self.newer: dict[tuple[str, int, type], Paragraph] = {}
        self.older: dict[tuple[str, int, type], Paragraph] = {}


_shared = _Shared()


# A form costs a PDF object of its own (and an entry in each page that shows it); drawing a
# paragraph costs a little content. Measured on batches of the 100k demo, a text pays for its
# form from about its fifth showing in a part (600-sheet batches, best of three: from the
# second showing 210 sheets/s, from the fourth to the 21st 240-250).
DRAWN_BEFORE_FORM = 4


class SharedParagraph(Paragraph):
    """A Paragraph that may be drawn on many sheets: wrapped once per width.

    ``Paragraph.wrap`` depends on the width alone (the lines, their height); drawing and
    splitting read what the last wrap left, so a remembered wrap restores exactly that.
    A paragraph of plain words is broken and drawn as its plain lines (``oneline``)."""

    one_line: oneline.OneLine | None = None  # set by ``_new_paragraph`` when the fragments allow
    drawn_as_line = False  # the last wrap broke it into plain lines (``plain_lines``)
    plain_lines: tuple[oneline.Line, ...] = ()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Not public API, on purpose: reportlab has no way to keep a wrap, and a batch wraps the
        # same paragraph thousands of times. ``blPara`` and ``_wrapWidths`` are exactly what
        # ``Paragraph.wrap`` sets; test_sheet_batch.py's late-in-a-batch pixel comparison fails
        # if a reportlab update changes that (a remembered wrap must draw as a fresh one).
        memo = self.__dict__.setdefault("_wrapped", {})
        hit = memo.get(availWidth)
        if hit is None:
            plain = self.one_line
            lines = plain.lines(availWidth) if plain is not None and availWidth >= 1 else None
            if lines is not None:
                height = len(lines) * self.style.leading
                hit = memo[availWidth] = (availWidth, height, None, None, lines)
            else:
                width, height = super().wrap(availWidth, availHeight)
                self.drawn_as_line = False
                if availWidth >= 1:  # (a "cannot fit" answer is not a wrap to remember)
                    memo[availWidth] = (width, height, self.blPara, self._wrapWidths, None)
                return width, height
        self.width, self.height, bl_para, wrap_widths, lines = hit
        self.drawn_as_line = lines is not None
        if lines is not None:
            self.plain_lines = lines
        else:
            self.blPara, self._wrapWidths = bl_para, wrap_widths
        return hit[0], hit[1]

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        if self.drawn_as_line:  # reportlab splits from its own lines
            Paragraph.wrap(self, availWidth, availHeight)
            self.drawn_as_line = False
        return super().split(availWidth, availHeight)

    def _paint(self, canvas: Any, x: float, y: float) -> None:
        plain = self.one_line
        if self.drawn_as_line and plain is not None:
            lines = self.plain_lines
            oneline.draw(canvas, lines, plain.font, plain.size, x, y, self.style.leading)
        else:
            Paragraph.drawOn(self, canvas, x, y)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """Drawn as it was wrapped; on a sheet canvas, once drawn ``DRAWN_BEFORE_FORM``
        times, as a form (a text a batch part shows only a few times costs less drawn)."""
        x = self._hAlignAdjust(x, _sW)
        forms = getattr(canvas, "reused", None)
        seen = getattr(canvas, "reused_seen", None)
        key = self.__dict__.get("shared_key")
        if forms is None or seen is None or key is None:
            self._paint(canvas, x, y)
            return
        full = ("paragraph", key, self.width, self.height)
        if full not in forms:
            drawn = seen.get(full, 0)
            if drawn < DRAWN_BEFORE_FORM:
                seen[full] = drawn + 1
                self._paint(canvas, x, y)
                return
        stamp(canvas, full, x, y, lambda c: self._paint(c, 0, 0))


def new_batch() -> None:
    """Forget the paragraphs of earlier sheets (called at the start of a batch)."""
    _shared.newer.clear()
    _shared.older.clear()


def markup_para(
    trusted: str, style: ParagraphStyle, kind: type[SharedParagraph] | None = None
) -> Paragraph:
    """A Paragraph of trusted markup (callers put data in through ``fonts.markup``);
    ``kind``: a subclass of ``SharedParagraph`` to make it of (a section heading)."""
    kind = kind or SharedParagraph
    key = (trusted, id(style), kind)
    cache = _shared
    para = cache.newer.get(key)
    if para is None:
        para = cache.older.pop(key, None)
        if para is None or para.style is not style:
            para = _new_paragraph(trusted, style, key, kind)
        if len(cache.newer) >= _SHARED_MAX:
            cache.older = cache.newer
            cache.newer = {}
        cache.newer[key] = para
    elif para.style is not style:  # a style made since with a recycled id
        para = cache.newer[key] = _new_paragraph(trusted, style, key, kind)
    return para


def _new_paragraph(
    trusted: str, style: ParagraphStyle, key: Hashable, kind: type[SharedParagraph]
) -> SharedParagraph:
    """A Paragraph of ``trusted``, mostly without reportlab's markup parser.

    Plain text (no tag, no entity: a name, a date, most agreements) becomes the one
    fragment the parser would make: the style's font and colour, the text with its white
    space collapsed (``cleanBlockQuotedText``). Markup is parsed once per *shape*: its runs
    of plain text stand in as placeholder characters (``_shape_frags``), and each paragraph
    of that shape gets the parsed fragments with its own texts put back. The labelled
    lines of every sheet ("Sagsbehandler: …") share one shape."""
    text = cleanBlockQuotedText(trusted)
    if "<" not in text and "&" not in text:
        frags = [_plain_frag(style).clone(text=text)]
    else:
        frags = _from_shape(text, style)
    para = kind(text, style, frags=frags) if frags else kind(text, style)
    para.shared_key = key  # (its parts after a split are Paragraphs of their own, without)
    para.one_line = oneline.one_line(para.frags, style)
    return para


_MARK = re.compile(r"(<[^<>]*>|&#?\w+;)")  # a tag or an entity: the shape keeps them
_SLOT = 0xE000  # placeholders from the Private Use Area (refused if the text has any)
_SLOTS = 0x1000
_ANY_SLOT = re.compile(f"[{chr(_SLOT)}-{chr(_SLOT + _SLOTS - 1)}]")


def _from_shape(text: str, style: ParagraphStyle) -> list[Any] | None:
    """The fragments reportlab's parser makes of ``text``, from its shape's; None if the
    text cannot be put in a shape (it already holds a placeholder character)."""
    if _ANY_SLOT.search(text):
        return None
    pieces = _MARK.split(text)  # text, mark, text, mark, …, text
    runs = [p for p in pieces[0::2] if p]
    if len(runs) > _SLOTS or "<" in "".join(runs) or "&" in "".join(runs):
        return None  # (an unclosed tag or a stray "&": the parser's own business)
    n = 0
    for i in range(0, len(pieces), 2):
        if pieces[i]:
            pieces[i] = chr(_SLOT + n)
            n += 1
    shape = "".join(pieces)
    fill = {_SLOT + i: run for i, run in enumerate(runs)}
    return [f.clone(text=f.text.translate(fill)) for f in _shape_frags(shape, style)]


@lru_cache(maxsize=512)
def _shape_frags(shape: str, style: ParagraphStyle) -> list[Any]:
    return Paragraph(shape, style).frags


@lru_cache(maxsize=64)
def _plain_frag(style: ParagraphStyle) -> Any:
    """The fragment reportlab's parser makes for plain text in ``style`` (text aside)."""
    return Paragraph("x", style).frags[0]


def label_markup(label: str, value: str) -> str:
    """A muted label and its value, as markup for a REGULAR paragraph."""
    return f"<font color='#555555'>{markup(label)}</font> {markup(value)}"


def draw_para(canv: Canvas, para: Paragraph, x: float, top: float, width: float) -> float:
    """Draw ``para`` with its top at ``top``; return its height."""
    _, h = para.wrap(width, 10_000)
    para.drawOn(canv, x, top - h)
    return h
