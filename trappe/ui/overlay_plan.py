"""The staircase's overlay planned: where a citizen's own texts and small markers go on a
picture (the descriptions, the counts of earlier placements, the small markers and their
dates), decided once per picture and offset (``StaircasePainter.overlay`` keeps it)."""

from __future__ import annotations

import re
from operator import attrgetter, is_
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from trappe.model.geometry import HISTORY_KINDS, MarkerKind, Rect
from trappe.model.textfit import shrink_to_width, size_steps
from trappe.ui.marker_painting import POINTS_KEPT
from trappe.ui.overlay_texts import (
    Overlay,
    StaticRun,
    TextRun,
    dates_font,
    digit_shapes_of,
    fit_count,
    laid_out_run,
    measured_by_shape,
)

if TYPE_CHECKING:
    from trappe.ui.staircase_plan import Fonts, Picture

DESCRIPTION_INK = QColor("#2b2b2b")
DATE_INK = QColor("#3c3c3c")


def plan_overlay(
    fonts: Fonts, pic: Picture, offset: QPointF, counts: tuple[tuple[int, str, str], ...]
) -> Overlay:
    """The overlay of ``pic`` at ``offset`` (``StaircasePainter.overlay``); ``counts``: each
    step's "+k tidligere" and its short form, where the step has a row for it."""
    lay = pic.layout
    ox, oy = offset.x(), offset.y()
    cache = fonts.regular
    before: list[TextRun | StaticRun] = []
    descriptions = pic.descriptions
    px = pic.description_px
    metrics = cache(px)
    measure, line_h, font = metrics.measure, metrics.line_height, cache.font(px)
    labels = lay.hidden_label_boxes
    memo = fonts.memo
    counted = {step_id: (text, short) for step_id, text, short in counts}
    for box in lay.steps:
        step_id = box.step.id
        lines = descriptions.get(step_id)
        d = box.description_box
        if lines and d is not None:
            # The same description in the same box for the next citizen: placed once,
            # and once its lines are laid out (a citizen painted again), drawn as such.
            key = ("description run", lines, d.x + ox, d.y + oy, d.w, px)
            run = memo.get(("laid out", key))
            if run is None:
                items = memo.get(key)
                if items is None:
                    left, y = key[2], key[3]
                    placed = []
                    for line in lines:
                        placed.append((left + (d.w - measure(line)) / 2, y, line))
                        y += line_h
                    items = memo[key] = tuple(placed)
                run = (font, DESCRIPTION_INK, cache, px, items)
                laid_out = laid_out_run(run, fonts.points)
                if laid_out is not None:
                    memo["laid out", key] = run = laid_out
            before.append(run)
        count = counted.get(step_id)
        b = labels.get(step_id) if count else None
        if b is not None:
            # The count's words, size and font by its row's size (``fit_count`` reads
            # only that): the next citizen's "+k tidligere" in such a row, found once. The
            # same words come back for other citizens (hundreds of earlier placements leave
            # many "+50 tidligere"): seen once before, they are laid out (as a text painted
            # twice is), and ``draw_texts`` draws them from that layout.
            key = ("count run", *count, b.w, b.h, pic.label_px)
            found = memo.get(key)
            if found is None:
                text, count_px, _ = fit_count(memo, cache, pic.label_px, b, *count)
                half = cache(count_px).line_height / 2
                found = memo[key] = [text, count_px, half, cache.font(count_px), False]
            text, count_px, half, count_font, seen = found
            if seen:
                cache.static(text, count_px)  # (made once: the font's cache keeps it)
            else:
                found[4] = True
            run = ((b.x + ox, (b.y + oy) + b.h / 2 - half, text),)
            before.append((count_font, DATE_INK, cache, count_px, run))
    # Earlier placements (each once: stamped, at a corner kept for the place: the next
    # citizen's are in the same rows), then their dates in one size.
    alike: dict[tuple[MarkerKind, float], tuple[float, list[QPointF]]] = {}
    texts: list[str] = []  # each labelled marker's text and row: the dates and their size
    boxes: list[Rect] = []
    history_kinds = HISTORY_KINDS
    points = fonts.points
    point = points.get
    for m in lay.markers:
        if m.kind not in history_kinds:
            continue
        # many small ones: stamped, a sprite for each kind and size
        found = alike.get((m.kind, m.size))
        if found is None:
            found = alike[(m.kind, m.size)] = (fonts.sprites.half(m.kind, m.size), [])
        # (the centre, then less half the sprite: as ``MarkerSprites.stamp_all`` does)
        at = (m.cx + ox - found[0], m.cy + oy - found[0])
        corner = point(at)
        if corner is None:
            if len(points) >= POINTS_KEPT:
                points.clear()
            corner = points[at] = QPointF(*at)
        found[1].append(corner)
        b = m.label_box
        if b is not None:
            texts.append(m.label)
            boxes.append(b)
    stamps = tuple([(kind, size, tuple(c)) for (kind, size), (_, c) in alike.items()])
    after: list[TextRun] = []
    if alike:
        px, _, shaped = dates_fit(fonts, texts, boxes, pic.label_px)
        found = memo.get(("dates run", px, shaped))
        if found is None:
            font = dates_font(memo, cache, px) if shaped else cache.font(px)
            found = memo["dates run", px, shaped] = (cache(px).line_height / 2, font)
        half, font = found
        dates = tuple(
            [
                (b.x + ox + 2, b.y + oy + b.h / 2 - half, text)
                for text, b in zip(texts, boxes, strict=True)
                if text
            ]
        )
        after.append((font, DATE_INK, cache, px, dates))
    return Overlay(tuple(before), stamps, tuple(after))


# Texts that are each a short date ("22-11-26": ``format_date_short``), joined by "\0".
_SHORT_DATES = re.compile(r"[0-9]{2}-[0-9]{2}-[0-9]{2}(?:\0[0-9]{2}-[0-9]{2}-[0-9]{2})*")
_WIDTH, _HEIGHT = attrgetter("w"), attrgetter("h")


def dates_fit(
    fonts: Fonts, texts: list[str], boxes: list[Rect], label_px: float
) -> tuple[float, bool, bool]:
    """``StaircasePainter.date_px`` of the labelled markers' ``texts`` in their rows
    (``boxes``), and whether every text is measured by its shape (``digit_shapes``).

    Where every text is a short date (one shape) and the font measures dates by their
    shape at the sizes tried, the answer depends only on the rows' least height and their
    widths: remembered by those (the next citizen's dates, in the same rows)."""
    if not texts:
        return label_px, True, False
    joined = "\0".join(texts)
    if len(joined) != 9 * len(texts) - 1 or not _SHORT_DATES.fullmatch(joined):
        return _dates_fit(fonts, texts, boxes, label_px)
    memo = fonts.memo
    key = ("short dates fit", min(map(_HEIGHT, boxes)), frozenset(map(_WIDTH, boxes)), label_px)
    found = memo.get(key)
    if found is None:
        found = _dates_fit(fonts, texts, boxes, label_px)
        # (not by shape: the fit depends on each date, so none is remembered for them all)
        memo[key] = found if found[2] else False
    return found or _dates_fit(fonts, texts, boxes, label_px)


def _dates_fit(
    fonts: Fonts, texts: list[str], boxes: list[Rect], label_px: float
) -> tuple[float, bool, bool]:
    """``dates_fit``, worked out."""
    cache = fonts.regular
    row_h = min([b.h for b in boxes])
    sizes = size_steps(max(min(row_h * 0.72, label_px), 7.0), 7.0)
    shapes = texts
    if measured_by_shape(fonts.memo, cache, sizes):
        shapes = digit_shapes_of(texts)
    # Each text (or shape) and row width once; their fit remembered by them (the next
    # citizen's dates are of the same shapes in rows of the same widths).
    fitted = tuple(dict.fromkeys(zip(shapes, [b.w - 2 for b in boxes], strict=True)))
    memo = fonts.memo
    key = ("dates fit", fitted, sizes)
    found = memo.get(key)
    if found is None:
        fits = [shrink_to_width(text, cache, w, sizes) for text, w in fitted]
        found = memo[key] = (min(px for px, _ in fits), all(ok for _, ok in fits))
    shaped = not any(map(is_, shapes, texts))  # (a text kept as it is: not a shape)
    return found[0], found[1], shaped
