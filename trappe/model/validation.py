"""Input rules, each raising ``ValidationError`` with a Danish message and touching nothing."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time
from enum import Enum
from typing import Any, TypeVar

from trappe.model.entities import Role
from trappe.model.errors import ValidationError

# Dates are written in one place (formatting.py); these names stay importable from here.
from trappe.model.formatting import MONTHS_DA, format_date, format_date_long  # noqa: F401

E = TypeVar("E", bound=Enum)


class _Pattern:
    """A regular expression compiled when first used: the window's start path imports this
    module but checks no CPR number or date before its first paint (seven patterns, about
    1 ms to compile)."""

    __slots__ = ("_compiled", "_source")

    def __init__(self, source: str) -> None:
        self._source = source
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:  # match, fullmatch, search, …
        if self._compiled is None:
            self._compiled = re.compile(self._source)
        return getattr(self._compiled, name)


NAME_MAX = 200
SHORT_TEXT_MAX = 500
NOTE_MAX = 20_000
IDENTIFIER_MAX = 40
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)

_CPR = _Pattern(r"^(\d{2})(\d{2})(\d{2})-?(\d{4})$")
_CASE_NUMBER = _Pattern(r"^[0-9A-Za-zÆØÅæøå./_-]+$")
_COLOUR = _Pattern(r"^#[0-9a-fA-F]{6}$")
_MULTILINE_OK = {"\n", "\t"}


def clean_text(
    value: str | None,
    field: str,
    label: str,
    *,
    max_len: int = SHORT_TEXT_MAX,
    required: bool = False,
    multiline: bool = False,
) -> str:
    """Trim, normalise (NFC) and check a text; returns the cleaned text."""
    text = unicodedata.normalize("NFC", value or "").strip()
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if required and not text:
        raise ValidationError(field, f"{label} skal udfyldes.")
    if len(text) > max_len:
        raise ValidationError(
            field, f"{label} er for lang ({len(text):,} tegn; højst {max_len:,}).".replace(",", ".")
        )
    for ch in text:
        if multiline and ch in _MULTILINE_OK:
            continue
        cat = unicodedata.category(ch)
        if cat == "Cc" or cat == "Cs" or ch in "\u2028\u2029":
            raise ValidationError(field, f"{label} indeholder et ugyldigt kontroltegn.")
    return text


USER_NAME_MAX = 100
# Characters that reorder or hide text: a name holding them could read as someone else's.
_BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def check_user_name(value: str | None, field: str = "user", label: str = "Brugernavnet") -> str:
    """The name a user gives for the audit log: no control characters (an ANSI escape is one),
    no text-direction overrides, at most ``USER_NAME_MAX`` characters."""
    if value is not None and not isinstance(value, str):
        raise ValidationError(field, f"{label} skal være en tekst.")
    text = unicodedata.normalize("NFC", value or "").strip()
    if not text:
        raise ValidationError(field, f"{label} skal udfyldes.")
    if any(ch in _BIDI_CONTROLS for ch in text):
        raise ValidationError(field, f"{label} indeholder et ugyldigt styretegn for skriveretning.")
    return clean_text(text, field, label, max_len=USER_NAME_MAX, required=True)


def check_user_name_ok(value: str | None) -> bool:
    """Whether ``check_user_name`` accepts ``value`` (for a form's "complete" state)."""
    try:
        check_user_name(value)
    except ValidationError:
        return False
    return True


def check_role(value: object) -> Role:
    try:
        return Role(value)
    except ValueError:
        names = ", ".join(r.value for r in Role)
        shown = str(value)[:40].encode("unicode_escape").decode("ascii")
        raise ValidationError(
            "role", f"Rollen «{shown}» findes ikke. Vælg en af: {names}."
        ) from None


def check_os_user(value: str | None) -> str:
    """The login name as the system gives it; anything unprintable is replaced, never refused
    (it is not the user's input, and Trappe must still start)."""
    text = "".join(
        "?"
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in _BIDI_CONTROLS or ch in "\u2028\u2029"
        else ch
        for ch in unicodedata.normalize("NFC", str(value or ""))
    )
    return text.strip()[:USER_NAME_MAX]


def enum_value(kind: type[E], value: object, field: str, label: str) -> E:
    """``kind(value)``, or a ``ValidationError`` instead of Python's ``ValueError``."""
    try:
        return kind(value)
    except (ValueError, TypeError):
        raise ValidationError(field, f"{label} har en ugyldig værdi.") from None


def check_date(
    value: date | None, field: str, label: str, *, required: bool = False
) -> date | None:
    if value is None:
        if required:
            raise ValidationError(field, f"{label} skal udfyldes.")
        return None
    if not isinstance(value, date):
        raise ValidationError(field, f"{label} er ikke en gyldig dato.")
    if not (EARLIEST <= value <= LATEST):
        raise ValidationError(
            field, f"{label} skal ligge mellem {format_date(EARLIEST)} og {format_date(LATEST)}."
        )
    return value


_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("januar", "jan"),
            ("februar", "feb"),
            ("marts", "mar"),
            ("april", "apr"),
            ("maj",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_NUMERIC = _Pattern(r"(\d{1,2})\s*[-./ ]\s*(\d{1,2})\s*[-./ ]\s*(\d{4}|\d{2})")
_ISO = _Pattern(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_COMPACT = _Pattern(r"(\d{2})(\d{2})(\d{4}|\d{2})")
_WORDS = _Pattern(r"(\d{1,2})\.?\s*([a-zæøå]+)\.?\s*(\d{4}|\d{2})")


def _year(text: str) -> int:
    """A four-digit year as written; two digits are 2000-2069 or 1970-1999."""
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def parse_date(text: str, field: str = "date", label: str = "Datoen") -> date:
    """Read a date as Danish users write it.

    22-11-2026, 22.11.2026, 22/11-2026, 22 11 2026, 22-11-26, 22112026, 2026-11-22,
    22. nov. 2026 and 22. november 2026 are all the 22nd of November 2026. Every date field
    reads dates this one way.
    """
    s = " ".join((text or "").strip().split())
    folded = s.casefold()
    try:
        if m := _ISO.fullmatch(s):
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        elif (m := _NUMERIC.fullmatch(s)) or (m := _COMPACT.fullmatch(s)):
            d = date(_year(m.group(3)), int(m.group(2)), int(m.group(1)))
        elif (m := _WORDS.fullmatch(folded)) and m.group(2) in _MONTH_NAMES:
            d = date(_year(m.group(3)), _MONTH_NAMES[m.group(2)], int(m.group(1)))
        else:
            raise ValueError
    except ValueError:
        raise ValidationError(
            field, f"{label} «{s[:40]}» er ikke en gyldig dato. Skriv den som dd-mm-åååå."
        ) from None
    check_date(d, field, label)
    return d


def parse_time(text: str, field: str = "time", label: str = "Klokkeslættet") -> time:
    """09:30, 9.30 or 9:30 as a time of day."""
    s = (text or "").strip()
    m = re.fullmatch(r"(\d{1,2})[:.](\d{2})", s)
    if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise ValidationError(
            field, f"{label} «{s[:20]}» er ikke gyldigt. Skriv det som tt:mm, f.eks. 09:30."
        )
    return time(int(m.group(1)), int(m.group(2)))


def cpr_birth_date(day: int, month: int, yy: int, serial: str) -> date:
    """The birth date a CPR number encodes; the 7th digit decides the century."""
    d7 = int(serial[0])
    if d7 <= 3:
        century = 1900
    elif d7 in (4, 9):
        century = 2000 if yy <= 36 else 1900
    else:
        century = 2000 if yy <= 57 else 1800
    return date(century + yy, month, day)


def normalise_identifier(value: str | None) -> tuple[str | None, str | None]:
    """Return (identifier, kind) where kind is 'cpr' or 'case'; ``None`` for no identifier.

    A CPR number must be DDMMYY-SSSS with a real date; modulus 11 is not checked, since
    numbers without it have been issued since 2007.
    """
    text = clean_text(value, "identifier", "Identifikationen", max_len=IDENTIFIER_MAX)
    if not text:
        return None, None
    compact = text.replace(" ", "")
    m = _CPR.match(compact)
    if m:
        day, month, yy, serial = int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(4)
        try:
            cpr_birth_date(day, month, yy, serial)
        except ValueError:
            raise ValidationError(
                "identifier",
                f"CPR-nummeret {m.group(1)}{m.group(2)}{m.group(3)}-{serial} "
                "har ikke en gyldig dato (DDMMÅÅ).",
            ) from None
        return f"{m.group(1)}{m.group(2)}{m.group(3)}-{serial}", "cpr"
    if re.fullmatch(r"[\d-]+", compact) and len(re.sub(r"\D", "", compact)) in (9, 10, 11):
        raise ValidationError(
            "identifier", "Et CPR-nummer skal skrives som DDMMÅÅ-XXXX (10 cifre)."
        )
    if not _CASE_NUMBER.match(compact):
        raise ValidationError(
            "identifier",
            "Et sagsnummer må kun indeholde bogstaver, tal og tegnene . / _ -",
        )
    return compact, "case"


def mask_identifier(identifier: str | None, kind: str | None) -> str:
    """CPR numbers show only the birth date part (010190-****); case numbers are not masked."""
    if not identifier:
        return ""
    if kind == "cpr":
        return identifier[:6] + "-****"
    return identifier


def check_colour(value: str, field: str = "colour") -> str:
    if not _COLOUR.match(value or ""):
        raise ValidationError(field, "Farven skal angives som #RRGGBB, f.eks. #9fd3a8.")
    return value.lower()
