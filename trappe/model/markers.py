"""What the markers on the staircase look like and what the legend calls them: one picture,
two painters (docs/architecture.md, "The two painters"). The screen and the sheet both paint
from these, so the citizen's triangle has one colour on screen and on paper, and the legend
the same words.

Markers differ by *shape* first (circle, triangle, star), so the picture reads in black and
white and for colour-blind users; the fills also differ clearly in grey (dark, middle,
light), and each shape has an outline that sets it off from the step's colour.

Shapes are given as outlines in the geometry's units with y growing downward (as on screen);
the sheet flips y.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from trappe.model.geometry import MarkerKind

INK = "#1a1a1a"
PAPER = "#ffffff"
PROFESSIONAL_FILL = "#1d3557"  # dark blue: dark grey in black and white
CITIZEN_FILL = "#d35400"  # orange: middle grey in black and white
GOAL_FILL = "#f2b705"  # yellow: light grey, outlined in ink
HISTORY_INK = "#808080"  # earlier placements: hollow, grey outline


class Shape(StrEnum):
    CIRCLE = "circle"
    TRIANGLE = "triangle"
    STAR = "star"


@dataclass(frozen=True)
class MarkerStyle:
    shape: Shape
    fill: str  # "#rrggbb"
    outline: str
    outline_width: float  # as a fraction of the marker's size
    dashed: bool = False  # the outline (an earlier reading in the comparison)


def fade(colour: str, amount: float) -> str:
    """``colour`` mixed with white: ``amount`` 0 keeps it, 1 gives white."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(v + (255 - v) * amount) for v in (r, g, b)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def grey_level(colour: str) -> float:
    """The colour's lightness as a black-and-white printer renders it (0 black, 1 white)."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


EARLIER_FADE = 0.6

MARKER_STYLES: dict[MarkerKind, MarkerStyle] = {
    MarkerKind.PROFESSIONAL: MarkerStyle(Shape.CIRCLE, PROFESSIONAL_FILL, PAPER, 0.09),
    MarkerKind.CITIZEN: MarkerStyle(Shape.TRIANGLE, CITIZEN_FILL, PAPER, 0.09),
    MarkerKind.GOAL: MarkerStyle(Shape.STAR, GOAL_FILL, INK, 0.07),
    MarkerKind.HISTORY_PROFESSIONAL: MarkerStyle(Shape.CIRCLE, PAPER, HISTORY_INK, 0.12),
    MarkerKind.HISTORY_CITIZEN: MarkerStyle(Shape.TRIANGLE, PAPER, HISTORY_INK, 0.12),
    MarkerKind.EARLIER_PROFESSIONAL: MarkerStyle(
        Shape.CIRCLE, fade(PROFESSIONAL_FILL, EARLIER_FADE), PROFESSIONAL_FILL, 0.08, True
    ),
    MarkerKind.EARLIER_CITIZEN: MarkerStyle(
        Shape.TRIANGLE, fade(CITIZEN_FILL, EARLIER_FADE), CITIZEN_FILL, 0.08, True
    ),
}


def style_of(kind: MarkerKind) -> MarkerStyle:
    return MARKER_STYLES[kind]


def outline_points(shape: Shape, cx: float, cy: float, size: float) -> list[tuple[float, float]]:
    """The corners of a triangle or star in a ``size``×``size`` square centred on (cx, cy),
    y downward; a circle has none (painters draw it as a circle of diameter ``size``)."""
    r = size / 2
    if shape is Shape.TRIANGLE:
        # Equilateral, apex up, inscribed in the circle of the square: its centroid is
        # (cx, cy), so it sits where the circle and the star sit.
        h = r * math.sqrt(3) / 2
        return [(cx, cy - r), (cx + h, cy + r / 2), (cx - h, cy + r / 2)]
    if shape is Shape.STAR:
        points = []
        for k in range(10):
            angle = -math.pi / 2 + k * math.pi / 5
            radius = r if k % 2 == 0 else r * 0.45
            points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
        return points
    return []


# -- the legend --------------------------------------------------------------------------------
# docs/domain.md: a *placering* is where the citizen stands by whose assessment; the professionals'
# and the citizen's own are both placements. Screen, sheet, dialogue mode, the meeting's fields
# and the journal note all use that word.
@dataclass(frozen=True)
class LegendEntry:
    kinds: tuple[MarkerKind, ...]  # the shapes shown before the words
    text: str


LEGEND_PROFESSIONAL = "Fagpersonernes placering"
LEGEND_CITIZEN = "Borgerens egen placering"
LEGEND_GOAL = "Mål"
LEGEND_HISTORY = "Tidligere placeringer (dato)"
LEGEND_EARLIER = "Ved det tidligere møde (lys)"

LEGEND: tuple[LegendEntry, ...] = (
    LegendEntry((MarkerKind.PROFESSIONAL,), LEGEND_PROFESSIONAL),
    LegendEntry((MarkerKind.CITIZEN,), LEGEND_CITIZEN),
    LegendEntry((MarkerKind.GOAL,), LEGEND_GOAL),
    LegendEntry((MarkerKind.HISTORY_PROFESSIONAL, MarkerKind.HISTORY_CITIZEN), LEGEND_HISTORY),
)
# The blank sheet has no earlier placements.
BLANK_LEGEND: tuple[LegendEntry, ...] = LEGEND[:3]
# Two readings compared on one staircase: the later as usual, the earlier faded.
COMPARE_LEGEND: tuple[LegendEntry, ...] = (
    LEGEND[0],
    LEGEND[1],
    LegendEntry((MarkerKind.EARLIER_PROFESSIONAL, MarkerKind.EARLIER_CITIZEN), LEGEND_EARLIER),
)


def hidden_text(count: int) -> str:
    """The line for earlier placements on a step that there is no room to draw."""
    return f"+{count} tidligere"


def hidden_text_short(count: int) -> str:
    """The same where even that is too wide: just the count."""
    return f"+{count}"
