from __future__ import annotations

import json

from trappe.model import citizens, staircase
from trappe.model.export import journal_note, record_as_dict


def test_full_record_as_json(store, citizen_with_history):
    record = citizens.get_citizen_record(store, citizen_with_history)
    data = record_as_dict(record, staircase.load_staircase(store))
    text = json.dumps(data, ensure_ascii=False)
    assert data["citizen"]["name"] == "Åse Ærø Søndergård"
    assert data["current_step"] == "Motivation og ønsker"
    assert len(data["meetings"]) == 3 and len(data["placements"]) == 6
    assert "Besøge Føtex og aftale opstart" in text and "2026-05-04" in text


def test_journal_note_in_danish(store, citizen_with_history):
    record = citizens.get_citizen_record(store, citizen_with_history)
    note = journal_note(record, staircase.load_staircase(store))
    assert note.splitlines()[0] == "Dialogmøde (trappemodellen) 04-05-2026"
    assert "Fagpersonernes placering: trin 2: Motivation og ønsker" in note
    assert "Borgerens egen placering: trin 3: Første virksomhedskontakt" in note
    assert "- Møde op tirsdag og torsdag (ansvarlig: Borger, senest 01-06-2026)" in note
    # The one formatting rule (trappe.model.formatting), as on the sheet and the screen.
    assert "Virksomhedspraktik: Lager, Føtex Nyborg, 10 t./uge" in note
    assert "(ansvarlig: Virksomhedskonsulent (Jens Østergaard), senest 20-05-2026)" in note
    assert "Næste samtale: 15-06-2026" in note
