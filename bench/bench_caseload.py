"""Caseload at scale (issue 12 items 1-3): search, sort, jump to the end, scroll the list.

    .venv/bin/python bench/bench_caseload.py --db PATH [--repeat 5]

Each Trappe figure goes through the caseload table model the window uses (``CaseloadModel``:
the query, the count, and the rows the first screen shows, as ``data()`` hands them to the
view), beside its floor from the same run: hand-written SQL on the same file that reads the
same rows by the best index (count + first page). Page caches are cold for every run (a new
query each time). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402

from trappe.model.caseload import ORDERS, CitizenQuery, search_words  # noqa: E402
from trappe.model.entities import Actor  # noqa: E402
from trappe.model.store import open_store  # noqa: E402
from trappe.ui.caseload_model import PAGE_SIZE, SORT_KEYS, CaseloadModel  # noqa: E402

SCREEN = 40  # rows the first screen shows
ROW_SQL = (
    "SELECT c.id, c.name, c.identifier, tg.name, s.title, s.position, c.current_step_since,"
    " c.next_meeting_on, c.status FROM citizens c LEFT JOIN steps s ON s.id = c.current_step_id"
    " LEFT JOIN target_groups tg ON tg.id = c.target_group_id WHERE c.id IN ({})"
)


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def row(label: str, ours: float, floor: float, what: str) -> None:
    print(f"  {label:<42} {ours:8.1f} ms   floor {floor:7.1f} ms  ×{ours / floor:5.1f}   ({what})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841
    store = open_store(args.db, Actor("Benchmark"))
    conn = store.conn
    total = store.scalar("SELECT count(*) FROM citizens")
    active = store.scalar("SELECT count(*) FROM citizens WHERE status = 'active'")
    print(f"{args.db.name}: {total:,} citizens, {active:,} active; median of {args.repeat}")
    model = CaseloadModel(store)

    def screen() -> None:
        for r in range(min(SCREEN, model.rowCount())):
            for c in range(model.columnCount()):
                model.index(r, c).data()

    def raw_rows(ids: list[int]) -> None:
        conn.execute(ROW_SQL.format(",".join("?" * len(ids))), ids).fetchall()

    # 1. Search: the count and the first screen, through the model (audit-logged as in use).
    for text in ("0101", "mette søn", "søren", "sen", "a", "anne-marie"):
        words = search_words(text)
        fts = " AND ".join(f'"{w}"' for w in words if len(w) >= 3)
        short = [w for w in words if len(w) < 3]

        def ours(text: str = text) -> None:
            model.set_query(CitizenQuery(text=text))
            screen()

        def floor(fts: str = fts, short: list[str] = short) -> None:
            cond = "".join(" AND instr(c.search_text, ?) > 0" for _ in short)
            if fts:
                src = " FROM citizen_search f CROSS JOIN citizens c ON c.id = f.rowid"
                where, params = " WHERE citizen_search MATCH ? AND c.status = 'active'", [fts]
            else:
                src, where, params = " FROM citizens c", " WHERE c.status = 'active'", []
            conn.execute("SELECT count(*)" + src + where + cond, [*params, *short]).fetchone()
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT c.id" + src + where + cond + " ORDER BY c.name_key, c.id LIMIT ?",
                    [*params, *short, SCREEN],
                )
            ]
            raw_rows(ids)

        floor()
        ours()
        hits = model.rowCount()
        row(
            f'search "{text}" ({hits:,} hits)',
            median_ms(ours, args.repeat),
            median_ms(floor, args.repeat),
            "FTS/instr SQL, count + first screen",
        )

    # 2. Sort by each column: count + first screen, descending (the harder direction).
    model.set_query(CitizenQuery())
    for col, key in SORT_KEYS.items():
        order = ORDERS[key]

        def ours(col: int = col) -> None:
            model.sort(col, Qt.SortOrder.DescendingOrder)
            screen()

        def floor(order=order) -> None:
            conn.execute("SELECT count(*) FROM citizens WHERE status = 'active'").fetchone()
            cols = [f"c.{order.column}"] if order.column else []
            if order.by_name:
                cols.append("c.name_key")
            keys = ", ".join(f"{k} DESC" for k in [*cols, "c.id"])
            ids = [
                r[0]
                for r in conn.execute(
                    f"SELECT c.id FROM citizens c INDEXED BY {order.index}"
                    f" WHERE c.status = 'active' ORDER BY {keys} LIMIT ?",
                    [SCREEN],
                )
            ]
            raw_rows(ids)

        row(
            f"sort by {key}",
            median_ms(ours, args.repeat),
            median_ms(floor, args.repeat),
            "count + first screen by its index",
        )

    # 3. Jump to the end of the list (a new query each time: nothing cached).
    def jump() -> None:
        model.set_query(CitizenQuery())
        last = model.rowCount() - 1
        for r in range(last - SCREEN + 1, last + 1):
            model.index(r, 0).data()

    def jump_floor() -> None:
        conn.execute("SELECT count(*) FROM citizens WHERE status = 'active'").fetchone()
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM citizens INDEXED BY citizens_by_name_key WHERE status = 'active'"
                " ORDER BY name_key DESC, id DESC LIMIT ?",
                [SCREEN],
            )
        ]
        raw_rows(ids)

    model.sort(0, Qt.SortOrder.AscendingOrder)
    row(
        "jump to the end of the list (uncached)",
        median_ms(jump, args.repeat),
        median_ms(jump_floor, args.repeat),
        "reverse index walk + rows",
    )

    # 4. Scroll the whole list, a page at a time: cost per row at this size.
    def scroll() -> None:
        model.set_query(CitizenQuery())
        for r in range(0, model.rowCount(), PAGE_SIZE):
            model.index(r, 0).data()

    def scroll_floor() -> None:
        cur = conn.execute(
            ROW_SQL.split(" WHERE")[0].replace(
                "FROM citizens c", "FROM citizens c INDEXED BY citizens_by_name_key"
            )
            + " WHERE c.status = 'active' ORDER BY c.name_key, c.id"
        )
        while cur.fetchmany(PAGE_SIZE):
            pass

    ours = median_ms(scroll, max(1, args.repeat // 2))
    floor = median_ms(scroll_floor, max(1, args.repeat // 2))
    row(f"scroll the whole list ({active:,} rows)", ours, floor, "one SQL pass, same columns")
    print(f"  {'  … per row':<42} {ours * 1000 / active:8.2f} µs")
    store.close()


if __name__ == "__main__":
    main()
