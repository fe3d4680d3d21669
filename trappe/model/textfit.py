"""Text that fits its box: word wrap, Danish hyphenation and the choice of a size.

One rule for both painters (docs/architecture.md, "The two painters"): the screen measures
with Qt's font metrics, the sheet with reportlab's string widths; each passes a *measuring
callback* and gets the same decisions back (where lines break, where a word is hyphenated,
which size is used).

``font_at(size)`` returns the ``Metrics`` of the painter's font at that size: a ``measure``
function (the advance width of a string) and the line height. Painters cache these.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

Measure = Callable[[str], float]

ELLIPSIS = "…"
HYPHEN = "-"
HYPHEN_COST = 0.9  # each hyphenated word is worth a size this much smaller


@dataclass(frozen=True)
class Metrics:
    """A font at one size, as the painter measures it."""

    measure: Measure
    line_height: float


FontAt = Callable[[float], Metrics]


@dataclass(frozen=True)
class Fitted:
    """A text fitted to a box: the size, the lines to draw, and whether it fits whole."""

    size: float
    lines: tuple[str, ...]
    fits: bool
    hyphens: int = 0  # words broken with a hyphen

    def height(self, font_at: FontAt) -> float:
        return len(self.lines) * font_at(self.size).line_height


# -- Danish hyphenation ----------------------------------------------------------------------
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
    ("virksomheds-praktik", never "virksomhed-spraktik"). At least two letters stay on
    either side.
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


def hyphenate_word(word: str, measure: Measure, width: float) -> list[str] | None:
    """Split a word too wide for ``width`` into pieces ending in "-", or None if it cannot be
    split well at this width (the caller then tries a smaller size).

    Pieces break at the furthest syllable point that fits. A word with syllable points none
    of which fits is not cut by letters (a smaller size will do better); a word without any
    (a name, an abbreviation) is cut where the line is full, leaving three letters or more.
    """
    pieces: list[str] = []
    rest = word
    while measure(rest) > width:
        points = break_points(rest)
        fitting = [k for k in points if measure(rest[:k] + HYPHEN) <= width]
        if fitting:
            cut = max(fitting)
        elif points:
            return None
        else:
            cut = len(rest) - 3
            while cut > 2 and measure(rest[:cut] + HYPHEN) > width:
                cut -= 1
            if cut <= 2:
                return None
        pieces.append(rest[:cut] + HYPHEN)
        rest = rest[cut:]
    pieces.append(rest)
    return pieces


# -- wrapping --------------------------------------------------------------------------------
def wrap(
    text: str, measure: Measure, width: float, *, hyphens: bool = False
) -> tuple[list[str], int] | None:
    """Greedy word wrap (newlines kept): the lines and how many words were hyphenated, or None
    if a word is wider than the box and may not (or cannot) be hyphenated."""
    lines: list[str] = []
    broken = 0
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if measure(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if measure(word) <= width:
                current = word
                continue
            pieces = hyphenate_word(word, measure, width) if hyphens else None
            if pieces is None:
                return None
            *full, current = pieces
            lines.extend(full)
            broken += 1
        lines.append(current)
    return lines, broken


def elide(text: str, measure: Measure, width: float) -> str:
    """``text`` cut with "…" so it is at most ``width`` wide (empty if not even "…" fits)."""
    if measure(text) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if measure(text[:mid].rstrip() + ELLIPSIS) <= width:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return ELLIPSIS if measure(ELLIPSIS) <= width else ""
    return text[:lo].rstrip() + ELLIPSIS


def cut_to_box(text: str, metrics: Metrics, width: float, height: float) -> tuple[str, ...]:
    """The text at this size when it does not fit: wrapped (words too wide elided), as many
    lines as the box holds, the last one ending in "…" if something was left out."""
    measure = metrics.measure
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if measure(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word if measure(word) <= width else elide(word, measure, width)
        lines.append(current)
    room = max(1, int((height + 0.5) // metrics.line_height)) if metrics.line_height > 0 else 1
    if len(lines) > room:
        kept = lines[:room]
        kept[-1] = elide(kept[-1] + " " + ELLIPSIS, measure, width)
        lines = kept
    return tuple(lines)


# -- choosing a size -------------------------------------------------------------------------
def size_steps(largest: float, smallest: float, factor: float = 0.92) -> tuple[float, ...]:
    """Sizes from ``largest`` down to ``smallest`` (both included), each ``factor`` smaller."""
    largest = max(largest, smallest)
    sizes = []
    size = largest
    while size > smallest:
        sizes.append(round(size, 2))
        size *= factor
    sizes.append(smallest)
    return tuple(dict.fromkeys(sizes))


def _fit_at(
    text: str, font_at: FontAt, size: float, width: float, height: float, hyphens: bool
) -> Fitted | None:
    metrics = font_at(size)
    wrapped = wrap(text, metrics.measure, width, hyphens=hyphens)
    if wrapped is None:
        return None
    lines, broken = wrapped
    if len(lines) * metrics.line_height > height + 0.01:
        return None
    return Fitted(size, tuple(lines), True, broken)


def worth(size: float, hyphens: int, cost: float = HYPHEN_COST) -> float:
    """How good a size with so many hyphenated words is: larger is better, and each
    hyphenation costs as much as a size ``cost`` times smaller."""
    return size * cost**hyphens


def fit(
    text: str,
    font_at: FontAt,
    width: float,
    height: float,
    sizes: Sequence[float],
    *,
    hyphens: bool = True,
    cost: float = HYPHEN_COST,
) -> Fitted:
    """The best of ``sizes`` (largest first) at which ``text`` fits ``width``×``height``.

    A larger size is better, a hyphenated word worse (``worth``): hyphenation is used when
    it allows a clearly larger size, or when no size fits without it. If nothing fits, the
    smallest size with the text cut to the box and ``fits=False``: the painter decides
    (elide, key, leave out).
    """
    best: Fitted | None = None
    for size in sizes:
        for split in (False, True) if hyphens else (False,):
            f = _fit_at(text, font_at, size, width, height, split)
            if f is None:
                continue
            if best is None or worth(f.size, f.hyphens, cost) > worth(
                best.size, best.hyphens, cost
            ):
                best = f
        if best is not None and best.hyphens == 0 and best.size == size:
            break  # whole words at the largest size that takes them: nothing smaller is better
    if best is not None:
        return best
    smallest = sizes[-1]
    return Fitted(smallest, cut_to_box(text, font_at(smallest), width, height), False)


@dataclass(frozen=True)
class UniformFit:
    """Several texts in one size (the step titles): the size, each text's lines, and the
    indexes of texts that fit at no size (the painter shows those its own way)."""

    size: float
    fitted: tuple[Fitted, ...]
    unfit: frozenset[int]


def fit_uniform(
    items: Sequence[tuple[str, float, float]],
    font_at: FontAt,
    sizes: Sequence[float],
    *,
    cost: float = HYPHEN_COST,
) -> UniformFit:
    """One size for every (text, width, height): the best at which all of them fit.

    One long compound word must not shrink every title: words too wide for their box are
    hyphenated where that gives a clearly larger size, judged by ``worth`` with all the
    hyphenations counted. Texts that fit at no size even hyphenated are left out of the
    choice (``unfit``) and cut to their box.
    """
    if not items:
        return UniformFit(sizes[0] if sizes else 0.0, (), frozenset())
    smallest = sizes[-1]
    unfit = frozenset(
        i
        for i, (text, w, h) in enumerate(items)
        if _fit_at(text, font_at, smallest, w, h, True) is None
    )

    def all_fit(size: float, hyphens: bool) -> list[Fitted] | None:
        out = []
        for i, (text, w, h) in enumerate(items):
            if i in unfit:
                out.append(Fitted(size, cut_to_box(text, font_at(size), w, h), False))
                continue
            f = _fit_at(text, font_at, size, w, h, hyphens)
            if f is None:
                return None
            out.append(f)
        return out

    best: tuple[float, float, list[Fitted]] | None = None  # (worth, size, fitted)
    for size in sizes:
        for split in (False, True):
            fitted = all_fit(size, split)
            if fitted is None:
                continue
            value = worth(size, sum(f.hyphens for f in fitted), cost)
            if best is None or value > best[0]:
                best = (value, size, fitted)
        if best is not None and best[1] == size and best[0] == size:
            break  # whole words at the largest size that takes them: nothing smaller is better
    if best is None:  # cannot happen: at the smallest size every fitting text fits hyphenated
        best = (0.0, smallest, all_fit(smallest, True) or [])
    return UniformFit(best[1], tuple(best[2]), unfit)


def shrink_to_width(
    text: str, font_at: FontAt, width: float, sizes: Sequence[float]
) -> tuple[float, bool]:
    """The largest of ``sizes`` at which one line of ``text`` is at most ``width`` wide, and
    whether it fits at all (for dates and counts, which are never cut)."""
    for size in sizes:
        if font_at(size).measure(text) <= width:
            return size, True
    return sizes[-1], False
