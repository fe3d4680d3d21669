"""Encryption benchmark: the same 100,000-citizen database plain and encrypted (SQLCipher),
side by side from one run. Prints figures, asserts nothing.

    .venv/bin/python bench/bench_encryption.py --db PATH [--repeat 5] [--sheets 50]
                                               [--connections-only]

``--db`` is a plain Trappe database (e.g. ``trappe demo --citizens 100000``); it is copied,
and the copy converted to encrypted with ``crypto.convert``. The plain figure is the floor;
the goal is encrypted ≤ 1.5× plain for search and opening a citizen. Opening the store pays
SQLCipher's key derivation (PBKDF2-HMAC-SHA512, 256,000 iterations) once by design.

The second table is about connections: opening the store (typed passphrase, and remembered
raw key from the keyring), a secondary connection (``Store.reader``), a verified backup (three
connections) and the start of a batch-sheet worker process. Each is printed for the plain
file (the floor), for the encrypted file keyed the way Trappe did before the raw key (the
passphrase on every connection, so SQLCipher derives the key each time), and as Trappe does
now (``trappe.model.cipher_key``: derived once, raw key after), with both ratios.
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

from trappe.model import backup, citizens, crypto
from trappe.model.citizens import CitizenQuery
from trappe.model.entities import Actor
from trappe.model.store import CACHE_KIB, DEFAULT_TIMEOUT, Store, _connect, open_store

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


# -- connections: before (passphrase on every connection) and now (raw key) ----------------
def _old_reader(store: Store, passphrase: str) -> None:
    """``Store.reader`` as it was: a read-only connection keyed with the passphrase."""
    conn = _connect(store.path, timeout=DEFAULT_TIMEOUT, key=passphrase, read_only=True)
    conn.execute(f"PRAGMA busy_timeout = {int(DEFAULT_TIMEOUT * 1000)}")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def _new_reader(store: Store) -> None:
    reader = store.reader()
    reader.scalar("SELECT count(*) FROM sqlite_master")
    reader.close()


def _init_passphrase_worker(db_path: str, passphrase: str | None) -> None:
    """A batch worker as it was started before: given the passphrase, it derived the key."""
    from trappe.sheet import batch
    from trappe.sheet.data import load_context
    from trappe.sheet.style import new_batch

    store = open_store(Path(db_path), ACTOR, create=False, key=passphrase)
    batch._worker.update(store=store, context=load_context(store))
    new_batch()


_INIT_MS: list[float] = []  # in a worker process: how long its initializer took


def _timed_init(initializer: Callable[..., None], *args: object) -> None:
    start = time.perf_counter()
    initializer(*args)
    _INIT_MS.append((time.perf_counter() - start) * 1000)


def _init_ms() -> float:
    return _INIT_MS[-1]


def worker_start_ms(
    initializer: Callable[..., None], args: tuple[object, ...]
) -> tuple[float, float]:
    """(from starting one spawned worker process, as a batch does, until it is ready; the
    part of that its initializer took: opening the store and loading the sheet context)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    pool = ProcessPoolExecutor(
        1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_timed_init,
        initargs=(initializer, *args),
    )
    try:
        inside = pool.submit(_init_ms).result()
        return (time.perf_counter() - start) * 1000, inside
    finally:
        pool.shutdown(wait=True)


def connection_figures(
    plain: Path, encrypted: Path, repeat: int, workers: int
) -> dict[str, tuple[float, float, float]]:
    """name -> (plain floor, encrypted before, encrypted now), milliseconds."""
    from trappe.model.cipher_key import wipe_shared
    from trappe.sheet import batch

    out: dict[str, tuple[float, float, float]] = {}
    remembered = open_store(encrypted, ACTOR, key=KEY)
    raw = remembered.key.copy()  # what the keyring now holds for a remembered database
    remembered.close()
    # A typed passphrase is derived once per open, before and now (one measurement).
    typed = median_ms(lambda: open_store(encrypted, ACTOR, key=KEY).close(), repeat)
    out["open the store (passphrase typed)"] = (
        median_ms(lambda: open_store(plain, ACTOR).close(), repeat),
        typed,
        typed,
    )
    out["open the store (remembered in the keyring)"] = (
        out["open the store (passphrase typed)"][0],
        out["open the store (passphrase typed)"][1],  # the keyring held the passphrase
        median_ms(lambda: open_store(encrypted, ACTOR, key=raw).close(), repeat),
    )
    with open_store(plain, ACTOR) as p, open_store(encrypted, ACTOR, key=KEY) as e:
        out["secondary connection (Store.reader)"] = (
            median_ms(lambda: _new_reader(p), repeat),
            median_ms(lambda: _old_reader(e, KEY), repeat),
            median_ms(lambda: _new_reader(e), repeat),
        )

        def one_backup(store: Store, key: object) -> None:
            info = backup.backup_connection(store.conn, store.path, key, "bench", thin_after=False)  # type: ignore[arg-type]
            info.path.unlink()

        out["verified backup (three connections)"] = (
            median_ms(lambda: one_backup(p, None), 1),
            median_ms(lambda: one_backup(e, KEY), 1),
            median_ms(lambda: one_backup(e, e.key), 1),
        )
        if workers:
            runs: list[tuple[tuple[float, float], ...]] = []
            for _ in range(workers):
                shared = e.key.share()
                try:
                    runs.append(
                        (
                            worker_start_ms(batch._init_worker, (str(plain), ACTOR, None)),
                            worker_start_ms(_init_passphrase_worker, (str(encrypted), KEY)),
                            worker_start_ms(batch._init_worker, (str(encrypted), ACTOR, shared)),
                        )
                    )
                finally:
                    wipe_shared(shared)
            for j, name in enumerate(
                ("batch worker start (spawn to ready)", "  of which the worker's own open")
            ):
                out[name] = tuple(  # type: ignore[assignment]
                    statistics.median(r[i][j] for r in runs) for i in range(3)
                )
    raw.wipe()
    return out


def print_connections(rows: dict[str, tuple[float, float, float]]) -> None:
    print("Connections: plain floor, encrypted before (passphrase per connection) and now:")
    head = f"  {'':<44} {'plain':>10} {'before':>10} {'ratio':>7} {'now':>10} {'ratio':>7}"
    print(head)
    for name, (floor, before, now) in rows.items():
        print(
            f"  {name:<44} {floor:7.1f} ms {before:7.1f} ms {before / floor:6.2f}x"
            f" {now:7.1f} ms {now / floor:6.2f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sheets", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3, help="worker starts to time")
    parser.add_argument(
        "--connections-only", action="store_true", help="only the connections table"
    )
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
        size = plain.stat().st_size / 1_000_000
        if not args.connections_only:
            floor = figures(plain, None, args.repeat, args.sheets, work / "p.pdf")
            ours = figures(encrypted, KEY, args.repeat, args.sheets, work / "e.pdf")
            print(f"Plain beside encrypted ({size:.0f} MB), median of {args.repeat}:")
            print(f"  {'':<42} {'encrypted':>10} {'plain':>10} {'ratio':>7}")
            for name in floor:
                ratio = ours[name] / floor[name]
                print(f"  {name:<42} {ours[name]:8.1f} ms {floor[name]:7.1f} ms {ratio:6.2f}x")
        print(f"  (converting the plain file ({size:.0f} MB) to encrypted took {converted:.1f} s)")
        print_connections(connection_figures(plain, encrypted, args.repeat, args.workers))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
