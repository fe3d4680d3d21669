"""Paragraphs made without reportlab's markup parser get exactly the parser's fragments."""

from __future__ import annotations

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
