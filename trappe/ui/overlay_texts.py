"""The staircase's overlay of a citizen's texts and small markers, placed once per picture,
and how its texts are drawn (``staircase_painter`` plans and paints it)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QPainter, QStaticText, QTextLayout

from trappe.model.geometry import MarkerKind, Rect
from trappe.model.textfit import shrink_to_width, size_steps
from trappe.ui.digit_shapes import (
    DIGITS,
    EVERY_DIGIT_PAIR,
    SEPARATORS,
    digit_shape,
    uniform_digits,
    zero_digits,
)
from trappe.ui.marker_painting import POINTS_KEPT
from trappe.ui.text_metrics import FontCache

# A run of texts in one font and colour: the font, the ink, the font's cache and pixel size
# (for the texts' static layouts) and each text with its top-left corner (x, y, text).
TextRun = tuple[QFont, QColor, FontCache, float, tuple[tuple[float, float, str], ...]]


@dataclass(eq=False)
class Overlay:
    """A citizen's things on a picture, placed: the texts drawn before the small markers
    (descriptions, counts of earlier placements), the small markers by kind and size, and
    the texts after them (the dates).

    Its first paint draws each text not laid out before (a new citizen's dates) with
    ``drawText``: the same pixels, a third of the cost of laying it out for once. The
    next paint (the same citizen again, a hover, the window uncovered) lays every text out
    once (``FontCache.static``) and draws those from then on."""

    before: tuple[TextRun, ...]
    stamps: tuple[tuple[MarkerKind, float, tuple[tuple[float, float], ...]], ...]
    after: tuple[TextRun, ...]
    painted: int = 0
    laid_out: tuple[tuple[StaticRun, ...], tuple[StaticRun, ...]] | None = None

    def texts(self) -> tuple[tuple[TextRun | StaticRun, ...], tuple[TextRun | StaticRun, ...]]:
        """The runs to draw now, before and after the markers (see the class)."""
        self.painted += 1
        if self.painted == 1:
            return self.before, self.after
        if self.laid_out is None:
            self.laid_out = (_laid_out(self.before), _laid_out(self.after))
        return self.laid_out


StaticRun = tuple[QFont, QColor, tuple[tuple[QPointF, QStaticText], ...]]


def _laid_out(runs: tuple[TextRun | StaticRun, ...]) -> tuple[StaticRun, ...]:
    return tuple(
        run
        if len(run) == 3  # (laid out already: ``laid_out_run``)
        else (
            run[0],
            run[1],
            tuple([(QPointF(x, y), run[2].static(text, run[3])) for x, y, text in run[4]]),
        )
        for run in runs
    )


def laid_out_run(run: TextRun, points: dict[tuple[float, float], QPointF]) -> StaticRun | None:
    """``run`` drawn from its texts' layouts, if every one has been laid out before (as
    ``draw_texts`` would draw it: each text from its layout at its top-left corner, the
    point kept in ``points``); else None."""
    font, ink, cache, px, items = run
    made_static = cache.made_statics(px)
    placed = []
    for x, y, text in items:
        static = made_static(text)
        if static is None:
            return None
        where = points.get((x, y))
        if where is None:
            if len(points) >= POINTS_KEPT:
                points.clear()
            where = points[x, y] = QPointF(x, y)
        placed.append((where, static))
    return font, ink, tuple(placed)


def draw_texts(
    painter: QPainter,
    runs: tuple[TextRun | StaticRun, ...],
    points: dict[tuple[float, float], QPointF] | None = None,
) -> None:
    """Runs of texts: laid out (``StaticRun``), or as they come (``TextRun``: a text
    laid out before is drawn from that layout, any other with ``drawText`` at its
    baseline, which gives the same pixels). ``points``: (x, y) -> QPointF, the points made
    for earlier runs, kept (``Fonts.points``): a text at a place drawn at before needs none
    made."""
    if points is None:
        points = {}
    for run in runs:
        painter.setFont(run[0])
        painter.setPen(run[1])
        if len(run) == 3:
            draw = painter.drawStaticText
            for at, text in run[2]:
                draw(at, text)
            continue
        _font, _ink, cache, px, items = run
        ascent = cache.qt_metrics(px).ascent()
        made_static = cache.made_statics(px)
        point = points.get
        for x, y, text in items:
            made = made_static(text)
            at = (x, y) if made is not None else (x, y + ascent)
            where = point(at)
            if where is None:
                if len(points) >= POINTS_KEPT:
                    points.clear()
                where = points[at] = QPointF(*at)
            if made is not None:
                painter.drawStaticText(where, made)
            else:
                painter.drawText(where, text)


def digit_shapes_of(texts: list[str]) -> list[str]:
    """Each text's ``digit_shape``, or the text itself where it has none: the digits of
    all written "0" in one pass (``zero_digits``), and each shape checked once."""
    joined = "\0".join(texts)
    if not texts or "\0" in "".join(texts):  # (a text holding the separator: one by one)
        return [digit_shape(t) or t for t in texts]
    zeroed = zero_digits(joined).split("\0")
    # A text is digits and separators with a digit exactly when its zeroed text is.
    ok = {z: digit_shape(z) is not None for z in set(zeroed)}
    return [z if ok[z] else t for z, t in zip(zeroed, texts, strict=True)]


def fit_count(
    memo: dict, cache: FontCache, label_px: float, box: Rect, text: str, short: str
) -> tuple[str, float, bool]:
    """``StaircasePainter.count_text`` of the texts given: '+k tidligere' (``text``) in the
    largest size at which it fits ``box`` whole, or ``short`` where even the smallest is too
    wide; and whether what is drawn fits. Remembered in ``memo`` (``Fonts.memo``)."""
    key = ("count", text, short, box.w, box.h, label_px)
    found = memo.get(key)
    if found is None:
        largest = min(box.h * 0.72, label_px)
        sizes = size_steps(max(largest, 7.0), 7.0)
        px, whole = shrink_to_width(text, cache, box.w - 2, sizes)
        if not whole:
            text = short
            px, whole = shrink_to_width(text, cache, box.w - 2, sizes)
        found = memo[key] = (text, px, whole)
    return found


def measured_by_shape(memo: dict, cache: FontCache, sizes: tuple[float, ...]) -> bool:
    """Whether ``cache``'s font measures every digit text by its shape at each of ``sizes``
    (as ``FontCache`` does where ``digit_shapes.uniform_digits`` holds): there, "22-11-26" is
    exactly as wide as "00-00-00". Checked once per pixel size (remembered in ``memo``)."""
    for size in sizes:
        key = ("uniform digits", cache.px(size))
        found = memo.get(key)
        if found is None:
            found = memo[key] = uniform_digits(cache.qt_metrics(size))
        if not found:
            return False
    return True


def dates_font(memo: dict, cache: FontCache, px: float) -> QFont:
    """The font to draw dates (texts of digits and separators) in at ``px``: ``cache``'s
    told to skip shaping (``unshaped``) where the font measures such texts by their shape
    (``measured_by_shape``) and skipping draws them with the same glyphs at the same
    places; else ``cache``'s as it is. Qt then need not shape each new date; the same
    pixels."""
    font = cache.font(px)
    if not measured_by_shape(memo, cache, (px,)):
        return font
    key = ("unshaped", cache.px(px))
    if key not in memo:
        memo[key] = unshaped(font)
    return memo[key] or font


def unshaped(font: QFont) -> QFont | None:
    """``font`` with ``QFont.PreferNoShaping``, if Qt lays out every text of digits and
    separators in it with the same glyphs at the same places as in ``font`` (checked: each
    digit after each digit, each separator beside each digit and each separator); else None."""
    plain = QFont(font)
    plain.setStyleStrategy(
        QFont.StyleStrategy(font.styleStrategy() | QFont.StyleStrategy.PreferNoShaping)
    )
    pairs = "".join("0" + a + b for a in SEPARATORS for b in SEPARATORS) + "0"
    probes = [DIGITS + SEPARATORS, EVERY_DIGIT_PAIR, pairs]
    probes += [s.join(DIGITS) + s + "0" + s for s in SEPARATORS]
    for text in probes:
        shaped = _glyphs(text, font)
        if not shaped or shaped != _glyphs(text, plain):
            return None
    return plain


def _glyphs(text: str, font: QFont) -> list[tuple]:
    """Each run of glyphs Qt lays ``text`` out in (one line): its font, glyphs and places."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1_000_000.0)
    layout.endLayout()
    return [
        (
            run.rawFont().familyName(),
            run.rawFont().pixelSize(),
            tuple(run.glyphIndexes()),
            tuple((p.x(), p.y()) for p in run.positions()),
        )
        for run in line.glyphRuns()
    ]
