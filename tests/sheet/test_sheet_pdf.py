"""The dialogue sheet as PDF: content, page, fonts, continuation pages, marker positions."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from sheet_helpers import make_citizen, normalise, page_texts, reader, render_page

from trappe.model import audit, citizens, meetings, staircase
from trappe.model.entities import Agreement, MeetingInput, Responsible
from trappe.model.errors import NotFoundError, TrappeError
from trappe.model.geometry import MarkerKind
from trappe.sheet import (
    SheetCancelled,
    render_batch,
    render_blank_sheet,
    render_citizen_sheet,
)
from trappe.sheet import pdf as sheet_pdf
from trappe.sheet.data import blank_sheet_data, citizen_sheet_data, load_context

PRINTED = datetime(2026, 11, 22, 9, 15)


def open_agreements(store, citizen_id):  # type: ignore[no-untyped-def]
    return citizens.get_citizen_record(store, citizen_id, log_read=False).open_agreements


def _render(store, citizen_id, tmp_path: Path, **kw) -> Path:
    out = tmp_path / "ark.pdf"
    render_citizen_sheet(store, citizen_id, out, printed_at=PRINTED, **kw)
    return out


def test_citizen_sheet_carries_name_steps_agreements_and_dates(
    store, citizen_with_history, tmp_path
):
    out = _render(store, citizen_with_history, tmp_path)
    texts = page_texts(out)
    assert len(texts) == 1
    text = texts[0]
    assert "Åse Ærø Søndergård" in text
    for step in staircase.load_staircase(store).steps:
        assert step.title in text, step.title
    for agreement in open_agreements(store, citizen_with_history):
        assert agreement.what in text
    assert "Næste samtale 15-06-2026" in text
    assert "Samtale den 04-05-2026" in text
    assert "Deltagere: Åse, Mette, Jens" in text
    assert "Virksomhedspraktik: Lager, Føtex Nyborg, 10 t./uge" in text
    assert "Praktikken hos Brugsen stoppede; ny plan." in text
    assert "Mål: Ordinære timer, senest 30-06-2027" in text
    # Identifier masked by default; the footer.
    assert "010190-****" in text and "1234" not in text
    assert "Udskrevet 22-11-2026 kl. 09.15" in text
    assert "Side 1 af 1" in text
    assert "Fortroligt" in text


def test_identifier_unmasked_on_request(store, citizen_with_history, tmp_path):
    out = _render(store, citizen_with_history, tmp_path, mask_identifier=False)
    assert "010190-1234" in page_texts(out)[0]


def test_page_is_a4_portrait_with_embedded_fonts_and_metadata(
    store, citizen_with_history, tmp_path
):
    out = _render(store, citizen_with_history, tmp_path)
    r = reader(out)
    page = r.pages[0]
    assert float(page.mediabox.width) == pytest.approx(595.28, abs=0.5)
    assert float(page.mediabox.height) == pytest.approx(841.89, abs=0.5)
    fonts = page["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        assert font["/Subtype"] == "/TrueType", font["/BaseFont"]
        assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
        assert "DejaVuSans" in font["/BaseFont"]
    meta = r.metadata
    assert meta.title == "Dialogark — Åse Ærø Søndergård"
    assert meta.author == "Mette Sørensen"
    assert meta.subject == "Dialogark — Trappemodellen"
    assert meta.creator == "Trappe"


def test_invariant_output_is_byte_identical(store, citizen_with_history):
    a, b = io.BytesIO(), io.BytesIO()
    for out in (a, b):
        render_citizen_sheet(
            store, citizen_with_history, out, invariant=True, printed_at=PRINTED, log_action=None
        )
    assert a.getvalue() == b.getvalue()
    assert a.getvalue().startswith(b"%PDF")


def test_audit_entry_per_export_or_print(store, citizen_with_history):
    before = len(audit.list_entries(store, object_type="citizen", object_id=citizen_with_history))
    render_citizen_sheet(store, citizen_with_history, io.BytesIO(), log_action="print")
    render_citizen_sheet(store, citizen_with_history, io.BytesIO(), log_action=None)
    entries = audit.list_entries(store, object_type="citizen", object_id=citizen_with_history)
    assert len(entries) == before + 1
    assert entries[0].action == "print"
    assert entries[0].user_name == "Mette Sørensen"


def test_unknown_citizen_is_a_danish_error_and_writes_nothing(store, tmp_path):
    folder = tmp_path / "ud"
    folder.mkdir()
    with pytest.raises(NotFoundError) as err:
        render_citizen_sheet(store, 9999, folder / "ark.pdf")
    assert "Borgeren findes ikke" in err.value.message
    assert list(folder.iterdir()) == []


def test_unwritable_target_is_a_trappe_error(store, citizen_with_history, tmp_path):
    with pytest.raises(TrappeError) as err:
        render_citizen_sheet(store, citizen_with_history, tmp_path / "ingen" / "mappe" / "a.pdf")
    assert "kunne ikke gemmes" in err.value.message


def test_earlier_meeting_shows_that_meeting(store, citizen_with_history, tmp_path):
    first = citizens.get_citizen_record(store, citizen_with_history, log_read=False).meetings[0]
    out = _render(store, citizen_with_history, tmp_path, meeting_id=first.id)
    text = page_texts(out)[0]
    assert "Samtale den 02-02-2026" in text
    assert "Næste samtale 16-03-2026" in text
    assert "Gå til læge om ryggen" in text
    assert "Besøge Føtex" not in text  # agreed at a later meeting
    assert "Første samtale." in text


def test_blank_sheet_has_the_staircase_and_empty_fields(store, tmp_path):
    out = tmp_path / "blank.pdf"
    render_blank_sheet(store, out, printed_at=PRINTED)
    texts = page_texts(out)
    assert len(texts) == 1, "the blank sheet is one page"
    text = texts[0]
    for step in staircase.load_staircase(store).steps:
        assert step.title in text
    for label in ("Navn", "CPR-nr./sagsnr.", "Deltagere", "Næste samtale", "Aftaler", "Noter"):
        assert label in text
    assert "Dato og underskrift, borger" in text
    entries = audit.list_entries(store, object_type="blank_sheet")
    assert [e.action for e in entries] == ["export"]


def _apply(m, x: float, y: float) -> tuple[float, float]:
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


def _text_positions(pdf: Path) -> list[tuple[int, str, float, float, float]]:
    """(page, text, x, y, effective font size) of every text run.

    Text inside a form XObject (what the sheet draws once per batch) is reported by pypdf
    in the form's own space: the matrices in force where each form is shown (``Do``) are
    kept on a stack and applied, innermost first, as a PDF viewer does."""
    runs = []
    for number, page in enumerate(reader(pdf).pages, 1):
        shown: list = []  # the CTM at each enclosing ``Do``, outermost first

        def before(op, args, cm, tm, shown=shown):
            if op == b"Do":
                shown.append(list(cm))

        def after(op, args, cm, tm, shown=shown):
            if op == b"Do":
                shown.pop()

        def visit(text, cm, tm, font, size, number=number, shown=shown):
            if text.strip():
                x, y = _apply(cm, tm[4], tm[5])
                scale = abs(tm[3]) * abs(cm[3])
                for outer in reversed(shown):
                    x, y = _apply(outer, x, y)
                    scale *= abs(outer[3])
                runs.append((number, text, x, y, size * scale))

        page.extract_text(
            visitor_text=visit, visitor_operand_before=before, visitor_operand_after=after
        )
    return runs


def test_forty_agreements_and_a_long_note_continue_legibly(store, tmp_path):
    note = (
        "Borgeren fortæller om sin hverdag, om helbredet og om ønsket om at arbejde med dyr. " * 80
    )[:4990] + " SLUTORD"
    cid = make_citizen(store, "Åse Ærø", agreements=40, note=note)
    out = _render(store, cid, tmp_path)
    texts = page_texts(out)
    assert len(texts) >= 2
    whole = " ".join(texts)
    for i in range(1, 41):
        assert f"Aftale nummer {i}: ring til praktikstedet og aftal mødetider" in whole
    # Every word of the note, in order, once page footers and continued headers are removed.
    body = re.sub(r"Udskrevet .*?Side \d+ af \d+ ?", "", whole)
    body = body.replace(
        "Fortroligt: indeholder personoplysninger. Opbevares og makuleres forsvarligt. ", ""
    )
    body = body.replace("Dialogark — Trappemodellen (fortsat) Åse Ærø · samtale 02-03-2026 ", "")
    assert normalise(note) in body
    for n, text in enumerate(texts[1:], 2):
        assert "Dialogark — Trappemodellen (fortsat)" in text
        assert "Åse Ærø" in text
        assert f"Side {n} af {len(texts)}" in text
    # The agreements table repeats its header on the page it continues on.
    continued = [t for t in texts[1:] if "Aftale nummer" in t]
    assert all("Aftale — hvad" in t for t in continued)
    # Nothing outside the printable area, nothing in the footer zone but the footer,
    # nothing smaller than legible.
    footer_top = sheet_pdf.CONTENT_BOTTOM
    for page, text, x, y, size in _text_positions(out):
        assert sheet_pdf.MARGIN_X - 0.5 <= x <= sheet_pdf.PAGE_W - sheet_pdf.MARGIN_X, text
        assert sheet_pdf.MARGIN_BOTTOM - 0.5 <= y <= sheet_pdf.PAGE_H - sheet_pdf.MARGIN_TOP
        if y < footer_top - 0.5:
            assert text.startswith(("Udskrevet", "Fortroligt", "Side ")), (page, text)
        assert size >= 6.0, (page, text, size)


def test_very_long_name_and_other_alphabets(store, tmp_path):
    name = (
        "Maria-Magdalena Ødegaard-Christophersen Frederiksen-Wolff von "
        "Holstein-Rathlou Nørgaard Østergaard Ærenfeldt Παπαδόπουλος Сергеевна"
    )
    cid = make_citizen(store, name, identifier="SAG-2026/123")
    out = _render(store, cid, tmp_path)
    texts = page_texts(out)
    assert name in texts[0]
    assert "Sagsnr. SAG-2026/123" in texts[0]
    assert len(texts) == 1


def _colour_centroid(img, box, colour, tol=40):
    """Centre of the pixels near ``colour`` inside ``box`` (x0, y0, x1, y1) in pixels."""
    xs, ys = [], []
    x0, y0, x1, y1 = (int(v) for v in box)
    for y in range(max(0, y0), min(img.height, y1)):
        for x in range(max(0, x0), min(img.width, x1)):
            r, g, b = img.pixel(x, y)
            if abs(r - colour[0]) + abs(g - colour[1]) + abs(b - colour[2]) <= tol:
                xs.append(x)
                ys.append(y)
    if not xs:
        return None
    return sum(xs) / len(xs), sum(ys) / len(ys), len(xs)


def test_markers_sit_inside_the_right_steps(store, citizen_with_history, tmp_path):
    """Render the page to pixels and find each current marker by its colour."""
    context = load_context(store)
    data = citizen_sheet_data(store, context, citizen_with_history)
    out = tmp_path / "ark.pdf"
    with out.open("wb") as fh:
        canv = sheet_pdf.new_canvas(fh, title="t", author="a", subject="s", invariant=True)
        drawn = sheet_pdf.draw_sheet(canv, data, PRINTED)
        canv.save()
    dpi = 100
    img = render_page(out, 1, dpi)
    scale = dpi / 72
    place = drawn.staircase

    def to_px(gx, gy):
        px, py = place.to_pdf(gx, gy)
        return px * scale, (sheet_pdf.PAGE_H - py) * scale

    x0, y0 = to_px(0, 0)
    x1, y1 = to_px(place.layout.width, place.layout.height)
    stair_box = (x0, y0, x1, y1)
    steps = staircase.load_staircase(store).steps
    record = citizens.get_citizen(store, citizen_with_history)
    expected = {
        MarkerKind.PROFESSIONAL: (record.current_step_id, sheet_pdf.PROFESSIONAL_COLOUR),
        MarkerKind.CITIZEN: (record.own_step_id, sheet_pdf.CITIZEN_COLOUR),
        MarkerKind.GOAL: (record.goal_step_id, sheet_pdf.GOAL_FILL),
    }
    assert record.current_step_id == steps[1].id and record.own_step_id == steps[2].id
    for kind, (step_id, colour) in expected.items():
        rgb = tuple(round(v * 255) for v in colour.rgb())
        found = _colour_centroid(img, stair_box, rgb)
        assert found is not None, kind
        cx, cy, count = found
        assert count > 10, kind
        box = place.layout.box_for(step_id)
        rx0, ry0 = to_px(box.rect.x, box.rect.y)
        rx1, ry1 = to_px(box.rect.right, box.rect.bottom)
        assert rx0 < cx < rx1 and ry0 < cy < ry1, (kind, (cx, cy), (rx0, ry0, rx1, ry1))
        marker = next(m for m in place.layout.markers if m.kind is kind)
        mx, my = to_px(marker.cx, marker.cy)
        assert abs(mx - cx) < 3 and abs(my - cy) < 3, kind
        # No other step's column has this marker's colour.
        for other in place.layout.steps:
            if other.step.id == step_id:
                continue
            ox0, oy0 = to_px(other.rect.x, other.rect.y)
            ox1, oy1 = to_px(other.rect.right, other.rect.bottom)
            assert _colour_centroid(img, (ox0 + 2, oy0 + 2, ox1 - 2, oy1 - 2), rgb) is None


def test_batch_has_a_sheet_per_citizen_with_its_own_page_numbers(store, tmp_path):
    ids = [
        make_citizen(store, "Anna Ågård"),
        make_citizen(store, "Bo Bækgaard", agreements=40),
        make_citizen(store, "Cæcilie Øby"),
    ]
    out = tmp_path / "batch.pdf"
    seen = []
    n = render_batch(store, ids, out, progress=lambda d, t: seen.append((d, t)), printed_at=PRINTED)
    assert n == 3
    assert seen == [(1, 3), (2, 3), (3, 3)]
    texts = page_texts(out)
    assert len(texts) >= 4
    assert "Anna Ågård" in texts[0] and "Side 1 af 1" in texts[0]
    assert "Bo Bækgaard" in texts[1] and "Side 1 af 2" in texts[1]
    assert "Side 2 af 2" in texts[2]
    assert "Cæcilie Øby" in texts[-1] and "Side 1 af 1" in texts[-1]
    for cid in ids:
        entries = audit.list_entries(store, object_type="citizen", object_id=cid)
        assert [e.action for e in entries if e.action == "export"] == ["export"]


def test_cancelled_batch_leaves_no_file_and_no_audit(store, tmp_path):
    ids = [make_citizen(store, f"Borger {i}") for i in range(4)]
    folder = tmp_path / "ud"
    folder.mkdir()
    out = folder / "batch.pdf"
    calls = []

    def should_cancel():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(SheetCancelled):
        render_batch(store, ids, out, should_cancel=should_cancel)
    assert len(calls) == 3
    assert list(folder.iterdir()) == []  # neither the PDF nor a partial file
    assert not any(e.action == "export" for e in audit.list_entries(store))


def test_empty_batch_is_refused(store, tmp_path):
    with pytest.raises(TrappeError):
        render_batch(store, [], tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_done_agreements_are_left_out(store, citizen_with_history, tmp_path):
    first = open_agreements(store, citizen_with_history)[0]
    meetings.set_agreement_done(store, first.id, date(2026, 6, 1))
    text = page_texts(_render(store, citizen_with_history, tmp_path))[0]
    assert first.what not in text


def test_many_steps_and_long_titles_stay_on_the_page(store, tmp_path):
    for i in range(5):
        staircase.add_step(
            store, f"Ekstra trin {i} med en meget lang titel om virksomhedsrettet afklaring"
        )
    cid = make_citizen(store, "Lise Lund")
    meetings.record_meeting(
        store,
        cid,
        MeetingInput(
            held_on=date(2026, 5, 1),
            professional_step_id=staircase.load_staircase(store).steps[-1].id,
            agreements=[Agreement("Noget", Responsible.OTHER, responsible_other="Mentor Kim")],
        ),
    )
    out = _render(store, cid, tmp_path)
    text = " ".join(page_texts(out))
    assert "Mentor Kim" in text
    # Titles too long for their column at a legible size go in a key under the staircase.
    for step in staircase.load_staircase(store).steps:
        assert step.title in text, step.title
    assert "Trin: 8. Ekstra trin 0 med en meget lang titel" in text
    for page, t, x, _y, size in _text_positions(out):
        assert sheet_pdf.MARGIN_X - 0.5 <= x <= sheet_pdf.PAGE_W - sheet_pdf.MARGIN_X, t
        assert size >= 6.0, (page, t, size)


def test_title_height_override_in_the_shared_geometry(store):
    """The additive ``title_height`` keyword of layout_staircase (used for long titles)."""
    from trappe.model.geometry import layout_staircase

    stairs = staircase.load_staircase(store)
    default = layout_staircase(stairs, 500, 250)
    taller = layout_staircase(stairs, 500, 250, title_height=60)
    assert all(b.title_box.h == 60 for b in taller.steps)
    assert [b.rect for b in taller.steps] == [b.rect for b in default.steps]
    for box in taller.steps:
        assert box.marker_row.y >= box.title_box.bottom
        assert box.rect.contains_rect(box.title_box)


def test_long_titles_never_overlap_the_marker_row(store):
    for i in range(4):
        staircase.add_step(store, f"Trin {i} med en ret lang titel om afklaring og progression")
    context = load_context(store)
    cid = make_citizen(store, "Lise Lund", step=7, own=8)
    data = citizen_sheet_data(store, context, cid)
    layout = sheet_pdf.staircase_layout_for(data)
    size, keyed = sheet_pdf.title_plan(layout)
    assert size >= sheet_pdf.MIN_TEXT_SIZE
    for box in layout.steps:
        if box.step.id in keyed:
            continue
        fitted = sheet_pdf.fit_text(
            sheet_pdf._step_title(box), "TrappeSans-Bold", box.title_box.w, box.title_box.h, (size,)
        )
        assert fitted.fits, box.step.title


def test_invariant_honours_source_date_epoch(store, citizen_with_history, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2026, 3, 1, 12, 0).timestamp())))
    a, b = io.BytesIO(), io.BytesIO()
    for out in (a, b):
        render_citizen_sheet(store, citizen_with_history, out, invariant=True, log_action=None)
    assert a.getvalue() == b.getvalue()
    assert "Udskrevet 01-03-2026 kl. 12.00" in page_texts(a.getvalue())[0]


def test_steps_one_to_three_keep_their_descriptions_and_step_one_its_dates(
    store, citizen_with_history, tmp_path
):
    """Each title box is as tall as its title: the low steps keep room for their dates and
    descriptions (issue 11, 'Screen and paper disagree')."""
    context = load_context(store)
    data = citizen_sheet_data(store, context, citizen_with_history)
    layout = sheet_pdf.staircase_layout_for(data)
    steps = context.staircase.steps
    for step in steps[:3]:
        assert layout.box_for(step.id).description_box is not None, step.title
    # Every earlier placement on steps 1-3 shows with its date (none hidden behind a count).
    for step in steps[:3]:
        on_step = [h for h in data.history if h.step_id == step.id]
        shown = [m for m in layout.markers if m.step_id == step.id and m.label]
        assert len(shown) == len(on_step) >= 1, step.title
        assert step.id not in layout.hidden_history
    text = page_texts(_render(store, citizen_with_history, tmp_path))[0]
    assert "tidligere" not in text
    assert "Helbred, livssituation og ressourcer" in text  # step 1's description
    # The blank sheet keeps every description.
    blank = sheet_pdf.staircase_layout_for(blank_sheet_data(context))
    assert all(b.description_box is not None for b in blank.steps)
    out = tmp_path / "blank.pdf"
    render_blank_sheet(store, out, printed_at=PRINTED)
    blank_text = page_texts(out)[0]
    for step in steps:
        first_words = " ".join(step.description.split()[:2])
        assert first_words in blank_text, step.title


def test_the_legend_says_placering(store, citizen_with_history, tmp_path):
    from trappe.model.markers import LEGEND

    text = page_texts(_render(store, citizen_with_history, tmp_path))[0]
    for entry in LEGEND:
        assert entry.text in text
    assert "vurdering" not in text


def test_step_one_shows_its_two_dates_not_a_count(store, tmp_path):
    """Both placements of the first meeting on step 1, the citizen on step 3 since: step 1
    shows the two dates and its description, never '+2 tidligere'."""
    steps = staircase.load_staircase(store).steps
    cid = make_citizen(store, "Ida Holm", step=0, own=0)
    meetings.record_meeting(store, cid, MeetingInput(date(2026, 4, 13), steps[2].id, steps[2].id))
    data = citizen_sheet_data(store, load_context(store), cid)
    layout = sheet_pdf.staircase_layout_for(data)
    box = layout.box_for(steps[0].id)
    dates = [m for m in layout.markers if m.step_id == steps[0].id and m.label]
    assert [m.label for m in dates] == ["02-03-26", "02-03-26"]
    assert box.description_box is not None
    text = page_texts(_render(store, cid, tmp_path))[0]
    assert "tidligere" not in text and text.count("02-03-26") >= 2


def test_the_footer_texts_never_run_into_each_other(store, citizen_with_history, tmp_path):
    """The printed line of a plain (unencrypted) database is long; the confidentiality note then
    gets its own line instead of being drawn over it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from trappe.sheet.fonts import REGULAR

    pdf = _render(store, citizen_with_history, tmp_path)
    runs = [r for r in _text_positions(pdf) if r[3] < 45]  # the footer: the bottom 16 mm
    printed = next(r for r in runs if r[1].startswith("Udskrevet"))
    note = next(r for r in runs if r[1].startswith("Fortroligt"))
    assert "ukrypteret" in printed[1]
    printed_end = printed[2] + stringWidth(printed[1], REGULAR, printed[4])
    same_line = abs(printed[3] - note[3]) < printed[4]
    assert not same_line or printed_end + 5 < note[2]
    assert note[3] >= sheet_pdf.MARGIN_BOTTOM - 0.5  # inside the printable area
