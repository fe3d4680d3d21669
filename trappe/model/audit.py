"""The audit log: who did what to which object, and when (GDPR accountability).

Entries hold ids, field names and search criteria, never the changed personal data itself,
so erasing a citizen leaves no copy of their details behind in the log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from trappe.model.store import Store


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    user_name: str
    user_role: str
    action: str
    object_type: str
    object_id: int | None
    details: dict[str, Any]


def log_search(store: Store, criteria: dict[str, Any], result_count: int) -> None:
    with store.write():
        store.audit("search", "citizen", None, {"criteria": criteria, "results": result_count})


def log_event(
    store: Store,
    action: str,
    object_type: str,
    object_id: int | None,
    details: dict[str, Any] | None = None,
) -> None:
    """Log an action outside a model write, e.g. printing or exporting a sheet."""
    with store.write():
        store.audit(action, object_type, object_id, details)


def list_entries(
    store: Store, *, object_type: str | None = None, object_id: int | None = None, limit: int = 1000
) -> list[AuditEntry]:
    clauses, params = [], []
    if object_type is not None:
        clauses.append("object_type = ?")
        params.append(object_type)
    if object_id is not None:
        clauses.append("object_id = ?")
        params.append(object_id)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = store.query(f"SELECT * FROM audit_log{where} ORDER BY id DESC LIMIT ?", [*params, limit])
    return [
        AuditEntry(
            r["id"],
            r["at"],
            r["user_name"],
            r["user_role"],
            r["action"],
            r["object_type"],
            r["object_id"],
            json.loads(r["details"]) if r["details"] else {},
        )
        for r in rows
    ]
