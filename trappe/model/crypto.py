"""Encryption at rest with SQLCipher: which files are encrypted, changing the passphrase, and
converting a database between plain and encrypted through a verified copy.

The key is derived from the passphrase by SQLCipher's own KDF (PBKDF2-HMAC-SHA512, 256,000
iterations, a random salt in the file's first 16 bytes), once per open: every connection is
keyed with the derived raw key (``trappe.model.cipher_key``). Only the raw key is kept, in
memory while the database is open (or, if the user asks, in the operating system's keyring);
the passphrase itself is not kept. Backups and migration copies are made with SQLite's backup
API into files keyed with the same raw key and salt, so they are encrypted too and open with
the same passphrase.

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

from trappe.model import cipher_key, connection
from trappe.model import store as _store
from trappe.model.cipher_key import CipherKey
from trappe.model.errors import StoreError, ValidationError
from trappe.model.opening import is_encrypted as is_encrypted  # (lives where opening is)
from trappe.model.store import (
    DEFAULT_TIMEOUT,
    FILE_MODE,
    Store,
    _key_value,
    create_file,
    known_error,
    os_error,
)

log = logging.getLogger("trappe.crypto")

MIN_PASSPHRASE = 8


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


def _cipher_connect(path: Path, key: CipherKey | str | None) -> Any:
    """A SQLCipher connection; no key (or ``""``) opens (or makes) a plain file through
    SQLCipher."""
    driver = connection._sqlcipher()  # (looked up here: tests wrap the driver)
    conn = driver.connect(str(path), timeout=DEFAULT_TIMEOUT, isolation_level=None)
    with contextlib.suppress(*_store.ERRORS):
        conn.execute("PRAGMA cipher_log_level = NONE")
    if key:
        conn.execute(f"PRAGMA key = {_key_value(key)}")
    return conn


def key_for_file(path: Path, passphrase: str) -> CipherKey:
    """The raw key of the encrypted file at ``path`` (its salt) from its passphrase, derived
    once, for work on the file and its backups without a store (``trappe restore``)."""
    key = _raw_key_of(path, passphrase)
    assert key is not None
    return key


def _raw_key_of(path: Path, key: CipherKey | str | None) -> CipherKey | None:
    """The raw key of the (closed) file at ``path``: derived from a passphrase with the
    file's salt, or a copy of the given raw key."""
    if not key:
        return None
    if isinstance(key, CipherKey):
        return key.copy()
    try:
        salt = _store.read_header(path)
    except OSError as exc:
        raise os_error(exc, path) from exc
    if len(salt) != cipher_key.SALT_BYTES:
        salt = cipher_key.new_salt()  # not SQLCipher's: refused when it is read
    return cipher_key.derive(key, salt)


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
    # The new file's raw key (open it with this: no second key derivation); the caller
    # owns it and wipes it when done. None for a plain result.
    key: CipherKey | None = None


def _export(source: Any, target: Path, target_key: CipherKey | None) -> None:
    """``sqlcipher_export`` the whole database (tables, indexes, FTS5 tables) into ``target``
    (encrypted with ``target_key`` and its salt, or plain)."""
    value = target_key.pragma() if target_key is not None else "''"
    source.execute(f"ATTACH DATABASE {_store._quote(str(target))} AS target KEY {value}")
    try:
        source.execute("SELECT sqlcipher_export('target')")
        for pragma in ("user_version", "application_id"):
            value = int(source.execute(f"PRAGMA main.{pragma}").fetchone()[0])
            source.execute(f"PRAGMA target.{pragma} = {value}")
    finally:
        source.execute("DETACH DATABASE target")


def _verify_copy(target: Path, key: CipherKey | None, expected: dict[str, int]) -> None:
    conn = _cipher_connect(target, key)
    try:
        ok = conn.execute("PRAGMA integrity_check(1)").fetchone()[0] == "ok"
        counts = _table_counts(conn)
    finally:
        conn.close()
    if not ok or counts != expected:
        raise StoreError("Den omdannede kopi bestod ikke kontrollen. Databasen er ikke ændret.")


def convert(
    path: str | os.PathLike[str],
    old_key: CipherKey | str | None,
    new_key: CipherKey | str | None,
) -> Converted:
    """Make the database at ``path`` encrypted (``new_key``) or plain (``new_key=None``).

    Keys are passphrases or raw keys (``CipherKey``); each passphrase is derived once. The
    database must not be open (in this or another program). A copy is written beside it
    with ``sqlcipher_export``, checked (``integrity_check`` and every table's row count), and
    renamed into place; the original is removed only then. Returns the unencrypted copies of
    the data that remain (earlier backups), which the user should be told about, and the new
    raw key.
    """
    path = Path(path)
    if isinstance(new_key, str):
        check_new_passphrase(new_key)
    old = _raw_key_of(path, old_key)
    new: CipherKey | None = None
    if isinstance(new_key, CipherKey):
        new = new_key.copy()
    elif new_key is not None:
        new = cipher_key.derive(new_key, cipher_key.new_salt())
    done = False
    try:
        _convert(path, old, new)
        done = True
    finally:
        if old is not None:
            old.wipe()
        if new is not None and not done:
            new.wipe()
    log.info("converted %s to %s", path, "encrypted" if new else "plain")
    return Converted(path, new is not None, plain_copies(path), new)


def _convert(path: Path, old_key: CipherKey | None, new_key: CipherKey | None) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.convert")
    from trappe.model import backup  # (here, not at the top: off the start path)

    backup._unlink_with_companions(tmp)
    try:
        holder = backup._holds_alone(path, old_key)  # nobody else may have it open
        holder.close()
        source = _cipher_connect(path, old_key)
        try:
            source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            expected = _table_counts(source)
            create_file(tmp)
            _export(source, tmp, new_key)
        except _store.ERRORS as exc:
            raise (known_error(exc, path, encrypted=old_key is not None) or exc) from exc
        finally:
            source.close()
        _verify_copy(tmp, new_key, expected)
        seal = _cipher_connect(tmp, new_key)
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


def plain_copies(path: Path) -> list[Path]:
    """This database's backups that are not encrypted."""
    from trappe.model import backup

    return [b.path for b in backup.list_backups(path) if not is_encrypted(b.path)]


def export_plain(store: Store, target: str | os.PathLike[str]) -> Path:
    """An unencrypted copy of the open database at ``target`` (for a colleague or a tool);
    verified before it gets its name, mode 0600."""
    target = Path(target)
    if target.exists():
        raise ValidationError("target", f"Filen «{target.name}» findes allerede.")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    from trappe.model import backup

    backup._unlink_with_companions(tmp)
    try:
        source = _cipher_connect(store.path, store.key)
        try:
            expected = _table_counts(source)
            create_file(tmp)
            _export(source, tmp, None)
        finally:
            source.close()
        _verify_copy(tmp, None, expected)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, target)
    except OSError as exc:
        raise os_error(exc, target) from exc
    finally:
        backup._unlink_with_companions(tmp)
    return target


def change_passphrase(store: Store, new_key: str) -> None:
    """Re-encrypt the open database under ``new_key`` (``PRAGMA rekey``), then back it up
    under the new passphrase. Earlier backups keep the passphrase they were made with.

    The file keeps its salt; the new raw key (derived once) replaces the store's, and the
    old one is wiped, so no later connection can use it. Copies held elsewhere (a keyring
    entry, a worker's) no longer open the file: the GUI updates or forgets the keyring's."""
    if store.key is None:
        raise ValidationError("passphrase", "Databasen er ikke krypteret. Kryptér den først.")
    check_new_passphrase(new_key)
    fresh = cipher_key.derive(new_key, store.key.salt)
    try:
        store.conn.execute(f"PRAGMA rekey = {fresh.pragma(with_salt=False)}")
    except _store.ERRORS as exc:
        fresh.wipe()
        raise (known_error(exc, store.path, encrypted=True) or exc) from exc
    old, store.key = store.key, fresh
    old.wipe()
    from trappe.model import backup

    backup.make_backup(store, "ny-adgangsfrase")


__all__ = [
    "Converted",
    "change_passphrase",
    "check_new_passphrase",
    "convert",
    "export_plain",
    "is_encrypted",
    "key_for_file",
    "plain_copies",
]
