"""The command line, run as a user would (in-process through ``main``)."""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from datetime import date

import pytest

from trappe import __version__
from trappe.cli import main
from trappe.model.crypto import is_encrypted


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
    # The same rows straight from the tables: every active citizen, their target group and
    # the step of their latest professional placement (numbered from 1).
    con = sqlite3.connect(db)
    expected = {
        r[0]: {
            "id": r[0],
            "name": r[1],
            "target_group": r[2],
            "current_step": r[3],
            "current_step_position": r[4],
            "status": "active",
        }
        for r in con.execute(
            "SELECT c.id, c.name, g.name, s.title, s.position + 1 FROM citizens c"
            " LEFT JOIN target_groups g ON g.id = c.target_group_id"
            " LEFT JOIN steps s ON s.id = (SELECT p.step_id FROM placements p"
            "   WHERE p.citizen_id = c.id AND p.assessed_by = 'professional'"
            "   ORDER BY p.placed_on DESC, p.id DESC LIMIT 1)"
            " WHERE c.status = 'active'"
        )
    }
    closed = con.execute("SELECT count(*) FROM citizens WHERE status = 'closed'").fetchone()[0]
    con.close()
    assert {r["id"]: r for r in rows} == expected
    assert main(["list", "--db", str(db), "--all"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["Id", "Navn", "Målgruppe", "Nuværende", "trin"]
    assert len(table) == 1 + 30 and closed > 0, "--all shows the closed courses too"


# -- a small caseload worked out by hand ------------------------------------------------------
ON, BASELINE = "22-11-2026", "22-11-2025"


@pytest.fixture
def caseload(tmp_path) -> str:
    """Seven citizens whose figures on 22-11-2026 (baseline 22-11-2025) are worked out below.

    Steps 4-7 count (company-oriented activity or ordinary hours). Courses start 06-01-2025
    unless said otherwise; placements are professional, made at meetings. Per citizen (id):
    placements -> step at the baseline -> step on 22-11-2026 (days on it):

    1 Åse Ærø, from 05-01-2026: none -> not there -> not placed
    2 Anna Andersen (Ressourceforløb): 2 on 02-06-2025, 4 on 02-03-2026 -> 2 -> 4 (265)
    3 Bo Bech (Aktivitetsparate …): 5 on 05-05-2025, 3 on 02-02-2026 -> 5 -> 3 (293)
    4 Øllgaard Cecilie: 1 on 01-09-2025 -> 1 -> 1 (447)
    5 Dorte Dam (Ressourceforløb): 6 on 06-10-2025, closed for a job 01-06-2026 -> 6 -> gone
    6 Erik Eriksen: 4 on 05-10-2026 -> not placed -> 4 (48)
    7 Frida Fisk (Ressourceforløb), from 05-01-2026: 7 on 06-04-2026 -> not there -> 7 (230)

    Cross-section: 3 of 6 count now (Anna, Erik, Frida) = 50,0 %; 2 of 5 at the baseline
    (Bo, Dorte) = 40,0 %; +10,0 pp. Moved: Anna up, Bo down, Cecilie stayed; Åse, Erik and
    Frida had no placement at the baseline. Days on step 4: 48 and 265, median 156.5
    (printed 156), quartiles 102.25 and 210.75.
    Cohort (the five active at the baseline): Anna and Erik count, Dorte left for a job and
    counts as arrived: 3 of 5 = 60,0 %, +20,0 pp.
    """
    from trappe.model import citizens, meetings, staircase
    from trappe.model.entities import Actor, CitizenInput, CloseReason, MeetingInput
    from trappe.model.store import open_store

    db = tmp_path / "haand.sqlite"
    with open_store(db, Actor("Test")) as store:
        steps = staircase.load_staircase(store).steps
        groups = {g.name: g.id for g in staircase.list_target_groups(store)}

        def person(name, group=None, start=date(2025, 1, 6), moves=(), closed=None):
            c = citizens.create_citizen(
                store,
                CitizenInput(name=name, target_group_id=groups.get(group), start_date=start),
            )
            for day, number in moves:
                meetings.record_meeting(
                    store,
                    c.id,
                    MeetingInput(held_on=day, professional_step_id=steps[number - 1].id),
                )
            if closed:
                citizens.close_citizen(store, c.id, CloseReason.JOB, closed)

        person("Åse Ærø", start=date(2026, 1, 5))
        person(
            "Anna Andersen", "Ressourceforløb", moves=[(date(2025, 6, 2), 2), (date(2026, 3, 2), 4)]
        )
        person(
            "Bo Bech",
            "Aktivitetsparate kontanthjælpsmodtagere",
            moves=[(date(2025, 5, 5), 5), (date(2026, 2, 2), 3)],
        )
        person("Øllgaard Cecilie", moves=[(date(2025, 9, 1), 1)])
        person(
            "Dorte Dam", "Ressourceforløb", moves=[(date(2025, 10, 6), 6)], closed=date(2026, 6, 1)
        )
        person("Erik Eriksen", moves=[(date(2026, 10, 5), 4)])
        person(
            "Frida Fisk", "Ressourceforløb", start=date(2026, 1, 5), moves=[(date(2026, 4, 6), 7)]
        )
    return str(db)


def lines(out: str) -> list[str]:
    return [line.rstrip() for line in out.splitlines()]


def test_list_shows_each_active_citizen_on_their_step_in_danish_order(caseload, capsys):
    assert main(["list", "--db", caseload]) == 0
    assert lines(capsys.readouterr().out) == [
        "     Id  Navn              Målgruppe                                 Nuværende trin",
        "      2  Anna Andersen     Ressourceforløb                           "
        "4. Virksomhedspraktik",
        "      3  Bo Bech           Aktivitetsparate kontanthjælpsmodtagere   "
        "3. Første virksomhedskontakt",
        "      6  Erik Eriksen                                                "
        "4. Virksomhedspraktik",
        "      7  Frida Fisk        Ressourceforløb                           "
        "7. Job eller uddannelse",
        "      4  Øllgaard Cecilie                                            1. Afklaring",
        "      1  Åse Ærø                                                     –",
    ]
    assert main(["list", "--db", caseload, "--all"]) == 0
    table = lines(capsys.readouterr().out)
    assert table[3] == (
        "      5  Dorte Dam         Ressourceforløb                           6. Ordinære timer"
    )
    assert [int(line.split()[0]) for line in table[1:]] == [2, 3, 5, 6, 7, 4, 1]
    assert main(["list", "--db", caseload, "--json", "--search", "anna"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {
            "id": 2,
            "name": "Anna Andersen",
            "target_group": "Ressourceforløb",
            "current_step": "Virksomhedspraktik",
            "current_step_position": 4,
            "status": "active",
        }
    ]
    assert main(["list", "--db", caseload, "--search", "ingen sådan"]) == 0
    assert capsys.readouterr().out == "Ingen borgere.\n"


def test_stats_gives_the_figures_worked_out_by_hand(caseload, capsys):
    assert main(["stats", "--db", caseload, "--on", ON, "--baseline", BASELINE]) == 0
    assert lines(capsys.readouterr().out) == [
        "Metode: Tværsnit: alle aktive i udvalget på hver dato",
        "Udvalg: Alle borgere",
        "Andel i virksomhedsrettet indsats eller ordinære timer 22-11-2026: 50,0 % (3 af 6)",
        "Baseline 22-11-2025: 40,0 % (2 af 5); ændring +10,0 procentpoint",
        "Bevægelse 22-11-2025–22-11-2026: 1 op, 1 ned, 1 uændret, 3 uden placering",
        "Trin 22-11-2026 (tværsnit)             Borgere   Dage på trinnet: median (kvartiler)",
        " 1. Afklaring                                1      447 (447–447)",
        " 2. Motivation og ønsker                     0        –",
        " 3. Første virksomhedskontakt                1      293 (293–293)",
        " 4. Virksomhedspraktik                       2      156 (102–211)",
        " 5. Praktik med progression                  0        –",
        " 6. Ordinære timer                           0        –",
        " 7. Job eller uddannelse                     1      230 (230–230)",
        "    Ikke placeret                            1",
    ]


def test_stats_cohort_and_scope_as_json(caseload, capsys):
    args = ["stats", "--db", caseload, "--on", ON, "--json"]  # the baseline: a year before
    assert main([*args, "--method", "kohorte"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["on"], data["baseline"], data["method"]) == ("2026-11-22", "2025-11-22", "cohort")
    assert (data["active"], data["counted"], data["percent"]) == (5, 3, 60.0)
    assert (data["baseline_active"], data["baseline_counted"], data["baseline_percent"]) == (
        5,
        2,
        40.0,
    )
    assert data["change_pp"] == 20.0
    assert data["movement"] == {
        "up": 1,
        "down": 1,
        "stayed": 1,
        "not_placed": 1,
        "left_job_education": 1,
        "left_other": 0,
    }
    step4 = data["steps"][3]
    assert (step4["number"], step4["title"], step4["citizens"]) == (4, "Virksomhedspraktik", 2)
    assert (step4["q1_days_on_step"], step4["median_days_on_step"], step4["q3_days_on_step"]) == (
        102.25,
        156.5,
        210.75,
    )
    assert step4["average_days_on_step"] == 156.5
    assert [s["citizens"] for s in data["steps"]] == [1, 0, 1, 2, 0, 0, 1]
    assert data["not_placed"] == 1
    # One target group: Anna and Frida now (both count), Anna and Dorte at the baseline.
    assert main([*args, "--target-group", "Ressourceforløb"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["scope"] == "Målgrupper: Ressourceforløb"
    assert (data["counted"], data["active"], data["percent"]) == (2, 2, 100.0)
    assert (data["baseline_counted"], data["baseline_active"], data["change_pp"]) == (1, 2, 50.0)
    assert (data["movement"]["up"], data["movement"]["not_placed"]) == (1, 1)


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
    con = sqlite3.connect(db)
    active = con.execute(
        "SELECT count(DISTINCT citizen_id) FROM course_periods WHERE started_on <= '2026-11-22'"
        " AND (ended_on IS NULL OR ended_on > '2026-11-22')"
    ).fetchone()[0]
    con.close()
    assert data["active"] == active > 0
    assert data["percent"] == round(100 * data["counted"] / data["active"], 1)
    assert sum(s["citizens"] for s in data["steps"]) + data["not_placed"] == active
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
    # The new file holds the citizen's data: encrypted, with a passphrase of its own; no
    # passphrase given is refused before anything is written.
    monkeypatch.delenv("TRAPPE_PASSPHRASE", raising=False)
    assert main(["handover", "import", "--db", str(fresh), str(file), "--create"]) == 2
    assert "--unencrypted" in capsys.readouterr().err and not fresh.exists()
    monkeypatch.setenv("TRAPPE_PASSPHRASE", "modtagerens lange adgangsfrase")
    assert main(["handover", "import", "--db", str(fresh), str(file), "--create"]) == 0
    out = capsys.readouterr().out
    assert "Ny database oprettet (krypteret)" in out and "importeret som borger 1" in out
    assert is_encrypted(fresh)
    plain = fresh.with_name("oevelse.sqlite")
    args = ["handover", "import", "--db", str(plain), str(file), "--create", "--unencrypted"]
    assert main(args) == 0
    assert "Ny database oprettet (ukrypteret)" in capsys.readouterr().out
    monkeypatch.delenv("TRAPPE_PASSPHRASE")
    with closing(sqlite3.connect(sender)) as a, closing(sqlite3.connect(plain)) as b:
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
