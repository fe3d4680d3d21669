"""What an operation changed, so each view redraws only what it shows (as Anki's
``OpChanges``).

A ``Changes`` names the citizen concerned and the parts of their data that changed. Views map
parts to panes: the caseload list cares about ``LISTED``, the header about ``CITIZEN``, the
staircase about ``PLACEMENTS`` (and ``CITIZEN``, for the goal), the history about ``HISTORY``
and ``PLACEMENTS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Flag, auto
from typing import Generic, TypeVar

T = TypeVar("T")


class Part(Flag):
    NONE = 0
    CITIZEN = auto()  # the citizen's own fields: name, group, staff, goal, status
    LISTED = auto()  # something the caseload list shows, sorts or filters on
    PLACEMENTS = auto()  # where the citizen stands (and stood)
    HISTORY = auto()  # meetings, notes, activities, agreements
    ERASED = auto()  # the citizen is gone
    STAIRCASE = auto()  # steps, phases, target groups (everyone's picture)


# Everything about one citizen (what an operation that does not say more may have changed).
EVERY_PART = Part.CITIZEN | Part.LISTED | Part.PLACEMENTS | Part.HISTORY


@dataclass(frozen=True)
class Changes:
    """The parts that changed, for one citizen (``citizen_id``) or for all (``None``)."""

    citizen_id: int | None
    parts: Part

    def touches(self, part: Part) -> bool:
        return bool(self.parts & part)

    def __or__(self, other: Changes) -> Changes:
        same = self.citizen_id == other.citizen_id
        return Changes(self.citizen_id if same else None, self.parts | other.parts)


@dataclass(frozen=True)
class OpResult(Generic[T]):
    """An operation's result (the saved object, if any) and what it changed."""

    value: T
    changes: Changes
