"""The one door to SQLite (docs/architecture.md, "The store").

``open_store`` inspects a file read-only before touching it, refuses what is not ours, too new,
damaged, locked or read-only without modifying it, backs an existing file up before migrating
it, and hands back a ``Store``. Writes go through ``Store.write()``: ``BEGIN IMMEDIATE`` …
``COMMIT``, so two processes on one file wait for each other instead of failing half-way.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from trappe.model import schema
from trappe.model.entities import Actor
from trappe.model.errors import (
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseReadOnly,
    DatabaseTooNew,
    NotATrappeDatabase,
    StoreError,
)

log = logging.getLogger("trappe.store")

SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_TIMEOUT = 5.0


def _connect(path: Path, *, read_only: bool, timeout: float) -> sqlite3.Connection:
    """The only place a connection is made (encryption at rest will be added here)."""
    if read_only:
        uri = path.resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    else:
        conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def translate_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """Turn SQLite's English error into a typed error with a Danish message."""
    text = str(exc).lower()
    name = path.name
    if "locked" in text or "busy" in text:
        return DatabaseLocked(
            f"Databasen «{name}» er låst af et andet program eller en anden Trappe. "
            "Luk det andet program, og prøv igen."
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseReadOnly(
            f"Databasen «{name}» kan kun læses, ikke gemmes i. Tjek filens rettigheder."
        )
    if "not a database" in text or "file is encrypted" in text:
        return NotATrappeDatabase(f"Filen «{name}» er ikke en Trappe-database.")
    if "malformed" in text or "corrupt" in text:
        return DatabaseDamaged(
            f"Databasen «{name}» er beskadiget. Brug en sikkerhedskopi, eller kontakt IT."
        )
    if "disk is full" in text or "database or disk is full" in text:
        return StoreError("Disken er fuld. Intet er gemt. Frigør plads, og prøv igen.")
    if "unable to open" in text:
        return StoreError(f"Databasen «{name}» kan ikke åbnes. Tjek sti og rettigheder.")
    if "disk i/o" in text:
        return StoreError(f"Der opstod en fejl ved læsning eller skrivning af «{name}».")
    return StoreError(f"Databasefejl i «{name}»: {exc}")


class Store:
    """An open Trappe database and the person using it."""

    def __init__(self, conn: sqlite3.Connection, path: Path, actor: Actor) -> None:
        self.conn = conn
        self.path = path
        self.actor = actor
        self.db = Database(conn, execute_plugins=False)

    # -- reading -----------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "no such" in str(exc):
                raise
            raise translate_error(exc, self.path) from exc

    def query_one(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
    ) -> sqlite3.Row | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.query_one(sql, params)
        return row[0] if row else None

    # -- writing -----------------------------------------------------------------------
    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: everything inside is saved together or not at all.

        Nested ``write()`` blocks become savepoints of the outer transaction.
        """
        if self.conn.in_transaction:
            with self.db.atomic():
                yield self.conn
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise translate_error(exc, self.path) from exc
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise translate_error(exc, self.path) from exc

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        """Run one statement; must be inside ``write()``."""
        assert self.conn.in_transaction, "writes must happen inside Store.write()"
        try:
            return self.conn.execute(sql, params)
        except sqlite3.IntegrityError:
            raise
        except sqlite3.DatabaseError as exc:
            raise translate_error(exc, self.path) from exc

    def audit(
        self,
        action: str,
        object_type: str,
        object_id: int | None,
        details: dict[str, Any] | None = None,
    ) -> None:
        """Log who did what to which object, inside the current write (hash-chained)."""
        from trappe.model.audit import append

        append(self, action, object_type, object_id, details)

    def reader(self) -> Store:
        """A second, read-only connection to the same file, made in (and for) the calling
        thread: long measures run on it off the GUI thread (WAL lets it read while the
        window writes). ``conn.interrupt()`` from another thread cancels its query."""
        try:
            conn = _connect(self.path, read_only=True, timeout=DEFAULT_TIMEOUT)
            conn.execute(f"PRAGMA busy_timeout = {int(DEFAULT_TIMEOUT * 1000)}")
        except sqlite3.Error as exc:
            raise translate_error(exc, self.path) from exc
        return Store(conn, self.path, self.actor)

    # -- lifecycle ---------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def integrity_ok(self) -> bool:
        return self.scalar("PRAGMA integrity_check") == "ok"

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_store(
    path: str | os.PathLike[str],
    actor: Actor,
    *,
    seed: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    scratch: bool = False,
) -> Store:
    """Open (or create) the Trappe database at ``path``.

    ``seed`` loads the default staircase and target groups into a *new* database.
    ``scratch`` turns journaling and fsync off: only for building a brand-new file under a
    temporary name that is renamed into place when complete (``trappe demo``); a crash then
    leaves only the temporary file behind. The file is in WAL mode once reopened normally.
    Raises a ``StoreError`` subclass, with the file untouched, when it cannot be used.
    """
    path = Path(path)
    is_new = _inspect_existing(path, timeout) if path.exists() else True
    if is_new:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Mappen «{path.parent}» kan ikke oprettes: {exc.strerror}.") from exc
    try:
        conn = _connect(path, read_only=False, timeout=timeout)
    except sqlite3.Error as exc:
        raise translate_error(exc, path) from exc
    try:
        _set_pragmas(conn, timeout, scratch=scratch and is_new)
        store = Store(conn, path, actor)
        _migrate(store, backup=not is_new)
        if is_new and seed:
            from trappe.model.staircase import install_defaults

            install_defaults(store)
    except sqlite3.Error as exc:
        conn.close()
        raise translate_error(exc, path) from exc
    except BaseException:
        conn.close()
        raise
    return store


def _set_pragmas(conn: sqlite3.Connection, timeout: float, *, scratch: bool = False) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    if scratch:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        return
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        log.warning("journal_mode is %s, not WAL", mode)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def _inspect_existing(path: Path, timeout: float) -> bool:
    """Check an existing file without changing it; return True if it is empty (a new store)."""
    name = path.name
    if not path.is_file():
        raise NotATrappeDatabase(f"«{name}» er ikke en fil.")
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise DatabaseReadOnly(f"Trappe har ikke adgang til at læse «{name}».") from exc
    if not header:
        _require_writable(path)
        return True
    if header != SQLITE_HEADER:
        raise NotATrappeDatabase(
            f"Filen «{name}» er ikke en Trappe-database (eller den er beskadiget). "
            "Filen er ikke ændret."
        )
    try:
        conn = _connect(path, read_only=True, timeout=min(timeout, 2.0))
    except sqlite3.Error as exc:
        raise translate_error(exc, path) from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables and app_id == 0:
            _require_writable(path)
            return True
        if app_id != schema.APPLICATION_ID:
            raise NotATrappeDatabase(
                f"Filen «{name}» er en SQLite-database, men ikke en Trappe-database. "
                "Filen er ikke ændret."
            )
        applied = set()
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
        if not _looks_intact(conn, path):
            raise DatabaseDamaged(
                f"Databasen «{name}» er beskadiget. Brug en sikkerhedskopi, eller kontakt IT. "
                "Filen er ikke ændret."
            )
        # A reader that cannot get a shared lock within the timeout means someone holds it.
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        raise translate_error(exc, path) from exc
    finally:
        conn.close()
    _require_writable(path)
    return False


FULL_CHECK_LIMIT = 64 * 1024 * 1024
SMALL_TABLES = ("_sqlite_migrations", "settings", "phases", "steps", "target_groups", "staff")


def _looks_intact(conn: sqlite3.Connection, path: Path) -> bool:
    """``quick_check`` the whole file when it is small (a caseload of thousands is a few MB);
    on a huge file check the small tables that opening relies on, since a full check takes
    seconds there. Damage elsewhere surfaces as ``DatabaseDamaged`` on first read."""
    if path.stat().st_size <= FULL_CHECK_LIMIT:
        return conn.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok"
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return all(
        conn.execute(f'PRAGMA quick_check("{t}")').fetchone()[0] == "ok"
        for t in SMALL_TABLES
        if t in present
    )


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


def backup_to(store: Store, target: Path) -> Path:
    """Copy the whole database with SQLite's backup API (consistent even while in use)."""
    dest = sqlite3.connect(str(target))
    try:
        store.conn.backup(dest)
    finally:
        dest.close()
    return target


def _migrate(store: Store, *, backup: bool) -> None:
    pending = schema.migrations.pending(store.db)
    if not pending:
        return
    if backup:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        suffix = store.path.suffix or ".sqlite"
        target = store.path.with_name(
            f"{store.path.stem}.backup-v{store.schema_version}-{stamp}{suffix}"
        )
        backup_to(store, target)
        log.info("backed up %s to %s before migrating", store.path, target)
    with store.write():
        store.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        schema.migrations.apply(store.db)
        store.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
