"""A work-around for a reference-counting bug in PySide6 6.12 on Python < 3.12.

``trappe.ui`` calls ``keep_none_alive()`` when it is imported, so every window, dialog and
test that uses Qt through Trappe is protected.
"""

from __future__ import annotations

import sys


def keep_none_alive() -> None:
    """Work around a PySide6 6.12 bug on Python < 3.12: every call of a ``void`` C++ method
    (``QPainter.setPen``, ``QFont.setBold`` …) drops one reference to ``None`` without taking
    one, and every ``Signal.emit`` drops one to ``True``; after some ten thousand calls the
    object is freed and the process aborts ("Fatal Python error: none_dealloc" or
    "bool_dealloc"). Python 3.12 makes these singletons immortal; here we give them enough
    references never to reach zero. Harmless where the bug is absent.
    """
    if sys.version_info >= (3, 12):
        return
    import ctypes

    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < 1 << 40:
            refcount.value += 1 << 48
