"""Encryption at rest with SQLCipher: which files are encrypted, changing the passphrase, and
converting a database between plain and encrypted through a verified copy.

The key is derived from the passphrase by SQLCipher's own KDF (``PRAGMA key``: PBKDF2-HMAC-
SHA512, 256,000 iterations, a random salt in the file's first 16 bytes). The passphrase is
kept only in memory while the database is open (or, if the user asks, in the operating
system's keyring). Backups and migration copies are made with SQLite's backup API between two
connections keyed with the same passphrase, so they are encrypted too.

A lost passphrase cannot be recovered: the data are gone. A backup taken before a passphrase
change opens with the passphrase it was taken under.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trappe.model import backup
from trappe.model import store as _store
from trappe.model.errors import StoreError, ValidationError
from trappe.model.store import (
    DEFAULT_TIMEOUT,
    FILE_MODE,
    SQLITE_HEADER,
    Store,
    create_file,
    known_error,
    os_error,
    read_header,
)

log = logging.getLogger("trappe.crypto")

MIN_PASSPHRASE = 8


def is_encrypted(path: str | os.PathLike[str]) -> bool:
    """True if ``path`` is a non-empty file that is not plain SQLite (so SQLCipher's)."""
    p = Path(path)
    try:
        if not p.is_file() or p.stat().st_size == 0:
            return False
        return read_header(p) != SQLITE_HEADER
    except OSError:
        return False


def check_new_passphrase(passphrase: str, repeated: str | None = None) -> str:
    """A passphrase fit for a new key (long enough, typed the same twice)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(
            "passphrase", f"Adgangsfrasen skal være mindst {MIN_PASSPHRASE} tegn lang."
        )
    if passphrase != passphrase.strip():
        raise ValidationError(
            "passphrase", "Adgangsfrasen må ikke begynde eller slutte med mellemrum."
        )
    try:
        passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError("passphrase", "Adgangsfrasen indeholder ugyldige tegn.") from None
    if repeated is not None and repeated != passphrase:
        raise ValidationError("repeated", "De to adgangsfraser er ikke ens.")
    return passphrase


def _cipher_connect(path: Path, key: str) -> Any:
    """A SQLCipher connection; ``key=""`` opens (or makes) a plain file through SQLCipher."""
    driver = _store._sqlcipher()
    conn = driver.connect(str(path), timeout=DEFAULT_TIMEOUT, isolation_level=None)
    with contextlib.suppress(*_store.ERRORS):
        conn.execute("PRAGMA cipher_log_level = NONE")
    if key:
        conn.execute(f"PRAGMA key = {_store._quote(key)}")
    return conn


def _table_counts(conn: Any, schema_name: str = "main") -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            f"SELECT name FROM {schema_name}.sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {
        n: conn.execute(f'SELECT count(*) FROM {schema_name}."{n}"').fetchone()[0] for n in names
    }


@dataclass(frozen=True)
class Converted:
    path: Path
    encrypted: bool
    plain_copies: list[Path]  # unencrypted files with this database's data that remain


def _export(source: Any, target: Path, target_key: str) -> None:
    """``sqlcipher_export`` the whole database (tables, indexes, FTS5 tables) into ``target``."""
    source.execute(
        f"ATTACH DATABASE {_store._quote(str(target))} AS target KEY {_store._quote(target_key)}"
    )
    try:
        source.execute("SELECT sqlcipher_export('target')")
        for pragma in ("user_version", "application_id"):
            value = int(source.execute(f"PRAGMA main.{pragma}").fetchone()[0])
            source.execute(f"PRAGMA target.{pragma} = {value}")
    finally:
        source.execute("DETACH DATABASE target")


def _verify_copy(target: Path, key: str, expected: dict[str, int]) -> None:
    conn = _cipher_connect(target, key)
    try:
        ok = conn.execute("PRAGMA integrity_check(1)").fetchone()[0] == "ok"
        counts = _table_counts(conn)
    finally:
        conn.close()
    if not ok or counts != expected:
        raise StoreError("Den omdannede kopi bestod ikke kontrollen. Databasen er ikke ændret.")


def convert(path: str | os.PathLike[str], old_key: str | None, new_key: str | None) -> Converted:
    """Make the database at ``path`` encrypted (``new_key``) or plain (``new_key=None``).

    The database must not be open (in this or another program). A copy is written beside it
    with ``sqlcipher_export``, checked (``integrity_check`` and every table's row count), and
    renamed into place; the original is removed only then. Returns the unencrypted copies of
    the data that remain (earlier backups), which the user should be told about.
    """
    path = Path(path)
    if new_key is not None:
        check_new_passphrase(new_key)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.convert")
    backup._unlink_with_companions(tmp)
    try:
        holder = backup._holds_alone(path, old_key)  # nobody else may have it open
        holder.close()
        source = _cipher_connect(path, old_key or "")
        try:
            source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            expected = _table_counts(source)
            create_file(tmp)
            _export(source, tmp, new_key or "")
        except _store.ERRORS as exc:
            raise (known_error(exc, path, encrypted=old_key is not None) or exc) from exc
        finally:
            source.close()
        _verify_copy(tmp, new_key or "", expected)
        seal = _cipher_connect(tmp, new_key or "")
        try:
            seal.execute("PRAGMA journal_mode = WAL")
        finally:
            seal.close()
        os.chmod(tmp, FILE_MODE)
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{path}{suffix}").unlink()
        os.replace(tmp, path)
        backup._fsync_dir(path.parent)
    except OSError as exc:
        raise os_error(exc, path) from exc
    finally:
        backup._unlink_with_companions(tmp)
    log.info("converted %s to %s", path, "encrypted" if new_key else "plain")
    return Converted(path, new_key is not None, plain_copies(path))


def plain_copies(path: Path) -> list[Path]:
    """This database's backups that are not encrypted."""
    return [b.path for b in backup.list_backups(path) if not is_encrypted(b.path)]


def export_plain(store: Store, target: str | os.PathLike[str]) -> Path:
    """An unencrypted copy of the open database at ``target`` (for a colleague or a tool);
    verified before it gets its name, mode 0600."""
    target = Path(target)
    if target.exists():
        raise ValidationError("target", f"Filen «{target.name}» findes allerede.")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    backup._unlink_with_companions(tmp)
    try:
        source = _cipher_connect(store.path, store.key or "")
        try:
            expected = _table_counts(source)
            create_file(tmp)
            _export(source, tmp, "")
        finally:
            source.close()
        _verify_copy(tmp, "", expected)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, target)
    except OSError as exc:
        raise os_error(exc, target) from exc
    finally:
        backup._unlink_with_companions(tmp)
    return target


def change_passphrase(store: Store, new_key: str) -> None:
    """Re-encrypt the open database under ``new_key`` (``PRAGMA rekey``), then back it up
    under the new passphrase. Earlier backups keep the passphrase they were made with."""
    if store.key is None:
        raise ValidationError("passphrase", "Databasen er ikke krypteret. Kryptér den først.")
    check_new_passphrase(new_key)
    try:
        store.conn.execute(f"PRAGMA rekey = {_store._quote(new_key)}")
    except _store.ERRORS as exc:
        raise (known_error(exc, store.path, encrypted=True) or exc) from exc
    store.key = new_key
    backup.make_backup(store, "ny-adgangsfrase")


__all__ = [
    "Converted",
    "change_passphrase",
    "check_new_passphrase",
    "convert",
    "export_plain",
    "is_encrypted",
    "plain_copies",
]
