"""Backup benchmark: Trappe's verified backup beside a raw ``sqlite3 .backup`` of the same
file. Prints figures, asserts nothing.

    .venv/bin/python bench/bench_backup.py [--db PATH] [--citizens 100000] [--repeat 3]

Trappe's backup = SQLite's backup API into a temporary file + ``integrity_check`` of the copy
+ switching it to a self-contained rollback-journal file + an atomic rename (+ thinning). The
floor is the sqlite3 shell's ``.backup`` (the backup API alone, no check). The copy alone and
the check alone are printed too, so the ratio can be read: the check is the price of knowing
that a backup (and the database) is whole.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from trappe.model import backup
from trappe.model.demo import build_demo_database
from trappe.model.entities import Actor


def median_time(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a database to copy (default: build a demo)")
    parser.add_argument("--citizens", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="trappe-bench-backup-"))
    try:
        db = work / "trappe.sqlite"
        if args.db:
            source = sqlite3.connect(args.db)
            target = sqlite3.connect(db)
            source.backup(target)
            source.close()
            target.close()
        else:
            build_demo_database(db, Actor("Benchmark"), args.citizens, 1)
        size = db.stat().st_size / 1_000_000
        raw_target = work / "raw.sqlite"

        def raw() -> None:
            raw_target.unlink(missing_ok=True)
            subprocess.run(["sqlite3", str(db), f".backup '{raw_target}'"], check=True)

        def trappe() -> None:
            backup.make_backup_of(db, None, "bench")

        def copy_only() -> None:
            target = work / "copy.sqlite"
            target.unlink(missing_ok=True)
            src, dst = sqlite3.connect(db), sqlite3.connect(target)
            src.backup(dst)
            src.close()
            dst.close()

        def check_only() -> None:
            conn = sqlite3.connect(raw_target)
            conn.execute("PRAGMA integrity_check(1)").fetchone()
            conn.close()

        floor = median_time(raw, args.repeat) if shutil.which("sqlite3") else float("nan")
        ours = median_time(trappe, args.repeat)
        copy = median_time(copy_only, args.repeat)
        check = median_time(check_only, args.repeat)
        print(f"Backup of {db.name} ({size:.0f} MB), median of {args.repeat}:")
        print(f"  {'trappe verified backup (backup.make_backup_of)':<50} {ours * 1000:9.0f} ms")
        print(f"  {'floor: sqlite3 .backup (no check)':<50} {floor * 1000:9.0f} ms")
        print(f"  {'ratio':<50} {ours / floor:9.1f} x")
        print(f"    {'of which: the backup API copy (Python)':<48} {copy * 1000:9.0f} ms")
        print(f"    {'of which: integrity_check of the copy':<48} {check * 1000:9.0f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
