"""Reading many rows as plain tuples, for the few queries that return tens of thousands.

``Store.query`` hands back ``sqlite3.Row`` objects, which read well by column name. A query
whose rows are only counted or sorted (a measure over 240,000 citizens, a page of the
caseload while scrolling) reads them cheaper as plain tuples; errors are translated as
``Store.query`` translates them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from trappe.model.store import Store, translate_error


def tuples(
    store: Store, sql: str, params: Sequence[Any] | dict[str, Any] = ()
) -> list[tuple[Any, ...]]:
    cursor = store.conn.cursor()
    cursor.row_factory = None
    try:
        return cursor.execute(sql, params).fetchall()
    except sqlite3.DatabaseError as exc:
        raise translate_error(exc, store.path) from exc
