"""The command line, run as a user would (in-process through ``main``)."""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing

import pytest

from trappe import __version__
from trappe.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert __version__ in capsys.readouterr().out


@pytest.mark.parametrize("command", [[], ["demo"], ["list"], ["sheet"], ["gui"]])
def test_help_for_every_command(capsys, command):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert "--db" in capsys.readouterr().out


def test_demo_then_list(tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(db), "--citizens", "30", "--seed", "3"]) == 0
    assert "30 borgere" in capsys.readouterr().out
    assert main(["list", "--db", str(db), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {"id", "name", "target_group", "current_step"} <= set(rows[0])
    assert all(r["status"] == "active" for r in rows)
    assert main(["list", "--db", str(db), "--all"]) == 0
    table = capsys.readouterr().out
    assert "Navn" in table and "Nuværende trin" in table
    assert len(table.splitlines()) == 31


def test_trappe_db_environment_variable(tmp_path, capsys, monkeypatch):
    db = tmp_path / "env.sqlite"
    monkeypatch.setenv("TRAPPE_DB", str(db))
    assert main(["demo", "--citizens", "3"]) == 0
    assert main(["list", "--json"]) == 0
    capsys.readouterr()
    assert db.exists()


def test_a_foreign_file_gives_a_danish_error_and_exit_code_2(tmp_path, capsys):
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    assert main(["list", "--db", str(other)]) == 2
    err = capsys.readouterr().err
    assert "ikke en Trappe-database" in err and "Traceback" not in err


def test_demo_with_invalid_count(tmp_path, capsys):
    assert main(["demo", "--db", str(tmp_path / "x.sqlite"), "--citizens", "-4"]) == 2
    assert "mellem 0 og" in capsys.readouterr().err


def test_sheets_from_the_command_line(tmp_path, capsys):
    from pypdf import PdfReader

    db = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(db), "--citizens", "4"]) == 0
    capsys.readouterr()
    assert main(["list", "--db", str(db), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    one, blank, every = (tmp_path / n for n in ("one.pdf", "blank.pdf", "all.pdf"))
    assert main(["sheet", "--db", str(db), "--citizen", str(rows[0]["id"]), "-o", str(one)]) == 0
    assert rows[0]["name"] in PdfReader(one).pages[0].extract_text()
    assert main(["sheet", "--db", str(db), "--blank", "-o", str(blank)]) == 0
    assert len(PdfReader(blank).pages) == 1
    assert main(["sheet", "--db", str(db), "--all", "-o", str(every)]) == 0
    assert len(PdfReader(every).pages) >= len(rows)
    assert main(["sheet", "--db", str(db), "--citizen", "99999", "-o", str(one)]) == 2
    assert "findes ikke" in capsys.readouterr().err


def test_stats_and_export(tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(db), "--citizens", "40"]) == 0
    capsys.readouterr()
    assert main(["stats", "--db", str(db), "--on", "22-11-2026", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["active"] > 0 and 0 <= data["percent"] <= 100
    assert len(data["steps"]) == 7
    assert (
        main(["stats", "--db", str(db), "--on", "22-11-2026", "--target-group", "ressourceforløb"])
        == 0
    )
    out = capsys.readouterr().out
    assert "procentpoint" in out
    assert re.search(r": \d+,\d %", out), "a Danish decimal comma"
    assert main(["stats", "--db", str(db), "--on", "31-02-2026"]) == 2
    assert "gyldig dato" in capsys.readouterr().err
    out = tmp_path / "note.txt"
    assert (
        main(["export", "--db", str(db), "--citizen", "1", "--format", "journal", "-o", str(out)])
        == 0
    )
    assert out.read_text(encoding="utf-8").startswith("Dialogmøde (trappemodellen)")
    assert main(["export", "--db", str(db), "--citizen", "1"]) == 0
    assert json.loads(capsys.readouterr().out)["citizen"]["id"] == 1


def test_list_and_batch_of_this_weeks_meetings(tmp_path, capsys):
    from pypdf import PdfReader

    from trappe.model.citizens import CitizenQuery, count_citizens
    from trappe.model.entities import Actor, NextMeetingFilter
    from trappe.model.store import open_store

    db = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(db), "--citizens", "60"]) == 0
    with open_store(db, Actor("Test")) as store:
        expected = count_citizens(store, CitizenQuery(next_meeting=NextMeetingFilter.THIS_WEEK))
    assert expected > 0, "the demo should have meetings this week"
    capsys.readouterr()
    assert main(["list", "--db", str(db), "--json", "--next-meeting", "denne-uge"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == expected
    week = tmp_path / "uge.pdf"
    args = ["sheet", "--db", str(db), "--all", "--next-meeting", "denne-uge", "-o", str(week)]
    assert main(args) == 0
    assert f"{expected} dialogark" in capsys.readouterr().out
    assert len(PdfReader(week).pages) >= expected
    one = ["sheet", "--db", str(db), "--citizen", "1", "--next-meeting", "denne-uge"]
    assert main([*one, "-o", str(tmp_path / "x.pdf")]) == 2
    assert "kun bruges sammen med --all" in capsys.readouterr().err


def test_options_before_the_command_are_kept(tmp_path, capsys, monkeypatch):
    """``trappe --db X list`` and ``trappe list --db X`` mean the same file."""
    monkeypatch.delenv("TRAPPE_DB", raising=False)
    db = tmp_path / "foran.sqlite"
    assert main(["--db", str(db), "demo", "--citizens", "3"]) == 0
    assert db.exists()
    capsys.readouterr()
    assert main(["--db", str(db), "--user", "Mette", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3
    assert main(["list", "--db", str(db), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3


def test_export_a_meeting_invitation_as_ics(tmp_path, capsys, store, citizen_with_history):
    import icalendar

    from trappe.model import audit

    db = str(store.path)
    out = tmp_path / "indkaldelse.ics"
    args = ["export", "--db", db, "--citizen", str(citizen_with_history), "--format", "ics"]
    assert main([*args, "-o", str(out), "--time", "13:30", "--place", "Vestergade 2"]) == 0
    event = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert (start.date().isoformat(), start.hour, start.minute) == ("2026-06-15", 13, 30)
    assert str(event["location"]) == "Vestergade 2"
    assert "010190" not in out.read_text(encoding="utf-8")
    exports = [e for e in audit.list_entries(store) if e.action == "export"]
    assert exports[0].details == {"format": "ics", "date": "2026-06-15"}

    assert main([*args, "--date", "1-7-2026", "--text", "Ring 010190-1234"]) == 2
    assert "CPR-nummer" in capsys.readouterr().err
    assert main([*args, "--date", "1-7-2026", "--time", "25:00"]) == 2
    assert main([*args, "--date", "1-7-2026"]) == 0
    assert "DTSTART;TZID=Europe/Copenhagen:20260701T100000" in capsys.readouterr().out


def test_handover_export_then_import(tmp_path, capsys, monkeypatch):
    sender, receiver = tmp_path / "fra.sqlite", tmp_path / "til.sqlite"
    file = tmp_path / "forloeb.trappe-overdragelse"
    assert main(["demo", "--db", str(sender), "--citizens", "3", "--seed", "2"]) == 0
    # Only demo (and the program's Ny database) create a database; import needs one to exist.
    assert main(["demo", "--db", str(receiver), "--citizens", "0"]) == 0
    capsys.readouterr()
    assert main(["handover", "export", "--db", str(sender), "--citizen", "1", "-o", str(file)]) == 0
    out = capsys.readouterr().out
    passphrase = re.search(r"Kodeord: (\S+)", out).group(1)
    assert "møder" in out and file.exists()
    # No passphrase anywhere: refused with a Danish message, nothing written.
    monkeypatch.delenv("TRAPPE_HANDOVER_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["handover", "import", "--db", str(receiver), str(file)]) == 2
    assert "TRAPPE_HANDOVER_PASSPHRASE" in capsys.readouterr().err
    monkeypatch.setenv("TRAPPE_HANDOVER_PASSPHRASE", "FORKERT-KODE")
    assert main(["handover", "import", "--db", str(receiver), str(file)]) == 2
    assert "Kodeordet passer ikke" in capsys.readouterr().err
    monkeypatch.setenv("TRAPPE_HANDOVER_PASSPHRASE", passphrase)
    assert main(["handover", "import", "--db", str(receiver), str(file)]) == 0
    assert "importeret som borger 1" in capsys.readouterr().out
    # Into a file that does not exist yet: refused (a typo must not become a new file holding
    # the citizen's data) unless --create says so; --dry-run creates nothing.
    fresh = tmp_path / "ny" / "modtager.sqlite"
    fresh.parent.mkdir()
    assert main(["handover", "import", "--db", str(fresh), str(file)]) == 2
    assert "--create" in capsys.readouterr().err and not fresh.exists()
    assert main(["handover", "import", "--db", str(fresh), str(file), "--create", "--dry-run"]) == 0
    assert "oprettes uden --dry-run" in capsys.readouterr().out and not fresh.exists()
    assert main(["handover", "import", "--db", str(fresh), str(file), "--create"]) == 0
    out = capsys.readouterr().out
    assert "Ny database oprettet" in out and "importeret som borger 1" in out
    with closing(sqlite3.connect(sender)) as a, closing(sqlite3.connect(fresh)) as b:
        query = "SELECT name, identifier FROM citizens ORDER BY id"
        assert b.execute(query).fetchall() == a.execute(query + " LIMIT 1").fetchall()
        assert b.execute("SELECT count(*) FROM steps").fetchone()[0] > 0  # default staircase
    # Exported again and imported again: the citizen exists, so --merge is needed.
    assert main(["handover", "export", "--db", str(sender), "--citizen", "1", "-o", str(file)]) == 0
    passphrase = re.search(r"Kodeord: (\S+)", capsys.readouterr().out).group(1)
    monkeypatch.setenv("TRAPPE_HANDOVER_PASSPHRASE", passphrase)
    assert main(["handover", "import", "--db", str(receiver), str(file)]) == 2
    assert "--merge" in capsys.readouterr().err
    assert main(["handover", "import", "--db", str(receiver), str(file), "--merge"]) == 0
    assert "0 møder" in capsys.readouterr().out


def test_handover_import_maps_unmatched_steps(tmp_path, capsys, monkeypatch):
    sender, receiver = tmp_path / "fra.sqlite", tmp_path / "til.sqlite"
    file = tmp_path / "forloeb.trappe-overdragelse"
    assert main(["demo", "--db", str(sender), "--citizens", "3", "--seed", "2"]) == 0
    assert main(["demo", "--db", str(receiver), "--citizens", "1", "--seed", "5"]) == 0
    con = sqlite3.connect(receiver)
    con.execute("UPDATE steps SET title = 'Kontakt med en virksomhed' WHERE position = 2")
    con.commit()
    con.close()
    assert main(["handover", "export", "--db", str(sender), "--citizen", "2", "-o", str(file)]) == 0
    passphrase = re.search(r"Kodeord: (\S+)", capsys.readouterr().out).group(1)
    monkeypatch.setenv("TRAPPE_HANDOVER_PASSPHRASE", passphrase)
    args = ["handover", "import", "--db", str(receiver), str(file)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "«Første virksomhedskontakt»" in err and "--map" in err
    assert main([*args, "--map", "Første virksomhedskontakt=Kontakt med en virksomhed"]) == 0
    assert "importeret" in capsys.readouterr().out
