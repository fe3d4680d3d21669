"""Where Trappe's bundled resources and the user's data live.

The bundled files (fonts, translations, icons, the default staircase, the user guide) are
package data of ``trappe._resources`` and ``trappe._guide`` (see ``pyproject.toml``), read with
``importlib.resources``: the same code works from a checkout installed with ``pip install -e``,
from a wheel, and from the PyInstaller bundle. Where a library needs a real file name
(reportlab's ``TTFont``, Qt's translators and icons), ``resource_path`` gives one.
"""

from __future__ import annotations

import atexit
import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

RESOURCES_PACKAGE = "trappe._resources"
GUIDE_PACKAGE = "trappe._guide"

# Files extracted from a zipped install stay until the process ends (a no-op on a normal disk).
_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)


def resource(*parts: str, package: str = RESOURCES_PACKAGE) -> Traversable:
    """A bundled file, e.g. ``resource("fonts", "DejaVuSans.ttf")``."""
    from importlib.resources import files

    found = files(package)
    for part in parts:  # one at a time: some readers' joinpath takes a single name
        found = found.joinpath(part)
    return found


def resource_path(*parts: str, package: str = RESOURCES_PACKAGE) -> Path:
    """A bundled file as a real path on disk, for libraries that open files by name."""
    folder = _package_folder(package)
    if folder is not None and folder.joinpath(*parts).exists():
        return folder.joinpath(*parts)  # (the usual install: no importlib.resources at start)
    found = resource(*parts, package=package)
    if isinstance(found, Path):
        return found
    from importlib.resources import as_file

    return _extracted.enter_context(as_file(found))


def _package_folder(package: str) -> Path | None:
    """The package's folder when it is one on disk (a checkout, a wheel, an unpacked bundle)."""
    import importlib

    try:
        locations = list(getattr(importlib.import_module(package), "__path__", []))
    except ImportError:
        return None
    if len(locations) == 1 and Path(locations[0]).is_dir():
        return Path(locations[0])
    return None


def read_resource_text(*parts: str, package: str = RESOURCES_PACKAGE) -> str:
    return resource(*parts, package=package).read_text(encoding="utf-8")


def guide_path(*parts: str) -> Path:
    """A page or image of the user guide (``docs/guide/`` in the source) on disk."""
    return resource_path(*parts, package=GUIDE_PACKAGE)


def default_database_path() -> Path:
    """The database used when none is named: ``TRAPPE_DB`` or the user's data directory."""
    override = os.environ.get("TRAPPE_DB")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("Trappe", appauthor=False) / "trappe.sqlite"
