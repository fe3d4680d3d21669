"""The audit log: who did what to which object, and when (GDPR accountability).

Entries hold ids, field names and search criteria, never the changed personal data itself,
so erasing a citizen leaves no copy of their details behind in the log.

**Who.** Each entry names the user twice: ``user_name`` is the name the user gave (settings
dialog, ``--user``), ``os_user`` the operating system's login name (``Actor.os_user``).

**Tamper evidence.** Entries are hash-chained, verified and thinned by ``audit_chain`` (its
docstring describes the design and what it cannot show); the names are re-exported here.

**For other modules.** Log what the user sees or takes out of Trappe with ``log_event``::

    audit.log_event(store, audit.VIEW, audit.REPORT, None, {"report": "overview", "on": "…"})
    audit.log_event(store, audit.EXPORT, audit.REPORT, None, {"report": "overview", "as": "pdf"})
    audit.log_event(store, audit.EXPORT, "citizen", citizen_id, {"format": "json"})

Write the entry *before* the file is put in place (write to a temporary name, log, rename),
so a file with personal data never exists without its entry. Inside a model write, call
``store.audit(...)`` instead: it joins that transaction. Details hold ids, filters and formats,
never names, CPR numbers or notes. A detail ``citizen_id`` (or ``object_type="citizen"``)
puts the entry in that citizen's access log.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from trappe.model.audit_chain import (
    AUDIT_LOG,
    CHAIN_FIELDS,
    GENESIS,
    THIN,
    ChainBreak,
    ChainReport,
    CountRow,
    ThinResult,
    append,
    append_many,
    canonical_sql,
    citizen_of,
    format_time,
    link,
    local_time,
    rebuild_chained,
    thin_log,
    thinnable,
    thinned_counts,
    verify_chain,
)
from trappe.model.audit_words import (  # the words, re-exported: audit.READ, audit.describe …
    ACTION_LABELS_DA,
    BACKUP,
    CREATE,
    CRITERIA_LABELS_DA,
    DATABASE,
    DELETE,
    EXPORT,
    HANDOVER_ERASE,
    HANDOVER_EXPORT,
    HANDOVER_IMPORT,
    OBJECT_LABELS_DA,
    PRINT,
    READ,
    REPORT,
    RESTORE,
    SEARCH,
    UPDATE,
    VERIFY,
    VIEW,
    action_label,
    describe,
    object_label,
)
from trappe.model.errors import ValidationError
from trappe.model.store import Store
from trappe.model.validation import check_date, clean_text

__all__ = [
    "ACTION_LABELS_DA",
    "AUDIT_LOG",
    "BACKUP",
    "CHAIN_FIELDS",
    "CREATE",
    "CRITERIA_LABELS_DA",
    "DATABASE",
    "DELETE",
    "EXPORT",
    "GENESIS",
    "HANDOVER_ERASE",
    "HANDOVER_EXPORT",
    "HANDOVER_IMPORT",
    "OBJECT_LABELS_DA",
    "PRINT",
    "READ",
    "REPORT",
    "RESTORE",
    "SEARCH",
    "THIN",
    "UPDATE",
    "VERIFY",
    "VIEW",
    "ChainBreak",
    "ChainReport",
    "CountRow",
    "ThinResult",
    "action_label",
    "append",
    "append_many",
    "canonical_sql",
    "citizen_of",
    "describe",
    "format_time",
    "link",
    "local_time",
    "object_label",
    "rebuild_chained",
    "thin_log",
    "thinnable",
    "thinned_counts",
    "verify_chain",
]

MAX_ID = 2**63 - 1


def _id(value: Any, field: str, label: str) -> int | None:
    """An id as SQLite keeps them (1 … 2⁶³−1), or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise ValidationError(field, f"{label} er ikke et gyldigt id.")
    return value


def check_ids(values: Any, field: str = "citizen", label: str = "Borgerens id") -> list[int]:
    """A list of ids, each checked (``ValidationError`` for one that cannot be an id)."""
    if not isinstance(values, list | tuple | set | frozenset):
        raise ValidationError(field, f"{label} skal være en liste af id'er.")
    checked = [_id(v, field, label) for v in values]
    return [v for v in checked if v is not None]


def _count(value: Any, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(field, f"Antallet skal være et helt tal fra {low} til {high}.")
    return value


def _path(value: Any, field: str = "path") -> Path:
    if not isinstance(value, str | os.PathLike) or not str(value).strip():
        raise ValidationError(field, "Angiv en fil.")
    return Path(value)


def may_read_log(role: object) -> bool:
    """The access-log view is for team leaders and the data protection officer.

    Roles are what users state about themselves on a shared laptop, so this steers who sees
    the view; it is not a lock (the file and ``trappe audit`` stay open to whoever has it).
    """
    from trappe.model.entities import Role

    return role in (Role.TEAM_LEADER, Role.DATA_PROTECTION_OFFICER)


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
    os_user: str = ""
    citizen_id: int | None = None

    @property
    def when(self) -> datetime:
        """The time in the computer's own time zone."""
        return local_time(self.at)


def log_search(store: Store, criteria: dict[str, Any], result_count: int) -> None:
    """A search as typed (criteria kept until retention thins the log; see README)."""
    with store.write():
        store.audit(SEARCH, "citizen", None, {"criteria": criteria, "results": result_count})


def log_backup(store: Store, path: Path | str, reason: str) -> None:
    """A backup was made (a copy of everyone's data). Not logged while the log itself awaits
    a migration, i.e. for the backup taken before migrating an older file."""
    name = _path(path).name
    if store.scalar("SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'hash'"):
        log_event(store, BACKUP, DATABASE, None, {"reason": str(reason), "file": name})


def log_restore(
    store: Store, restored_from: Path | str, kept_as: Path | str | None, damaged: bool
) -> None:
    """The database was put back to a backup: logged in the restored file when it is opened."""
    details = {
        "file": _path(restored_from).name,
        "kept_as": _path(kept_as).name if kept_as else None,
        "damaged": bool(damaged),
    }
    log_event(store, RESTORE, DATABASE, None, details)


def log_event(
    store: Store,
    action: str,
    object_type: str,
    object_id: int | None,
    details: dict[str, Any] | None = None,
) -> None:
    """Log an action outside a model write: printing, exporting, viewing a report, a backup.

    See the module docstring for the words to use and an example.
    """
    with store.write():
        store.audit(action, object_type, object_id, details)


# -- reading ----------------------------------------------------------------------------------
def _entry(r: sqlite3.Row | dict[str, Any]) -> AuditEntry:
    try:
        details = json.loads(r["details"]) if r["details"] else {}
    except ValueError:
        details = {"tekst": r["details"]}
    return AuditEntry(
        r["id"],
        r["at"],
        r["user_name"],
        r["user_role"],
        r["action"],
        r["object_type"],
        r["object_id"],
        details if isinstance(details, dict) else {"værdi": details},
        r["os_user"],
        r["citizen_id"],
    )


def list_entries(
    store: Store, *, object_type: str | None = None, object_id: int | None = None, limit: int = 1000
) -> list[AuditEntry]:
    clauses, params = [], []
    if object_type is not None:
        clauses.append("object_type = ?")
        params.append(clean_text(object_type, "object_type", "Objekttypen", max_len=100))
    if object_id is not None:
        clauses.append("object_id = ?")
        params.append(_id(object_id, "object_id", "Objektets id"))
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    limit = _count(limit, "limit", 1, 1_000_000)
    rows = store.query(f"SELECT * FROM audit_log{where} ORDER BY id DESC LIMIT ?", [*params, limit])
    return [_entry(r) for r in rows]


@dataclass(frozen=True)
class AuditFilter:
    """What the access-log view asks for; every field optional. Dates are local days."""

    citizen_id: int | None = None
    user_name: str | None = None
    action: str | None = None
    object_type: str | None = None
    since: date | None = None
    until: date | None = None

    def as_details(self) -> dict[str, Any]:
        """The filter as logged when the log is viewed or exported."""
        return {
            k: (v.isoformat() if isinstance(v, date) else v)
            for k, v in self.__dict__.items()
            if v not in (None, "")
        }


def utc_bound(day: date) -> str:
    """Local midnight at the start of ``day``, as the log's UTC text."""
    local = datetime.combine(day, time()).astimezone()
    return local.astimezone(UTC).isoformat(timespec="seconds")


def _where(f: AuditFilter) -> tuple[str, list[Any]]:
    """The filter as SQL; each field checked (a ``ValidationError`` names the bad one)."""
    if not isinstance(f, AuditFilter):
        raise ValidationError("filter", "Filteret er ugyldigt.")
    clauses: list[str] = []
    params: list[Any] = []
    if f.citizen_id is not None:
        clauses.append("citizen_id = ?")
        params.append(_id(f.citizen_id, "citizen", "Borgerens id"))
    for column, value, label in (
        ("user_name", f.user_name, "Brugeren"),
        ("action", f.action, "Handlingen"),
        ("object_type", f.object_type, "Objekttypen"),
    ):
        if value:
            clauses.append(f"{column} = ?")
            params.append(clean_text(value, column, label, max_len=200))
    since = check_date(f.since, "since", "Fra-datoen")
    until = check_date(f.until, "until", "Til-datoen")
    if since is not None:
        clauses.append("at >= ?")
        params.append(utc_bound(since))
    if until is not None:
        clauses.append("at < ?")
        params.append(utc_bound(until + timedelta(days=1)))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def count_entries(store: Store, f: AuditFilter) -> int:
    where, params = _where(f)
    return int(store.scalar("SELECT count(*) FROM audit_log" + where, params))


def query_entries(
    store: Store, f: AuditFilter, *, limit: int = 200, before_id: int | None = None, offset: int = 0
) -> list[AuditEntry]:
    """Newest first. Page on with ``before_id`` = the last id of the previous page (fast at
    any depth); ``offset`` is for jumping (costs a walk over the skipped entries)."""
    where, params = _where(f)
    limit = _count(limit, "limit", 1, 1_000_000)
    offset = _count(offset, "offset", 0, MAX_ID)
    if before_id is not None:
        where += (" AND " if where else " WHERE ") + "id < ?"
        params.append(_id(before_id, "before_id", "Posten"))
    rows = store.query(
        f"SELECT * FROM audit_log{where} ORDER BY id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [_entry(r) for r in rows]


def user_names(store: Store) -> list[str]:
    """Every user name in the log, for the view's filter."""
    # One index seek per name (a skip scan), not a walk over millions of entries.
    names = [
        r[0]
        for r in store.query(
            "WITH RECURSIVE u(name) AS (SELECT min(user_name) FROM audit_log"
            " UNION ALL SELECT (SELECT min(user_name) FROM audit_log WHERE user_name > u.name)"
            " FROM u WHERE u.name IS NOT NULL) SELECT name FROM u WHERE name IS NOT NULL"
        )
    ]
    from trappe.model.collation import danish_sorted

    return danish_sorted(names)


def citizen_names(store: Store, ids: list[int]) -> dict[int, str]:
    """The names of those citizens that still exist (an erased citizen's entries stay)."""
    # Ids as the log holds them; one that no citizen can have simply has no name.
    ids = [i for i in ids or [] if type(i) is int and 1 <= i <= MAX_ID]
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    return {
        r["id"]: r["name"]
        for r in store.query(f"SELECT id, name FROM citizens WHERE id IN ({marks})", ids)
    }


# -- the citizen's own access log -----------------------------------------------------------
def citizen_access_log(store: Store, citizen_id: int) -> list[dict[str, Any]]:
    """Who has looked at or changed this citizen's case, oldest first (for their data export).

    Kept as long as the log keeps the entries (the retention period); searches are not in
    it, since a search is not about one citizen.
    """
    citizen_id = _id(citizen_id, "citizen", "Borgerens id")
    rows = store.query("SELECT * FROM audit_log WHERE citizen_id = ? ORDER BY id", (citizen_id,))
    return access_rows([dict(r) for r in rows])


def access_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Audit rows (as stored, or as a handover file carried them) in words for the citizen."""
    from trappe.model.entities import ROLE_LABELS_DA, Role

    out = []
    for r in rows:
        e = _entry({"os_user": "", "citizen_id": None, **r})
        try:
            role = ROLE_LABELS_DA[Role(e.user_role)]
        except ValueError:
            role = e.user_role
        out.append(
            {
                "time": e.at,
                "time_local": format_time(e.at),
                "user": e.user_name,
                "login": e.os_user,
                "role": role,
                "action": action_label(e.action),
                "object": object_label(e.object_type),
                "details": describe(e),
            }
        )
    return out


# -- export to CSV ----------------------------------------------------------------------------
CSV_HEADER = (
    "Post",
    "Tidspunkt",
    "Bruger",
    "Login",
    "Rolle",
    "Handling",
    "Objekt",
    "Objekt-id",
    "Borger-id",
    "Detaljer",
)


def iter_entries(store: Store, f: AuditFilter, batch: int = 5000) -> Iterator[AuditEntry]:
    """Every entry the filter matches, newest first, read in batches (keyset paging)."""
    batch = _count(batch, "batch", 1, 1_000_000)
    before = None
    while True:
        page = query_entries(store, f, limit=batch, before_id=before)
        yield from page
        if len(page) < batch:
            return
        before = page[-1].id


def export_csv(store: Store, f: AuditFilter, path: Path) -> int:
    """Write the matching entries to ``path`` as CSV (semicolons, UTF-8 with BOM: opens in
    a Danish Excel); returns the number of entries. The export is logged before the file is
    in place (``output.audited_output``: a 0600 temporary file, the entry, the rename).

    ``path`` must be absolute (the caller resolves what the user typed)."""
    from trappe.model.output import audited_output

    path = _path(path)
    if not path.is_absolute():
        raise ValidationError("path", "Angiv filens fulde sti.")
    count_entries(store, f)  # the filter checked before anything is written
    count = 0

    def log() -> None:
        details = {"format": "csv", "entries": count, "filter": f.as_details()}
        store.audit(EXPORT, AUDIT_LOG, None, details)

    with audited_output(store, path, log) as raw:
        fh = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        import csv

        writer = csv.writer(fh, delimiter=";")
        writer.writerow(CSV_HEADER)
        for e in iter_entries(store, f):
            writer.writerow(
                (
                    e.id,
                    format_time(e.at),
                    e.user_name,
                    e.os_user,
                    e.user_role,
                    action_label(e.action),
                    object_label(e.object_type),
                    "" if e.object_id is None else e.object_id,
                    "" if e.citizen_id is None else e.citizen_id,
                    describe(e),
                )
            )
            count += 1
        fh.flush()
        fh.detach()  # the raw file stays open for audited_output to sync and close
    return count
