"""SQLCipher's raw key: derived from the passphrase once, so only the first connection pays.

SQLCipher turns a passphrase into the database key with PBKDF2 (SQLCipher 4: HMAC-SHA512,
256,000 iterations, the salt in the file's first 16 bytes) on *every* connection keyed with
it: 0.3–1 s each. Trappe runs that same KDF once, with the parameters asked from the
SQLCipher library itself (not copied into the code) and the salt read from the file, and keys
every connection, the first included, with the result as SQLCipher's *raw key*
(``PRAGMA key = "x'<64 hex key><32 hex salt>'"``), which SQLCipher uses as it is. The salt goes
along, so a new file keyed this way (a backup, a converted copy) gets the same salt, and the
passphrase opens it too.

The raw key opens this database (and its backups) exactly as the passphrase does, but does
not reveal the passphrase. It is never written to a file, a log, a command line or the
environment: ``CipherKey`` hides it from ``repr``, refuses to be pickled (worker processes get
it through their pipe, ``share``/``adopt``), and ``wipe`` zeroes it (a ``Store`` wipes its own
copy when it closes). What Python cannot wipe (the short-lived hex text handed to SQLite, the
passphrase string typed into the dialog) is dropped at once.
"""

from __future__ import annotations

import functools
import os
import re
from typing import Any

SALT_BYTES = 16
KEY_BYTES = 32  # AES-256
# What SQLCipher calls its KDFs -> hashlib's names for the same PBKDF2 hash.
_HASHES = {
    "PBKDF2_HMAC_SHA512": "sha512",
    "PBKDF2_HMAC_SHA256": "sha256",
    "PBKDF2_HMAC_SHA1": "sha1",
}
KEYRING_PREFIX = "sqlcipher-raw-key:v1:"
_KEYRING_TEXT = re.compile(
    rf"^{re.escape(KEYRING_PREFIX)}([0-9a-f]{{{KEY_BYTES * 2}}})([0-9a-f]{{{SALT_BYTES * 2}}})$"
)


@functools.cache
def kdf_parameters() -> tuple[str, int]:
    """(hashlib name, iterations) of the KDF SQLCipher applies to a passphrase by default."""
    import sqlcipher3

    conn = sqlcipher3.connect(":memory:")
    try:
        algorithm = str(conn.execute("PRAGMA cipher_default_kdf_algorithm").fetchone()[0])
        iterations = int(conn.execute("PRAGMA cipher_default_kdf_iter").fetchone()[0])
    finally:
        conn.close()
    return _HASHES[algorithm], iterations


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def derive(passphrase: str, salt: bytes) -> CipherKey:
    """The key SQLCipher would derive from ``passphrase`` for a file with ``salt``: the one
    place Trappe pays the KDF (tests count the calls)."""
    if len(salt) != SALT_BYTES:
        raise ValueError("a SQLCipher salt is 16 bytes")
    import hashlib  # (here: a plain database opens without it)

    name, iterations = kdf_parameters()
    material = bytearray(
        hashlib.pbkdf2_hmac(name, passphrase.encode("utf-8"), bytes(salt), iterations, KEY_BYTES)
    )
    return CipherKey(material, salt, _own=True)


class CipherKey:
    """One database's raw SQLCipher key and salt; wipe it when done."""

    __slots__ = ("_material", "salt")

    def __init__(self, material: bytes | bytearray, salt: bytes, *, _own: bool = False) -> None:
        if len(material) != KEY_BYTES or len(salt) != SALT_BYTES:
            raise ValueError("a raw key is 32 bytes and its salt 16")
        self._material = material if _own and isinstance(material, bytearray) else None
        if self._material is None:
            self._material = bytearray(material)
        self.salt = bytes(salt)

    # -- use --------------------------------------------------------------------------------
    def pragma(self, *, with_salt: bool = True) -> str:
        """The value for ``PRAGMA key`` / ``rekey`` / ``ATTACH … KEY`` (a blob literal in
        double quotes). ``with_salt=False`` for ``rekey``: the file keeps its salt."""
        if self.wiped:
            raise ValueError("this key has been wiped")
        text = self._material.hex() + (self.salt.hex() if with_salt else "")
        return f"\"x'{text}'\""

    @property
    def wiped(self) -> bool:
        return not any(self._material)

    def copy(self) -> CipherKey:
        return CipherKey(bytearray(self._material), self.salt, _own=True)

    def wipe(self) -> None:
        """Overwrite the key with zeros (everybody holding this object loses it)."""
        for i in range(len(self._material)):
            self._material[i] = 0

    def same_as(self, other: CipherKey | None) -> bool:
        import hmac

        return (
            other is not None
            and hmac.compare_digest(bytes(self._material), bytes(other._material))
            and self.salt == other.salt
        )

    # -- passing it on ----------------------------------------------------------------------
    def share(self) -> bytearray:
        """Key and salt as one bytearray for a worker process (sent through its pipe, never
        its arguments or environment); the worker ``adopt``s it, which zeroes it there, and
        the sender wipes its own when the workers are done (``wipe_shared``)."""
        return bytearray(self._material) + bytearray(self.salt)

    @classmethod
    def adopt(cls, shared: bytearray) -> CipherKey:
        key = cls(bytearray(shared[:KEY_BYTES]), bytes(shared[KEY_BYTES:]), _own=True)
        wipe_shared(shared)
        return key

    def to_keyring(self) -> str:
        """The text the OS keyring keeps for a remembered database (docs/architecture.md)."""
        return KEYRING_PREFIX + self._material.hex() + self.salt.hex()

    @classmethod
    def from_keyring(cls, text: str) -> CipherKey | None:
        """The key in a keyring entry, or None if the entry is not one (an older Trappe kept
        the passphrase itself there)."""
        m = _KEYRING_TEXT.match(text)
        if m is None:
            return None
        return cls(bytearray.fromhex(m.group(1)), bytes.fromhex(m.group(2)), _own=True)

    # -- never shown, never pickled ---------------------------------------------------------
    def __repr__(self) -> str:
        return "CipherKey(<hidden>)"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise TypeError("a CipherKey is never pickled; pass share() through a pipe")


def wipe_shared(shared: bytearray | None) -> None:
    if shared is not None:
        for i in range(len(shared)):
            shared[i] = 0


__all__ = ["CipherKey", "derive", "kdf_parameters", "new_salt", "wipe_shared"]
