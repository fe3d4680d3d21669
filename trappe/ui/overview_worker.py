"""The overview's worker thread: builds a team report (or a part of it) on a read-only
connection of its own, so the overview window never freezes and can cancel at once.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QThread, Signal

from trappe.model import followup
from trappe.model.errors import TrappeError
from trappe.model.report import Cancelled, TeamReport, add_follow_ups, build_report
from trappe.model.store import Store


class ReportWorker(QThread):
    """Builds a report on its own read-only connection; ``cancel()`` is safe from the GUI."""

    progressed = Signal(int, str)

    def __init__(self, store: Store, kwargs: dict[str, Any], parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.kwargs = kwargs
        self._cancel = threading.Event()
        self._reader: Store | None = None
        self.report: TeamReport | None = None
        self.associations: list | None = None
        self.error: str | None = None
        self.exception: BaseException | None = None
        self.cancelled = False

    def cancel(self) -> None:
        self._cancel.set()
        reader = self._reader
        if reader is not None:
            reader.conn.interrupt()  # stops the running query at once

    def _progress(self, pct: int, text: str) -> bool:
        self.progressed.emit(pct, text)
        return not self._cancel.is_set()

    def run(self) -> None:
        try:
            self._reader = self.store.reader()
            try:
                if self.kwargs.pop("activities_only", False):
                    self.associations = followup.activity_association(self._reader, **self.kwargs)
                elif "follow_ups_for" in self.kwargs:
                    self.report = self.kwargs["follow_ups_for"]
                    add_follow_ups(self._reader, self.report)
                else:
                    self.report = build_report(self._reader, progress=self._progress, **self.kwargs)
            finally:
                reader, self._reader = self._reader, None
                reader.close()
        except Cancelled:
            self.cancelled = True
        except TrappeError as exc:
            if self._cancel.is_set():
                self.cancelled = True  # an interrupted query
            else:
                self.error = exc.message
        except BaseException as exc:  # a bug: the GUI thread re-raises it
            if self._cancel.is_set():
                self.cancelled = True
            else:
                self.exception = exc
