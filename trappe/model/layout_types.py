"""The staircase's picture as values: the kinds of marker, the boxes of each step and the
layout that holds them (``geometry`` works them out; both painters read them). Kept apart
from ``geometry``, which exports them too, so that its arithmetic has a module of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from trappe.model.entities import Assessor, Step


class MarkerKind(StrEnum):
    PROFESSIONAL = "professional"  # filled circle
    CITIZEN = "citizen"  # triangle pointing up
    GOAL = "goal"  # star
    HISTORY_PROFESSIONAL = "history_professional"  # small faint circle
    HISTORY_CITIZEN = "history_citizen"  # small faint triangle
    # The earlier of two readings compared on one staircase: full size, faded.
    EARLIER_PROFESSIONAL = "earlier_professional"
    EARLIER_CITIZEN = "earlier_citizen"


CURRENT_KINDS = frozenset({MarkerKind.PROFESSIONAL, MarkerKind.CITIZEN, MarkerKind.GOAL})
HISTORY_KINDS = frozenset({MarkerKind.HISTORY_PROFESSIONAL, MarkerKind.HISTORY_CITIZEN})
EARLIER_KINDS = frozenset({MarkerKind.EARLIER_PROFESSIONAL, MarkerKind.EARLIER_CITIZEN})


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px <= self.right and self.y <= py <= self.bottom

    def contains_rect(self, other: Rect) -> bool:
        return (
            self.x <= other.x
            and other.right <= self.right + 1e-9
            and self.y <= other.y
            and other.bottom <= self.bottom + 1e-9
        )


@dataclass(frozen=True)
class StepBox:
    step: Step
    index: int
    rect: Rect  # the solid column
    title_box: Rect
    description_box: Rect | None  # where a description may go, if the painter has room
    marker_row: Rect
    history_box: Rect
    is_goal: bool = False


@dataclass(frozen=True)
class PhaseBand:
    phase_id: int
    title: str
    rect: Rect


@dataclass(frozen=True)
class Marker:
    kind: MarkerKind
    step_id: int
    cx: float
    cy: float
    size: float  # the marker fits in a size×size square around (cx, cy)
    label: str = ""  # a date for history markers
    label_box: Rect | None = None

    @property
    def bounds(self) -> Rect:
        return Rect(self.cx - self.size / 2, self.cy - self.size / 2, self.size, self.size)


class HistoryEntry(NamedTuple):
    """An earlier placement, drawn faint with its date. A named tuple, not a dataclass: a
    record has hundreds, made, hashed and compared on every opening of the citizen."""

    placed_on: date
    assessor: Assessor
    step_id: int


@dataclass(frozen=True)
class StaircaseLayout:
    width: float
    height: float
    steps: list[StepBox]
    phases: list[PhaseBand]
    markers: list[Marker]
    hidden_history: dict[int, int] = field(default_factory=dict)  # step id -> entries not shown
    # step id -> the row for "+k tidligere", where there is room for it (both painters use it)
    hidden_label_boxes: dict[int, Rect] = field(default_factory=dict)

    def box_for(self, step_id: int) -> StepBox | None:
        for box in self.steps:
            if box.step.id == step_id:
                return box
        return None

    def step_at(self, x: float, y: float) -> int | None:
        """The step under a point: anywhere in its column, including the air above it."""
        for box in self.steps:
            if box.rect.x <= x < box.rect.right and 0 <= y <= box.rect.bottom:
                return box.step.id
        return None
