"""How Trappe writes dates, activities and responsible people: one home for the screen, the
sheet and the export (issue 14, "one home for each rule").

The texts are Danish. The screen, which can be switched to English, passes its translated
labels in (``labels=``, ``hours_unit=``); the rules (order, separators, when a name is added)
stay here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from trappe.model.entities import RESPONSIBLE_LABELS_DA, Responsible

if TYPE_CHECKING:
    from trappe.model.entities import Activity, Agreement, CitizenRecord

__all__ = [
    "HOURS_UNIT_DA",
    "MONTHS_DA",
    "activity_text",
    "format_date",
    "format_date_long",
    "format_date_short",
    "format_hours",
    "responsible_text",
]

HOURS_UNIT_DA = "t./uge"
MONTHS_DA = [
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "maj",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
]


# Two-digit days, months and short years from a table: a record's history, list and
# staircase write hundreds of dates, and ``f"{n:02d}"`` costs ten times a lookup.
_TWO_DIGITS = tuple(f"{n:02d}" for n in range(100))


def format_date(value: date | None) -> str:
    """22-11-2026; empty for no date."""
    if not value:
        return ""
    two, year = _TWO_DIGITS, value.year
    return f"{two[value.day]}-{two[value.month]}-{year if year >= 1000 else f'{year:04d}'}"


def format_date_short(value: date | None) -> str:
    """22-11-26: beside a marker on the staircase, where room is tight."""
    if not value:
        return ""
    two = _TWO_DIGITS
    return f"{two[value.day]}-{two[value.month]}-{two[value.year % 100]}"


def format_date_long(value: date | None) -> str:
    """22. nov. 2026"""
    if value is None:
        return ""
    return f"{value.day}. {MONTHS_DA[value.month - 1]} {value.year}"


def format_hours(hours: float | None, unit: str = HOURS_UNIT_DA) -> str:
    """'10 t./uge', '7,5 t./uge'; empty for no hours."""
    if hours is None:
        return ""
    text = f"{hours:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    return f"{text} {unit}"


def activity_text(a: Activity, *, hours_unit: str = HOURS_UNIT_DA) -> str:
    """'Virksomhedspraktik: Lager, Føtex Nyborg, 10 t./uge' (the kind alone if that is all)."""
    hours = format_hours(a.hours_per_week, hours_unit)
    details = [p for p in (a.description, a.company, hours) if p]
    return f"{a.kind}: {', '.join(details)}" if details else a.kind


def responsible_text(
    a: Agreement,
    record: CitizenRecord | None = None,
    *,
    labels: Mapping[Responsible, str] = RESPONSIBLE_LABELS_DA,
) -> str:
    """Who is responsible for an agreement.

    «Andre» with a name is the name itself. With a ``record`` the caseworker's or the
    consultant's name is added where the case has one ("Sagsbehandler (Mette Sørensen)");
    without one (dialogue mode, where no staff names are shown) only the role.
    """
    if a.responsible is Responsible.OTHER and a.responsible_other.strip():
        return a.responsible_other.strip()
    label = labels.get(a.responsible, str(a.responsible))
    if record is None:
        return label
    staff = {
        Responsible.CASEWORKER: record.caseworker,
        Responsible.COMPANY_CONSULTANT: record.consultant,
    }.get(a.responsible)
    return f"{label} ({staff.name})" if staff else label
