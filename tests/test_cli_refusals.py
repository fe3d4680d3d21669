"""Every refusal is a clean Danish refusal: exit code 2, no traceback, no file left behind;
commands that only read never create a file."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from trappe.cli import main
from trappe.model import citizens
from trappe.model.entities import Actor, CitizenInput
from trappe.model.errors import DatabaseLocked
from trappe.model.output import OutputError, audited_output
from trappe.model.store import open_store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db" / "trappe.sqlite"
    with open_store(path, Actor("Test")) as s:
        citizens.create_citizen(s, CitizenInput(name="Åse Ærø", identifier="010190-1234"))
    return path


def refused(capsys, argv: list[str]) -> str:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and "Uventet" not in err
    return err


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["list", "--json"],
        ["stats"],
        ["export", "--citizen", "1"],
        ["sheet", "--blank", "-o", "x.pdf"],
        ["backup"],
        ["restore", "--list"],
    ],
)
def test_read_only_commands_never_create_a_database(tmp_path, capsys, argv, monkeypatch):
    monkeypatch.chdir(tmp_path)
    typo = tmp_path / "typo.sqlite"
    if argv[0] == "restore":
        assert main([*argv, "--db", str(typo)]) == 0  # nothing to list, nothing created
    else:
        assert "findes ikke" in refused(capsys, [*argv, "--db", str(typo)])
    assert files(tmp_path) == []


def test_empty_db_is_refused_not_the_default(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TRAPPE_DB", str(tmp_path / "default.sqlite"))
    assert "--db er tom" in refused(capsys, ["list", "--db", ""])
    assert files(tmp_path) == []


def test_too_long_db_path(tmp_path, capsys):
    refused(capsys, ["list", "--db", str(tmp_path / ("x" * 300 + ".sqlite"))])
    refused(capsys, ["list", "--db", str(tmp_path / "/".join(["y" * 200] * 30))])


def test_non_utf8_user(db, capsys):
    user = os.fsdecode(b"Mette \xff")  # how Python passes undecodable argv bytes
    assert "UTF-8" in refused(capsys, ["list", "--db", str(db), "--user", user])


@pytest.mark.parametrize("value", ["9223372036854775808", "-1", "0", "1e3", "١"])
def test_ids_out_of_range_are_refused_by_the_parser(db, capsys, value):
    assert "--citizen" in refused(capsys, ["export", "--db", str(db), "--citizen", value])


def test_argparse_speaks_danish(db, capsys):
    assert "ukendte argumenter" in refused(capsys, ["list", "--db", str(db), "--bogus"])
    assert "mangler" in refused(capsys, ["export", "--db", str(db)])
    assert "ugyldigt valg" in refused(capsys, ["list", "--role", "boss"])


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("findes-ikke/ud.json", "mappen findes ikke"),
        ("", "Angiv et filnavn"),
        ("a-folder", "er en mappe"),
        ("x" * 300 + ".json", "for langt"),
    ],
)
def test_export_output_refusals_leave_nothing(db, tmp_path, capsys, target, expected):
    out_dir = tmp_path / "out"
    (out_dir / "a-folder").mkdir(parents=True)
    path = str(out_dir / target) if target else ""
    assert expected in refused(capsys, ["export", "--db", str(db), "--citizen", "1", "-o", path])
    assert files(out_dir) == ["a-folder"]


@pytest.mark.parametrize("target", ["", "x" * 300 + ".pdf"])
def test_sheet_output_refusals(db, tmp_path, capsys, target):
    path = str(tmp_path / target) if target else ""
    refused(capsys, ["sheet", "--db", str(db), "--blank", "-o", path])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db"]


def test_full_disk_during_export_leaves_no_file(db, tmp_path, capsys, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "ud.json"
    assert "disken er fuld" in refused(
        capsys, ["export", "--db", str(db), "--citizen", "1", "-o", str(out)]
    )
    assert not out.exists() and not list(tmp_path.glob(".*part"))


def test_the_log_comes_before_the_file(db, tmp_path):
    """A locked database refuses the audit row: no file with a CPR number without its row."""
    out = tmp_path / "ark.pdf"
    with open_store(db, Actor("Test"), timeout=0.2) as s:
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            with (
                pytest.raises(DatabaseLocked),
                audited_output(s, out, lambda: s.audit("export", "citizen", 1)) as fh,
            ):
                fh.write(b"010190-1234")
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert not out.exists() and files(tmp_path) == ["db"]
        with audited_output(s, out, lambda: s.audit("export", "citizen", 1)) as fh:
            fh.write(b"ok")
        assert out.read_bytes() == b"ok"
        if os.name == "posix":
            assert out.stat().st_mode & 0o777 == 0o600
        assert s.scalar("SELECT count(*) FROM audit_log WHERE action = 'export'") == 1


def test_output_error_is_danish():
    assert isinstance(OutputError("x"), Exception)


def test_backup_and_restore_commands(db, capsys):
    assert main(["backup", "--db", str(db)]) == 0
    assert "kontrolleret" in capsys.readouterr().out
    assert main(["restore", "--db", str(db), "--list"]) == 0
    listing = capsys.readouterr().out
    assert "manuel" in listing and "Borgere" in listing
    source = next((db.parent / "backups").glob("*.manuel.sqlite"))
    assert main(["restore", "--db", str(db), "--from", str(source)]) == 0
    assert "gendannet" in capsys.readouterr().out
    assert "findes ikke" in refused(capsys, ["restore", "--db", str(db), "--from", "nope"])
