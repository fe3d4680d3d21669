"""What the sheet shows, read from the store; file names; hyphenation; any name renders
(in any alphabet DejaVu Sans or the CJK fallback font has)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sheet_helpers import make_citizen, page_texts

from trappe.model import audit, citizens, staircase
from trappe.model.entities import Activity, Assessor, CitizenInput
from trappe.sheet import render_citizen_sheet, suggested_file_name
from trappe.sheet.data import citizen_sheet_data, format_activity, format_hours, load_context
from trappe.sheet.fonts import BOLD, REGULAR, fallback_chars, register_fonts
from trappe.sheet.pdf import break_points, fit_text


def test_latest_meeting_data(store, citizen_with_history):
    steps = staircase.load_staircase(store).steps
    data = citizen_sheet_data(store, load_context(store), citizen_with_history)
    assert data.name == "Åse Ærø Søndergård"
    assert data.identifier == "010190-****" and data.identifier_label == "CPR-nr."
    assert data.meeting_date == date(2026, 5, 4)
    assert data.next_meeting == date(2026, 6, 15)
    assert data.current_step_id == steps[1].id and data.own_step_id == steps[2].id
    assert data.goal_step_id == steps[5].id
    # History: every placement but the two current ones, with their assessors.
    assert len(data.history) == 4
    assert {(h.placed_on, h.assessor) for h in data.history} == {
        (date(2026, 2, 2), Assessor.PROFESSIONAL),
        (date(2026, 2, 2), Assessor.CITIZEN),
        (date(2026, 3, 16), Assessor.PROFESSIONAL),
        (date(2026, 3, 16), Assessor.CITIZEN),
    }
    # Newest meeting first (picture.open_agreements: the same order on screen).
    assert [a.what for a in data.agreements] == [
        "Besøge Føtex og aftale opstart",
        "Møde op tirsdag og torsdag",
        "Gå til læge om ryggen",
    ]
    assert data.agreements[0].who == "Virksomhedskonsulent (Jens Østergaard)"
    assert data.agreements[2].due == "01-03-2026"
    assert data.caseworker == "Mette Sørensen" and data.consultant == "Jens Østergaard"
    assert data.notes == [
        ("Virksomhedskonsulentens noter", "Praktikken hos Brugsen stoppede; ny plan.")
    ]


def test_reading_data_is_not_logged(store, citizen_with_history):
    before = len(audit.list_entries(store))
    citizen_sheet_data(store, load_context(store), citizen_with_history)
    assert len(audit.list_entries(store)) == before


def test_earlier_meeting_as_of_its_date(store, citizen_with_history):
    steps = staircase.load_staircase(store).steps
    second = citizens.get_citizen_record(store, citizen_with_history, log_read=False).meetings[1]
    data = citizen_sheet_data(
        store, load_context(store), citizen_with_history, meeting_id=second.id
    )
    assert data.current_step_id == steps[2].id and data.own_step_id == steps[2].id
    assert {h.placed_on for h in data.history} == {date(2026, 2, 2)}
    assert [a.what for a in data.agreements] == ["Gå til læge om ryggen"]


def test_citizen_without_meetings(store):
    c = citizens.create_citizen(store, CitizenInput(name="Ny Borger", start_date=date(2026, 1, 1)))
    data = citizen_sheet_data(store, load_context(store), c.id)
    assert data.meeting_date is None and data.agreements == [] and data.current_step_id is None
    out = io.BytesIO()
    render_citizen_sheet(store, c.id, out, log_action=None)
    assert "Ny Borger" in page_texts(out.getvalue())[0]


def test_activity_and_hours_formatting():
    assert format_hours(10) == "10 t./uge"
    assert format_hours(7.5) == "7,5 t./uge"
    assert format_hours(None) == ""
    assert format_activity(Activity("Mentor")) == "Mentor"
    assert (
        format_activity(Activity("Løntilskud", "", "Netto", 37)) == "Løntilskud: Netto, 37 t./uge"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Åse Ærø", "Dialogark Åse Ærø 22-11-2026.pdf"),
        ('A/B\\C:D*E?"F<G>H|I', "Dialogark A B C D E F G H I 22-11-2026.pdf"),
        ("  Bo\n\tBæk  ", "Dialogark Bo Bæk 22-11-2026.pdf"),
        ("...", "Dialogark 22-11-2026.pdf"),
        (None, "Dialogark 22-11-2026.pdf"),
        ("", "Dialogark 22-11-2026.pdf"),
    ],
)
def test_suggested_file_name(name, expected):
    assert suggested_file_name(name, date(2026, 11, 22)) == expected


def test_suggested_file_name_is_bounded_and_nfc():
    long = suggested_file_name("Å" * 500, date(2026, 1, 2))
    assert len(long) < 120
    decomposed = suggested_file_name("A\u030ase", date(2026, 1, 2))
    assert decomposed == "Dialogark Åse 02-01-2026.pdf"


def test_danish_break_points():
    def parts(word):
        return [word[:k] for k in break_points(word)]

    assert "Virksomheds" in parts("Virksomhedspraktik")
    assert "virksomheds" in parts("virksomhedskontakt")
    assert parts("Første") == ["Før"]
    assert "Virksomhedsp" not in parts("Virksomhedspraktik")


def test_fit_text_prefers_whole_words_and_never_goes_below_minimum():
    """The sheet measures with reportlab's widths; the decisions are the model's."""
    register_fonts()
    f = fit_text("1. Afklaring", BOLD, 60, 40)
    assert (f.lines, f.size, f.fits) == (("1. Afklaring",), 9.0, True)
    f = fit_text("Virksomhedspraktik", BOLD, 60, 40)
    assert f.fits and "".join(line.removesuffix("-") for line in f.lines) == "Virksomhedspraktik"
    f = fit_text("ord " * 100, REGULAR, 60, 20)
    assert not f.fits and f.size == 7.0
    assert fit_text("kort", REGULAR, 100, 20, (9.0,)).lines == ("kort",)


# Letters DejaVu Sans has glyphs for: Latin, Greek, Cyrillic.
_EUROPEAN = st.characters(
    categories=["Lu", "Ll"],
    min_codepoint=0x41,
    max_codepoint=0x4FF,
    exclude_characters="ʼʻˀ",
)
# Letters drawn in the fallback font: Han ideographs, kana, Hangul syllables.
_CJK = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
    st.characters(categories=["Lo"], min_codepoint=0x3041, max_codepoint=0x30FF),
    st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
).filter(lambda c: c in fallback_chars())
_LETTERS = st.one_of(_EUROPEAN, _CJK)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.text(_LETTERS, min_size=1, max_size=14), min_size=1, max_size=4).map(" ".join))
def test_any_name_survives_a_sheet(store, name):
    cid = make_citizen(store, name)
    stored = citizens.get_citizen(store, cid).name
    out = io.BytesIO()
    render_citizen_sheet(store, cid, out, log_action=None)
    assert stored in page_texts(out.getvalue())[0]
