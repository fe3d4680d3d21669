"""trappe report: the same figures in CSV, XLSX and PDF; anonymous unless a named list is
chosen, and every export logged. The XLSX is read back by LibreOffice when it is installed."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from trappe.cli.main import main
from trappe.model import audit
from trappe.model.entities import Actor
from trappe.model.store import open_store


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("report") / "demo.sqlite"
    assert main(["demo", "--db", str(db), "--citizens", "60"]) == 0
    return db


def _run(demo: Path, out: Path, *extra: str) -> None:
    args = ["report", "--db", str(demo), "--to", "30-11-2026", "--baseline", "01-12-2025"]
    assert main([*args, *extra, "-o", str(out)]) == 0


def _sections(text: str) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}
    current = None
    for row in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"):
        if not row:
            current = None
        elif current is None and len(row) == 1:
            current = out.setdefault(row[0], [])
        elif current is not None:
            current.append(row)
    return out


def test_csv_is_anonymous_and_logged(demo, tmp_path, capsys):
    out = tmp_path / "r.csv"
    _run(demo, out)
    assert "skrevet" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    sections = _sections(text)
    assert {"Nøgletal", "Trin", "Bevægelse", "Strømme", "Udvikling", "Opfølgning"} <= set(sections)
    assert sections["Nøgletal"][0][0] == "Metode"
    assert [r[0] for r in sections["Nøgletal"][1:]] == ["tværsnit"] * 2 + ["kohorte"] * 2
    counts = [c for rows in sections.values() for r in rows[1:] for c in r[1:]]
    assert not any(c in {"1", "2", "3", "4"} for c in counts), "small counts are shown as <5"
    assert "Navneliste" not in sections
    with open_store(demo, Actor("t")) as store:
        entry = audit.list_entries(store, object_type="report")[0]
    assert entry.action == "export" and entry.details["format"] == "csv"
    assert entry.details["named_list"] is None


def test_named_list_is_a_logged_choice(demo, tmp_path):
    out = tmp_path / "r.csv"
    _run(demo, out, "--named-list", "ingen-bevaegelse", "--weeks", "4")
    names = _sections(out.read_text(encoding="utf-8"))["Navneliste"]
    assert names[0][:2] == ["Id", "Navn"] and len(names) > 1
    with open_store(demo, Actor("t")) as store:
        entry = audit.list_entries(store, object_type="report")[0]
    assert entry.details["named_list"] == "no_movement"
    # A report that names citizens is readable by its owner only, like a sheet.
    assert out.stat().st_mode & 0o777 == 0o600


def test_a_locked_database_leaves_no_report_file(demo, tmp_path, capsys):
    """Locked by another program: a Danish refusal and no file, not even a temporary one
    (the log-before-rename order itself is tested with ``audited_output`` in the model)."""
    import sqlite3

    blocker = sqlite3.connect(demo, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        out = tmp_path / "r.xlsx"
        args = ["report", "--db", str(demo), "--to", "30-11-2026", "--baseline", "01-12-2025"]
        assert main([*args, "-o", str(out)]) == 2
    finally:
        blocker.rollback()
        blocker.close()
    assert "Fejl" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_xlsx_has_one_sheet_per_table_with_frozen_headers(demo, tmp_path):
    out = tmp_path / "r.xlsx"
    _run(demo, out)
    with zipfile.ZipFile(out) as z:
        book = z.read("xl/workbook.xml").decode()
        sheet = z.read("xl/worksheets/sheet3.xml").decode()  # Trin
    for name in ("Om rapporten", "Nøgletal", "Trin", "Strømme", "Udvikling"):
        assert f'name="{name}"' in book
    assert 'state="frozen"' in sheet and "<autoFilter" in sheet


def test_pdf_is_a4_two_to_four_pages_in_danish(demo, tmp_path):
    out = tmp_path / "r.pdf"
    _run(demo, out, "--scope", "målgruppe:Ressourceforløb")
    reader = PdfReader(out)
    assert 2 <= len(reader.pages) <= 4
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = "".join(p.extract_text() for p in reader.pages)
    for words in (
        "Teamrapport",
        "Målgrupper: Ressourceforløb",
        "Tværsnit",
        "Kohorte",
        "Fra trin ved periodens start",
    ):
        assert words.casefold() in text.casefold()


def test_bad_input_is_a_danish_error(demo, tmp_path, capsys):
    assert main(["report", "--db", str(demo), "--scope", "målgruppe:Findes ikke",
                 "-o", str(tmp_path / "x.csv")]) == 2  # fmt: skip
    assert "findes ikke" in capsys.readouterr().err
    assert main(["report", "--db", str(demo), "-o", str(tmp_path / "x.doc")]) == 2


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_xlsx_opens_in_libreoffice_with_the_numbers_of_the_csv(demo, tmp_path):
    xlsx, text = tmp_path / "r.xlsx", tmp_path / "r.csv"
    _run(demo, xlsx)
    _run(demo, text)
    sections = _sections(text.read_text(encoding="utf-8"))
    # every sheet to its own CSV: comma-separated, UTF-8, cells as shown, sheet -1 = all
    subprocess.run(
        ["soffice", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,1030,false,true,true,false,false,-1",
         "--outdir", str(tmp_path / "lo"), str(xlsx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    for key in ("Nøgletal", "Trin", "Strømme", "Udvikling", "Bevægelse"):
        converted = tmp_path / "lo" / f"r-{key}.csv"
        rows = list(csv.reader(converted.read_text(encoding="utf-8").splitlines()))
        assert len(rows) == len(sections[key])
        for mine, theirs in zip(sections[key], rows, strict=True):
            assert [_number(c, True) for c in mine] == [_number(c) for c in theirs[: len(mine)]]


def _number(cell: str, danish: bool = False) -> object:
    """A cell by value: ours has decimal commas, LibreOffice's export decimal points."""
    cell = cell.strip()
    try:
        return round(float(cell.replace(",", ".") if danish else cell.replace(",", "")), 1)
    except ValueError:
        return cell


def test_the_trend_on_a_second_connection_gives_the_same_report(demo):
    from datetime import date

    from trappe.model.report import build_report

    with open_store(demo, Actor("t")) as store:
        args = (store, date(2025, 12, 1), date(2026, 11, 30), date(2025, 12, 1))
        one = build_report(*args, with_activities=False)
        two = build_report(*args, with_activities=False, parallel=True)
    assert [t.rows for t in one.tables] == [t.rows for t in two.tables]
    assert one.trend == two.trend
