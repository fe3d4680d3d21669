"""The audit log at scale: prints Trappe's figure beside its floor and the ratio; asserts nothing.

    .venv/bin/python bench/bench_audit.py --db PATH [--grow N] [--migrate N]

``--db`` is a demo database (``trappe demo --citizens 100000``); it is copied, never changed.
``--grow N`` first appends N synthetic entries to the copy (a log of millions, as five years
of a large jobcentre would write). The floor of each figure is the same question asked in
hand-written SQL on a bare ``sqlite3`` connection (rows fetched as tuples), or for the chain a
bare loop that reads the canonical text and hashes it. ``--migrate N`` also times migrating
an unchained (schema 3) log of N entries, beside a bare copy of the same rows.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from trappe.model import audit
from trappe.model.audit import AuditFilter
from trappe.model.entities import Actor, Role
from trappe.model.store import open_store

ACTOR = Actor("Benchmark", Role.TEAM_LEADER)


def median(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def row(label: str, ours: Callable[[], object], floor: Callable[[], object], repeat: int = 5):
    a, b = median(ours, repeat), median(floor, repeat)
    ratio = a / b if b > 0 else float("inf")
    print(f"  {label:<46} {a * 1000:9.1f} ms  floor {b * 1000:8.1f} ms  ×{ratio:5.1f}")


def grow(path: Path, n: int) -> None:
    """Append ``n`` synthetic entries, chained, in one transaction."""
    start = time.perf_counter()
    with open_store(path, ACTOR) as store:
        citizens = store.scalar("SELECT max(id) FROM citizens") or 1
        t0 = date.today() - timedelta(days=5 * 365)
        rows = (
            (
                f"{t0 + timedelta(seconds=i * 150):%Y-%m-%d}T{(i // 60) % 24:02d}:{i % 60:02d}:00"
                "+00:00",
                f"Sagsbehandler {i % 40}",
                f"sb{i % 40}",
                "caseworker",
                "read" if i % 3 else "create",
                "citizen" if i % 3 else "meeting",
                (i * 7919) % citizens + 1,
                (i * 7919) % citizens + 1,
                "" if i % 3 else f'{{"citizen_id": {(i * 7919) % citizens + 1}}}',
            )
            for i in range(n)
        )
        with store.write():
            audit.append_many(store, rows)
    print(f"grew the log by {n:,} entries in {time.perf_counter() - start:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--grow", type=int, default=0)
    parser.add_argument("--migrate", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        shutil.copy(args.db, path)
        if args.grow:
            grow(path, args.grow)
        bench(path)
        if args.migrate:
            migrate(Path(tmp), args.migrate)


def bench(path: Path) -> None:
    store = open_store(path, ACTOR)
    raw = sqlite3.connect(path)
    total = store.scalar("SELECT count(*) FROM audit_log")
    print(f"file: {path.stat().st_size / 1e6:.0f} MB, audit log: {total:,} entries")
    some_citizen = store.scalar("SELECT citizen_id FROM audit_log WHERE citizen_id IS NOT NULL")
    some_user = store.scalar(
        "SELECT user_name FROM audit_log WHERE id = (SELECT max(id) / 2 FROM audit_log)"
    )
    week = date.today() - timedelta(days=7)
    filters = {
        "everything": (AuditFilter(), "", ()),
        "one citizen": (
            AuditFilter(citizen_id=some_citizen),
            "WHERE citizen_id = ?",
            (some_citizen,),
        ),
        "one user": (AuditFilter(user_name=some_user), "WHERE user_name = ?", (some_user,)),
        "a rare action (print)": (AuditFilter(action="print"), "WHERE action = ?", ("print",)),
        "the last 7 days": (
            AuditFilter(since=week),
            "WHERE at >= ?",
            (audit.utc_bound(week),),
        ),
    }
    print("count (the view's row count):")
    for name, (f, where, params) in filters.items():
        row(
            name,
            lambda f=f: audit.count_entries(store, f),
            lambda w=where, p=params: raw.execute(
                f"SELECT count(*) FROM audit_log {w}", p
            ).fetchone(),
        )
    print("first page of 200, newest first:")
    for name, (f, where, params) in filters.items():
        row(
            name,
            lambda f=f: audit.query_entries(store, f, limit=200),
            lambda w=where, p=params: raw.execute(
                f"SELECT * FROM audit_log {w} ORDER BY id DESC LIMIT 200", p
            ).fetchall(),
        )
    deep = store.scalar("SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET ?", (total // 2,))
    print("a page half-way down:")
    row(
        "next page after the previous (keyset)",
        lambda: audit.query_entries(store, AuditFilter(), limit=200, before_id=deep),
        lambda: raw.execute(
            "SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 200", (deep,)
        ).fetchall(),
    )
    row(
        "a jump there (offset)",
        lambda: audit.query_entries(store, AuditFilter(), limit=200, offset=total // 2),
        lambda: raw.execute(
            "SELECT * FROM audit_log ORDER BY id DESC LIMIT 200 OFFSET ?", (total // 2,)
        ).fetchall(),
        repeat=3,
    )
    print("writing one entry (a read of a citizen):")

    def plain_insert() -> None:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(
            "INSERT INTO audit_log (at, user_name, os_user, user_role, action, object_type,"
            " object_id, citizen_id, details) VALUES ('2026-01-01T00:00:00+00:00', 'x', 'x',"
            " 'caseworker', 'read', 'citizen', 1, 1, '')"
        )
        raw.execute("ROLLBACK")

    def chained_insert() -> None:
        store.conn.execute("BEGIN IMMEDIATE")
        store.audit("read", "citizen", 1)
        store.conn.execute("ROLLBACK")

    row("chained entry vs plain INSERT", chained_insert, plain_insert, repeat=50)

    print("the whole chain:")
    canonical = audit.canonical_sql()

    def floor_verify() -> None:
        prev = audit.GENESIS
        for (text,) in raw.execute(f"SELECT {canonical} FROM audit_log ORDER BY id"):
            prev = hashlib.sha256(prev + text.encode()).digest()

    row("verify_chain vs read + hash", lambda: audit.verify_chain(store), floor_verify, repeat=1)
    out = path.parent / "one.csv"

    def floor_csv() -> None:
        with out.with_suffix(".floor").open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh, delimiter=";").writerows(
                raw.execute(
                    "SELECT * FROM audit_log WHERE user_name = ? ORDER BY id DESC", (some_user,)
                )
            )
        raw.execute("BEGIN IMMEDIATE")  # the export's own entry, written and synced
        raw.execute(
            "INSERT INTO audit_log (at, user_name, user_role, action, object_type)"
            " VALUES ('x', 'x', 'x', 'export', 'audit_log')"
        )
        raw.execute("COMMIT")

    f = AuditFilter(user_name=some_user)
    n = audit.count_entries(store, f)
    row(
        f"CSV export of one user's {n:,} entries",
        lambda: audit.export_csv(store, f, out),
        floor_csv,
    )
    raw.close()
    store.close()


def migrate(folder: Path, n: int) -> None:
    """Migrating an unchained log of ``n`` entries, beside copying the same rows bare."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "model"))
    from test_audit import make_unchained_database

    old = folder / "old.sqlite"
    make_unchained_database(old, n)
    conn = sqlite3.connect(old)
    start = time.perf_counter()
    conn.execute("CREATE TABLE copy AS SELECT * FROM audit_log")
    conn.execute("CREATE INDEX c1 ON copy(object_type, object_id)")
    floor = time.perf_counter() - start
    conn.execute("DROP TABLE copy")
    conn.commit()
    conn.close()
    start = time.perf_counter()
    open_store(old, ACTOR).close()  # backs up, then migrates
    ours = time.perf_counter() - start
    print(
        f"  migrate {n:,} entries (backup, chain, 4 indexes) {ours * 1000:9.0f} ms"
        f"  floor (bare copy + 1 index) {floor * 1000:8.0f} ms  ×{ours / floor:5.1f}"
    )


if __name__ == "__main__":
    main()
