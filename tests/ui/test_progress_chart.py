"""The progression chart checked by pixel: each series' step line is found by its colour in the
painted widget. A higher step is drawn higher up, the steps are evenly spaced, time runs from
left to right, and each series shows its own placements (the citizen's own assessment is not
the professionals' line)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import Assessor, CitizenInput, MeetingInput
from trappe.model.geometry import MarkerKind
from trappe.model.markers import MARKER_STYLES
from trappe.ui.progress_chart import ProgressChart

TODAY = date(2026, 6, 1)  # a month after the last meeting (4 May): the lines run on to today
MARKER = 7  # pixels: half the largest marker (12) and one for antialiasing


@dataclass
class Level:
    """A horizontal stretch of a step line: the rows it covers and its first and last pixel."""

    y: float
    left: int
    right: int


def rows_of_colour(image: QImage, colour: str) -> dict[int, list[int]]:
    """The x of every pixel of exactly ``colour``, per row."""
    img = image.convertToFormat(QImage.Format.Format_RGB32)
    c = QColor(colour)
    pattern = bytes((c.blue(), c.green(), c.red(), 0xFF))  # RGB32 in memory: B, G, R, 0xff
    raw = bytes(img.constBits())
    stride = img.bytesPerLine()
    out: dict[int, list[int]] = {}
    for y in range(img.height()):
        line = raw[y * stride : y * stride + 4 * img.width()]
        at = line.find(pattern)
        while at != -1:
            if at % 4 == 0:
                out.setdefault(y, []).append(at // 4)
            at = line.find(pattern, at + 1)
    return out


def longest_run(xs: list[int], gap: int = 6) -> tuple[int, int]:
    """The longest stretch of a row's pixels, dashes included (their gaps are under 5 px)."""
    best = run = (xs[0], xs[0])
    for x in xs[1:]:
        run = (run[0], x) if x - run[1] <= gap else (x, x)
        if run[1] - run[0] > best[1] - best[0]:
            best = run
    return best


def line_levels(image: QImage, colour: str, min_length: int = 30) -> list[Level]:
    """The horizontal stretches of a line, left to right. A row belongs to one when its
    longest stretch of the colour is at least ``min_length`` pixels (a marker is at most 12
    wide; a vertical join is a pixel or two in a row); neighbouring rows form one stretch."""
    runs = {y: longest_run(xs) for y, xs in rows_of_colour(image, colour).items()}
    rows = {y: run for y, run in runs.items() if run[1] - run[0] >= min_length}
    levels: list[list[int]] = []
    for y in sorted(rows):
        if levels and y - levels[-1][-1] <= 2:
            levels[-1].append(y)
        else:
            levels.append([y])
    out = [
        Level(
            sum(ys) / len(ys),
            min(rows[y][0] for y in ys),
            max(rows[y][1] for y in ys),
        )
        for ys in levels
    ]
    return sorted(out, key=lambda level: level.left)


@pytest.fixture
def record(store):
    """Professionals 1 → 3 → 2 (2 Feb, 16 Mar, 4 May), the citizen's own 4 → 5 → 5: the two
    lines never share a step, so neither hides the other."""
    steps = staircase.load_staircase(store).steps
    group = staircase.list_target_groups(store)[0]
    c = citizens.create_citizen(
        store,
        CitizenInput(name="Kim Berg", target_group_id=group.id, start_date=date(2026, 1, 5)),
    )
    for held_on, pro, own in (
        (date(2026, 2, 2), 0, 3),
        (date(2026, 3, 16), 2, 4),
        (date(2026, 5, 4), 1, 4),
    ):
        meetings.record_meeting(
            store,
            c.id,
            MeetingInput(
                held_on=held_on,
                professional_step_id=steps[pro].id,
                citizen_step_id=steps[own].id,
            ),
        )
    return citizens.get_citizen_record(store, c.id, log_read=False)


@pytest.fixture
def chart(qtbot, store, record) -> ProgressChart:
    w = ProgressChart(today=lambda: TODAY)
    qtbot.addWidget(w)
    w.resize(640, 320)
    w.set_content(staircase.load_staircase(store), record)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_each_series_is_drawn_step_by_step_higher_steps_higher_up(chart):
    assert [i for _, i in chart.series(Assessor.PROFESSIONAL)] == [0, 2, 1]  # 0-based
    assert [i for _, i in chart.series(Assessor.CITIZEN)] == [3, 4, 4]
    image = chart.grab().toImage()

    pro = line_levels(image, MARKER_STYLES[MarkerKind.PROFESSIONAL].fill)
    own = line_levels(image, MARKER_STYLES[MarkerKind.CITIZEN].fill)
    # Left to right, one stretch per run on a step: the professionals' three, the citizen's
    # two (5 and 5 again is one stretch).
    assert len(pro) == 3, pro
    assert len(own) == 2, own

    # Higher steps higher up (smaller y), one band apart: step 2 midway between 1 and 3.
    y = {0: pro[0].y, 2: pro[1].y, 1: pro[2].y}
    assert y[0] > y[1] > y[2]
    band = y[0] - y[1]
    assert band > 10
    assert abs((y[1] - y[2]) - band) <= 2
    # The citizen's own line on steps 4 and 5, evenly above the professionals' steps.
    assert abs(own[0].y - (y[0] - 3 * band)) <= 2
    assert abs(own[1].y - (y[0] - 4 * band)) <= 2

    # Time runs left to right: each stretch starts where the one before ends (the step's
    # vertical join), and both lines start at the first meeting and run on to today. A
    # stretch's ends may be a marker's edge: MARKER half a marker's width apart at most.
    for line in (pro, own):
        for before, after in pairwise(line):
            assert abs(after.left - before.right) <= MARKER
    assert abs(pro[0].left - own[0].left) <= MARKER
    assert abs(pro[-1].right - own[-1].right) <= MARKER
    # The professionals' move down (16 Mar → 4 May on step 3) is shorter than the 42 days on
    # step 1 before it and longer than the 28 days from 4 May to today (7 weeks against 6 and
    # 4), measured along the line.
    lengths = [lv.right - lv.left for lv in pro]
    assert lengths[2] < lengths[0] < lengths[1]
    # The citizen's own move up to step 3 was at the same meeting as the professionals'.
    assert abs(own[1].left - pro[1].left) <= MARKER


def test_a_citizen_without_placements_gets_words_not_lines(qtbot, store):
    w = ProgressChart(today=lambda: TODAY)
    qtbot.addWidget(w)
    w.resize(640, 320)
    w.set_content(staircase.load_staircase(store), None)
    w.show()
    qtbot.waitExposed(w)
    image = w.grab().toImage()
    for kind in (MarkerKind.PROFESSIONAL, MarkerKind.CITIZEN):
        assert rows_of_colour(image, MARKER_STYLES[kind].fill) == {}
    assert w.describe() == "Ingen placeringer endnu"


def test_a_repaint_fills_the_lines_outlines_with_the_same_pixels_as_stroking(chart):
    """The first paint strokes the lines; a later one fills their outlines, made once (the
    citizen's dashes are not cut again on every paint). Both give the same pixels, dashes,
    caps and joins included, at several widths, for both series."""
    for width in (641, 431, 900):  # (640 was painted when shown)
        chart.resize(width, 320)
        first = chart.grab().toImage()  # a new size: a new plot, its lines stroked
        plot = chart._plot
        assert plot is not None and plot.outlines is None
        again = chart.grab().toImage()  # painted again: the outlines, filled
        assert plot.outlines is not None and len(plot.outlines) == 2
        assert {pen.style() for _, pen in plot.lines} == {
            Qt.PenStyle.SolidLine,
            Qt.PenStyle.DashLine,
        }
        assert again == first
        assert line_levels(again, MARKER_STYLES[MarkerKind.CITIZEN].fill)


def test_a_long_run_on_one_step_is_one_stretch_of_line_drawn_as_through_every_meeting(qtbot, store):
    """Thirty meetings on three steps: each line turns only where its step changes (a
    stretch per run, not a piece per meeting, to stroke and dash), and it covers the same
    pixels as a line with a corner at every meeting."""
    steps = staircase.load_staircase(store).steps
    c = citizens.create_citizen(store, CitizenInput(name="Lone Dal", start_date=date(2025, 1, 6)))
    for k in range(30):
        meetings.record_meeting(
            store,
            c.id,
            MeetingInput(
                held_on=date(2025, 1, 6).fromordinal(date(2025, 1, 6).toordinal() + 9 * k),
                professional_step_id=steps[(0, 2, 1)[k // 10]].id,
                citizen_step_id=steps[3 if k < 15 else 4].id,
            ),
        )
    w = ProgressChart(today=lambda: TODAY)
    qtbot.addWidget(w)
    w.resize(640, 320)
    w.set_content(staircase.load_staircase(store), citizens.get_citizen_record(store, c.id))
    w.show()
    qtbot.waitExposed(w)
    w.grab()
    plot = w._plot
    assert plot is not None
    (pro, pro_pen), (own, own_pen) = plot.lines
    # A move, two corners each (along, then up or down); the start; the run on to today.
    assert pro.elementCount() == 1 + 2 * 2 + 1
    assert own.elementCount() == 1 + 2 * 1 + 1
    for path, pen, (_, _, dots) in zip((pro, own), (pro_pen, own_pen), plot.markers, strict=True):
        # The same line with a corner at every meeting (each drawn meeting's x) along it.
        every = QPainterPath()
        first = path.elementAt(0)
        every.moveTo(first.x, first.y)
        xs = sorted({x for x, _ in dots})
        for k in range(1, path.elementCount()):
            a, b = path.elementAt(k - 1), path.elementAt(k)
            if a.y == b.y:
                for x in xs:
                    if a.x < x < b.x:
                        every.lineTo(x, a.y)
            every.lineTo(b.x, b.y)
        assert every.elementCount() > 12
        images = []
        for drawn in (path, every):
            image = QImage(w.size(), QImage.Format.Format_ARGB32)
            image.fill(QColor("white"))
            p = QPainter(image)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.strokePath(drawn, pen)
            p.end()
            images.append(image)
        assert images[0] == images[1]


def test_a_records_series_are_kept_with_it_and_never_another_records(chart, store, record):
    """The same record shown again (handed out again while the file is unchanged) keeps its
    series; another record (a new reading, with one more meeting) or another staircase gets
    series of its own, drawn from its own placements."""
    import dataclasses

    sc = chart._staircase  # (the staircase the chart was given)
    first = chart.series(Assessor.PROFESSIONAL)
    chart.set_content(sc, None)
    chart.set_content(sc, record)
    assert chart.series(Assessor.PROFESSIONAL) is first
    chart.set_content(sc, dataclasses.replace(record))  # (read again: the same placements)
    assert chart.series(Assessor.PROFESSIONAL) is first
    later = dataclasses.replace(record, placements=list(record.placements[:-2]))
    chart.set_content(sc, later)
    assert chart.series(Assessor.PROFESSIONAL) == first[:-1]
    other = staircase.load_staircase(store)  # (the staircase read again: a new object)
    chart.set_content(other, record)
    assert chart.series(Assessor.PROFESSIONAL) == first
    assert chart.series(Assessor.PROFESSIONAL) is not first
    chart.set_content(sc, record)
    assert chart.series(Assessor.PROFESSIONAL) == first


def _plot_parts(plot) -> tuple:
    """Everything a plot draws, by value."""
    return (
        plot.ground_key,
        tuple((r.getRect(), int(a), t) for r, a, t in plot.dates),
        tuple(
            (
                tuple(
                    (path.elementAt(k).x, path.elementAt(k).y) for k in range(path.elementCount())
                ),
                pen.color().rgba(),
                pen.style(),
                pen.widthF(),
            )
            for path, pen in plot.lines
        ),
        tuple((kind, size, tuple(centres)) for kind, size, centres in plot.markers),
    )


def _fresh_plot(chart):
    """The plot made with no frame kept."""
    kept = dict(chart._frames)
    chart._frames.clear()
    try:
        return chart._make_plot()
    finally:
        chart._frames.clear()
        chart._frames.update(kept)


def test_the_plots_frame_is_kept_for_the_next_citizen_and_never_for_another_size_font_or_staircase(
    chart, store, record
):
    """What every citizen's plot shares at one size (the plot's rectangle, the bands, the
    step numbers, the legend) is made once: a second citizen's plot reuses it. Another size,
    font, wording or staircase (a step recoloured, added or renamed) gets a frame of its own,
    equal to one made with nothing kept."""
    import dataclasses

    from trappe.model.frozen import replace

    sc = chart._staircase
    chart.grab()
    first = chart._plot
    assert first is not None
    shorter = dataclasses.replace(record, placements=list(record.placements[:-2]))
    chart.set_content(sc, shorter)
    chart.grab()
    second = chart._plot
    assert second is not None and second is not first
    assert second.bands is first.bands and second.legend is first.legend
    assert _plot_parts(second) == _plot_parts(_fresh_plot(chart))
    assert _plot_parts(second) != _plot_parts(first)

    def check(changed: str) -> None:
        plot = chart._make_plot()
        assert plot is not None, changed
        assert plot.bands is not first.bands, changed
        assert _plot_parts(plot) == _plot_parts(_fresh_plot(chart)), changed

    chart.set_content(sc, record)
    chart.resize(641, 320)
    check("width")
    chart.resize(641, 333)
    check("height")
    font = chart.font()
    font.setPointSizeF(font.pointSizeF() + 3)
    chart.setFont(font)
    check("font")
    steps = list(sc.steps)
    recoloured = type(sc)(sc.phases, [replace(steps[0], colour="#ff0000"), *steps[1:]])
    chart.set_content(recoloured, record)
    check("step colour")
    assert chart._make_plot().ground_key[0][0][1] == QColor(255, 0, 0, 70).rgba()
    more = type(sc)(sc.phases, [*steps, replace(steps[-1], id=999, position=99)])
    chart.set_content(more, record)
    check("a step added")
    assert len(chart._make_plot().bands) == len(steps) + 1
    chart.set_content(sc, record)
    chart.tr = lambda text: {"Fagpersoner": "Professionals"}.get(text, text)  # another wording
    check("wording")
    assert chart._make_plot().legend[0][4] == "Professionals"


def reference_plot(chart: ProgressChart, record, sc) -> tuple[list, list, list]:
    """The series, line corners and markers as the chart worked them out before its loops
    were tightened (a loop per placement, every date listed for the ends), written out."""
    from datetime import timedelta

    from trappe.ui.progress_chart import SERIES

    step_index = {s.id: i for i, s in enumerate(sc.steps)}.get
    series: dict = {Assessor.PROFESSIONAL: [], Assessor.CITIZEN: []}
    for p in record.placements:
        i = step_index(p.step_id)
        if i is not None:
            series[p.assessor].append((p.placed_on, i))
    frame = chart._chart_frame()
    plot = frame.plot
    all_dates = [d for points in series.values() for d, _ in points]
    start = min(all_dates)
    end = max([*all_dates, TODAY])
    if end <= start:
        end = start + timedelta(days=30)
    span = (end - start).days or 1
    x0, x_scale = plot.left() + 9.0, (plot.width() - 18.0) / span
    origin = start.toordinal()
    ys, close = frame.ys, frame.size * 0.9
    lines, markers = [], []
    for assessor, _kind, _style in SERIES:
        points = series[assessor]
        if not points:
            continue
        corners, dots = [], []
        first, step = points[0]
        x = x0 + x_scale * (first.toordinal() - origin)
        corners.append((x, ys[step]))
        dot_x, dot_step = x, step
        dots.append((x, ys[step]))
        end_x = x
        for d, i in points[1:]:
            x = x0 + x_scale * (d.toordinal() - origin)
            if i != step:
                for corner in ((x, ys[step]), (x, ys[i])):
                    if corner != corners[-1]:  # (a path skips a line to where it is)
                        corners.append(corner)
                step, end_x = i, x
            if dot_step != i or x - dot_x >= close:
                dot_x, dot_step = x, i
                dots.append((x, ys[i]))
        if points[-1][0] < TODAY:
            x = x0 + x_scale * (TODAY.toordinal() - origin)
        if x != end_x and (x, ys[step]) != corners[-1]:
            corners.append((x, ys[step]))
        lines.append(corners)
        markers.append(dots)
    return [series[a] for a, _k, _s in SERIES], lines, markers


def test_series_lines_and_markers_are_the_placements_worked_out_one_by_one(qtbot, store):
    """Random placements (out of order, several a day, on steps not on the staircase, only
    one kind, dates after today): the same series, corners and markers, to the bit."""
    import random
    from datetime import timedelta

    from trappe.model.citizen_entities import Citizen, CitizenRecord, Placement
    from trappe.model.entities import Status

    sc = staircase.load_staircase(store)
    ids = [s.id for s in sc.steps] + [999_999]  # (the last on no step shown)
    chart = ProgressChart(today=lambda: TODAY)
    qtbot.addWidget(chart)
    chart.resize(640, 260)
    rng = random.Random(7)
    for n in range(60):
        day = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 3000))
        placed = []
        for k in range(rng.choice([1, 2, 5, 40, 400])):
            day += timedelta(days=rng.choice([0, 0, 1, 3, 30]))
            kinds = [Assessor.PROFESSIONAL, Assessor.CITIZEN][: 1 + (n % 3 > 0)]
            placed.append(Placement(k, 1, day, rng.choice(kinds), rng.choice(ids), None))
        if n % 4 == 1:
            rng.shuffle(placed)
        citizen = Citizen(1, "X", None, None, None, None, day, None, None, Status.ACTIVE)
        record = CitizenRecord(citizen, placed, [], None, None, None)
        chart.set_content(sc, record)
        series, lines, markers = (
            reference_plot(chart, record, sc)
            if any(p.step_id != 999_999 for p in placed)
            else ([[], []], [], [])
        )
        assert [chart.series(a) for a in (Assessor.PROFESSIONAL, Assessor.CITIZEN)] == series
        plot = chart._make_plot()
        if plot is None:
            assert lines == []
            continue
        corners = [
            [(path.elementAt(k).x, path.elementAt(k).y) for k in range(path.elementCount())]
            for path, _pen in plot.lines
        ]
        assert corners == lines
        assert [dots for _kind, _size, dots in plot.markers] == markers


def test_a_plot_is_kept_with_the_series_it_shows_not_found_again_by_their_value(
    chart, store, record
):
    """A plot is kept with the very series it shows (kept with the record's placements): the
    same record again paints the same plot, without its two hundred points compared one by
    one; a new reading with equal placements gets a plot of its own, equal to the first; and
    nobody shown between two openings keeps nothing that pushes the citizen's plot out."""
    import dataclasses

    sc = chart._staircase
    chart.grab()
    first = chart._plot
    assert first is not None
    for _ in range(3 * 8):  # (more than the plots kept)
        chart.set_content(sc, None)
        chart.grab()
        assert chart._plot is None
        chart.set_content(sc, record)
        chart.grab()
        assert chart._plot is first
    again = dataclasses.replace(record, placements=list(record.placements))  # (equal, new list)
    chart.set_content(sc, again)
    shown = chart.grab().toImage()
    assert chart._plot is not first
    assert _plot_parts(chart._plot) == _plot_parts(first)
    chart.set_content(sc, record)
    assert chart.grab().toImage() == shown
    assert chart._plot is first


def test_kept_plots_paint_what_a_new_chart_paints_for_odd_placements(qtbot, store):
    """Random placements (out of order, several a day, some on no step shown, one kind
    only, none at all), shown in turn and again, at two sizes: every picture is the one a
    chart that never kept anything paints."""
    import random
    from datetime import timedelta

    from trappe.model.citizen_entities import Citizen, CitizenRecord, Placement
    from trappe.model.entities import Status

    sc = staircase.load_staircase(store)
    ids = [s.id for s in sc.steps] + [999_999]
    rng = random.Random(11)
    records = []
    for n in range(30):
        day = date(2021, 1, 1) + timedelta(days=rng.randrange(0, 1500))
        placed = []
        for k in range(rng.choice([0, 1, 3, 40, 200])):
            day += timedelta(days=rng.choice([0, 1, 9, 30]))
            kinds = [Assessor.PROFESSIONAL, Assessor.CITIZEN][: 1 + (n % 3 > 0)]
            placed.append(Placement(k, 1, day, rng.choice(kinds), rng.choice(ids), None))
        if n % 4 == 1:
            rng.shuffle(placed)
        citizen = Citizen(1, "X", None, None, None, None, day, None, None, Status.ACTIVE)
        records.append(CitizenRecord(citizen, placed, [], None, None, None))
    kept = ProgressChart(today=lambda: TODAY)
    qtbot.addWidget(kept)
    for size in ((640, 300), (455, 231), (1012, 187)):
        kept.resize(*size)
        for record in records + records[::-1] + [None, records[3]]:
            kept.set_content(sc, record)
            shown = kept.grab().toImage()
            again = kept.grab().toImage()  # (the outlines filled)
            fresh = ProgressChart(today=lambda: TODAY)
            qtbot.addWidget(fresh)
            fresh.resize(*size)
            fresh.set_content(sc, record)
            assert shown == fresh.grab().toImage()
            assert again == shown
            fresh.deleteLater()
