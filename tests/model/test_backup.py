"""Verified, rotating backups; restore; and the offer for a damaged database."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from trappe.model import backup, citizens
from trappe.model.entities import CitizenInput
from trappe.model.errors import DatabaseDamaged, DatabaseLocked
from trappe.model.store import open_store


def _count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM citizens").fetchone()[0]
    finally:
        conn.close()


def _add(store, n: int, prefix: str = "Borger") -> None:
    for i in range(n):
        citizens.create_citizen(store, CitizenInput(name=f"{prefix} {i}"))


def clock(start: datetime):
    return lambda: start


def test_backup_is_verified_private_self_contained_and_named(store):
    _add(store, 3)
    info = backup.make_backup(store, "manuel", now=clock(datetime(2026, 11, 22, 9, 30)))
    assert info.path.parent == store.path.parent / "backups"
    assert info.path.name == "trappe.20261122-093000.manuel.sqlite"
    assert _count(info.path) == 3
    if os.name == "posix":
        assert info.path.stat().st_mode & 0o777 == 0o600
    assert info.path.read_bytes()[18:20] == b"\x01\x01", "rollback journal: no -wal needed"
    assert sorted(p.name for p in info.path.parent.iterdir()) == [info.path.name]
    assert backup.list_backups(store.path) == [info]
    assert backup.citizen_count(info.path, None) == 3


def test_a_corrupt_temporary_copy_is_never_promoted(store, monkeypatch):
    _add(store, 2)

    def bad_copy(source, target, key):
        target.write_bytes(b"SQLite format 3\x00" + b"\xa5" * 8192)

    monkeypatch.setattr(backup, "_copy", bad_copy)
    with pytest.raises(DatabaseDamaged):
        backup.make_backup(store)
    assert list((store.path.parent / "backups").iterdir()) == []


def test_thinning_keeps_7_daily_4_weekly_12_monthly(tmp_path):
    db = tmp_path / "trappe.sqlite"
    (tmp_path / "backups").mkdir()
    now = datetime(2026, 11, 22, 12, 0)
    for hours in range(0, 24 * 500, 8):  # three a day for 500 days
        when = now - timedelta(hours=hours)
        (tmp_path / "backups" / f"trappe.{when:%Y%m%d-%H%M%S}.auto.sqlite").write_bytes(b"x")
    (tmp_path / "backups" / "andet.20261122-120000.auto.sqlite").write_bytes(b"x")
    backup.thin(db, now)
    kept = backup.list_backups(db)
    days = {b.taken_at.date() for b in kept}
    months = {(b.taken_at.year, b.taken_at.month) for b in kept}
    assert len(kept) == len(days), "one per day at most"
    assert {now.date() - timedelta(days=d) for d in range(7)} <= days
    assert len(months) == 12 and min(months) == (2025, 12)
    weeks = {b.taken_at.isocalendar()[:2] for b in kept if now - b.taken_at < timedelta(weeks=4)}
    assert len(weeks) >= 4
    newest_hour = {True: 12, False: 20}  # today's newest is now; earlier days' is 20:00
    assert all(b.taken_at.hour == newest_hour[b.taken_at.date() == now.date()] for b in kept)
    assert len(kept) <= 7 + 4 + 12
    assert (tmp_path / "backups" / "andet.20261122-120000.auto.sqlite").exists()


def test_backup_is_due_by_the_injected_clock(store):
    t0 = datetime(2026, 11, 22, 8, 0)
    assert backup.due(store.path, t0)
    backup.make_backup(store, now=clock(t0))
    assert not backup.due(store.path, t0 + timedelta(hours=3))
    assert backup.due(store.path, t0 + backup.INTERVAL)


def test_restore_keeps_the_current_file_first(db_path, actor):
    with open_store(db_path, actor) as s:
        _add(s, 2)
        old = backup.make_backup(s, now=clock(datetime(2026, 11, 1, 10, 0)))
        _add(s, 3, "Senere")
    result = backup.restore(db_path, old.path, None)
    assert _count(db_path) == 2
    assert result.current_kept_as is not None and _count(result.current_kept_as) == 5
    assert "foer-gendannelse" in result.current_kept_as.name
    with open_store(db_path, actor) as s:  # opens and works
        _add(s, 1, "Efter")
        assert s.integrity_ok()


def test_restore_is_refused_while_another_program_has_the_file_open(db_path, actor):
    with open_store(db_path, actor) as s:
        _add(s, 2)
        old = backup.make_backup(s)
        _add(s, 1)
        with pytest.raises(DatabaseLocked):
            backup.restore(db_path, old.path, None)
    assert _count(db_path) == 3


def _damage(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'citizens'"
        " AND sql IS NOT NULL ORDER BY name LIMIT 1"
    ).fetchone()[0]
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page + 8 : root * page] = b"\xa5" * (page - 8)
    path.write_bytes(bytes(data))


def test_a_damaged_index_is_noticed_by_the_backup(db_path, actor):
    with open_store(db_path, actor) as s:
        _add(s, 50)
    _damage(db_path)
    with open_store(db_path, actor) as s:  # the cheap checks on open let it through ...
        with pytest.raises(DatabaseDamaged):  # ... the verified backup does not
            backup.make_backup(s)
        assert backup.list_backups(db_path) == []


def test_damaged_file_offer_newest_good_backup_and_keep_the_damaged_file(db_path, actor):
    with open_store(db_path, actor) as s:
        _add(s, 4)
        good = backup.make_backup(s, now=clock(datetime(2026, 11, 20, 9, 0)))
        _add(s, 1)
        newer = backup.make_backup(s, now=clock(datetime(2026, 11, 21, 9, 0)))
    data = bytearray(newer.path.read_bytes())
    data[4096 * 2 :] = b"\xa5" * (len(data) - 4096 * 2)
    newer.path.write_bytes(bytes(data))
    _damage(db_path)
    damaged_bytes = db_path.read_bytes()
    offer = backup.newest_good(db_path, None)
    assert offer is not None and offer.path == good.path, "the newest that passes its check"
    first = backup.restore(db_path, offer.path, None, damaged=True)
    kept = first.current_kept_as
    assert kept is not None and kept.name.startswith("trappe.sqlite.damaged-")
    assert kept.read_bytes() == damaged_bytes
    assert _count(db_path) == 4
    second = backup.restore(db_path, offer.path, None, damaged=True)  # never overwrites
    assert second.current_kept_as != kept and kept.read_bytes() == damaged_bytes


def test_before_backs_up_with_the_reason(store):
    info = backup.before(store, "sletning")
    assert info.reason == "sletning" and info.path.exists()
