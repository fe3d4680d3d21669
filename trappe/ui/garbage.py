"""Python's cycle collector, run only where Qt is not in the middle of delivering an event.

CPython collects whenever enough objects have been made since the last collection, which in a
window is as often as not inside Qt's event delivery: a paint, a click, a timer. If that
collection frees a widget that only a reference cycle kept (a dialog whose slots hold it, a
window a test dropped), Qt carries on with a deleted widget and the program dies with a
segmentation fault. ``trappe.ui`` therefore turns the automatic collector off when it is
imported, and the running program collects here instead: on a timer of its own, whose slot is
called from the event loop with no event of any widget under way, using Python's own
thresholds to choose the generation (as pyqtgraph's ``GarbageCollector`` does). Objects
without cycles are freed at once by reference counting, as always.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QTimer
from shiboken6 import Shiboken

INTERVAL_MS = 1000  # often enough to keep memory flat; rare enough to cost nothing at rest
_collector: QTimer | None = None


def collect_due() -> int:
    """Collect the generation that Python's own collector would collect now, if any.

    Returns the number of unreachable objects found (0 if nothing was due)."""
    (first, second, third), (made, young, middle) = gc.get_threshold(), gc.get_count()
    if first <= 0 or made <= first:
        return 0
    generation = 0
    if young >= second:
        generation = 2 if middle >= third else 1
    return gc.collect(generation)


def collect_at_safe_points() -> None:
    """Start the timer that collects (once per process; the automatic collector stays off)."""
    global _collector
    gc.disable()
    if collector_running():
        return
    timer = QTimer(QCoreApplication.instance())
    timer.setObjectName("trappe-garbage-collector")
    timer.timeout.connect(collect_due)
    timer.start(INTERVAL_MS)
    _collector = timer


def collector_running() -> bool:
    """Whether the timer runs (it dies with the application it belongs to)."""
    return _collector is not None and Shiboken.isValid(_collector)
