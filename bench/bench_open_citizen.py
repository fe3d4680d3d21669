"""Opening a citizen with 200 meetings, all panes painted, beside its floor (issue 12 item 4).

    .venv/bin/python bench/bench_open_citizen.py [--db PATH] [--citizens N] [--repeat 9] [--no-new]
    .venv/bin/python bench/bench_open_citizen.py --db PATH --instructions [--repeat 3]
        [--profiles DIR]   (needs valgrind)

(``bench_gui.py`` runs the same row among its figures.)

**Trappe**: the time from asking for the citizen to the end of the one event-loop pass that
paints every pane: reading the record, filling the header, the staircase, the chart, the
meetings and agreements, and painting them, as the user sees it.

A second row times the most common opening: going down the list, from another citizen (the
one before this one by name, painted) to this one, rather than from the empty window.

Those two rows open the same citizen again and again, so whatever Trappe keeps per citizen or
per text (measured agreement heights, the chart's planned paths, the staircase's picture, the
placements and meetings read before while the citizen's stamp is unchanged: ``records._Reuse``;
the citizen's own row is read and the opening logged every time) is warm in them. A third
row opens, from the empty window, citizens **never opened or painted before in this process**
(``ensure_new_citizens``: 200 meetings each, like the bench citizen, with texts and dates of
their own, created once in the file): what a caseworker meets when opening a citizen for the
first time that day. Its floor reads another such citizen, never
read before, and paints that citizen's own agreement texts (as many shapes and characters as
Trappe painted for the citizen it opened), so neither side finds its rows or texts warm.

**The floor**: the same rows read with hand-written SQL (and the same audit entry written: an
opening is logged, linked into the log's hash chain), plus a bare ``QWidget`` of the same size
that paints, in one ``paintEvent``, as many rectangles, ellipses, polygons, paths, lines,
pixmaps and texts (with as many characters) as Trappe's panes paint for that citizen. The
counts come from rendering Trappe's panes into a counting paint device, so the floor is what
those pictures cost with no decisions, no layout and no Python in between.

Both run in the same process, alternately, so a busy machine slows both alike; each figure is
the median of ``--repeat`` runs, and the ratio is Trappe's figure over the floor.

``--instructions`` runs the same rows once more in a child under ``valgrind --tool=callgrind``
and prints, for each row, the instructions of Trappe's opening beside its floor's (the median of
``--repeat`` runs, 3 unless told), which depend little on how busy the machine is. Collection
is off (``--collect-atstart=no``) except inside each measured span: the span runs through
``sys.call_tracing`` (a C function nothing else calls), which callgrind toggles collection on
(``--toggle-collect``) and dumps the counts after (``--dump-after``), one dump per span. The
span is exactly the timed one (asking for the citizen up to the end of the event-loop pass
that paints it; for the floor its SQL, audit entry and paint); the warm-up openings are spans
too but are not counted. ``--profiles DIR`` keeps each span's dump (``trappe-empty-1.out``, …)
for ``callgrind_annotate``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QColor,
    QPaintDevice,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402


# -- counting what Trappe paints ---------------------------------------------------------------
class CountingEngine(QPaintEngine):
    """A paint engine that draws nothing and counts each kind of drawing call."""

    KINDS = ("rects", "ellipses", "polygons", "paths", "lines", "pixmaps", "texts", "chars")

    def __init__(self) -> None:
        super().__init__(QPaintEngine.PaintEngineFeature.AllFeatures)
        self.counts = dict.fromkeys(self.KINDS, 0)

    def _add(self, kind: str, n: int = 1) -> None:
        self.counts[kind] += n

    def begin(self, device: Any) -> bool:
        return True

    def end(self) -> bool:
        return True

    def type(self) -> QPaintEngine.Type:
        return QPaintEngine.Type.User

    def updateState(self, state: Any) -> None:
        pass

    def drawRects(self, *args: Any) -> None:
        self._add("rects")

    def drawEllipse(self, *args: Any) -> None:
        self._add("ellipses")

    def drawPolygon(self, *args: Any) -> None:
        self._add("polygons")

    def drawPath(self, *args: Any) -> None:
        self._add("paths")

    def drawLines(self, *args: Any) -> None:
        self._add("lines")

    def drawPixmap(self, *args: Any) -> None:
        self._add("pixmaps")

    def drawTiledPixmap(self, *args: Any) -> None:
        self._add("pixmaps")

    def drawImage(self, *args: Any) -> None:
        self._add("pixmaps")

    def drawTextItem(self, position: Any, item: Any) -> None:
        self._add("texts")
        self._add("chars", len(item.text()))


class CountingDevice(QPaintDevice):
    def __init__(self, width: int, height: int) -> None:
        super().__init__()
        self.engine = CountingEngine()
        self._size = (width, height)

    def paintEngine(self) -> QPaintEngine:
        return self.engine

    def metric(self, metric: QPaintDevice.PaintDeviceMetric) -> int:
        m = QPaintDevice.PaintDeviceMetric
        width, height = self._size
        return {
            m.PdmWidth: width,
            m.PdmHeight: height,
            m.PdmWidthMM: round(width * 25.4 / 96),
            m.PdmHeightMM: round(height * 25.4 / 96),
            m.PdmDpiX: 96,
            m.PdmDpiY: 96,
            m.PdmPhysicalDpiX: 96,
            m.PdmPhysicalDpiY: 96,
            m.PdmDepth: 32,
            m.PdmDevicePixelRatio: 1,
            m.PdmDevicePixelRatioScaled: 65536,
        }.get(metric, 0)


def count_painting(widgets: list[QWidget]) -> dict[str, int]:
    """How many of each drawing call rendering these widgets (and their children) makes."""
    total = dict.fromkeys(CountingEngine.KINDS, 0)
    for w in widgets:
        device = CountingDevice(max(1, w.width()), max(1, w.height()))
        w.render(device)
        for kind, n in device.engine.counts.items():
            total[kind] += n
    return total


# -- the floor: a bare widget painting as much ------------------------------------------------
class FloorWidget(QWidget):
    """Paints ``counts`` of each kind of shape and text, with no decisions in between."""

    def __init__(self, counts: dict[str, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.painted = 0
        self.set_counts(counts)
        self.pixmap = QPixmap(14, 14)
        self.pixmap.fill(QColor("#1d3557"))

    def set_counts(self, counts: dict[str, int], words: str = "") -> None:
        """Paint ``counts`` from now on; the texts cut from ``words`` (a citizen's own texts,
        each text as long as Trappe's are on average), or one made-up text repeated."""
        self.counts = counts
        texts = max(1, counts["texts"])
        per_text = max(1, round(counts["chars"] / texts))
        words = words or "Samtale 17 aftale praktik "
        words = words * (per_text * texts // len(words) + 1)
        self.texts = [words[i * per_text : (i + 1) * per_text] for i in range(texts)]

    def paintEvent(self, event: QPaintEvent) -> None:
        c = self.counts
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        w, h = max(50, self.width() - 40), max(50, self.height() - 20)
        p.fillRect(self.rect(), QColor("white"))
        p.setBrush(QColor("#a9c4dd"))
        for i in range(c["rects"]):
            p.drawRect(QRectF(i * 7 % w, i * 13 % h, 30, 12))
        p.setBrush(QColor("#1d3557"))
        for i in range(c["ellipses"]):
            p.drawEllipse(QPointF(i * 11 % w + 8, i * 17 % h + 8), 6, 6)
        for i in range(c["polygons"]):
            x, y = i * 13 % w + 8, i * 19 % h + 8
            p.drawPolygon(
                QPolygonF([QPointF(x, y - 6), QPointF(x + 6, y + 4), QPointF(x - 6, y + 4)])
            )
        for i in range(c["paths"]):
            path = QPainterPath()
            x, y = i * 17 % w, i * 23 % h
            path.moveTo(x, y)
            path.lineTo(x + 20, y)
            path.lineTo(x + 20, y + 10)
            path.lineTo(x + 40, y + 10)
            p.drawPath(path)
        for i in range(c["lines"]):
            p.drawLine(QPointF(i * 5 % w, i * 9 % h), QPointF(i * 5 % w + 30, i * 9 % h))
        for i in range(c["pixmaps"]):
            p.drawPixmap(QPointF(i * 9 % w, i * 15 % h), self.pixmap)
        p.setPen(QColor("#111111"))
        texts = self.texts
        for i in range(c["texts"]):
            p.drawText(QRectF(i * 23 % w, i * 17 % h, 200, 16), 0, texts[i % len(texts)])
        p.end()
        self.painted += 1


# -- the benchmark ------------------------------------------------------------------------------
SPANS: list[str] = []  # under callgrind: the label of each measured span, in order
SPAN_FUNCTION = "_PyEval_CallTracing"  # what ``sys.call_tracing`` runs its callable in


def measure(label: str, work: Callable[[], Any]) -> tuple[float, float, Any]:
    """Run ``work``; its wall and CPU time (s) and what it returned. Under callgrind (``--child``)
    the work runs inside ``SPAN_FUNCTION``, whose instructions alone are counted, one dump each."""
    result: list[Any] = []
    start, cpu = time.perf_counter(), time.process_time()
    if CALLGRIND:
        SPANS.append(label)
        sys.call_tracing(lambda: result.append(work()), ())
    else:
        result.append(work())
    return time.perf_counter() - start, time.process_time() - cpu, result[0]


CALLGRIND = False  # set by ``--child``: running under callgrind, spans marked


class PaintWatch(QObject):
    """Which watched panes received a paint event."""

    def __init__(self, panes: list[QWidget]) -> None:
        super().__init__()
        self.seen: set[int] = set()
        for pane in panes:
            pane.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.seen.add(id(watched))
        return False


def panes_of(window: Any) -> list[QWidget]:
    """The panes that show the citizen (the right-hand side of the window)."""
    return [window.header, window.staircase_view, window.history]


def neighbour_of(store: Any, citizen_id: int) -> int:
    """The citizen just before this one in the list by name (or after it, if it is first)."""
    name = store.query_one("SELECT name FROM citizens WHERE id = ?", (citizen_id,))[0]
    row = store.query_one(
        "SELECT id FROM citizens WHERE name < ? AND status = 'active' ORDER BY name DESC LIMIT 1",
        (name,),
    ) or store.query_one(
        "SELECT id FROM citizens WHERE name > ? AND status = 'active' ORDER BY name LIMIT 1",
        (name,),
    )
    return int(row[0])


NEW_NAME = "Benchmark Uåbnet Borger"  # sorts after the bench citizen: not its neighbour


def ensure_new_citizens(path: Path, count: int) -> list[int]:
    """``count`` citizens with 200 meetings each, made like the bench citizen but each with
    dates, notes and agreement texts of its own (created once in the file; their names sort
    after the bench citizen's, so its neighbour in the list stays the same)."""
    import bench_gui

    from trappe.model import citizens, meetings, staircase
    from trappe.model.entities import Agreement, CitizenInput, MeetingInput, Responsible
    from trappe.model.store import open_store

    store = open_store(path, bench_gui.ACTOR)
    try:
        found = {
            row[1]: int(row[0])
            for row in store.query(
                "SELECT id, name FROM citizens WHERE name LIKE ?", (NEW_NAME + " %",)
            )
        }
        steps = staircase.load_staircase(store).steps
        ids = []
        for k in range(1, count + 1):
            name = f"{NEW_NAME} {k:03d}"
            if name in found:
                ids.append(found[name])
                continue
            start = date.today() - timedelta(days=2100 + 3 * k)
            c = citizens.create_citizen(store, CitizenInput(name=name, start_date=start))
            with store.write():
                for i in range(200):
                    held = start + timedelta(days=10 * i + 1 + k % 3)
                    meetings.record_meeting(
                        store,
                        c.id,
                        MeetingInput(
                            held_on=held,
                            professional_step_id=steps[(i // 30 + k) % len(steps)].id,
                            citizen_step_id=steps[(i // 25 + k) % len(steps)].id,
                            participants="Borger, sagsbehandler",
                            caseworker_note=f"Samtale {i + 1} med borger {k}.",
                            next_meeting_on=held + timedelta(days=10),
                            agreements=[
                                Agreement(
                                    f"Borger {k}: aftale {i + 1} om {_WORDS[(i + k) % 7]}",
                                    Responsible.CITIZEN,
                                    held + timedelta(7 + k % 5),
                                )
                            ],
                        ),
                    )
            ids.append(c.id)
        return ids
    finally:
        store.close()


_WORDS = ("praktik", "lægebesøg", "jobsøgning", "kursus", "mentor", "transport", "bolig")


def bench_open_citizen(
    window: Any, app: QApplication, citizen_id: int, repeat: int, new_ids: list[int] | None = None
) -> dict:
    """Print Trappe's figures (from the empty window; from another citizen; citizens never
    opened before, if ``new_ids`` holds 2 × ``repeat`` of them), the floor and the ratios;
    return them (ms)."""
    from trappe.ui.after_paint import work_pending

    while work_pending():  # what waits for the window's first paint is done, as in use
        time.sleep(0.01)
        app.processEvents()
    store = window.store
    assert store is not None
    other_id = neighbour_of(store, citizen_id)
    watched = [window.staircase_view, window.history.chart, window.header]
    watch = PaintWatch(watched)

    def open_and_paint(which: int) -> None:
        window.show_citizen(which)
        app.processEvents()

    def trappe_once(before: int | None = None, label: str = "warm") -> tuple[float, float]:
        if before is None:
            window.show_record(None)
        else:
            window.show_citizen(before)
        app.processEvents()
        watch.seen.clear()
        wall, cpu, _ = measure(label, lambda: open_and_paint(citizen_id))
        assert len(watch.seen) == len(watched), "each visible pane must paint within the timing"
        return wall, cpu

    trappe_once()  # the first open warms Qt's and our caches, as any later open finds them
    assert window.record is not None and len(window.record.meetings) == 200
    counts = count_painting(panes_of(window))
    size = window.centre_splitter.size()

    floor_window = QWidget()
    floor_window.setWindowTitle("floor")
    floor_window.resize(size)
    floor = FloorWidget(counts, floor_window)
    floor.resize(size)
    floor_window.show()
    app.processEvents()

    from trappe.model.audit_chain import _LAST_AND_CANONICAL, GENESIS

    entry = {
        "user_name": "Benchmark",
        "os_user": store.actor.os_user,
        "user_role": "caseworker",
        "action": "read",
        "object_type": "citizen",
        "object_id": citizen_id,
        "citizen_id": citizen_id,
        "details": "",
    }

    def raw_sql(citizen_id: int = citizen_id) -> list[Any]:
        q = store.conn.execute
        entry["object_id"] = entry["citizen_id"] = citizen_id
        # Opening a citizen is logged (the audit log): the floor writes the same row, in
        # its own transaction, durable as Trappe's, and linked into the log's hash chain as
        # every entry is (the last link and the entry's canonical text in one statement,
        # one sha256).
        q("BEGIN IMMEDIATE")
        entry["at"] = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
        last_id, last_hash, canonical = q(_LAST_AND_CANONICAL, entry).fetchone()
        prev = bytes(last_hash) if last_hash is not None else GENESIS
        q(
            "INSERT INTO audit_log (id, at, user_name, os_user, user_role, action, object_type,"
            " object_id, citizen_id, details, hash) VALUES (?, ?, 'Benchmark', ?, 'caseworker',"
            " 'read', 'citizen', ?, ?, '', ?)",
            (
                (last_id or 0) + 1,
                entry["at"],
                entry["os_user"],
                citizen_id,
                citizen_id,
                hashlib.sha256(prev + canonical.encode()).digest(),
            ),
        )
        q("COMMIT")
        q("SELECT * FROM citizens WHERE id = ?", (citizen_id,)).fetchall()
        q("SELECT * FROM placements WHERE citizen_id = ?", (citizen_id,)).fetchall()
        q("SELECT * FROM meetings WHERE citizen_id = ?", (citizen_id,)).fetchall()
        agreements = q("SELECT * FROM agreements WHERE citizen_id = ?", (citizen_id,)).fetchall()
        q(
            "SELECT a.* FROM activities a JOIN meetings m ON m.id = a.meeting_id"
            " WHERE m.citizen_id = ?",
            (citizen_id,),
        ).fetchall()
        return agreements

    def read_and_paint() -> None:
        raw_sql()
        floor.update()
        app.processEvents()

    def floor_once(label: str = "warm") -> tuple[float, float]:
        app.processEvents()
        before = floor.painted
        wall, cpu, _ = measure(label, read_and_paint)
        assert floor.painted == before + 1
        return wall, cpu

    floor_once()
    trappe_once(other_id)
    ours, bare, switch, bare2 = [], [], [], []
    for _ in range(repeat):  # alternately, so both meet the same machine
        ours.append(trappe_once(label="trappe-empty"))
        bare.append(floor_once("floor-empty"))
        switch.append(trappe_once(other_id, "trappe-switch"))
        bare2.append(floor_once("floor-switch"))
    cold, bare3 = [], []
    if new_ids:
        # Citizens never opened before: Trappe opens one, the floor reads another (so neither
        # finds the other's rows in SQLite's cache) and paints that citizen's own texts, as
        # many shapes and characters as Trappe painted for the citizen it opened.
        what: list[int] = []  # the column of the agreements' texts, found once
        for trappe_id, floor_id in zip(new_ids[0::2], new_ids[1::2], strict=True):
            window.show_record(None)
            app.processEvents()
            watch.seen.clear()
            wall, cpu, _ = measure("trappe-new", lambda t=trappe_id: open_and_paint(t))
            cold.append((wall, cpu))
            assert len(watch.seen) == len(watched), "each visible pane must paint"
            assert window.record is not None and len(window.record.meetings) == 200
            new_counts = count_painting(panes_of(window))
            app.processEvents()
            before = floor.painted

            def read_and_paint_new(floor_id: int = floor_id, new_counts: dict = new_counts) -> None:
                rows = raw_sql(floor_id)
                if not what:
                    what.append(next(i for i, n in enumerate(rows[0].keys()) if n == "what"))
                floor.set_counts(new_counts, " ".join(row[what[0]] for row in rows))
                floor.update()
                app.processEvents()

            wall, cpu, _ = measure("floor-new", read_and_paint_new)
            bare3.append((wall, cpu))
            assert floor.painted == before + 1
    floor_window.close()
    if CALLGRIND:
        print("SPANS " + " ".join(SPANS), flush=True)
        return {}

    def med(runs: list[tuple[float, float]], i: int) -> float:
        return statistics.median(r[i] for r in runs) * 1000

    o, f = med(ours, 0), med(bare, 0)
    oc, fc = med(ours, 1), med(bare, 1)
    shapes = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
    label = "open a citizen with 200 meetings"
    print(f"  {label:<44} {o:9.1f} ms   floor {f:8.1f} ms   ×{o / f:.1f}")
    print(f"  {'  the same, CPU time of this process':<44} {oc:9.1f} ms   floor {fc:8.1f} ms")
    s, f2 = med(switch, 0), med(bare2, 0)
    sc, fc2 = med(switch, 1), med(bare2, 1)
    label2 = "  the same, from another citizen"
    print(f"  {label2:<44} {s:9.1f} ms   floor {f2:8.1f} ms   ×{s / f2:.1f}")
    print(f"  {'    CPU time of this process':<44} {sc:9.1f} ms   floor {fc2:8.1f} ms")
    if cold:
        n, f3 = med(cold, 0), med(bare3, 0)
        nc, fc3 = med(cold, 1), med(bare3, 1)
        label3 = f"  the same, never opened before ({len(cold)} citizens)"
        print(f"  {label3:<44} {n:9.1f} ms   floor {f3:8.1f} ms   ×{n / f3:.1f}")
        print(f"  {'    CPU time of this process':<44} {nc:9.1f} ms   floor {fc3:8.1f} ms")
    print(
        "    floor: the same rows read and the audit entry written by hand-written SQL"
        f" + a bare widget painting {shapes}"
    )
    return {
        "trappe_ms": o,
        "floor_ms": f,
        "ratio": o / f,
        "cpu_ms": oc,
        "switch_ms": s,
        "switch_floor_ms": f2,
        "switch_ratio": s / f2,
        "switch_cpu_ms": sc,
        "counts": counts,
        "new_ms": med(cold, 0) if cold else None,
        "new_floor_ms": med(bare3, 0) if cold else None,
        "new_cpu_ms": med(cold, 1) if cold else None,
        "new_floor_cpu_ms": med(bare3, 1) if cold else None,
    }


ROWS = (
    ("empty", "open a citizen with 200 meetings"),
    ("switch", "  the same, from another citizen"),
    ("new", "  the same, never opened before"),
)


def bench_instructions(path: Path, repeat: int, new: bool, profiles: Path | None) -> None:
    """Run the rows in a child under callgrind, one dump per measured span; print each row's
    median instruction count beside its floor's."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        run = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--collect-atstart=no",
                f"--toggle-collect={SPAN_FUNCTION}",
                f"--dump-after={SPAN_FUNCTION}",
                # (each dump names its functions in full: callgrind_annotate reads one alone)
                "--compress-strings=no",
                "--compress-pos=no",
                f"--callgrind-out-file={out}",
                sys.executable,
                str(Path(__file__).resolve()),
                "--child",
                "--db",
                str(path),
                "--repeat",
                str(repeat),
                *([] if new else ["--no-new"]),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        spans = [line for line in run.stdout.splitlines() if line.startswith("SPANS ")]
        if run.returncode != 0 or not spans:
            raise RuntimeError(f"the child under callgrind failed: {run.stderr[-2000:]}")
        labels = spans[-1].split()[1:]
        counts: dict[str, list[int]] = {}
        seen: dict[str, int] = {}
        for part, label in enumerate(labels, start=1):
            dump = out.with_name(f"{out.name}.{part}")
            text = dump.read_text()
            summary = next(line for line in text.splitlines() if line.startswith("summary:"))
            counts.setdefault(label, []).append(int(summary.split()[1]))
            if profiles is not None and label != "warm":
                profiles.mkdir(parents=True, exist_ok=True)
                seen[label] = seen.get(label, 0) + 1
                dump.replace(profiles / f"{label}-{seen[label]}.out")
    print(f"instructions (callgrind), median of {repeat} runs:")
    for row, label in ROWS:
        if f"trappe-{row}" not in counts:
            continue
        ours = statistics.median(counts[f"trappe-{row}"])
        base = statistics.median(counts[f"floor-{row}"])
        print(f"  {label:<44} {ours / 1e6:8.2f} M   floor {base / 1e6:8.2f} M   ×{ours / base:.2f}")


def main() -> None:
    global CALLGRIND
    import bench_gui

    from trappe.model.demo import build_demo_database
    from trappe.ui.app import create_application
    from trappe.ui.main_window import MainWindow
    from trappe.ui.preferences import USER_NAME, Preferences

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--citizens", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument(
        "--no-new",
        dest="new",
        action="store_false",
        help="leave out the row of citizens never opened before (it creates 2 × repeat"
        " citizens with 200 meetings in the file the first time)",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="instruction counts (valgrind's callgrind) of each row and its floor instead of"
        " times; --repeat defaults to 3 here",
    )
    parser.add_argument(
        "--profiles", type=Path, help="with --instructions: keep each span's callgrind dump here"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.instructions and args.repeat == parser.get_default("repeat"):
        args.repeat = 3
    tmp_dir = tempfile.TemporaryDirectory()
    tmp = Path(tmp_dir.name)
    path = args.db or tmp / "bench.sqlite"
    if not path.exists():
        build_demo_database(path, bench_gui.ACTOR, args.citizens, seed=1)
    citizen_id = bench_gui.ensure_bench_citizen(path)
    new_ids = ensure_new_citizens(path, 2 * args.repeat) if args.new else None
    if args.instructions:
        bench_instructions(path, args.repeat, args.new, args.profiles)
        return
    CALLGRIND = args.child
    app = create_application(["bench"])
    prefs = Preferences(QSettings(str(tmp / "open.ini"), QSettings.Format.IniFormat))
    prefs.set(USER_NAME, "Benchmark")
    window = MainWindow(prefs)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1366, 768)
    window.open_database(path, first_start=False)
    window.show()
    app.processEvents()
    print(f"median of {args.repeat} runs, window {window.width()}×{window.height()}:")
    bench_open_citizen(window, app, citizen_id, args.repeat, new_ids)
    window.close()


if __name__ == "__main__":
    main()
