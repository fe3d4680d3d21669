"""Per-user preferences, declared once with type and default
(docs/architecture.md, "Settings and logs").

Municipality data (name, logo, staircase, target groups) live in the database, not here.
Widgets receive a ``Preferences`` object; nothing else constructs ``QSettings``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from trappe.model.entities import Actor, Role
from trappe.model.errors import ValidationError
from trappe.model.frozen import frozen

MAX_RECENT = 8


@frozen
class Option:
    key: str
    type: type
    default: Any


USER_NAME = Option("user/name", str, "")
USER_ROLE = Option("user/role", str, Role.CASEWORKER.value)
LANGUAGE = Option("ui/language", str, "da")
LAST_DATABASE = Option("files/last_database", str, "")
RECENT_DATABASES = Option("files/recent", list, [])
LAST_SHEET_FOLDER = Option("files/last_sheet_folder", str, "")
MASK_IDENTIFIER_ON_SHEET = Option("sheet/mask_identifier", bool, True)
WINDOW_GEOMETRY = Option("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Option("window/state", QByteArray, QByteArray())
SPLITTER_STATE = Option("window/splitter", QByteArray, QByteArray())
CENTRE_SPLITTER_STATE = Option("window/centre_splitter", QByteArray, QByteArray())


class Preferences:
    """Typed access to the user's QSettings; pass a QSettings on a temp file in tests."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings or QSettings("Trappe", "Trappe")

    def get(self, option: Option) -> Any:
        value = self.settings.value(option.key, option.default)
        if option.type is bool:
            return value in (True, "true", "1", 1)
        if option.type is list:
            if value in (None, ""):
                return []
            return [str(v) for v in (value if isinstance(value, list) else [value])]
        if option.type is QByteArray:
            return value if isinstance(value, QByteArray) else QByteArray()
        return option.type(value) if value is not None else option.default

    def set(self, option: Option, value: Any) -> None:
        self.settings.setValue(option.key, value)

    # Convenience for the things most code needs.
    def actor(self) -> Actor:
        name = self.get(USER_NAME) or "Ukendt bruger"
        try:
            role = Role(self.get(USER_ROLE))
        except ValueError:
            role = Role.CASEWORKER
        try:
            return Actor(name, role)
        except ValidationError:  # a name stored by an older Trappe that the log now refuses
            return Actor("Ukendt bruger", role)

    def add_recent(self, path: str) -> None:
        recent = [p for p in self.get(RECENT_DATABASES) if p != path]
        self.set(RECENT_DATABASES, [path, *recent][:MAX_RECENT])
        self.set(LAST_DATABASE, path)
