"""The audit log's hash chain: writing a link, verifying the chain, thinning it to counts.

**The chain.** Every entry carries ``hash`` = sha256(previous entry's hash + the UTF-8 of the
entry's fields as a compact JSON array: SQLite's ``json_array`` over ``CHAIN_FIELDS``, the id
included). The first entry continues from ``GENESIS`` (32 zero bytes). ``append`` reads the
last entry and writes the new one inside the caller's write transaction, which
``Store.write`` opens with ``BEGIN IMMEDIATE``: two processes wait for each other, so the
chain cannot fork. ``verify_chain`` walks the log in id order and recomputes every link; an
entry edited by hand no longer matches its hash, and a deleted entry leaves the next one
pointing at a hash that is no longer there (and a gap in the ids).

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

Use it through ``trappe.model.audit``, which re-exports what other modules need.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

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

THIN, AUDIT_LOG = "thin", "audit_log"  # the checkpoint entry's action and object


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
# The last link and the new entry's canonical text in one statement (one round trip per
# entry: opening a citizen writes one): the new id is the last id + 1 (1 in an empty log).
assert CHAIN_FIELDS[0] == "id"
_LAST_AND_CANONICAL = (
    "SELECT last.id, last.hash, json_array(coalesce(last.id, 0) + 1, "
    + ", ".join(f":{f}" for f in CHAIN_FIELDS[1:])
    + ") FROM (SELECT 1) LEFT JOIN"
    " (SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1) AS last"
)


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
    values: dict[str, Any] = {
        "at": at or datetime.now(UTC).isoformat(timespec="seconds"),  # (``store.now_iso``)
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
    last_id, last_hash, canonical = store.execute(_LAST_AND_CANONICAL, values).fetchone()
    prev = bytes(last_hash) if last_hash is not None else GENESIS
    values["id"] = (last_id + 1) if last_id is not None else 1
    values["hash"] = link(prev, canonical)
    store.execute(
        "INSERT INTO audit_log (id, at, user_name, os_user, user_role, action, object_type,"
        " object_id, citizen_id, details, hash) VALUES (:id, :at, :user_name, :os_user,"
        " :user_role, :action, :object_type, :object_id, :citizen_id, :details, :hash)",
        values,
    )
    return int(values["id"])


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
