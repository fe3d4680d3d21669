"""Snapshots (named measurements: *Baseline*, *Midtvejs*, *Slut* …) and result targets.

A snapshot stores its date, scope, method and figures, and who was in it and where they stood
(``members``: citizen id, step id, counted), so a later recomputation can show whether the
data behind it changed since, and why: a citizen erased, a course or a placement recorded or
corrected with an earlier date, a staircase change taking effect on or before the date.
"""

from __future__ import annotations

import json
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import date

from trappe.model.dates import from_db
from trappe.model.errors import NotFoundError, ValidationError
from trappe.model.measures import ALL, Measurer, Method, Scope, _active, counts_as_arrived
from trappe.model.store import Store, now_iso
from trappe.model.validation import clean_text


@dataclass(frozen=True)
class Snapshot:
    id: int
    name: str
    measured_on: date
    baseline_on: date | None
    method: Method
    scope: Scope
    active: int
    counted: int
    steps: dict[str, int]  # step id (text) -> citizens
    created_at: str
    created_by: str

    @property
    def percent(self) -> float:
        return 100.0 * self.counted / self.active if self.active else 0.0


def _members(store: Store, measurer: Measurer, on: date, method: Method, baseline: date | None
             ) -> list[tuple[int, int | None, int]]:  # fmt: skip
    """(citizen id, step id on ``on`` or None, counted 0/1) for everyone the figure counts."""
    pop_day = (baseline or on) if method is Method.COHORT else on
    scope = "" if measurer.scope.is_all else (
        " JOIN citizens c ON c.id = p.citizen_id" + measurer.scope.sql("c")
    )  # fmt: skip
    rows = store.query(
        "SELECT p.citizen_id, r.step_id,"
        " EXISTS (SELECT 1 FROM course_periods q WHERE q.citizen_id = p.citizen_id"
        f"  AND {_active('q', ':d')}) AS act,"
        " (SELECT q.end_reason FROM course_periods q WHERE q.citizen_id = p.citizen_id"
        "  AND q.ended_on <= :d ORDER BY q.ended_on DESC LIMIT 1) AS reason"
        f" FROM course_periods p{scope}"
        " LEFT JOIN placement_runs r ON r.citizen_id = p.citizen_id AND r.valid_from <= :d"
        " AND (r.valid_to IS NULL OR r.valid_to > :d)"
        f" WHERE {_active('p', ':pop')} ORDER BY p.citizen_id",
        {"d": on.isoformat(), "pop": pop_day.isoformat()},
    )
    steps = measurer.history.at(on)
    out = []
    for r in rows:
        if r["act"]:
            counted = r["step_id"] is not None and steps[r["step_id"]].counts
            out.append((r["citizen_id"], r["step_id"], int(counted)))
        else:
            out.append((r["citizen_id"], None, int(counts_as_arrived(r["reason"]))))
    return out


def _pack(members: list) -> bytes:
    return zlib.compress(json.dumps(members, separators=(",", ":")).encode())


def _unpack(blob: bytes | None) -> list[tuple[int, int | None, int]]:
    return [tuple(m) for m in json.loads(zlib.decompress(blob))] if blob else []


def take_snapshot(
    store: Store,
    name: str,
    on: date,
    scope: Scope = ALL,
    method: Method = Method.CROSS_SECTION,
    baseline: date | None = None,
) -> Snapshot:
    name = clean_text(name, "name", "Navnet", max_len=80, required=True)
    if method is Method.COHORT and baseline is None:
        raise ValidationError("baseline", "En kohortemåling skal have en baseline-dato.")
    m = Measurer(store, scope)
    share = m.share(on, method, baseline)
    steps = {
        str(c.step_id): c.citizens
        for c in m.step_counts(on, method, baseline)
        if c.step_id is not None
    }
    figures = {"active": share.active, "counted": share.counted, "steps": steps}
    members = _members(store, m, on, method, baseline)
    with store.write():
        cur = store.execute(
            "INSERT INTO snapshots (name, measured_on, baseline_on, method, scope, figures,"
            " members, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                name,
                on.isoformat(),
                baseline.isoformat() if baseline else None,
                method.value,
                scope.to_json(),
                json.dumps(figures),
                _pack(members),
                now_iso(),
                store.actor.name,
            ),
        )
        store.audit("create", "snapshot", cur.lastrowid, {"name": name, "on": on.isoformat()})
    return get_snapshot(store, int(cur.lastrowid))


def _snapshot(r) -> Snapshot:
    fig = json.loads(r["figures"])
    return Snapshot(
        r["id"],
        r["name"],
        from_db(r["measured_on"]),
        from_db(r["baseline_on"]),
        Method(r["method"]),
        Scope.from_json(r["scope"]),
        fig["active"],
        fig["counted"],
        fig.get("steps", {}),
        r["created_at"],
        r["created_by"],
    )


def get_snapshot(store: Store, snapshot_id: int) -> Snapshot:
    r = store.query_one("SELECT * FROM snapshots WHERE id = ?", (snapshot_id,))
    if r is None:
        raise NotFoundError("Målingen findes ikke.")
    return _snapshot(r)


def list_snapshots(store: Store) -> list[Snapshot]:
    return [
        _snapshot(r)
        for r in store.query(
            "SELECT id, name, measured_on, baseline_on, method, scope, figures, created_at,"
            " created_by FROM snapshots ORDER BY measured_on, id"
        )
    ]


def delete_snapshot(store: Store, snapshot_id: int) -> None:
    with store.write():
        store.execute("DELETE FROM snapshots WHERE id = ?", (snapshot_id,))
        store.audit("delete", "snapshot", snapshot_id)


@dataclass(frozen=True)
class Recheck:
    """A snapshot recomputed now: the figures then and now, and why they differ."""

    snapshot: Snapshot
    active_now: int
    counted_now: int
    reasons: dict[str, int]  # Danish reason -> citizens

    @property
    def changed(self) -> bool:
        return bool(self.reasons) or (self.active_now, self.counted_now) != (
            self.snapshot.active,
            self.snapshot.counted,
        )

    @property
    def percent_now(self) -> float:
        return 100.0 * self.counted_now / self.active_now if self.active_now else 0.0


def recheck_snapshot(store: Store, snapshot_id: int) -> Recheck:
    snap = get_snapshot(store, snapshot_id)
    blob = store.scalar("SELECT members FROM snapshots WHERE id = ?", (snapshot_id,))
    then = {m[0]: m for m in _unpack(blob)}
    m = Measurer(store, snap.scope)
    now_members = {
        x[0]: x for x in _members(store, m, snap.measured_on, snap.method, snap.baseline_on)
    }
    share = m.share(snap.measured_on, snap.method, snap.baseline_on)
    existing = {r[0] for r in store.query("SELECT id FROM citizens")} if then else set()
    reasons: Counter = Counter()
    for cid, old in then.items():
        new = now_members.get(cid)
        if new is None:
            gone = "ikke længere med (forløb eller udvalg ændret)"
            reasons["slettet siden" if cid not in existing else gone] += 1
        elif new[1] != old[1]:
            reasons["placering rettet eller registreret med tidligere dato"] += 1
        elif new[2] != old[2]:
            reasons["trinnets kategori ændret med virkning fra en dato før målingen"] += 1
    for _cid in now_members.keys() - then.keys():
        reasons[
            "kommet med siden (forløb eller udvalg ændret, eller oprettet med tidligere dato)"
        ] += 1
    return Recheck(snap, share.active, share.counted, dict(reasons))


# -- targets -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    id: int
    target_group_id: int | None  # None: the whole caseload
    baseline_on: date
    change_pp: float
    due_on: date
    method: Method


def set_target(
    store: Store,
    target_group_id: int | None,
    baseline_on: date,
    change_pp: float,
    due_on: date,
    method: Method = Method.CROSS_SECTION,
) -> Target:
    """A result target, e.g. "+10 pp by 31-12-2027" against the baseline; replaces the
    group's earlier target."""
    if due_on <= baseline_on:
        raise ValidationError("due_on", "Måldatoen skal ligge efter baseline-datoen.")
    if not -100 <= change_pp <= 100:
        raise ValidationError("change_pp", "Målet skal være mellem -100 og +100 procentpoint.")
    with store.write():
        store.execute("DELETE FROM targets WHERE target_group_id IS ?", (target_group_id,))
        cur = store.execute(
            "INSERT INTO targets (target_group_id, baseline_on, change_pp, due_on, method,"
            " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                target_group_id,
                baseline_on.isoformat(),
                change_pp,
                due_on.isoformat(),
                Method(method).value,
                now_iso(),
                store.actor.name,
            ),
        )
        store.audit("create", "target", cur.lastrowid, {"target_group_id": target_group_id})
    return Target(int(cur.lastrowid), target_group_id, baseline_on, change_pp, due_on, method)


def list_targets(store: Store) -> list[Target]:
    return [
        Target(
            r["id"],
            r["target_group_id"],
            from_db(r["baseline_on"]),
            r["change_pp"],
            from_db(r["due_on"]),
            Method(r["method"]),
        )
        for r in store.query("SELECT * FROM targets ORDER BY target_group_id IS NOT NULL, id")
    ]


@dataclass(frozen=True)
class TargetStatus:
    target: Target
    label: str  # the group's name, or "Alle"
    baseline_percent: float
    current_percent: float
    goal_percent: float

    @property
    def change_pp(self) -> float:
        return self.current_percent - self.baseline_percent

    @property
    def remaining_pp(self) -> float:
        return self.goal_percent - self.current_percent


def target_status(store: Store, target: Target, on: date) -> TargetStatus:
    """The target against the current figure for its group (as of ``on``)."""
    scope = Scope(target_group_ids=(target.target_group_id,)) if target.target_group_id else Scope()
    h = Measurer(store, scope).headline(on, target.baseline_on, target.method)
    label = (
        store.scalar("SELECT name FROM target_groups WHERE id = ?", (target.target_group_id,))
        if target.target_group_id
        else "Alle"
    )
    return TargetStatus(
        target, label or "?", h.baseline.percent, h.now.percent,
        h.baseline.percent + target.change_pp,
    )  # fmt: skip
