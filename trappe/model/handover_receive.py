"""The receiver's end of a handover: match the sender's steps to the staircase here, find the
citizen if they are already here, and write the course in one transaction without overwriting
anything the receiver has.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from trappe.model.entities import Category, Role
from trappe.model.errors import TrappeError, ValidationError
from trappe.model.handover_file import (
    COURSE_TABLES,
    HandoverError,
    HandoverPackage,
    course_periods_of,
)
from trappe.model.progress import refresh_derived
from trappe.model.schema import search_text
from trappe.model.store import Store, now_iso

# Columns that are ids of this database: remapped on import, never copied.
_LOCAL_KEYS = {
    "citizens": {"id", "target_group_id", "caseworker_id", "consultant_id", "goal_step_id"},
    "meetings": {"id", "citizen_id"},
    "placements": {"id", "citizen_id", "meeting_id", "step_id"},
    "activities": {"id", "meeting_id"},
    "agreements": {"id", "citizen_id", "meeting_id"},
}
# Derived or computed on the receiver's side (trappe/model/progress.py, schema.search_text).
_DERIVED = {
    "current_step_id",
    "current_step_since",
    "own_step_id",
    "last_meeting_on",
    "next_meeting_on",
    "search_text",
}


class CitizenExists(TrappeError):
    """The citizen is already in the receiver's database: merge or cancel."""


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@dataclass(frozen=True)
class StepMatch:
    """One step of the sender's staircase that the course uses, and the receiver's step for it."""

    source_id: int
    title: str
    category: Category
    uses: int
    target_id: int | None  # None: no step here has this title and category
    suggestion_id: int | None = None  # a step with the same title but another category

    @property
    def matched(self) -> bool:
        return self.target_id is not None


@dataclass(frozen=True)
class MeetingDifference:
    held_on: str
    fields: list[str]


@dataclass(frozen=True)
class ImportPlan:
    """What importing would do; nothing has been written yet."""

    package: HandoverPackage
    steps: list[StepMatch]
    existing_citizen_id: int | None
    existing_name: str | None
    new_meetings: int
    known_meetings: int
    differing_meetings: list[MeetingDifference] = field(default_factory=list)
    differing_citizen_fields: list[str] = field(default_factory=list)
    missing_target_group: str | None = None

    @property
    def unmatched_steps(self) -> list[StepMatch]:
        return [s for s in self.steps if not s.matched]


def _active_steps(store: Store) -> list[dict[str, Any]]:
    sql = "SELECT id, title, category FROM steps WHERE retired_on IS NULL ORDER BY position"
    return [dict(r) for r in store.query(sql)]


def match_steps(
    store: Store, package: HandoverPackage, step_map: Mapping[int, int] | None = None
) -> list[StepMatch]:
    """Each step the course uses, matched to an active step here by title and category.

    ``step_map`` (the receiver's choices: sender's step id → step id here) overrides the match.
    """
    step_map = dict(step_map or {})
    here = _active_steps(store)
    here_ids = {s["id"] for s in here}
    uses: dict[int, int] = {}
    for p in package.payload["placements"]:
        uses[p["step_id"]] = uses.get(p["step_id"], 0) + 1
    matches = []
    for s in package.payload["steps"]:
        category = Category(s["category"])
        same_title = [h for h in here if _fold(h["title"]) == _fold(s["title"])]
        exact = next((h["id"] for h in same_title if h["category"] == category.value), None)
        chosen = step_map.get(s["id"], exact)
        if chosen is not None and chosen not in here_ids:
            raise ValidationError("step_map", "Det valgte trin findes ikke på trappen her.")
        matches.append(
            StepMatch(
                source_id=s["id"],
                title=s["title"],
                category=category,
                uses=uses.get(s["id"], 0),
                target_id=chosen,
                suggestion_id=same_title[0]["id"] if same_title and exact is None else None,
            )
        )
    return matches


def find_existing_citizen(store: Store, payload: Mapping[str, Any]) -> int | None:
    """The receiver's citizen with the same CPR or case number, if any."""
    identifier = payload["citizen"].get("identifier")
    if not identifier:
        return None
    row = store.query_one(
        "SELECT id FROM citizens WHERE identifier = ? ORDER BY id LIMIT 1", (identifier,)
    )
    return int(row[0]) if row else None


_MEETING_FIELDS = ("participants", "caseworker_note", "consultant_note", "next_meeting_on")
_CITIZEN_FIELDS = ("name", "start_date", "goal_date", "status", "closed_on", "closed_reason")


def _meeting_key(row: Mapping[str, Any]) -> tuple[str, str]:
    """A meeting keeps its date and creation time through every handover: that is its identity."""
    return (str(row["held_on"]), str(row["created_at"]))


def plan_import(
    store: Store, package: HandoverPackage, step_map: Mapping[int, int] | None = None
) -> ImportPlan:
    payload = package.payload
    steps = match_steps(store, package, step_map)
    existing = find_existing_citizen(store, payload)
    existing_name = None
    new = len(payload["meetings"])
    known = 0
    differing: list[MeetingDifference] = []
    citizen_fields: list[str] = []
    if existing is not None:
        row = store.query_one("SELECT * FROM citizens WHERE id = ?", (existing,))
        existing_name = row["name"]
        citizen_fields = [f for f in _CITIZEN_FIELDS if row[f] != payload["citizen"].get(f)]
        here = {
            _meeting_key(r): dict(r)
            for r in store.query("SELECT * FROM meetings WHERE citizen_id = ?", (existing,))
        }
        new = known = 0
        for m in payload["meetings"]:
            mine = here.get(_meeting_key(m))
            if mine is None:
                new += 1
                continue
            known += 1
            fields = [f for f in _MEETING_FIELDS if mine.get(f) != m.get(f)]
            if fields:
                differing.append(MeetingDifference(str(m["held_on"]), fields))
    group = payload.get("target_group")
    missing_group = None
    if group and not any(
        _fold(r["name"]) == _fold(group) for r in store.query("SELECT name FROM target_groups")
    ):
        missing_group = group
    return ImportPlan(
        package,
        steps,
        existing,
        existing_name,
        new,
        known,
        differing,
        citizen_fields,
        missing_group,
    )


@dataclass(frozen=True)
class ImportResult:
    citizen_id: int
    merged: bool
    counts: dict[str, int]  # rows written per table
    skipped_meetings: int


def _columns(store: Store, table: str) -> set[str]:
    return {r[1] for r in store.query(f'PRAGMA table_info("{table}")')}


def _insert(store: Store, table: str, row: Mapping[str, Any], fixed: Mapping[str, Any]) -> int:
    """Insert the columns the sender's row and this schema share, with this database's keys."""
    cols = _columns(store, table)
    skip = _LOCAL_KEYS.get(table, {"id"}) | (_DERIVED if table == "citizens" else set())
    values = {k: v for k, v in row.items() if k in cols and k not in skip and not k.endswith("_id")}
    values.update(fixed)
    names = ", ".join(f'"{k}"' for k in values)
    marks = ", ".join("?" for _ in values)
    cur = store.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', tuple(values.values()))
    return int(cur.lastrowid)


def _import_periods(store: Store, citizen_id: int, payload: Mapping[str, Any]) -> None:
    """A new citizen's course periods as the sender had them (the insert made one period from
    the start and closing dates; a course reopened there has more). Checked before use: in
    order, not overlapping, only the last one open, and ending as the citizen's course does."""
    from trappe.model.entities import CloseReason

    periods = course_periods_of(payload)
    if not periods:
        return
    citizen = payload["citizen"]
    try:
        spans = [
            (
                date.fromisoformat(p["started_on"]),
                date.fromisoformat(p["ended_on"]) if p.get("ended_on") else None,
                CloseReason(p["end_reason"]).value if p.get("end_reason") else None,
            )
            for p in periods
        ]
    except (KeyError, TypeError, ValueError):
        raise HandoverError("Overdragelsesfilens forløbsperioder kan ikke læses.") from None
    ok = all(
        end is not None and end >= start and nxt_start >= end
        for (start, end, _r), (nxt_start, _e, _r2) in pairwise(spans)
    ) and (spans[-1][1] is None or spans[-1][1] >= spans[-1][0])
    closed_on = citizen.get("closed_on")
    last_end = spans[-1][1]
    if not ok or (last_end.isoformat() if last_end else None) != closed_on:
        raise HandoverError("Overdragelsesfilens forløbsperioder passer ikke med forløbet.")
    store.execute("DELETE FROM course_periods WHERE citizen_id = ?", (citizen_id,))
    store.conn.executemany(
        "INSERT INTO course_periods (citizen_id, started_on, ended_on, end_reason)"
        " VALUES (?, ?, ?, ?)",
        [
            (citizen_id, a.isoformat(), b.isoformat() if b else None, reason)
            for a, b, reason in spans
        ],
    )


def _staff_id(store: Store, name: str | None, role: Role) -> int | None:
    if not name:
        return None
    from trappe.model.staircase import ensure_staff

    return ensure_staff(store, name, role).id


def import_handover(
    store: Store,
    package: HandoverPackage,
    *,
    step_map: Mapping[int, int] | None = None,
    merge: bool = False,
) -> ImportResult:
    """Write the handed-over course into this database, all or nothing.

    Refused while a step is unmatched (``ValidationError``), or when the citizen exists here and
    ``merge`` is False (``CitizenExists``). A merge adds only the meetings (with their
    placements, activities and agreements) and the loose placements that are not here already;
    the citizen's own details and every existing row stay as they are.
    """
    payload = package.payload
    plan = plan_import(store, package, step_map)
    if plan.unmatched_steps:
        names = ", ".join(f"«{s.title}»" for s in plan.unmatched_steps)
        raise ValidationError(
            "step_map", f"Vælg et trin her for hvert trin, der ikke findes på trappen: {names}."
        )
    steps = {s.source_id: s.target_id for s in plan.steps}
    counts = dict.fromkeys(COURSE_TABLES, 0)
    with store.write():
        if store.scalar("SELECT 1 FROM handover_imports WHERE file_sha256 = ?", (package.digest,)):
            raise HandoverError("Denne overdragelsesfil er allerede importeret her.")
        if plan.existing_citizen_id is not None and not merge:
            raise CitizenExists(
                f"Borgeren findes allerede her som «{plan.existing_name}» (samme CPR- eller "
                "sagsnummer). Vælg at flette de møder ind, der mangler, eller annullér."
            )
        if plan.existing_citizen_id is not None:
            cid = plan.existing_citizen_id
            known = {
                _meeting_key(r)
                for r in store.query(
                    "SELECT held_on, created_at FROM meetings WHERE citizen_id=?", (cid,)
                )
            }
            known_loose = {
                (r["placed_on"], r["assessed_by"], r["step_id"])
                for r in store.query(
                    "SELECT placed_on, assessed_by, step_id FROM placements"
                    " WHERE citizen_id = ? AND meeting_id IS NULL",
                    (cid,),
                )
            }
        else:
            known, known_loose = set(), set()
            c = payload["citizen"]
            group_id = store.scalar(
                "SELECT id FROM target_groups WHERE lower(name) = lower(?) ORDER BY id",
                (payload.get("target_group") or "",),
            )
            cid = _insert(
                store,
                "citizens",
                c,
                {
                    "target_group_id": group_id,
                    "caseworker_id": _staff_id(store, payload.get("caseworker"), Role.CASEWORKER),
                    "consultant_id": _staff_id(
                        store, payload.get("consultant"), Role.COMPANY_CONSULTANT
                    ),
                    "goal_step_id": steps.get(c.get("goal_step_id")),
                    "search_text": search_text(c["name"], c.get("identifier")),
                    "updated_at": now_iso(),
                },
            )
            _import_periods(store, cid, payload)
        meeting_ids: dict[int, int] = {}
        skipped = 0
        for m in payload["meetings"]:
            if _meeting_key(m) in known:
                skipped += 1
                continue
            meeting_ids[m["id"]] = _insert(store, "meetings", m, {"citizen_id": cid})
            counts["meetings"] += 1
        for p in payload["placements"]:
            if p["meeting_id"] is not None:
                if p["meeting_id"] not in meeting_ids:
                    continue
            elif (p["placed_on"], p["assessed_by"], steps[p["step_id"]]) in known_loose:
                continue
            _insert(
                store,
                "placements",
                p,
                {
                    "citizen_id": cid,
                    "meeting_id": meeting_ids.get(p["meeting_id"]),
                    "step_id": steps[p["step_id"]],
                },
            )
            counts["placements"] += 1
        for table in ("activities", "agreements"):
            for row in payload[table]:
                if row["meeting_id"] not in meeting_ids:
                    continue
                fixed: dict[str, Any] = {"meeting_id": meeting_ids[row["meeting_id"]]}
                if table == "agreements":
                    fixed["citizen_id"] = cid
                _insert(store, table, row, fixed)
                counts[table] += 1
        refresh_derived(store, cid)
        store.execute(
            "INSERT INTO handover_imports (citizen_id, imported_at, imported_by, exported_at,"
            " exported_by, file_sha256, merged, counts, source_access_log, source_other_rows)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                cid,
                now_iso(),
                store.actor.name,
                payload["exported_at"],
                package.exported_by,
                package.digest,
                int(plan.existing_citizen_id is not None),
                json.dumps(counts),
                json.dumps(payload["access_log"], ensure_ascii=False),
                json.dumps(payload.get("other_rows", {}), ensure_ascii=False),
            ),
        )
        store.audit(
            "handover_import",
            "citizen",
            cid,
            {
                "file_sha256": package.digest,
                "merged": plan.existing_citizen_id is not None,
                "counts": counts,
                "skipped_meetings": skipped,
                "exported_by": package.exported_by,
            },
        )
    return ImportResult(cid, plan.existing_citizen_id is not None, counts, skipped)


@dataclass(frozen=True)
class ImportedHistory:
    """What arrived with a handover besides the course: the sender's log and other rows."""

    imported_at: str
    exported_by: str
    access_log: list[dict[str, Any]]
    other_rows: dict[str, list[dict[str, Any]]]


def imported_history(store: Store, citizen_id: int) -> list[ImportedHistory]:
    return [
        ImportedHistory(
            r["imported_at"],
            r["exported_by"],
            json.loads(r["source_access_log"]),
            json.loads(r["source_other_rows"]),
        )
        for r in store.query(
            "SELECT * FROM handover_imports WHERE citizen_id = ? ORDER BY id", (citizen_id,)
        )
    ]
