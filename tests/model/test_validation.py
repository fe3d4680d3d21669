from __future__ import annotations

from datetime import date

import pytest

from trappe.model.errors import ValidationError
from trappe.model.validation import (
    clean_text,
    format_date,
    format_date_long,
    mask_identifier,
    normalise_identifier,
    parse_date,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("010190-1234", ("010190-1234", "cpr")),
        ("0101901234", ("010190-1234", "cpr")),
        ("290200-4123", ("290200-4123", "cpr")),  # 7th digit 4, yy 00 → 2000, a leap year
        ("311299-9999", ("311299-9999", "cpr")),  # no modulus 11 check
        ("SAG-2026/117", ("SAG-2026/117", "case")),
        ("", (None, None)),
        ("   ", (None, None)),
    ],
)
def test_identifiers(raw, expected):
    assert normalise_identifier(raw) == expected


@pytest.mark.parametrize(
    "raw", ["320190-1234", "011390-1234", "290201-4123", "290200-1123", "01019-1234", "0101901-234"]
)
def test_impossible_cpr_dates_are_refused_in_danish(raw):
    with pytest.raises(ValidationError) as err:
        normalise_identifier(raw)
    assert err.value.field == "identifier"
    assert "CPR" in err.value.message


def test_identifier_with_odd_characters_is_refused():
    with pytest.raises(ValidationError):
        normalise_identifier("sag #12; DROP TABLE")


def test_masking():
    assert mask_identifier("010190-1234", "cpr") == "010190-****"
    assert mask_identifier("SAG-1", "case") == "SAG-1"
    assert mask_identifier(None, None) == ""


def test_text_rules():
    assert clean_text("  Åse  ", "name", "Navnet") == "Åse"
    assert clean_text("e\u0301", "name", "Navnet") == "\u00e9", "NFC-normalised"
    with pytest.raises(ValidationError, match="skal udfyldes"):
        clean_text("   ", "name", "Navnet", required=True)
    with pytest.raises(ValidationError, match="for lang"):
        clean_text("x" * 201, "name", "Navnet", max_len=200)
    with pytest.raises(ValidationError, match="kontroltegn"):
        clean_text("Åse\x00", "name", "Navnet")
    with pytest.raises(ValidationError, match="kontroltegn"):
        clean_text("a\nb", "name", "Navnet")
    assert clean_text("a\r\nb\tc", "note", "Notatet", multiline=True) == "a\nb\tc"
    with pytest.raises(ValidationError):
        clean_text("a\ud800b", "note", "Notatet", multiline=True)  # lone surrogate


def test_dates_as_danes_write_them():
    assert parse_date("22-11-2026") == date(2026, 11, 22)
    assert parse_date("22.11.2026") == date(2026, 11, 22)
    assert parse_date("2/3/2026") == date(2026, 3, 2)
    assert parse_date("2026-11-22") == date(2026, 11, 22)
    assert format_date(date(2026, 11, 22)) == "22-11-2026"
    assert format_date_long(date(2026, 11, 22)) == "22. nov. 2026"
    assert format_date_long(date(2026, 5, 1)) == "1. maj 2026"
    for bad in ["31-02-2026", "i morgen", "22-13-2026", "01-01-1800", ""]:
        with pytest.raises(ValidationError, match=r"gyldig dato|mellem"):
            parse_date(bad)


@pytest.mark.parametrize(
    "typed",
    [
        "22-11-2026",
        "22.11.2026",
        "22/11-2026",
        "22 11 2026",
        "22-11-26",
        "22112026",
        "221126",
        "2026-11-22",
        "22. nov. 2026",
        "22. november 2026",
        "22 Nov 2026",
        " 22-11-2026 ",
    ],
)
def test_every_way_a_dane_writes_a_date(typed):
    assert parse_date(typed) == date(2026, 11, 22)


def test_the_long_format_reads_back():
    for d in (date(2026, 5, 1), date(2027, 9, 30), date(2030, 12, 24)):
        assert parse_date(format_date_long(d)) == d
        assert parse_date(format_date(d)) == d


def test_two_digit_years_and_unknown_month_names():
    assert parse_date("1/6-27") == date(2027, 6, 1)
    assert parse_date("1-6-75") == date(1975, 6, 1)
    for bad in ("22. foo 2026", "1-2", "123456789"):
        with pytest.raises(ValidationError, match="gyldig dato"):
            parse_date(bad)
