"""Dates as Danish users write them, short and long: the same text as the plain format, for
every day over two centuries and for the odd years (before 1000, far ahead)."""

from __future__ import annotations

from datetime import date, timedelta

from trappe.model.formatting import format_date, format_date_short


def test_dates_are_written_day_month_year_with_leading_zeros():
    day = date(1900, 1, 1)
    while day < date(2101, 1, 1):
        d, m, y = day.day, day.month, day.year
        assert format_date(day) == f"{d:02d}-{m:02d}-{y:04d}"
        assert format_date_short(day) == f"{d:02d}-{m:02d}-{y % 100:02d}"
        day += timedelta(days=1)
    for odd in (
        date(1, 1, 1),
        date(5, 3, 9),
        date(999, 12, 31),
        date(1000, 1, 1),
        date(9999, 12, 31),
    ):
        d, m, y = odd.day, odd.month, odd.year
        assert format_date(odd) == f"{d:02d}-{m:02d}-{y:04d}"
        assert format_date_short(odd) == f"{d:02d}-{m:02d}-{y % 100:02d}"
    assert format_date(date(2026, 11, 22)) == "22-11-2026"
    assert format_date_short(date(2026, 11, 22)) == "22-11-26"
    assert format_date(None) == format_date_short(None) == ""
