"""The Qt side of Trappe: thin widgets and models that call ``trappe.model``."""

from __future__ import annotations

import gc
import os
import sys

import PySide6.QtCore  # noqa: F401  (every part of the UI needs it; it brings PySide's hook)

# Trappe's packages: the model never uses Qt (tests/test_architecture.py), the others may.
_WITHOUT_QT = ("trappe.model", "trappe.cli", "trappe.report")


def _spare_pyside_the_source_scan() -> None:
    """Tell PySide what it would find out about Trappe's modules, before they are imported.

    PySide reads the whole source of every module imported after it (``inspect.getsource``,
    kept in ``linecache``) to see whether it selects a feature with ``from __feature__ import
    …`` (PYSIDE-2029: "0" if the text names PySide6, else "-1", "ignore"). Trappe selects none,
    so each of its modules is entered here with that answer, and none of their sources is read:
    some 40 file reads (about 8 ms) before the window's first paint, and their text in memory.
    A PySide without that table (another version) scans as before.
    """
    feature = sys.modules.get("PySide6.support.feature")
    known = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(known, dict):
        return
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        for package, folder in (("trappe", root), *_subpackages(root)):
            answer = -1 if package.startswith(_WITHOUT_QT) else 0
            known.setdefault(package, answer)
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".py") and entry.name != "__init__.py":
                        known.setdefault(f"{package}.{entry.name[:-3]}", answer)
    except OSError:
        return  # (no source folders, as in a bundle: PySide finds no source to read either)


def _subpackages(root: str) -> list[tuple[str, str]]:
    with os.scandir(root) as entries:
        return [
            (f"trappe.{e.name}", e.path)
            for e in entries
            if e.is_dir() and not e.name.startswith(("_", "."))
        ]


_spare_pyside_the_source_scan()

# Garbage collection: Python's automatic collector is off in Trappe's Qt process. It would run
# whenever enough objects had been made, which in a window is often in the middle of Qt delivering
# an event (a paint, a click); freeing a widget kept only by a reference cycle there crashes the
# program. Until the window's first paint nothing is collected (importing the modules and
# building the window make tens of thousands of objects that live as long as the program, and
# no cycles worth finding); ``after_paint`` then starts the collector of ``trappe.ui.garbage``,
# which collects on a timer of its own, outside any widget's event.
gc.disable()
RUNNING_FIRST_GENERATION = 10_000  # new objects between collections once the window is up


def start_collection() -> None:
    """Garbage collection for the running window: collected at safe points (``trappe.ui.garbage``).

    The youngest generation is collected once 10,000 new objects are waiting, not Python's 700:
    opening a citizen makes a few thousand small objects and frees the last citizen's, and at 700
    each opening ran about three collections over the record being read (about 4 % of an
    opening's instructions) for cycles that are not there."""
    from trappe.ui.garbage import collect_at_safe_points

    threshold = gc.get_threshold()
    if threshold[0] < RUNNING_FIRST_GENERATION:
        gc.set_threshold(RUNNING_FIRST_GENERATION, *threshold[1:])
    collect_at_safe_points()
