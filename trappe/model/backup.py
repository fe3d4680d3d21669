"""Verified, rotating backups in ``backups/`` beside the database, and restoring from them.

A backup is made with SQLite's backup API into a temporary file (mode 0600) in the backups
folder, checked with ``integrity_check`` (which reads every page and index, so it also tells
whether the *database* is damaged), switched to a self-contained rollback-journal file, and
only then renamed into place: a crash or a failed check never leaves a half-written or empty
backup under a real name. An encrypted database's backups are encrypted with the same raw key
and salt (``cipher_key``): no key derivation per copy, and the passphrase opens them.

Copies are thinned: the newest of each of the last 7 days, 4 weeks and 12 months that have
one are kept (an erased citizen is gone once the last backup holding them rotates out).

``before(store, reason)`` is what other operations call first: a migration, an erasure, a
staircase change that retires steps. ``restore`` keeps the current file as a backup (or, if
it is damaged, renamed ``….damaged-<date>``) before the chosen copy takes its place.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from trappe.model import audit
from trappe.model import store as _store
from trappe.model.cipher_key import CipherKey
from trappe.model.errors import DatabaseDamaged, DatabaseLocked
from trappe.model.store import (
    DEFAULT_TIMEOUT,
    DIR_MODE,
    FILE_MODE,
    Store,
    _connect,
    create_file,
    known_error,
    os_error,
)

log = logging.getLogger("trappe.backup")

FOLDER = "backups"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
INTERVAL = timedelta(hours=4)  # automatic backups while the program runs
STAMP = "%Y%m%d-%H%M%S"

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str
    size: int
    sequence: int = 0  # several in the same second: 0, 1, 2 …


def folder(db_path: Path) -> Path:
    return Path(db_path).parent / FOLDER


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(Path(db_path).stem)}\.(\d{{8}}-\d{{6}})(?:-(\d+))?\.([a-z0-9-]+)\.sqlite$"
    )


def list_backups(db_path: Path) -> list[BackupInfo]:
    """This database's backups, newest first."""
    where = folder(db_path)
    pattern = _pattern(db_path)
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(where):
            m = pattern.match(entry.name)
            if not m or not entry.is_file():
                continue
            found.append(
                BackupInfo(
                    Path(entry.path),
                    datetime.strptime(m.group(1), STAMP),
                    m.group(3),
                    entry.stat().st_size,
                    int(m.group(2) or 0),
                )
            )
    return sorted(found, key=lambda b: (b.taken_at, b.sequence), reverse=True)


def _unlink_with_companions(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def _remove_stale_parts(where: Path, age: timedelta = timedelta(hours=1)) -> None:
    """Temporary files left by a backup that was killed (never under a backup's name)."""
    limit = datetime.now().timestamp() - age.total_seconds()
    for part in where.glob(".*.part*"):
        with contextlib.suppress(OSError):
            if part.stat().st_mtime < limit:
                part.unlink()


def _copy(source: Any, target: Path, key: CipherKey | str | None) -> None:
    """Copy the database behind ``source`` (a connection) into the empty file ``target``."""
    dest = _connect(target, timeout=DEFAULT_TIMEOUT, key=key)
    try:
        source.backup(dest)
    finally:
        dest.close()


def _nonempty(path: Path) -> bool:
    """An existing, non-empty file (connecting to a missing one would create it)."""
    try:
        return Path(path).stat().st_size > 0
    except OSError:
        return False


def verify(path: Path, key: CipherKey | str | None) -> bool:
    """``integrity_check`` on a backup (or any copy): True only if SQLite says "ok"."""
    if not _nonempty(path):
        return False
    try:
        conn = _connect(path, timeout=DEFAULT_TIMEOUT, key=key)
    except _store.ERRORS:
        return False
    try:
        rows = conn.execute("PRAGMA integrity_check(1)").fetchall()
        return len(rows) == 1 and rows[0][0] == "ok"
    except _store.ERRORS:
        return False
    finally:
        conn.close()


def _seal(path: Path, key: CipherKey | str | None) -> None:
    """A self-contained file: rollback journal, so no -wal/-shm is needed to read it."""
    conn = _connect(path, timeout=DEFAULT_TIMEOUT, key=key)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _target_name(db_path: Path, when: datetime, reason: str) -> Path:
    """``<stem>.<stamp>[-n].<reason>.sqlite``: a later backup in the same second gets a higher
    ``n`` (even if earlier ones were thinned away), so it sorts as the newest."""
    reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "kopi"
    stamp = when.strftime(STAMP)
    same_second = [b.sequence for b in list_backups(db_path) if b.taken_at.strftime(STAMP) == stamp]
    n = max(same_second) + 1 if same_second else 0
    while True:
        suffix = f"-{n}" if n else ""
        target = folder(db_path) / f"{Path(db_path).stem}.{stamp}{suffix}.{reason}.sqlite"
        if not target.exists():
            return target
        n += 1


def backup_connection(
    conn: Any,
    db_path: Path,
    key: CipherKey | str | None,
    reason: str = "auto",
    *,
    now: Clock = datetime.now,
    thin_after: bool = True,
) -> BackupInfo:
    """Back up the database open on ``conn`` (whose file is ``db_path``); verified, atomic."""
    where = folder(db_path)
    try:
        where.mkdir(mode=DIR_MODE, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, where) from exc
    when = now()
    tmp = where / f".{Path(db_path).stem}.{os.getpid()}.part"
    _remove_stale_parts(where)
    _unlink_with_companions(tmp)
    try:
        create_file(tmp)
        try:
            _copy(conn, tmp, key)
        except _store.ERRORS as exc:
            known = known_error(exc, Path(db_path), encrypted=key is not None)
            raise (known or exc) from exc
        if not verify(tmp, key):
            raise DatabaseDamaged(
                f"Databasen «{Path(db_path).name}» er beskadiget: sikkerhedskopien af den "
                "bestod ikke kontrollen. Brug en tidligere sikkerhedskopi, eller kontakt IT."
            )
        _seal(tmp, key)
        os.chmod(tmp, FILE_MODE)
        target = _target_name(db_path, when, reason)
        os.replace(tmp, target)
        _fsync_dir(where)
    except OSError as exc:
        raise os_error(exc, where) from exc
    finally:
        _unlink_with_companions(tmp)
    log.info("backup of %s written to %s (%s)", db_path, target, reason)
    if thin_after:
        thin(db_path, now())
    return next(b for b in list_backups(db_path) if b.path == target)


def make_backup(store: Store, reason: str = "auto", *, now: Clock = datetime.now) -> BackupInfo:
    """A verified backup of the open store (logged)."""
    info = backup_connection(store.conn, store.path, store.key, reason, now=now)
    audit.log_backup(store, info.path, reason)
    return info


def make_backup_of(
    db_path: Path, key: CipherKey | str | None, reason: str = "auto", *, now: Clock = datetime.now
) -> BackupInfo:
    """A verified backup through a connection of its own (for a worker thread)."""
    try:
        conn = _connect(Path(db_path), timeout=DEFAULT_TIMEOUT, key=key)
    except _store.ERRORS as exc:
        raise (known_error(exc, Path(db_path), encrypted=key is not None) or exc) from exc
    try:
        return backup_connection(conn, Path(db_path), key, reason, now=now)
    finally:
        conn.close()


def before(store: Store, reason: str, *, now: Clock = datetime.now) -> BackupInfo:
    """Back up before something that cannot be undone; raises (so it is not done) on failure.

    Called before a migration, an erasure, and a staircase change that retires steps.
    """
    return make_backup(store, reason, now=now)


def due(db_path: Path, now: datetime, interval: timedelta = INTERVAL) -> bool:
    """True when the newest backup is older than ``interval`` (or there is none)."""
    newest = next(iter(list_backups(db_path)), None)
    return newest is None or now - newest.taken_at >= interval


def to_keep(backups: Iterable[BackupInfo]) -> set[Path]:
    """The newest backup of each of the last 7 days, 4 ISO weeks and 12 months with one."""
    keep: set[Path] = set()
    ordered = sorted(backups, key=lambda b: (b.taken_at, b.sequence), reverse=True)
    for key_of, limit in (
        (lambda b: b.taken_at.date(), KEEP_DAILY),
        (lambda b: b.taken_at.isocalendar()[:2], KEEP_WEEKLY),
        (lambda b: (b.taken_at.year, b.taken_at.month), KEEP_MONTHLY),
    ):
        seen: set[Any] = set()
        for b in ordered:
            k = key_of(b)
            if k in seen:
                continue
            if len(seen) >= limit:
                break
            seen.add(k)
            keep.add(b.path)
    return keep


def thin(db_path: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups that ``to_keep`` does not keep; returns what was deleted."""
    backups = list_backups(db_path)
    keep = to_keep(backups)
    removed = []
    for b in backups:
        if b.path not in keep:
            with contextlib.suppress(OSError):
                b.path.unlink()
                removed.append(b.path)
    if removed:
        log.info("thinned %d old backups of %s", len(removed), db_path)
    return removed


def citizen_count(path: Path, key: CipherKey | str | None) -> int | None:
    """How many citizens a backup holds (for the restore list), or None if unreadable."""
    if not _nonempty(path):
        return None
    try:
        conn = _connect(path, timeout=1.0, key=key)
    except _store.ERRORS:
        return None
    try:
        return int(conn.execute("SELECT count(*) FROM citizens").fetchone()[0])
    except _store.ERRORS:
        return None
    finally:
        conn.close()


def newest_good(db_path: Path, key: CipherKey | str | None) -> BackupInfo | None:
    """The newest backup that passes ``integrity_check`` (for a damaged database)."""
    for b in list_backups(db_path):
        if verify(b.path, key):
            return b
    return None


# -- damaged files and restoring -------------------------------------------------------------
def set_aside_damaged(db_path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged database (and its -wal/-shm) to ``….damaged-<date>``; never overwrite."""
    stamp = (now or datetime.now()).strftime(STAMP)
    db_path = Path(db_path)
    target = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    n = 0
    while any(Path(f"{target}{s}").exists() for s in ("", "-wal", "-shm")):
        n += 1
        target = db_path.with_name(f"{db_path.name}.damaged-{stamp}-{n}")
    try:
        for suffix in ("-wal", "-shm", ""):
            source = Path(f"{db_path}{suffix}")
            if source.exists():
                os.rename(source, f"{target}{suffix}")
    except OSError as exc:
        raise os_error(exc, db_path) from exc
    log.warning("damaged database %s set aside as %s", db_path, target)
    return target


@dataclass(frozen=True)
class Restored:
    restored_from: Path
    current_kept_as: Path | None  # a backup of the file that was replaced, or its damaged copy
    damaged: bool


def _holds_alone(db_path: Path, key: CipherKey | str | None) -> Any:
    """A connection holding the database EXCLUSIVELY: nobody else has it open."""
    conn = _connect(db_path, timeout=0.5, key=key)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("COMMIT")
    except _store.ERRORS as exc:
        conn.close()
        known = known_error(exc, db_path, encrypted=key is not None)
        if isinstance(known, DatabaseLocked):
            raise DatabaseLocked(
                f"Databasen «{db_path.name}» er åben i et andet program eller en anden Trappe. "
                "Luk det, og prøv igen. Intet er ændret."
            ) from exc
        raise
    return conn


def restore(
    db_path: Path,
    backup_path: Path,
    key: CipherKey | str | None,
    *,
    damaged: bool = False,
    now: Clock = datetime.now,
) -> Restored:
    """Put ``backup_path`` in place of ``db_path``; the current file is kept first.

    The store on ``db_path`` must be closed. ``damaged``: the current file is set aside as
    ``….damaged-<date>`` instead of being backed up (a damaged file cannot be copied safely).
    Raises a ``StoreError`` (and changes nothing) when the backup fails its check or another
    program has the database open.
    """
    db_path, backup_path = Path(db_path), Path(backup_path)
    if not verify(backup_path, key):
        raise DatabaseDamaged(
            f"Sikkerhedskopien «{backup_path.name}» bestod ikke kontrollen og bruges ikke."
        )
    where = db_path.parent
    tmp = where / f".{db_path.name}.{os.getpid()}.restore"
    _unlink_with_companions(tmp)
    kept: Path | None = None
    try:
        create_file(tmp)
        source = _connect(backup_path, timeout=DEFAULT_TIMEOUT, key=key)
        try:
            _copy(source, tmp, key)
        finally:
            source.close()
        if not verify(tmp, key):
            raise DatabaseDamaged("Kopien af sikkerhedskopien bestod ikke kontrollen.")
        if damaged or not db_path.exists():
            if db_path.exists():
                kept = set_aside_damaged(db_path, now())
            os.replace(tmp, db_path)
        else:
            holder = _holds_alone(db_path, key)
            try:
                kept = backup_connection(
                    holder, db_path, key, "foer-gendannelse", now=now, thin_after=False
                ).path
                holder.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                os.replace(tmp, db_path)
            finally:
                holder.close()
            for suffix in ("-wal", "-shm"):  # the old file's, if its close left them
                with contextlib.suppress(OSError):
                    Path(f"{db_path}{suffix}").unlink()
        os.chmod(db_path, FILE_MODE)
        _fsync_dir(where)
    except OSError as exc:
        raise os_error(exc, db_path) from exc
    finally:
        _unlink_with_companions(tmp)
    log.info("restored %s from %s (current kept as %s)", db_path, backup_path, kept)
    return Restored(backup_path, kept, damaged)
