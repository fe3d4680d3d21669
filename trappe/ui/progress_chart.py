"""The progression chart: the step over time for both placements, a step line each.

The lines and markers differ in shape and colour as on the staircase (the shared
``markers`` styles). Everything is computed once per size and content into cached paths:
a repaint (scrolling, a tooltip, the window uncovered) only draws those paths, so a
citizen with hundreds of meetings costs a handful of draw calls, not one per marker. What
every citizen's chart shares at a size (the bands, step numbers, frame and legend) is a
ground layer, a pixmap drawn once and reused for the next citizen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from operator import itemgetter

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from trappe.model.entities import Assessor, CitizenRecord, Staircase
from trappe.model.formatting import format_date
from trappe.model.geometry import MarkerKind
from trappe.model.kept import KeptPerList
from trappe.model.markers import MARKER_STYLES
from trappe.ui.staircase_painter import MarkerSprites, over, paint_marker

SERIES_KEPT = 8  # records whose series are kept (as many as ``records`` keeps)
SERIES = (
    (Assessor.PROFESSIONAL, MarkerKind.PROFESSIONAL, Qt.PenStyle.SolidLine),
    (Assessor.CITIZEN, MarkerKind.CITIZEN, Qt.PenStyle.DashLine),
)


@dataclass
class _Plot:
    """The chart at one size: what a paint draws, all computed beforehand."""

    bands: list[tuple[QRectF, QColor]]
    frame: QRectF
    numbers: list[tuple[QRectF, str]]
    dates: list[tuple[QRectF, Qt.AlignmentFlag, str]]
    lines: list[tuple[QPainterPath, QPen]]
    markers: list[tuple[MarkerKind, float, list[tuple[float, float]]]]  # kind, size, centres
    legend: list[tuple[MarkerKind, QPointF, float, QRectF, str]]
    # The lines' outlines (the dashes of the citizen's line cut out), made when the plot is
    # painted a second time (the same citizen opened again, the window uncovered): filling
    # an outline draws the same pixels as stroking the line, without dashing it again. One
    # straight stretch (one placement, or all on one step) is stroked every time: Qt draws
    # it by a rule of its own, which its filled outline misses by a shade on some pixels.
    # What the ground layer (bands, step numbers, frame, legend) shows, by value: the same
    # for every citizen on this staircase at this size (``_ChartFrame.ground_key``).
    ground_key: tuple = ()
    outlines: list[tuple[QPainterPath, QBrush] | None] | None = None
    painted: int = 0

    def paint_lines(self, p: QPainter) -> None:
        if self.outlines is None and self.painted:
            self.outlines = [
                (line_outline(path, pen), pen.brush()) if path.elementCount() > 2 else None
                for path, pen in self.lines
            ]
        self.painted += 1
        if self.outlines is None:
            for path, pen in self.lines:
                p.strokePath(path, pen)
        else:
            for (path, pen), outline in zip(self.lines, self.outlines, strict=True):
                if outline is None:
                    p.strokePath(path, pen)
                else:
                    p.fillPath(*outline)


@dataclass(frozen=True)
class _ChartFrame:
    """What a plot shares with every citizen's on one staircase at one size and font: the
    plot's rectangle, the step bands and numbers, the legend, the room for date ticks and
    each step's height (``ProgressChart._chart_frame``)."""

    legend_h: float
    plot: QRectF
    bands: list[tuple[QRectF, QColor]]
    numbers: list[tuple[QRectF, str]]
    legend: list[tuple[MarkerKind, QPointF, float, QRectF, str]]
    label_w: float
    line_spacing: float
    ys: list[float]
    size: float  # the markers'
    ground_key: tuple


FRAMES_KEPT = 4  # chart frames per widget (a few sizes or staircases)
PLOTS_KEPT = 8  # citizens' plots per widget
_first = itemgetter(0)  # a point's date


_PENS: dict[tuple[MarkerKind, Qt.PenStyle], QPen] = {}


def _line_pen(kind: MarkerKind, style: Qt.PenStyle) -> QPen:
    """A series' line pen, in its markers' colour: made once (plots share it, never change it)."""
    pen = _PENS.get((kind, style))
    if pen is None:
        pen = _PENS[kind, style] = QPen(QColor(MARKER_STYLES[kind].fill), 2.2, style)
    return pen


def line_outline(path: QPainterPath, pen: QPen) -> QPainterPath:
    """The area ``pen`` covers along ``path`` (its dashes, caps and joins), as Qt strokes it."""
    return QPainterPathStroker(pen).createStroke(path)


class ProgressChart(QWidget):
    """Step over time for both placements: a step line each, different in shape and colour."""

    def __init__(self, parent: QWidget | None = None, *, today: Callable[[], date] = date.today):
        super().__init__(parent)
        self.setObjectName("progress_chart")
        self.setAccessibleName(self.tr("Progression over tid"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Every paint covers the whole widget with opaque colour: Qt need not paint what is
        # behind it first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._today = today
        self._staircase: Staircase | None = None
        self._record: CitizenRecord | None = None
        self._plot: _Plot | None = None
        self._sprites = MarkerSprites()
        self._plots: dict[tuple, tuple[tuple, dict, _Plot | None]] = {}  # (``_planned_plot``)
        self._grounds: dict[tuple, QPixmap] = {}  # ground layers, the last used last
        self._series: dict[Assessor, list[tuple[date, int]]] = {}
        self._kept = KeptPerList(SERIES_KEPT)  # placements -> (staircase, series)
        # Frames with the steps they were made for, the last used last (``_chart_frame``).
        self._frames: dict[tuple, tuple[tuple, _ChartFrame | None]] = {}
        self._planned = False

    def sizeHint(self) -> QSize:
        return QSize(360, 200)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, 140)

    def set_content(self, staircase: Staircase | None, record: CitizenRecord | None) -> None:
        self._staircase = staircase
        self._record = record
        # A record's placements never change once read, and come back while the citizen's
        # are unchanged (``records``): their series are kept with them (the last few
        # citizens', each with the placements and the staircase they were drawn on).
        placements = record.placements if record is not None else None
        kept = self._kept.get(placements) if placements is not None else None
        if kept is not None and kept[0] is staircase:
            self._series = kept[1]
        else:
            self._series = {}
            if placements is not None:
                self._kept.put(placements, (staircase, self._series))
        self._planned = False
        self.setAccessibleDescription(self.describe())
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._planned = False
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # the plot's texts and room: planned again
            self._planned = False
        super().changeEvent(event)

    def series(self, assessor: Assessor) -> list[tuple[date, int]]:
        """(date, 0-based step index) for each placement that is on the drawn staircase."""
        if self._record is None or self._staircase is None:
            return []
        found = self._series.get(assessor)
        if found is None:
            # Both series at once (each is asked for in turn), in the placements' order.
            index = {s.id: i for i, s in enumerate(self._staircase.steps)}.get
            pro = Assessor.PROFESSIONAL
            staff: list[tuple[date, int]] = []
            citizen: list[tuple[date, int]] = []
            to_staff, to_citizen = staff.append, citizen.append
            for p in self._record.placements:
                i = index(p.step_id)
                if i is not None:
                    (to_staff if p.assessor is pro else to_citizen)((p.placed_on, i))
            self._series[Assessor.PROFESSIONAL] = staff
            self._series[Assessor.CITIZEN] = citizen
            found = self._series[assessor]
        return found

    def describe(self) -> str:
        pro = self.series(Assessor.PROFESSIONAL)
        if not pro:
            return self.tr("Ingen placeringer endnu")
        steps = ", ".join(f"{format_date(d)}: {i + 1}" for d, i in pro[-6:])
        return self.tr("Fagpersonernes placeringer (dato: trin): %1").replace("%1", steps)

    # -- planning ----------------------------------------------------------------------------
    def _chart_frame(self) -> _ChartFrame | None:
        """The plot's frame for this staircase, size, font and wording: made once and kept
        by all of those (by value), so a kept frame is never used for another."""
        sc = self._staircase
        assert sc is not None
        words = (self.tr("Fagpersoner"), self.tr("Borgerens egen"))
        steps = tuple(sc.steps)
        # The steps by identity: each is immutable, and the entry holds them, so no other
        # object can take one's id while it is kept.
        key = (tuple(map(id, steps)), self.width(), self.height(), self.font().key(), words)
        frames = self._frames
        if key in frames:
            held = frames.pop(key)
        else:
            held = (steps, self._make_frame(sc, words))
            while len(frames) >= FRAMES_KEPT:
                frames.pop(next(iter(frames)))
        frames[key] = held
        return held[1]

    def _make_frame(self, sc: Staircase, words: tuple[str, str]) -> _ChartFrame | None:
        fm = QFontMetricsF(self.font())
        n = len(sc.steps)
        legend_h = fm.lineSpacing() * 1.4
        left = fm.horizontalAdvance(str(n)) + 14
        plot = QRectF(
            left,
            legend_h + 4,
            self.width() - left - 12,
            self.height() - legend_h - fm.lineSpacing() - 14,
        )
        if plot.width() < 40 or plot.height() < 30:
            return None
        y0, y_scale = plot.bottom(), plot.height() / n

        def y_of(i: int) -> float:
            return y0 - y_scale * (i + 0.5)

        bands, numbers = [], []
        for i, step in enumerate(sc.steps):
            band = QRectF(
                plot.left(), y_of(i) - plot.height() / n / 2, plot.width(), plot.height() / n
            )
            c = QColor(step.colour)
            c.setAlpha(70)
            bands.append((band, c))
            if plot.height() / n >= fm.height() * 0.8 or i in (0, n - 1):
                numbers.append(
                    (QRectF(0, y_of(i) - fm.height() / 2, left - 6, fm.height()), str(i + 1))
                )
        legend = []
        x = plot.left()
        for kind, text in zip((MarkerKind.PROFESSIONAL, MarkerKind.CITIZEN), words, strict=True):
            w = fm.horizontalAdvance(text)
            legend.append(
                (
                    kind,
                    QPointF(x + 6, legend_h / 2),
                    fm.height() * 0.7,
                    QRectF(x + 14, 0, w + 4, legend_h),
                    text,
                )
            )
            x += w + 36
        ground_key = (
            tuple((b.getRect(), c.rgba()) for b, c in bands),
            plot.getRect(),
            tuple((r.getRect(), t) for r, t in numbers),
            tuple((k, c.toTuple(), s, r.getRect(), t) for k, c, s, r, t in legend),
        )
        return _ChartFrame(
            legend_h,
            plot,
            bands,
            numbers,
            legend,
            fm.horizontalAdvance("00-00-0000") + 8,
            fm.lineSpacing(),
            [y_of(i) for i in range(n)],
            max(7.0, min(12.0, plot.height() / n * 0.6)),
            ground_key,
        )

    def _make_plot(self, today: date | None = None) -> _Plot | None:
        """The citizen's plot in the frame (``_chart_frame``): the date ticks, and a line
        and markers for each series (running on to ``today``, asked for if not given)."""
        sc = self._staircase
        series = {a: self.series(a) for a, _k, _s in SERIES}
        if not sc or not sc.steps or not any(series.values()):
            return None
        frame = self._chart_frame()
        if frame is None:
            return None
        plot = frame.plot
        lists = [points for points in series.values() if points]
        start = min(min(map(_first, points)) for points in lists)
        if today is None:
            today = self._today()
        end = max(today, *(max(map(_first, points)) for points in lists))
        if end <= start:
            end = start + timedelta(days=30)
        span = (end - start).days or 1
        pad = 9.0  # half the largest marker and a little: markers at either end stay whole
        x0, x_scale = plot.left() + pad, (plot.width() - 2 * pad) / span
        origin = start.toordinal()

        def x_of(d: date) -> float:
            return x0 + x_scale * (d.toordinal() - origin)

        # Date ticks: first and last always; an inner date only where it overlaps neither.
        label_w = frame.label_w
        ticks = max(2, min(6, int(plot.width() // label_w)))
        labels = []
        for k in range(ticks):
            d = start + timedelta(days=round(span * k / (ticks - 1)))
            align, rx = Qt.AlignmentFlag.AlignHCenter, x_of(d) - label_w / 2
            if k == 0:
                align, rx = Qt.AlignmentFlag.AlignLeft, plot.left()
            elif k == ticks - 1:
                align, rx = Qt.AlignmentFlag.AlignRight, plot.right() - label_w
            labels.append((rx, align, d))
        kept = [labels[0]]
        for label in labels[1:-1]:
            if label[0] >= kept[-1][0] + label_w + 4 and label[0] + label_w + 4 <= labels[-1][0]:
                kept.append(label)
        if len(labels) > 1 and labels[-1][0] >= kept[-1][0] + label_w + 4:
            kept.append(labels[-1])
        dates = [
            (QRectF(rx, plot.bottom() + 2, label_w, frame.line_spacing), align, format_date(d))
            for rx, align, d in kept
        ]
        # One path per series for the line and one for all its markers. A marker that would
        # sit on the one before it (close in time, same step) is drawn once: two hundred
        # meetings on a chart a few hundred pixels wide overlap, and the line shows them all.
        # The line gets a corner only where the step changes: a run of meetings on one step
        # is one straight stretch, not hundreds of pieces to stroke (and to dash) in a row.
        size = frame.size
        ys = frame.ys
        close = size * 0.9
        lines, markers = [], []
        for assessor, kind, style in SERIES:
            points = series[assessor]
            if not points:
                continue
            line = QPainterPath()
            first, step = points[0]
            x = x0 + x_scale * (first.toordinal() - origin)  # (``x_of``, inlined)
            line.moveTo(x, ys[step])
            dot_x = x  # the last marker's (always on the step the line is on)
            dots: list[tuple[float, float]] = [(x, ys[step])]
            add = dots.append
            end_x = x  # where the line has been drawn to
            for d, i in points[1:]:
                x = x0 + x_scale * (d.toordinal() - origin)
                if i != step:
                    y = ys[i]
                    line.lineTo(x, ys[step])
                    line.lineTo(x, y)
                    step = i
                    end_x = dot_x = x
                    add((x, y))
                elif x - dot_x >= close:
                    dot_x = x
                    add((x, ys[i]))
            if today > points[-1][0]:
                x = x_of(today)
            if x != end_x:
                line.lineTo(x, ys[step])
            lines.append((line, _line_pen(kind, style)))
            markers.append((kind, size, dots))
        return _Plot(
            frame.bands,
            plot,
            frame.numbers,
            dates,
            lines,
            markers,
            frame.legend,
            frame.ground_key,
        )

    def _planned_plot(self) -> _Plot | None:
        """The plot for this content and size, made once (a citizen opened again, a window
        uncovered, paints the paths made before); kept by the series it shows, by identity
        (kept with the record's placements, ``set_content``; the entry holds them, so no
        other can take their ``id``), the steps (by identity too), size, day and font."""
        record, sc = self._record, self._staircase
        if record is None or sc is None or not record.placements:
            return None  # (no lines: nothing worth keeping)
        series = self._series
        steps = tuple(sc.steps)
        today = self._today()  # (asked once: ``date.today`` imports ``time`` each time)
        key = (id(series), tuple(map(id, steps)), self.size().toTuple(), today, self.font().key())
        plots = self._plots
        found = plots.pop(key, None)
        if found is None:
            found = (steps, series, self._make_plot(today))
            while len(plots) >= PLOTS_KEPT:
                plots.pop(next(iter(plots)))
        plots[key] = found  # (the last used last)
        return found[2]

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._planned:
            self._plot = self._planned_plot()
            self._planned = True
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = self._plot
        palette = self.palette()
        text = palette.text().color()
        if plot is None:
            p.fillRect(self.rect(), palette.base())
            if not (self._staircase and self.series(Assessor.PROFESSIONAL)):
                p.setPen(palette.placeholderText().color())
                p.drawText(
                    self.rect(),
                    int(Qt.AlignmentFlag.AlignCenter),
                    self.tr("Ingen placeringer endnu"),
                )
            p.end()
            return
        device = p.device()
        ratio = device.devicePixelRatioF() if device else 1.0
        # The ground, the bands, the step numbers, the frame and the legend are the same for
        # every citizen at this size: a ground layer drawn once. The citizen's own dates,
        # lines and markers go on top.
        p.drawPixmap(0, 0, self._ground(p, ratio, palette, plot))
        p.setFont(self.font())
        p.setPen(text)
        for rect, align, label in plot.dates:
            p.drawText(rect, int(align | Qt.AlignmentFlag.AlignTop), label)
        plot.paint_lines(p)  # (with the lines' own pens and brushes)
        for kind, size, centres in plot.markers:  # each marker drawn once, then stamped
            self._sprites.stamp_all(p, kind, size, centres)
        p.end()

    def _ground(self, painter: QPainter, ratio: float, palette: QPalette, plot: _Plot) -> QPixmap:
        """The ground layer for this plot's bands, numbers, frame and legend (drawn once)."""
        key = (
            self.size().toTuple(),
            ratio,
            palette.cacheKey(),
            self.font().key(),
            plot.ground_key,
        )
        found = self._grounds.pop(key, None)
        if found is None:
            w, h = self.width(), self.height()
            found = QPixmap(max(1, round(w * ratio)), max(1, round(h * ratio)))
            found.setDevicePixelRatio(ratio)
            found.fill(palette.base().color())
            self._paint_ground(found, painter.renderHints(), plot)
            while len(self._grounds) >= 3:
                self._grounds.pop(next(iter(self._grounds)))
        self._grounds[key] = found
        return found

    def _paint_ground(self, pixmap: QPixmap, hints: QPainter.RenderHint, plot: _Plot) -> None:
        p = QPainter(pixmap)
        p.setRenderHints(hints)
        p.setFont(QFont(self.font()))
        text = self.palette().text().color()
        base = self.palette().base().color()
        for band, colour in plot.bands:
            # The band's translucent colour laid over the ground beforehand: an opaque fill
            # is several times cheaper than blending one, and looks the same.
            p.fillRect(band, over(colour, base))
        p.setPen(text)
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for rect, number in plot.numbers:
            p.drawText(rect, right, number)
        grid = QColor(text)
        grid.setAlpha(40)
        p.setPen(QPen(grid, 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(plot.frame)
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for kind, centre, size, rect, label in plot.legend:
            paint_marker(p, kind, centre.x(), centre.y(), size)
            p.setPen(text)
            p.drawText(rect, left, label)
        p.end()
