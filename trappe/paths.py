"""Where Trappe's bundled resources and the user's data live."""

from __future__ import annotations

import os
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
FONTS = RESOURCES / "fonts"
DEFAULT_STAIRCASE = RESOURCES / "default_staircase.json"
TRANSLATIONS = RESOURCES / "translations"


def default_database_path() -> Path:
    """The database used when none is named: ``TRAPPE_DB`` or the user's data directory."""
    override = os.environ.get("TRAPPE_DB")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("Trappe", appauthor=False) / "trappe.sqlite"
