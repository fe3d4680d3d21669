"""The sender's end of a handover: gather a citizen's whole course, write it encrypted, and
(once the file is verified) erase the citizen here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trappe.model import audit
from trappe.model.errors import NotFoundError
from trappe.model.handover_file import (
    COURSE_TABLES,
    DERIVED_TABLES,
    FORMAT,
    TRAVEL_SEPARATELY,
    HandoverError,
    course_periods_of,
    encrypt,
    file_digest,
    new_passphrase,
    period_spans,
    read_handover,
)
from trappe.model.store import Store, now_iso


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
    if sent is not None and period_spans(sent) != period_spans(here_payload["course_periods"]):
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
