"""The handover file itself: a passphrase, AES-256-GCM under a scrypt key, and what it carries.

Kept apart from the two ends (``handover_send``, ``handover_receive``) so the cryptography and
the file layout are read and reviewed in one place; see ``trappe.model.handover`` for the whole
story and the layout.
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
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from trappe.model.errors import TrappeError

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


class HandoverError(TrappeError):
    """The handover file cannot be used (wrong passphrase, damaged, not ours, too new)."""


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


def course_periods_of(payload: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """The course's periods in a payload (None in a file written before they travelled and
    without them among its other rows)."""
    periods = payload.get("course_periods")
    if periods is None:
        periods = payload.get("other_rows", {}).get("course_periods")
    return None if periods is None else list(periods)


def period_spans(periods: list[dict[str, Any]]) -> list[tuple[Any, Any, Any]]:
    return [(p.get("started_on"), p.get("ended_on"), p.get("end_reason")) for p in periods]


def today_file_name(name: str, on: date | None = None) -> str:
    """A suggested file name: the citizen's first name and the date, never a CPR number."""
    first = (name.split() or ["borger"])[0]
    safe = "".join(ch for ch in first if ch.isalnum()) or "borger"
    return f"overdragelse-{safe}-{(on or date.today()).isoformat()}{FILE_SUFFIX}"
