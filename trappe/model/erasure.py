"""Erased personal data leave no trace in the database file (issue 9: erasing a
citizen erases everything about them).

Three things keep erased text after a ``DELETE``, and each erasure path deals with all three:

- **Free space and free pages**: every connection sets ``PRAGMA secure_delete = ON``
  (``connection._set_pragmas``), so SQLite overwrites deleted cells and freed pages with zeros.
- **The WAL**: the old pages stay in the ``-wal`` file until a checkpoint copies the new ones
  over them and truncates it; ``checkpoint`` does that after the erasing transaction.
- **The full-text search index** (``citizen_search``, FTS5 trigram): a deleted row only adds a
  delete marker, and its words stay in the older segments until these are merged.
  ``purge_search_index`` merges every segment into one (FTS5 ``optimize``), which drops them
  (and the same for ``citizen_grams``, the letters and letter pairs of the same text);
  about a second on 240,000 citizens, next to the verified backup every erasure takes first.
  (FTS5's own ``secure-delete`` option needs SQLite 3.44; the bundled one is older.)

The paths: erasing a citizen (by hand, after a handover, by retention), thinning the audit
log (search criteria), deleting a meeting, and correcting a citizen's name, CPR or case
number (the replaced text is gone as if erased). Backups keep what was erased until they rotate out
(``docs/``, README). ``tests/model/test_erasure_traces.py`` scans the raw bytes after each.
"""

from __future__ import annotations

import contextlib

from trappe.model.errors import TrappeError
from trappe.model.store import Store


def purge_search_index(store: Store) -> None:
    """Merge the search index's segments so deleted rows' words leave it (inside the write
    that deleted them)."""
    for (table,) in store.query(
        "SELECT name FROM sqlite_master WHERE name IN ('citizen_search', 'citizen_grams')"
        " AND sql LIKE '%fts5%'"
    ):
        store.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")


def checkpoint(store: Store) -> None:
    """Copy the WAL into the file and empty it, after the erasing transaction. Inside a
    caller's transaction it is left to the caller; a reader holding the WAL back leaves it to
    the next checkpoint (the erased text is then gone from the file once that runs)."""
    if store.conn.in_transaction:
        return
    with contextlib.suppress(TrappeError):
        store.checkpoint()
