"""One start of a GUI process for ``bench_gui.bench_startup``: Trappe (``app``) or its floor
(``bare``), each stopping the clock at the same point: the end of the first frame in which the
list's viewport painted rows (see ``FirstFrame``).

    python bench/startup_child.py app DB INI
    python bench/startup_child.py screen DB
    python bench/startup_child.py bare DB

With ``TRAPPE_BENCH_STOP_AT_FRAME=1`` in the environment the process ends (``os._exit``) as soon
as the clock stops, so a whole-process instruction count (``bench_gui.py --instructions``,
callgrind) covers exactly the measured span: launch → the first frame with the list's rows.
Trappe's fallback for work waiting on the first paint (``after_paint``: it waits for a shown
window's paint up to ``LONGEST_WAIT_MS``, 5 s) is then pushed out of reach: under valgrind the
program runs some 50 times slower, so the fallback could build the citizen's panes before the
first frame, which at native speed it does not.

Prints one line: wall-clock time (``time.time()``) and CPU seconds at that point, the rows the
list had when it painted, and (``app`` only) the same two figures once the work Trappe does
after its first paint is done (``trappe.ui.after_paint``).

The floor (``screen``, in ``startup_floor.py``) is a hand-written PySide6 program painting the
same screen as Trappe's first frame: menus, toolbar, search, filters, the list and its count.
The older floor (``bare``) shows the list alone, and is still printed beside it. It opens the
same file with ``sqlite3``, counts the active citizens and reads the first page of the
caseload (the same rows and columns Trappe shows at start, the days and dates worked out in
SQL) with the best SQL we know, puts them into a ``QStandardItemModel`` in a ``QTableView`` in
a ``QMainWindow`` with the count in its status bar, and shows it at the size Trappe's window
takes on the same screen (maximised on a 1366×768 laptop screen: the bench's offscreen screen).
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject


class FirstFrame(QObject):
    """Stops the clock after the first frame in which ``view``'s viewport painted rows.

    A widget window paints its first frame while it handles the platform's expose event, and
    later frames on an update request; each of those is handled here at once (so the frame
    is painted and flushed when ``obj.event`` returns), and the clock stops after the first
    one in which the viewport painted with the model holding rows.
    """

    def __init__(self, window: Any, view: Any, on_stop: Any) -> None:
        super().__init__()
        self.window, self.view, self.on_stop = window, view, on_stop
        self.rows_painted = 0
        self.handle = None
        view.viewport().installEventFilter(self)

    def watch(self) -> None:
        """Call after ``show()`` (the platform window exists then)."""
        self.handle = self.window.windowHandle()
        self.handle.installEventFilter(self)
        self.window.installEventFilter(self)

    def eventFilter(self, obj: Any, event: Any) -> bool:
        kind = event.type()
        if obj is self.view.viewport():
            if kind == QEvent.Type.Paint and not self.rows_painted:
                self.rows_painted = self.view.model().rowCount()
            return False
        frame = (obj is self.handle and kind == QEvent.Type.Expose) or (
            obj is self.window and kind == QEvent.Type.UpdateRequest
        )
        if not frame:
            return False
        obj.removeEventFilter(self)
        obj.event(event)  # the frame is painted and flushed when this returns
        if not self.rows_painted:
            obj.installEventFilter(self)
            return True
        stopped = (time.time(), time.process_time())
        if os.environ.get("TRAPPE_BENCH_STOP_AT_FRAME"):
            print(f"{stopped[0]} {stopped[1]} {self.rows_painted}", flush=True)
            os._exit(0)
        for o in (self.handle, self.window, self.view.viewport()):
            o.removeEventFilter(self)
        self.on_stop(stopped, self.rows_painted)
        return True


def run_app(db: str, ini: str) -> None:
    from PySide6.QtCore import QSettings, QTimer

    try:
        from trappe.ui.after_paint import work_pending
    except ImportError:  # (an older Trappe, measured for comparison)

        def work_pending() -> bool:
            return False

    from trappe.ui.app import create_application, install_translators, start
    from trappe.ui.preferences import USER_NAME, Preferences

    if os.environ.get("TRAPPE_BENCH_STOP_AT_FRAME"):  # (see the docstring)
        from trappe.ui import after_paint

        after_paint.FALLBACK_MS = 3_600_000

    app = create_application(["trappe"])
    install_translators(app, "da")
    prefs = Preferences(QSettings(ini, QSettings.Format.IniFormat))
    prefs.set(USER_NAME, "Benchmark")
    window = start(db, prefs)
    view = window.caseload.view
    result: list[str] = []

    def ready() -> None:
        if work_pending():
            QTimer.singleShot(0, ready)  # after the next turn of the event loop
            return
        result.append(f"{time.time()} {time.process_time()}")
        print(" ".join(result), flush=True)
        window.close()
        app.quit()

    def stopped(at: tuple[float, float], rows: int) -> None:
        result.append(f"{at[0]} {at[1]} {rows}")
        # No automatic backup of the bench's file (a copy of hundreds of MB in a thread would
        # disturb the next runs); whether one is due is still asked, as on every start.
        from trappe.model import backup

        backup.due = lambda *_a, **_k: False
        QTimer.singleShot(0, ready)

    watcher = FirstFrame(window, view, stopped)
    watcher.watch()
    app.exec()


# The first page of the caseload as Trappe shows it at start: active citizens in name order,
# CPR numbers masked, the step's number, days on the step and the next meeting as Danes write it.
FIRST_PAGE = """
SELECT c.name,
       CASE WHEN c.identifier_kind = 'cpr' AND c.identifier != ''
            THEN substr(c.identifier, 1, 6) || '-****' ELSE coalesce(c.identifier, '') END,
       coalesce(tg.name, ''),
       coalesce(s.position + 1, ''),
       coalesce(CAST(julianday(?) - julianday(c.current_step_since) AS INTEGER), ''),
       coalesce(strftime('%d-%m-%Y', c.next_meeting_on), '')
FROM citizens c INDEXED BY citizens_by_name_key
LEFT JOIN steps s ON s.id = c.current_step_id
LEFT JOIN target_groups tg ON tg.id = c.target_group_id
WHERE c.status = 'active'
ORDER BY c.name_key, c.status, c.id
LIMIT 50
"""


def run_bare(db: str) -> None:
    import sqlite3
    from datetime import date

    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(["bare"])
    conn = sqlite3.connect(db)
    count = conn.execute(
        "SELECT coalesce(sum(n), 0) FROM caseload_counts WHERE status = 'active'"
    ).fetchone()[0]
    rows = conn.execute(FIRST_PAGE, (date.today().isoformat(),)).fetchall()
    model = QStandardItemModel(len(rows), 6)
    model.setHorizontalHeaderLabels(["Navn", "Id", "Målgruppe", "Trin", "Dage", "Næste samtale"])
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            model.setItem(r, c, QStandardItem(str(value)))
    window = QMainWindow()
    view = QTableView(window)
    view.setModel(model)
    window.setCentralWidget(view)
    window.statusBar().showMessage(f"{count:,} borgere".replace(",", "."))
    window.showMaximized()

    def stopped(at: tuple[float, float], rows_painted: int) -> None:
        print(f"{at[0]} {at[1]} {rows_painted}", flush=True)
        window.close()
        app.quit()

    watcher = FirstFrame(window, view, stopped)
    watcher.watch()
    app.exec()


def run_screen(db: str) -> None:
    """The floor showing Trappe's whole first frame (``startup_floor.py``)."""
    from PySide6.QtWidgets import QApplication
    from startup_floor import build_screen

    app = QApplication(["bare"])
    window, view = build_screen(db, FIRST_PAGE)

    def stopped(at: tuple[float, float], rows_painted: int) -> None:
        print(f"{at[0]} {at[1]} {rows_painted}", flush=True)
        window.close()
        app.quit()

    watcher = FirstFrame(window, view, stopped)
    watcher.watch()
    app.exec()


if __name__ == "__main__":
    if sys.argv[1] == "app":
        run_app(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "screen":
        run_screen(sys.argv[2])
    else:
        run_bare(sys.argv[2])
