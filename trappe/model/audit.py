"""The audit log: who did what to which object, and when (GDPR accountability).

Entries hold ids, field names and search criteria, never the changed personal data itself,
so erasing a citizen leaves no copy of their details behind in the log.

**Who.** Each entry names the user twice: ``user_name`` is the name the user gave (settings
dialog, ``--user``), ``os_user`` the operating system's login name (``Actor.os_user``).

**The hash chain.** Every entry carries ``hash`` = sha256(previous entry's hash + the UTF-8 of
the entry's fields as a compact JSON array: SQLite's ``json_array`` over ``CHAIN_FIELDS``, the
id included). The first entry continues from ``GENESIS`` (32 zero
bytes). ``append`` reads the last entry and writes the new one inside the caller's write
transaction, which ``Store.write`` opens with ``BEGIN IMMEDIATE``: two processes wait for each
other, so the chain cannot fork. ``verify_chain`` walks the log in id order and recomputes
every link; an entry edited by hand no longer matches its hash, and a deleted entry leaves the
next one pointing at a hash that is no longer there (and a gap in the ids).

**Thinning keeps it verifiable.** Retention (``thin_log``) deletes the oldest entries, always a
prefix of the log (ids 1..K), after adding them up in ``audit_counts`` (month, action, object
type: no user, no object, no criteria). In the same transaction it appends a *checkpoint*
entry (action ``thin``) whose details record ``through_id`` = K and ``continues_from`` = the
hash of entry K. The verifier starts the walk from that hash when the log begins at K+1. The
checkpoint is itself a link of the chain, so changing what it says breaks the chain.

**What the chain cannot show.** It has no secret: someone who can write the file can delete
the newest entries, or rewrite the whole chain with new hashes, and the file alone cannot tell.
``verify_chain`` reports the last link (id and hash); note it elsewhere (or keep backups) to
compare later. Encryption at rest keeps such a person out in the first place.

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

import csv
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trappe.model.errors import TrappeError

if TYPE_CHECKING:
    from trappe.model.store import Store

GENESIS = bytes(32)
CHAIN_FIELDS = (
    "id",
    "at",
    "user_name",
    "os_user",
    "user_role",
    "action",
    "object_type",
    "object_id",
    "citizen_id",
    "details",
)

# -- the vocabulary: actions and object types, with their Danish words ----------------------
CREATE, UPDATE, DELETE, READ, SEARCH = "create", "update", "delete", "read", "search"
EXPORT, PRINT, VIEW = "export", "print", "view"
BACKUP, RESTORE, THIN, VERIFY = "backup", "restore", "thin", "verify"
HANDOVER_EXPORT, HANDOVER_IMPORT, HANDOVER_ERASE = (
    "handover_export",
    "handover_import",
    "handover_erase",
)
REPORT, AUDIT_LOG, DATABASE = "report", "audit_log", "database"

ACTION_LABELS_DA = {
    CREATE: "Oprettet",
    UPDATE: "Ændret",
    DELETE: "Slettet",
    READ: "Åbnet",
    SEARCH: "Søgning",
    EXPORT: "Udleveret",
    PRINT: "Udskrevet",
    VIEW: "Vist",
    BACKUP: "Sikkerhedskopi",
    RESTORE: "Gendannet",
    THIN: "Log udtyndet",
    VERIFY: "Log kontrolleret",
    HANDOVER_EXPORT: "Overdraget",
    HANDOVER_IMPORT: "Modtaget (overdragelse)",
    HANDOVER_ERASE: "Slettet efter overdragelse",
}
OBJECT_LABELS_DA = {
    "citizen": "Borger",
    "meeting": "Møde",
    "placement": "Placering",
    "agreement": "Aftale",
    "step": "Trin",
    "phase": "Fase",
    "target_group": "Målgruppe",
    "setting": "Indstilling",
    "staff": "Medarbejder",
    "staircase": "Trappe",
    "demo": "Demodata",
    "blank_sheet": "Blankt dialogark",
    REPORT: "Rapport",
    "overview": "Overblik",
    AUDIT_LOG: "Adgangslog",
    DATABASE: "Database",
}


def may_read_log(role: object) -> bool:
    """The access-log view is for team leaders and the data protection officer.

    Roles are what users state about themselves on a shared laptop, so this steers who sees
    the view; it is not a lock (the file and ``trappe audit`` stay open to whoever has it).
    """
    from trappe.model.entities import Role

    return role in (Role.TEAM_LEADER, Role.DATA_PROTECTION_OFFICER)


def action_label(action: str) -> str:
    return ACTION_LABELS_DA.get(action, action)


def object_label(object_type: str) -> str:
    return OBJECT_LABELS_DA.get(object_type, object_type)


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


def local_time(at: str) -> datetime:
    moment = datetime.fromisoformat(at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone()


def format_time(at: str) -> str:
    """22-11-2026 14:03 in local time (what a Danish reader expects)."""
    try:
        return local_time(at).strftime("%d-%m-%Y %H:%M")
    except ValueError:
        return at


# -- writing ----------------------------------------------------------------------------------
def canonical_sql(columns: tuple[str, ...] = CHAIN_FIELDS) -> str:
    """SQL for the bytes an entry's hash covers: SQLite's ``json_array`` of its fields.

    One serialisation, SQLite's own, for writing, verifying and migrating alike. A field
    edited into a BLOB (never written by Trappe) is taken as its hex text, so such a row is
    reported as changed instead of stopping the check.
    """
    guarded = [f"CASE typeof({c}) WHEN 'blob' THEN hex({c}) ELSE {c} END" for c in columns]
    return f"json_array({', '.join(guarded)})"


def link(prev: bytes, canonical: str) -> bytes:
    """One link: sha256 over the previous entry's hash and this entry's canonical text."""
    return hashlib.sha256(prev + canonical.encode("utf-8")).digest()


def citizen_of(object_type: str, object_id: int | None, details: dict[str, Any] | None) -> Any:
    """The citizen an entry concerns (its place in that citizen's access log), if any."""
    if object_type == "citizen":
        return object_id
    if details and isinstance(details.get("citizen_id"), int):
        return details["citizen_id"]
    return None


_CANONICAL_PARAMS = "SELECT json_array(" + ", ".join(f":{f}" for f in CHAIN_FIELDS) + ")"


def append(
    store: Store,
    action: str,
    object_type: str,
    object_id: int | None,
    details: dict[str, Any] | None = None,
    *,
    at: str | None = None,
) -> int:
    """Add one entry to the chain, inside the caller's write transaction; returns its id.

    ``at`` is for tests and imports; otherwise the current time (UTC).
    """
    from trappe.model.store import now_iso

    last = store.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    prev = bytes(last["hash"]) if last is not None and last["hash"] is not None else GENESIS
    values: dict[str, Any] = {
        "id": (last["id"] + 1) if last is not None else 1,
        "at": at or now_iso(),
        "user_name": store.actor.name,
        "os_user": store.actor.os_user,
        "user_role": str(store.actor.role),
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "citizen_id": citizen_of(object_type, object_id, details),
        "details": json.dumps(details, ensure_ascii=False, sort_keys=True, default=str)
        if details
        else "",
    }
    canonical = store.execute(_CANONICAL_PARAMS, values).fetchone()[0]
    values["hash"] = link(prev, canonical)
    store.execute(
        "INSERT INTO audit_log (id, at, user_name, os_user, user_role, action, object_type,"
        " object_id, citizen_id, details, hash) VALUES (:id, :at, :user_name, :os_user,"
        " :user_role, :action, :object_type, :object_id, :citizen_id, :details, :hash)",
        values,
    )
    return int(values["id"])


def log_search(store: Store, criteria: dict[str, Any], result_count: int) -> None:
    """A search as typed (criteria kept until retention thins the log; see README)."""
    with store.write():
        store.audit(SEARCH, "citizen", None, {"criteria": criteria, "results": result_count})


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


AUDIT_LOG_TABLE = """
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_name TEXT NOT NULL,
    os_user TEXT NOT NULL DEFAULT '',
    user_role TEXT NOT NULL,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id INTEGER,
    citizen_id INTEGER,
    details TEXT NOT NULL DEFAULT '',
    hash BLOB
)"""


def _insert_chained(
    conn: sqlite3.Connection, fields: dict[str, str], source: str, prev: bytes
) -> int:
    """``INSERT INTO audit_log … SELECT`` the ``fields`` (column -> SQL expression over
    ``source``, which must yield its rows in increasing id order) with their links.

    SQLite serialises, Python only hashes, and the table is written once, in order. The link
    function refuses any row that does not come in increasing id order, so the chain cannot
    silently come out wrong.
    """
    state = {"prev": prev, "id": -1}

    def next_link(entry_id: int, canonical: str) -> bytes:
        if entry_id <= state["id"]:
            raise RuntimeError("audit entries reached the chain out of order")
        state["prev"] = link(state["prev"], canonical)
        state["id"] = entry_id
        return state["prev"]

    select = ", ".join(fields[f] for f in CHAIN_FIELDS)
    conn.create_function("trappe_chain_link", 2, next_link)
    try:
        return conn.execute(
            f"INSERT INTO audit_log ({', '.join(CHAIN_FIELDS)}, hash)"
            f" SELECT {select}, trappe_chain_link({fields['id']}, json_array({select}))"
            f" FROM {source}"
        ).rowcount
    finally:
        conn.create_function("trappe_chain_link", 2, None)


def rebuild_chained(conn: sqlite3.Connection) -> int:
    """Rebuild an unchained ``audit_log`` (schema 3) as a chained one (the migration).

    One ``INSERT … SELECT`` in id order copies every entry into the new table with its
    citizen and its link (an UPDATE in place would grow every row and split every page).
    Returns the number of entries chained.
    """
    citizen = (
        "CASE WHEN object_type = 'citizen' THEN object_id"
        " WHEN details LIKE '%\"citizen_id\"%' AND json_valid(details)"
        " THEN json_extract(details, '$.citizen_id') END"
    )
    fields = {f: f for f in CHAIN_FIELDS} | {"os_user": "''", "citizen_id": citizen}
    conn.execute("ALTER TABLE audit_log RENAME TO audit_log_unchained")
    conn.execute("DROP INDEX IF EXISTS audit_log_by_object")
    conn.execute(AUDIT_LOG_TABLE)
    rows = _insert_chained(conn, fields, "audit_log_unchained ORDER BY id", GENESIS)
    conn.execute("DROP TABLE audit_log_unchained")
    return rows


ImportRow = tuple[str, str, str, str, str, str, "int | None", "int | None", str]


def append_many(store: Store, rows: Iterable[ImportRow]) -> int:
    """Append many entries at once, in the given order, inside the caller's write (imports
    and the demo's history). Each row: (at, user_name, os_user, user_role, action,
    object_type, object_id, citizen_id, details as JSON text or "")."""
    conn = store.conn
    assert conn.in_transaction, "append_many must run inside Store.write()"
    conn.execute(
        "CREATE TEMP TABLE audit_import (n INTEGER PRIMARY KEY, at, user_name, os_user,"
        " user_role, action, object_type, object_id, citizen_id, details)"
    )
    try:
        conn.executemany(
            "INSERT INTO audit_import (at, user_name, os_user, user_role, action, object_type,"
            " object_id, citizen_id, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        last = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        base = last[0] if last is not None else 0
        prev = bytes(last[1]) if last is not None and last[1] is not None else GENESIS
        fields = {f: f for f in CHAIN_FIELDS} | {"id": f"(n + {int(base)})"}
        return _insert_chained(conn, fields, "temp.audit_import ORDER BY n", prev)
    finally:
        conn.execute("DROP TABLE temp.audit_import")


# -- verifying --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ChainBreak:
    """The first link that does not hold."""

    id: int
    at: str
    reason: str

    def message(self) -> str:
        return f"Kæden er brudt ved post #{self.id} ({format_time(self.at)}): {self.reason}"


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_id: int | None
    last_id: int | None
    last_hash: bytes | None
    thinned_through: int | None
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None

    def lines(self) -> list[str]:
        """The result in Danish, for the command line and the access-log window."""
        if self.broken is not None:
            return [
                self.broken.message(),
                "Revisionsloggen er ændret uden om Trappe. Kontakt databeskyttelsesrådgiveren, "
                "og gem en kopi af databasen som den er nu.",
            ]
        if not self.entries:
            return ["Revisionsloggen er tom."]
        lines = [
            f"Revisionsloggen er i orden: {_number(self.entries)} poster, kæden hænger sammen "
            f"fra post #{self.first_id} til #{self.last_id}."
        ]
        if self.thinned_through is not None:
            lines.append(
                f"Posterne til og med #{self.thinned_through} er udtyndet til optællinger "
                "(sletning efter frist)."
            )
        assert self.last_hash is not None
        lines.append(f"Seneste led: #{self.last_id}, {self.last_hash.hex()}")
        return lines


def _number(n: int) -> str:
    """1.234.567: thousands with a Danish point."""
    return f"{n:,}".replace(",", ".")


def _checkpoint_for(conn: sqlite3.Connection, first_id: int) -> bytes | None:
    """The hash a log that begins at ``first_id`` continues from, if thinning left one."""
    found = None
    for (details,) in conn.execute(
        "SELECT details FROM audit_log WHERE action = ? AND object_type = ? ORDER BY id",
        (THIN, AUDIT_LOG),
    ):
        try:
            d = json.loads(details)
            if d.get("through_id") == first_id - 1:
                found = bytes.fromhex(d["continues_from"])
        except (ValueError, TypeError, KeyError, AttributeError):
            continue
    return found


def _break(
    conn: sqlite3.Connection,
    entry_id: int,
    stored: bytes | None,
    prev_id: int,
    checkpoint: bytes | None,
    first: int,
) -> ChainBreak:
    """Why the link at ``entry_id`` does not hold, in Danish."""
    at = conn.execute("SELECT at FROM audit_log WHERE id = ?", (entry_id,)).fetchone()[0]
    if stored is None:
        reason = "posten har ingen kædeværdi (den er skrevet uden om Trappe)."
    elif entry_id != prev_id + 1:
        reason = (
            f"posterne #{prev_id + 1}–#{entry_id - 1} foran den er slettet."
            if entry_id - prev_id > 2
            else f"posten #{prev_id + 1} foran den er slettet."
        )
    elif entry_id == first and checkpoint is None and first > 1:
        reason = "de ældste poster er slettet (uden en udtynding efter frist)."
    else:
        reason = "posten er ændret, efter den blev skrevet."
    return ChainBreak(entry_id, str(at), reason)


def verify_chain(store: Store, progress: Callable[[int, int], None] | None = None) -> ChainReport:
    """Recompute every link, oldest first; report the first that does not hold.

    Reads one consistent snapshot (a read transaction) and streams the rows, so a log of
    millions of entries needs little memory. ``progress(done, total)`` every 20,000 entries.
    """
    conn = store.conn
    own_txn = not conn.in_transaction
    if own_txn:
        conn.execute("BEGIN")
    try:
        total = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        first = conn.execute("SELECT min(id) FROM audit_log").fetchone()[0]
        if first is None:
            return ChainReport(0, None, None, None, None, None)
        checkpoint = _checkpoint_for(conn, first)
        prev = checkpoint if checkpoint is not None else GENESIS
        prev_id = first - 1
        cursor = conn.cursor()
        cursor.row_factory = None  # plain tuples: this loop runs once per entry
        cursor.execute(f"SELECT id, hash, {canonical_sql()} FROM audit_log ORDER BY id")
        sha256 = hashlib.sha256
        broken = None
        done = 0
        while broken is None:
            batch = cursor.fetchmany(20_000)
            if not batch:
                break
            for entry_id, stored, canonical in batch:
                if stored is not None and sha256(prev + canonical.encode()).digest() == stored:
                    prev, prev_id = stored, entry_id
                    continue
                broken = _break(conn, entry_id, stored, prev_id, checkpoint, first)
                break
            done += len(batch)
            if progress is not None:
                progress(min(done, total), total)
        cursor.close()
        return ChainReport(
            total,
            first,
            prev_id,
            prev,
            first - 1 if checkpoint is not None else None,
            broken,
        )
    finally:
        if own_txn and conn.in_transaction:
            conn.execute("COMMIT")


# -- thinning (retention) ---------------------------------------------------------------------
@dataclass(frozen=True)
class ThinResult:
    entries: int
    through_id: int | None
    oldest: str | None
    newest: str | None


def thinnable(store: Store, before: str) -> tuple[int, int | None]:
    """(number of entries, last id) that ``thin_log(store, before)`` would thin."""
    through = _thin_through(store, before)
    if through is None:
        return 0, None
    return int(store.scalar("SELECT count(*) FROM audit_log WHERE id <= ?", (through,))), through


def _thin_through(store: Store, before: str) -> int | None:
    """The last id of the longest prefix of the log whose entries are all older than
    ``before`` (an ISO time). A prefix, so the chain stays one piece."""
    young = store.scalar("SELECT min(id) FROM audit_log WHERE at >= ?", (before,))
    if young is None:
        through = store.scalar("SELECT max(id) FROM audit_log")
    else:
        through = store.scalar("SELECT max(id) FROM audit_log WHERE id < ?", (young,))
    return int(through) if through is not None else None


def thin_log(store: Store, before: str) -> ThinResult:
    """Replace the entries older than ``before`` (ISO time, UTC) by counts per month, action
    and object type, and append a checkpoint entry that the chain continues from.

    Search criteria (a name or CPR number typed into the search box) go with their entries.
    """
    with store.write():
        through = _thin_through(store, before)
        if through is None:
            return ThinResult(0, None, None, None)
        row = store.query_one(
            "SELECT count(*) AS n, min(at) AS oldest, max(at) AS newest FROM audit_log"
            " WHERE id <= ?",
            (through,),
        )
        assert row is not None
        last = store.query_one("SELECT hash FROM audit_log WHERE id = ?", (through,))
        assert last is not None
        continues_from = bytes(last["hash"]) if last["hash"] is not None else GENESIS
        store.execute(
            "INSERT INTO audit_counts (month, action, object_type, entries)"
            " SELECT substr(at, 1, 7), action, object_type, count(*) FROM audit_log"
            " WHERE id <= ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
            " ON CONFLICT (month, action, object_type)"
            " DO UPDATE SET entries = entries + excluded.entries",
            (through,),
        )
        store.execute("DELETE FROM audit_log WHERE id <= ?", (through,))
        store.audit(
            THIN,
            AUDIT_LOG,
            None,
            {
                "through_id": through,
                "continues_from": continues_from.hex(),
                "entries": row["n"],
                "oldest": row["oldest"],
                "newest": row["newest"],
                "before": before,
            },
        )
    return ThinResult(int(row["n"]), through, row["oldest"], row["newest"])


@dataclass(frozen=True)
class CountRow:
    month: str
    action: str
    object_type: str
    entries: int


def thinned_counts(store: Store) -> list[CountRow]:
    return [
        CountRow(r["month"], r["action"], r["object_type"], r["entries"])
        for r in store.query("SELECT * FROM audit_counts ORDER BY month, action, object_type")
    ]


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
        params.append(object_type)
    if object_id is not None:
        clauses.append("object_id = ?")
        params.append(object_id)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
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
    clauses: list[str] = []
    params: list[Any] = []
    if f.citizen_id is not None:
        clauses.append("citizen_id = ?")
        params.append(f.citizen_id)
    if f.user_name:
        clauses.append("user_name = ?")
        params.append(f.user_name)
    if f.action:
        clauses.append("action = ?")
        params.append(f.action)
    if f.object_type:
        clauses.append("object_type = ?")
        params.append(f.object_type)
    if f.since is not None:
        clauses.append("at >= ?")
        params.append(utc_bound(f.since))
    if f.until is not None:
        clauses.append("at < ?")
        params.append(utc_bound(f.until + timedelta(days=1)))
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
    if before_id is not None:
        where += (" AND " if where else " WHERE ") + "id < ?"
        params.append(before_id)
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
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    return {
        r["id"]: r["name"]
        for r in store.query(f"SELECT id, name FROM citizens WHERE id IN ({marks})", ids)
    }


def describe(entry: AuditEntry) -> str:
    """The details in Danish words, short (for the view, CSV and the citizen's export)."""
    d = entry.details
    bits: list[str] = []
    if entry.action == SEARCH:
        criteria = d.get("criteria") or {}
        text = criteria.get("text")
        if text:
            bits.append(f"søgetekst «{text}»")
        other = [k for k in criteria if k != "text"]
        if other:
            bits.append("filtre: " + ", ".join(sorted(other)))
        if "results" in d:
            bits.append(f"{d['results']} fundet")
        return "; ".join(bits) or "alle"
    if d.get("full_identifier"):
        bits.append("med fuldt CPR-nummer")
    if entry.action == THIN:
        return f"{d.get('entries', '?')} poster til og med #{d.get('through_id', '?')} talt sammen"
    for key, label in (
        ("fields", "felter"),
        ("format", "format"),
        ("sheet", "ark"),
        ("report", "rapport"),
        ("reason", "årsag"),
        ("status", "status"),
        ("meeting_id", "møde"),
        ("file", "fil"),
    ):
        if key in d and d[key] not in (None, ""):
            value = d[key]
            bits.append(
                f"{label}: {', '.join(map(str, value)) if isinstance(value, list) else value}"
            )
    return "; ".join(bits)


# -- the citizen's own access log -----------------------------------------------------------
def citizen_access_log(store: Store, citizen_id: int) -> list[dict[str, Any]]:
    """Who has looked at or changed this citizen's case, oldest first (for their data export).

    Kept as long as the log keeps the entries (the retention period); searches are not in
    it, since a search is not about one citizen.
    """
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
    before = None
    while True:
        page = query_entries(store, f, limit=batch, before_id=before)
        yield from page
        if len(page) < batch:
            return
        before = page[-1].id


def export_csv(store: Store, f: AuditFilter, path: Path) -> int:
    """Write the matching entries to ``path`` as CSV (semicolons, UTF-8 with BOM: opens in
    a Danish Excel); returns the number of entries. Logged before the file is in place."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    count = 0
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
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
        log_event(
            store,
            EXPORT,
            AUDIT_LOG,
            None,
            {"format": "csv", "entries": count, "filter": f.as_details()},
        )
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise TrappeError(
            f"Adgangsloggen kunne ikke gemmes i «{path}»: {exc.strerror or exc}."
        ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count
