"""Folding for search (``trappe.model.collation``): the shortcut for plain text and the patterns
compiled on first use give what the patterns give."""

from __future__ import annotations

import re

import pytest

from trappe.model import collation
from trappe.model.collation import search_key, search_words

# The pattern as it was compiled when the module was imported (before the start path left the
# patterns until first used).
OTHER = re.compile(r"[^\w\-'’‘`´‐‑]|_")


@pytest.mark.parametrize(
    "text",
    ["", " ", "   ", "-", " - ", "--", "\t", "a b", "x_y", "Anne-Marie", "O'Brien", "—", "Søren"],
)
def test_folding_equals_the_patterns_on_blank_and_plain_text(text):
    folded = text.casefold()
    if folded.isascii():
        assert collation._fold(text, collation._SPELLED) == OTHER.sub(" ", folded)


def test_a_blank_query_has_no_words_and_compiles_no_pattern():
    collation._compiled.cache_clear()
    assert search_words("") == [] and search_words("   ") == []
    assert collation._compiled.cache_info().currsize == 0  # (the window's first page)
    assert search_words(" - ") == []
    assert search_words("Anne-Marie O'Brien") == ["anne", "marie", "o", "brien"]
    assert search_key("Anne-Marie Sørensen", "010190-1234").split() == [
        "annemarie",
        "anne",
        "marie",
        "soerensen",
        "sorensen",
        "0101901234",
    ]
