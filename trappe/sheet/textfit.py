"""Fitting text into a box: Danish hyphenation points, and the largest size that fits.

Measuring goes through ``fonts.text_width`` and Paragraph ``wrap``, so what is fitted here
is what is drawn.
"""

from __future__ import annotations

from functools import lru_cache

from trappe.sheet.fonts import text_width
from trappe.sheet.style import make_style, text_para

_VOWELS = set("aeiouyæøåéèäöü")
_ONSETS = {
    "bl",
    "br",
    "dj",
    "dr",
    "fl",
    "fr",
    "gl",
    "gn",
    "gr",
    "kl",
    "kn",
    "kr",
    "kv",
    "pl",
    "pr",
    "sj",
    "sk",
    "sl",
    "sm",
    "sn",
    "sp",
    "st",
    "sv",
    "tj",
    "tr",
    "tv",
    "skj",
    "skr",
    "spl",
    "spr",
    "str",
}


def break_points(word: str) -> list[int]:
    """Where a (Danish) word may be hyphenated: a rough syllable rule, good for compounds.

    Between two vowels, a consonant cluster is split so that the next syllable starts with
    the longest valid onset ("prak-tik", "før-ste"); a linking 's' stays with the first part
    when a valid onset follows it ("virksomheds-praktik").
    """
    low = word.lower()
    points = []
    i = 0
    n = len(low)
    while i < n:
        if low[i] in _VOWELS or not low[i].isalpha():
            i += 1
            continue
        j = i
        while j < n and low[j].isalpha() and low[j] not in _VOWELS:
            j += 1
        if i > 0 and low[i - 1] in _VOWELS and j < n and low[j] in _VOWELS:
            cluster = low[i:j]
            k = None
            s_at = cluster.find("s")
            if 1 <= s_at < len(cluster) - 1 and cluster[s_at - 1] in "dgt":
                k = i + s_at + 1  # a linking s: "virksomheds-kontakt"
            if k is None:
                onset = 1
                for size in (3, 2):
                    if len(cluster) >= size and cluster[-size:] in _ONSETS:
                        onset = size
                        break
                k = j - onset if len(cluster) > 1 else i
            if 2 <= k <= n - 2:
                points.append(k)
        i = j
    return points


def _hyphenate_word(word: str, font: str, size: float, width: float) -> list[str]:
    """Break a word that is wider than ``width`` at syllable points (characters if need be)."""
    parts: list[str] = []
    rest = word
    while len(rest) > 4 and text_width(rest, font, size) > width:
        fitting = [k for k in break_points(rest) if text_width(rest[:k] + "-", font, size) <= width]
        if fitting:
            k = max(fitting)
        else:
            k = len(rest) - 2
            while k > 2 and text_width(rest[:k] + "-", font, size) > width:
                k -= 1
        parts.append(rest[:k] + "-")
        rest = rest[k:]
    parts.append(rest)
    return parts


def hyphenate(text: str, font: str, size: float, width: float) -> str:
    words = []
    for word in text.split():
        if text_width(word, font, size) > width:
            words.extend(_hyphenate_word(word, font, size, width))
        else:
            words.append(word)
    return " ".join(words)


TITLE_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0)
MIN_TEXT_SIZE = 7.0


@lru_cache(maxsize=512)
def fit_text(
    text: str, font: str, width: float, height: float, sizes: tuple[float, ...] = TITLE_SIZES
) -> tuple[str, float, bool]:
    """The largest size (and hyphenated text) at which ``text`` fits ``width``×``height``.

    Whole words are preferred; then the fewest hyphenations, then the largest size.
    Returns (text, size, fits). Never goes below the smallest size: if even that does not
    fit, ``fits`` is False and the caller decides (grow, or leave out optional text).
    """
    best: tuple[int, float, str] | None = None
    for size in sizes:
        fitted = hyphenate(text, font, size, width)
        breaks = fitted.count("- ") - text.count("- ")
        if best is not None and breaks >= best[0]:
            continue
        para = text_para(fitted, make_style("fit", font, size, size * 1.15))
        _, h = para.wrap(width, 10_000)
        if h <= height + 0.01:
            best = (breaks, size, fitted)
            if breaks == 0:
                break
    if best is not None:
        return best[2], best[1], True
    smallest = sizes[-1]
    return hyphenate(text, font, smallest, width), smallest, False
