"""The staircase painted with QPainter: the screen's painter of the shared picture
(docs/architecture.md, "The two painters").

Everything the sheet also needs comes from the model: the layout (``geometry``), the marker
shapes and colours and the legend words (``markers``), where text breaks and which size it
gets (``textfit``, measured here through a cached ``FontCache``). This module only turns
those decisions into QPainter calls, in the widget's coordinates (the layout plus a margin).

``plan_picture`` computes the layout and the text decisions once per size and content;
``paint_picture`` paints them, as often as Qt asks.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)

from trappe.model.entities import Staircase, Step
from trappe.model.geometry import (
    EARLIER_KINDS,
    HISTORY_KINDS,
    MarkerKind,
    Rect,
    StaircaseLayout,
    layout_staircase,
)
from trappe.model.markers import (
    LEGEND,
    MARKER_STYLES,
    LegendEntry,
    Shape,
    hidden_text,
    hidden_text_short,
    outline_points,
)
from trappe.model.picture import StaircaseState
from trappe.model.textfit import Fitted, fit, fit_uniform, shrink_to_width, size_steps
from trappe.ui.text_metrics import FontCache

LARGE_SCALE = 1.35  # dialogue mode: text this much larger
TITLE_INK = QColor("#111111")
DESCRIPTION_INK = QColor("#2b2b2b")
DATE_INK = QColor("#3c3c3c")
STEP_EDGE = QColor("#555555")
GOAL_FRAME = QColor("#1a1a1a")
MIN_TEXT_PX = 8.0


# -- markers -------------------------------------------------------------------------------------
def marker_path(kind: MarkerKind, cx: float, cy: float, size: float) -> QPainterPath:
    """The marker's outline as a path (for painters that batch many markers)."""
    path = QPainterPath()
    style = MARKER_STYLES[kind]
    if style.shape is Shape.CIRCLE:
        path.addEllipse(QPointF(cx, cy), size / 2, size / 2)
    else:
        points = [QPointF(x, y) for x, y in outline_points(style.shape, cx, cy, size)]
        path.addPolygon(QPolygonF([*points, points[0]]))
    return path


def marker_pen(kind: MarkerKind, size: float) -> QPen:
    style = MARKER_STYLES[kind]
    pen = QPen(QColor(style.outline), max(1.0, size * style.outline_width))
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if style.dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def marker_brush_colour(kind: MarkerKind) -> QColor:
    return QColor(MARKER_STYLES[kind].fill)


class MarkerSprites:
    """Each marker drawn once, then stamped: a small pixmap per kind, size and pixel ratio.

    The history on the staircase and the progress chart show dozens to hundreds of small
    markers; antialiased outlines are the costly part of painting them, and the same marker
    looks the same wherever it is stamped.
    """

    def __init__(self) -> None:
        self._sprites: dict[tuple[MarkerKind, int, float], QPixmap] = {}

    def sprite(self, kind: MarkerKind, size: float, ratio: float) -> tuple[QPixmap, float]:
        """The pixmap and the offset from the marker's centre to its top-left corner."""
        quarter = max(1, round(size * 4))  # sizes to a quarter pixel
        key = (kind, quarter, ratio)
        found = self._sprites.get(key)
        size = quarter / 4
        pad = max(1.0, size * MARKER_STYLES[kind].outline_width) + 1
        side = size + 2 * pad
        if found is None:
            if len(self._sprites) > 256:
                self._sprites.clear()
            found = QPixmap(max(1, round(side * ratio)), max(1, round(side * ratio)))
            found.setDevicePixelRatio(ratio)
            found.fill(Qt.GlobalColor.transparent)
            p = QPainter(found)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            paint_marker(p, kind, side / 2, side / 2, size)
            p.end()
            self._sprites[key] = found
        return found, side / 2

    def stamp(self, painter: QPainter, kind: MarkerKind, cx: float, cy: float, size: float) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        pixmap, half = self.sprite(kind, size, ratio)
        painter.drawPixmap(QPointF(cx - half, cy - half), pixmap)


def paint_marker(painter: QPainter, kind: MarkerKind, cx: float, cy: float, size: float) -> None:
    """One marker in the shared style: shape, fill and outline from ``markers.MARKER_STYLES``."""
    style = MARKER_STYLES[kind]
    painter.setPen(marker_pen(kind, size))
    painter.setBrush(QColor(style.fill))
    if style.shape is Shape.CIRCLE:
        painter.drawEllipse(QPointF(cx, cy), size / 2, size / 2)
    else:
        painter.drawPolygon(
            QPolygonF([QPointF(x, y) for x, y in outline_points(style.shape, cx, cy, size)])
        )


# -- fonts ----------------------------------------------------------------------------------------
class Fonts:
    """The painter's fonts (regular, bold titles, italic phases), each with cached metrics."""

    def __init__(self, base: QFont) -> None:
        self.key = base.key()
        self.memo: dict = {}  # fitted texts and title plans, by what they depend on
        self.sprites = MarkerSprites()
        self.regular = FontCache(base)
        self.bold = FontCache(base, bold=True)
        self.italic = FontCache(base, italic=True)


# -- planning: layout and text decisions, once per size and content -------------------------------
@dataclass(frozen=True)
class Picture:
    """A layout in widget units with its texts fitted: what ``paint_picture`` paints."""

    layout: StaircaseLayout
    large: bool
    title_px: float
    titles: dict[int, tuple[str, ...]]  # step id -> lines
    title_elided: frozenset[int]  # steps whose titles fit at no size (shown cut)
    description_px: float
    descriptions: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def label_px(self) -> float:
        """Dates, counts and the legend: always smaller than the step titles."""
        return max(MIN_TEXT_PX, min(self.title_px * 0.8, self.description_px * 1.05))


def step_title(index: int, step: Step) -> str:
    return f"{index + 1}. {step.title}"


@dataclass(frozen=True)
class _TextPlan:
    """What depends only on the staircase and the size, not on the citizen: the title size
    and lines, each title's height, the description sizes. Remembered per size."""

    title_height: float | None
    title_px: float
    title_lines: dict[int, tuple[str, ...]]
    heights: dict[int, float]
    elided: frozenset[int]
    description_px: float
    smallest: float
    sizes: tuple[float, ...]
    room: float


def _text_plan(
    staircase: Staircase, width: float, height: float, fonts: Fonts, large: bool
) -> _TextPlan:
    key = ("plan", tuple(staircase.steps), tuple(staircase.phases), width, height, large)
    found = fonts.memo.get(key)
    if found is not None:
        return found
    scale = LARGE_SCALE if large else 1.0
    title_height = None
    if large:  # a projector: the titles may take more of the column, in larger type
        col_w = width / len(staircase.steps)
        title_height = min(height * 0.24, col_w * 0.95)
    # The title boxes do not depend on the markers: a bare layout gives them.
    first = layout_staircase(
        staircase, width, height, show_descriptions=False, title_height=title_height
    )
    box = first.steps[0].title_box
    if large:
        largest = min(box.w * 0.22, box.h * 0.4, 44.0)
    else:
        largest = min(box.h * 0.36, box.w * 0.16, 30.0) * scale
    titles = [step_title(b.index, b.step) for b in first.steps]
    plan = fit_uniform(
        [(t, b.title_box.w, b.title_box.h) for t, b in zip(titles, first.steps, strict=True)],
        fonts.bold,
        size_steps(largest, MIN_TEXT_PX),
    )
    line_h = fonts.bold(plan.size).line_height
    title_lines: dict[int, tuple[str, ...]] = {}
    heights: dict[int, float] = {}
    elided: set[int] = set()
    for i, (b, fitted) in enumerate(zip(first.steps, plan.fitted, strict=True)):
        title_lines[b.step.id] = fitted.lines
        if i in plan.unfit:
            elided.add(b.step.id)
        else:
            heights[b.step.id] = len(fitted.lines) * line_h + 2
    # Descriptions: a size below the titles, never below legible.
    smallest = 11.0 if large else 9.0
    description_px = max(smallest, min(plan.size * 0.8, (18.0 if large else 13.0)))
    description_px = min(description_px, max(smallest, plan.size - 1))
    # At most a fifth of the staircase's height (five lines at least): more would crowd out
    # the dates.
    room = max(5 * fonts.regular(smallest).line_height, height * 0.2)
    result = _TextPlan(
        title_height,
        plan.size,
        title_lines,
        heights,
        frozenset(elided),
        description_px,
        smallest,
        size_steps(description_px, smallest),
        room,
    )
    fonts.memo[key] = result
    return result


def plan_picture(
    staircase: Staircase,
    state: StaircaseState | None,
    width: float,
    height: float,
    fonts: Fonts,
    *,
    large: bool = False,
    earlier: StaircaseState | None = None,
) -> Picture | None:
    """Lay the staircase out in ``width``×``height`` and fit its titles and descriptions.

    Titles get one size for all steps, the largest that fits (``textfit.fit_uniform``); each
    title box then shrinks to the lines its title needs, so short titles leave room for the
    markers and dates. Descriptions are wrapped a size smaller than the titles and sit at
    the bottom of their column where the geometry finds room for them. What depends only on
    the size (titles, description wrapping) is remembered in ``fonts.memo``: opening the
    next citizen lays out only their markers; a picture already made for the same staircase,
    size and markers is reused.
    """
    if not staircase.steps or width <= 0 or height <= 0:
        return None
    key = ("picture", tuple(staircase.steps), width, height, large, state, earlier)
    found = fonts.memo.get(key)
    if found is None:
        found = _plan_picture(staircase, state, width, height, fonts, large, earlier)
        pictures = [k for k in fonts.memo if k[0] == "picture"]
        for old in pictures[: max(0, len(pictures) - 15)]:  # the last sixteen are kept
            del fonts.memo[old]
        fonts.memo[key] = found
    return found


def _plan_picture(
    staircase: Staircase,
    state: StaircaseState | None,
    width: float,
    height: float,
    fonts: Fonts,
    large: bool,
    earlier: StaircaseState | None,
) -> Picture:
    markers: dict = {}
    if state is not None:
        markers = {
            "current_step_id": state.current_step_id,
            "own_step_id": state.own_step_id,
            "goal_step_id": state.goal_step_id,
            "history": state.history,
        }
    if earlier is not None:
        markers["earlier_step_id"] = earlier.current_step_id
        markers["earlier_own_step_id"] = earlier.own_step_id
    tp = _text_plan(staircase, width, height, fonts, large)
    memo = fonts.memo

    def fitted_description(step: Step, w: float, h: float, sizes: tuple[float, ...]) -> Fitted:
        key = ("description", step.description, w, h, sizes)
        found = memo.get(key)
        if found is None:
            if len(memo) > 4000:  # a long session: start again (the plans are cheap to redo)
                memo.clear()
            found = memo[key] = fit(step.description, fonts.regular, w, h, sizes)
        return found

    def description_height(step: Step, w: float, room: float) -> float:
        # Whole pixels of room: the fits are remembered, and a fraction changes nothing.
        fitted = fitted_description(step, w, float(math.floor(min(tp.room, room))), tp.sizes)
        if not fitted.fits:
            return 0.0
        return len(fitted.lines) * fonts.regular(fitted.size).line_height + 1

    layout = layout_staircase(
        staircase,
        width,
        height,
        title_height=tp.title_height,
        title_heights=tp.heights,
        description_height=description_height,
        **markers,
    )
    shown = [b for b in layout.steps if b.description_box is not None]
    # Each description was fitted at its own size; the painter draws them all at one size,
    # the smallest chosen, so steps look alike.
    px = tp.description_px
    for box in shown:
        assert box.description_box is not None
        lines = fitted_description(
            box.step, box.description_box.w, box.description_box.h, tp.sizes
        ).lines
        while px > tp.smallest and len(lines) * fonts.regular(px).line_height > (
            box.description_box.h + 0.5
        ):
            px = max(tp.smallest, px * 0.92)
    final: dict[int, tuple[str, ...]] = {}
    for box in shown:
        d = box.description_box
        assert d is not None
        final[box.step.id] = fitted_description(box.step, d.w, d.h + 0.5, (px,)).lines
    return Picture(
        layout,
        large,
        tp.title_px,
        tp.title_lines,
        tp.elided,
        px,
        final,
    )


# -- painting --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PaintOptions:
    """What the widget adds to the picture: focus, hover, a drag, the legend and its words."""

    focus_step: int | None = None  # the step with the keyboard focus: a dotted frame
    hover_step: int | None = None
    dragging: MarkerKind | None = None  # drawn faint where it is; the widget draws it moving
    legend: Sequence[LegendEntry] | None = LEGEND
    words: Mapping[str, str] = field(default_factory=dict)  # model wording -> translated
    hidden: Callable[[int], str] = hidden_text
    hidden_short: Callable[[int], str] = hidden_text_short


class StaircasePainter:
    """Paints ``Picture``s at an offset (the widget's margin) with a palette."""

    def __init__(self, fonts: Fonts, palette: QPalette) -> None:
        self.fonts = fonts
        self.palette = palette

    def rect(self, r: Rect, offset: QPointF) -> QRectF:
        return QRectF(r.x + offset.x(), r.y + offset.y(), r.w, r.h)

    def paint(
        self, painter: QPainter, pic: Picture, offset: QPointF, options: PaintOptions
    ) -> None:
        self._phases(painter, pic, offset)
        self._steps(painter, pic, offset, options)
        self._markers(painter, pic, offset, options)
        if options.legend:
            self._legend(painter, pic, offset, options)

    # -- parts ----------------------------------------------------------------------------------
    def _phases(self, painter: QPainter, pic: Picture, offset: QPointF) -> None:
        """Phase titles on one line each, in one size that fits them all."""
        bands = pic.layout.phases
        if not bands:
            return
        fonts = self.fonts.italic
        largest = min(min(b.rect.h for b in bands) * 0.5, 22.0 if pic.large else 16.0)
        largest = min(largest, pic.title_px)
        sizes = size_steps(largest, MIN_TEXT_PX)
        px = min(shrink_to_width(b.title, fonts, b.rect.w - 8, sizes)[0] for b in bands)
        painter.setFont(fonts.font(px))
        fm = fonts.qt_metrics(px)
        for band in bands:
            r = self.rect(band.rect, offset)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.palette.alternateBase())
            painter.drawRoundedRect(r, 4, 4)
            painter.setPen(self.palette.text().color())
            text = fm.elidedText(band.title, Qt.TextElideMode.ElideRight, r.width() - 8)
            painter.drawText(r.adjusted(4, 0, -4, 0), int(Qt.AlignmentFlag.AlignCenter), text)

    def _lines(
        self,
        painter: QPainter,
        cache: FontCache,
        px: float,
        lines: Sequence[str],
        rect: QRectF,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter,
    ) -> None:
        """The fitted lines, one under the other (one drawText call: Qt spaces the lines by
        the font's line spacing, as the fitting assumed)."""
        if not lines:
            return
        painter.setFont(cache.font(px))
        height = cache(px).line_height * len(lines)
        painter.drawText(
            QRectF(rect.left(), rect.top(), rect.width(), height + 1),
            int(align | Qt.AlignmentFlag.AlignTop),
            "\n".join(lines),
        )

    def _steps(
        self, painter: QPainter, pic: Picture, offset: QPointF, options: PaintOptions
    ) -> None:
        lay = pic.layout
        for box in lay.steps:
            r = self.rect(box.rect, offset)
            colour = QColor(box.step.colour)
            painter.setPen(QPen(STEP_EDGE, 1))
            painter.setBrush(colour.lighter(108) if box.step.id == options.hover_step else colour)
            painter.drawRect(r)
            if box.is_goal:
                painter.setPen(QPen(GOAL_FRAME, 2.5, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(r.adjusted(2, 2, -2, -2))
            painter.setPen(TITLE_INK)
            self._lines(
                painter,
                self.fonts.bold,
                pic.title_px,
                pic.titles[box.step.id],
                self.rect(box.title_box, offset),
            )
            lines = pic.descriptions.get(box.step.id)
            if lines and box.description_box is not None:
                painter.setPen(DESCRIPTION_INK)
                self._lines(
                    painter,
                    self.fonts.regular,
                    pic.description_px,
                    lines,
                    self.rect(box.description_box, offset),
                )
            hidden = lay.hidden_history.get(box.step.id)
            label_box = lay.hidden_label_boxes.get(box.step.id)
            if hidden and label_box is not None:
                self._count(painter, pic, self.rect(label_box, offset), hidden, options)
            if box.step.id == options.focus_step:
                # A focus frame, not a highlight: a thin dotted line in the text colour,
                # inside the column, leaving its colour alone.
                pen = QPen(self.palette.text().color(), 1.6, Qt.PenStyle.DotLine)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(r.adjusted(3, 3, -3, -3))

    def count_text(
        self, pic: Picture, box: Rect, hidden: int, options: PaintOptions
    ) -> tuple[str, float, bool]:
        """'+k tidligere' in the largest size at which it fits its row whole, or, where
        even the smallest is too wide, '+k'; and whether what is drawn fits."""
        cache = self.fonts.regular
        largest = min(box.h * 0.72, pic.label_px)
        sizes = size_steps(max(largest, 7.0), 7.0)
        text = options.hidden(hidden)
        px, whole = shrink_to_width(text, cache, box.w - 2, sizes)
        if not whole:
            text = options.hidden_short(hidden)
            px, whole = shrink_to_width(text, cache, box.w - 2, sizes)
        return text, px, whole

    def _count(
        self, painter: QPainter, pic: Picture, rect: QRectF, hidden: int, options: PaintOptions
    ) -> None:
        box = Rect(rect.x(), rect.y(), rect.width(), rect.height())
        text, px, _ = self.count_text(pic, box, hidden, options)
        painter.setFont(self.fonts.regular.font(px))
        painter.setPen(DATE_INK)
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text
        )

    def date_px(self, pic: Picture) -> tuple[float, bool]:
        """One size for every date beside an earlier placement: the largest at which each
        fits its row whole (dates are never cut), below the titles; and whether they do."""
        cache = self.fonts.regular
        labelled = [
            m for m in pic.layout.markers if m.kind in HISTORY_KINDS and m.label_box is not None
        ]
        if not labelled:
            return pic.label_px, True
        row_h = min(m.label_box.h for m in labelled if m.label_box is not None)
        sizes = size_steps(max(min(row_h * 0.72, pic.label_px), 7.0), 7.0)
        fitted = [
            shrink_to_width(m.label, cache, m.label_box.w - 2, sizes)
            for m in labelled
            if m.label_box is not None
        ]
        return min(px for px, _ in fitted), all(ok for _, ok in fitted)

    def _markers(
        self, painter: QPainter, pic: Picture, offset: QPointF, options: PaintOptions
    ) -> None:
        lay = pic.layout
        ox, oy = offset.x(), offset.y()
        cache = self.fonts.regular
        # Earlier placements first (each once), then their dates in one size per paint.
        history = [m for m in lay.markers if m.kind in HISTORY_KINDS]
        if history:
            px = self.date_px(pic)[0]
            for m in history:  # many small ones: stamped
                self.fonts.sprites.stamp(painter, m.kind, m.cx + ox, m.cy + oy, m.size)
            painter.setFont(cache.font(px))
            painter.setPen(DATE_INK)
            for m in history:
                if m.label and m.label_box is not None:
                    painter.drawText(
                        self.rect(m.label_box, offset).adjusted(2, 0, 0, 0),
                        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                        m.label,
                    )
        for m in lay.markers:
            if m.kind in HISTORY_KINDS:
                continue
            faint = m.kind is options.dragging
            if faint:
                painter.setOpacity(0.3)
            paint_marker(painter, m.kind, m.cx + ox, m.cy + oy, m.size)
            if faint:
                painter.setOpacity(1.0)

    def legend_box(
        self, pic: Picture, offset: QPointF, options: PaintOptions
    ) -> tuple[QRectF, float] | None:
        """Where the legend goes and its text size: top left, in the air above the low
        steps, compact (never larger than the dates, so the titles lead); None if no room."""
        entries = options.legend or ()
        if not entries:
            return None
        cache = self.fonts.regular
        px = pic.label_px
        while px >= MIN_TEXT_PX:
            metrics = cache(px)
            line_h = metrics.line_height * (1.1 if pic.large else 1.25)
            icon = metrics.line_height * 0.9
            texts = [options.words.get(e.text, e.text) for e in entries]
            icons = max(len(e.kinds) for e in entries)
            width = icon * (0.6 + 1.1 * icons) + max(metrics.measure(t) for t in texts) + 10
            height = line_h * len(entries) + 6
            spanned = [b for b in pic.layout.steps if b.rect.x < width]
            top = min((b.rect.y for b in spanned), default=pic.layout.height)
            if height + 6 <= top:
                return QRectF(offset.x(), offset.y(), width, height), px
            px -= 1
        return None

    def _legend(
        self, painter: QPainter, pic: Picture, offset: QPointF, options: PaintOptions
    ) -> None:
        placed = self.legend_box(pic, offset, options)
        if placed is None:
            return
        rect, px = placed
        entries = options.legend or ()
        cache = self.fonts.regular
        metrics = cache(px)
        line_h = metrics.line_height * (1.1 if pic.large else 1.25)
        icon = metrics.line_height * 0.9
        bg = QColor(self.palette.base().color())
        bg.setAlpha(230)
        painter.setPen(QPen(QColor("#bbbbbb"), 1))
        painter.setBrush(bg)
        painter.drawRoundedRect(rect, 4, 4)
        painter.setFont(cache.font(px))
        icons = max(len(e.kinds) for e in entries)
        y = rect.top() + 3
        for entry in entries:
            x = rect.left() + 4 + icon * 0.6
            for kind in entry.kinds:
                paint_marker(painter, kind, x, y + line_h / 2, icon * 0.8)
                x += icon * 1.1
            painter.setPen(self.palette.text().color())
            text_x = rect.left() + 4 + icon * (0.1 + 1.1 * icons)
            painter.drawText(
                QRectF(text_x, y, rect.right() - text_x - 2, line_h),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                options.words.get(entry.text, entry.text),
            )
            y += line_h


__all__ = [
    "EARLIER_KINDS",
    "Fonts",
    "PaintOptions",
    "Picture",
    "StaircasePainter",
    "marker_path",
    "paint_marker",
    "plan_picture",
    "step_title",
]
