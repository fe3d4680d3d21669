"""Udlevér data: the citizen's PDF and JSON, with their access log, written only when logged."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from trappe.model import audit, citizens
from trappe.model.entities import Actor, Role
from trappe.model.errors import TrappeError
from trappe.model.export import citizen_data
from trappe.sheet.data_export import render_pdf, suggested_base_name, write_citizen_data


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_json_holds_the_record_and_who_looked(store, citizen_with_history):
    store.actor = Actor("Jens Østergaard", Role.COMPANY_CONSULTANT, os_user="jos")
    citizens.get_citizen_record(store, citizen_with_history)
    data = citizen_data(store, citizen_with_history)
    assert data["citizen"]["name"] == "Åse Ærø Søndergård"
    log = data["access_log"]
    assert log[0]["action"] == "Oprettet" and log[0]["user"] == "Mette Sørensen"
    reads = [e for e in log if e["action"] == "Åbnet"]
    assert reads[0]["user"] == "Jens Østergaard" and reads[0]["role"] == "Virksomhedskonsulent"
    assert reads[0]["login"] == "jos"
    assert any(e["object"] == "Møde" for e in log)


def test_pdf_and_json_are_written_logged_and_private(tmp_path, store, citizen_with_history):
    pdf, js = tmp_path / "a.pdf", tmp_path / "a.json"
    written = write_citizen_data(
        store, citizen_with_history, pdf, js, invariant=True, printed_at=datetime(2026, 6, 1, 9, 0)
    )
    assert written == [pdf, js]
    assert pdf.stat().st_mode & 0o777 == 0o600 and js.stat().st_mode & 0o777 == 0o600
    text = pdf_text(pdf)
    for expected in (
        "Indsigt i egne oplysninger",
        "Åse Ærø Søndergård",
        "010190-1234",  # the citizen's own CPR number in full: it is their data
        "Besøge Føtex og aftale opstart",
        "Praktikken hos Brugsen stoppede",
        "Hvem har set eller ændret din sag",
        "Mette Sørensen",
        "Side 1 af",
    ):
        assert expected in text, expected
    data = json.loads(js.read_text(encoding="utf-8"))
    assert data["citizen"]["identifier"] == "010190-1234" and data["access_log"]
    e = audit.list_entries(store, object_type="citizen")[0]
    assert (e.action, e.details["format"], e.details["purpose"]) == (
        "export",
        "pdf+json",
        "indsigt",
    )
    assert not list(tmp_path.glob(".*part"))


def test_a_long_case_continues_on_more_pages(tmp_path, store, citizen_with_history):
    for _ in range(120):
        audit.log_event(store, "read", "citizen", citizen_with_history)
    pdf = tmp_path / "long.pdf"
    write_citizen_data(store, citizen_with_history, pdf, None)
    reader = PdfReader(pdf)
    n = len(reader.pages)
    assert n >= 3
    for number, page in enumerate(reader.pages, 1):  # every page's own footer, with the count
        text = page.extract_text()
        assert f"Side {number} af {n}" in text
        assert "Fortroligt: indeholder personoplysninger." in text


def test_a_failed_write_leaves_no_file_and_no_entry(tmp_path, store, citizen_with_history):
    before = store.scalar("SELECT count(*) FROM audit_log WHERE action = 'export'")
    with pytest.raises(TrappeError, match="Intet er gemt"):
        write_citizen_data(store, citizen_with_history, tmp_path / "missing" / "a.pdf", None)
    assert store.scalar("SELECT count(*) FROM audit_log WHERE action = 'export'") == before


def test_cjk_and_danish_letters_render(tmp_path, store):
    from trappe.model.entities import CitizenInput

    c = citizens.create_citizen(store, CitizenInput(name="王小明 Ærø", start_date=date(2026, 1, 1)))
    pdf = tmp_path / "cjk.pdf"
    with pdf.open("wb") as fh:
        render_pdf(citizen_data(store, c.id), fh, invariant=True)
    assert "王小明 Ærø" in pdf_text(pdf)


def test_suggested_name_is_safe():
    assert suggested_base_name('Åse/Ærø: "x"', date(2026, 11, 22)) == "Indsigt Åse Ærø x 22-11-2026"


def test_a_case_handed_over_carries_the_earlier_access_log(
    tmp_path, store, citizen_with_history, monkeypatch
):
    from trappe.model import handover
    from trappe.model.store import open_store

    monkeypatch.setattr("trappe.model.handover_file.SCRYPT", {"n": 2**10, "r": 8, "p": 1})
    sent = handover.export_handover(store, citizen_with_history, tmp_path / "f.trappe-overdragelse")
    with open_store(tmp_path / "modtager.sqlite", Actor("Jonas Kragh")) as receiver:
        package = handover.read_handover(sent.path, sent.passphrase)
        cid = handover.import_handover(receiver, package).citizen_id
        data = citizen_data(receiver, cid)
        earlier = data["access_log_before_handover"]
        assert earlier[0]["from"] == "Mette Sørensen"
        assert "Oprettet" in {e["action"] for e in earlier[0]["access_log"]}
        assert data["access_log"][0]["user"] == "Jonas Kragh"  # the import, here
        pdf = tmp_path / "ud.pdf"
        write_citizen_data(receiver, cid, pdf, None)
        assert "Før din sag blev overdraget hertil" in pdf_text(pdf)
