"""Caseload queries, every filter × order × direction × search (issue 12 items 1-3).

    .venv/bin/python bench/bench_queries.py --db PATH [--repeat 3] [--full] [--worst 25]

For each combination, Trappe does what the list does when a query is set and the user looks
at its first screen and jumps to its last: ``CaseloadView(store, query)`` (the count), the
first 40 rows and the last 40 rows. Beside it, from the same run, its floor: hand-written SQL
for the same rows and the same count, by the index one would pick by hand, knowing (counted
beforehand, outside the timing) which of the query's filters is the most selective:

- few matches (at most 5,000): one pass along that index, every condition checked, sorted by
  SQLite (``ORDER BY`` the list's order): the count is the number of rows, the screens its
  ends;
- many: ``count(*)`` along that index, then each screen walks the order's index part by part
  (each step or target group in its own order, the empty values last), then the screens'
  rows by id.

The matrix (default): every filter with no search, every search on the active list, and
filters combined with searches; × every order × both directions. ``--full`` crosses every
filter with every search. Figures are medians of ``--repeat`` runs, wall clock and CPU time
(``_timing``); the summary line gives the worst figure and the worst ratio. Nothing is
asserted. Run it on a copy: Trappe may migrate the file.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import load_note, measure  # noqa: E402

from trappe.model.caseload import ORDERS, CaseloadView, CitizenQuery  # noqa: E402
from trappe.model.collation import search_words  # noqa: E402
from trappe.model.entities import Actor, NextMeetingFilter, Status  # noqa: E402
from trappe.model.store import open_store  # noqa: E402

SCREEN = 40
FEW = 5000
ROW_SQL = (
    "SELECT c.id, c.name, c.identifier, c.identifier_kind, tg.name, c.current_step_id,"
    " s.title, s.position, c.current_step_since, c.next_meeting_on, c.last_meeting_on,"
    " cw.name, c.status FROM citizens c"
    " LEFT JOIN steps s ON s.id = c.current_step_id"
    " LEFT JOIN target_groups tg ON tg.id = c.target_group_id"
    " LEFT JOIN staff cw ON cw.id = c.caseworker_id"
    " WHERE c.id IN (SELECT value FROM json_each(?))"
)


def _indexes(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


class Floor:
    """Hand-written SQL for one query's count, first and last screen (see the module doc)."""

    def __init__(self, conn) -> None:
        self.conn = conn
        names = _indexes(conn)
        pick = lambda *n: next((x for x in n if x in names), None)  # noqa: E731
        self.next_index = pick("citizens_next_cover", "citizens_by_next_meeting_on")
        self.since_index = pick("citizens_since_cover", "citizens_by_since")
        self.text_index = pick("citizens_search_cover", "citizens_by_status_search")
        self.consultant_index = pick("citizens_by_consultant")
        # With words: a step's or a group's index that holds the text, where there is one.
        self.step_index = pick("citizens_step_text", "citizens_by_step_name")
        self.group_index = pick("citizens_group_text", "citizens_by_group_name")
        self.grams = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'citizen_grams'"
        ).fetchone()
        self.total = conn.execute("SELECT count(*) FROM citizens").fetchone()[0]
        self.positions = {
            t: [r[0] for r in conn.execute(f"SELECT id FROM {t} ORDER BY position, id")]
            for t in ("steps", "target_groups")
        }

    def where(self, q: CitizenQuery, words_in: str) -> tuple[list[str], list]:
        """The conditions. ``words_in``: "fts" (the trigram index joined: MATCH), "gfts" (the
        index of letters and letter pairs joined), "in" (id IN the hits) or "instr" (every
        word read from the text). Short words are in the letter-pair index, where the file
        has it."""
        from datetime import date, timedelta

        today = q.today or date.today()
        words = search_words(q.text)
        long_words = [w for w in words if len(w) >= 3]
        short = [w for w in words if len(w) < 3 and self.grams and w.isalnum()]
        cond, params = [], []
        for table, joined, group in (
            ("citizen_search", "fts", long_words),
            ("citizen_grams", "gfts", short),
        ):
            if group and words_in != "instr":
                cond.append(
                    f"{table} MATCH ?"
                    if words_in == joined
                    else f"c.id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)"
                )
                params.append(" AND ".join(f'"{w}"' for w in group))
        for w in words:
            if (w not in long_words and w not in short) or words_in == "instr":
                cond.append("instr(c.search_text, ?) > 0")
                params.append(w)
        if q.text.strip() and not words:
            cond.append("0")
        if q.status is not None:
            cond.append("c.status = ?")
            params.append(str(q.status))
        for col, v in (
            ("target_group_id", q.target_group_id),
            ("current_step_id", q.step_id),
            ("caseworker_id", q.caseworker_id),
            ("consultant_id", q.consultant_id),
        ):
            if v is not None:
                cond.append(f"c.{col} = ?")
                params.append(v)
        monday = today - timedelta(days=today.weekday())
        nm = q.next_meeting
        if nm == NextMeetingFilter.OVERDUE:
            cond.append("c.next_meeting_on < ?")
            params.append(today.isoformat())
        elif nm == NextMeetingFilter.NONE_PLANNED:
            cond.append("c.next_meeting_on IS NULL")
        elif nm in (NextMeetingFilter.THIS_WEEK, NextMeetingFilter.NEXT_WEEK):
            start = monday + timedelta(weeks=0 if nm == NextMeetingFilter.THIS_WEEK else 1)
            cond.append("c.next_meeting_on BETWEEN ? AND ?")
            params += [start.isoformat(), (start + timedelta(days=6)).isoformat()]
        if q.stale_weeks is not None:
            cond.append("coalesce(c.current_step_since, '') <= ?")
            params.append((today - timedelta(weeks=q.stale_weeks)).isoformat())
        return cond, params

    def plan(self, q: CitizenQuery) -> tuple[str, str, int, bool]:
        """The hand-picked source (FROM, how words are checked there, its matches, whether
        the words are common): the one whose own condition is met by the fewest citizens
        (counted untimed, beforehand)."""
        status = {"status": q.status}
        words = search_words(q.text)
        long_words = [w for w in words if len(w) >= 3]
        short = [w for w in words if len(w) < 3 and self.grams and w.isalnum()]
        hits = None
        candidates = [(f" FROM citizens c INDEXED BY {self.text_index}", "instr", status)]
        for table, joined, group in (
            ("citizen_search", "fts", long_words),
            ("citizen_grams", "gfts", short),
        ):
            if group:
                n = self.conn.execute(
                    f"SELECT count(*) FROM {table} WHERE {table} MATCH ?",
                    [" AND ".join(f'"{w}"' for w in group)],
                ).fetchone()[0]
                hits = n if hits is None else min(hits, n)
                if n * 4 <= self.total:
                    fts_src = f" FROM {table} f CROSS JOIN citizens c ON c.id = f.rowid"
                    candidates.append((fts_src, joined, {"text": q.text, **status}))
        dense = hits is not None and hits * 4 > self.total
        for key, v, index in (
            ("caseworker_id", q.caseworker_id, "citizens_by_caseworker"),
            ("consultant_id", q.consultant_id, self.consultant_index),
            ("step_id", q.step_id, self.step_index if words else "citizens_by_step_name"),
            (
                "target_group_id",
                q.target_group_id,
                self.group_index if words else "citizens_by_group_name",
            ),
            ("next_meeting", q.next_meeting, self.next_index),
            ("stale_weeks", q.stale_weeks, self.since_index),
        ):
            if v not in (None, NextMeetingFilter.ANY) and index is not None:
                candidates.append((f" FROM citizens c INDEXED BY {index}", "instr", {key: v}))
        best = None
        for src, words_in, own in candidates:
            cond, params = self.where(CitizenQuery(**{"status": None, **own}), words_in)
            sql = f"SELECT count(*){src}" + (" WHERE " + " AND ".join(cond) if cond else "")
            n = self.conn.execute(sql, params).fetchone()[0]
            if best is None or n < best[2]:
                best = (src, words_in, n)
        assert best is not None
        src, words_in, _ = best
        cond, params = self.where(q, words_in)
        sql = f"SELECT count(*){src}" + (" WHERE " + " AND ".join(cond) if cond else "")
        matches = self.conn.execute(sql, params).fetchone()[0]
        return src, words_in, matches, dense

    def parts(self, q: CitizenQuery) -> list[tuple[str, list, list[str]]]:
        """The order cut in parts (condition, params, keys), in list order."""
        order = ORDERS[q.order_by]
        desc = q.descending != order.flip
        tail = (["c.name_key"] if order.by_name else []) + ["c.status", "c.id"]
        if order.column is None:
            return [("1", [], ["c.name_key", "c.status", "c.id"])]
        col = f"c.{order.column}"
        if order.segments_from:
            ids = self.positions[order.segments_from]
            ids = ids[::-1] if desc else ids
            return [(f"{col} = ?", [i], tail) for i in ids] + [(f"{col} IS NULL", [], tail)]
        return [(f"{col} IS NOT NULL", [], [col, *tail]), (f"{col} IS NULL", [], tail)]

    def run(self, q: CitizenQuery, plan: tuple[str, str, int, bool]) -> tuple[int, list]:
        src, words_in, n, dense = plan
        order = ORDERS[q.order_by]
        desc = q.descending != order.flip
        cond, params = self.where(q, words_in)
        where = " WHERE " + " AND ".join(cond) if cond else ""
        if n <= FEW:  # one pass, sorted by SQLite
            keys: list[str] = []
            seg = order.segments_from
            join = ""
            d = " DESC" if desc else ""
            if seg:
                join = f" LEFT JOIN {seg} o ON o.id = c.{order.column}"
                keys = ["o.id IS NULL", f"o.position{d}", f"o.id{d}"]
            elif order.column:
                keys = [f"c.{order.column} IS NULL", f"c.{order.column}{d}"]
            tail = (["c.name_key"] if order.by_name or not order.column else []) + ["c.status"]
            keys += [f"{k}{d}" for k in [*tail, "c.id"]]
            sql = f"SELECT c.id{src}{join}{where} ORDER BY " + ", ".join(keys)
            ids = [r[0] for r in self.conn.execute(sql, params)]
            count, first, last = len(ids), ids[:SCREEN], ids[-SCREEN:]
        else:
            count = self.conn.execute(f"SELECT count(*){src}{where}", params).fetchone()[0]
            cond, params = self.where(q, "instr" if dense else "in")
            first = self.screen(q, cond, params, backwards=False)
            last = self.screen(q, cond, params, backwards=True)[::-1]
        keep = min(SCREEN, max(0, count - SCREEN))  # the last screen, past the first
        ids = first + (last[len(last) - keep :] if keep else [])
        self.conn.execute(ROW_SQL, [str(ids).replace(" ", "")]).fetchall()
        return count, ids

    def screen(self, q, cond, params, backwards: bool) -> list[int]:
        order = ORDERS[q.order_by]
        desc = (q.descending != order.flip) != backwards
        d = " DESC" if desc else ""
        parts = self.parts(q)
        out: list[int] = []
        for c, p, keys in parts[::-1] if backwards else parts:
            sql = (
                f"SELECT c.id FROM citizens c INDEXED BY {order.index} WHERE "
                + " AND ".join([*cond, c])
                + " ORDER BY "
                + ", ".join(k + d for k in keys)
                + " LIMIT ?"
            )
            out += [r[0] for r in self.conn.execute(sql, [*params, *p, SCREEN - len(out)])]
            if len(out) >= SCREEN:
                break
        return out


def vm_steps(conn, fn) -> int:
    """SQLite VM steps of one run of ``fn`` (to the nearest ten)."""
    ticks = [0]

    def tick() -> int:
        ticks[0] += 1
        return 0

    conn.set_progress_handler(tick, 10)
    try:
        fn()
    finally:
        conn.set_progress_handler(None, 0)
    return ticks[0] * 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="every filter × every search")
    parser.add_argument("--worst", type=int, default=25, help="print the N worst rows")
    parser.add_argument("--only", default="", help="only combinations whose label has this")
    parser.add_argument(
        "--steps", action="store_true", help="also count each side's SQLite VM steps (one run)"
    )
    args = parser.parse_args()
    store = open_store(args.db, Actor("Benchmark"))
    conn = store.conn
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    # A typical caseworker and consultant (the median caseload), a group, a step.
    cw = one(
        "SELECT caseworker_id FROM (SELECT caseworker_id, count(*) n FROM citizens"
        " WHERE caseworker_id IS NOT NULL GROUP BY 1 ORDER BY n) LIMIT 1 OFFSET"
        " (SELECT count(DISTINCT caseworker_id) / 2 FROM citizens)"
    )
    cons = one(
        "SELECT consultant_id FROM (SELECT consultant_id, count(*) n FROM citizens"
        " WHERE consultant_id IS NOT NULL GROUP BY 1 ORDER BY n) LIMIT 1 OFFSET"
        " (SELECT count(DISTINCT consultant_id) / 2 FROM citizens)"
    )
    tg = one("SELECT id FROM target_groups ORDER BY position LIMIT 1")
    step = one("SELECT id FROM steps ORDER BY position LIMIT 1 OFFSET 2")
    cpr = one("SELECT identifier FROM citizens WHERE identifier_kind = 'cpr' LIMIT 1 OFFSET 77")
    case = one("SELECT identifier FROM citizens WHERE identifier_kind = 'case' LIMIT 1")
    filters = {
        "none": {},
        "caseworker": {"caseworker_id": cw},
        "consultant": {"consultant_id": cons},
        "target group": {"target_group_id": tg},
        "step": {"step_id": step},
        **{f"next {n.value}": {"next_meeting": n} for n in NextMeetingFilter if n.value != "any"},
        "stale 26 w": {"stale_weeks": 26},
        "status all": {"status": None},
        "closed": {"status": Status.CLOSED},
    }
    searches = [
        "",
        "k",
        "ab",
        "ø",
        "oe",
        "sen",
        "søren",
        "soeren",
        "mette søn",
        "an ma",
        "0101",
        cpr,
        cpr[-4:],
        "19",
        case.lower(),
        case[:7],
        "anne-marie",
        "o'brien",
        "aa",
        "ü",
        "zzqx",
    ]
    combos = [(f, "") for f in filters] + [("none", s) for s in searches if s]
    if args.full:
        combos = list(itertools.product(filters, searches))
    else:
        for f, s in itertools.product(
            ("caseworker", "consultant", "next overdue", "stale 26 w", "step", "status all"),
            ("sen", "ab", "søren", "0101"),
        ):
            combos.append((f, s))
    floor = Floor(conn)
    total = one("SELECT count(*) FROM citizens")
    print(f"{args.db.name}: {total:,} citizens; {len(combos)} queries × {len(ORDERS)} orders × 2")
    print(f"  ({load_note()}); median of {args.repeat}; count + first + last {SCREEN} rows")
    results = []
    for (fname, text), order, desc in itertools.product(combos, ORDERS, (False, True)):
        q = CitizenQuery(text=text, order_by=order, descending=desc, **filters[fname])
        label = f"{fname:<16} {text[:12]!r:<14} {order:<13} {'desc' if desc else 'asc ':4}"
        if args.only and args.only not in label:
            continue
        plan = floor.plan(q)

        def ours(q=q) -> tuple[int, list]:
            view = CaseloadView(store, q)
            rows = view.rows(0, SCREEN)
            if view.count > SCREEN:  # the last screen, unless the first one shows it all
                rows += view.rows(max(SCREEN, view.count - SCREEN), SCREEN)
            return view.count, [r.id for r in rows]

        def hand(q=q, plan=plan) -> tuple[int, list]:
            return floor.run(q, plan)

        got, want = ours(), hand()
        mismatch = got != want
        t_ours = measure(ours, args.repeat)
        t_floor = measure(hand, args.repeat)
        steps = (vm_steps(conn, ours), vm_steps(conn, hand)) if args.steps else None
        results.append((label, got[0], t_ours, t_floor, mismatch, steps))
    # A ratio of two figures under 2 ms says little; the worst ratios are of the rest.
    rated = [r for r in results if r[2].cpu > 0.002 or r[3].cpu > 0.002] or results
    by_ratio = sorted(rated, key=lambda r: -r[2].cpu / max(r[3].cpu, 1e-9))
    for title, shown in (
        ("worst CPU", sorted(results, key=lambda r: -r[2].cpu)[: args.worst]),
        ("worst CPU ratio (either side over 2 ms)", by_ratio[: args.worst]),
    ):
        print(f"  {title}:")
        steps_head = "  VM steps Trappe / floor" if args.steps else ""
        print(f"  {'query':<52} {'hits':>7} {'Trappe wall':>11} {'cpu':>8} {'floor':>8}"
              f" {'cpu':>8} {'ratio':>6} {'cpu':>6}{steps_head}")  # fmt: skip
        for label, n, a, b, bad, steps in shown:
            print(
                f"  {label:<52} {n:>7,} {a.wall * 1e3:8.1f} ms {a.cpu * 1e3:5.1f} ms"
                f" {b.wall * 1e3:5.1f} ms {b.cpu * 1e3:5.1f} ms"
                f" ×{a.wall / max(b.wall, 1e-9):5.2f} ×{a.cpu / max(b.cpu, 1e-9):5.2f}"
                + (f"  {steps[0]:>9,} / {steps[1]:>9,}" if steps else "")
                + ("  DIFFERENT ROWS" if bad else "")
            )
    worst_wall = max(results, key=lambda r: r[2].wall)
    worst_cpu = max(results, key=lambda r: r[2].cpu)
    worst_ratio = by_ratio[0]
    over = sum(1 for r in results if r[2].cpu > 0.05)
    over_2 = sum(1 for r in rated if r[2].cpu > 2 * r[3].cpu and r[2].cpu > 0.002)
    bad = sum(1 for r in results if r[4])
    print(
        f"SUMMARY {args.db.name}: {len(results)} combinations; worst wall"
        f" {worst_wall[2].wall * 1e3:.1f} ms ({worst_wall[0].strip()});"
        f" worst cpu {worst_cpu[2].cpu * 1e3:.1f} ms ({worst_cpu[0].strip()});"
        f" worst cpu ratio ×{worst_ratio[2].cpu / max(worst_ratio[3].cpu, 1e-9):.2f}"
        f" ({worst_ratio[0].strip()}); {over} over 50 ms cpu;"
        f" {over_2} over ×2 cpu (Trappe over 2 ms); {bad} with different rows"
    )
    print(f"  ({load_note()})")
    store.close()


if __name__ == "__main__":
    main()
