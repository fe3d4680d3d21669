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
"""

from __future__ import annotations

import contextlib
import errno
import functools
import logging
import os
import sqlite3
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trappe.model import cipher_key, schema
from trappe.model.cipher_key import CipherKey
from trappe.model.entities import Actor
from trappe.model.errors import (
    DatabaseDamaged,
    DatabaseIOError,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseReadOnly,
    DatabaseTooNew,
    DiskFull,
    FootingLost,
    NotATrappeDatabase,
    PassphraseNeeded,
    StoreError,
    TrappeError,
    ValidationError,
    WrongPassphrase,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger("trappe.store")

SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_TIMEOUT = 5.0
JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024
CACHE_KIB = 64 * 1024  # the WAL is truncated back to this after a checkpoint
FILE_MODE = 0o600  # databases, backups and exports: only the user
DIR_MODE = 0o700

# Both drivers' exception bases; sqlcipher3's is added when it is first imported.
ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error,)

# SQLite's primary result codes (sqlite3.h).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY = 3, 5, 6, 7, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26
SQLITE_AUTH, SQLITE_NOLFS, SQLITE_PROTOCOL = 23, 22, 15


def _sqlcipher() -> Any:
    global ERRORS
    import sqlcipher3

    if sqlcipher3.dbapi2.Error not in ERRORS:
        ERRORS = (sqlite3.Error, sqlcipher3.dbapi2.Error)
    return sqlcipher3


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _connect(
    path: Path,
    *,
    timeout: float,
    key: CipherKey | str | None = None,
    read_only: bool = False,
) -> Any:
    """The only place a connection is made: plain ``sqlite3``, or SQLCipher with ``key``.

    ``key`` is the database's raw key (``CipherKey``: no key derivation, see
    ``cipher_key``); Trappe's own code always passes one. A passphrase (``str``) makes
    SQLCipher derive the key itself, 0.3–1 s per connection: only for tools and tests.
    ``read_only`` (a second connection for long reads beside the window's) opens with
    ``mode=ro``; SQLite itself then refuses any write on it.
    """
    target, uri = str(path), False
    if read_only:
        target, uri = Path(path).resolve().as_uri() + "?mode=ro", True
    if key is None:
        conn = sqlite3.connect(target, timeout=timeout, isolation_level=None, uri=uri)
        conn.row_factory = sqlite3.Row
        return conn
    driver = _sqlcipher()
    conn = driver.connect(target, timeout=timeout, isolation_level=None, uri=uri)
    conn.row_factory = driver.Row
    try:
        # A wrong key makes SQLCipher log "ERROR CORE …" lines on stderr; Trappe says it itself.
        with contextlib.suppress(*ERRORS):
            conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {_key_value(key)}")
    except BaseException:
        conn.close()
        raise
    return conn


def _key_value(key: CipherKey | str) -> str:
    if isinstance(key, CipherKey):
        return key.pragma()
    return _quote(key)  # SQLCipher's own KDF runs on this connection


def error_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def known_error(exc: BaseException, path: Path, *, encrypted: bool = False) -> StoreError | None:
    """The Danish ``StoreError`` for an error the environment causes, or None for a bug.

    Classified by SQLite's result code, never by the English text (which may quote damaged
    bytes from the file).
    """
    code = error_code(exc)
    name = path.name
    if code is None and type(exc).__name__ == "OperationalError":
        # Raised by the Python driver itself, not by SQLite: text in the file that is not
        # UTF-8 ("could not decode"), i.e. a damaged row.
        return DatabaseDamaged(
            f"Databasen «{name}» er beskadiget. Brug en sikkerhedskopi, eller kontakt IT."
        )
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseLocked(
            f"Databasen «{name}» er låst af et andet program eller en anden Trappe. "
            "Luk det andet program, og prøv igen."
        )
    if code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_AUTH):
        return DatabaseReadOnly(
            f"Databasen «{name}» kan kun læses, ikke gemmes i. Tjek filens rettigheder."
        )
    if code == SQLITE_NOTADB:
        if encrypted:
            return WrongPassphrase(
                f"Adgangsfrasen passer ikke til «{name}», eller filen er ikke en krypteret "
                "Trappe-database. Filen er ikke ændret."
            )
        return NotATrappeDatabase(
            f"Filen «{name}» er ikke en Trappe-database (eller den er krypteret eller "
            "beskadiget). Filen er ikke ændret."
        )
    if code == SQLITE_CORRUPT:
        return DatabaseDamaged(
            f"Databasen «{name}» er beskadiget. Brug en sikkerhedskopi, eller kontakt IT."
        )
    if code in (SQLITE_FULL, SQLITE_NOLFS):
        return DiskFull("Disken er fuld. Intet er gemt. Frigør plads, og prøv igen.")
    if code == SQLITE_CANTOPEN:
        return StoreError(f"Databasen «{name}» kan ikke åbnes. Tjek sti og rettigheder.")
    if code in (SQLITE_IOERR, SQLITE_PROTOCOL):
        return DatabaseIOError(
            f"Der opstod en fejl ved læsning eller skrivning af «{name}». Intet er gemt."
        )
    if code == SQLITE_NOMEM:
        return StoreError("Computeren har ikke hukommelse nok lige nu. Luk andre programmer.")
    return None


def translate_error(exc: BaseException, path: Path, *, encrypted: bool = False) -> BaseException:
    """The Danish error to raise instead of ``exc``; ``exc`` itself if it is a bug."""
    return known_error(exc, path, encrypted=encrypted) or exc


def os_error(exc: OSError, path: Path) -> StoreError:
    """A Danish message for a file-system error around ``path``."""
    if exc.errno == errno.ENOSPC:
        return DiskFull("Disken er fuld. Intet er gemt. Frigør plads, og prøv igen.")
    if exc.errno == errno.ENAMETOOLONG:
        return StoreError("Stien eller filnavnet er for langt. Vælg et kortere navn.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return DatabaseReadOnly(f"Trappe har ikke adgang til «{path}». Tjek rettighederne.")
    if exc.errno == errno.ENOENT:
        return DatabaseMissing(f"«{path}» findes ikke.")
    if exc.errno in (errno.EISDIR, errno.ENOTDIR):
        return StoreError(f"«{path}» er en mappe, ikke en fil.")
    return StoreError(f"Filen «{path}» kan ikke bruges ({exc.strerror or 'ukendt fejl'}).")


# -- which files this process has open -------------------------------------------------------
# (st_dev, st_ino) of every open store's main file -> its first 16 bytes as read before
# opening it. Reading the header again while a connection is open would drop its locks.
_OPEN_FILES: dict[tuple[int, int], tuple[int, bytes]] = {}


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _register(path: Path, header: bytes) -> None:
    fid = _file_id(path)
    if fid is not None:
        count, _ = _OPEN_FILES.get(fid, (0, header))
        _OPEN_FILES[fid] = (count + 1, header)


def _unregister(fid: tuple[int, int] | None) -> None:
    if fid in _OPEN_FILES:
        count, header = _OPEN_FILES[fid]
        if count <= 1:
            del _OPEN_FILES[fid]
        else:
            _OPEN_FILES[fid] = (count - 1, header)


def read_header(path: Path) -> bytes:
    """The file's first 16 bytes; from memory if this process has it open (see above)."""
    known = _OPEN_FILES.get(_file_id(path) or (-1, -1))
    if known is not None:
        return known[1]
    with path.open("rb") as fh:
        return fh.read(len(SQLITE_HEADER))


# -- footing: are the files on disk still the ones the connection writes to? ----------------
SUFFIXES = ("", "-wal", "-shm")


@dataclass
class _Footing:
    path: Path
    ids: dict[str, tuple[int, int] | None]

    @classmethod
    def take(cls, path: Path) -> _Footing:
        return cls(path, {s: _file_id(Path(f"{path}{s}")) for s in SUFFIXES})

    def lost(self) -> list[str]:
        """The files (suffixes) that are gone or another file now; empty if all is well."""
        return [
            s
            for s, fid in self.ids.items()
            if fid is not None and _file_id(Path(f"{self.path}{s}")) != fid
        ]


PENDING_BYTE = 0x40000000
SHARED_FIRST, SHARED_SIZE = PENDING_BYTE + 2, 510

_GUARD = (
    "import fcntl, os, sys\n"
    "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
    f"fcntl.lockf(fd, fcntl.LOCK_SH, {SHARED_SIZE}, {SHARED_FIRST}, 0)\n"
    "print('locked', flush=True)\n"
    "sys.stdin.read()\n"
)


@contextlib.contextmanager
def _shared_lock_held_elsewhere(path: Path) -> Iterator[None]:
    """Hold a SHARED lock on ``path`` that this process's own connections cannot override.

    Closing a connection whose WAL was deleted under it would otherwise let it believe it
    is the last user and checkpoint its stale WAL over newer data. With this lock held, its
    close cannot get the EXCLUSIVE lock it needs, so it checkpoints nothing. Linux: an
    open-file-description lock (conflicts even with this process's own POSIX locks); elsewhere
    a small child process holds the lock.
    """
    if os.name != "posix":
        yield
        return
    import fcntl

    ofd = getattr(fcntl, "F_OFD_SETLK", None)
    if ofd is not None:
        import struct

        fd = os.open(path, os.O_RDONLY)
        try:
            # struct flock: l_type, l_whence, l_start, l_len, l_pid (+ padding)
            flock = struct.pack("hhqqi4x", fcntl.F_RDLCK, 0, SHARED_FIRST, SHARED_SIZE, 0)
            fcntl.fcntl(fd, ofd, flock)
            yield
        finally:
            os.close(fd)
        return
    import subprocess  # (only on platforms without OFD locks: off the start path)

    guard = subprocess.Popen(
        [sys.executable, "-c", _GUARD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        if guard.stdout is not None:
            guard.stdout.readline()
        yield
    finally:
        with contextlib.suppress(OSError):
            guard.communicate("", timeout=10)
        if guard.poll() is None:
            guard.kill()


def _bad_value(exc: Exception, path: Path) -> TrappeError:
    """A value SQLite cannot take, or text in the file that is not UTF-8 (damage)."""
    if isinstance(exc, OverflowError):  # ≥ 2⁶³: no id or count can be that large
        return ValidationError("id", "Tallet er for stort; det findes ikke i databasen.")
    if isinstance(exc, UnicodeDecodeError):  # a damaged text or schema in the file
        return DatabaseDamaged(
            f"Databasen «{path.name}» er beskadiget. Brug en sikkerhedskopi, eller kontakt IT."
        )
    return ValidationError("text", "Teksten indeholder ugyldige tegn.")


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
        except ERRORS as exc:
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
        except ERRORS as exc:
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
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except ERRORS as exc:
            raise self._error(exc) from exc
        self._check_footing()
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                with contextlib.suppress(*ERRORS):
                    self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except ERRORS as exc:
            if self.conn.in_transaction:
                with contextlib.suppress(*ERRORS):
                    self.conn.execute("ROLLBACK")
            raise self._error(exc) from exc

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        """Run one statement; must be inside ``write()``."""
        assert self.conn.in_transaction, "writes must happen inside Store.write()"
        try:
            return self.conn.execute(sql, params)
        except ERRORS as exc:
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
        from trappe.model.audit import append

        append(self, action, object_type, object_id, details)

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
        with contextlib.suppress(*ERRORS):
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
        except (*ERRORS, OSError) as exc:
            log.warning("closing %s: %s", self.path, exc)

    def reopen(self) -> None:
        """Close the connection safely and open a fresh one on the file now at ``path``."""
        self._close_connection()
        _unregister(self._file_id)
        fresh = open_store(self.path, self.actor, key=self.key, timeout=self.timeout, create=False)
        # Take over the fresh store's connection; this object stays the one everybody holds.
        self.conn, self._footing = fresh.conn, fresh._footing
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
        except ERRORS as exc:
            if own is not None:
                own.wipe()
            raise self._error(exc) from exc
        return Store(conn, self.path, self.actor, key=own, header=self._header)

    # -- lifecycle ---------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

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


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


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
    except ERRORS as exc:
        if raw is not None:
            raw.wipe()
        raise translate_error(exc, path, encrypted=key is not None) from exc
    except UnicodeDecodeError as exc:
        if raw is not None:
            raw.wipe()
        raise _bad_value(exc, path) from exc
    store: Store | None = None
    try:
        if not is_new:
            _inspect_schema(conn, path)
        _set_pragmas(conn, timeout, scratch=scratch and is_new)
        store = Store(conn, path, actor, key=raw, timeout=timeout, header=header)
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
        if isinstance(exc, ERRORS):
            raise translate_error(exc, path, encrypted=key is not None) from exc
        if isinstance(exc, UnicodeDecodeError):  # SQLite quoting damaged bytes
            raise _bad_value(exc, path) from exc
        raise
    return store


def _raw_key(key: CipherKey | str | None, header: bytes) -> CipherKey | None:
    """The raw key to open a file with ``header`` (its salt; b"" for a new file): a copy of
    a given one, or derived from a passphrase (the one key derivation of this open)."""
    if key is None:
        return None
    if isinstance(key, CipherKey):
        return key.copy()
    salt = header if len(header) == cipher_key.SALT_BYTES else cipher_key.new_salt()
    return cipher_key.derive(key, salt)


def _set_pragmas(conn: Any, timeout: float, *, scratch: bool = False) -> None:
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    # Erased data is overwritten with zeros, not left in free pages (see erase_citizen).
    conn.execute("PRAGMA secure_delete = ON")
    # 64 MB of decoded pages (SQLite's default is 2 MB): an encrypted page is decrypted once
    # and then served from here, so a caseload search or a citizen's record read again costs
    # what it costs on a plain file.
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    if scratch:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        return
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        log.warning("journal_mode is %s, not WAL", mode)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT}")


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


def _inspect_schema(conn: Any, path: Path) -> None:
    """Ours, not too new, and the small tables that opening relies on intact.

    The whole-file ``integrity_check`` (which also notices a damaged index) is too slow for
    every start on a big file; it runs on every verified backup instead (``backup.py``),
    which is made on start, so damage is found within minutes and the user is told.
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
    damaged = DatabaseDamaged(
        f"Databasen «{name}» er beskadiget. Brug en sikkerhedskopi, eller kontakt "
        "IT. Filen er ikke ændret."
    )
    for table in SMALL_TABLES:
        if table in tables:
            result = conn.execute(f'PRAGMA quick_check("{table}")').fetchone()[0]
            if result != "ok":
                raise damaged
    # A damaged byte in the schema's text that leaves it valid SQL ("title" → "titlb") passes
    # every check above; the fingerprint the last migration run left tells it.
    if "settings" in tables:
        row = conn.execute(
            "SELECT value FROM settings WHERE key = ?", (SCHEMA_FINGERPRINT,)
        ).fetchone()
        if row is not None and row[0] != schema_fingerprint(schema_rows):
            raise damaged


SCHEMA_FINGERPRINT = "schema_fingerprint"


def schema_fingerprint(rows: Sequence[Any]) -> str:
    """A hash of the schema's text (``sqlite_master``: type, name, sql), SQLite's own
    tables (``sqlite_stat1`` from ANALYZE, …) left out: only migrations change the rest."""
    import hashlib

    mine = sorted((r[0], r[1], r[2] or "") for r in rows if not str(r[1]).startswith("sqlite_"))
    text = "\x00".join("\x01".join(r) for r in mine)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


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
