"""The one door to SQLite (docs/architecture.md, "The store").

``open_store`` inspects a file before touching it, refuses what is not ours, too new,
damaged, locked or read-only without modifying it, backs an existing file up (verified,
``trappe.model.backup``) before migrating it, and hands back a ``Store``. Writes go through
``Store.write()``: ``BEGIN IMMEDIATE`` … ``COMMIT``, so two processes on one file wait for
each other instead of failing half-way.

Lock safety. On POSIX, closing *any* descriptor of a file drops every lock the process holds
on it (SQLite's "How To Corrupt", §2.2). Nothing in Trappe may open the database files while
a store is open (file dialogs: ``trappe.ui.file_dialogs``; the header read here is skipped for
a file this process already has open). In case something does anyway, each write first checks
that the database, ``-wal`` and ``-shm`` on disk are still the files the connection has open
(``_Footing``); if another program deleted or replaced them, the write is refused with
``FootingLost`` and the store reopens without checkpointing its stale WAL into the file.

Errors are classified by SQLite's result code (``sqlite_errorcode``), for ``sqlite3`` and
``sqlcipher3`` alike: the environment's failures become ``StoreError`` subclasses with a
Danish message (never echoing file contents); anything else is a bug and propagates.

The parts, each in its own module (their names stay importable from here):
``connection`` (drivers, keys, pragmas), ``sqlite_errors`` (Danish errors), ``lock_safety``
(open files, footing) and ``opening`` (inspecting, creating and migrating the file).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trappe.model import connection
from trappe.model.cipher_key import CipherKey
from trappe.model.connection import (
    CACHE_KIB,
    DEFAULT_TIMEOUT,
    JOURNAL_SIZE_LIMIT,
    SQLITE_HEADER,
    _connect,
    _key_value,
    _quote,
    _set_pragmas,
    _sqlcipher,
)
from trappe.model.entities import Actor
from trappe.model.errors import DatabaseMissing, FootingLost, StoreError
from trappe.model.lock_safety import (
    _OPEN_FILES,
    _file_id,
    _Footing,
    _register,
    _shared_lock_held_elsewhere,
    _unregister,
    read_header,
)
from trappe.model.opening import (
    DIR_MODE,
    FILE_MODE,
    SCHEMA_FINGERPRINT,
    _inspect_file,
    _inspect_schema,
    _migrate,
    _raw_key,
    check_small_tables,
    create_file,
    schema_fingerprint,
)
from trappe.model.sqlite_errors import (
    _bad_value,
    error_code,
    known_error,
    os_error,
    translate_error,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger("trappe.store")


def __getattr__(name: str) -> Any:
    """``store.ERRORS``: the drivers' exception bases as they are now (``connection.ERRORS``
    grows when SQLCipher is first used, so it is not copied here)."""
    if name == "ERRORS":
        return connection.ERRORS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Store:
    """An open Trappe database and the person using it."""

    def __init__(
        self,
        conn: Any,
        path: Path,
        actor: Actor,
        *,
        key: CipherKey | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        header: bytes = b"",
    ) -> None:
        self.conn = conn
        self.path = path
        self.actor = actor
        self.key = key  # the raw key (this store's own copy: wiped on close), None if plain
        self.timeout = timeout
        self._header = header
        self._footing: _Footing | None = None
        self._file_id = _file_id(path)
        self.check_pending = False  # the small tables' check, left for later (``verify``)
        _register(path, header)

    @functools.cached_property
    def db(self) -> Database:
        """sqlite-utils' view of the connection (migrations, savepoints): made, and
        sqlite-utils imported, when first needed, not on every start."""
        from sqlite_utils import Database

        return Database(self.conn, execute_plugins=False)

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    def _error(self, exc: BaseException) -> BaseException:
        return translate_error(exc, self.path, encrypted=self.encrypted)

    # -- reading -----------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except connection.ERRORS as exc:
            raise self._error(exc) from exc
        except (OverflowError, UnicodeError) as exc:
            raise _bad_value(exc, self.path) from exc

    def tuples(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        """``query`` with plain tuples for rows: cheaper to make and to read for the queries
        that read tens of thousands of rows only to count or sort them (measures, the
        caseload's pages)."""
        cursor = self.conn.cursor()
        cursor.row_factory = None
        try:
            return cursor.execute(sql, params).fetchall()
        except connection.ERRORS as exc:
            raise self._error(exc) from exc
        except (OverflowError, UnicodeError) as exc:
            raise _bad_value(exc, self.path) from exc

    def query_one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.query_one(sql, params)
        return row[0] if row else None

    # -- writing -----------------------------------------------------------------------
    @contextlib.contextmanager
    def write(self) -> Iterator[Any]:
        """One transaction: everything inside is saved together or not at all.

        Nested ``write()`` blocks become savepoints of the outer transaction.
        """
        if self.conn.in_transaction:
            with self.db.atomic():
                yield self.conn
            return
        self.verify()  # nothing is written to a file whose check is still pending
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except connection.ERRORS as exc:
            raise self._error(exc) from exc
        self._check_footing()
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                with contextlib.suppress(*connection.ERRORS):
                    self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except connection.ERRORS as exc:
            if self.conn.in_transaction:
                with contextlib.suppress(*connection.ERRORS):
                    self.conn.execute("ROLLBACK")
            raise self._error(exc) from exc

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        """Run one statement; must be inside ``write()``."""
        assert self.conn.in_transaction, "writes must happen inside Store.write()"
        try:
            return self.conn.execute(sql, params)
        except connection.ERRORS as exc:
            raise self._error(exc) from exc
        except (OverflowError, UnicodeError) as exc:
            raise _bad_value(exc, self.path) from exc

    def audit(
        self,
        action: str,
        object_type: str,
        object_id: int | None,
        details: dict[str, Any] | None = None,
    ) -> None:
        """Log who did what to which object, inside the current write (hash-chained)."""
        global _append
        if _append is None:  # (imported once, when first needed: ``audit`` imports this module)
            from trappe.model.audit_chain import append as _append
        _append(self, action, object_type, object_id, details)

    def verify(self) -> None:
        """Run the check ``open_store(check_later=True)`` left for later, once: the small
        tables' ``quick_check`` (reads only). ``DatabaseDamaged`` if it fails; every later
        ``write`` then fails the same way, so nothing is ever written to the damaged file."""
        if not self.check_pending:
            return
        try:
            check_small_tables(self.conn, self.path)
        except connection.ERRORS as exc:
            raise self._error(exc) from exc
        self.check_pending = False

    # -- footing -----------------------------------------------------------------------
    def _take_footing(self) -> None:
        self._footing = _Footing.take(self.path)
        if self._footing.ids.get("-wal") is None:
            self._footing = None  # not in WAL mode (a scratch build): nothing to lose

    def _check_footing(self) -> None:
        """Inside ``BEGIN IMMEDIATE``: refuse to write into files nobody else can see."""
        if self._footing is None:
            return
        lost = self._footing.lost()
        if not lost:
            return
        log.error(
            "lost footing on %s: %s deleted or replaced by another program; reopening",
            self.path,
            ", ".join(self.path.name + s for s in lost),
        )
        with contextlib.suppress(*connection.ERRORS):
            self.conn.execute("ROLLBACK")
        self.reopen()
        raise FootingLost(
            f"Databasefilerne for «{self.path.name}» er blevet slettet eller udskiftet af et "
            "andet program, mens Trappe havde dem åbne. For ikke at miste noget er dette ikke "
            "gemt, og Trappe har åbnet databasen igen. Tjek, at det hele ser rigtigt ud, og "
            "gem igen."
        )

    def _close_connection(self) -> None:
        """Close without ever checkpointing a WAL that is no longer the one on disk."""
        lost = self._footing.lost() if self._footing is not None else []
        try:
            if lost and os.path.exists(self.path):
                with _shared_lock_held_elsewhere(self.path):
                    self.conn.close()
            else:
                self.conn.close()
        except (*connection.ERRORS, OSError) as exc:
            log.warning("closing %s: %s", self.path, exc)

    def reopen(self) -> None:
        """Close the connection safely and open a fresh one on the file now at ``path``."""
        self._close_connection()
        _unregister(self._file_id)
        fresh = open_store(self.path, self.actor, key=self.key, timeout=self.timeout, create=False)
        # Take over the fresh store's connection; this object stays the one everybody holds.
        self.conn, self._footing = fresh.conn, fresh._footing
        self.check_pending = False  # (the fresh store was checked as it opened)
        self.__dict__.pop("db", None)  # made again for the new connection when needed
        self._file_id, self._header = fresh._file_id, fresh._header
        fresh.conn = None  # type: ignore[assignment]
        fresh._file_id = None
        if fresh.key is not None:
            fresh.key.wipe()  # its copy of our key

    def reader(self) -> Store:
        """A second, read-only connection to the same file, made in (and for) the calling
        thread: long measures run on it off the GUI thread (WAL lets it read while the
        window writes). ``conn.interrupt()`` from another thread cancels its query."""
        own = self.key.copy() if self.key is not None else None  # the reader's own copy
        if own is not None and own.wiped:  # this store closed meanwhile (another thread)
            raise StoreError(f"Databasen «{self.path.name}» er lukket.")
        try:
            conn = _connect(self.path, timeout=DEFAULT_TIMEOUT, key=own, read_only=True)
            conn.execute(f"PRAGMA busy_timeout = {int(DEFAULT_TIMEOUT * 1000)}")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        except connection.ERRORS as exc:
            if own is not None:
                own.wipe()
            raise self._error(exc) from exc
        return Store(conn, self.path, self.actor, key=own, header=self._header)

    # -- lifecycle ---------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def limit_page_cache(self, kib: int) -> None:
        """Keep at most ``kib`` KiB of decoded pages on this connection (instead of the
        window's ``CACHE_KIB``): for a connection that reads each row once, e.g. a worker
        drawing sheets, whose memory then stays flat over a long batch."""
        self.conn.execute(f"PRAGMA cache_size = -{int(kib)}")

    def checkpoint(self) -> None:
        """Copy the WAL into the file and truncate it (after an erasure: no copy left there)."""
        self.query("PRAGMA wal_checkpoint(TRUNCATE)")

    def integrity_ok(self) -> bool:
        return self.scalar("PRAGMA integrity_check") == "ok"

    def close(self) -> None:
        if self.conn is None:
            return
        self._close_connection()
        self.conn = None  # type: ignore[assignment]
        _unregister(self._file_id)
        self._file_id = None
        if self.key is not None:
            self.key.wipe()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_append: Any = None  # ``audit_chain.append``, once ``Store.audit`` first needs it


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def open_store(
    path: str | os.PathLike[str],
    actor: Actor,
    *,
    seed: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    scratch: bool = False,
    create: bool = True,
    key: CipherKey | str | None = None,
    migrate: bool = True,
    check_later: bool = False,
) -> Store:
    """Open (or, with ``create``, create) the Trappe database at ``path``.

    ``seed`` loads the default staircase and target groups into a *new* database.
    ``scratch`` turns journaling and fsync off: only for building a brand-new file under a
    temporary name that is renamed into place when complete (``trappe demo``); a crash then
    leaves only the temporary file behind. The file is in WAL mode once reopened normally.
    ``key``: the passphrase of an encrypted (SQLCipher) database, or its raw key (a
    ``CipherKey``, e.g. another store's ``key``); a new one is encrypted. A passphrase is
    turned into the raw key here, once (``cipher_key.derive``); the store keeps its own copy
    of the raw key (``Store.key``) for every later connection and wipes it when it closes.
    ``check_later`` leaves the small tables' ``quick_check`` out of the opening (the window's
    start, which shows the list first): ``Store.verify`` runs it, and ``Store.write`` before
    anything is written (a migration runs it at once).
    Raises a ``StoreError`` subclass, with the file untouched, when it cannot be used.
    """
    path = Path(path)
    if not str(path) or str(path) == ".":
        raise DatabaseMissing("Der er ikke angivet nogen databasefil.")
    try:
        exists = path.exists()
    except OSError as exc:
        raise os_error(exc, path) from exc
    if not exists:
        if not create:
            raise DatabaseMissing(
                f"Databasen «{path}» findes ikke. Tjek stien (opret en ny med «Ny database» "
                "eller trappe demo)."
            )
        create_file(path)
    header = _inspect_file(path, key)
    is_new = header == b""
    raw = _raw_key(key, header)
    if is_new:  # what the header will be (remembered while open; see read_header)
        header = SQLITE_HEADER if raw is None else raw.salt
    try:
        conn = _connect(path, timeout=timeout, key=raw)
    except connection.ERRORS as exc:
        if raw is not None:
            raw.wipe()
        raise translate_error(exc, path, encrypted=key is not None) from exc
    except UnicodeDecodeError as exc:
        if raw is not None:
            raw.wipe()
        raise _bad_value(exc, path) from exc
    store: Store | None = None
    try:
        if check_later and not is_new:
            # Switching a file to WAL writes its header: only a file already in WAL (every
            # Trappe file once opened) may leave its check for later.
            check_later = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"
        if not is_new:
            _inspect_schema(conn, path, check_tables=not check_later)
        _set_pragmas(conn, timeout, scratch=scratch and is_new)
        store = Store(conn, path, actor, key=raw, timeout=timeout, header=header)
        store.check_pending = check_later and not is_new
        if migrate:
            _migrate(store, backup=not is_new)
        store._take_footing()
        if is_new and seed:
            from trappe.model.staircase import install_defaults

            install_defaults(store)
    except BaseException as exc:
        if store is not None:
            store.close()
        else:
            conn.close()
            if raw is not None:
                raw.wipe()
        if isinstance(exc, connection.ERRORS):
            raise translate_error(exc, path, encrypted=key is not None) from exc
        if isinstance(exc, UnicodeDecodeError):  # SQLite quoting damaged bytes
            raise _bad_value(exc, path) from exc
        raise
    return store


# What callers import from here (the store's parts live in the modules named at the top).
__all__ = [
    "CACHE_KIB",
    "DEFAULT_TIMEOUT",
    "DIR_MODE",
    "FILE_MODE",
    "JOURNAL_SIZE_LIMIT",
    "SCHEMA_FINGERPRINT",
    "SQLITE_HEADER",
    "_OPEN_FILES",
    "Store",
    "_connect",
    "_file_id",
    "_key_value",
    "_quote",
    "_sqlcipher",
    "create_file",
    "error_code",
    "known_error",
    "now_iso",
    "open_store",
    "os_error",
    "read_header",
    "schema_fingerprint",
    "translate_error",
]
