"""The municipality's own lists and settings, kept in its database beside the staircase:
its name and logo, its activity kinds, its target groups and its staff, and the defaults a new
database starts from (``default_staircase.json``). The staircase itself is ``staircase``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from trappe.model.entities import Role, Staff, TargetGroup
from trappe.model.errors import NotFoundError, ValidationError
from trappe.model.store import Store
from trappe.model.validation import clean_text, enum_value
from trappe.paths import read_resource_text

LIST_NAME_MAX = 160  # a target group's, a staff member's or the municipality's name


# -- defaults -------------------------------------------------------------------------------
def load_default_data(path: Path | None = None) -> dict[str, Any]:
    """The default staircase shipped with Trappe (or the JSON file at ``path``)."""
    text = (
        path.read_text(encoding="utf-8")
        if path is not None
        else read_resource_text("default_staircase.json")
    )
    import json  # (here: listing groups and staff at start needs no JSON)

    return json.loads(text)


# -- target groups --------------------------------------------------------------------------
def list_target_groups(store: Store, *, include_retired: bool = False) -> list[TargetGroup]:
    rows = store.query("SELECT * FROM target_groups ORDER BY position, id")
    groups = [
        TargetGroup(r["id"], r["name"], r["position"], r["retired_on"] is not None) for r in rows
    ]
    return groups if include_retired else [g for g in groups if not g.retired]


def _clean_group_name(store: Store, name: str, exclude_id: int | None = None) -> str:
    name = clean_text(name, "name", "Målgruppens navn", max_len=LIST_NAME_MAX, required=True)
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
        clean_text(name, "municipality_name", "Kommunens navn", max_len=LIST_NAME_MAX),
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
    import json

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
    name = clean_text(name, "staff", "Medarbejderens navn", max_len=LIST_NAME_MAX, required=True)
    role = enum_value(Role, role, "role", "Rollen")
    with store.write():
        row = store.query_one("SELECT id FROM staff WHERE name = ? AND role = ?", (name, str(role)))
        if row:
            return Staff(row[0], name, role)
        cur = store.execute("INSERT INTO staff (name, role) VALUES (?, ?)", (name, str(role)))
        store.audit("create", "staff", cur.lastrowid)
        return Staff(int(cur.lastrowid), name, role)
