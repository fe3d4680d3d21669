"""Encryption benchmark: the same 100,000-citizen database plain and encrypted (SQLCipher),
side by side from one run. Prints figures, asserts nothing.

    .venv/bin/python bench/bench_encryption.py --db PATH [--repeat 5] [--sheets 50]

``--db`` is a plain Trappe database (e.g. ``trappe demo --citizens 100000``); it is copied,
and the copy converted to encrypted with ``crypto.convert``. The plain figure is the floor;
the goal is encrypted ≤ 1.5× plain for search and opening a citizen. Opening the store pays
SQLCipher's key derivation (PBKDF2-HMAC-SHA512, 256,000 iterations) once by design.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from trappe.model import citizens, crypto
from trappe.model.citizens import CitizenQuery
from trappe.model.entities import Actor
from trappe.model.store import open_store

ACTOR = Actor("Benchmark")
KEY = "benchmark adgangsfrase"


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def figures(path: Path, key: str | None, repeat: int, sheets: int, out: Path) -> dict[str, float]:
    from trappe import sheet

    result = {"open the store": median_ms(lambda: open_store(path, ACTOR, key=key).close(), 3)}
    with open_store(path, ACTOR, key=key) as store:
        busiest = store.scalar(
            "SELECT citizen_id FROM meetings GROUP BY citizen_id ORDER BY count(*) DESC LIMIT 1"
        )
        result["search 'søren' (first page)"] = median_ms(
            lambda: citizens.search_citizens(
                store, CitizenQuery(text="søren"), limit=100, log_search=False
            ),
            repeat,
        )
        result["open a citizen (busiest, full record)"] = median_ms(
            lambda: citizens.get_citizen_record(store, busiest, log_read=False), repeat
        )
        ids = [r.id for r in citizens.search_citizens(store, CitizenQuery(), limit=sheets)]
        result[f"batch sheet ({sheets} citizens, one PDF)"] = median_ms(
            lambda: sheet.render_batch(store, ids, out, log_action=None), 1
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sheets", type=int, default=50)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="trappe-bench-enc-"))
    try:
        plain, encrypted = work / "plain.sqlite", work / "encrypted.sqlite"
        src, dst = sqlite3.connect(args.db), sqlite3.connect(plain)
        src.backup(dst)
        src.close()
        dst.close()
        shutil.copy(plain, encrypted)
        started = time.perf_counter()
        crypto.convert(encrypted, None, KEY)
        converted = time.perf_counter() - started
        floor = figures(plain, None, args.repeat, args.sheets, work / "p.pdf")
        ours = figures(encrypted, KEY, args.repeat, args.sheets, work / "e.pdf")
        size = plain.stat().st_size / 1_000_000
        print(f"Plain beside encrypted ({size:.0f} MB), median of {args.repeat}:")
        print(f"  {'':<42} {'encrypted':>10} {'plain':>10} {'ratio':>7}")
        for name in floor:
            ratio = ours[name] / floor[name]
            print(f"  {name:<42} {ours[name]:8.1f} ms {floor[name]:7.1f} ms {ratio:6.2f}x")
        print(f"  (converting the plain file to encrypted took {converted:.1f} s)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
