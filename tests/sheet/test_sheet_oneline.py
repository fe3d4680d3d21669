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
    y, ys = 820.0, []
    for markup_text, style, width in paras:
        para = _para(markup_text, style, as_line=as_line)
        _, h = para.wrap(width, 10_000)
        if y - h < 20:
            canv.showPage()
            y = 820.0
        para.drawOn(canv, 40, y - h)
        y -= h + 4
        ys.append(y)
    canv.showPage()
    canv.save()
    return out.getvalue(), ys


@pytest.mark.parametrize(("markup_text", "style"), ONE_LINERS)
def test_plain_one_liners_are_drawn_as_their_line(markup_text, style):
    para = _para(markup_text, style, as_line=True)
    assert para.one_line is not None
    assert para.wrap(WIDTH, 10_000) == (WIDTH, style.leading)
    assert para.drawn_as_line


@pytest.mark.parametrize(("markup_text", "style"), NOT_PLAIN)
def test_anything_else_keeps_reportlabs_way(markup_text, style):
    assert _para(markup_text, style, as_line=True).one_line is None


def test_a_text_longer_than_the_line_is_broken_where_reportlab_breaks_it():
    text = markup("Aftale om at ringe til praktikstedet og aftale mødetider for næste uge")
    para, plain = _para(text, S_BODY, as_line=True), _para(text, S_BODY, as_line=False)
    assert para.wrap(120, 10_000) == plain.wrap(120, 10_000)
    assert para.drawn_as_line and len(para.plain_lines) == len(plain.blPara.lines) > 1
    for ours, theirs in zip(para.plain_lines, plain.blPara.lines, strict=True):
        assert "".join(text for text, _ in ours) == " ".join(theirs[1])
    # The same paragraph at a width it fits on one line; and split from reportlab's lines.
    assert para.wrap(WIDTH, 10_000)[1] == S_BODY.leading and len(para.plain_lines) == 1
    assert para.wrap(120, 10_000) == plain.wrap(120, 10_000)
    assert para.split(120, S_BODY.leading * 2.5)
    assert not para.drawn_as_line


def test_a_word_wider_than_the_line_is_left_to_reportlab():
    text = markup("Praktikstedsundersøgelsesmødeaftale og mere")
    para = _para(text, S_BODY, as_line=True)
    assert para.one_line is not None
    assert para.wrap(60, 10_000) == _para(text, S_BODY, as_line=False).wrap(60, 10_000)
    assert not para.drawn_as_line


def _many_paragraphs():
    """Label lines and sentences at widths where they take one, two or more lines."""
    import random

    rng = random.Random(4)
    words = [
        "Åse",
        "Ærø",
        "praktik",
        "hos",
        "Netto",
        "aftale",
        "om",
        "at",
        "ringe",
        "til",
        "jobcentret",
        "i",
        "Nyborg",
        "12",
        "timer",
    ]
    paras = []
    for width in (70, 110, 160, 230, 300, 360):
        for _ in range(3):
            sentence = " ".join(rng.choice(words) for _ in range(rng.randrange(3, 18)))
            paras.append((markup(sentence), rng.choice([S_BODY, S_CELL, S_INFO]), width))
        people = label_markup("Sagsbehandler:", "Mette Sørensen (1255)") + " &nbsp;&nbsp; "
        people += label_markup("Virksomhedskonsulent:", "Bo Jørgensen (VK 208)")
        paras.append((people, S_INFO, width))
    return paras


def test_plain_lines_have_the_same_pixels_and_text_as_reportlabs(tmp_path):
    paras = [(t, s, WIDTH) for t, s in ONE_LINERS + NOT_PLAIN] + _many_paragraphs()
    several = 0
    for markup_text, style, width in paras:
        para = _para(markup_text, style, as_line=True)
        para.wrap(width, 10_000)
        several += para.drawn_as_line and len(para.plain_lines) > 1
    assert several >= 10  # the sample has plenty of paragraphs of several plain lines
    fast, y_fast = _page_of(paras, as_line=True)
    slow, y_slow = _page_of(paras, as_line=False)
    assert y_fast == y_slow
    assert page_texts(fast) == page_texts(slow)
    (tmp_path / "fast.pdf").write_bytes(fast)
    (tmp_path / "slow.pdf").write_bytes(slow)
    for page in range(1, len(page_texts(fast)) + 1):
        a = render_page(tmp_path / "fast.pdf", page, 150, on_white=True)
        b = render_page(tmp_path / "slow.pdf", page, 150, on_white=True)
        assert (a.width, a.height) == (b.width, b.height)
        assert a.data == b.data, page


def test_shared_paragraphs_are_kept_apart_by_kind():
    from trappe.sheet.story import Heading

    plain = text_para("Aftaler", S_HEADING)
    heading = text_para("Aftaler", S_HEADING, Heading)
    assert type(heading) is Heading and type(plain) is SharedParagraph
    assert text_para("Aftaler", S_HEADING, Heading) is heading
    assert markup_para("Aftaler", S_HEADING) is plain
    assert text_para("Aftaler", S_BODY, Heading) is not heading  # the style is in the key


def test_a_text_holding_a_placeholder_character_is_left_to_reportlabs_parser():
    from reportlab.platypus import Paragraph

    from trappe.sheet.style import _from_shape

    for ch in ("\ue000", "\ue7a1", "\uefff"):
        text = f"Privat {ch} tegn <b>fed</b>"
        assert _from_shape(text, S_BODY) is None
        para = markup_para(text, S_BODY)
        assert [f.text for f in para.frags] == [f.text for f in Paragraph(text, S_BODY).frags]
    assert _from_shape("uden \uf000 <b>fed</b>", S_BODY) is not None
