"""A paragraph drawn as its one line looks and reads exactly as reportlab draws it."""

from __future__ import annotations

import io

import pytest
from sheet_helpers import page_texts, render_page

from trappe.sheet import pdf
from trappe.sheet.fonts import markup
from trappe.sheet.style import (
    S_BODY,
    S_BOX_BIG,
    S_CELL,
    S_HEADING,
    S_INFO,
    S_NAME,
    SharedParagraph,
    _new_paragraph,
    label_markup,
    markup_para,
    text_para,
)

WIDTH = 360.0

ONE_LINERS = [
    (markup("Frederik Bækgaard"), S_NAME),
    (markup("Åse Ærø-Østergaard & Søn <kursus>"), S_BODY),
    (label_markup("CPR-nr.", "300593-****") + " &nbsp;&nbsp; " + label_markup("Mål:", "J"), S_INFO),
    (label_markup("Sagsbehandler:", "Mette Sørensen (1255)"), S_INFO),
    ("<font color='#555555'>a </font> b&nbsp; <font color='#555555'> c</font>", S_INFO),
    ("&nbsp;leading and trailing no-break spaces&nbsp;", S_BODY),
    ("•&nbsp;&nbsp;" + markup("Virksomhedspraktik hos Netto, 12 timer om ugen"), S_BODY),
    (markup("22-11-2026"), S_BOX_BIG),
    (markup("Ring til praktikstedet"), S_CELL),
    (markup("Aftaler"), S_HEADING),
]

NOT_PLAIN = [
    ("<b>Trin:</b> 1. Afklaring", S_BODY),  # two fonts on the line
    (markup("李小龙 Jensen"), S_BODY),  # the fallback font for the Chinese letters
    ("to<br/>linjer", S_BODY),  # a line break
    (markup("blød\u00adbindestreg"), S_BODY),  # a soft hyphen
    (markup("nul\u200bbredde"), S_BODY),  # a zero-width space
    ("<font size='12'>stor</font> lille", S_BODY),  # two sizes
]


def _para(markup_text, style, *, as_line):
    para = _new_paragraph(markup_text, style, ("test", markup_text, as_line), SharedParagraph)
    if not as_line:
        para.one_line = None  # reportlab's own way
    return para


def _page_of(paras, *, as_line):
    out = io.BytesIO()
    canv = pdf.new_canvas(out, title="t", author="a", subject="s", invariant=True)
    canv.reused = None  # drawn directly, no forms
    y = 800.0
    for markup_text, style, width in paras:
        para = _para(markup_text, style, as_line=as_line)
        _, h = para.wrap(width, 10_000)
        para.drawOn(canv, 40, y - h)
        y -= h + 6
    canv.showPage()
    canv.save()
    return out.getvalue(), y


@pytest.mark.parametrize(("markup_text", "style"), ONE_LINERS)
def test_plain_one_liners_are_drawn_as_their_line(markup_text, style):
    para = _para(markup_text, style, as_line=True)
    assert para.one_line is not None
    assert para.wrap(WIDTH, 10_000) == (WIDTH, style.leading)
    assert para.drawn_as_line


@pytest.mark.parametrize(("markup_text", "style"), NOT_PLAIN)
def test_anything_else_keeps_reportlabs_way(markup_text, style):
    assert _para(markup_text, style, as_line=True).one_line is None


def test_a_line_too_long_for_the_width_is_broken_by_reportlab():
    text = markup("Aftale om at ringe til praktikstedet og aftale mødetider for næste uge")
    para, plain = _para(text, S_BODY, as_line=True), _para(text, S_BODY, as_line=False)
    assert para.one_line is not None
    assert para.wrap(120, 10_000) == plain.wrap(120, 10_000)
    assert not para.drawn_as_line and para.height > S_BODY.leading
    # The same paragraph at a width it fits: its line; at the narrow width again: reportlab's.
    assert para.wrap(WIDTH, 10_000)[1] == S_BODY.leading and para.drawn_as_line
    assert para.wrap(120, 10_000) == plain.wrap(120, 10_000) and not para.drawn_as_line
    assert para.split(120, S_BODY.leading * 2.5)  # split from reportlab's own lines


def test_one_line_drawing_has_the_same_pixels_and_text_as_reportlabs(tmp_path):
    paras = [(t, s, WIDTH) for t, s in ONE_LINERS + NOT_PLAIN]
    paras.append((markup("Aftale om at ringe til praktikstedet og aftale mødetider"), S_BODY, 90))
    fast, y_fast = _page_of(paras, as_line=True)
    slow, y_slow = _page_of(paras, as_line=False)
    assert y_fast == y_slow
    assert page_texts(fast) == page_texts(slow)
    (tmp_path / "fast.pdf").write_bytes(fast)
    (tmp_path / "slow.pdf").write_bytes(slow)
    a = render_page(tmp_path / "fast.pdf", 1, 150, on_white=True)
    b = render_page(tmp_path / "slow.pdf", 1, 150, on_white=True)
    assert (a.width, a.height) == (b.width, b.height)
    off = sum(1 for x, y in zip(a.data, b.data, strict=True) if x != y)
    assert off == 0, off


def test_shared_paragraphs_are_kept_apart_by_kind():
    from trappe.sheet.story import Heading

    plain = text_para("Aftaler", S_HEADING)
    heading = text_para("Aftaler", S_HEADING, Heading)
    assert type(heading) is Heading and type(plain) is SharedParagraph
    assert text_para("Aftaler", S_HEADING, Heading) is heading
    assert markup_para("Aftaler", S_HEADING) is plain
    assert text_para("Aftaler", S_BODY, Heading) is not heading  # the style is in the key
