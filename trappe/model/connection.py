"""How a connection to a Trappe database is made: the driver (plain ``sqlite3``, or SQLCipher
with a raw key) and the pragmas every connection of ``open_store`` gets.

``ERRORS`` holds both drivers' exception bases; sqlcipher3's is added when that driver is
first imported (not on every start). Read it as ``connection.ERRORS`` when catching, never
copy it with ``from … import ERRORS``: the copy would miss SQLCipher's errors.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path
from typing import Any

from trappe.model.cipher_key import CipherKey

log = logging.getLogger("trappe.store")

SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_TIMEOUT = 5.0
JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024
CACHE_KIB = 64 * 1024  # the WAL is truncated back to this after a checkpoint

# Both drivers' exception bases; sqlcipher3's is added when it is first imported.
ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error,)


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
