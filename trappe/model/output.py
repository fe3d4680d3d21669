"""Files Trappe writes for the user (sheets, exports): the log comes before the file.

``audited_output`` writes into a temporary file beside the target (mode 0600), then writes
the audit row, and only then renames the file into place. If the audit write fails (say the
database is locked) or anything else does, the temporary file is removed: a PDF or export
with a full CPR number is never left on disk without its audit row, and no empty or
half-written file is left under the chosen name.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from trappe.model.errors import TrappeError
from trappe.model.store import FILE_MODE, Store

NAME_MAX = 255


class OutputError(TrappeError):
    """The output file cannot be written where the user asked; nothing was written."""


def output_error(exc: OSError, path: Path) -> OutputError:
    reasons = {
        errno.ENOENT: "mappen findes ikke",
        errno.ENOTDIR: "mappen findes ikke",
        errno.EISDIR: "det er en mappe",
        errno.EACCES: "Trappe har ikke adgang til at skrive der",
        errno.EPERM: "Trappe har ikke adgang til at skrive der",
        errno.EROFS: "drevet er skrivebeskyttet",
        errno.ENOSPC: "disken er fuld",
        errno.EDQUOT: "disken er fuld",
        errno.ENAMETOOLONG: "navnet er for langt",
    }
    reason = reasons.get(exc.errno or 0, "filen kan ikke skrives")
    return OutputError(f"Filen «{path}» kunne ikke gemmes: {reason}. Intet er gemt.")


def check_output_path(path: str | os.PathLike[str]) -> Path:
    """A usable output path, or an ``OutputError`` (empty, a folder, too long a name)."""
    text = os.fspath(path)
    if not text.strip():
        raise OutputError("Angiv et filnavn at gemme i.")
    p = Path(text).expanduser()
    if len(os.fsencode(p.name)) > NAME_MAX - 20:  # room for the temporary name's additions
        raise output_error(OSError(errno.ENAMETOOLONG, ""), p)
    try:
        is_dir = p.is_dir()
    except OSError as exc:
        raise output_error(exc, p) from exc
    if is_dir or text.endswith(("/", os.sep)):
        raise OutputError(f"«{p}» er en mappe. Angiv et filnavn i mappen.")
    return p


@contextlib.contextmanager
def audited_output(
    store: Store, path: str | os.PathLike[str], audit: Callable[[], None]
) -> Iterator[BinaryIO]:
    """Yield a binary stream; on success log with ``audit()`` (one transaction) then rename.

    ``audit`` is called inside ``store.write()``; raise from the body to abandon the file.
    """
    target = check_output_path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    except OSError as exc:
        raise output_error(exc, target) from exc
    try:
        try:
            with os.fdopen(fd, "wb") as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise output_error(exc, target) from exc
        with store.write():
            audit()
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise output_error(exc, target) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
