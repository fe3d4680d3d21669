"""Markers painted with QPainter: the shared marker styles (``trappe.model.markers``) as
shapes, and each small marker drawn once as a sprite and stamped where it goes (the
staircase's earlier placements, the progress chart's many meetings).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from trappe.model.geometry import MarkerKind
from trappe.model.markers import MARKER_STYLES, Shape, outline_points


def over(colour: QColor, ground: QColor) -> QColor:
    """The opaque colour that ``colour`` (translucent) gives laid over an opaque ``ground``."""
    a = colour.alpha()
    if a == 255:
        return colour

    def mix(c: int, g: int) -> int:
        return (c * a + g * (255 - a) + 127) // 255

    return QColor(
        mix(colour.red(), ground.red()),
        mix(colour.green(), ground.green()),
        mix(colour.blue(), ground.blue()),
    )


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


POINTS_KEPT = 4096  # corners and places remembered (``MarkerSprites.corner``, ``Fonts.points``)


class MarkerShapes:
    """Full-size markers painted where they stood before: each one's pen, fill and outline
    made once per kind, place and size (``paint_marker``'s, the same calls), so the next
    citizen's current markers, in the same columns, are painted without making them again."""

    def __init__(self) -> None:
        self._made: dict[tuple[MarkerKind, float, float, float], tuple] = {}

    def paint(self, painter: QPainter, kind: MarkerKind, cx: float, cy: float, size: float) -> None:
        """``paint_marker(painter, kind, cx, cy, size)``: the same calls, the same pixels."""
        key = (kind, cx, cy, size)
        found = self._made.get(key)
        if found is None:
            if len(self._made) >= 256:
                self._made.clear()
            style = MARKER_STYLES[kind]
            if style.shape is Shape.CIRCLE:
                shape: QPointF | QPolygonF = QPointF(cx, cy)
            else:
                shape = QPolygonF(
                    [QPointF(x, y) for x, y in outline_points(style.shape, cx, cy, size)]
                )
            found = self._made[key] = (marker_pen(kind, size), QColor(style.fill), shape)
        pen, fill, shape = found
        painter.setPen(pen)
        painter.setBrush(fill)
        if isinstance(shape, QPolygonF):
            painter.drawPolygon(shape)
        else:
            painter.drawEllipse(shape, size / 2, size / 2)


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

    @staticmethod
    def half(kind: MarkerKind, size: float) -> float:
        """How far a sprite's top-left corner is from its marker's centre (``sprite``'s
        offset, which does not depend on the pixel ratio)."""
        size = max(1, round(size * 4)) / 4
        pad = max(1.0, size * MARKER_STYLES[kind].outline_width) + 1
        return (size + 2 * pad) / 2

    def stamp(self, painter: QPainter, kind: MarkerKind, cx: float, cy: float, size: float) -> None:
        self.stamp_all(painter, kind, size, ((cx, cy),))

    def stamp_all(
        self,
        painter: QPainter,
        kind: MarkerKind,
        size: float,
        centres: Iterable[tuple[float, float]],
    ) -> None:
        """Many markers of one kind and size: the sprite looked up once for them all."""
        device = painter.device()
        ratio = device.devicePixelRatioF() if device else 1.0
        pixmap, half = self.sprite(kind, size, ratio)
        draw = painter.drawPixmap
        for cx, cy in centres:
            draw(QPointF(cx - half, cy - half), pixmap)

    def stamp_corners(
        self, painter: QPainter, kind: MarkerKind, size: float, corners: Iterable[QPointF]
    ) -> None:
        """``stamp_all`` with each sprite's top-left corner given (the centre less ``half``):
        the same calls, with points made beforehand (``corner``)."""
        device = painter.device()
        ratio = device.devicePixelRatioF() if device else 1.0
        pixmap = self.sprite(kind, size, ratio)[0]
        draw = painter.drawPixmap
        for at in corners:
            draw(at, pixmap)


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
