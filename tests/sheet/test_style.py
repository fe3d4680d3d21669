"""Paragraphs made without reportlab's markup parser get exactly the parser's fragments."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus.paragraph import Paragraph

from trappe.sheet import style
from trappe.sheet.fonts import markup


def _frags(frags) -> list[list[tuple[str, str]]]:
    return [sorted((k, repr(v)) for k, v in f.__dict__.items()) for f in frags]


def _made(text: str, st_) -> list:
    return style.markup_para(text, st_).frags


CASES = [
    "Lars  Jensen",
    "30-07-2026",
    style.label_markup("Sagsbehandler:", "Rikke Yilmaz (6)")
    + " &nbsp;&nbsp; "
    + style.label_markup("Virksomhedskonsulent:", "Jens & Søndergaard <VK 4>"),
    "•&nbsp;&nbsp;" + markup("Småjob / ordinære timer, Føtex"),
    "<b>Trin:</b> <b>1.</b>&nbsp;Afklaring &nbsp;·&nbsp; <b>2.</b>&nbsp;Motivation",
    markup("中文 navn 日本"),
    "a<br/>b\n c",
    "  foran  <b> x </b>  bagefter ",
    "x &amp;&amp; y",
]


@pytest.mark.parametrize("text", CASES)
@pytest.mark.parametrize("st_", [style.S_INFO, style.S_BODY, style.S_CELL, style.S_NAME])
def test_the_same_fragments_as_the_parser(text, st_):
    style.new_batch()
    assert _frags(_made(text, st_)) == _frags(Paragraph(text, st_).frags)


@settings(max_examples=60, deadline=None)
@given(label=st.text(max_size=12), value=st.text(max_size=30))
def test_any_labelled_line_gets_the_parser_fragments(label, value):
    text = style.label_markup(label, value)
    style.new_batch()
    assert _frags(_made(text, style.S_INFO)) == _frags(Paragraph(text, style.S_INFO).frags)


def test_a_moved_form_writes_what_reportlab_writes_and_leaves_the_canvas_as_it_was():
    """``forms.show_moved`` stands in for saveState, translate, doForm and restoreState:
    the same bytes on the page, the canvas's state (font, colours, matrix) unchanged."""
    from reportlab.lib import colors

    from trappe.sheet.forms import show_moved
    from trappe.sheet.page import new_canvas

    canvases = []
    for fast in (False, True):
        canv = new_canvas(io.BytesIO(), title="t", author="a", subject="s", invariant=True)
        canv.setFillColor(colors.HexColor("#123456"))
        canv.translate(3.5, 7.25)
        canv.beginForm("F")
        canv.rect(0, 0, 5, 5, fill=1)
        canv.endForm()
        for dx, dy in ((0, 0), (12.345678, -3.2), (-0.5, 100)):
            if fast:
                show_moved(canv, "F", dx, dy)
            else:
                canv.saveState()
                canv.translate(dx, dy)
                canv.doForm("F")
                canv.restoreState()
        canv.setFont("Helvetica", 9)
        canvases.append(canv)
    slow, fast = canvases
    assert fast._code == slow._code
    assert fast._formsinuse == slow._formsinuse
    for name in slow.STATE_ATTRIBUTES:
        if name == "_extgstate":  # (an object per canvas: compared by what it holds)
            assert vars(fast._extgstate) == vars(slow._extgstate)
        else:
            assert getattr(fast, name) == getattr(slow, name), name
    assert len(fast.state_stack) == len(slow.state_stack)


def test_shared_paragraphs_stay_bounded_and_a_repeated_text_is_kept():
    """A batch of many sheets makes texts of its own on every sheet (names, dates): the
    shared paragraphs stay within two generations, and a text every sheet shows (a label)
    stays the same Paragraph, wrapped once, however long the batch."""
    style.new_batch()
    label = style.markup_para("Sagsbehandler:", style.S_INFO)
    for i in range(5 * style._SHARED_MAX):
        style.markup_para(f"Borger nummer {i}", style.S_INFO)
        if i % 50 == 0:
            assert style.markup_para("Sagsbehandler:", style.S_INFO) is label
        cached = len(style._shared.newer) + len(style._shared.older)
        assert cached <= 2 * style._SHARED_MAX
    style.new_batch()
