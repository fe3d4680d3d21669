"""Handing one citizen's course to a colleague on another laptop, in one encrypted file.

The sender exports the whole course (the citizen, meetings, placements, activities, agreements,
the course's periods, the access log about the citizen, and rows of any other table that points
at the citizen, such as snapshot memberships) and is shown a one-time passphrase to pass on by
another channel (telephone, in person). The file is encrypted with AES-256-GCM under a key
derived from that passphrase with scrypt (``cryptography``; nothing home-made): a wrong
passphrase or a single changed byte is refused before anything is read.

File layout (docs/architecture.md, "Case handover")::

    TRAPPE-OVERDRAGELSE\\n
    {"format": 1, "kdf": {...}, "nonce": "..."}\\n      header: no personal data
    <AES-GCM ciphertext of zlib(JSON payload)>          header lines are the associated data

The receiver's side: ``read_handover`` checks the file, ``plan_import`` matches the steps by
title and category and finds an existing citizen with the same CPR or case number, and
``import_handover`` writes everything in one transaction: a new citizen, or (only when asked)
the meetings the receiver does not already have. Nothing the receiver has is overwritten; what
differs is reported. Both ends write the handover to their audit log.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import unicodedata
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from trappe.model import audit
from trappe.model.entities import Category, Role
from trappe.model.errors import NotFoundError, TrappeError, ValidationError
from trappe.model.progress import refresh_derived
from trappe.model.schema import search_text
from trappe.model.store import Store, now_iso

MAGIC = b"TRAPPE-OVERDRAGELSE\n"
FORMAT = 1
FILE_SUFFIX = ".trappe-overdragelse"
# scrypt at 2**15 × 8 takes about 0.1 s and 32 MiB: cheap for one file, costly for guessing.
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
PASSPHRASE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud safely
PASSPHRASE_GROUPS = 5  # 5 × 4 characters × 5 bits = 100 bits
MAX_FILE = 200 * 1024 * 1024

# Tables of the course, in the order they are written; their rows travel as stored.
COURSE_TABLES = ("meetings", "placements", "activities", "agreements")
# Columns that are ids of this database: remapped on import, never copied.
_LOCAL_KEYS = {
    "citizens": {"id", "target_group_id", "caseworker_id", "consultant_id", "goal_step_id"},
    "meetings": {"id", "citizen_id"},
    "placements": {"id", "citizen_id", "meeting_id", "step_id"},
    "activities": {"id", "meeting_id"},
    "agreements": {"id", "citizen_id", "meeting_id"},
}
# What tables added since the format was written mean for a handover:
# - course_periods (when the course was active: a reopened course has several) travel as rows
#   of their own ("course_periods"), since the measures as of a date read them (a file written
#   before this carries them in "other_rows", and is read the same way);
# - placement_runs are derived from the placements and rebuilt on import (refresh_derived);
# - step_versions and staircase_changes are the sender's staircase history: the receiver's
#   staircase (its steps, categories and their dates) is the receiver's own, matched by title
#   and category (``match_steps``), and measures there use its history.
TRAVEL_SEPARATELY = {"course_periods"}
DERIVED_TABLES = {"placement_runs"}
# Derived or computed on the receiver's side (trappe/model/progress.py, schema.search_text).
_DERIVED = {
    "current_step_id",
    "current_step_since",
    "own_step_id",
    "last_meeting_on",
    "next_meeting_on",
    "search_text",
}


class HandoverError(TrappeError):
    """The handover file cannot be used (wrong passphrase, damaged, not ours, too new)."""


class CitizenExists(TrappeError):
    """The citizen is already in the receiver's database: merge or cancel."""


# -- the passphrase and the file ---------------------------------------------------------------
def new_passphrase() -> str:
    """A one-time passphrase such as ``K7QX-M4PD-R2TW-9HNB-ZC3F`` (100 random bits)."""
    groups = (
        "".join(secrets.choice(PASSPHRASE_ALPHABET) for _ in range(4))
        for _ in range(PASSPHRASE_GROUPS)
    )
    return "-".join(groups)


def normalise_passphrase(text: str) -> str:
    """What the key is derived from: letters and digits, upper case; dashes and spaces ignored."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).upper() if ch.isalnum())


def _key(passphrase: str, salt: bytes, params: Mapping[str, int]) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"])
    return kdf.derive(normalise_passphrase(passphrase).encode("utf-8"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def encrypt(payload: dict[str, Any], passphrase: str) -> bytes:
    """The bytes of a handover file holding ``payload``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    header = {
        "format": FORMAT,
        "cipher": "AES-256-GCM",
        "kdf": {"name": "scrypt", **SCRYPT, "salt": _b64(salt)},
        "nonce": _b64(nonce),
    }
    head = MAGIC + json.dumps(header, sort_keys=True).encode("ascii") + b"\n"
    plain = zlib.compress(json.dumps(payload, ensure_ascii=False).encode("utf-8"), 6)
    return head + AESGCM(_key(passphrase, salt, SCRYPT)).encrypt(nonce, plain, head)


def decrypt(data: bytes, passphrase: str) -> dict[str, Any]:
    """The payload of a handover file; ``HandoverError`` if it is not one, or cannot be opened."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not data.startswith(MAGIC):
        raise HandoverError("Filen er ikke en Trappe-overdragelsesfil.")
    end = data.find(b"\n", len(MAGIC))
    try:
        header = json.loads(data[len(MAGIC) : end])
        if int(header["format"]) > FORMAT:
            raise HandoverError(
                "Filen er lavet af en nyere version af Trappe. Opdatér Trappe for at læse den."
            )
        kdf = header["kdf"]
        if kdf["name"] != "scrypt" or header.get("cipher") != "AES-256-GCM":
            raise ValueError("unknown algorithm")
        salt = base64.b64decode(kdf["salt"])
        nonce = base64.b64decode(header["nonce"])
        params = {k: int(kdf[k]) for k in ("n", "r", "p")}
        if params["n"] > 2**20 or params["r"] > 16 or params["p"] > 4:
            raise ValueError("scrypt parameters out of range")
    except HandoverError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise HandoverError("Overdragelsesfilen er beskadiget (hovedet kan ikke læses).") from exc
    head = data[: end + 1]
    try:
        plain = AESGCM(_key(passphrase, salt, params)).decrypt(nonce, data[end + 1 :], head)
    except InvalidTag:
        raise HandoverError(
            "Kodeordet passer ikke til filen, eller filen er beskadiget. Tjek kodeordet "
            "(store bogstaver og tal; bindestreger og mellemrum er ligegyldige)."
        ) from None
    try:
        payload = json.loads(zlib.decompress(plain).decode("utf-8"))
    except (zlib.error, ValueError) as exc:  # authentic but unreadable: a bug at the sender
        raise HandoverError("Overdragelsesfilens indhold kan ikke læses.") from exc
    if payload.get("format") != FORMAT or "citizen" not in payload:
        raise HandoverError("Overdragelsesfilen har et ukendt indhold.")
    return payload


def file_digest(data: bytes) -> str:
    """SHA-256 of the file: both audit logs record it, so the two ends can be matched."""
    return hashlib.sha256(data).hexdigest()


# -- the sender ---------------------------------------------------------------------------------
def _rows(store: Store, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [dict(r) for r in store.query(sql, params)]


def _tables_pointing_at_citizens(store: Store) -> list[str]:
    """Tables besides the course's own that hold rows per citizen (e.g. snapshot memberships)."""
    # handover_imports is included: a course handed on again carries its earlier senders' logs.
    known = {"citizens", *COURSE_TABLES, "audit_log", *TRAVEL_SEPARATELY, *DERIVED_TABLES}
    tables = [
        r[0]
        for r in store.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name"
        )
    ]
    return [
        t
        for t in tables
        if t not in known
        and any(c[1] == "citizen_id" for c in store.query(f'PRAGMA table_info("{t}")'))
    ]


def course_payload(store: Store, citizen_id: int) -> dict[str, Any]:
    """Everything about one citizen, as the handover file carries it."""
    citizen = store.query_one("SELECT * FROM citizens WHERE id = ?", (citizen_id,))
    if citizen is None:
        raise NotFoundError("Borgeren findes ikke (måske er borgeren slettet).")
    meetings = _rows(
        store, "SELECT * FROM meetings WHERE citizen_id = ? ORDER BY id", (citizen_id,)
    )
    placements = _rows(
        store, "SELECT * FROM placements WHERE citizen_id = ? ORDER BY id", (citizen_id,)
    )
    activities = _rows(
        store,
        "SELECT a.* FROM activities a JOIN meetings m ON m.id = a.meeting_id"
        " WHERE m.citizen_id = ? ORDER BY a.id",
        (citizen_id,),
    )
    agreements = _rows(
        store, "SELECT * FROM agreements WHERE citizen_id = ? ORDER BY id", (citizen_id,)
    )
    periods = _rows(
        store,
        "SELECT started_on, ended_on, end_reason FROM course_periods WHERE citizen_id = ?"
        " ORDER BY started_on, id",
        (citizen_id,),
    )
    step_ids = {p["step_id"] for p in placements} | {citizen["goal_step_id"]} - {None}
    steps = _rows(
        store,
        f"SELECT id, title, category, position, retired_on FROM steps"
        f" WHERE id IN ({','.join('?' * len(step_ids))}) ORDER BY position, id",
        tuple(step_ids),
    )

    def name(table: str, row_id: int | None) -> str | None:
        if row_id is None:
            return None
        return store.scalar(f"SELECT name FROM {table} WHERE id = ?", (row_id,))

    access_log = _rows(
        store,
        # The entries about the citizen (indexed by citizen_id); the chain's hash as hex text.
        "SELECT id, at, user_name, os_user, user_role, action, object_type, object_id,"
        " citizen_id, details, lower(hex(hash)) AS hash FROM audit_log"
        " WHERE citizen_id = ? ORDER BY id",
        (citizen_id,),
    )
    others = {
        table: _rows(store, f'SELECT * FROM "{table}" WHERE citizen_id = ?', (citizen_id,))
        for table in _tables_pointing_at_citizens(store)
    }
    import trappe

    return {
        "format": FORMAT,
        "trappe_version": trappe.__version__,
        "exported_at": now_iso(),
        "exported_by": {"name": store.actor.name, "role": str(store.actor.role)},
        "steps": steps,
        "citizen": dict(citizen),
        "target_group": name("target_groups", citizen["target_group_id"]),
        "caseworker": name("staff", citizen["caseworker_id"]),
        "consultant": name("staff", citizen["consultant_id"]),
        "meetings": meetings,
        "placements": placements,
        "activities": activities,
        "agreements": agreements,
        "course_periods": periods,
        "access_log": access_log,
        "other_rows": {t: rows for t, rows in others.items() if rows},
    }


@dataclass(frozen=True)
class ExportResult:
    path: Path
    passphrase: str
    digest: str
    counts: dict[str, int]


def _counts(payload: Mapping[str, Any]) -> dict[str, int]:
    return {t: len(payload[t]) for t in (*COURSE_TABLES, "access_log")}


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable by the owner only, replacing it atomically."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise HandoverError(f"Filen «{path.name}» kan ikke skrives: {exc.strerror}.") from exc


def export_handover(
    store: Store, citizen_id: int, path: str | os.PathLike[str], passphrase: str | None = None
) -> ExportResult:
    """Write the citizen's course to ``path``, encrypted; the passphrase is in the result.

    The file is read back and decrypted before this returns, and the export is logged.
    """
    path = Path(path)
    passphrase = passphrase or new_passphrase()
    payload = course_payload(store, citizen_id)
    data = encrypt(payload, passphrase)
    _write_private(path, data)
    check = verify_handover_file(path, passphrase, citizen_id=None)
    if check != _counts(payload):  # pragma: no cover - the disk returned something else
        raise HandoverError(f"Filen «{path.name}» blev ikke skrevet rigtigt. Prøv igen.")
    digest = file_digest(data)
    audit.log_event(
        store,
        "handover_export",
        "citizen",
        citizen_id,
        {"file_sha256": digest, "counts": _counts(payload)},
    )
    return ExportResult(path, passphrase, digest, _counts(payload))


def verify_handover_file(
    path: str | os.PathLike[str], passphrase: str, *, citizen_id: int | None
) -> dict[str, int]:
    """Decrypt the file and return its row counts (and check whose course it is, if given)."""
    payload = read_handover(path, passphrase).payload
    if citizen_id is not None and payload["citizen"]["id"] != citizen_id:
        raise HandoverError("Overdragelsesfilen hører til en anden borger.")
    return _counts(payload)


def erase_after_handover(
    store: Store, citizen_id: int, path: str | os.PathLike[str], passphrase: str
) -> None:
    """Erase the citizen here once the handover file is verified to hold their whole course."""
    from trappe.model.citizens import erase_citizen

    package = read_handover(path, passphrase).payload
    if package["citizen"]["id"] != citizen_id:
        raise HandoverError("Overdragelsesfilen hører til en anden borger.")
    counts = _counts(package)
    here_payload = course_payload(store, citizen_id)
    here = _counts(here_payload)
    changed = [t for t in COURSE_TABLES if here[t] != counts[t]]
    sent = course_periods_of(package)
    if sent is not None and _spans(sent) != _spans(here_payload["course_periods"]):
        changed.append("course_periods")
    if changed:
        raise HandoverError(
            "Borgeren er ændret, efter filen blev skrevet; borgeren er ikke slettet. "
            "Lav overdragelsesfilen igen."
        )
    _backup_before_erasing(store)
    with store.write():
        store.audit("handover_erase", "citizen", citizen_id, {"counts": counts})
        erase_citizen(store, citizen_id)
    store.checkpoint()  # the erased rows leave the WAL too (secure_delete clears the file)


def _backup_before_erasing(store: Store) -> None:
    """A verified backup first (``trappe.model.backup.before``), where that module exists;
    it comes with the store's backups (issue 8) and raises, so nothing is erased, on failure."""
    try:
        from trappe.model import backup  # type: ignore[attr-defined]
    except ImportError:
        return
    backup.before(store, "handover")


# -- the receiver ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class HandoverPackage:
    """A decrypted, checked handover file."""

    payload: dict[str, Any]
    digest: str

    @property
    def citizen_name(self) -> str:
        return str(self.payload["citizen"]["name"])

    @property
    def exported_by(self) -> str:
        return str(self.payload["exported_by"]["name"])


def read_handover(path: str | os.PathLike[str], passphrase: str) -> HandoverPackage:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE:
            raise HandoverError(f"Filen «{path.name}» er for stor til at være en overdragelse.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise HandoverError(f"Filen «{path.name}» findes ikke.") from None
    except OSError as exc:
        raise HandoverError(f"Filen «{path.name}» kan ikke læses: {exc.strerror}.") from exc
    return HandoverPackage(decrypt(data, passphrase), file_digest(data))


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
    return _rows(
        store,
        "SELECT id, title, category FROM steps WHERE retired_on IS NULL ORDER BY position",
        (),
    )


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


def course_periods_of(payload: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """The course's periods in a payload (None in a file written before they travelled and
    without them among its other rows)."""
    periods = payload.get("course_periods")
    if periods is None:
        periods = payload.get("other_rows", {}).get("course_periods")
    return None if periods is None else list(periods)


def _spans(periods: list[dict[str, Any]]) -> list[tuple[Any, Any, Any]]:
    return [(p.get("started_on"), p.get("ended_on"), p.get("end_reason")) for p in periods]


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


def today_file_name(name: str, on: date | None = None) -> str:
    """A suggested file name: the citizen's first name and the date, never a CPR number."""
    first = (name.split() or ["borger"])[0]
    safe = "".join(ch for ch in first if ch.isalnum()) or "borger"
    return f"overdragelse-{safe}-{(on or date.today()).isoformat()}{FILE_SUFFIX}"
