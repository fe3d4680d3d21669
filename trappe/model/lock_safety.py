"""Lock safety: which database files this process has open, and whether they are still there.

On POSIX, closing *any* descriptor of a file drops every lock the process holds on it
(SQLite's "How To Corrupt", §2.2). So the header of a file this process has open is read
from memory (``read_header``), and a store takes its *footing* (``_Footing``: the database,
``-wal`` and ``-shm`` it has open) to notice when another program deleted or replaced them;
it then closes while a SHARED lock is held elsewhere, so no stale WAL is checkpointed.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from trappe.model.connection import SQLITE_HEADER
from trappe.model.frozen import frozen

# -- which files this process has open -------------------------------------------------------
# (st_dev, st_ino) of every open store's main file -> its first 16 bytes as read before
# opening it. Reading the header again while a connection is open would drop its locks.
_OPEN_FILES: dict[tuple[int, int], tuple[int, bytes]] = {}


def _file_id(path: Path | str) -> tuple[int, int] | None:
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


@frozen
class _Footing:
    path: Path
    ids: dict[str, tuple[int, int] | None]

    @classmethod
    def take(cls, path: Path) -> _Footing:
        return cls(path, {s: _file_id(Path(f"{path}{s}")) for s in SUFFIXES})

    def lost(self) -> list[str]:
        """The files (suffixes) that are gone or another file now; empty if all is well.
        (Checked in every write transaction, opening a citizen's logged read among them: the
        names are given to ``stat`` as text, without making a ``Path`` of each.)"""
        return [
            s
            for s, fid in self.ids.items()
            if fid is not None and _file_id(f"{self.path}{s}") != fid
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
