"""GUI benchmark at caseload scale: prints figures beside their floor, asserts nothing.

    .venv/bin/python bench/bench_gui.py [--citizens 100000] [--db PATH] [--repeat 5]
    .venv/bin/python bench/bench_gui.py --db PATH --startup-only --repeat 21
    .venv/bin/python bench/bench_gui.py --db PATH --instructions   (needs valgrind)

On a demo database (built with ``build_demo_database`` unless ``--db`` exists) it times:

1. process start → the window painted with the caseload's first page (a fresh Python process
   each run; a new user, and a returning one with saved window settings), beside a bare
   PySide6 process that reads the same file with ``sqlite3`` and paints the same screen
   (``startup_child.py``, ``startup_floor.py``; ``--startup-only`` for these rows alone);
2. (search, sorting, jumping and scrolling the list: ``bench_caseload.py``);
3. opening a citizen with 200 meetings (record read + all panes painted), beside the raw SQL
   that reads the same rows and a bare widget painting as many shapes and texts
   (``bench_open_citizen.py``).

Each figure is the median of ``--repeat`` runs; the ratio shows our overhead over the floor.
Start-up's runs are interleaved (Trappe, floor, Trappe, floor, …), and beside the ratio of the
medians each row prints the spread of the per-round ratios (Trappe's run over the floor's run
of the same round, which a change in the machine's load hits alike): their median and their
quartiles. On a shared machine the CPU rows are the ones to trust; wall clock includes the
time the process waited for a core.

``--instructions`` counts, once each, the instructions (``valgrind --tool=callgrind``) that
each start-up executes from launch to the first frame with the list's rows (the process ends
there: ``startup_child.py``), beside the floors': a figure that does not depend on the load.
"""

from __future__ import annotations

import argparse
import json
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


def median_ms(runs: list[float]) -> float:
    return statistics.median(runs) * 1000


def report(label: str, ours: list[float], floor: list[float], floor_label: str) -> None:
    """Medians (and, after them, the best runs: the least disturbed by other work); with the
    runs paired by round (interleaved runs), the per-round ratios' median and quartiles."""
    o, f = median_ms(ours), median_ms(floor)
    bo, bf = min(ours) * 1000, min(floor) * 1000
    ratio = o / f if f > 0 else float("inf")
    best = bo / bf if bf > 0 else float("inf")
    spread = ""
    if len(ours) == len(floor) >= 4 and min(floor) > 0:
        pairs = [a / b for a, b in zip(ours, floor, strict=True)]
        q1, q2, q3 = statistics.quantiles(pairs, n=4)
        spread = f"   per round ×{q2:.2f} [×{q1:.2f}–×{q3:.2f}]"
    print(
        f"  {label:<46} {o:7.1f} ms   floor {f:7.1f} ms   ×{ratio:.2f}{spread}"
        f"   (best {bo:6.1f} / {bf:6.1f} ms ×{best:.2f})   ({floor_label})"
    )


# Both children run on the same offscreen screen, a 1366×768 laptop's (Qt's offscreen platform
# reads its screens from this file), so both windows are maximised to the same size.
SCREEN = {
    "synchronousWindowSystemEvents": False,
    "windowFrameMargins": False,
    "screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}],
}
CHILD = ROOT / "bench" / "startup_child.py"


def child_env(tmp: Path) -> dict[str, str]:
    screen = tmp / "screen.json"
    if not screen.exists():
        screen.write_text(json.dumps(SCREEN))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    # Byte code as an installed Trappe has it: cached (in a folder of the bench's own, so the
    # source tree stays clean), also where the environment says PYTHONDONTWRITEBYTECODE,
    # which would otherwise make every start compile every module from source.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def child_start_time(tmp: Path, *args: str) -> list[float]:
    """One start of ``startup_child.py``: [wall seconds from launch to the first frame with the
    list's rows, CPU seconds by then, rows shown] and, for Trappe, [wall, CPU] once the work
    after the first paint is done."""
    env = child_env(tmp)
    start = time.time()
    out = subprocess.run(
        [sys.executable, str(CHILD), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = [float(x) for x in out.strip().splitlines()[-1].split()]
    if figures[2] < 1:
        raise RuntimeError(f"the list painted no rows: {out}")
    figures[0] -= start
    if len(figures) > 3:
        figures[3] -= start
    return figures


def child_instructions(tmp: Path, *args: str) -> int:
    """Instructions one start of ``startup_child.py`` executes from launch to the first frame
    with the list's rows (callgrind; the child ends there)."""
    env = child_env(tmp)
    env["TRAPPE_BENCH_STOP_AT_FRAME"] = "1"
    out = tmp / "callgrind.out"
    run = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            str(CHILD),
            *args,
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    out.unlink(missing_ok=True)
    if int(run.stdout.strip().splitlines()[-1].split()[2]) < 1:
        raise RuntimeError(f"the list painted no rows: {run.stdout}")
    for line in run.stderr.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1])
    raise RuntimeError(f"no instruction count from callgrind: {run.stderr[-500:]}")


def warm_up(tmp: Path, db: str, returning: str) -> None:
    """One start of each program before measuring: byte code written, the file in the page
    cache, and the returning user's settings saved."""
    child_start_time(tmp, "app", db, str(tmp / "warm.ini"))  # writes the byte code
    child_start_time(tmp, "app", db, returning)  # saves the returning user's settings
    child_start_time(tmp, "screen", db)
    child_start_time(tmp, "bare", db)


def bench_startup_instructions(path: Path, tmp: Path) -> None:
    """Instruction counts of the start-up rows (see ``bench_startup``), one run each."""
    db = str(path)
    returning = str(tmp / "returning.ini")
    warm_up(tmp, db, returning)
    new = child_instructions(tmp, "app", db, str(tmp / "i-new.ini"))
    back = child_instructions(tmp, "app", db, returning)
    floor = child_instructions(tmp, "screen", db)
    list_only = child_instructions(tmp, "bare", db)
    print("instructions from launch to the first frame with the list's rows (callgrind):")
    for label, ours, base in (
        ("new user, beside the same screen", new, floor),
        ("returning user, beside the same screen", back, floor),
        ("new user, beside the list-only floor", new, list_only),
    ):
        print(f"  {label:<46} {ours / 1e6:8.1f} M   floor {base / 1e6:8.1f} M   ×{ours / base:.3f}")


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
    """Process start → the first frame with the caseload's rows painted, Trappe beside a bare
    PySide6 program that reads the same file and paints the same screen (``screen``:
    ``startup_floor.py``: menus, toolbar, search, filters, the first page with its colours,
    the count), and beside the older floor that shows the list alone (``bare``).

    Both stop the clock at the same point: when the frame in which the list's viewport painted
    its rows has been drawn and flushed (the window's expose, or an update request after it,
    handled to its end). Trappe starts twice per round: as a new user (no saved settings) and
    as a returning one (its window's size, toolbar and dividers restored from the settings the
    last start saved: ``QMainWindow.restoreState``). Trappe then finishes what waits for the
    first paint (the citizen's panes, the file's check, the search's access-log entry, whether
    a backup is due; ``trappe.ui.after_paint``): the "ready" lines are the time until that is
    done too, beside the same floor.
    """
    db = str(path)
    returning = str(tmp / "returning.ini")
    warm_up(tmp, db, returning)
    new, back, floor, list_only = [], [], [], []
    for i in range(repeat):  # interleaved: a change in the machine's load hits all alike
        new.append(child_start_time(tmp, "app", db, str(tmp / f"p{i}.ini")))
        floor.append(child_start_time(tmp, "screen", db))
        back.append(child_start_time(tmp, "app", db, returning))
        list_only.append(child_start_time(tmp, "bare", db))
    label = "bare PySide6 + sqlite3, the same screen"
    for title, ours in (("new user", new), ("returning user (saved state)", back)):
        report(
            f"start → list painted, {title}",
            [o[0] for o in ours],
            [f[0] for f in floor],
            label,
        )
        report(
            "  CPU time of the process until then",
            [o[1] for o in ours],
            [f[1] for f in floor],
            label,
        )
        report(
            "  … and the work after the first paint done",
            [o[3] for o in ours],
            [f[0] for f in floor],
            label,
        )
        report(
            "  CPU time of the process until then",
            [o[4] for o in ours],
            [f[1] for f in floor],
            label,
        )
    label = "bare PySide6 + sqlite3, the list alone"
    report(
        "new user, beside the list-only floor",
        [o[0] for o in new],
        [f[0] for f in list_only],
        label,
    )
    report(
        "  CPU time of the process until then",
        [o[1] for o in new],
        [f[1] for f in list_only],
        label,
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
    parser.add_argument("--startup-only", action="store_true", help="only the start-up rows")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="only the start-up rows' instruction counts (valgrind's callgrind), one run each",
    )
    args = parser.parse_args()
    tmp_dir = tempfile.TemporaryDirectory()
    tmp = Path(tmp_dir.name)
    path = args.db or tmp / "bench.sqlite"
    if not path.exists():
        timed_setup(
            f"demo database with {args.citizens:,} citizens",
            lambda: build_demo_database(path, ACTOR, args.citizens, seed=1),
        )
    citizen_id = 0
    if not (args.startup_only or args.instructions):
        citizen_id = int(
            timed_setup("citizen with 200 meetings", lambda: ensure_bench_citizen(path))
        )
    n = open_store(path, ACTOR)
    count = n.scalar("SELECT count(*) FROM citizens")
    n.close()
    print(f"file: {path} ({path.stat().st_size / 1e6:.0f} MB, {count:,} citizens)")
    if args.instructions:
        bench_startup_instructions(path, tmp)
        return
    print(f"median of {args.repeat} runs:")
    bench_startup(path, args.repeat, tmp)
    if args.startup_only:
        return
    bench_in_process(path, citizen_id, args.repeat, tmp)


if __name__ == "__main__":
    main()
