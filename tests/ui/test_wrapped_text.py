"""Wrapped heights from remembered word advances are the heights Qt's own layout gives.

``WrappedHeights`` breaks plain texts into lines itself (opening a citizen measures forty open
agreements); anything it does not model is left to Qt. Either way each height must be exactly
``QFontMetrics.boundingRect(..., Qt.TextWordWrap, text).height()``: compared here over many
generated texts, widths and fonts, with odd Unicode, long words, hyphens and exact edges.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QListView

from trappe.ui.wrapped_text import WrappedHeights

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

WRAP = int(Qt.TextFlag.TextWordWrap)
VOCABULARY = [
    word
    for line in (
        "Gå til lægen om helbredet Tjekke busforbindelser praktikstedet Søge tilskud",
        "arbejdstøj Finde virksomhed inden for lager Undersøge muligheder mentor Afklare",
        "antal timer med arbejdsgiveren Skrive CV sammen jobkonsulenten Indhente lægeattest",
        "Ringe og aftale opstart Borger · senest overskredet Sagsbehandler",
        "Virksomhedskonsulent Æble Øre Åben fjf ffi Tyø AV Wa yy jj ff Ærø ÆØÅ æøå",
    )
    for word in line.split()
]
ODD = (
    "lager/logistik", "Anne-Marie", "a\tb", "😀", "مرحبا", "שלום", "e\u0301", "x\u00adyz",
    "Supercalifragilisticexpialidocious" * 2, "", " ", "«citat»", "“hej”", "–", "—", "!", "?",
    "(kursus)", "kl.10", "1,5", "08:30", "5:", "100%", "a.b", "foo!bar", "日本語", "\u200b",
    "a\u00a0b", "x/y", "'s", "it's", "Ω", "ſ", "-", "a-", "-1", "Borger\u2028x", "\r", "ǅ",
)  # fmt: skip


def qt_height(heights: WrappedHeights, text: str, width: int) -> int:
    return heights.qt_metrics.boundingRect(0, 0, width, 10_000, WRAP, text).height()


def generated(rnd: random.Random, odd_share: float) -> str:
    def word() -> str:
        r = rnd.random()
        if r < odd_share:
            return rnd.choice(ODD)
        if r < 0.12:
            return f"{rnd.randint(1, 28):02d}-{rnd.randint(1, 12):02d}-20{rnd.randint(20, 30)}"
        if r < 0.2:
            return str(rnd.randint(1, 300)) + rnd.choice(["", ":", ".", ","])
        return rnd.choice(VOCABULARY) + rnd.choice(["", "", "", "", ".", ",", ":", ")", "!"])

    def gap() -> str:
        return " " if rnd.random() > odd_share / 3 else rnd.choice(["  ", "\t", " \u00a0", "\n"])

    paragraphs = []
    for _ in range(rnd.choice([1, 2, 2, 2, 3])):
        text = word()
        for _ in range(rnd.randint(0, 13)):
            text += gap() + word()
        paragraphs.append(text)
    return "\n".join(paragraphs)


def fonts(base: QFont) -> dict[str, QFont]:
    out = {"list": QFont(base)}
    for name, change in (
        ("bold", lambda f: f.setBold(True)),
        ("italic", lambda f: f.setItalic(True)),
        ("large", lambda f: f.setPointSizeF(base.pointSizeF() + 3.5)),
        ("small", lambda f: f.setPixelSize(9)),
        ("serif", lambda f: f.setFamily("DejaVu Serif")),
    ):
        font = QFont(base)
        change(font)
        out[name] = font
    return out


@pytest.mark.parametrize("variant", ["list", "bold", "italic", "large", "small", "serif"])
def test_heights_are_qts_over_many_texts_widths_and_fonts(qapp, variant):
    heights = WrappedHeights(fonts(QListView().font())[variant])
    rnd = random.Random(f"wrapped {variant}")
    here = 0
    for i in range(1500):
        text = generated(rnd, 0.005 if i % 3 else 0.08)
        width = rnd.randint(12, 420)
        here += heights.lines(text, width) is not None
        assert heights.height(text, width) == qt_height(heights, text, width), (text, width)
    assert here > 500  # the words were really measured here, not all left to Qt


def test_lines_on_the_edge_of_the_width_are_as_qt_breaks_them(qapp):
    heights = WrappedHeights(QListView().font())
    fm = QFontMetricsF(QListView().font())
    for line in ("Borger · senest 01-03-2026 · overskredet", "Gå til lægen om helbredet."):
        edge = fm.horizontalAdvance(line)
        for text in (line, f"{line} og mere", f"Kort\n{line}"):
            for width in range(int(edge) - 4, int(edge) + 5):
                assert heights.height(text, width) == qt_height(heights, text, width)


@pytest.mark.parametrize("word", ODD)
def test_what_is_not_modelled_is_measured_by_qt(qapp, word):
    heights = WrappedHeights(QListView().font())
    for text in (f"Aftale om {word} i dag", word, f"{word}\nBorger"):
        for width in (20, 60, 140, 400):
            if heights.lines(text, width) is None:
                asked = heights.asked_qt
                assert heights.height(text, width) == qt_height(heights, text, width)
                assert heights.asked_qt == asked + 1
            else:
                assert heights.height(text, width) == qt_height(heights, text, width)
    narrow = f"Aftale om {word} i dag"
    if any(c in "/-\t\u00ad\u200b\u2028 \n\r" or ord(c) > 0x17F for c in word):
        assert heights.lines(narrow, 60) is None, word  # break opportunities it does not model


def rows(k: int, n: int = 40) -> list[str]:
    """A citizen's open agreements as the bench makes them: its own numbers and dates."""
    rnd = random.Random(k)
    return [
        f"Borger {k}: aftale {i + 1} om {VOCABULARY[i % 9]}\nBorger · senest "
        f"{rnd.randrange(1, 29):02d}-{rnd.randrange(1, 13):02d}-20{rnd.randrange(20, 40)}"
        + (" · overskredet" if i % 3 else "")
        for i in range(n)
    ]


def test_a_new_citizens_numbers_and_dates_are_measured_by_their_shapes(qapp, monkeypatch):
    """Rows whose only new words are numbers and dates are measured from what is kept (no
    word measured, no text laid out by Qt), at Qt's own heights."""
    heights = WrappedHeights(QListView().font())
    for width in (120, 200, 330):
        for text in rows(1):
            assert heights.height(text, width) == qt_height(heights, text, width)
    measured: list[str] = []
    word = heights._word
    monkeypatch.setattr(heights, "_word", lambda w: (measured.append(w), word(w))[1])
    asked = heights.asked_qt
    for width in (120, 200, 330):
        for text in rows(2):
            assert heights.height(text, width) == qt_height(heights, text, width), text
    assert measured == [] and heights.asked_qt == asked


KERNED = ("T7", "V4", "Y1", "(2026)", "1a", "7.", "AV1", "L1", "«12»", "kl.10", "a-1", "1ø")


@pytest.mark.parametrize("variant", ["list", "bold", "italic", "large", "small", "serif"])
def test_texts_of_one_shape_are_each_as_tall_as_qt_says(qapp, variant):
    """A text's height kept by its shape is never given to a text Qt breaks otherwise: texts
    that differ only in their digits, with digits beside letters and marks that may be
    kerned against one digit and not another, measured one after the other at many widths."""
    heights = WrappedHeights(fonts(QListView().font())[variant])
    rnd = random.Random(f"shapes {variant}")
    for _ in range(300):
        words = [rnd.choice(VOCABULARY) for _ in range(rnd.randint(2, 9))]
        for _ in range(rnd.randint(1, 3)):
            words.insert(rnd.randrange(len(words) + 1), rnd.choice(KERNED))
        template = " ".join(words).replace("1", "{}").replace("2", "{}").replace("7", "{}")
        width = rnd.randint(20, 300)
        for _ in range(4):
            digits = [str(rnd.randrange(10)) for _ in range(template.count("{}"))]
            text = template.format(*digits)
            assert heights.height(text, width) == qt_height(heights, text, width), (text, width)


def test_no_text_is_measured_by_its_shape_where_digits_differ(qapp, monkeypatch):
    """In a font whose digits are not all alike (faked: uneven advances, or one digit's ink
    sticking out further than the others'), no height is kept by shape."""
    from trappe.ui.digit_shapes import DigitShapes

    monkeypatch.setattr(DigitShapes, "uniform", lambda self: False)
    uneven = WrappedHeights(QListView().font())
    for text in rows(3):
        assert uneven.height(text, 200) == qt_height(uneven, text, 200)
    assert not uneven._shape_heights and not uneven._by_shape
    monkeypatch.undo()
    ink = WrappedHeights(QListView().font())
    overhang = ink._overhang
    monkeypatch.setattr(ink, "_overhang", lambda c: 0.5 if c == "7" else overhang(c))
    for text in rows(3):
        ink.height(text, 200)
    assert not ink._shape_heights and not ink._same_digits


@pytest.mark.parametrize("variant", ["list", "bold", "serif"])
def test_heights_of_many_texts_at_once_are_each_texts_height(qapp, variant):
    """``heights`` (the rows of a citizen measured in one loop) gives what ``height`` gives
    each text, and Qt: odd texts, digits beside letters, repeated shapes, at many widths."""
    font = fonts(QListView().font())[variant]
    together, alone = WrappedHeights(font), WrappedHeights(font)
    rnd = random.Random(f"together {variant}")
    for _ in range(60):
        width = rnd.randint(12, 420)
        texts = [generated(rnd, 0.08) for _ in range(rnd.randint(0, 12))]
        texts += [rnd.choice(KERNED) + " " + rnd.choice(VOCABULARY) for _ in range(3)]
        texts += [t.replace("1", "7") for t in texts[:3]]  # the same shapes again
        texts += rnd.sample(["12 dage", "Borger 3:", "uge 7", "7a", "a7", "x\0 7", "\0", ""], 3)
        rnd.shuffle(texts)
        measured = together.heights(texts, width)
        assert measured == [alone.height(text, width) for text in texts], width
        assert measured == [qt_height(alone, text, width) for text in texts], width
