"""GUI benchmark at caseload scale: prints figures beside their floor, asserts nothing.

    .venv/bin/python bench/bench_gui.py [--citizens 100000] [--db PATH] [--repeat 5]

On a demo database (built with ``build_demo_database`` unless ``--db`` exists) it times:

1. process start → main window shown (a fresh Python process each run), beside a bare
   PySide6 process that shows a window with a table;
2. (search, sorting, jumping and scrolling the list: ``bench_caseload.py``);
3. opening a citizen with 200 meetings (record read + all panes painted), beside the raw SQL
   that reads the same rows and a bare widget painting as many shapes and texts
   (``bench_open_citizen.py``).

Each figure is the median of ``--repeat`` runs; the ratio shows our overhead over the floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


from trappe.model import citizens, meetings, staircase  # noqa: E402
from trappe.model.demo import build_demo_database  # noqa: E402
from trappe.model.entities import (  # noqa: E402
    Actor,
    Agreement,
    CitizenInput,
    MeetingInput,
    Responsible,
)
from trappe.model.store import open_store  # noqa: E402

ACTOR = Actor("Benchmark")
PYCACHE = Path(tempfile.gettempdir()) / "trappe-bench-pycache"
BENCH_NAME = "Benchmark Tohundrede Møder"

# A child process: start the app, print wall-clock time when the window has been shown.
APP_CHILD = """
import os, sys, time
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from trappe.ui.app import create_application, install_translators, start
from trappe.ui.preferences import Preferences, USER_NAME
app = create_application(["trappe"])
install_translators(app, "da")
prefs = Preferences(QSettings(sys.argv[2], QSettings.Format.IniFormat))
prefs.set(USER_NAME, "Benchmark")
window = start(sys.argv[1], prefs)
def shown():
    t = os.times()
    print(time.time(), t.user + t.system, flush=True)
    window.close()
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""

BARE_CHILD = """
import os, time
from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication(["bare"])
model = QStandardItemModel(50, 6)
for r in range(50):
    for c in range(6):
        model.setItem(r, c, QStandardItem(f"{r}:{c}"))
window = QMainWindow()
view = QTableView()
view.setModel(model)
window.setCentralWidget(view)
window.resize(1366, 768)
window.show()
def shown():
    t = os.times()
    print(time.time(), t.user + t.system, flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def median_ms(runs: list[float]) -> float:
    return statistics.median(runs) * 1000


def report(label: str, ours: list[float], floor: list[float], floor_label: str) -> None:
    o, f = median_ms(ours), median_ms(floor)
    ratio = o / f if f > 0 else float("inf")
    print(f"  {label:<44} {o:9.1f} ms   floor {f:8.1f} ms ({floor_label})   ×{ratio:.1f}")


def child_start_time(code: str, *args: str) -> tuple[float, float]:
    """(wall seconds from launch to the window shown, CPU seconds the child spent by then)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    # Byte code as an installed Trappe has it: cached (in a folder of the bench's own, so the
    # source tree stays clean), also where the environment says PYTHONDONTWRITEBYTECODE,
    # which would otherwise make every start compile every module from source.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=ROOT,  # ("-c" puts the working folder first on sys.path: this checkout's Trappe)
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    shown, cpu = (float(x) for x in out.strip().splitlines()[-1].split())
    return shown - start, cpu


def ensure_bench_citizen(path: Path) -> int:
    """A citizen with 200 meetings (two years of fortnightly talks), created once."""
    store = open_store(path, ACTOR)
    try:
        row = store.query_one("SELECT id FROM citizens WHERE name = ?", (BENCH_NAME,))
        if row is not None:
            return int(row[0])
        steps = staircase.load_staircase(store).steps
        c = citizens.create_citizen(
            store,
            CitizenInput(name=BENCH_NAME, start_date=date.today() - timedelta(days=2100)),
        )
        with store.write():
            for i in range(200):
                held = c.start_date + timedelta(days=10 * i + 1)
                meetings.record_meeting(
                    store,
                    c.id,
                    MeetingInput(
                        held_on=held,
                        professional_step_id=steps[(i // 30) % len(steps)].id,
                        citizen_step_id=steps[(i // 25) % len(steps)].id,
                        participants="Borger, sagsbehandler",
                        caseworker_note=f"Samtale nummer {i + 1}.",
                        next_meeting_on=held + timedelta(days=10),
                        agreements=[
                            Agreement(f"Aftale {i + 1}", Responsible.CITIZEN, held + timedelta(7))
                        ],
                    ),
                )
        return c.id
    finally:
        store.close()


def bench_startup(path: Path, repeat: int, tmp: Path) -> None:
    child_start_time(APP_CHILD, str(path), str(tmp / "warm.ini"))  # writes the byte code
    child_start_time(BARE_CHILD)
    ours, floor = [], []
    for i in range(repeat):  # interleaved: a change in the machine's load hits both alike
        ours.append(child_start_time(APP_CHILD, str(path), str(tmp / f"p{i}.ini")))
        floor.append(child_start_time(BARE_CHILD))
    label = "bare PySide6 window + table"
    report("process start → main window shown", [o[0] for o in ours], [f[0] for f in floor], label)
    report(
        "  CPU time of the process until then", [o[1] for o in ours], [f[1] for f in floor], label
    )


def bench_in_process(path: Path, citizen_id: int, repeat: int, tmp: Path) -> None:
    from PySide6.QtCore import QSettings

    from trappe.ui.app import create_application
    from trappe.ui.main_window import MainWindow
    from trappe.ui.preferences import USER_NAME, Preferences

    app = create_application(["bench"])
    prefs = Preferences(QSettings(str(tmp / "inproc.ini"), QSettings.Format.IniFormat))
    prefs.set(USER_NAME, "Benchmark")
    window = MainWindow(prefs)
    window.resize(1366, 768)
    window.open_database(path, first_start=False)
    window.show()
    app.processEvents()
    assert window.store is not None

    # 2. Search, sort, jump and scroll: bench/bench_caseload.py (issue 12 items 1-3).

    # 3. Open a citizen with 200 meetings, beside a bare widget painting as much (S11a's row).
    from bench_open_citizen import bench_open_citizen

    bench_open_citizen(window, app, citizen_id, repeat)
    window.close()


def timed_setup(label: str, fn: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = fn()
    print(f"{label} in {time.perf_counter() - start:.1f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citizens", type=int, default=100_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    tmp_dir = tempfile.TemporaryDirectory()
    tmp = Path(tmp_dir.name)
    path = args.db or tmp / "bench.sqlite"
    if not path.exists():
        timed_setup(
            f"demo database with {args.citizens:,} citizens",
            lambda: build_demo_database(path, ACTOR, args.citizens, seed=1),
        )
    citizen_id = int(timed_setup("citizen with 200 meetings", lambda: ensure_bench_citizen(path)))
    n = open_store(path, ACTOR)
    count = n.scalar("SELECT count(*) FROM citizens")
    n.close()
    print(f"file: {path} ({path.stat().st_size / 1e6:.0f} MB, {count:,} citizens)")
    print(f"median of {args.repeat} runs:")
    bench_startup(path, args.repeat, tmp)
    bench_in_process(path, citizen_id, args.repeat, tmp)


if __name__ == "__main__":
    main()
