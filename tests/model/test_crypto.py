"""Encryption at rest (SQLCipher): nothing readable in the file, its WAL or its backups; wrong
keys refused with the file untouched; conversion both ways keeps every row."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from trappe.model import backup, citizens, crypto, meetings, staircase
from trappe.model.entities import Actor, CitizenInput, MeetingInput
from trappe.model.errors import PassphraseNeeded, ValidationError, WrongPassphrase
from trappe.model.store import open_store

KEY = "korrekt hest batteri"
MARKERS = ["Åse Markørsen", "010190-1234", "HEMMELIGT-NOTAT-QX", "0101901234"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill(store) -> None:
    steps = staircase.load_staircase(store).steps
    c = citizens.create_citizen(store, CitizenInput(name=MARKERS[0], identifier=MARKERS[1]))
    meetings.record_meeting(
        store,
        c.id,
        MeetingInput(
            held_on=c.start_date, professional_step_id=steps[1].id, caseworker_note=MARKERS[2]
        ),
    )


def readable(path: Path) -> list[str]:
    data = path.read_bytes() if path.exists() else b""
    return [m for m in MARKERS if m.encode("utf-8") in data or m.encode("utf-16-le") in data]


def test_an_encrypted_database_its_wal_and_backups_show_nothing(tmp_path):
    db = tmp_path / "krypteret.sqlite"
    s = open_store(db, Actor("Test"), key=KEY)
    try:
        fill(s)
        assert Path(f"{db}-wal").stat().st_size > 0
        assert readable(db) == [] and readable(Path(f"{db}-wal")) == []
        info = backup.make_backup(s)
        assert crypto.is_encrypted(info.path) and readable(info.path) == []
    finally:
        s.close()
    assert db.read_bytes()[:16] != b"SQLite format 3\x00"
    assert crypto.is_encrypted(db)
    with open_store(db, Actor("Test"), key=KEY) as again:
        assert citizens.get_citizen(again, 1).name == MARKERS[0]


def _encrypted(tmp_path: Path) -> Path:
    db = tmp_path / "k.sqlite"
    with open_store(db, Actor("Test"), key=KEY) as s:
        fill(s)
    return db


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_wrong_passphrase_is_refused_and_the_file_untouched(tmp_path):
    db = _encrypted(tmp_path)
    before, files = sha(db), _listing(tmp_path)
    with pytest.raises(WrongPassphrase) as err:
        open_store(db, Actor("Test"), key="forkert forkert")
    assert "Adgangsfrasen passer ikke" in err.value.message
    assert sha(db) == before and _listing(tmp_path) == files


def test_encrypted_file_opened_as_plain_asks_for_the_passphrase(tmp_path):
    db = _encrypted(tmp_path)
    before, files = sha(db), _listing(tmp_path)
    with pytest.raises(PassphraseNeeded) as err:
        open_store(db, Actor("Test"))
    assert "krypteret" in err.value.message
    assert sha(db) == before and _listing(tmp_path) == files


def test_plain_file_opened_as_encrypted_is_refused(tmp_path):
    db = tmp_path / "plain.sqlite"
    with open_store(db, Actor("Test")) as s:
        fill(s)
    before, files = sha(db), _listing(tmp_path)
    with pytest.raises(WrongPassphrase) as err:
        open_store(db, Actor("Test"), key=KEY)
    assert "ikke krypteret" in err.value.message
    assert sha(db) == before and _listing(tmp_path) == files


def _all_rows(path: Path, key: str | None) -> dict[str, list[tuple]]:
    conn = crypto._cipher_connect(path, key or "")
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            t: sorted(map(tuple, conn.execute(f'SELECT * FROM "{t}"').fetchall()), key=repr)
            for t in tables
        }
    finally:
        conn.close()


def test_plain_to_encrypted_to_plain_keeps_every_row(tmp_path):
    db = tmp_path / "rundtur.sqlite"
    with open_store(db, Actor("Test")) as s:
        fill(s)
        citizens.create_citizen(s, CitizenInput(name="Bo Ærø"))
        backup.make_backup(s)  # a plain backup that will remain plain
    original = _all_rows(db, None)
    converted = crypto.convert(db, None, KEY)
    assert crypto.is_encrypted(db) and readable(db) == []
    assert converted.plain_copies and all(
        not crypto.is_encrypted(p) for p in converted.plain_copies
    )
    assert _all_rows(db, KEY) == original
    with open_store(db, Actor("Test"), key=KEY) as s:  # works as a store, schema and all
        assert citizens.get_citizen(s, 2).name == "Bo Ærø"  # (a search would add a log row)
    crypto.convert(db, KEY, None)
    assert not crypto.is_encrypted(db)
    assert _all_rows(db, None) == original
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_change_passphrase_and_old_backups_keep_the_old_one(tmp_path):
    db = _encrypted(tmp_path)
    with open_store(db, Actor("Test"), key=KEY) as s:
        old = backup.make_backup(s, "foer", now=lambda: datetime(2026, 1, 1, 12, 0))
        crypto.change_passphrase(s, "en helt ny frase")
        citizens.create_citizen(s, CitizenInput(name="Efter skiftet"))
    with pytest.raises(WrongPassphrase):
        open_store(db, Actor("Test"), key=KEY)
    with open_store(db, Actor("Test"), key="en helt ny frase") as s:
        assert citizens.get_citizen(s, 2).name == "Efter skiftet"
    assert backup.verify(old.path, KEY) and not backup.verify(old.path, "en helt ny frase")
    newest = backup.list_backups(db)[0]
    assert newest.reason == "ny-adgangsfrase" and backup.verify(newest.path, "en helt ny frase")


def test_export_plain_copy(tmp_path):
    db = _encrypted(tmp_path)
    with open_store(db, Actor("Test"), key=KEY) as s:
        out = crypto.export_plain(s, tmp_path / "ukrypteret.sqlite")
    assert not crypto.is_encrypted(out) and MARKERS[0] in readable(out)
    assert _all_rows(out, None) == _all_rows(db, KEY)


def test_passphrase_rules():
    with pytest.raises(ValidationError):
        crypto.check_new_passphrase("kort")
    with pytest.raises(ValidationError):
        crypto.check_new_passphrase("lang nok frase", "en anden frase")
    assert crypto.check_new_passphrase("lang nok frase", "lang nok frase")


def test_sheets_from_an_encrypted_database_leave_no_readable_temporary_files(tmp_path):
    """A sheet is written to a temporary file beside the target and renamed into place after
    its audit row; nothing else is written anywhere (no temp folder, no copy)."""
    import tempfile

    from trappe import sheet

    db = _encrypted(tmp_path)
    out_dir = tmp_path / "ud"
    out_dir.mkdir()
    temp_before = set(Path(tempfile.gettempdir()).iterdir())
    with open_store(db, Actor("Test"), key=KEY) as s:
        sheet.render_batch(s, [1], out_dir / "ark.pdf")
        sheet.render_citizen_sheet(s, 1, out_dir / "et.pdf")
        assert readable(db) == [] and readable(Path(f"{db}-wal")) == []
    assert sorted(p.name for p in out_dir.iterdir()) == ["ark.pdf", "et.pdf"]
    new_temp = set(Path(tempfile.gettempdir()).iterdir()) - temp_before
    assert [p for p in new_temp if p.is_file() and readable(p)] == []
