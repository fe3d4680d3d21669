"""The staircase overlay, planned with little per-marker work (``StaircasePainter.overlay``):
every run equals what placing each text and marker by itself gives (the rule before: a
QRectF per box, a count fitted by its own words), for odd histories, sizes and offsets; and
the "+k tidligere" words are asked for once per count and plan."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QPalette

from trappe.model.entities import Assessor, Category, Staircase, Step
from trappe.model.geometry import HISTORY_KINDS, HistoryEntry, Rect
from trappe.model.picture import StaircaseState
from trappe.ui.digit_shapes import digit_shape
from trappe.ui.staircase_painter import DESCRIPTION_INK, PaintOptions, StaircasePainter
from trappe.ui.staircase_plan import Fonts, plan_picture

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _staircase() -> Staircase:
    words = "Praktik i en virksomhed med få timer om ugen og en mentor ved siden af"
    steps = [
        Step(
            i + 1,
            i,
            f"Trin {i + 1}",
            " ".join(words.split()[: 3 + 2 * i]),
            "#c0d0e0",
            None,
            Category.NONE,
        )
        for i in range(6)
    ]
    return Staircase([], steps)


def _font() -> QFont:
    """The font these plans are made in (the window's, at 13 px)."""
    font = QFont("DejaVu Sans")
    font.setPixelSize(13)
    return font


def _state(seed: int, count: int) -> StaircaseState:
    rnd = random.Random(seed)
    start = date(1999, 12, 28)
    history = tuple(
        sorted(
            (
                HistoryEntry(
                    start + timedelta(days=rnd.randrange(1 + count // 3)),
                    rnd.choice(list(Assessor)),
                    rnd.randrange(1, 7),
                )
                for _ in range(count)
            ),
            key=lambda h: h.placed_on,
        )
    )
    return StaircaseState(rnd.randrange(1, 7), rnd.choice([None, 2, 5]), 6, history)


def _reference(painter: StaircasePainter, pic, offset: QPointF, options: PaintOptions):
    """The overlay's runs as the plan before placed them, as plain values."""
    lay = pic.layout
    ox, oy = offset.x(), offset.y()
    cache = painter.fonts.regular
    before = []
    for box in lay.steps:
        lines = pic.descriptions.get(box.step.id)
        if lines and box.description_box is not None:
            px = pic.description_px
            metrics = cache(px)
            r = box.description_box
            rect = QRectF(r.x + ox, r.y + oy, r.w, r.h)
            y = rect.top()
            items = []
            for line in lines:
                items.append((rect.left() + (rect.width() - metrics.measure(line)) / 2, y, line))
                y += metrics.line_height
            before.append((px, tuple(items)))
        hidden = lay.hidden_history.get(box.step.id)
        label_box = lay.hidden_label_boxes.get(box.step.id)
        if hidden and label_box is not None:
            r = label_box
            rect = QRectF(r.x + ox, r.y + oy, r.w, r.h)
            box_ = Rect(rect.x(), rect.y(), rect.width(), rect.height())
            text, px, _ = painter.count_text(pic, box_, hidden, options)
            top = rect.center().y() - cache(px).line_height / 2
            before.append((px, ((rect.left(), top, text),)))
    history = [m for m in lay.markers if m.kind in HISTORY_KINDS]
    alike = {}
    for m in history:
        alike.setdefault((m.kind, m.size), []).append((m.cx + ox, m.cy + oy))
    # Each sprite's top-left corner, as ``MarkerSprites.stamp_all`` places it.
    half = {k: painter.fonts.sprites.sprite(k[0], k[1], 1.0)[1] for k in alike}
    stamps = tuple(
        (kind, size, tuple((x - half[kind, size], y - half[kind, size]) for x, y in c))
        for (kind, size), c in alike.items()
    )
    after = []
    if history:
        px = painter.date_px(pic)[0]
        half = cache(px).line_height / 2
        dates = tuple(
            (m.label_box.x + ox + 2, m.label_box.y + oy + m.label_box.h / 2 - half, m.label)
            for m in history
            if m.label and m.label_box is not None
        )
        after.append((px, dates))
    return tuple(before), stamps, tuple(after)


def _plain(runs) -> tuple:
    return tuple((px, items) for _font, _ink, _cache, px, items in runs)


@pytest.mark.parametrize("seed", range(4))
def test_the_overlay_is_what_placing_each_text_and_marker_gives(qapp, seed):
    font = _font()
    sc = _staircase()
    asked: list[int] = []

    def hidden(k: int) -> str:
        asked.append(k)
        return f"+{k} tidligere"

    options = PaintOptions(hidden=hidden, hidden_short=lambda k: f"+{k}")
    rnd = random.Random(seed)
    for count in (0, 1, 5, 40, 400):
        for width, height in ((790.5, 318.25), (300.0, 200.0), (1366.0, 700.0)):
            fonts = Fonts(font)
            painter = StaircasePainter(fonts, QPalette())
            pic = plan_picture(sc, _state(seed * 7 + count, count), width, height, fonts)
            offset = QPointF(rnd.uniform(0, 20), rnd.uniform(0, 20))
            asked.clear()
            overlay = painter.overlay(pic, offset, options)
            counted = [n for n in pic.layout.hidden_history.values() if n]
            labelled = [
                s
                for s, n in pic.layout.hidden_history.items()
                if n and s in pic.layout.hidden_label_boxes
            ]
            assert len(asked) == len(labelled) <= len(counted)  # once per count
            before, stamps, after = _reference(painter, pic, offset, options)
            assert _plain(overlay.before) == before
            corners = tuple(
                (kind, size, tuple((p.x(), p.y()) for p in at)) for kind, size, at in overlay.stamps
            )
            assert corners == stamps
            assert _plain(overlay.after) == after
            assert painter.overlay(pic, offset, options) is overlay  # kept


def test_dates_shapes_in_one_pass_are_each_dates_shape():
    from trappe.ui.overlay_texts import digit_shapes_of as _digit_shapes

    texts = ["22-11-26", "", "ab", "1.2", "--", "x1", "01-01-00", "é9", "7", "\u00e6-1", "0:0"]
    assert _digit_shapes(texts) == [digit_shape(t) or t for t in texts]
    odd = ["1\02", "33"]  # a text holding the separator: each by itself
    assert _digit_shapes(odd) == [digit_shape(t) or t for t in odd]
    assert _digit_shapes([]) == []


def test_a_description_in_the_same_box_is_placed_once_for_every_citizen(qapp):
    font = _font()
    sc = _staircase()
    fonts = Fonts(font)
    painter = StaircasePainter(fonts, QPalette())
    options = PaintOptions()
    offset = QPointF(7.5, 7.5)
    runs: dict[tuple, list] = {}
    for seed in range(12):
        pic = plan_picture(sc, _state(seed, 30 + seed), 900.0, 420.0, fonts)
        overlay = painter.overlay(pic, offset, options)
        for run in overlay.before:
            if run[1] == DESCRIPTION_INK:
                runs.setdefault(run[4], []).append(run[4])
        assert _plain(overlay.before) == _reference(painter, pic, offset, options)[0]
    assert runs
    # Every citizen's run for one box is the one placed first (the same object).
    assert all(all(r is found[0] for r in found) for found in runs.values())
    assert any(len(found) > 1 for found in runs.values())


def test_each_citizens_picture_equals_one_planned_with_nothing_kept(qapp):
    """One widget's fonts plan many citizens' pictures, keeping the columns' boxes between
    them (``layout_staircase``'s ``kept``): each equals the picture planned from scratch,
    and a column in the same case is the same object for the next citizen."""
    font = _font()
    sc = _staircase()
    for width, height in ((790.5, 318.25), (1366.0, 700.0), (300.0, 200.0)):
        fonts = Fonts(font)
        pictures = []
        for seed, count in enumerate((0, 1, 2, 3, 40, 400, 7, 90, 1, 0, 400, 2)):
            state = _state(seed, count)
            pic = plan_picture(sc, state, width, height, fonts)
            assert pic == plan_picture(sc, state, width, height, Fonts(font)), (width, seed)
            pictures.append(pic)
        # (six steps a picture: fewer distinct boxes than that, the kept ones shared)
        assert len({id(b) for p in pictures for b in p.layout.steps}) < 6 * len(pictures)


def test_overlays_planned_one_after_another_equal_each_planned_afresh(qapp):
    """The counts' runs, the dates' fit and their font are remembered across citizens (in
    ``Fonts.memo``): every overlay of a run of odd citizens, sizes and offsets planned
    through one widget's fonts equals the one planned with nothing remembered."""
    font = _font()
    sc = _staircase()
    rnd = random.Random(11)
    options = PaintOptions(hidden=lambda k: f"+{k} tidligere", hidden_short=lambda k: f"+{k}")
    fonts = Fonts(font)
    painter = StaircasePainter(fonts, QPalette())
    for seed in range(36):
        width, height = rnd.choice(((790.5, 318.25), (1366.0, 700.0), (300.0, 200.0)))
        count = rnd.choice((0, 1, 3, 12, 40, 400))
        state = _state(100 + seed, count)
        offset = QPointF(rnd.choice((6.0, 7.5, rnd.uniform(0, 20))), rnd.uniform(0, 20))
        overlay = painter.overlay(plan_picture(sc, state, width, height, fonts), offset, options)
        fresh_fonts = Fonts(font)
        fresh = StaircasePainter(fresh_fonts, QPalette())
        pic = plan_picture(sc, state, width, height, fresh_fonts)
        before, _stamps, after = _reference(fresh, pic, offset, options)
        assert _plain(overlay.before) == before, seed
        assert _plain(overlay.after) == after, seed
        expected = fresh.overlay(pic, offset, options)
        assert [r[0].key() for r in overlay.after] == [r[0].key() for r in expected.after]
        assert [r[0].key() for r in overlay.before] == [r[0].key() for r in expected.before]


def test_the_next_citizens_dates_and_counts_are_not_fitted_again(qapp, monkeypatch):
    from trappe.ui import overlay_texts, staircase_painter

    font = _font()
    sc = _staircase()
    fonts = Fonts(font)
    painter = StaircasePainter(fonts, QPalette())
    # (one count's words in rows of one size, as the next citizen's counts of alike size)
    options = PaintOptions(hidden=lambda k: "+9 tidligere", hidden_short=lambda k: "+9")
    offset = QPointF(7.5, 7.5)
    painter.overlay(plan_picture(sc, _state(1, 400), 1366.0, 700.0, fonts), offset, options)
    fitted: list[str] = []

    def counted(text, *args):
        fitted.append(text)
        return real(text, *args)

    real = staircase_painter.shrink_to_width
    monkeypatch.setattr(staircase_painter, "shrink_to_width", counted)
    monkeypatch.setattr(overlay_texts, "shrink_to_width", counted)
    for seed in (2, 3):
        overlay = painter.overlay(
            plan_picture(sc, _state(seed, 400), 1366.0, 700.0, fonts), offset, options
        )
        assert overlay.after[0][4]  # dates, placed
    assert fitted == []


def test_the_next_citizens_descriptions_in_the_same_boxes_are_not_sized_again(qapp, monkeypatch):
    from trappe.ui import staircase_plan

    font = _font()
    sc = _staircase()
    fonts = Fonts(font)
    first = plan_picture(sc, _state(1, 400), 1366.0, 700.0, fonts)
    sized: list[int] = []
    real = staircase_plan._descriptions

    def counted(*args):
        sized.append(1)
        return real(*args)

    monkeypatch.setattr(staircase_plan, "_descriptions", counted)
    second = plan_picture(sc, _state(2, 400), 1366.0, 700.0, fonts)
    boxes = [b.description_box for b in second.layout.steps]
    assert boxes == [b.description_box for b in first.layout.steps] and any(boxes)
    assert sized == []
    assert second.descriptions == first.descriptions
    assert second.descriptions is not first.descriptions  # (each picture's own dict)


def test_descriptions_laid_out_before_are_drawn_from_their_layouts_for_the_next_citizen(qapp):
    from PySide6.QtGui import QColor, QImage, QPainter

    from trappe.ui.overlay_texts import draw_texts

    font = _font()
    sc = _staircase()
    fonts = Fonts(font)
    painter = StaircasePainter(fonts, QPalette())
    offset = QPointF(7.5, 7.5)
    first = painter.overlay(
        plan_picture(sc, _state(1, 40), 1366.0, 700.0, fonts), offset, PaintOptions()
    )
    first.texts(), first.texts()  # painted twice: its texts laid out
    pic = plan_picture(sc, _state(2, 40), 1366.0, 700.0, fonts)
    second = painter.overlay(pic, offset, PaintOptions())
    laid = [run for run in second.before if len(run) == 3]
    assert laid and all(run[1] == DESCRIPTION_INK for run in laid)
    # The same pixels as the runs placed afresh (each text drawn as it comes).
    fresh_fonts = Fonts(font)
    fresh = StaircasePainter(fresh_fonts, QPalette()).overlay(
        plan_picture(sc, _state(2, 40), 1366.0, 700.0, fresh_fonts), offset, PaintOptions()
    )
    assert not [run for run in fresh.before if len(run) == 3]

    def drawn(runs) -> QImage:
        image = QImage(1400, 720, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("#ffffff"))
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        draw_texts(p, tuple(r for r in runs if r[1] == DESCRIPTION_INK))
        p.end()
        return image

    assert drawn(second.before) == drawn(fresh.before)


def _rows(rnd: random.Random, n: int) -> list[Rect]:
    widths = [rnd.choice((40.0, 52.5, 61.25)) for _ in range(3)]
    return [Rect(0.0, 0.0, rnd.choice(widths), rnd.choice((14.0, 15.5, 22.0))) for _ in range(n)]


@pytest.mark.parametrize("seed", range(6))
def test_dates_fit_remembered_for_short_dates_equals_fitting_each(qapp, seed):
    """``overlay_plan.dates_fit`` remembers the fit of texts that are all short dates by
    the rows' sizes; for any texts (short dates, other digits, words, other scripts' digits,
    separators inside) it answers as fitting each text afresh does."""
    from trappe.ui.overlay_plan import _dates_fit, dates_fit

    rnd = random.Random(seed)
    font = _font()
    fonts = Fonts(font)
    odd = ["1-2-3", "22-11-2026", "ab-cd-ef", "\u0661\u0662-11-26", "22\u000011-26", "", "2211-26"]
    for _ in range(30):
        n = rnd.randrange(1, 40)
        texts = [
            f"{rnd.randrange(100):02d}-{rnd.randrange(100):02d}-{rnd.randrange(100):02d}"
            for _ in range(n)
        ]
        if rnd.random() < 0.4:
            texts[rnd.randrange(n)] = rnd.choice(odd)
        boxes = _rows(rnd, n)
        label_px = rnd.choice((9.0, 10.4, 12.0))
        expected = _dates_fit(Fonts(font), texts, boxes, label_px)
        assert dates_fit(fonts, texts, boxes, label_px) == expected, texts
        assert dates_fit(fonts, texts, boxes, label_px) == expected  # (remembered)


def test_the_next_citizens_short_dates_are_not_shaped_again(qapp, monkeypatch):
    from trappe.ui import overlay_plan

    font = _font()
    sc = _staircase()
    fonts = Fonts(font)
    painter = StaircasePainter(fonts, QPalette())
    offset = QPointF(7.5, 7.5)
    painter.overlay(plan_picture(sc, _state(1, 400), 1366.0, 700.0, fonts), offset, PaintOptions())
    shaped: list[int] = []
    real = overlay_plan.digit_shapes_of
    monkeypatch.setattr(overlay_plan, "digit_shapes_of", lambda t: shaped.append(1) or real(t))
    pic = plan_picture(sc, _state(2, 400), 1366.0, 700.0, fonts)
    overlay = painter.overlay(pic, offset, PaintOptions())
    assert overlay.after[0][4] and shaped == []


def test_count_words_seen_before_are_drawn_from_their_layouts_with_the_same_pixels(qapp):
    from PySide6.QtGui import QColor, QImage, QPainter

    from trappe.ui.overlay_texts import draw_texts

    font = _font()
    sc = _staircase()
    options = PaintOptions(hidden=lambda k: f"+{k % 4} tidligere", hidden_short=lambda k: "+")
    offset = QPointF(7.5, 7.5)
    fonts = Fonts(font)
    painter = StaircasePainter(fonts, QPalette())
    for seed in range(3):  # earlier citizens: their counts' words seen
        painter.overlay(plan_picture(sc, _state(seed, 400), 1366.0, 700.0, fonts), offset, options)
    overlay = painter.overlay(
        plan_picture(sc, _state(9, 400), 1366.0, 700.0, fonts), offset, options
    )
    counts = [run for run in overlay.before if len(run) == 5 and len(run[4]) == 1]
    laid = [run for run in counts if run[2].made_static(run[4][0][2], run[3]) is not None]
    assert counts and laid
    fresh_fonts = Fonts(font)
    fresh = StaircasePainter(fresh_fonts, QPalette()).overlay(
        plan_picture(sc, _state(9, 400), 1366.0, 700.0, fresh_fonts), offset, options
    )

    def drawn(runs) -> QImage:
        image = QImage(1400, 720, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("#ffffff"))
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        draw_texts(p, runs)
        p.end()
        return image

    assert drawn(overlay.before) == drawn(fresh.before)


def test_the_last_sixteen_pictures_are_kept_apart_from_the_fitted_texts(qapp):
    from trappe.ui.staircase_plan import PICTURES_KEPT

    font = _font()
    sc = _staircase()
    fonts = Fonts(font)
    states = [_state(seed, 30) for seed in range(PICTURES_KEPT + 4)]
    pictures = [plan_picture(sc, state, 900.0, 420.0, fonts) for state in states]
    assert len(fonts.pictures) == PICTURES_KEPT
    # The newest are the ones kept (the same objects); the oldest are planned anew, alike.
    assert plan_picture(sc, states[-1], 900.0, 420.0, fonts) is pictures[-1]
    again = plan_picture(sc, states[0], 900.0, 420.0, fonts)
    assert again is not pictures[0] and again == pictures[0]
    fonts.memo.clear()  # (a long session starts the fitted texts again: pictures stay)
    assert plan_picture(sc, states[-1], 900.0, 420.0, fonts) is pictures[-1]
