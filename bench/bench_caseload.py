"""Caseload at scale (issue 12 items 1-3): search, sort, jump to the end, scroll the list.

    .venv/bin/python bench/bench_caseload.py --db PATH [--repeat 5]

Each Trappe figure goes through the caseload table model the window uses (``CaseloadModel``:
the query, the count, and the rows the first screen shows, as ``data()`` hands them to the
view), beside its floor from the same run: hand-written SQL on the same file that does the
same work by the best means the schema offers, shown through a bare Qt table model:

- the count (from the trigger-kept ``caseload_counts`` where the query is the plain list, as
  Trappe does; else ``count(*)`` by the best index), and the rows of the first screen read by
  the best index;
- for a search, also the audit-log entry every search writes (one ``INSERT`` in its own
  transaction, committed with the same fsync: ``synchronous=FULL``), so both sides pay it.

Page caches are cold for every run (a new query each time). Each figure is the median of
``--repeat`` runs (scrolling: at least 3), as wall clock and as CPU time, Trappe's and the
floor's runs interleaved after a warm-up run of each (``_timing.measure_pair``), so both meet
the same SQLite and OS caches and the same load; figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import HEADER, load_note, measure_pair, row  # noqa: E402
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt  # noqa: E402

from trappe.model.caseload import ORDERS, CitizenQuery  # noqa: E402
from trappe.model.collation import search_words  # noqa: E402
from trappe.model.entities import Actor  # noqa: E402
from trappe.model.store import open_store  # noqa: E402
from trappe.ui.caseload_model import PAGE_SIZE, SORT_KEYS, CaseloadModel  # noqa: E402

SCREEN = 40  # rows the first screen shows
ROW_SQL = (
    "SELECT c.id, c.name, c.identifier, c.identifier_kind, tg.name, c.current_step_id,"
    " s.title, s.position, c.current_step_since, c.next_meeting_on, c.last_meeting_on,"
    " cw.name, c.status FROM citizens c"
    " LEFT JOIN steps s ON s.id = c.current_step_id"
    " LEFT JOIN target_groups tg ON tg.id = c.target_group_id"
    " LEFT JOIN staff cw ON cw.id = c.caseworker_id"
)


class BareModel(QAbstractTableModel):
    """The floor's view side: a bare table model over display strings made in one go."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, ...]] = []

    def show(self, rows: list[tuple]) -> None:
        today = date.today()
        self.beginResetModel()
        self.cells = [
            (
                r[1],
                (r[2][:6] + "-****" if r[3] == "cpr" else r[2]) if r[2] else "",
                r[4] or "",
                "" if r[7] is None else str(r[7] + 1),
                "" if r[8] is None else str((today - date.fromisoformat(r[8])).days),
                "" if r[9] is None else "-".join(reversed(r[9].split("-"))),
            )
            for r in rows
        ]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return len(self.cells)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 6

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells[index.row()][index.column()]
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--only", default="search,sort,jump,scroll", help="the rows to run (comma-separated)"
    )
    args = parser.parse_args()
    only = set(args.only.split(","))
    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841
    store = open_store(args.db, Actor("Benchmark"))
    conn = store.conn
    total = store.scalar("SELECT count(*) FROM citizens")
    active = store.scalar("SELECT count(*) FROM citizens WHERE status = 'active'")
    counted = "caseload_counts" in {
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    print(f"{args.db.name}: {total:,} citizens, {active:,} active; median of {args.repeat}")
    print(f"  ({load_note()})")
    print(HEADER)
    model = CaseloadModel(store)

    def screen() -> None:
        for r in range(min(SCREEN, model.rowCount())):
            for c in range(model.columnCount()):
                model.index(r, c).data()

    def by_index(index: str, keys: str) -> str:
        """The first screen's rows: ids by a walk of the covering index, then their rows."""
        return (
            ROW_SQL.replace(
                " FROM citizens c",
                f" FROM (SELECT c.id FROM citizens c INDEXED BY {index}"
                f" WHERE c.status = 'active' ORDER BY {keys} LIMIT ?) k"
                " JOIN citizens c ON c.id = k.id",
            )
            + f" ORDER BY {keys}"
        )

    bare = BareModel()

    def first_screen(sql: str, params: list) -> None:
        """The floor's first screen: its rows by the best index, joined, shown in a bare
        model and read cell by cell as the view reads Trappe's."""
        bare.show(conn.execute(sql, params).fetchall())
        for r in range(bare.rowCount()):
            for c in range(6):
                bare.index(r, c).data()

    def active_count() -> int:
        if counted:
            return conn.execute(
                "SELECT sum(n) FROM caseload_counts WHERE status = 'active'"
            ).fetchone()[0]
        return conn.execute("SELECT count(*) FROM citizens WHERE status = 'active'").fetchone()[0]

    def log_insert(criteria: dict, results: int) -> None:
        """The audit entry a search writes, as Store.audit writes it (same fsync)."""
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO audit_log (at, user_name, user_role, action, object_type, object_id,"
            " details) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                datetime.now(UTC).isoformat(timespec="seconds"),
                "Benchmark",
                "caseworker",
                "search",
                "citizen",
                None,
                json.dumps({"criteria": criteria, "results": results}, sort_keys=True),
            ),
        )
        conn.execute("COMMIT")

    # 1. Search: the count, the first screen and the audit entry, through the model.
    for text in (
        ("0101", "mette søn", "søren", "sen", "a", "anne-marie") if "search" in only else ()
    ):
        words = search_words(text)
        fts = " AND ".join(f'"{w}"' for w in words if len(w) >= 3)
        short = [w for w in words if len(w) < 3]

        def ours(text: str = text) -> None:
            model.set_query(CitizenQuery(text=text))
            screen()

        def floor(fts: str = fts, short: list[str] = short, text: str = text) -> None:
            cond = "".join(" AND instr(c.search_text, ?) > 0" for _ in short)
            if fts:
                src = " FROM citizen_search f CROSS JOIN citizens c ON c.id = f.rowid"
                where, params = " WHERE citizen_search MATCH ? AND c.status = 'active'", [fts]
            else:
                src, where, params = " FROM citizens c", " WHERE c.status = 'active'", []
            n = conn.execute("SELECT count(*)" + src + where + cond, [*params, *short]).fetchone()
            log_insert({"status": "active", "text": text}, n[0])
            first_screen(
                ROW_SQL.replace(" FROM citizens c", src, 1)
                + where
                + cond
                + " ORDER BY c.name_key, c.id LIMIT ?",
                [*params, *short, SCREEN],
            )

        floor()
        ours()
        hits = model.rowCount()
        row(
            f'search "{text}" ({hits:,} hits)',
            *measure_pair(ours, floor, args.repeat),
            "count + first screen + audit entry",
        )

    # 2. Sort by each column: count + first screen, descending (the harder direction).
    model.set_query(CitizenQuery())
    for col, key in SORT_KEYS.items() if "sort" in only else ():
        order = ORDERS[key]

        def ours(col: int = col) -> None:
            model.sort(col, Qt.SortOrder.DescendingOrder)
            screen()

        def floor(order=order) -> None:
            active_count()
            cols = [f"c.{order.column}"] if order.column else []
            if order.by_name:
                cols.append("c.name_key")
            keys = ", ".join(f"{k} DESC" for k in [*cols, "c.status", "c.id"])
            first_screen(by_index(order.index, keys), [SCREEN])

        row(
            f"sort by {key}",
            *measure_pair(ours, floor, args.repeat),
            "count + first screen by its index",
        )

    # 3. Jump to the end of the list (a new query each time: nothing cached).
    def jump() -> None:
        model.set_query(CitizenQuery())
        last = model.rowCount() - 1
        for r in range(last - SCREEN + 1, last + 1):
            for c in range(model.columnCount()):
                model.index(r, c).data()

    def jump_floor() -> None:
        n = active_count()
        log_insert({"status": "active"}, n)
        keys = "c.name_key DESC, c.status DESC, c.id DESC"
        first_screen(by_index("citizens_by_name_key", keys), [SCREEN])

    model.sort(0, Qt.SortOrder.AscendingOrder)
    if "jump" in only:
        row(
            "jump to the end of the list (uncached)",
            *measure_pair(jump, jump_floor, args.repeat),
            "count + audit entry + last screen backwards",
        )

    # 4. Scroll the whole list, a page at a time: cost per row at this size.
    def scroll() -> None:
        model.set_query(CitizenQuery())
        for r in range(0, model.rowCount(), PAGE_SIZE):
            model.index(r, 0).data()

    def scroll_floor() -> None:
        n = active_count()
        log_insert({"status": "active"}, n)
        # ``+c.status``: with a plain equality on the index's second column SQLite sorts each
        # run of equal names again (a temporary B-tree); Trappe's pages avoid it the same way.
        cur = conn.execute(
            ROW_SQL.replace(" FROM citizens c", " FROM citizens c INDEXED BY citizens_by_name_key")
            + " WHERE +c.status = 'active' ORDER BY c.name_key, c.status, c.id"
        )
        while cur.fetchmany(PAGE_SIZE):
            pass

    if "scroll" in only:
        ours, floor = measure_pair(scroll, scroll_floor, max(3, args.repeat // 2))
        row(f"scroll the whole list ({active:,} rows)", ours, floor, "one SQL pass, same columns")
        per = [t * 1e6 / active for t in (ours.wall, ours.cpu, floor.wall, floor.cpu)]
        print(
            f"  {'  … per row':<42} {per[0]:8.2f} µs {per[1]:5.2f} µs"
            f"   {per[2]:7.2f} µs {per[3]:5.2f} µs"
        )
    print(f"  ({load_note()})")
    store.close()


if __name__ == "__main__":
    main()
