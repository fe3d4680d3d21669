"""A realistic demonstration caseload, deterministic for a seed
(docs/domain.md, "A realistic demo caseload").

Rows are generated in Python and written with ``executemany`` in one transaction, with ids
assigned here, so 100,000 citizens and their two years of meetings take seconds, not minutes.
Derived facts are computed with the same ``compute_derived`` the model uses.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import os
import random
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from trappe.model import audit
from trappe.model.demo_words import (
    AGREEMENT_TEMPLATES,
    COMPANIES,
    FIRST_NAMES,
    LAST_NAMES,
    NOTES,
)
from trappe.model.entities import Actor, Role
from trappe.model.errors import TrappeError, ValidationError
from trappe.model.progress import compute_derived
from trappe.model.schema import rebuild_placement_runs, refill_grams, search_text
from trappe.model.staircase import list_target_groups, load_staircase
from trappe.model.store import Store, now_iso, open_store

DEMO_MUNICIPALITY = "Demo Kommune · Jobcenter Demo"
# Target groups by default order, with the proportions from docs/domain.md.
GROUP_WEIGHTS = [45, 10, 15, 20, 10]


@dataclass(frozen=True)
class DemoSummary:
    citizens: int
    meetings: int
    placements: int
    agreements: int
    activities: int


class _Weighted:
    """A fast weighted choice (``random.choices`` is the hot spot at 100,000 citizens)."""

    def __init__(self, weighted: list[tuple[int, int]]) -> None:
        self.values = [v for v, _ in weighted]
        total = sum(w for _, w in weighted)
        acc, self.cumulative = 0.0, []
        for _, w in weighted:
            acc += w / total
            self.cumulative.append(acc)

    def __call__(self, rng: random.Random) -> int:
        return self.values[bisect.bisect_left(self.cumulative, rng.random() * 0.999999)]


class _IsoDates(dict):
    """Date text by ordinal: only a few thousand distinct dates occur, so format each once."""

    def __missing__(self, ordinal: int) -> str:
        text = self[ordinal] = date.fromordinal(ordinal).isoformat()
        return text


STEP_MOVES = _Weighted([(0, 60), (1, 25), (-1, 10), (2, 4), (-2, 1)])
OWN_OFFSETS = _Weighted([(0, 55), (1, 25), (-1, 15), (2, 4), (-2, 1)])
FIRST_STEP = _Weighted([(0, 50), (1, 30), (2, 20)])
AGREEMENT_COUNT = _Weighted([(0, 25), (1, 50), (2, 25)])

PARTICIPANTS = "Borger, sagsbehandler"
PARTICIPANTS_WITH_VK = "Borger, sagsbehandler, virksomhedskonsulent"


def _activity(rng: random.Random, meeting_id: int, step: int) -> tuple:
    """A parallel activity that fits the step (internship, wage subsidy, hours, mentor …)."""
    if step == 3:
        return (
            meeting_id,
            "Virksomhedspraktik",
            "Praktik",
            rng.choice(COMPANIES),
            rng.choice((4, 6, 8, 10, 12)),
        )
    if step == 4:
        return (
            meeting_id,
            rng.choice(("Virksomhedspraktik", "Løntilskud")),
            "Flere timer og opgaver",
            rng.choice(COMPANIES),
            rng.choice((15, 18, 20, 25)),
        )
    if step >= 5:
        return (
            meeting_id,
            "Småjob / ordinære timer",
            "Ordinære timer",
            rng.choice(COMPANIES),
            rng.choice((3, 5, 8, 10, 15)),
        )
    return (meeting_id, rng.choice(("Mentor", "Sundhedsfaglig støtte")), "", "", None)


def _cpr(rng: random.Random) -> str:
    born = date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 44))
    yy = born.year % 100
    serial_first = rng.choice("0123") if born.year < 2000 else "4"
    return f"{born.day:02d}{born.month:02d}{yy:02d}-{serial_first}{rng.randrange(1000):03d}"


HISTORY_DAYS = 30  # the demo's audit log: opening, recording, printing in the last 30 days


def _login(name: str) -> str:
    """A plausible OS login for a staff member: 'Mette Sørensen' -> 'metsoe'."""
    plain = name.split(" (")[0].lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        plain = plain.replace(a, b)
    parts = [p for p in plain.split() if p.isalpha()] or ["bruger"]
    return (parts[0][:3] + (parts[-1][:3] if len(parts) > 1 else "")).lower()


def _recent_history(
    rng: random.Random,
    m_rows: list[tuple],
    c_rows: list[tuple],
    base_c: int,
    staff: dict[int, str],
    today: date,
) -> list[tuple]:
    """What the log would hold of the last ``HISTORY_DAYS`` days' work, oldest first: the
    caseworker opens the case and records the meeting, sometimes searches for the citizen
    first and prints the sheet after; the company consultant sometimes looks in too."""
    since = (today - timedelta(days=HISTORY_DAYS)).isoformat()
    until = today.isoformat()
    logins = {name: _login(name) for name in staff.values()}
    cw_role, vk_role = Role.CASEWORKER.value, Role.COMPANY_CONSULTANT.value
    out: list[tuple] = []

    def add(day: str, minute: int, who: str, role: str, action: str, obj: str, *rest: Any) -> None:
        at = f"{day}T{minute // 60:02d}:{minute % 60:02d}:00+00:00"
        out.append((at, who, logins[who], role, action, obj, *rest))

    for mid, cid, held_s, *_rest in m_rows:
        if not since <= held_s < until:
            continue
        c = c_rows[cid - base_c]
        cw, vk = staff[c[5]], staff[c[6]]
        m = rng.randrange(8 * 60, 15 * 60)
        if rng.random() < 0.15:
            typed = {"criteria": {"text": c[1].split()[0].lower()}, "results": rng.randrange(40)}
            add(held_s, m, cw, cw_role, "search", "citizen", None, None, json.dumps(typed))
        add(held_s, m + 2, cw, cw_role, "read", "citizen", cid, cid, "")
        add(held_s, m + 25, cw, cw_role, "create", "meeting", mid, cid, f'{{"citizen_id": {cid}}}')
        if rng.random() < 0.3:
            sheet = f'{{"meeting_id": {mid}, "sheet": "dialogark"}}'
            add(held_s, m + 40, cw, cw_role, "print", "citizen", cid, cid, sheet)
        if rng.random() < 0.2:
            add(held_s, m + 120 + rng.randrange(60), vk, vk_role, "read", "citizen", cid, cid, "")
    out.sort(key=lambda r: r[0])
    return out


@contextlib.contextmanager
def _bulk_load(conn: sqlite3.Connection) -> Iterator[None]:
    """Drop the secondary indexes during a bulk insert and rebuild them after, in the same
    transaction: building an index once is several times faster than maintaining it per row.
    """
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        " AND tbl_name IN ('citizens', 'meetings', 'placements', 'agreements', 'activities',"
        " 'audit_log')"
    ).fetchall()
    # The index of letters and letter pairs, likewise: filled once after, not per row.
    grams = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
        " AND name LIKE 'citizens_grams_%'"
    ).fetchall()
    old_cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute("PRAGMA cache_size = -262144")  # 256 MB while loading
    for name, _sql in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    for name, _sql in grams:
        conn.execute(f'DROP TRIGGER "{name}"')
    try:
        yield
    finally:
        for _name, sql in indexes:
            conn.execute(sql)
        if grams:
            refill_grams(conn)
        for _name, sql in grams:
            conn.execute(sql)
        conn.execute(f"PRAGMA cache_size = {int(old_cache)}")


def create_demo(
    store: Store,
    citizens: int = 100,
    seed: int = 1,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an (empty) database with ``citizens`` demo citizens and two years of meetings."""
    rng = random.Random(seed)
    today = today or date.today()
    steps = load_staircase(store).steps
    step_ids = [s.id for s in steps]
    top = len(step_ids) - 1
    groups = [g.id for g in list_target_groups(store)]
    group_weights = (GROUP_WEIGHTS + [0] * len(groups))[: len(groups)]
    stamp = now_iso()

    n_caseworkers = max(2, citizens // 45)
    n_consultants = max(1, citizens // 150)
    staff_rows = []
    sid = store.scalar("SELECT coalesce(max(id), 0) FROM staff") + 1
    caseworker_ids, consultant_ids = [], []
    fixed_cw = ["Mette Sørensen", "Lars Bækgaard"]
    for i in range(n_caseworkers):
        name = (
            fixed_cw[i]
            if i < 2
            else f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} ({i + 1})"
        )
        staff_rows.append((sid, name, Role.CASEWORKER.value))
        caseworker_ids.append(sid)
        sid += 1
    for i in range(n_consultants):
        name = (
            "Jens Østergaard"
            if i == 0
            else f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} (VK {i + 1})"
        )
        staff_rows.append((sid, name, Role.COMPANY_CONSULTANT.value))
        consultant_ids.append(sid)
        sid += 1

    base_c = store.scalar("SELECT coalesce(max(id), 0) FROM citizens") + 1
    base_m = store.scalar("SELECT coalesce(max(id), 0) FROM meetings") + 1
    c_rows, m_rows, p_rows, a_rows, act_rows = [], [], [], [], []
    mid, pid = base_m, store.scalar("SELECT coalesce(max(id), 0) FROM placements") + 1
    iso = _IsoDates()
    today_o = today.toordinal()
    group_pick = _Weighted(list(zip(groups, group_weights, strict=True))) if groups else None
    for n in range(citizens):
        cid = base_c + n
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if rng.random() < 0.25:
            name = f"{rng.choice(FIRST_NAMES)} {name}"
        r = rng.random()
        if r < 0.7:
            identifier, kind = _cpr(rng), "cpr"
        elif r < 0.9:
            identifier, kind = f"SAG-{rng.randrange(10**6):06d}", "case"
        else:
            identifier, kind = None, None
        start = today_o - rng.randrange(14, 730)
        step = FIRST_STEP(rng)
        goal = min(top, step + rng.choice((2, 3, 4, 5)))
        goal_date = start + rng.randrange(180, 720)
        held = start + rng.randrange(7, 21)
        placements, meetings_ = [], []
        status, closed_on, closed_reason = "active", None, None
        first = True
        while held <= today_o:
            if not first:
                step = max(0, min(top, step + STEP_MOVES(rng)))
            first = False
            own = max(0, min(top, step + OWN_OFFSETS(rng)))
            next_on = held + rng.randrange(28, 57)
            held_s = iso[held]
            participants = PARTICIPANTS_WITH_VK if step >= 2 else PARTICIPANTS
            m_rows.append(
                (
                    mid,
                    cid,
                    held_s,
                    participants,
                    rng.choice(NOTES),
                    rng.choice(NOTES) if step >= 2 else "",
                    iso[next_on],
                    stamp,
                    store.actor.name,
                )
            )
            meetings_.append((held, mid, next_on))
            p_rows.append((pid, cid, mid, held_s, "professional", step_ids[step]))
            placements.append((held, pid, "professional", step_ids[step]))
            pid += 1
            if rng.random() < 0.9:
                p_rows.append((pid, cid, mid, held_s, "citizen", step_ids[own]))
                placements.append((held, pid, "citizen", step_ids[own]))
                pid += 1
            last_meeting = next_on > today_o
            for pos in range(AGREEMENT_COUNT(rng)):
                what, who = rng.choice(AGREEMENT_TEMPLATES)
                due = held + rng.randrange(7, 35)
                done = None
                if not last_meeting and rng.random() < 0.85:
                    done = iso[min(due, next_on - 1)]
                a_rows.append((mid, cid, pos, what, who, "", iso[due], done))
            if step >= 3 or rng.random() < 0.3:
                act_rows.append(_activity(rng, mid, step))
            mid += 1
            if step >= 5 and rng.random() < 0.12:
                status, closed_on = "closed", held + rng.randrange(1, 14)
                closed_reason = "job" if step == top or rng.random() < 0.6 else "education"
                break
            if rng.random() < 0.005:
                status, closed_on = "closed", held + 3
                closed_reason = rng.choice(("transfer", "other"))
                break
            # About one in ten next meetings slips past its date (overdue).
            if next_on > today_o - 60 and rng.random() < 0.1:
                break
            held = next_on
        if closed_on is not None:
            closed_on = min(closed_on, today_o)
        facts = compute_derived(placements, meetings_)  # works on ordinals as on dates
        c_rows.append((
            cid, name, identifier, kind, group_pick(rng) if group_pick else None,
            rng.choice(caseworker_ids), rng.choice(consultant_ids), iso[start],
            step_ids[goal], iso[goal_date], status,
            iso[closed_on] if closed_on else None, closed_reason,
            facts.current_step_id,
            iso[facts.current_step_since] if facts.current_step_since else None,
            facts.own_step_id,
            iso[facts.last_meeting_on] if facts.last_meeting_on else None,
            iso[facts.next_meeting_on] if facts.next_meeting_on else None,
            stamp, stamp, search_text(name, identifier),
        ))  # fmt: skip
        if progress and n % 5000 == 0:
            progress(n, citizens)

    with store.write() as conn, _bulk_load(conn):
        conn.executemany("INSERT INTO staff (id, name, role) VALUES (?, ?, ?)", staff_rows)
        conn.executemany(
            "INSERT INTO citizens (id, name, identifier, identifier_kind, target_group_id,"
            " caseworker_id, consultant_id, start_date, goal_step_id, goal_date, status,"
            " closed_on, closed_reason, current_step_id, current_step_since, own_step_id,"
            " last_meeting_on, next_meeting_on, created_at, updated_at, search_text)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            c_rows,
        )
        conn.executemany(
            "INSERT INTO meetings (id, citizen_id, held_on, participants, caseworker_note,"
            " consultant_note, next_meeting_on, created_at, created_by)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            m_rows,
        )
        conn.executemany(
            "INSERT INTO placements (id, citizen_id, meeting_id, placed_on, assessed_by, step_id)"
            " VALUES (?,?,?,?,?,?)",
            p_rows,
        )
        conn.executemany(
            "INSERT INTO agreements (meeting_id, citizen_id, position, what, responsible,"
            " responsible_other, due_on, done_on) VALUES (?,?,?,?,?,?,?,?)",
            a_rows,
        )
        conn.executemany(
            "INSERT INTO activities (meeting_id, kind, description, company, hours_per_week)"
            " VALUES (?,?,?,?,?)",
            act_rows,
        )
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('municipality_name', ?)"
            " ON CONFLICT(key) DO NOTHING",
            (DEMO_MUNICIPALITY,),
        )
        staff_names = {row[0]: row[1] for row in staff_rows}
        history = _recent_history(
            random.Random(seed * 7919 + 1), m_rows, c_rows, base_c, staff_names, today
        )
        audit.append_many(store, history)
        store.audit("create", "demo", None, {"citizens": citizens, "seed": seed})
    with store.write():  # the history measures read, built once after the bulk load
        rebuild_placement_runs(store.db)
    if progress:
        progress(citizens, citizens)
    return DemoSummary(len(c_rows), len(m_rows), len(p_rows), len(a_rows), len(act_rows))


def build_demo_database(
    path: Path,
    actor: Actor,
    citizens: int = 100,
    seed: int = 1,
    today: date | None = None,
    *,
    replace: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Create a new demo database file at ``path``.

    It is built under a temporary name without journaling (fast), then opened once normally
    (WAL, migrations recorded) and renamed into place, so ``path`` is either the complete demo
    database or untouched.
    """
    if citizens < 0 or citizens > 1_000_000:
        raise ValidationError("citizens", "Antallet af borgere skal være mellem 0 og 1.000.000.")
    if path.exists() and not replace:
        raise TrappeError(
            f"Filen «{path}» findes allerede. Vælg et andet navn, eller brug --replace."
        )
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
        leftover.unlink(missing_ok=True)
    try:
        with open_store(tmp, actor, scratch=True) as store:
            summary = create_demo(store, citizens, seed, today, progress)
        open_store(tmp, actor).close()  # switch to WAL and checkpoint
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)
    return summary
