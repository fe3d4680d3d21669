"""Names and notes from other alphabets: Chinese, Japanese and Korean in the fallback font."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from sheet_helpers import page_texts, reader, render_page

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import (
    Activity,
    Agreement,
    CitizenInput,
    MeetingInput,
    Responsible,
    Role,
)
from trappe.paths import resource_path
from trappe.sheet import fonts, render_batch, render_citizen_sheet
from trappe.sheet import pdf as sheet_pdf
from trappe.sheet.fonts import BOLD, FALLBACK, REGULAR

PRINTED = datetime(2026, 11, 22, 9, 15)
NAME = "王小明 Østergård"
CASEWORKER = "山田 花子"
CONSULTANT = "이서연"
PARTICIPANTS = "王小明, 山田 花子, 이서연 og tolken"
JAPANESE_NOTE = "面談では「仕事を探したい」と話しました。"
KOREAN_NOTE = "김민준 씨와 이야기했습니다. 다음 주에 다시 만나요."
ACTIVITY = "Sprogskole: 日本語の練習, 株式会社 ABC, 10 t./uge"
AGREEMENTS = ("履歴書を書く <og> send det", "회사에 전화하기 & aftale en dag")
INTERPRETER = "通訳 Li"
MUNICIPALITY = "Nyborg Kommune 纽堡"


# -- the helpers in fonts.py ----------------------------------------------------------------
def test_the_fallback_font_and_its_licence_are_shipped():
    assert resource_path("fonts", fonts.FALLBACK_FILE).stat().st_size > 1_000_000
    licence = resource_path("fonts", "LICENSE-DroidSansFallback.txt").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0" in licence
    chars = fonts.fallback_chars()
    for text in ("王小明", "山田太郎", "やまだ", "カタカナ", "김민준", "。「」"):
        assert set(text) <= chars, text


def test_runs_split_a_string_by_glyph_coverage():
    assert fonts.runs(NAME, REGULAR) == [("王小明", FALLBACK), (" Østergård", REGULAR)]
    assert fonts.runs("Åse Ærø", REGULAR) == [("Åse Ærø", REGULAR)]
    assert fonts.runs("", REGULAR) == []
    # Spaces and line breaks stay in the text's own font between two fallback runs.
    assert fonts.runs("김 a\n山", BOLD) == [("김", FALLBACK), (" a\n", BOLD), ("山", FALLBACK)]
    # A font that is not one of the sheet's own is left alone.
    assert fonts.runs("王", "Helvetica") == [("王", "Helvetica")]


def test_scripts_dejavu_has_stay_in_dejavu():
    """Greek, Cyrillic, and (unshaped, as before) Arabic and Hebrew: no fallback."""
    for text in ("Παπαδόπουλος", "Сергеевна", "محمد", "שלום"):
        assert fonts.runs(text, REGULAR) == [(text, REGULAR)], text
        assert fonts.markup(text) == text
    # What neither font has keeps DejaVu's missing-glyph box, as before.
    assert fonts.runs("a\U0001f600", REGULAR) == [("a\U0001f600", REGULAR)]


def test_markup_is_escaped_and_wraps_the_fallback_runs():
    text = "<王 & 'x'>"
    markup = fonts.markup(text)
    assert markup == "&lt;<font name=\"TrappeFallback\">王</font> &amp; 'x'&gt;"
    assert Paragraph(markup, sheet_pdf.S_BODY).getPlainText() == text
    assert fonts.markup("a<b>", BOLD) == "a&lt;b&gt;"


def test_bold_text_is_dejavu_bold_with_the_regular_fallback():
    para = Paragraph(fonts.markup(NAME, BOLD), sheet_pdf.S_NAME)
    assert [(f.text, f.fontName) for f in para.frags] == [
        ("王小明", FALLBACK),
        (" Østergård", BOLD),
    ]
    para = Paragraph("<b>" + fonts.markup(NAME) + "</b>", sheet_pdf.S_BODY)
    assert [f.fontName for f in para.frags] == [FALLBACK, BOLD]


def test_width_is_measured_in_the_fonts_that_draw():
    size = 10.0
    expected = stringWidth("王小明", FALLBACK, size) + stringWidth(" Østergård", BOLD, size)
    assert fonts.text_width(NAME, BOLD, size) == pytest.approx(expected)
    assert fonts.text_width("Åse", REGULAR, size) == stringWidth("Åse", REGULAR, size)


class _Canvas:
    """Records what ``draw_text`` asks of a canvas."""

    def __init__(self) -> None:
        self._fontname, self._fontsize = REGULAR, 9
        self.calls: list[tuple] = []

    def setFont(self, name: str, size: float) -> None:
        self._fontname, self._fontsize = name, size
        self.calls.append(("font", name, size))

    def drawString(self, x: float, y: float, text: str) -> None:
        self.calls.append(("draw", x, y, text))


@pytest.mark.parametrize(("anchor", "start"), [("start", 0.0), ("middle", 0.5), ("end", 1.0)])
def test_draw_text_draws_the_runs_one_after_another(anchor, start):
    canv = _Canvas()
    width = fonts.draw_text(canv, 100, 50, NAME, BOLD, 12, anchor)
    assert width == pytest.approx(fonts.text_width(NAME, BOLD, 12))
    first = 100 - start * width
    assert canv.calls == [
        ("font", FALLBACK, 12),
        ("draw", first, 50, "王小明"),
        ("font", BOLD, 12),
        ("draw", pytest.approx(first + stringWidth("王小明", FALLBACK, 12)), 50, " Østergård"),
    ]
    canv.calls.clear()
    fonts.draw_text(canv, 0, 0, "Side 1 af 1", BOLD, 12)
    assert canv.calls == [("draw", 0, 0, "Side 1 af 1")]  # the font is already set


# -- the sheet ------------------------------------------------------------------------------
@pytest.fixture
def cjk_citizen(store) -> int:
    """A citizen, staff, municipality, meeting notes and agreements in Chinese, Japanese
    and Korean, mixed with Danish."""
    steps = staircase.load_staircase(store).steps
    staircase.set_municipality_name(store, MUNICIPALITY)
    cw = staircase.ensure_staff(store, CASEWORKER, Role.CASEWORKER)
    vk = staircase.ensure_staff(store, CONSULTANT, Role.COMPANY_CONSULTANT)
    c = citizens.create_citizen(
        store,
        CitizenInput(
            name=NAME,
            caseworker_id=cw.id,
            consultant_id=vk.id,
            start_date=date(2026, 1, 5),
            goal_step_id=steps[-1].id,
        ),
    )
    meetings.record_meeting(
        store,
        c.id,
        MeetingInput(
            held_on=date(2026, 3, 2),
            professional_step_id=steps[1].id,
            citizen_step_id=steps[2].id,
            participants=PARTICIPANTS,
            caseworker_note=JAPANESE_NOTE,
            consultant_note=KOREAN_NOTE,
            next_meeting_on=date(2026, 4, 13),
            activities=[Activity("Sprogskole", "日本語の練習", "株式会社 ABC", 10)],
            agreements=[
                Agreement(AGREEMENTS[0], Responsible.CITIZEN, date(2026, 4, 1)),
                Agreement(AGREEMENTS[1], Responsible.COMPANY_CONSULTANT),
                Agreement(
                    "Tolk til næste samtale", Responsible.OTHER, responsible_other=INTERPRETER
                ),
            ],
        ),
    )
    return c.id


def _render(store, citizen_id: int, out: Path) -> Path:
    render_citizen_sheet(store, citizen_id, out, printed_at=PRINTED, log_action=None)
    return out


def test_cjk_text_is_on_the_sheet_in_the_embedded_fallback_font(store, cjk_citizen, tmp_path):
    out = _render(store, cjk_citizen, tmp_path / "ark.pdf")
    texts = page_texts(out)
    assert len(texts) == 1
    text = texts[0]
    for expected in (
        MUNICIPALITY,
        NAME,
        f"Sagsbehandler: {CASEWORKER}",
        f"Virksomhedskonsulent: {CONSULTANT}",
        f"Deltagere: {PARTICIPANTS}",
        ACTIVITY,
        *AGREEMENTS,
        f"Virksomhedskonsulent ({CONSULTANT})",
        INTERPRETER,
        JAPANESE_NOTE,
        KOREAN_NOTE,
    ):
        assert expected in text, expected
    assert reader(out).metadata.title == f"Dialogark — {NAME}"
    page = reader(out).pages[0]
    embedded = {}
    for ref in page["/Resources"]["/Font"].values():
        font = ref.get_object()
        assert font["/Subtype"] == "/TrueType", font["/BaseFont"]
        assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
        embedded[str(font["/BaseFont"]).split("+", 1)[1]] = font
    assert set(embedded) == {"DejaVuSans", "DejaVuSans-Bold", "DroidSansFallback"}


def test_latin_sheet_does_not_embed_the_fallback(store, citizen_with_history):
    out = io.BytesIO()
    render_citizen_sheet(store, citizen_with_history, out, log_action=None)
    fonts_used = reader(out.getvalue()).pages[0]["/Resources"]["/Font"].values()
    assert not any("Droid" in f.get_object()["/BaseFont"] for f in fonts_used)


def test_cjk_sheet_is_byte_reproducible(store, cjk_citizen):
    a, b = io.BytesIO(), io.BytesIO()
    for out in (a, b):
        render_citizen_sheet(
            store, cjk_citizen, out, invariant=True, printed_at=PRINTED, log_action=None
        )
    assert a.getvalue() == b.getvalue()


def test_batch_mixing_alphabets(store, cjk_citizen, citizen_with_history, tmp_path):
    out = tmp_path / "batch.pdf"
    render_batch(store, [citizen_with_history, cjk_citizen], out, printed_at=PRINTED)
    texts = page_texts(out)
    assert "Åse Ærø Søndergård" in texts[0]
    assert NAME in texts[-1] and KOREAN_NOTE in texts[-1]


def test_long_cjk_text_wraps_inside_the_page(store, tmp_path):
    """No spaces to break at: long words are split, and nothing runs past the margin."""
    cid = citizens.create_citizen(
        store, CitizenInput(name="王小明" * 12 + "Østergård" + "김민준" * 10)
    ).id
    steps = staircase.load_staircase(store).steps
    meetings.record_meeting(
        store,
        cid,
        MeetingInput(
            held_on=date(2026, 3, 2),
            professional_step_id=steps[0].id,
            caseworker_note="面談では仕事を探したいと話しました" * 30,
            agreements=[Agreement("履歴書を書く" * 20, Responsible.CITIZEN)],
        ),
    )
    out = _render(store, cid, tmp_path / "lang.pdf")
    text = "".join(" ".join(page_texts(out)).split())  # wrapped lines, joined again
    assert "王小明" * 12 + "Østergård" + "김민준" * 10 in text
    assert "面談では仕事を探したいと話しました" * 30 in text
    assert "履歴書を書く" * 20 in text
    img = render_page(out, 1, 50, on_white=True)
    right = round((sheet_pdf.PAGE_W - sheet_pdf.MARGIN_X) * 50 / 72) + 2
    for y in range(img.height):
        for x in range(right, img.width):
            assert img.pixel(x, y) == (255, 255, 255), (x, y)


# -- what the page looks like ---------------------------------------------------------------
def _name_cells(store, citizen_id: int, out: Path) -> list[set[tuple[int, int]]]:
    """The first three characters of the name, rendered: the dark pixels of each, moved to
    the top left of their own ink."""
    _render(store, citizen_id, out)
    size = sheet_pdf.S_NAME.fontSize
    runs = []

    def visit(text, cm, tm, font, font_size):
        if text.strip() and abs(font_size * abs(tm[3]) * abs(cm[3]) - size) < 0.01:
            x, y = tm[4], tm[5]
            runs.append((x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]))

    reader(out).pages[0].extract_text(visitor_text=visit)
    x, baseline = runs[0]
    advance = fonts.text_width(NAME[0], BOLD, size)
    dpi = 150
    scale = dpi / 72
    img = render_page(out, 1, dpi, on_white=True)
    top = round((sheet_pdf.PAGE_H - baseline - size) * scale)
    bottom = round((sheet_pdf.PAGE_H - baseline + size * 0.3) * scale)
    cells = []
    for i in range(3):
        left, right = round((x + i * advance) * scale), round((x + (i + 1) * advance) * scale)
        ink = {
            (px, py)
            for py in range(top, bottom)
            for px in range(left, right)
            if sum(img.pixel(px, py)) < 3 * 128
        }
        assert ink, f"character {i} of the name left no ink"
        ox, oy = min(p[0] for p in ink), min(p[1] for p in ink)
        cells.append({(px - ox, py - oy) for px, py in ink})
    return cells


def _unlike(a: set, b: set) -> float:
    return len(a ^ b) / len(a | b)


def test_cjk_name_shows_glyphs_not_boxes(store, tmp_path, monkeypatch):
    """王, 小 and 明 look different from each other; three missing-glyph boxes look alike.

    The same measurement with the fallback switched off (only DejaVu) shows that it can
    tell the two apart.
    """
    cid = citizens.create_citizen(store, CitizenInput(name=NAME)).id
    glyphs = _name_cells(store, cid, tmp_path / "glyphs.pdf")
    assert min(_unlike(a, b) for a, b in _pairs(glyphs)) > 0.5
    monkeypatch.setattr(fonts, "_fallback_chars", frozenset())
    boxes = _name_cells(store, cid, tmp_path / "boxes.pdf")
    assert min(_unlike(a, b) for a, b in _pairs(boxes)) < 0.3


def _pairs(cells: list) -> list[tuple]:
    return [(cells[i], cells[j]) for i in range(len(cells)) for j in range(i + 1, len(cells))]
