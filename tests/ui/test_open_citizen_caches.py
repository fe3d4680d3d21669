"""What opening a citizen reuses (issue 12 item 4) still shows exactly what is there.

The staircase and the chart paint their ground (steps, titles, legend; bands, numbers, frame)
from a pixmap drawn once, and the staircase places the citizen's texts once per picture; the
open agreements are items measured once per text, width and font; the header and the history
pane lay the window out again only when they need another size. Each test changes what such
a cache depends on (the staircase's words and colours, the size, the palette, the language,
the font, an agreement's text, a new meeting) and checks the picture against one painted
from scratch.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import QEvent, QObject, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QPalette
from PySide6.QtWidgets import QWidget

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import Agreement, CitizenRecord, MeetingInput, Responsible, Staircase
from trappe.ui import staircase_widget
from trappe.ui.history_pane import HistoryPane
from trappe.ui.progress_chart import ProgressChart
from trappe.ui.staircase_painter import StaircasePainter
from trappe.ui.staircase_widget import StaircaseWidget

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

TODAY = date(2026, 6, 15)


def image(widget: QWidget) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def painted_directly(widget: StaircaseWidget) -> QImage:
    """The staircase painted call by call, with no layer and no placed overlay."""
    out = QImage(widget.size(), QImage.Format.Format_RGB32)
    p = QPainter(out)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    p.fillRect(widget.rect(), widget.palette().base())
    pic = widget.picture()
    assert pic is not None
    StaircasePainter(widget._fonts, widget.palette()).paint(
        p, pic, widget.offset(), widget.paint_options()
    )
    p.end()
    return out


def renamed(sc: Staircase, index: int, **changes: object) -> Staircase:
    steps = list(sc.steps)
    steps[index] = dataclasses.replace(steps[index], **changes)
    return dataclasses.replace(sc, steps=steps)


@pytest.fixture
def shown(qtbot, store, citizen_with_history):
    sc = staircase.load_staircase(store)
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    w = StaircaseWidget()
    qtbot.addWidget(w)
    w.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no focus frame: compared with a fresh widget
    w.resize(760, 380)
    w.set_content(sc, record)
    w.show()
    qtbot.waitExposed(w)
    return w, sc, record


def same_as_fresh(qtbot, w: StaircaseWidget, sc: Staircase, record: CitizenRecord) -> None:
    """The widget (with its caches) paints what painting from scratch gives, and what a new
    widget with no caches shows."""
    now = image(w)
    assert now == painted_directly(w).convertToFormat(QImage.Format.Format_RGB32)
    fresh = StaircaseWidget()
    qtbot.addWidget(fresh)
    fresh.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    fresh.setPalette(w.palette())
    fresh.resize(w.size())
    fresh.set_content(sc, record)
    fresh._hover_step = w._hover_step
    fresh.show()
    qtbot.waitExposed(fresh)
    assert image(fresh) == now


def with_agreements(record, count: int, first_id: int, text: str):
    """``record`` with its newest meeting holding ``count`` open agreements (``text`` formatted
    with each one's number ``i``), numbered from ``first_id``."""
    first = record.open_agreements[0]
    many = [
        dataclasses.replace(first, id=first_id + i, what=text.format(i=i)) for i in range(count)
    ]
    newest = record.meetings[-1]
    return dataclasses.replace(
        record, meetings=[*record.meetings[:-1], dataclasses.replace(newest, agreements=many)]
    )


def test_staircase_layers_follow_words_size_palette_and_hover(qtbot, shown):
    w, sc, record = shown
    same_as_fresh(qtbot, w, sc, record)
    before = image(w)
    # The staircase's words change (settings): the ground layer is drawn again.
    other = renamed(sc, 0, title="Helt andre ord", description="En ny beskrivelse her")
    w.set_content(other, record)
    assert image(w) != before
    same_as_fresh(qtbot, w, other, record)
    # A step's colour.
    coloured = renamed(other, 2, colour="#aa3355")
    w.set_content(coloured, record)
    same_as_fresh(qtbot, w, coloured, record)
    # Another size.
    w.resize(640, 330)
    same_as_fresh(qtbot, w, coloured, record)
    # Another palette.
    palette = w.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#fdf6e3"))
    w.setPalette(palette)
    same_as_fresh(qtbot, w, coloured, record)
    # A hovered step is drawn lighter.
    w._hover_step = coloured.steps[2].id
    w.update()
    hovered = image(w)
    same_as_fresh(qtbot, w, coloured, record)
    w._hover_step = None
    w.update()
    assert image(w) != hovered


def test_staircase_legend_follows_the_language(qtbot, shown, monkeypatch):
    w, _sc, _record = shown
    before = image(w)
    words = staircase_widget.legend_words()
    monkeypatch.setattr(
        staircase_widget, "legend_words", lambda: {k: v.upper() for k, v in words.items()}
    )
    w.update()
    after = image(w)
    assert after != before
    assert after == painted_directly(w)


def test_staircase_shows_a_new_meeting(qtbot, shown, store, citizen_with_history):
    w, sc, record = shown
    before = image(w)
    meetings.record_meeting(
        store,
        citizen_with_history,
        MeetingInput(
            held_on=date(2026, 6, 1),
            professional_step_id=sc.steps[4].id,
            citizen_step_id=sc.steps[4].id,
        ),
    )
    again = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    w.set_content(sc, again)
    assert image(w) != before
    same_as_fresh(qtbot, w, sc, again)
    # And back: the earlier picture is reused as it was.
    w.set_content(sc, record)
    assert image(w) == before


def chart_for(qtbot, sc: Staircase, record: CitizenRecord, size: QSize) -> ProgressChart:
    chart = ProgressChart(today=lambda: TODAY)
    qtbot.addWidget(chart)
    chart.resize(size)
    chart.set_content(sc, record)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def test_chart_ground_follows_colours_size_and_font(qtbot, store, citizen_with_history):
    sc = staircase.load_staircase(store)
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    chart = chart_for(qtbot, sc, record, QSize(520, 280))
    first = image(chart)
    assert first == image(chart_for(qtbot, sc, record, QSize(520, 280)))
    coloured = renamed(sc, 1, colour="#204080")
    chart.set_content(coloured, record)
    assert image(chart) != first
    assert image(chart) == image(chart_for(qtbot, coloured, record, QSize(520, 280)))
    chart.resize(430, 240)
    assert image(chart) == image(chart_for(qtbot, coloured, record, QSize(430, 240)))
    font = chart.font()
    font.setPointSizeF(font.pointSizeF() + 3)
    chart.setFont(font)
    bigger = chart_for(qtbot, coloured, record, QSize(430, 240))
    bigger.setFont(font)
    assert image(chart) == image(bigger)
    # Another citizen on the same ground: only their own lines differ.
    chart.setFont(bigger.font())
    chart.set_content(coloured, None)
    assert image(chart) != image(bigger)


# -- the open agreements ------------------------------------------------------------------------
@pytest.fixture
def pane(qtbot):
    p = HistoryPane(today=lambda: TODAY)
    qtbot.addWidget(p)
    p.resize(1000, 320)
    p.show()
    qtbot.waitExposed(p)
    return p


def with_first_agreement(record: CitizenRecord, what: str) -> CitizenRecord:
    """The record with the newest open agreement's text changed (as after an edit)."""
    first = record.open_agreements[0]
    changed = []
    for m in record.meetings:
        agreements = [
            dataclasses.replace(a, what=what) if a.id == first.id else a for a in m.agreements
        ]
        changed.append(dataclasses.replace(m, agreements=agreements))
    return dataclasses.replace(record, meetings=changed)


def row_heights(pane: HistoryPane) -> list[int]:
    view = pane.agreements
    return [view.visualRect(view.model().index(r, 0)).height() for r in range(view.count())]


def fresh_heights(qtbot, pane: HistoryPane, sc: Staircase, record: CitizenRecord) -> list[int]:
    other = HistoryPane(today=lambda: TODAY)
    qtbot.addWidget(other)
    other.setFont(pane.font())
    other.resize(pane.size())
    other.show()
    qtbot.waitExposed(other)
    other.set_content(sc, record)
    qtbot.waitUntil(lambda: row_heights(other) and min(row_heights(other)) > 0)
    return row_heights(other)


def test_agreements_follow_text_width_and_font(qtbot, pane, store, citizen_with_history):
    sc = staircase.load_staircase(store)
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    pane.set_content(sc, record)
    qtbot.waitUntil(lambda: min(row_heights(pane)) > 0)
    short = row_heights(pane)
    long_text = "Søg tre praktikpladser i detailhandlen og ring til jobcentret bagefter " * 3
    edited = with_first_agreement(record, long_text)
    pane.set_content(sc, edited)
    assert pane.agreements.item(0).text().startswith(long_text)
    qtbot.waitUntil(lambda: row_heights(pane)[0] > short[0])
    assert row_heights(pane) == fresh_heights(qtbot, pane, sc, edited)
    # Narrower: the texts wrap again, measured at the new width.
    wide = row_heights(pane)
    pane.resize(700, 320)
    qtbot.waitUntil(lambda: row_heights(pane)[0] > wide[0])
    assert row_heights(pane) == fresh_heights(qtbot, pane, sc, edited)
    # A larger font: measured again in it.
    narrow = row_heights(pane)
    font = pane.font()
    font.setPointSizeF(font.pointSizeF() + 4)
    pane.setFont(font)
    qtbot.waitUntil(lambda: row_heights(pane)[-1] > narrow[-1])
    assert row_heights(pane) == fresh_heights(qtbot, pane, sc, edited)


def test_rows_are_measured_once_at_the_width_beside_the_scroll_bar(
    qtbot, pane, store, citizen_with_history
):
    sc = staircase.load_staircase(store)
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    longer = with_agreements(record, 24, 10_000, "Aftale nummer {i} om praktik og kursus")
    pane.set_content(sc, None)
    qtbot.wait(20)
    assert not pane.agreements.verticalScrollBar().isVisible()
    model = pane.agreements.model()
    measured_again: list[int] = []
    forget = model.forget_sizes
    model.forget_sizes = lambda: (measured_again.append(1), forget())[1]
    pane.set_content(sc, longer)
    qtbot.waitUntil(lambda: pane.agreements.verticalScrollBar().isVisible())
    qtbot.wait(20)
    assert measured_again == []  # measured at the narrower width at once
    assert row_heights(pane) == fresh_heights(qtbot, pane, sc, longer)


def test_the_scroll_bar_is_there_before_the_rows_are_laid_out_and_goes_when_they_fit(
    qtbot, pane, store, citizen_with_history
):
    """Rows that clearly overflow the list show its scroll bar at once (the list is laid out
    once, beside it); when the list grows to hold them all, the bar goes, as Qt would have
    it; and the rows are as tall as in a list that never had the bar."""
    sc = staircase.load_staircase(store)
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    longer = with_agreements(record, 30, 20_000, "Aftale {i} om praktik og kursus")
    bar = pane.agreements.verticalScrollBar()
    pane.set_content(sc, None)
    qtbot.wait(20)
    assert not bar.isVisible()
    pane.set_content(sc, longer)
    assert bar.isVisible()  # before any event is handled: no layout at the wider width
    qtbot.wait(20)
    assert row_heights(pane) == fresh_heights(qtbot, pane, sc, longer)
    pane.set_content(sc, record)  # a few rows: Qt decides, and they fit
    qtbot.waitUntil(lambda: not bar.isVisible())
    pane.set_content(sc, longer)
    assert bar.isVisible()
    pane.resize(pane.width(), 3000)  # room for every row: the bar goes
    qtbot.waitUntil(lambda: not bar.isVisible())
    assert row_heights(pane) == fresh_heights(qtbot, pane, sc, longer)


def test_rows_that_surely_overflow_are_measured_only_beside_the_bar(
    qtbot, pane, store, citizen_with_history
):
    """Forty rows of two lines at least cannot fit a list a few rows tall: the bar is chosen
    without measuring any row at the width without it; each row is measured once, beside it,
    and the shortest row there can be is no taller than any row measured."""
    sc = staircase.load_staircase(store)
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    longer = with_agreements(record, 40, 30_000, "Aftale {i} om mentor og bolig")
    view = pane.agreements
    pane.set_content(sc, None)
    qtbot.wait(20)
    measured: list[int] = []
    size_at, sizes_at = view._size_at, view._sizes_at
    view._size_at = lambda width, row: (measured.append(width), size_at(width, row))[1]
    view._sizes_at = lambda width: (measured.extend([width] * 40), sizes_at(width))[1]
    pane.set_content(sc, longer)
    assert view.verticalScrollBar().isVisible()
    qtbot.wait(20)
    assert len(set(measured)) == 1 and len(measured) == 40  # one width: beside the bar
    least = view._least_height(measured[0])
    assert least <= min(size_at(measured[0], row).height() for row in range(40))
    assert row_heights(pane) == fresh_heights(qtbot, pane, sc, longer)


def test_plain_agreements_are_measured_from_remembered_words_at_qts_heights(
    qtbot, pane, store, citizen_with_history
):
    """Agreements in plain words are not laid out by Qt one by one: their words' advances are
    remembered (across citizens) and the lines broken as Qt breaks them. Each row is as tall
    as Qt's own layout of its text makes it, whether it wraps or not."""
    sc = staircase.load_staircase(store)
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    longer = with_agreements(
        record, 40, 40_000, "Søge {i} job inden for lager og transport hver uge"
    )
    view = pane.agreements
    tallest = {}
    for width in (1000, 700, 1400):
        pane.resize(width, 320)
        pane.set_content(sc, longer)
        qtbot.wait(20)
        assert view.wrapped().asked_qt == 0
        fm = QFontMetrics(view.font())
        wrap = int(Qt.TextFlag.TextWordWrap)
        heights = [
            fm.boundingRect(0, 0, view._width, 10_000, wrap, view.model().text(row)).height() + 8
            for row in range(view.count())
        ]
        assert [view.sizeHintForIndex(view.model().index(r, 0)).height() for r in range(40)] == (
            heights
        )
        tallest[width] = max(heights)
    assert tallest[700] > tallest[1400]  # wrapped into more lines where narrower


def test_ticking_asks_and_leaves_the_row_until_read_again(pane, store, citizen_with_history):
    sc = staircase.load_staircase(store)
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    pane.set_content(sc, record)
    asked: list[tuple[Agreement, bool]] = []
    pane.agreement_done_toggled.connect(lambda a, done: asked.append((a, done)))
    item = pane.agreements.item(0)
    item.setCheckState(Qt.CheckState.Checked)
    assert asked == [(record.open_agreements[0], True)]
    assert item.checkState() == Qt.CheckState.Unchecked  # until the record is read again


def test_agreement_responsible_words_follow_the_record(pane, store, citizen_with_history):
    sc = staircase.load_staircase(store)
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    pane.set_content(sc, record)
    first = record.open_agreements[0]
    text = pane.agreements.item(0).text()
    changed = []
    for m in record.meetings:
        agreements = [
            dataclasses.replace(a, responsible=Responsible.OTHER, responsible_other="Lægen")
            if a.id == first.id
            else a
            for a in m.agreements
        ]
        changed.append(dataclasses.replace(m, agreements=agreements))
    pane.set_content(sc, dataclasses.replace(record, meetings=changed))
    assert pane.agreements.item(0).text() != text
    assert "Lægen" in pane.agreements.item(0).text()


# -- the window is laid out again only when a size changes --------------------------------------
class LayoutRequests(QObject):
    def __init__(self, watched: QWidget) -> None:
        super().__init__()
        self.count = 0
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_opening_another_citizen_leaves_the_window_layout_alone(
    qtbot, window, store, citizen_with_history
):
    from trappe.model.entities import CitizenInput

    other = citizens.create_citizen(
        store, CitizenInput(name="Bo Berg", start_date=date(2026, 1, 5))
    ).id
    meetings.record_meeting(
        store,
        other,
        MeetingInput(
            held_on=date(2026, 2, 2),
            professional_step_id=window.staircase.steps[1].id,
            agreements=[Agreement("Ring til lægen", Responsible.CITIZEN, date(2026, 3, 1))],
        ),
    )
    window.resize(1920, 1080)  # both headers on two lines
    # Once each, so the window has settled at this size with both citizens' panes (what
    # earlier windows of the process left in Qt's caches then no longer matters).
    for cid in (other, citizen_with_history):
        window.show_citizen(cid)
        qtbot.wait(50)
    # The lists lay their rows out again a tenth of a second after a resize (Qt's delayed
    # layout): let that pass too, on a busy machine, before counting.
    qtbot.wait(400)
    requests = LayoutRequests(window.centre_splitter)
    outer = LayoutRequests(window.splitter)
    height = window.header.height()
    window.show_citizen(other)
    qtbot.wait(50)
    assert "Bo Berg" in window.header.text()
    assert window.header.height() == height
    assert requests.count == 0 and outer.count == 0


def test_header_grows_for_words_that_wrap_and_shrinks_back(qtbot, window, citizen_with_history):
    window.show_citizen(citizen_with_history)
    header = window.header
    header.set_words("Åse", "", "Kort")
    qtbot.wait(20)
    short = header.height()
    assert short == max(header._least, header.heightForWidth(header.width()))
    long_words = " · ".join(["Virksomhedskonsulent: Jens Østergaard Andersen"] * 6)
    header.set_words("Åse", "", long_words)
    qtbot.waitUntil(lambda: header.height() > short)
    assert header.height() == header.heightForWidth(header.width())

    # The staircase below follows the header (nothing is painted over).
    def staircase_below_header() -> bool:
        top = window.staircase_view.mapTo(window, QPointF(0, 0).toPoint()).y()
        return top >= header.mapTo(window, QPointF(0, header.height()).toPoint()).y()

    qtbot.waitUntil(staircase_below_header)
    header.set_words("Åse", "", "Kort")
    qtbot.waitUntil(lambda: header.height() == short)
    # Narrower, the long words need more lines: the header grows with the width's change.
    header.set_words("Åse", "", long_words)
    qtbot.waitUntil(lambda: header.height() > short)
    wide = header.height()
    window.resize(window.width() - 300, window.height())
    qtbot.waitUntil(lambda: header.height() > wide)
    assert header.height() == header.heightForWidth(header.width())


def test_a_citizens_first_paint_draws_new_dates_as_they_come_the_next_lays_them_out(
    qtbot, store, citizen_with_history
):
    """Laying a text out (``QStaticText``) costs three times drawing it once: the first paint
    of a citizen draws dates never laid out before as they come, the next paint lays them
    out once and draws those; both give the same pixels."""
    sc = staircase.load_staircase(store)
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    w = StaircaseWidget()
    qtbot.addWidget(w)
    w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    w.resize(760, 380)
    w.set_content(sc, record)
    pic = w.picture()
    assert pic is not None
    dates = {m.label for m in pic.layout.markers if m.label}
    assert dates
    first = w.grab().toImage()
    laid_out = {text for text, _px in w._fonts.regular._static}
    assert not dates & laid_out
    again = w.grab().toImage()
    assert dates <= {text for text, _px in w._fonts.regular._static}
    assert again == first
    assert w.grab().toImage() == first


def test_row_texts_say_who_and_when_as_the_model_words_it(qtbot):
    """Each row's text and tick are made once per agreement and wording: for every
    kind of responsible (a blank «Andre» name too), with and without a date, overdue or not,
    open or closed; the same agreement in a closed case (not overdue) is worded anew."""
    from trappe.model.formatting import format_date, responsible_text
    from trappe.model.picture import is_overdue
    from trappe.ui.history_lists import AgreementsModel
    from trappe.ui.widgets import responsible_labels

    model = AgreementsModel()
    rows = [
        Agreement(f"Aftale {i}", who, due, done, other, id=i)
        for i, (who, other, due, done) in enumerate(
            (who, other, due, done)
            for who in Responsible
            for other in ("", "  ", " Lægen ")
            for due in (None, date(2026, 3, 1), date(2026, 9, 1))
            for done in (None, date(2026, 4, 1))
        )
    ]
    for checkable in (True, False, True):
        model.set_agreements(rows, lambda: TODAY, checkable=checkable)
        assert model.rowCount() == len(rows)
        for row, a in enumerate(rows):
            who = responsible_text(a, labels=responsible_labels())
            if a.due_on is not None:
                who += " · senest " + format_date(a.due_on)
            late = checkable and is_overdue(a, TODAY)
            if late:
                who += " · overskredet"
            index = model.index(row, 0)
            assert model.text(row) == f"{a.what}\n{who}" == index.data()
            ticked = Qt.CheckState.Checked if a.done else Qt.CheckState.Unchecked
            assert Qt.CheckState(index.data(Qt.ItemDataRole.CheckStateRole)) == ticked
            ink = index.data(Qt.ItemDataRole.ForegroundRole)
            assert (ink == QColor("#8a1c10")) if late else ink is None
