"""How fast are dialogue sheets made, and how much of that is Trappe's own overhead?

Prints sheets per second for a batch of 1,000 citizens (``trappe.sheet.render_batch``:
reading each citizen from SQLite, building the sheet data, laying out the staircase,
measuring and wrapping every Paragraph, drawing, writing one PDF), beside the rate of bare
reportlab drawing the same page's primitives: the canvas calls of one typical sheet are
recorded once (every rect, path, string, text-object call, colour and font change) and
replayed onto a plain canvas page after page. The ratio is our overhead over the drawing
itself. Figures are printed, never asserted.

    .venv/bin/python bench/bench_sheet.py [--citizens 1000] [--seed 1]
    .venv/bin/python bench/bench_sheet.py --db COPY_OF_100K.sqlite [--citizens 1000]

With ``--db`` the batch is the first ``--citizens`` active citizens of that database (use a
copy: nothing is written to it, but a store opens it read-write).

Batch memory (``--memory-db COPY --memory-sheets 4000,20000,40000,all [--memory-only]``): a
batch as ``trappe sheet --all`` makes it (the caseload's first N, or all, audit entries
written: use a copy), in a fresh process; its whole process tree is sampled four times a
second, and the peak RSS and PSS of each process (the batch's own, the resource tracker,
each worker) and of the tree's sum are printed. RSS counts a shared page in every process
that maps it; PSS shares it out, so the tree's PSS is what the batch takes from the machine.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import load_note

from trappe.model.entities import Actor, Role
from trappe.model.store import Store, open_store


# -- demo data ------------------------------------------------------------------------------
def make_database(path: Path, citizens: int, seed: int) -> Store:
    actor = Actor("Bench Bruger", Role.CASEWORKER)
    try:
        from trappe.model.demo import build_demo_database
    except ImportError:
        build_demo_database = None
    if build_demo_database is not None:
        build_demo_database(path, actor, citizens, seed, today=date(2026, 11, 22))
        return open_store(path, actor)
    return _make_with_model(path, actor, citizens, seed)


def _make_with_model(path: Path, actor: Actor, n: int, seed: int) -> Store:
    """Fallback: citizens with three meetings each, through the model's own operations."""
    import random

    from trappe.model import citizens, meetings, staircase
    from trappe.model.entities import Agreement, CitizenInput, MeetingInput, Responsible

    rng = random.Random(seed)
    store = open_store(path, actor)
    steps = staircase.load_staircase(store).steps
    names = ["Åse", "Bjørn", "Ærling", "Mette", "Ahmad", "Sofie", "Kåre", "Zainab"]
    for i in range(n):
        c = citizens.create_citizen(
            store,
            CitizenInput(
                name=f"{rng.choice(names)} {rng.choice(names)}sen {i}",
                start_date=date(2025, 1, 6),
                goal_step_id=steps[rng.randrange(3, len(steps))].id,
            ),
        )
        step = rng.randrange(0, 3)
        for m in range(3):
            step = max(0, min(len(steps) - 1, step + rng.choice((-1, 0, 0, 1))))
            meetings.record_meeting(
                store,
                c.id,
                MeetingInput(
                    held_on=date(2025, 2 + 2 * m, 3),
                    professional_step_id=steps[step].id,
                    citizen_step_id=steps[min(len(steps) - 1, step + rng.choice((0, 1)))].id,
                    participants="Borger, sagsbehandler",
                    next_meeting_on=date(2025, 3 + 2 * m, 3),
                    agreements=[
                        Agreement("Ring til praktikstedet", Responsible.CITIZEN, date(2025, 4, 1))
                    ],
                ),
            )
    return store


# -- recording one sheet's canvas calls -----------------------------------------------------
class _Ref:
    def __init__(self, oid: int) -> None:
        self.oid = oid


class _Recorder:
    """Forwards every call to the real object and logs it (text and path objects too)."""

    def __init__(self, target: Any, log: list, oid: int, counter: list[int]) -> None:
        object.__setattr__(self, "_t", target)
        object.__setattr__(self, "_log", log)
        object.__setattr__(self, "_oid", oid)
        object.__setattr__(self, "_counter", counter)

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._t, name)
        if not callable(attr) or name.startswith("__"):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            real_args = [a._t if isinstance(a, _Recorder) else a for a in args]
            logged = [_Ref(a._oid) if isinstance(a, _Recorder) else a for a in args]
            result = attr(*real_args, **kwargs)
            if name in ("beginText", "beginPath"):
                self._counter[0] += 1
                oid = self._counter[0]
                self._log.append((self._oid, name, logged, kwargs, oid))
                return _Recorder(result, self._log, oid, self._counter)
            self._log.append((self._oid, name, logged, kwargs, None))
            return result

        return call

    def __setattr__(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)


SKIP = {"begin_sheet", "end_sheet", "showPage", "save"}


def record_sheet(store: Store, citizen_id: int) -> list:
    from trappe.sheet import pdf
    from trappe.sheet.data import citizen_sheet_data, load_context

    data = citizen_sheet_data(store, load_context(store), citizen_id)
    canv = pdf.new_canvas(io.BytesIO(), title="t", author="a", subject="s", invariant=True)
    # The floor draws every part of the page itself: no form XObjects reused across sheets
    # (``page.reuse`` draws directly on a canvas without a ``reused`` table).
    canv.reused = None
    log: list = []
    proxy = _Recorder(canv, log, 0, [0])
    pdf.draw_sheet(proxy, data, pdf_datetime())  # type: ignore[arg-type]
    return [entry for entry in log if entry[1] not in SKIP]


def pdf_datetime():
    from datetime import datetime

    return datetime(2026, 11, 22, 9, 15)


def replay(log: list, pages: int) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from trappe.sheet.fonts import REGULAR, register_fonts

    register_fonts()
    out = io.BytesIO()
    canv = Canvas(out, pagesize=A4, pageCompression=1, initialFontName=REGULAR)
    for _ in range(pages):
        objects: dict[int, Any] = {0: canv}
        for owner, name, args, kwargs, oid in log:
            target = objects[owner]
            real = [objects[a.oid] if isinstance(a, _Ref) else a for a in args]
            result = getattr(target, name)(*real, **kwargs)
            if oid is not None:
                objects[oid] = result
        canv.showPage()
    canv.save()
    return out.getvalue()


MEMORY_CHILD = """
import sys, time
from pathlib import Path
from trappe.model.caseload import CitizenQuery, citizen_ids
from trappe.model.entities import Actor
from trappe.model.store import open_store
from trappe.sheet import render_batch
if __name__ == "__main__":
    store = open_store(Path(sys.argv[1]), Actor("Bench"), create=False)
    ids = citizen_ids(store, CitizenQuery())  # what trappe sheet --all prints, in its order
    if sys.argv[2] != "all":
        ids = ids[: int(sys.argv[2])]
    start = time.perf_counter()
    render_batch(store, ids, Path(sys.argv[3]), workers=int(sys.argv[4]))
    print(len(ids), time.perf_counter() - start)
"""


def batch_memory(db: Path, sheets: str, out: Path, workers: int) -> tuple[int, float, Any]:
    """(sheets, seconds, ``TreePeaks``) for a batch as ``trappe sheet --all`` makes it (audit
    entries written), in a fresh process whose tree (the batch process, the resource
    tracker, the workers) is sampled for its peak RSS and PSS."""
    import os

    from _proctree import run_sampled

    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    script = out.with_suffix(".py")  # (a file: spawned workers import the main module)
    script.write_text(MEMORY_CHILD)
    stdout, peaks = run_sampled(
        [sys.executable, str(script), str(db), sheets, str(out), str(workers)], env=env
    )
    n, took = stdout.split()
    return int(n), float(took), peaks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citizens", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds to time")
    parser.add_argument(
        "--db", type=Path, help="an existing database (a copy) instead of demo data"
    )
    parser.add_argument(
        "--memory-db", type=Path, help="a large database: measure a batch's memory on it"
    )
    parser.add_argument(
        "--memory-sheets", default="1000,4000", help="sizes, comma-separated; all: --all"
    )
    parser.add_argument("--memory-workers", default="1,2", help="process counts to measure")
    parser.add_argument(
        "--memory-only", action="store_true", help="only the memory rounds (needs --memory-db)"
    )
    args = parser.parse_args()

    from trappe.sheet import render_batch

    if args.memory_only:
        with tempfile.TemporaryDirectory() as tmp:
            memory_rounds(args, Path(tmp))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        if args.db is not None:
            store = open_store(args.db, Actor("Bench Bruger", Role.CASEWORKER), create=False)
            ids = [
                r[0]
                for r in store.query(
                    "SELECT id FROM citizens WHERE status = 'active' ORDER BY id LIMIT ?",
                    (args.citizens,),
                )
            ]
            print(f"{args.db.name}: the first {len(ids)} active citizens")
        else:
            store = make_database(Path(tmp) / "bench.sqlite", args.citizens, args.seed)
            ids = [r[0] for r in store.query("SELECT id FROM citizens ORDER BY id")]
            ids = ids[: args.citizens]
            print(f"demo database: {len(ids)} citizens in {time.perf_counter() - t0:.1f} s")

        out = Path(tmp) / "batch.pdf"
        # The recorded sheet: the citizen with the most canvas calls among a few, so the
        # baseline draws at least as much as a typical sheet.
        logs = [record_sheet(store, cid) for cid in ids[:20]]
        log = max(logs, key=len)
        # Rounds interleave Trappe (one core, both cores) and the floor, so a busy spell on
        # this shared machine hits both; the best round of each is printed, and the median.
        runs: dict[str, list[tuple[float, float]]] = {"one": [], "both": [], "floor": []}
        for _ in range(max(1, args.rounds)):
            for workers, name in ((1, "one"), (2, "both")):
                t0, c0 = time.perf_counter(), time.process_time()
                written = render_batch(store, ids, out, log_action=None, workers=workers)
                # (CPU time counts for one core only: drawn in this process)
                runs[name].append(
                    (written / (time.perf_counter() - t0), written / (time.process_time() - c0))
                )
            t0, c0 = time.perf_counter(), time.process_time()
            data = replay(log, written)
            runs["floor"].append(
                (written / (time.perf_counter() - t0), written / (time.process_time() - c0))
            )
        pages = len(__import__("re").findall(rb"/Type /Page\b", out.read_bytes()))

        def best(name: str, i: int = 0) -> float:
            return max(r[i] for r in runs[name])

        def median(name: str, i: int = 0) -> float:
            return statistics.median(r[i] for r in runs[name])

        print(
            f"trappe.sheet.render_batch: {written} sheets ({pages} pages,"
            f" {out.stat().st_size / 1e6:.1f} MB); bare reportlab replay of one sheet's"
            f" {len(log)} canvas calls: {written} pages ({len(data) / 1e6:.1f} MB);"
            f" best (median) of {len(runs['one'])} interleaved rounds:"
        )
        for label, of in (("best", best), ("median", median)):
            one, floor = of("one"), of("floor")
            one_cpu, floor_cpu = of("one", 1), of("floor", 1)
            print(
                f"  {label}: sheets/s, one core: Trappe {one:.0f}  floor {floor:.0f}"
                f"  Trappe/floor {one / floor:.2f}  (target >= 0.8 and >= 200/s)"
            )
            print(
                f"  {label}: sheets/s per CPU second, one core: Trappe {one_cpu:.0f}"
                f"  floor {floor_cpu:.0f}  Trappe/floor {one_cpu / floor_cpu:.2f}"
            )
            print(
                f"  {label}: sheets/s, both cores: Trappe {of('both'):.0f}  floor {floor:.0f}"
                f"  Trappe/floor {of('both') / floor:.2f}"
            )
        print(f"  ({load_note()})")
        store.close()
        if args.memory_db:
            memory_rounds(args, Path(tmp))
    return 0


def memory_rounds(args: argparse.Namespace, tmp: Path) -> None:
    """Peak memory of a batch (fresh process) at a few sizes, per process and for the whole
    tree: flat means it does not grow with the batch."""
    for n in args.memory_sheets.split(","):
        for workers in (int(w) for w in args.memory_workers.split(",")):
            sheets, took, peaks = batch_memory(args.memory_db, n, tmp / "m.pdf", workers)
            print(
                f"  batch memory, {sheets:,} sheets, workers={workers}:"
                f" {sheets / took:.0f} sheets/s; peaks:",
                flush=True,
            )
            for line in peaks.lines():
                print("    " + line, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
