"""Work that can wait until the window is on screen: run it just after the first paint.

Start-up shows the window first, with the caseload's first page; what the first paint does not
need (the citizen's panes, checks that change nothing on screen such as whether a backup is
due) follows once the window has painted, so the user sees Trappe as soon as possible
(issue 12, start-up within 1.3× a bare PySide6 program showing the same rows).
"""

from __future__ import annotations

import sys
import weakref
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from trappe.ui import start_collection

# If no paint comes (a minimized window, say), the work runs after this long anyway.
FALLBACK_MS = 500
# A window that is shown and not minimized paints soon, however busy the machine: until this
# long, its first paint is waited for. (A plain 500 ms fallback, on a loaded machine, built the
# citizen's panes before the first frame: more than half as much start-up work again before
# the user saw anything.)
LONGEST_WAIT_MS = 5_000

# The watchers still waiting. Weak: a watcher dies with its window (it is the window's child),
# and then leaves the set by itself. (Not by a slot on its own ``destroyed`` signal: a lambda
# holding the watcher, freed while Qt destroys that watcher, crashed PySide 6.11 in a test run.)
_pending: weakref.WeakSet[_AfterFirstPaint] = weakref.WeakSet()
# A window's property once its first paint has been seen, or its first work ran anyway: work
# queued later runs on the next turn.
_PAINTED = "trappe_painted"


class _AfterFirstPaint(QObject):
    """Watches a window for its first paint; then runs the work on the next turn."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.works: list[Callable[[], object]] = []
        self.waited_ms = 0
        _pending.add(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The window paints its first frame when the platform exposes it (not on an update
        # request, which may come before that and paint nothing): its own paint event is
        # delivered while that frame is drawn, so a zero timer started now runs after it.
        if watched is self.window and event.type() == QEvent.Type.Paint:
            self.window.setProperty(_PAINTED, True)
            self.run_soon()
        return False

    def run_soon(self) -> None:
        self.window.removeEventFilter(self)
        self.run_after(0)

    def run_after(self, ms: int) -> None:
        """Run the work after ``ms`` (not once this is deleted). A timer of its own rather
        than ``QTimer.singleShot(ms, self, …)``, whose overloads make PySide build the Python
        type of ``QMetaMethod`` (about 0.4 ms before the first paint)."""
        self._start_timer(ms, self._run)

    def fall_back_after(self, ms: int) -> None:
        """Run the work after ``ms`` unless the window paints first, or is still waiting for
        a paint that will come."""
        self._start_timer(ms, self.fall_back)

    def fall_back(self) -> None:
        if self not in _pending:
            return  # (painted meanwhile: the work has run)
        self.waited_ms += FALLBACK_MS
        if self.paint_coming() and self.waited_ms < LONGEST_WAIT_MS:
            self.fall_back_after(FALLBACK_MS)
        else:
            self._run()

    def paint_coming(self) -> bool:
        """Whether the window will paint for the first time: it is shown, not minimized, and
        has not painted yet (on a busy machine, the event loop may reach this timer before
        the platform's expose event)."""
        w = self.window
        return w.isVisible() and not w.isMinimized() and not w.property(_PAINTED)

    def _start_timer(self, ms: int, slot: Callable[[], None]) -> None:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        timer.start(ms)

    def _run(self) -> None:
        if self not in _pending:
            return  # (the fallback after the work has run)
        self.window.removeEventFilter(self)
        self.window.setProperty(_PAINTED, True)
        _pending.discard(self)
        # Not deleted here: it dies with its window, whose child it is. (Deleting it later from
        # this slot crashed PySide 6.11 now and then in a test run, in the watcher's destructor.)
        start_collection()  # (collection ran rarely while the window started)
        for work in self.works:
            try:
                work()
            except Exception:  # one failing does not keep the others from running
                sys.excepthook(*sys.exc_info())


def after_first_paint(window: QWidget, work: Callable[[], object]) -> None:
    """Run ``work`` once ``window`` has painted (on the next turn if it is hidden, or has
    painted already).

    Works queued for the same window run in the order they were queued.
    """
    watcher = next((w for w in _pending if w.window is window), None)
    if watcher is not None:
        watcher.works.append(work)  # runs with the work already waiting, after it
        return
    watcher = _AfterFirstPaint(window)
    watcher.works.append(work)
    if window.isVisible() and not window.property(_PAINTED):
        window.installEventFilter(watcher)
        watcher.fall_back_after(FALLBACK_MS)
    else:
        watcher.run_soon()


class _AfterNextFrame(QObject):
    """Runs work on the turn after a window's next frame: its next ``UpdateRequest``, whose
    delivery paints the window's changed widgets and puts them on screen."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.works: list[Callable[[], object]] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._run)

    def queue(self, work: Callable[[], object]) -> None:
        if not self.works:
            self.window.installEventFilter(self)
            self.timer.start(NEXT_FRAME_FALLBACK_MS)  # (no frame comes: a hidden window)
        self.works.append(work)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.UpdateRequest:
            # The frame is drawn while this event is delivered: a zero timer started now runs
            # on the event loop's next turn, once the frame is on screen.
            self.window.removeEventFilter(self)
            self.timer.start(0)
        return False

    def _run(self) -> None:
        self.window.removeEventFilter(self)
        works, self.works = self.works, []
        for work in works:
            try:
                work()
            except Exception:  # one failing does not keep the others from running
                sys.excepthook(*sys.exc_info())


NEXT_FRAME_FALLBACK_MS = 200
_next_frames: weakref.WeakKeyDictionary[QWidget, _AfterNextFrame] = weakref.WeakKeyDictionary()


def after_next_frame(window: QWidget, work: Callable[[], object]) -> None:
    """Run ``work`` once ``window``'s next frame is on screen (within
    ``NEXT_FRAME_FALLBACK_MS`` if none comes): for work the frame does not need, such as
    freeing what the last citizens left behind."""
    watcher = _next_frames.get(window)
    if watcher is None:
        watcher = _next_frames[window] = _AfterNextFrame(window)
    watcher.queue(work)


def work_pending() -> bool:
    """Whether some work is still waiting for a window's first paint (benches wait for it)."""
    return bool(_pending)
