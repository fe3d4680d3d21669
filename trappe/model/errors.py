"""The errors the user or the environment can cause.

Each carries a Danish message fit for a dialog. Anything else that escapes the model is a
bug and belongs in the crash dialog (docs/architecture.md, "The layers").
"""

from __future__ import annotations


class TrappeError(Exception):
    """A known, expected failure with a message in Danish for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(TrappeError):
    """Input that breaks a rule; ``field`` names the input so a form can mark it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(TrappeError):
    """The object asked for does not exist (any more)."""


class StoreError(TrappeError):
    """The database file cannot be used; the file has not been modified."""


class NotATrappeDatabase(StoreError):
    pass


class DatabaseTooNew(StoreError):
    pass


class DatabaseDamaged(StoreError):
    pass


class DatabaseLocked(StoreError):
    pass


class DatabaseReadOnly(StoreError):
    pass


class DatabaseMissing(StoreError):
    """The file does not exist, and only creating commands may create one."""


class DiskFull(StoreError):
    pass


class DatabaseIOError(StoreError):
    pass


class FootingLost(StoreError):
    """Another program deleted or replaced the database files under the open store.

    The write was refused before it started and the store has been reopened safely; the
    user's input is kept, so saving again writes to the real file.
    """


class WrongPassphrase(StoreError):
    pass


class PassphraseNeeded(NotATrappeDatabase):
    """The file is not plain SQLite: an encrypted Trappe database (or not one at all)."""


class EditConflict(TrappeError):
    """Someone else changed the citizen or meeting since the user's copy was read.

    ``what`` names the object (for the message); the user may reload or keep their text.
    """

    def __init__(self, message: str, what: str = "", current_version: int | None = None) -> None:
        super().__init__(message)
        self.what = what
        self.current_version = current_version
