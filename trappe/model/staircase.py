"""Changing the staircase: adding, editing, moving, retiring, restoring and deleting steps,
and the phases; and installing the default staircase into an empty database.

Steps that history points at can be retired but never deleted; placements keep their step id,
so renaming, recolouring or reordering never rewrites history.

The rest of what used to live here has its own module, and every name stays importable from
here: reading the staircase (``staircase_reading``), the dated versions a change writes
(``step_versions``), the change log and its words (``staircase_changelog``), and the
municipality's settings, target groups and staff (``municipality``).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from trappe.model.entities import Category, Phase, Step
from trappe.model.errors import NotFoundError, ValidationError
from trappe.model.municipality import (
    activity_kinds,
    add_target_group,
    ensure_staff,
    get_setting,
    list_staff,
    list_target_groups,
    load_default_data,
    move_target_group,
    municipality_logo,
    municipality_name,
    rename_target_group,
    retire_target_group,
    set_municipality_logo,
    set_municipality_name,
    set_setting,
)
from trappe.model.staircase_changelog import (
    StaircaseChange,
    describe_change,
    log_change,
    preview_change,
    staircase_history,
)
from trappe.model.staircase_reading import (
    citizens_on_step,
    get_step,
    load_staircase,
    require_active_step,
)
from trappe.model.step_versions import (
    FAR_PAST,
    active_ids,
    earliest_effective_date,
    effective_date,
    renumber,
    set_version,
)
from trappe.model.store import Store
from trappe.model.validation import check_colour, clean_text, enum_value

__all__ = [
    "BACKUP_REASON",
    "DESCRIPTION_MAX",
    "FAR_PAST",
    "TITLE_MAX",
    "StaircaseChange",
    "activity_kinds",
    "add_phase",
    "add_step",
    "add_target_group",
    "check_deletable",
    "citizens_on_step",
    "delete_step",
    "describe_change",
    "earliest_effective_date",
    "ensure_staff",
    "get_setting",
    "get_step",
    "install_defaults",
    "list_staff",
    "list_target_groups",
    "load_default_data",
    "load_staircase",
    "move_step",
    "move_target_group",
    "municipality_logo",
    "municipality_name",
    "preview_change",
    "rename_phase",
    "rename_target_group",
    "require_active_step",
    "restore_step",
    "retire_step",
    "retire_target_group",
    "set_municipality_logo",
    "set_municipality_name",
    "set_setting",
    "staircase_history",
    "step_in_use",
    "update_step",
]

TITLE_MAX = 80
DESCRIPTION_MAX = 1000


# -- defaults -------------------------------------------------------------------------------
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


# -- editing steps --------------------------------------------------------------------------
# A dated change (category, phase, order, retirement) takes effect from a date through
# ``step_versions`` (see there); title, description and colour are labels and change at once.
def _check_phase(store: Store, phase_id: int | None) -> None:
    if (
        phase_id is not None
        and store.query_one("SELECT 1 FROM phases WHERE id=?", (phase_id,)) is None
    ):
        raise ValidationError("phase", "Fasen findes ikke.")


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
        on = effective_date(store, on)
        _check_phase(store, phase_id)
        ids = active_ids(store)
        cur = store.execute(
            "INSERT INTO steps (position, title, description, colour, phase_id, category)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (len(ids), title, description, colour, phase_id, category.value),
        )
        step_id = int(cur.lastrowid)
        set_version(store, step_id, on, category=category.value, phase_id=phase_id)
        ids.insert(len(ids) if index is None else max(0, min(index, len(ids))), step_id)
        renumber(store, ids, on)
        log_change(store, step_id, on, "added", None, ids.index(step_id) + 1)
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
            on = effective_date(store, on)
            set_version(store, step_id, on, **dated)
            people = citizens_on_step(store, step_id, on)
            if "category" in dated:
                log_change(store, step_id, on, "category", step.category.value,
                            dated["category"], people)  # fmt: skip
            if "phase_id" in dated:
                log_change(store, step_id, on, "phase", step.phase_id, dated["phase_id"], people)
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
        ids = active_ids(store)
        old_index = ids.index(step_id)
        ids.remove(step_id)
        index = max(0, min(index, len(ids)))
        ids.insert(index, step_id)
        if index == old_index:
            return
        on = effective_date(store, on)
        renumber(store, ids, on)
        log_change(store, step_id, on, "order", old_index + 1, index + 1,
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
        on = effective_date(store, on)
        store.execute("UPDATE steps SET retired_on = ? WHERE id = ?", (on.isoformat(), step_id))
        set_version(store, step_id, on, rank=None)
        renumber(store, [i for i in active_ids(store) if i != step_id], on)
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
        log_change(store, step_id, on, "retired", step.position + 1, None, 0)
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
    effective_date(store, on)
    return True


def restore_step(store: Store, step_id: int, on: date | None = None) -> None:
    """Put a retired step back, from ``on``, at the place it had when it retired."""
    with store.write():
        step = get_step(store, step_id)
        if not step.retired:
            return
        on = effective_date(store, on)
        last = store.scalar(
            "SELECT rank FROM step_versions WHERE step_id = ? AND rank IS NOT NULL"
            " ORDER BY valid_from DESC, id DESC LIMIT 1",
            (step_id,),
        )
        ids = active_ids(store)
        index = len(ids) if last is None else max(0, min(int(last), len(ids)))
        ids.insert(index, step_id)
        store.execute("UPDATE steps SET retired_on = NULL WHERE id = ?", (step_id,))
        renumber(store, ids, on)
        log_change(store, step_id, on, "restored", None, index + 1, 0)
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
        log_change(store, step_id, date.today(), "deleted", step.position + 1, None, 0)
        store.execute("DELETE FROM step_versions WHERE step_id = ?", (step_id,))
        store.execute("DELETE FROM steps WHERE id = ?", (step_id,))
        renumber(store, [i for i in active_ids(store) if i != step_id], None)
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
