"""What the staircase's overlay keeps from one citizen to the next, checked against painting
each thing by itself: the current markers' pens and outlines (``MarkerShapes``), the points
small markers and texts are drawn at (``Fonts.points``), and sprites stamped at corners
worked out beforehand (``MarkerSprites.stamp_corners``). The same pixels, with odd places
and sizes, and the kept objects are the same ones for the next citizen."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from trappe.model.geometry import MarkerKind
from trappe.ui.marker_painting import MarkerShapes, MarkerSprites, paint_marker
from trappe.ui.overlay_texts import draw_texts
from trappe.ui.text_metrics import FontCache

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _canvas() -> QImage:
    image = QImage(320, 200, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#fdfdf8"))
    return image


def _painted(draw) -> QImage:
    image = _canvas()
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    draw(p)
    p.end()
    return image


def _places(seed: int) -> list[tuple[MarkerKind, float, float, float]]:
    rnd = random.Random(seed)
    return [
        (rnd.choice(list(MarkerKind)), rnd.uniform(-5, 330), rnd.uniform(-5, 210), size)
        for size in (rnd.uniform(3, 40) for _ in range(25))
    ]


@pytest.mark.parametrize("seed", range(3))
def test_kept_marker_shapes_paint_as_paint_marker_does(qapp, seed):
    places = _places(seed)
    shapes = MarkerShapes()
    for _ in range(2):  # made, then kept
        kept = _painted(lambda p: [shapes.paint(p, *place) for place in places])
        plain = _painted(lambda p: [paint_marker(p, *place) for place in places])
        assert kept == plain
    first = dict(shapes._made)
    _painted(lambda p: [shapes.paint(p, *place) for place in places])
    assert all(shapes._made[k] is v for k, v in first.items())  # kept, not made again


def _stamped(ratio: float, stamp, *args) -> QImage:
    image = QImage(round(320 * ratio), round(200 * ratio), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("#ffffff"))
    p = QPainter(image)
    stamp(p, *args)
    p.end()
    return image


@pytest.mark.parametrize("ratio", [1.0, 1.5, 2.0])
def test_sprites_stamped_at_corners_land_where_stamp_all_puts_them(qapp, ratio):
    rnd = random.Random(int(ratio * 10))
    sprites = MarkerSprites()
    for kind in (MarkerKind.HISTORY_PROFESSIONAL, MarkerKind.HISTORY_CITIZEN, MarkerKind.GOAL):
        for size in (2.0, 7.3, 9.125, 16.6):
            centres = [(rnd.uniform(0, 300), rnd.uniform(0, 190)) for _ in range(12)]
            half = sprites.half(kind, size)
            assert half == sprites.sprite(kind, size, ratio)[1]
            corners = [QPointF(x - half, y - half) for x, y in centres]

            a = _stamped(ratio, sprites.stamp_all, kind, size, centres)
            b = _stamped(ratio, sprites.stamp_corners, kind, size, corners)
            assert a == b, (kind, size)


def test_texts_drawn_at_kept_points_look_the_same_and_share_their_points(qapp):
    font = QFont("DejaVu Sans")
    font.setPixelSize(12)
    cache = FontCache(font)
    rnd = random.Random(3)
    spots = [(rnd.uniform(0, 280), rnd.uniform(0, 180)) for _ in range(20)]
    texts = ["22-11-26", "+4 tidligere", "", "Ærø og Å", "01-01-00"]
    items = tuple((x, y, texts[i % len(texts)]) for i, (x, y) in enumerate(spots))
    cache.static(texts[1], 12)  # one laid out before: drawn from its layout
    run = ((cache.font(12), QColor("#3c3c3c"), cache, 12.0, items),)
    points: dict = {}
    kept = _painted(lambda p: draw_texts(p, run, points))
    assert kept == _painted(lambda p: draw_texts(p, run))
    made = dict(points)
    assert len(made) == len({(x, y) for x, y, _ in items}) > 0
    # The next citizen's texts at the same places: the same points, none made.
    other = tuple((x, y, "02-02-02") for x, y, _ in items)
    again = ((cache.font(12), QColor("#3c3c3c"), cache, 12.0, other),)
    _painted(lambda p: draw_texts(p, again, points))
    assert all(points[k] is v for k, v in made.items() if k in points)


def test_made_statics_answers_as_made_static_for_every_text(qapp):
    font = QFont("DejaVu Sans")
    font.setPixelSize(12)
    cache = FontCache(font)
    for text, size in (("22-11-26", 11.6), ("+4 tidligere", 12.0), ("", 9.4)):
        cache.static(text, size)
    for size in (9.4, 11.6, 12.0, 12.4, 30.0):
        look = cache.made_statics(size)
        for text in ("22-11-26", "+4 tidligere", "", "01-01-00", "Ærø"):
            assert look(text) is cache.made_static(text, size), (text, size)
    look = cache.made_statics(12.0)
    cache._static.clear()  # (the cache let its layouts go: so does the look-up)
    assert look("+4 tidligere") is None is cache.made_static("+4 tidligere", 12.0)
