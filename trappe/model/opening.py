"""The checks and steps of ``open_store`` around its connection: the file inspected without
changing it (ours, not too new, not damaged, writable), the raw key, and the migration after a
verified backup; also the files Trappe creates (mode 0600, folders 0700).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trappe.model import cipher_key, schema
from trappe.model.cipher_key import CipherKey
from trappe.model.connection import SQLITE_HEADER
from trappe.model.errors import (
    DatabaseDamaged,
    DatabaseReadOnly,
    DatabaseTooNew,
    NotATrappeDatabase,
    PassphraseNeeded,
    WrongPassphrase,
)
from trappe.model.lock_safety import read_header
from trappe.model.sqlite_errors import os_error

if TYPE_CHECKING:
    from trappe.model.store import Store

FILE_MODE = 0o600  # databases, backups and exports: only the user
DIR_MODE = 0o700


def create_file(path: Path) -> None:
    """An empty file with mode 0600 (its -wal and -shm inherit the mode); folder 0700."""
    try:
        if not path.parent.exists():
            path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
        os.close(fd)
    except FileExistsError:
        return
    except OSError as exc:
        raise os_error(exc, path) from exc


def is_encrypted(path: str | os.PathLike[str]) -> bool:
    """True if ``path`` is a non-empty file that is not plain SQLite (so SQLCipher's)."""
    p = Path(path)
    try:
        if not p.is_file() or p.stat().st_size == 0:
            return False
        return read_header(p) != SQLITE_HEADER
    except OSError:
        return False


def _raw_key(key: CipherKey | str | None, header: bytes) -> CipherKey | None:
    """The raw key to open a file with ``header`` (its salt; b"" for a new file): a copy of
    a given one, or derived from a passphrase (the one key derivation of this open)."""
    if key is None:
        return None
    if isinstance(key, CipherKey):
        return key.copy()
    salt = header if len(header) == cipher_key.SALT_BYTES else cipher_key.new_salt()
    return cipher_key.derive(key, salt)


def _inspect_file(path: Path, key: CipherKey | str | None) -> bytes:
    """Check the file without SQLite and without changing it; its header (b"" when empty)."""
    name = path.name
    try:
        if not path.is_file():
            raise NotATrappeDatabase(f"«{name}» er ikke en fil.")
        header = read_header(path)
    except PermissionError as exc:
        raise DatabaseReadOnly(f"Trappe har ikke adgang til at læse «{name}».") from exc
    except OSError as exc:
        raise os_error(exc, path) from exc
    if header and header != SQLITE_HEADER and key is None:
        raise PassphraseNeeded(
            f"Filen «{name}» er krypteret (eller ikke en Trappe-database). Angiv "
            "adgangsfrasen for at åbne den. Filen er ikke ændret."
        )
    if header == SQLITE_HEADER and key is not None:
        raise WrongPassphrase(
            f"«{name}» er ikke krypteret. Åbn den uden adgangsfrase. Filen er ikke ændret."
        )
    # Checked before SQLite opens it: a read-only file would get a read-only -shm beside it
    # that keeps it refused even after the user fixes its permissions.
    _require_writable(path)
    return header


SMALL_TABLES = ("_sqlite_migrations", "settings", "phases", "steps", "target_groups", "staff")


def _inspect_schema(conn: Any, path: Path, *, check_tables: bool = True) -> None:
    """Ours, not too new, the schema's text as the last migration left it, and (with
    ``check_tables``) the small tables that opening relies on intact.

    The whole-file ``integrity_check`` (which also notices a damaged index) is too slow for
    every start on a big file; it runs on every verified backup instead (``backup.py``),
    which is made on start, so damage is found within minutes and the user is told. The
    window's start leaves the small tables' check (``check_small_tables``) until just after
    its first paint: ``Store.write`` runs it before the first write (``Store.verify``).
    """
    name = path.name
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    # The schema's text read whole: a damaged byte in it (not UTF-8) is DatabaseDamaged here,
    # not a "no such column" from the first query that names the damaged column.
    schema_rows = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    tables = {r[1] for r in schema_rows if r[0] == "table"}
    if not tables and app_id == 0:
        return  # an empty SQLite file: becomes a new Trappe database
    if app_id != schema.APPLICATION_ID:
        raise NotATrappeDatabase(
            f"Filen «{name}» er en SQLite-database, men ikke en Trappe-database. "
            "Filen er ikke ændret."
        )
    applied: set[str] = set()
    if "_sqlite_migrations" in tables:
        applied = {
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                (schema.MIGRATION_SET,),
            )
        }
    if version > schema.SCHEMA_VERSION or applied - schema.KNOWN_MIGRATIONS:
        raise DatabaseTooNew(
            f"Databasen «{name}» er lavet af en nyere version af Trappe. "
            "Opdatér Trappe for at åbne den. Filen er ikke ændret."
        )
    if check_tables:
        check_small_tables(conn, path, tables)
    # A damaged byte in the schema's text that leaves it valid SQL ("title" → "titlb") passes
    # every page check; the fingerprint the last migration run left tells it.
    if "settings" in tables:
        row = conn.execute(
            "SELECT value FROM settings WHERE key = ?", (SCHEMA_FINGERPRINT,)
        ).fetchone()
        if row is not None and row[0] != schema_fingerprint(schema_rows):
            raise _damaged(path)


def _damaged(path: Path) -> DatabaseDamaged:
    return DatabaseDamaged(
        f"Databasen «{path.name}» er beskadiget. Brug en sikkerhedskopi, eller kontakt "
        "IT. Filen er ikke ændret."
    )


def check_small_tables(conn: Any, path: Path, tables: set[str] | None = None) -> None:
    """``quick_check`` of the small tables that opening relies on (and their indexes);
    ``DatabaseDamaged`` if one is damaged. Reads only: the file is not changed."""
    if tables is None:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in SMALL_TABLES:
        if table in tables:
            result = conn.execute(f'PRAGMA quick_check("{table}")').fetchone()[0]
            if result != "ok":
                raise _damaged(path)


SCHEMA_FINGERPRINT = "schema_fingerprint"


def schema_fingerprint(rows: Sequence[Any]) -> str:
    """A hash of the schema's text (``sqlite_master``: type, name, sql), SQLite's own
    tables (``sqlite_stat1`` from ANALYZE, …) left out: only migrations change the rest."""
    mine = sorted((r[0], r[1], r[2] or "") for r in rows if not str(r[1]).startswith("sqlite_"))
    text = "\x00".join("\x01".join(r) for r in mine)
    return _sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _sha256(data: bytes) -> Any:
    """SHA-256 from Python's own small module where it has one (``hashlib`` loads OpenSSL,
    a few milliseconds on every start for this one digest); the same digest either way."""
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # Python 3.12 and later
        except ImportError:
            from hashlib import sha256
    return sha256(data)


def _require_writable(path: Path) -> None:
    mode = path.stat().st_mode
    if not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise DatabaseReadOnly(
            f"Databasen «{path.name}» er skrivebeskyttet. Trappe kan ikke gemme i den. "
            "Filen er ikke ændret."
        )
    if not os.access(path.parent, os.W_OK):
        raise DatabaseReadOnly(
            f"Trappe kan ikke skrive i mappen «{path.parent}», hvor databasen ligger."
        )


def _migrate(store: Store, *, backup: bool) -> None:
    if not schema.migrations.has_pending(store.conn):
        return  # (sqlite-utils not imported: the start path of an up-to-date file)
    store.verify()  # (a deferred check: before the backup and the migration's writes)
    if backup:
        from trappe.model import backup as backups

        backups.before(store, f"migration-v{store.schema_version}")
    with store.write():
        store.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        schema.migrations.apply(store.db)
        store.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
        rows = store.conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
        store.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (SCHEMA_FINGERPRINT, schema_fingerprint(rows)),
        )
