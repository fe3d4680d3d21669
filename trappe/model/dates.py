"""Dates in the database are ISO text (YYYY-MM-DD), so they sort and read naturally."""

from __future__ import annotations

from datetime import date


def to_db(value: date | None) -> str | None:
    return value.isoformat() if value else None


def from_db(value: str | None) -> date | None:
    """The stored date; a value that is not an ISO date means the file is damaged."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except (ValueError, TypeError):
        from trappe.model.errors import DatabaseDamaged

        raise DatabaseDamaged(
            "En dato i databasen er beskadiget. Brug en sikkerhedskopi, eller kontakt IT."
        ) from None
