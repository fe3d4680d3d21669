"""Printing one dialogue sheet on a real CUPS queue, beside its floor (issue 12 item 7).

    .venv/bin/python bench/bench_print.py [--queue PDF] [--repeat 5]

Needs a CUPS scheduler with a queue (a ``cups-pdf`` queue writes the job to ``~/PDF``).

**Trappe**: from "Udskriv" (the system print dialog accepted as it stands) until the job is
handed to the queue, for both of Trappe's paths: the vector PDF sent with ``lp`` (where CUPS
takes PDF) and the fallback that paints 600 dpi page images through ``QPrinter``. Measured on
a cups-pdf queue: the vector job is the sheet's PDF itself (about 50 KB, text selectable); the
image path's job comes out about 15 times larger, with no text.

**The floor**: ``lp -d QUEUE`` of the same PDF bytes from a bare program, no Qt.

Both run in the same process, alternately; each figure is the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _wait_idle(queue: str) -> None:
    for _ in range(400):
        if not subprocess.run(["lpstat", "-o", queue], capture_output=True, text=True).stdout:
            return
        time.sleep(0.05)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queue", default="PDF")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
    from PySide6.QtWidgets import QApplication

    from trappe.cli.main import main as trappe
    from trappe.model.entities import Actor, Role
    from trappe.model.store import open_store
    from trappe.ui.preferences import Preferences
    from trappe.ui.print_preview import PrintPreviewDialog

    app = QApplication.instance() or QApplication([])
    if QPrinterInfo.printerInfo(args.queue).isNull():
        print(f"no CUPS queue named {args.queue!r} (lpstat -v); nothing measured")
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="bench-print-"))
    db = tmp / "demo.sqlite"
    trappe(["demo", "--db", str(db), "--citizens", "3", "--seed", "4"])
    store = open_store(db, Actor("Bench", Role.CASEWORKER), create=False)
    prefs = Preferences(QSettings(str(tmp / "prefs.ini"), QSettings.Format.IniFormat))

    def trappe_print(vector: bool) -> tuple[float, int]:
        dialog = PrintPreviewDialog(store, prefs, 1)
        dialog.printer = QPrinter(
            QPrinterInfo.printerInfo(args.queue), QPrinter.PrinterMode.HighResolution
        )
        dialog.confirm_printer = lambda printer: True
        if not vector:
            dialog.cups_client = lambda: None
        start = time.perf_counter()
        assert dialog.print_sheet()
        seconds = time.perf_counter() - start
        size = len(dialog.pdf_bytes)
        dialog.deleteLater()
        app.processEvents()
        return seconds, size

    pdf = PrintPreviewDialog(store, prefs, 1).pdf_bytes

    def floor() -> float:
        start = time.perf_counter()
        subprocess.run(
            ["lp", "-d", args.queue, "-t", "floor"], input=pdf, check=True, capture_output=True
        )
        return time.perf_counter() - start

    rows: dict[str, list[float]] = {"vector": [], "image": [], "floor": []}
    for _ in range(args.repeat):
        for name in rows:
            _wait_idle(args.queue)
            rows[name].append(floor() if name == "floor" else trappe_print(name == "vector")[0])
    _wait_idle(args.queue)
    floor_s = statistics.median(rows["floor"])
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"queue {args.queue}; sheet PDF {len(pdf) / 1024:.0f} KB; median of {args.repeat}")
    print(f"{'path':<28}{'Trappe':>10}{'floor':>10}{'ratio':>8}")
    for name, label in (("vector", "vector PDF through lp"), ("image", "600 dpi page images")):
        t = statistics.median(rows[name])
        print(f"{label:<28}{t * 1000:>8.0f}ms{floor_s * 1000:>8.0f}ms{t / floor_s:>7.1f}×")
    print(f"peak RSS of this process (both paths): {rss:.0f} MB")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
