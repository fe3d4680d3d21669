""" "Din vej indtil nu": one page for the citizen, two meetings on one staircase."""

from __future__ import annotations

from datetime import datetime

import pytest
from sheet_helpers import page_texts, reader, render_page

from trappe.model import audit, citizens, staircase
from trappe.model.errors import ValidationError
from trappe.model.geometry import MarkerKind
from trappe.model.markers import MARKER_STYLES
from trappe.sheet import pdf as sheet_pdf
from trappe.sheet.journey import render_journey_sheet

PRINTED = datetime(2026, 11, 22, 9, 15)


def test_one_page_with_both_readings_steps_and_days(store, citizen_with_history, tmp_path):
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    first, latest = record.meetings[0].id, record.meetings[-1].id
    out = tmp_path / "vej.pdf"
    c = render_journey_sheet(store, citizen_with_history, latest, first, out, printed_at=PRINTED)
    assert len(reader(out).pages) == 1
    text = page_texts(out)[0]
    assert "Din vej indtil nu" in text and "Åse Ærø Søndergård" in text
    assert "Fra mødet 02-02-2026 til mødet 04-05-2026: 91 dage." in text
    assert (
        "Fagpersonernes placering: fra trin 1: Afklaring til trin 2: Motivation og ønsker" in text
    )
    assert "– 1 trin op." in text
    assert "Din egen placering: fra trin 2: Motivation og ønsker til trin 3" in text
    assert "Ved det tidligere møde (lys)" in text
    # The citizen's page: no identifier, no staff names.
    for other in ("010190", "Mette Sørensen", "Jens Østergaard"):
        assert other not in text
    assert c.professional_moved == 1
    entry = audit.list_entries(store)[0]
    assert entry.action == "export" and entry.details["sheet"] == "din_vej"


def test_the_earlier_reading_is_drawn_faded_on_its_step(store, citizen_with_history, tmp_path):
    """The earlier professionals' circle is found by its faded colour on step 1."""
    from trappe.model.compare import compare
    from trappe.sheet.data import load_context
    from trappe.sheet.journey import draw_journey
    from trappe.sheet.page import new_canvas

    context = load_context(store)
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    c = compare(record, context.staircase, record.meetings[0].id, record.meetings[-1].id)
    out = tmp_path / "vej.pdf"
    with out.open("wb") as fh:
        canv = new_canvas(fh, title="t", author="a", subject="s", invariant=True)
        place = draw_journey(canv, c, record, context, PRINTED)
        canv.showPage()
        canv.save()
    dpi = 150
    image = render_page(out, 1, dpi)
    steps = staircase.load_staircase(store).steps
    for kind, step in (
        (MarkerKind.EARLIER_PROFESSIONAL, steps[0]),
        (MarkerKind.PROFESSIONAL, steps[1]),
    ):
        m = next(m for m in place.layout.markers if m.kind is kind)
        assert m.step_id == step.id
        x, y = place.to_pdf(m.cx, m.cy)
        rgb = image.pixel(round(x * dpi / 72), round((sheet_pdf.PAGE_H - y) * dpi / 72))
        assert "#{:02x}{:02x}{:02x}".format(*rgb) == MARKER_STYLES[kind].fill


def test_the_same_meeting_twice_is_refused(store, citizen_with_history, tmp_path):
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    out = tmp_path / "vej.pdf"
    with pytest.raises(ValidationError):
        render_journey_sheet(
            store, citizen_with_history, record.meetings[0].id, record.meetings[0].id, out
        )
    assert not out.exists()
