"""Real damage to a database file, as a failing disk leaves it (not a mock)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def damage_table(path: Path, table: str) -> None:
    """Overwrite ``table``'s root page with junk; the WAL is checkpointed into the file first,
    so the damage is what SQLite reads."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root[0] - 1) * page : root[0] * page] = b"\xa5" * page
    path.write_bytes(bytes(data))
