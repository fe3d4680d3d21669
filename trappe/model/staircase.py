"""The staircase and the municipality's lists: steps, phases, target groups, settings, staff.

Steps that history points at can be retired but never deleted; placements keep their step id,
so renaming, recolouring or reordering never rewrites history.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from trappe.model.entities import Category, Phase, Role, Staff, Staircase, Step, TargetGroup
from trappe.model.errors import NotFoundError, ValidationError
from trappe.model.store import Store, now_iso
from trappe.model.validation import check_colour, clean_text, enum_value
from trappe.paths import read_resource_text

TITLE_MAX = 80
DESCRIPTION_MAX = 1000


# -- defaults -------------------------------------------------------------------------------
def load_default_data(path: Path | None = None) -> dict[str, Any]:
    """The default staircase shipped with Trappe (or the JSON file at ``path``)."""
    text = (
        path.read_text(encoding="utf-8")
        if path is not None
        else read_resource_text("default_staircase.json")
    )
    return json.loads(text)


def install_defaults(store: Store, data: dict[str, Any] | None = None) -> bool:
    """Load the default staircase, target groups and activity kinds into an empty database.

    Returns False (and changes nothing) if the database already has steps.
    """
    data = data or load_default_data()
    with store.write():
        if store.scalar("SELECT count(*) FROM steps"):
            return False
        phase_ids: dict[str, int] = {}
        for pos, phase in enumerate(data["phases"]):
            cur = store.execute(
                "INSERT INTO phases (position, title) VALUES (?, ?)", (pos, phase["title"])
            )
            phase_ids[phase["key"]] = int(cur.lastrowid)
        for pos, step in enumerate(data["steps"]):
            store.execute(
                "INSERT INTO steps (position, title, description, colour, phase_id, category)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    pos,
                    step["title"],
                    step["description"],
                    step["colour"],
                    phase_ids.get(step["phase"]),
                    Category(step["category"]).value,
                ),
            )
        store.execute(
            "INSERT INTO step_versions (step_id, valid_from, rank, category, phase_id)"
            " SELECT id, ?, position, category, phase_id FROM steps",
            (FAR_PAST,),
        )
        if not store.scalar("SELECT count(*) FROM target_groups"):
            for pos, name in enumerate(data["target_groups"]):
                store.execute(
                    "INSERT INTO target_groups (position, name) VALUES (?, ?)", (pos, name)
                )
        if get_setting(store, "activity_kinds") is None:
            set_setting(
                store, "activity_kinds", json.dumps(data["activity_kinds"], ensure_ascii=False)
            )
        store.audit("create", "staircase", None, {"source": "default"})
    return True


# -- reading --------------------------------------------------------------------------------
def _step(row: Any) -> Step:
    return Step(
        id=row["id"],
        position=row["position"],
        title=row["title"],
        description=row["description"],
        colour=row["colour"],
        phase_id=row["phase_id"],
        category=Category(row["category"]),
        retired=row["retired_on"] is not None,
    )


def load_staircase(store: Store) -> Staircase:
    phases = [
        Phase(r["id"], r["position"], r["title"])
        for r in store.query("SELECT * FROM phases ORDER BY position, id")
    ]
    steps = [_step(r) for r in store.query("SELECT * FROM steps ORDER BY position, id")]
    return Staircase(
        phases=phases,
        steps=[s for s in steps if not s.retired],
        retired=[s for s in steps if s.retired],
    )


def get_step(store: Store, step_id: int) -> Step:
    row = store.query_one("SELECT * FROM steps WHERE id = ?", (step_id,))
    if row is None:
        raise NotFoundError("Trinnet findes ikke.")
    return _step(row)


def require_active_step(
    store: Store,
    step_id: int | None,
    field: str,
    label: str,
    *,
    already: Collection[int] = (),
) -> None:
    """Placements and goals may only point at existing, non-retired steps.

    ``already`` holds the steps the record being edited stands on now: a step retired since
    may stay, so correcting a typo in an old meeting does not force a new placement.
    """
    if step_id is None:
        return
    row = store.query_one("SELECT retired_on FROM steps WHERE id = ?", (step_id,))
    if row is None:
        raise ValidationError(field, f"{label}: trinnet findes ikke på trappen.")
    if row["retired_on"] is not None and step_id not in already:
        raise ValidationError(field, f"{label}: trinnet er udgået og kan ikke vælges.")


# -- editing steps --------------------------------------------------------------------------
# A step's category, phase, rank (its order) and retirement take effect from a date: each
# change closes the step's latest row in ``step_versions`` on that date and opens a new one, so
# measures as of an earlier date keep the staircase they had. ``steps`` holds the latest
# staircase (what the screen, the sheet and new placements use); its ``position`` is kept
# compact, 0..n-1 over the active steps and then the retired ones, so ``position + 1`` is the
# step number a user sees. Title, description and colour are labels and change at once.
FAR_PAST = "0001-01-01"


def _check_phase(store: Store, phase_id: int | None) -> None:
    if (
        phase_id is not None
        and store.query_one("SELECT 1 FROM phases WHERE id=?", (phase_id,)) is None
    ):
        raise ValidationError("phase", "Fasen findes ikke.")


def earliest_effective_date(store: Store) -> date:
    """A staircase change may take effect no earlier than the latest change already recorded."""
    latest = store.scalar("SELECT max(valid_from) FROM step_versions")
    return date.min if latest in (None, FAR_PAST) else date.fromisoformat(latest)


def _effective(store: Store, on: date | None) -> date:
    on = on or date.today()
    earliest = earliest_effective_date(store)
    if on < earliest:
        raise ValidationError(
            "effective_from",
            "Ændringen kan tidligst gælde fra "
            f"{earliest.strftime('%d-%m-%Y')}, hvor den seneste ændring af trappen gælder fra.",
        )
    return on


def _latest_version(store: Store, step_id: int) -> Any:
    return store.query_one(
        "SELECT * FROM step_versions WHERE step_id = ? ORDER BY valid_from DESC, id DESC LIMIT 1",
        (step_id,),
    )


def _set_version(store: Store, step_id: int, on: date, **changes: Any) -> bool:
    """From ``on``, the step's category/phase_id/rank are as given; True if anything changed."""
    day = on.isoformat()
    latest = _latest_version(store, step_id)
    values = {
        "rank": None,
        "category": Category.NONE.value,
        "phase_id": None,
        **({k: latest[k] for k in ("rank", "category", "phase_id")} if latest else {}),
    }
    if latest is not None and all(values[k] == v for k, v in changes.items()):
        return False
    values.update(changes)
    if latest is not None and latest["valid_from"] == day:
        store.execute(
            "UPDATE step_versions SET rank = ?, category = ?, phase_id = ? WHERE id = ?",
            (values["rank"], values["category"], values["phase_id"], latest["id"]),
        )
        return True
    if latest is not None:
        store.execute("UPDATE step_versions SET valid_to = ? WHERE id = ?", (day, latest["id"]))
    store.execute(
        "INSERT INTO step_versions (step_id, valid_from, rank, category, phase_id)"
        " VALUES (?, ?, ?, ?, ?)",
        (step_id, day, values["rank"], values["category"], values["phase_id"]),
    )
    return True


def _renumber(store: Store, active_ids: list[int], on: date | None) -> None:
    """Store ``active_ids`` (bottom first) as the staircase's order: compact positions, and,
    from ``on``, a new rank for every step whose rank changed (None: relabel in place)."""
    retired = [
        r[0]
        for r in store.query(
            "SELECT id FROM steps WHERE retired_on IS NOT NULL ORDER BY position, id"
        )
        if r[0] not in active_ids
    ]
    for pos, sid in enumerate(active_ids + retired):
        store.execute(
            "UPDATE steps SET position = ? WHERE id = ? AND position != ?", (pos, sid, pos)
        )
    for rank, sid in enumerate(active_ids):
        if on is None:
            latest = _latest_version(store, sid)
            if latest is not None and latest["rank"] is not None and latest["rank"] != rank:
                store.execute(
                    "UPDATE step_versions SET rank = ? WHERE id = ?", (rank, latest["id"])
                )
        else:
            _set_version(store, sid, on, rank=rank)


def _active_ids(store: Store) -> list[int]:
    return [
        r[0]
        for r in store.query("SELECT id FROM steps WHERE retired_on IS NULL ORDER BY position, id")
    ]


def citizens_on_step(store: Store, step_id: int, on: date | None = None) -> int:
    """Active citizens whose professional placement on ``on`` (default today) is the step."""
    day = min(on or date.today(), date.today()).isoformat()
    return int(
        store.scalar(
            "SELECT count(*) FROM course_periods p"
            " JOIN placement_runs r ON r.citizen_id = p.citizen_id AND r.valid_from <= :d"
            " AND (r.valid_to IS NULL OR r.valid_to > :d)"
            " WHERE p.started_on <= :d AND (p.ended_on IS NULL OR p.ended_on > :d)"
            " AND r.step_id = :s",
            {"d": day, "s": step_id},
        )
    )


def _log_change(
    store: Store,
    step_id: int,
    on: date,
    what: str,
    old: Any = None,
    new: Any = None,
    citizens: int | None = None,
) -> None:
    title = store.scalar("SELECT title FROM steps WHERE id = ?", (step_id,)) or ""
    store.execute(
        "INSERT INTO staircase_changes (effective_from, changed_at, changed_by, step_id,"
        " step_title, what, old_value, new_value, citizens) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            on.isoformat(),
            now_iso(),
            store.actor.name,
            step_id,
            title,
            what,
            None if old is None else str(old),
            None if new is None else str(new),
            citizens,
        ),
    )


def add_step(
    store: Store,
    title: str,
    *,
    description: str = "",
    colour: str = "#cccccc",
    phase_id: int | None = None,
    category: Category = Category.NONE,
    index: int | None = None,
    on: date | None = None,
) -> Step:
    """Add a step; ``index`` is its place among the active steps (default: on top); it is on
    the staircase from ``on`` (default today)."""
    title = clean_text(title, "title", "Trinnets titel", max_len=TITLE_MAX, required=True)
    description = clean_text(
        description, "description", "Beskrivelsen", max_len=DESCRIPTION_MAX, multiline=True
    )
    colour = check_colour(colour)
    category = enum_value(Category, category, "category", "Kategorien")
    with store.write():
        on = _effective(store, on)
        _check_phase(store, phase_id)
        ids = _active_ids(store)
        cur = store.execute(
            "INSERT INTO steps (position, title, description, colour, phase_id, category)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (len(ids), title, description, colour, phase_id, category.value),
        )
        step_id = int(cur.lastrowid)
        _set_version(store, step_id, on, category=category.value, phase_id=phase_id)
        ids.insert(len(ids) if index is None else max(0, min(index, len(ids))), step_id)
        _renumber(store, ids, on)
        _log_change(store, step_id, on, "added", None, ids.index(step_id) + 1)
        store.audit("create", "step", step_id, {"title": title, "from": on.isoformat()})
    return get_step(store, step_id)


def update_step(
    store: Store,
    step_id: int,
    *,
    title: str | None = None,
    description: str | None = None,
    colour: str | None = None,
    phase_id: int | type[...] | None = ...,
    category: Category | None = None,
    on: date | None = None,
) -> Step:
    """Change what is given; history keeps pointing at the same step id.

    A new category or phase applies from ``on`` (default today); measures about earlier dates
    keep the old one. Title, description and colour are labels and change everywhere at once.
    """
    changes: dict[str, Any] = {}
    if title is not None:
        changes["title"] = clean_text(
            title, "title", "Trinnets titel", max_len=TITLE_MAX, required=True
        )
    if description is not None:
        changes["description"] = clean_text(
            description, "description", "Beskrivelsen", max_len=DESCRIPTION_MAX, multiline=True
        )
    if colour is not None:
        changes["colour"] = check_colour(colour)
    if category is not None:
        changes["category"] = enum_value(Category, category, "category", "Kategorien").value
    if phase_id is not ...:
        changes["phase_id"] = phase_id
    with store.write():
        step = get_step(store, step_id)
        if "phase_id" in changes:
            _check_phase(store, changes["phase_id"])
        changes = {
            k: v
            for k, v in changes.items()
            if v != (step.category.value if k == "category" else getattr(step, k))
        }
        dated = {k: changes[k] for k in ("category", "phase_id") if k in changes}
        if dated:
            on = _effective(store, on)
            _set_version(store, step_id, on, **dated)
            people = citizens_on_step(store, step_id, on)
            if "category" in dated:
                _log_change(store, step_id, on, "category", step.category.value,
                            dated["category"], people)  # fmt: skip
            if "phase_id" in dated:
                _log_change(store, step_id, on, "phase", step.phase_id, dated["phase_id"], people)
        if changes:
            sets = ", ".join(f"{k} = ?" for k in changes)
            store.execute(f"UPDATE steps SET {sets} WHERE id = ?", (*changes.values(), step_id))
            store.audit("update", "step", step_id, {"fields": sorted(changes)})
    return get_step(store, step_id)


def move_step(store: Store, step_id: int, index: int, on: date | None = None) -> None:
    """Put an active step at ``index`` (0 = bottom) among the active steps, from ``on``."""
    with store.write():
        step = get_step(store, step_id)
        if step.retired:
            raise ValidationError("position", "Et udgået trin kan ikke flyttes.")
        ids = _active_ids(store)
        old_index = ids.index(step_id)
        ids.remove(step_id)
        index = max(0, min(index, len(ids)))
        ids.insert(index, step_id)
        if index == old_index:
            return
        on = _effective(store, on)
        _renumber(store, ids, on)
        _log_change(store, step_id, on, "order", old_index + 1, index + 1,
                    citizens_on_step(store, step_id, on))  # fmt: skip
        store.audit("update", "step", step_id, {"fields": ["position"], "index": index})


def retire_step(store: Store, step_id: int, on: date | None = None) -> list[int]:
    """Take a step off the staircase from ``on``; placements that point at it keep doing so.

    A verified backup is taken first (``backup.before``, issue 8: "always back up before … a
    staircase change that retires steps"), once the change is known to be allowed; inside a
    caller's write the caller backs up (a backup cannot copy a half-done transaction).
    Returns the active citizens whose goal was the step (their goal is cleared).
    """
    from trappe.model import backup

    if not store.conn.in_transaction and _check_retire(store, step_id, on):
        backup.before(store, BACKUP_REASON)
    with store.write():
        if not _check_retire(store, step_id, on):
            return []
        step = get_step(store, step_id)
        on = _effective(store, on)
        store.execute("UPDATE steps SET retired_on = ? WHERE id = ?", (on.isoformat(), step_id))
        _set_version(store, step_id, on, rank=None)
        _renumber(store, [i for i in _active_ids(store) if i != step_id], on)
        goals = [
            r[0]
            for r in store.query(
                "SELECT id FROM citizens WHERE goal_step_id = ? AND status = 'active' ORDER BY id",
                (step_id,),
            )
        ]
        store.execute(
            "UPDATE citizens SET goal_step_id = NULL WHERE goal_step_id = ? AND status = 'active'",
            (step_id,),
        )
        _log_change(store, step_id, on, "retired", step.position + 1, None, 0)
        store.audit("update", "step", step_id, {"fields": ["retired_on"]})
    return goals


BACKUP_REASON = "trin-udgaar"  # the backup taken before a step retires


def _check_retire(store: Store, step_id: int, on: date | None) -> bool:
    """Raise if the step may not retire from ``on``; False if it already has."""
    step = get_step(store, step_id)
    if step.retired:
        return False
    active = store.scalar("SELECT count(*) FROM steps WHERE retired_on IS NULL")
    if active <= 1:
        raise ValidationError("retired", "Trappen skal have mindst ét trin.")
    in_use = store.scalar(
        "SELECT count(*) FROM citizens WHERE status = 'active' AND current_step_id = ?",
        (step_id,),
    )
    if in_use:
        raise ValidationError(
            "retired", f"{in_use} aktive borgere står på trinnet. Flyt dem, før trinnet udgår."
        )
    _effective(store, on)
    return True


def restore_step(store: Store, step_id: int, on: date | None = None) -> None:
    """Put a retired step back, from ``on``, at the place it had when it retired."""
    with store.write():
        step = get_step(store, step_id)
        if not step.retired:
            return
        on = _effective(store, on)
        last = store.scalar(
            "SELECT rank FROM step_versions WHERE step_id = ? AND rank IS NOT NULL"
            " ORDER BY valid_from DESC, id DESC LIMIT 1",
            (step_id,),
        )
        ids = _active_ids(store)
        index = len(ids) if last is None else max(0, min(int(last), len(ids)))
        ids.insert(index, step_id)
        store.execute("UPDATE steps SET retired_on = NULL WHERE id = ?", (step_id,))
        _renumber(store, ids, on)
        _log_change(store, step_id, on, "restored", None, index + 1, 0)
        store.audit("update", "step", step_id, {"fields": ["retired_on"]})


def step_in_use(store: Store, step_id: int) -> bool:
    return bool(
        store.scalar(
            "SELECT EXISTS(SELECT 1 FROM placements WHERE step_id = ?) OR "
            "EXISTS(SELECT 1 FROM citizens WHERE goal_step_id = ? OR current_step_id = ?)",
            (step_id, step_id, step_id),
        )
    )


def check_deletable(store: Store, step_id: int) -> Step:
    """The step, if it may be deleted (nobody has ever stood on it or had it as a goal);
    otherwise a ``ValidationError`` saying that it may retire instead."""
    step = get_step(store, step_id)
    if step_in_use(store, step_id):
        raise ValidationError(
            "delete",
            f"Trinnet «{step.title}» indgår i borgeres historik. "
            "Det kan ikke slettes, men det kan udgå.",
        )
    return step


def delete_step(store: Store, step_id: int) -> None:
    """Delete a step nobody has ever stood on; otherwise it must be retired.

    Nobody stood on it, so no figure changes: the steps above move down one number, in the
    history too (no gaps in the numbers)."""
    with store.write():
        step = check_deletable(store, step_id)
        _log_change(store, step_id, date.today(), "deleted", step.position + 1, None, 0)
        store.execute("DELETE FROM step_versions WHERE step_id = ?", (step_id,))
        store.execute("DELETE FROM steps WHERE id = ?", (step_id,))
        _renumber(store, [i for i in _active_ids(store) if i != step_id], None)
        # older versions keep relative order; close the gap there too
        for row in store.query(
            "SELECT DISTINCT valid_from FROM step_versions WHERE rank IS NOT NULL"
        ):
            ranked = store.query(
                "SELECT id, rank FROM step_versions WHERE rank IS NOT NULL AND valid_from <= ?"
                " AND (valid_to IS NULL OR valid_to > ?) ORDER BY rank, id",
                (row[0], row[0]),
            )
            for i, r in enumerate(ranked):
                if r["rank"] != i:
                    store.execute("UPDATE step_versions SET rank = ? WHERE id = ?", (i, r["id"]))
        store.audit("delete", "step", step_id)


@dataclass(frozen=True)
class StaircaseChange:
    """One line of the staircase's history, as the editor shows it."""

    effective_from: date
    changed_at: str
    changed_by: str
    step_id: int | None
    step_title: str
    what: str
    old_value: str | None
    new_value: str | None
    citizens: int | None


def staircase_history(store: Store) -> list[StaircaseChange]:
    return [
        StaircaseChange(
            date.fromisoformat(r["effective_from"]),
            r["changed_at"],
            r["changed_by"],
            r["step_id"],
            r["step_title"],
            r["what"],
            r["old_value"],
            r["new_value"],
            r["citizens"],
        )
        for r in store.query("SELECT * FROM staircase_changes ORDER BY id DESC")
    ]


# -- phases ---------------------------------------------------------------------------------
def add_phase(store: Store, title: str) -> Phase:
    title = clean_text(title, "title", "Fasens titel", max_len=TITLE_MAX, required=True)
    with store.write():
        pos = (store.scalar("SELECT coalesce(max(position), -1) FROM phases") or 0) + 1
        cur = store.execute("INSERT INTO phases (position, title) VALUES (?, ?)", (pos, title))
        store.audit("create", "phase", cur.lastrowid)
        return Phase(int(cur.lastrowid), pos, title)


def rename_phase(store: Store, phase_id: int, title: str) -> None:
    title = clean_text(title, "title", "Fasens titel", max_len=TITLE_MAX, required=True)
    with store.write():
        if (
            store.execute("UPDATE phases SET title = ? WHERE id = ?", (title, phase_id)).rowcount
            == 0
        ):
            raise NotFoundError("Fasen findes ikke.")
        store.audit("update", "phase", phase_id, {"fields": ["title"]})


# -- target groups --------------------------------------------------------------------------
def list_target_groups(store: Store, *, include_retired: bool = False) -> list[TargetGroup]:
    rows = store.query("SELECT * FROM target_groups ORDER BY position, id")
    groups = [
        TargetGroup(r["id"], r["name"], r["position"], r["retired_on"] is not None) for r in rows
    ]
    return groups if include_retired else [g for g in groups if not g.retired]


def _clean_group_name(store: Store, name: str, exclude_id: int | None = None) -> str:
    name = clean_text(name, "name", "Målgruppens navn", max_len=TITLE_MAX * 2, required=True)
    # "Jobparate" and "jobparate" are the same group to a reader; SQLite's lower() only
    # folds ASCII, so compare with Python's casefold over the (short) list.
    clash = any(
        row["name"].casefold() == name.casefold()
        for row in store.query(
            "SELECT id, name FROM target_groups WHERE id IS NOT ?", (exclude_id,)
        )
    )
    if clash:
        raise ValidationError("name", f"Målgruppen «{name}» findes allerede.")
    return name


def add_target_group(store: Store, name: str) -> TargetGroup:
    with store.write():
        name = _clean_group_name(store, name)
        pos = (store.scalar("SELECT coalesce(max(position), -1) FROM target_groups") or 0) + 1
        cur = store.execute("INSERT INTO target_groups (position, name) VALUES (?, ?)", (pos, name))
        store.audit("create", "target_group", cur.lastrowid)
        return TargetGroup(int(cur.lastrowid), name, pos)


def rename_target_group(store: Store, group_id: int, name: str) -> None:
    with store.write():
        name = _clean_group_name(store, name, exclude_id=group_id)
        if (
            store.execute("UPDATE target_groups SET name=? WHERE id=?", (name, group_id)).rowcount
            == 0
        ):
            raise NotFoundError("Målgruppen findes ikke.")
        store.audit("update", "target_group", group_id, {"fields": ["name"]})


def retire_target_group(store: Store, group_id: int, retired: bool = True) -> None:
    """Hide a group from new choices; citizens already in it keep it."""
    with store.write():
        cur = store.execute(
            "UPDATE target_groups SET retired_on = ? WHERE id = ?",
            (date.today().isoformat() if retired else None, group_id),
        )
        if cur.rowcount == 0:
            raise NotFoundError("Målgruppen findes ikke.")
        store.audit("update", "target_group", group_id, {"fields": ["retired_on"]})


def move_target_group(store: Store, group_id: int, index: int) -> None:
    with store.write():
        ids = [r[0] for r in store.query("SELECT id FROM target_groups ORDER BY position, id")]
        if group_id not in ids:
            raise NotFoundError("Målgruppen findes ikke.")
        ids.remove(group_id)
        ids.insert(max(0, min(index, len(ids))), group_id)
        for pos, gid in enumerate(ids):
            store.execute("UPDATE target_groups SET position = ? WHERE id = ?", (pos, gid))
        store.audit("update", "target_group", group_id, {"fields": ["position"]})


# -- settings (municipality data that belong in the database) --------------------------------
def get_setting(store: Store, key: str, default: Any = None) -> Any:
    row = store.query_one("SELECT value FROM settings WHERE key = ?", (key,))
    return default if row is None else row[0]


def set_setting(store: Store, key: str, value: Any) -> None:
    with store.write():
        store.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
        store.audit("update", "setting", None, {"key": key})


def municipality_name(store: Store) -> str:
    return get_setting(store, "municipality_name", "") or ""


def set_municipality_name(store: Store, name: str) -> None:
    set_setting(
        store,
        "municipality_name",
        clean_text(name, "municipality_name", "Kommunens navn", max_len=TITLE_MAX * 2),
    )


def municipality_logo(store: Store) -> bytes | None:
    value = get_setting(store, "municipality_logo")
    return bytes(value) if value else None


def set_municipality_logo(store: Store, data: bytes | None) -> None:
    """A PNG or JPEG logo (at most 2 MB), or None to remove it."""
    if data is not None:
        if len(data) > 2_000_000:
            raise ValidationError("logo", "Logoet er for stort (højst 2 MB).")
        if not (data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8")):
            raise ValidationError("logo", "Logoet skal være et PNG- eller JPEG-billede.")
    set_setting(store, "municipality_logo", data)


def activity_kinds(store: Store) -> list[str]:
    raw = get_setting(store, "activity_kinds")
    return json.loads(raw) if raw else list(load_default_data()["activity_kinds"])


# -- staff ----------------------------------------------------------------------------------
def list_staff(store: Store, role: Role | None = None) -> list[Staff]:
    if role is None:
        rows = store.query("SELECT * FROM staff ORDER BY name COLLATE NOCASE")
    else:
        rows = store.query(
            "SELECT * FROM staff WHERE role = ? ORDER BY name COLLATE NOCASE", (str(role),)
        )
    return [Staff(r["id"], r["name"], Role(r["role"])) for r in rows]


def ensure_staff(store: Store, name: str, role: Role) -> Staff:
    """The staff member with this name and role, created on first use."""
    name = clean_text(name, "staff", "Medarbejderens navn", max_len=TITLE_MAX * 2, required=True)
    role = enum_value(Role, role, "role", "Rollen")
    with store.write():
        row = store.query_one("SELECT id FROM staff WHERE name = ? AND role = ?", (name, str(role)))
        if row:
            return Staff(row[0], name, role)
        cur = store.execute("INSERT INTO staff (name, role) VALUES (?, ?)", (name, str(role)))
        store.audit("create", "staff", cur.lastrowid)
        return Staff(int(cur.lastrowid), name, role)


# -- what a change will do, in words (the editor's preview and history) -----------------------
_CATEGORY_DA = {
    Category.NONE.value: "ingen (forberedende)",
    Category.COMPANY_ACTIVITY.value: "virksomhedsrettet indsats",
    Category.ORDINARY_HOURS.value: "ordinære timer",
}


def _phase_title(store: Store, phase_id: Any) -> str:
    if phase_id in (None, "", "None"):
        return "ingen fase"
    title = store.scalar("SELECT title FROM phases WHERE id = ?", (int(phase_id),))
    return title or "en slettet fase"


def preview_change(
    store: Store,
    step_id: int,
    on: date,
    *,
    category: Category | None = None,
    phase_id: int | type[...] | None = ...,
    index: int | None = None,
    retire: bool = False,
) -> str:
    """The editor's preview: "Det flytter 34 borgere fra «…» til «…» fra 01-01-2027; tal
    før den dato forbliver som de var." (empty when nothing would change)."""
    step = get_step(store, step_id)
    people = citizens_on_step(store, step_id, on)
    who = f"{people} borger" + ("" if people == 1 else "e")
    day = on.strftime("%d-%m-%Y")
    parts = []
    if category is not None and Category(category) is not step.category:
        parts.append(
            f"Det flytter {who} fra «{_CATEGORY_DA[step.category.value]}» til "
            f"«{_CATEGORY_DA[Category(category).value]}» fra {day}"
        )
    if phase_id is not ... and phase_id != step.phase_id:
        parts.append(
            f"Det flytter {who} fra fasen «{_phase_title(store, step.phase_id)}» til "
            f"«{_phase_title(store, phase_id)}» fra {day}"
        )
    if index is not None and not step.retired and index != step.position:
        parts.append(
            f"Trin {step.position + 1} «{step.title}» bliver trin {index + 1} fra {day}; "
            f"{who} står på det"
        )
    if retire and not step.retired:
        parts.append(f"Trin {step.position + 1} «{step.title}» udgår fra {day}")
    if not parts:
        return ""
    past = (
        "tal før den dato forbliver som de var"
        if on >= date.today()
        else "tal fra den dato ændres, også i gemte målinger; tal før forbliver som de var"
    )
    return "; ".join(parts) + f"; {past}."


def describe_change(store: Store, change: StaircaseChange) -> str:
    """One line of the staircase's history in Danish."""
    what = {
        "category": lambda: (
            f"kategori «{_CATEGORY_DA.get(change.old_value or '', '?')}» → "
            f"«{_CATEGORY_DA.get(change.new_value or '', '?')}»"
        ),
        "phase": lambda: (
            f"fase «{_phase_title(store, change.old_value)}» → "
            f"«{_phase_title(store, change.new_value)}»"
        ),
        "order": lambda: f"flyttet fra trin {change.old_value} til trin {change.new_value}",
        "retired": lambda: "udgået",
        "restored": lambda: f"genindsat som trin {change.new_value}",
        "added": lambda: f"tilføjet som trin {change.new_value}",
        "deleted": lambda: "slettet (ingen havde stået på det)",
    }.get(change.what, lambda: change.what)()
    people = "" if not change.citizens else f" ({change.citizens} borgere på trinnet)"
    return (
        f"Fra {change.effective_from:%d-%m-%Y}: «{change.step_title}» {what}{people}"
        f" · {change.changed_by}, {change.changed_at[:10]}"
    )
