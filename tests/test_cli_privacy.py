"""``trappe audit`` and ``trappe retention``, and who the command line says the user is."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import date, timedelta

import pytest

from trappe.cli import main
from trappe.model import audit, citizens
from trappe.model.entities import Actor, CitizenInput, CloseReason
from trappe.model.store import open_store


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(path), "--citizens", "12"]) == 0
    capsys.readouterr()
    return path


def test_audit_verify_says_in_danish_that_the_log_is_intact(db, capsys):
    assert main(["audit", "verify", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Revisionsloggen er i orden" in out and "Seneste led: #" in out


def test_audit_verify_reports_a_hand_edited_entry_and_fails(db, capsys):
    main(["list", "--db", str(db), "--search", "a"])
    conn = sqlite3.connect(db)
    conn.execute("UPDATE audit_log SET details = '{}' WHERE action = 'search'")
    conn.commit()
    conn.close()
    broken = (
        sqlite3.connect(db)
        .execute("SELECT id FROM audit_log WHERE action = 'search'")
        .fetchone()[0]
    )
    capsys.readouterr()
    assert main(["audit", "verify", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert f"Kæden er brudt ved post #{broken} (" in err
    assert "ændret" in err


def test_audit_list_filters_and_is_itself_logged(db, capsys):
    assert main(["export", "--db", str(db), "--citizen", "3", "--user", "Revisor"]) == 0
    capsys.readouterr()
    args = ["audit", "list", "--db", str(db), "--citizen", "3", "--json"]
    assert main(args) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"read", "export"} <= {r["action"] for r in rows}
    assert rows[0]["action"] == "export" and rows[0]["user"] == "Revisor"
    assert all(r["citizen_id"] == 3 for r in rows)
    assert main(["audit", "list", "--db", str(db), "--by", "Revisor"]) == 0
    table = capsys.readouterr().out
    assert "Udleveret" in table and "Åbnet" in table
    with open_store(db, Actor("x")) as store:
        assert audit.list_entries(store, object_type="audit_log")[0].action == "view"


def test_audit_export_writes_csv_and_logs_it(db, tmp_path, capsys):
    out = tmp_path / "log.csv"
    today = date.today().strftime("%d-%m-%Y")
    args = ["audit", "export", "--db", str(db), "--since", today, "-o", str(out)]
    assert main(args) == 0
    assert "poster gemt" in capsys.readouterr().out
    rows = list(csv.reader(out.open(encoding="utf-8-sig"), delimiter=";"))
    assert rows[0][:3] == ["Post", "Tidspunkt", "Bruger"]
    assert len(rows) >= 2
    assert out.stat().st_mode & 0o777 == 0o600
    with open_store(db, Actor("x")) as store:
        e = audit.list_entries(store, object_type="audit_log")[0]
    assert e.action == "export" and e.details["format"] == "csv"
    assert e.details["filter"]["since"] == date.today().isoformat()


def test_audit_dates_in_danish(db, capsys):
    assert main(["audit", "list", "--db", str(db), "--since", "31-02-2026"]) == 2
    assert "gyldig dato" in capsys.readouterr().err


def test_stats_is_logged(db):
    assert main(["stats", "--db", str(db), "--on", "22-11-2026"]) == 0
    with open_store(db, Actor("x")) as store:
        e = audit.list_entries(store, object_type="report")[0]
    assert (e.action, e.details["report"], e.details["on"]) == ("view", "stats", "2026-11-22")


@pytest.mark.parametrize("name", ["\x1b[31mMette\x1b[0m", "Mette\x07", "x" * 101, "Mette\u202e"])
def test_a_user_name_with_escapes_or_absurd_length_is_refused(db, capsys, name):
    before = sqlite3.connect(db).execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert main(["list", "--db", str(db), "--user", name]) == 2
    err = capsys.readouterr().err
    assert "Navnet i --user" in err and "\x1b" not in err
    after = sqlite3.connect(db).execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert after == before


def test_the_environment_name_is_checked_too(db, capsys, monkeypatch):
    monkeypatch.setenv("TRAPPE_USER", "\x1b]0;evil\x07")
    assert main(["list", "--db", str(db)]) == 2
    assert "$TRAPPE_USER" in capsys.readouterr().err


def test_the_log_records_the_login_beside_the_given_name(db):
    from trappe.model.entities import os_login_name

    assert main(["list", "--db", str(db), "--user", "Mette Sørensen"]) == 0
    with open_store(db, Actor("x")) as store:
        e = audit.list_entries(store)[0]
    assert (e.user_name, e.os_user) == ("Mette Sørensen", os_login_name())


# -- retention -----------------------------------------------------------------------------------
@pytest.fixture
def overdue(db):
    """Two courses closed seven years ago, one closed last year."""
    long_ago = date.today() - timedelta(days=7 * 366)
    with open_store(db, Actor("Mette")) as store:
        ids = []
        for name, closed_on in (
            ("Gammel Sag", long_ago),
            ("Ældre Sag", long_ago - timedelta(days=30)),
            ("Ny Sag", date.today() - timedelta(days=300)),
        ):
            c = citizens.create_citizen(
                store, CitizenInput(name=name, start_date=closed_on - timedelta(days=100))
            )
            citizens.close_citizen(store, c.id, CloseReason.JOB, closed_on)
            ids.append(c.id)
    return ids


def test_retention_list(db, overdue, capsys):
    assert main(["retention", "--db", str(db), "--list"]) == 0
    out = capsys.readouterr().out
    assert "Slettefrist: 5 år efter afslutning. 2 borgere er ud over fristen" in out
    assert out.index("Ældre Sag") < out.index("Gammel Sag")
    assert "Ny Sag" not in out and "Job" in out


def test_retention_erase_backs_up_first_and_erases_only_those(db, overdue, capsys):
    assert main(["retention", "--db", str(db), "--erase"]) == 2
    assert "--yes" in capsys.readouterr().err
    assert main(["retention", "--db", str(db), "--erase", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "2 borgere er slettet." in out
    backups = list((db.parent / "backups").glob("*.sqlite"))
    assert len(backups) == 1
    assert backups[0].stat().st_mode & 0o777 == 0o600
    kept = sqlite3.connect(backups[0]).execute("SELECT count(*) FROM citizens").fetchone()[0]
    conn = sqlite3.connect(db)
    names = {r[0] for r in conn.execute("SELECT name FROM citizens")}
    assert "Ny Sag" in names and not {"Gammel Sag", "Ældre Sag"} & names
    assert kept == len(names) + 2
    assert main(["audit", "verify", "--db", str(db)]) == 0


def test_retention_erase_of_one_citizen(db, overdue, capsys):
    erase = ["retention", "--db", str(db), "--erase", "--yes", "--citizen"]
    assert main([*erase, str(overdue[0])]) == 0
    assert "1 borger er slettet." in capsys.readouterr().out
    assert main([*erase, str(overdue[2])]) == 2
    assert "Ikke ud over slettefristen" in capsys.readouterr().err


# -- backups and restores are in the log --------------------------------------------------------
def test_a_backup_and_a_restore_are_logged(db, capsys):
    assert main(["backup", "--db", str(db), "--user", "Tove"]) == 0
    with open_store(db, Actor("x")) as store:
        e = audit.list_entries(store, object_type="database")[0]
    assert (e.action, e.user_name, e.details["reason"]) == ("backup", "Tove", "manuel")
    copy = db.parent / "backups" / e.details["file"]
    assert copy.exists()
    capsys.readouterr()
    assert main(["restore", "--db", str(db), "--from", str(copy), "--user", "Tove"]) == 0
    with open_store(db, Actor("x")) as store:
        entries = audit.list_entries(store, object_type="database")
        assert audit.verify_chain(store).ok
    restored = entries[0]
    assert restored.action == "restore" and restored.details["file"] == copy.name
    assert restored.details["kept_as"]  # the file it replaced, kept as a backup first
    # The copy was taken before its own entry was written: the restored log ends with the
    # restore, right after what the copy held.
    assert all(e.action != "backup" for e in entries[1:2])
