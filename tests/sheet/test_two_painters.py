"""One picture, two painters: the screen and the sheet show each marker in the same colour
and explain them with the same words (issue 11: the citizen's triangle was orange on screen
and red on paper, "placering" on screen and "vurdering" on the sheet)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sheet_helpers import page_texts, render_page

from trappe.model import citizens, staircase
from trappe.model.geometry import MarkerKind
from trappe.model.markers import LEGEND, MARKER_STYLES
from trappe.sheet import pdf as sheet_pdf
from trappe.sheet.data import citizen_sheet_data, load_context
from trappe.ui.staircase_widget import StaircaseWidget, legend_words

CURRENT = (MarkerKind.PROFESSIONAL, MarkerKind.CITIZEN, MarkerKind.GOAL)


def hex_of(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


@pytest.fixture
def paper(store, citizen_with_history, tmp_path) -> dict[MarkerKind, str]:
    """The colour at the centre of each current marker on the printed sheet."""
    data = citizen_sheet_data(store, load_context(store), citizen_with_history)
    out = tmp_path / "ark.pdf"
    with out.open("wb") as fh:
        canv = sheet_pdf.new_canvas(fh, title="t", author="a", subject="s", invariant=True)
        drawn = sheet_pdf.draw_sheet(canv, data, datetime(2026, 11, 22, 9, 15))
        canv.save()
    dpi = 150
    image = render_page(out, 1, dpi)
    place = drawn.staircase
    found = {}
    for m in place.layout.markers:
        if m.kind in CURRENT:
            x, y = place.to_pdf(m.cx, m.cy)
            found[m.kind] = hex_of(
                image.pixel(round(x * dpi / 72), round((sheet_pdf.PAGE_H - y) * dpi / 72))
            )
    return found


@pytest.fixture
def screen(qtbot, store, citizen_with_history) -> dict[MarkerKind, str]:
    """The colour at the centre of each current marker on the screen."""
    w = StaircaseWidget()
    qtbot.addWidget(w)
    w.resize(900, 500)
    w.set_content(
        staircase.load_staircase(store),
        citizens.get_citizen_record(store, citizen_with_history, log_read=False),
    )
    w.show()
    qtbot.waitExposed(w)
    image = w.grab().toImage()
    off = w.offset()
    return {
        m.kind: image.pixelColor(round(m.cx + off.x()), round(m.cy + off.y())).name()
        for m in w.layout_now().markers
        if m.kind in CURRENT
    }


def test_screen_and_paper_paint_each_marker_in_the_same_colour(paper, screen):
    assert set(paper) == set(screen) == set(CURRENT)
    for kind in CURRENT:
        assert screen[kind] == paper[kind] == MARKER_STYLES[kind].fill, kind
    # The citizen's triangle: one colour, and not the professionals' or the goal's.
    assert len({screen[k] for k in CURRENT}) == 3


def test_screen_and_paper_use_the_same_legend_words(qtbot, store, citizen_with_history, tmp_path):
    out = tmp_path / "ark.pdf"
    from trappe.sheet import render_citizen_sheet

    render_citizen_sheet(store, citizen_with_history, out, log_action=None)
    text = page_texts(out)[0]
    words = legend_words()  # the screen's, in the language chosen (Danish here)
    for entry in LEGEND:
        assert words[entry.text] == entry.text  # the screen says what the model says
        assert entry.text in text  # and so does the sheet
    assert "vurdering" not in text
    w = StaircaseWidget()
    qtbot.addWidget(w)
    w.set_content(
        staircase.load_staircase(store),
        citizens.get_citizen_record(store, citizen_with_history, log_read=False),
    )
    options = w.paint_options()
    assert [options.words[e.text] for e in options.legend] == [e.text for e in LEGEND]
