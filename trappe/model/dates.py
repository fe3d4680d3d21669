"""Dates in the database are ISO text (YYYY-MM-DD), so they sort and read naturally."""

from __future__ import annotations

from datetime import date


def to_db(value: date | None) -> str | None:
    return value.isoformat() if value else None


def from_db(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
