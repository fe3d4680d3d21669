"""Work that can wait until the window is on screen: run it just after the first paint.

Start-up shows the window first; checks that change nothing on screen (is a backup due?)
follow once the window has painted, so the user sees Trappe as soon as possible
(issue 12, start-up within 1.3× a bare PySide6 window).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# If the window has painted already (a dialog's event loop ran meanwhile) no request may come:
# the work then runs after this long anyway.
FALLBACK_MS = 500


class _AfterFirstPaint(QObject):
    """Watches a window for its first update request; then runs the work on the next turn."""

    def __init__(self, window: QWidget, work: Callable[[], object]) -> None:
        super().__init__(window)
        self.window = window
        self.work: Callable[[], object] | None = work

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.UpdateRequest:
            self.run_soon()
        return False

    def run_soon(self) -> None:
        # The window paints while it handles this very request, so a zero timer started now
        # runs after the paint.
        self.window.removeEventFilter(self)
        QTimer.singleShot(0, self, self._run)

    def _run(self) -> None:
        self.window.removeEventFilter(self)
        work, self.work = self.work, None
        self.deleteLater()
        if work is not None:
            work()


def after_first_paint(window: QWidget, work: Callable[[], object]) -> None:
    """Run ``work`` once ``window`` has painted (at once on the next turn if it is hidden)."""
    watcher = _AfterFirstPaint(window, work)
    if window.isVisible():
        window.installEventFilter(watcher)
        QTimer.singleShot(FALLBACK_MS, watcher, watcher._run)
    else:
        watcher.run_soon()
