"""Where a saved dialogue sheet goes: the folder to start in, and the ``.pdf`` suffix.

Shared by the preview's "Gem som PDF…" and the batch, so both remember the same folder.
"""

from __future__ import annotations

from pathlib import Path

from trappe.ui import file_dialogs
from trappe.ui.preferences import LAST_SHEET_FOLDER, Preferences


def start_folder(prefs: Preferences) -> Path:
    """The folder a sheet was last saved in (or a sensible default)."""
    return file_dialogs.start_folder(prefs.get(LAST_SHEET_FOLDER))


def with_pdf_suffix(path: str) -> Path:
    """``path`` as chosen, with ``.pdf`` added if the user left it out."""
    return Path(path if path.lower().endswith(".pdf") else path + ".pdf")
