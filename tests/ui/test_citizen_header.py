"""The citizen header paints its words from one text layout: the same pixels, heights, size
hint and screen-reader text as the word-wrapped rich-text label it was (issue 12 item 4)."""

from __future__ import annotations

import random
from datetime import date

import pytest
from PySide6.QtGui import QAccessible, QFont, QTextDocument
from PySide6.QtWidgets import QLabel

from trappe.model import staircase
from trappe.model.citizen_entities import Citizen, CitizenRecord
from trappe.model.entities import Role, Staff, Status, TargetGroup
from trappe.ui import citizen_header
from trappe.ui.citizen_header import NAME_STYLE, CitizenHeader

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

LONG = "Maria-Kristina Alexandrine Bøgh-Christensen Vestergaard-Østergaard Lindholm"
# name, target group, caseworker: odd words of every kind (white space as rich text collapses
# it, no-break and zero-width spaces, a soft hyphen, line and paragraph separators, markup
# characters, right-to-left scripts, an emoji outside the BMP, a ligature, one long word).
WORDS = {
    "plain": ("Åse Ærø Søndergård", "Aktivitetsparat kontanthjælpsmodtager", "Mette Sørensen"),
    "long": (LONG, "Jobparat med en lang, lang beskrivelse af gruppen", "Jens-Peter Mølholm"),
    "unicode": ("Zoë Ångström 李小龙 👩\u200d💻 Ŝtefan ﬁnn", "Gruppe ✓ — «særlig» ∑", "Ólafur"),
    "rtl": ("محمد علي حسن", "Gruppe", "יוסי כהן"),
    "rtl_below": ("1234 – 56", "קבוצה", "יוסי כהן"),  # (no letter in the name: left to right)
    "spaces": ("  Anna   \tBeate\n Carlsen  ", " To  mellemrum ", "<b>Ikke</b> fed & \"x\" 'y'"),
    "breaks": ("Anna\u00a0\u00a0Beate\u200bCarl\u00adsen", "a\u2028b\u2029 c", " \u2003x\u3000"),
    "word": ("Supercalifragilisticexpialidocious" * 3, "", ""),
    "empty": ("", "", ""),
}


def record(sc, words, *, closed: bool = False, goal_date: date | None = date(2027, 6, 30)):
    name, group, caseworker = words
    c = Citizen(
        1,
        name,
        "010190-1234" if group else None,
        1 if group else None,
        1 if caseworker else None,
        2,
        date(2026, 1, 5),
        sc.steps[5].id if group else None,
        goal_date,
        Status.CLOSED if closed else Status.ACTIVE,
        date(2026, 11, 3) if closed else None,
        identifier_kind="cpr",
    )
    return CitizenRecord(
        c,
        [],
        [],
        TargetGroup(1, group, 1) if group else None,
        Staff(1, caseworker, Role.CASEWORKER) if caseworker else None,
        Staff(2, "Jens Østergaard", Role.COMPANY_CONSULTANT),
    )


def rich_label(header: CitizenHeader, text: str) -> QLabel:
    """What the header was: a word-wrapped rich-text label with a 4-pixel margin."""
    label = QLabel()
    label.setTextFormat(label.textFormat().RichText)
    label.setWordWrap(True)
    label.setMargin(4)
    label.setFont(header.font())
    label.setText(text)
    return label


def assert_as_a_label(qtbot, header: CitizenHeader, width: int) -> None:
    """Same height (the label's at this width, two lines at least), size hint, pixels and
    screen-reader text as the rich-text label showing the same words."""
    least = rich_label(header, f"<span style='{NAME_STYLE}'>&nbsp;</span><br>&nbsp;")
    label = rich_label(header, header.rich_text())
    qtbot.addWidget(least)
    qtbot.addWidget(label)
    height = max(least.sizeHint().height(), label.heightForWidth(width))
    header.resize(width, header.height())
    qtbot.waitUntil(lambda: header.height() == height)
    assert header.sizeHint().width() == label.sizeHint().width()
    label.resize(width, height)
    assert header.grab().toImage() == label.grab().toImage(), header.rich_text()
    spoken = QAccessible.queryAccessibleInterface(header)
    as_label = QAccessible.queryAccessibleInterface(label)
    assert spoken.role() == as_label.role() == QAccessible.Role.StaticText
    assert spoken.text(QAccessible.Text.Name) == as_label.text(QAccessible.Text.Name)


@pytest.mark.parametrize("points", [None, 16, 7])
def test_the_header_paints_what_a_rich_text_label_paints(qtbot, store, points):
    sc = staircase.load_staircase(store)
    header = CitizenHeader()
    qtbot.addWidget(header)
    if points is not None:
        font = QFont(header.font())
        font.setPointSize(points)
        header.setFont(font)
    header.show()
    qtbot.waitExposed(header)
    for kind, words in WORDS.items():
        for closed, goal_date in ((False, date(2027, 6, 30)), (True, None)):
            header.set_content(sc, record(sc, words, closed=closed, goal_date=goal_date))
            for width in (1000, 430, 90):
                assert_as_a_label(qtbot, header, width)
            assert kind and header.text()


def test_after_a_font_change_the_words_are_laid_out_again(qtbot, store):
    sc = staircase.load_staircase(store)
    header = CitizenHeader()
    qtbot.addWidget(header)
    header.show()
    header.set_content(sc, record(sc, WORDS["long"]))
    assert_as_a_label(qtbot, header, 430)
    small = header.height()
    font = QFont(header.font())
    font.setPointSize(18)
    header.setFont(font)
    assert_as_a_label(qtbot, header, 430)
    assert header.height() > small


def test_nobody_shown_is_an_empty_header_two_lines_tall(qtbot, store):
    sc = staircase.load_staircase(store)
    header = CitizenHeader()
    qtbot.addWidget(header)
    header.show()
    least = header.height()
    header.set_content(sc, record(sc, WORDS["long"]))
    header.resize(200, header.height())
    qtbot.waitUntil(lambda: header.height() > least)
    header.set_content(sc, None)
    qtbot.waitUntil(lambda: header.height() == least)
    assert header.text() == "" and header.rich_text() == ""
    label = rich_label(header, "")
    label.resize(header.size())
    assert header.grab().toImage() == label.grab().toImage()


def test_white_space_is_shown_as_rich_text_shows_it():
    """The words' text is what a rich-text document makes of the same markup, for random
    mixes of every kind of white space and separator with letters."""
    pieces = [" ", "  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x85", "\u00a0", "\u1680", "\u2000",
              "\u2009", "\u200a", "\u200b", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000",
              "\x1c", "\x1f", "a", "bc", "Ø", "李", "👩", "<", "&", "&amp;", "'", '"']  # fmt: skip
    rng = random.Random(12)
    header = CitizenHeader()
    for _ in range(400):
        name, status, details = (
            "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 7))) for _ in range(3)
        )
        if not (name or status or details):
            continue  # (nobody shown: no words at all)
        header.set_words(name, status, details)
        doc = QTextDocument()
        doc.setHtml(header.rich_text())
        raw = doc.toRawText().replace("\u2029", "\u2028")
        shown = citizen_header._shown_text(name, status, details)[0]
        assert shown == raw, (name, status, details)


def test_opening_a_citizen_asks_no_label_to_lay_the_header_out(qtbot, store, monkeypatch):
    """New words are laid out once (not by a rich-text label asked for its height, size
    hints and then painted: each lays the document out again)."""
    sc = staircase.load_staircase(store)
    header = CitizenHeader()
    qtbot.addWidget(header)
    header.resize(800, header.height())
    header.show()
    qtbot.waitExposed(header)
    asked: list[str] = []
    for name in ("sizeHint", "minimumSizeHint", "heightForWidth"):
        qt = getattr(QLabel, name)
        monkeypatch.setattr(
            QLabel, name, lambda self, *a, qt=qt, name=name: (asked.append(name), qt(self, *a))[1]
        )
    header.set_content(sc, record(sc, WORDS["long"]))
    header.repaint()
    assert asked == []
    # The words are laid out once per width: painting them again lays nothing out.
    laid_out: list[float] = []
    made = citizen_header._laid_out
    monkeypatch.setattr(
        citizen_header, "_laid_out", lambda *a: (laid_out.append(a[-1]), made(*a))[1]
    )
    header.set_content(sc, record(sc, WORDS["plain"]))
    header.repaint()
    header.repaint()
    assert laid_out == [800 - 8]  # at the header's width less the margins
    assert asked == []


def test_words_shown_before_are_not_laid_out_again(qtbot, store, monkeypatch):
    """A citizen opened again (after nobody, or after another) finds the words laid out
    at that width before: nothing is laid out again, and the header paints what a rich-text
    label paints, back and forth between words of every kind and widths, and after a font
    change (which lays the words out anew)."""
    sc = staircase.load_staircase(store)
    header = CitizenHeader()
    qtbot.addWidget(header)
    header.show()
    qtbot.waitExposed(header)
    laid_out: list[float] = []
    made = citizen_header._laid_out
    monkeypatch.setattr(
        citizen_header, "_laid_out", lambda *a: (laid_out.append(a[-1]), made(*a))[1]
    )
    plain, long = record(sc, WORDS["plain"]), record(sc, WORDS["long"])
    header.resize(800, header.height())
    header.set_content(sc, plain)
    header.repaint()
    assert laid_out == [800 - 8]
    for shown in (None, plain, long, plain, None, long):
        header.set_content(sc, shown)
        header.repaint()
    assert laid_out == [800 - 8, 800 - 8]  # (each citizen's words once)
    rng = random.Random(5)
    kinds = list(WORDS) * 3
    rng.shuffle(kinds)
    for kind in kinds:
        header.set_content(sc, record(sc, WORDS[kind], closed=rng.random() < 0.3))
        assert_as_a_label(qtbot, header, rng.choice((1000, 430, 90)))
    laid_out.clear()
    font = QFont(header.font())
    font.setPointSize(15)
    header.setFont(font)
    header.set_content(sc, plain)
    assert_as_a_label(qtbot, header, 430)
    assert laid_out
