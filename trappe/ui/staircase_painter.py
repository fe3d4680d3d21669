"""The staircase painted with QPainter: the screen's painter of the shared picture
(docs/architecture.md, "The two painters"); the plan it paints comes from
``staircase_plan``.

Everything the sheet also needs comes from the model: the layout (``geometry``), the marker
shapes and colours and the legend words (``markers``), where text breaks and which size it
gets (``textfit``, measured here through a cached ``FontCache``). This module only turns
those decisions into QPainter calls, in the widget's coordinates (the layout plus a margin).

``plan_picture`` computes the layout and the text decisions once per size and content;
``paint_picture`` paints them, as often as Qt asks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
)

from trappe.model.geometry import (
    EARLIER_KINDS,
    HISTORY_KINDS,
    MarkerKind,
    Rect,
)
from trappe.model.markers import (
    LEGEND,
    LegendEntry,
    hidden_text,
    hidden_text_short,
)
from trappe.model.textfit import shrink_to_width, size_steps
from trappe.ui.marker_painting import (
    MarkerSprites,
    marker_path,
    over,
    paint_marker,
)
from trappe.ui.overlay_plan import DATE_INK, DESCRIPTION_INK, dates_fit, plan_overlay
from trappe.ui.overlay_texts import (
    Overlay,
    draw_texts,
    fit_count,
    measured_by_shape,
)
from trappe.ui.staircase_plan import MIN_TEXT_PX, Fonts, Picture, plan_picture, step_title
from trappe.ui.text_metrics import FontCache

TITLE_INK = QColor("#111111")
STEP_EDGE = QColor("#555555")
GOAL_FRAME = QColor("#1a1a1a")
GROUND_LAYERS_KEPT = 4  # ground layers per widget: a few sizes, palettes, hovered steps
OVERLAYS_KEPT = 16  # placed overlays per widget (as many as the pictures remembered)


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
        self,
        painter: QPainter,
        pic: Picture,
        offset: QPointF,
        options: PaintOptions,
        *,
        ground: QSize | None = None,
    ) -> None:
        """Paint ``pic``; with ``ground`` (the widget's size) the base colour too.

        With ``ground``, what every citizen's staircase shares at this size (the ground, the
        phases, the steps with their titles, the goal frame and the legend: the *ground
        layer*) comes from a pixmap drawn once (``ground_layer``), and only the citizen's own
        things are painted on it: descriptions, counts, markers, dates, the focus frame.
        """
        if ground is None:
            self._phases(painter, pic, offset)
            self._steps(painter, pic, offset, options, overlay=False)
        else:
            painter.drawPixmap(0, 0, self.ground_layer(painter, pic, offset, options, ground))
        overlay = self.overlay(pic, offset, options)
        before, after = overlay.texts()
        points = self.fonts.points
        draw_texts(painter, before, points)
        if options.focus_step is not None:
            self._steps(painter, pic, offset, options, layer=False)
        for kind, size, corners in overlay.stamps:
            self.fonts.sprites.stamp_corners(painter, kind, size, corners)
        draw_texts(painter, after, points)
        self._current_markers(painter, pic, offset, options)
        if options.legend and ground is None:
            self._legend(painter, pic, offset, options)

    def overlay(self, pic: Picture, offset: QPointF, options: PaintOptions) -> Overlay:
        """Where the citizen's own texts and earlier placements go on ``pic`` (the
        descriptions, the counts of earlier placements, the small markers and their dates):
        decided once per picture, offset and wording, and drawn as such on every paint."""
        lay = pic.layout
        labels = lay.hidden_label_boxes
        counts = tuple(
            [
                (step_id, options.hidden(n), options.hidden_short(n))
                for step_id, n in lay.hidden_history.items()
                if n and step_id in labels
            ]
        )
        key = (id(pic), offset.x(), offset.y(), counts)
        overlays = self.fonts.overlays
        found = overlays.pop(key, None)
        if found is None or found[0] is not pic:
            found = (pic, self._plan_overlay(pic, offset, counts))
            while len(overlays) >= OVERLAYS_KEPT:
                overlays.pop(next(iter(overlays)))
        overlays[key] = found  # the most recently used last
        return found[1]

    def _plan_overlay(
        self, pic: Picture, offset: QPointF, counts: tuple[tuple[int, str, str], ...]
    ) -> Overlay:
        """The overlay of ``pic`` at ``offset`` (``overlay_plan.plan_overlay``)."""
        return plan_overlay(self.fonts, pic, offset, counts)

    def ground_key(
        self, pic: Picture, offset: QPointF, options: PaintOptions, size: QSize, ratio: float
    ) -> tuple[tuple, tuple]:
        """Everything the ground layer's pixels depend on, and the objects the key names by
        identity (the phase bands, the steps, their columns and title boxes: each immutable,
        and held with the layer, so no other object can take one's id while it is kept; the
        next citizen's layout on the same staircase and size shares them: ``geometry``)."""
        lay = pic.layout
        legend = None
        if options.legend:
            legend = (tuple(options.legend), tuple(sorted(options.words.items())))
        phases = tuple(lay.phases)
        parts = tuple([(b.step, b.rect, b.title_box) for b in lay.steps])
        key = (
            size.width(),
            size.height(),
            ratio,
            offset.x(),
            offset.y(),
            self.palette.cacheKey(),
            pic.large,
            pic.title_px,
            pic.label_px,
            tuple(map(id, phases)),
            tuple([(id(s), id(r), id(t)) for s, r, t in parts]),
            tuple([b.is_goal for b in lay.steps]),
            tuple([pic.titles[b.step.id] for b in lay.steps]),
            options.hover_step,
            legend,
        )
        return key, (phases, parts)

    def ground_layer(
        self, painter: QPainter, pic: Picture, offset: QPointF, options: PaintOptions, size: QSize
    ) -> QPixmap:
        """The ground layer for this picture, size and palette: drawn once, kept in
        ``Fonts.layers`` (the last few, each with what its key names), so the next citizen
        reuses it."""
        device = painter.device()
        ratio = device.devicePixelRatioF() if device else 1.0
        key, held = self.ground_key(pic, offset, options, size, ratio)
        layers = self.fonts.layers
        found = layers.pop(key, None)
        if found is None:
            pixmap = QPixmap(
                max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio))
            )
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(self.palette.base().color())
            p = QPainter(pixmap)
            p.setRenderHints(painter.renderHints())
            self._phases(p, pic, offset)
            self._steps(p, pic, offset, options, layer=True, overlay=False)
            if options.legend:
                self._legend(p, pic, offset, options)
            p.end()
            found = (held, pixmap)
            while len(layers) >= GROUND_LAYERS_KEPT:
                layers.pop(next(iter(layers)))
        layers[key] = found  # the most recently used last
        return found[1]

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
        """The fitted lines, one under the other, each laid out once (``FontCache.static``)
        and centred (or from the left) by its measured width."""
        if not lines:
            return
        painter.setFont(cache.font(px))
        metrics = cache(px)
        y = rect.top()
        for line in lines:
            x = rect.left()
            if align & Qt.AlignmentFlag.AlignHCenter:
                x += (rect.width() - metrics.measure(line)) / 2
            painter.drawStaticText(QPointF(x, y), cache.static(line, px))
            y += metrics.line_height

    def _steps(
        self,
        painter: QPainter,
        pic: Picture,
        offset: QPointF,
        options: PaintOptions,
        *,
        layer: bool = True,
        overlay: bool = True,
    ) -> None:
        """Each step: with ``layer`` its column, goal frame and title (the ground layer);
        with ``overlay`` the focus frame (the rest is in ``overlay``)."""
        lay = pic.layout
        for box in lay.steps:
            r = self.rect(box.rect, offset)
            if layer:
                colour = QColor(box.step.colour)
                painter.setPen(QPen(STEP_EDGE, 1))
                hover = box.step.id == options.hover_step
                painter.setBrush(colour.lighter(108) if hover else colour)
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
            if overlay and box.step.id == options.focus_step:
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
        even the smallest is too wide, '+k'; and whether what is drawn fits. Remembered by
        the texts, the row and the size of labels (in ``Fonts.memo``, of this font)."""
        texts = options.hidden(hidden), options.hidden_short(hidden)
        return fit_count(self.fonts.memo, self.fonts.regular, pic.label_px, box, *texts)

    def _measured_by_shape(self, sizes: tuple[float, ...]) -> bool:
        return measured_by_shape(self.fonts.memo, self.fonts.regular, sizes)

    def date_px(self, pic: Picture) -> tuple[float, bool]:
        """One size for every date beside an earlier placement: the largest at which each
        fits its row whole (dates are never cut), below the titles; and whether they do.

        Dates of one shape in rows of one width fit alike where the font measures them by
        their shape (``_measured_by_shape``): each such shape and width is fitted once."""
        return self._date_fit(pic)[:2]

    def _date_fit(self, pic: Picture) -> tuple[float, bool, bool]:
        """``date_px``, and whether every date is measured by its shape (digits and
        separators, in a font that measures them so at every size tried)."""
        labelled = [
            m for m in pic.layout.markers if m.kind in HISTORY_KINDS and m.label_box is not None
        ]
        boxes = [m.label_box for m in labelled]
        return self._dates_fit([m.label for m in labelled], boxes, pic.label_px)

    def _dates_fit(
        self, texts: list[str], boxes: list[Rect], label_px: float
    ) -> tuple[float, bool, bool]:
        """``_date_fit`` of the labelled markers' ``texts`` in their rows (``boxes``)."""
        return dates_fit(self.fonts, texts, boxes, label_px)

    def _current_markers(
        self, painter: QPainter, pic: Picture, offset: QPointF, options: PaintOptions
    ) -> None:
        """The current placements and the goal (full size, on top of the earlier ones)."""
        ox, oy = offset.x(), offset.y()
        paint = self.fonts.shapes.paint  # (``paint_marker``, made once per place)
        for m in pic.layout.markers:
            if m.kind in HISTORY_KINDS:
                continue
            faint = m.kind is options.dragging
            if faint:
                painter.setOpacity(0.3)
            paint(painter, m.kind, m.cx + ox, m.cy + oy, m.size)
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
        # The ground shows through a little (alpha 230), but the legend sits on the bare
        # ground above the low steps (``legend_box``): laid over it beforehand, the colour is
        # opaque, which paints several times faster and looks the same.
        ground = self.palette.base().color()
        bg = QColor(ground)
        bg.setAlpha(230)
        painter.setPen(QPen(QColor("#bbbbbb"), 1))
        bg = over(bg, ground)
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
    "DATE_INK",
    "DESCRIPTION_INK",
    "EARLIER_KINDS",
    "Fonts",
    "MarkerSprites",
    "PaintOptions",
    "Picture",
    "StaircasePainter",
    "marker_path",
    "over",
    "paint_marker",
    "plan_picture",
    "step_title",
]
