"""Danish order and Danish-aware search folding, for lists, reports and the caseload search.

Two jobs, one home:

- **Sorting** (``danish_key``): the Danish alphabet ends … x y z æ ø å, and "aa" is å
  (Aabenraa after Østergaard). ä and ö sort as æ and ø, ü as y; other accents are ignored
  (é as e), case too. The key is a plain string whose code-point order is that order, so it
  sorts in Python (``sorted(names, key=danish_key)``) and in SQLite with the default BINARY
  collation. The database stores it in ``citizens.name_key``, set by triggers with
  ``danish_key_sql``: the same replacements written in SQL with built-in functions only, so
  external tools (sqlite-utils, the sqlite3 shell) can still write the file, and no custom
  collation is needed to read it. A test keeps the two in step.
- **Searching** (``search_key`` and ``search_words``): what is stored for a citizen, and what
  a query is cut into. Both sides fold alike: case, accents (é → e), and the Danish letters
  both ways (ø ↔ oe, æ ↔ ae, å ↔ aa, and the bare o, a, a of a keyboard without them), so
  "Søren" finds "Soeren" and "Soren", and "Aase" finds "Åse". Hyphens and apostrophes join
  (and also split) words: "Anne-Marie", "annemarie" and "anne marie" all find Anne-Marie, and
  "Anne-Marie" finds Anne Marie. Letters without a decomposition fold too (ł → l, ð → d).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

# -- sorting --------------------------------------------------------------------------------
# Ordered replacements on the raw (NFC) name: the Danish letters and their German cousins
# first (both cases), then the accents Danish names carry most, then lower case (ASCII, as
# SQLite's built-in lower()), then "aa". Characters not listed keep their code point: space
# and digits sort before letters, other scripts after å. SQLite's parser allows about 30
# nested calls in one expression, so the list is short; a test checks it parses.
SORT_REPLACEMENTS: tuple[tuple[str, str], ...] = (
    ("Æ", "{"),
    ("æ", "{"),
    ("Ä", "{"),
    ("ä", "{"),
    ("Ø", "|"),
    ("ø", "|"),
    ("Ö", "|"),
    ("ö", "|"),
    ("Å", "}"),
    ("å", "}"),
    ("Ü", "y"),
    ("ü", "y"),
    ("É", "e"),
    ("é", "e"),
    ("è", "e"),
    ("ë", "e"),
    ("á", "a"),
    ("ó", "o"),
    ("í", "i"),
    ("ú", "u"),
    ("ç", "c"),
    ("ñ", "n"),
    ("-", " "),
    ("'", " "),
)
_ASCII_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})


def danish_key(text: str | None) -> str:
    """A key whose plain string order is Danish alphabetical order (see the module doc)."""
    key = text or ""
    for old, new in SORT_REPLACEMENTS:
        key = key.replace(old, new)
    return key.translate(_ASCII_LOWER).replace("aa", "}")


def danish_key_sql(column: str) -> str:
    """``danish_key`` as an SQL expression over ``column`` (built-in functions only)."""
    expr = f"coalesce({column}, '')"
    for old, new in SORT_REPLACEMENTS:
        o, n = old.replace("'", "''"), new.replace("'", "''")
        expr = f"replace({expr}, '{o}', '{n}')"
    return f"replace(lower({expr}), 'aa', '}}')"


def danish_sorted(items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:  # type: ignore[assignment]
    """``items`` in Danish order of ``key(item)``; ties keep their order (for reports)."""
    return sorted(items, key=lambda item: danish_key(key(item)))


# -- searching ------------------------------------------------------------------------------
# The patterns are compiled on first use (``_compiled``): compiling their Unicode classes costs
# about 2 ms, on the window's start path, which searches nothing before its first paint.
_JOINER = "[-'’‘`´‐‑]"  # hyphens and apostrophes: part of a name
_NOT_ALNUM = r"[\W_]"
_SPELLED = (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("ä", "ae"), ("ö", "oe"), ("ü", "ue"))
_BARE = (("æ", "a"), ("ø", "o"), ("å", "a"), ("ä", "a"), ("ö", "o"), ("ü", "u"))
_OTHER = r"[^\w\-'’‘`´‐‑]|_"
# Letters that Unicode does not decompose into a base letter and an accent, as a keyboard
# without them writes them (Łukasz as Lukasz, Đorđe as Dorde, Þór as Thor).
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "đ": "d", "ð": "d", "þ": "th", "œ": "oe", "ı": "i", "ŀ": "l", "ħ": "h", "ŧ": "t"}
)
UNDECOMPOSED_LETTERS = "łŁđĐðÐþÞœŒıŀĿħĦŧŦ"  # the same, both cases: names re-keyed by 0008


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _fold(text: str, letters: tuple[tuple[str, str], ...]) -> str:
    """Casefolded, Danish letters replaced, accents dropped; only letters, digits, joiners
    and spaces remain (every other character becomes a space)."""
    text = unicodedata.normalize("NFC", text).casefold()
    if not text.isascii():
        for old, new in letters:
            text = text.replace(old, new)
        text = text.translate(_UNDECOMPOSED)
        if not text.isascii():
            text = "".join(
                ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
            )
    rest = text.replace(" ", "").replace("-", "")
    if rest.isalnum() or not rest:
        return text  # the common case: letters, digits, spaces and hyphens (or no query)
    return _compiled(_OTHER).sub(" ", text)


def _variants(word: str) -> list[str]:
    """A word as typed with its joiners dropped, and each of its parts."""
    parts = [p for p in _compiled(_JOINER).split(word) if p]
    return ["".join(parts), *parts] if len(parts) > 1 else parts


def search_words(query: str) -> list[str]:
    """The words of a query, folded as ``search_key`` folds the stored text.

    Each must occur in a citizen's key for the citizen to match. A word with joiners is
    looked for by its parts ("Anne-Marie" → "anne", "marie"), which the key holds for
    "Anne-Marie" and for "Anne Marie" alike: the caseworker seldom knows which was written.
    Typed without them ("annemarie") it is one word, which the key of "Anne-Marie" holds.
    """
    words = []
    for word in _fold(query, _SPELLED).split():
        for part in _compiled(_JOINER).split(word):
            if part and part not in words:
                words.append(part)
    return words


def search_key(name: str, identifier: str | None = None) -> str:
    """What a citizen is found by: the name folded two ways (ø as oe and as o), each word
    joined and in parts, and the identifier without dashes or spaces; words unique."""
    tokens: list[str] = []
    for letters in (_SPELLED, _BARE):
        for word in _fold(name, letters).split():
            tokens.extend(_variants(word))
    ident = _compiled(_NOT_ALNUM).sub("", _fold(identifier, _SPELLED)) if identifier else ""
    if ident:
        tokens.append(ident)
    return " ".join(dict.fromkeys(t for t in tokens if t))
