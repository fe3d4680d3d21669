"""SQLite's and the file system's failures as the Danish ``StoreError`` the user sees.

Classified by SQLite's result code (``sqlite_errorcode``), for ``sqlite3`` and ``sqlcipher3``
alike, never by the English text (which may quote damaged bytes from the file); what the code
does not name is a bug and propagates.
"""

from __future__ import annotations

import errno
from pathlib import Path

from trappe.model.errors import (
    DatabaseDamaged,
    DatabaseIOError,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseReadOnly,
    DiskFull,
    NotATrappeDatabase,
    StoreError,
    TrappeError,
    ValidationError,
    WrongPassphrase,
)

# SQLite's primary result codes (sqlite3.h).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY = 3, 5, 6, 7, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26
SQLITE_AUTH, SQLITE_NOLFS, SQLITE_PROTOCOL = 23, 22, 15


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


def _bad_value(exc: Exception, path: Path) -> TrappeError:
    """A value SQLite cannot take, or text in the file that is not UTF-8 (damage)."""
    if isinstance(exc, OverflowError):  # ≥ 2⁶³: no id or count can be that large
        return ValidationError("id", "Tallet er for stort; det findes ikke i databasen.")
    if isinstance(exc, UnicodeDecodeError):  # a damaged text or schema in the file
        return DatabaseDamaged(
            f"Databasen «{path.name}» er beskadiget. Brug en sikkerhedskopi, eller kontakt IT."
        )
    return ValidationError("text", "Teksten indeholder ugyldige tegn.")
