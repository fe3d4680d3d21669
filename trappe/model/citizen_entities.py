"""The citizen's own data: the citizen, placements, meetings, agreements, activities, the
record read in one go, and what the user fills in. Importable from ``trappe.model.entities``
like every other entity; kept here so that start-up, which shows only the caseload list, does
not create these classes (issue 12, start-up).
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass, field
from datetime import date
from typing import Any, TypeVar

from trappe.model.entities import (
    Assessor,
    CloseReason,
    Responsible,
    Staff,
    Status,
    TargetGroup,
)

T = TypeVar("T")

__all__ = [
    "Activity",
    "Agreement",
    "Citizen",
    "CitizenInput",
    "CitizenRecord",
    "Meeting",
    "MeetingInput",
    "Placement",
]


@dataclass(frozen=True)
class Citizen:
    id: int
    name: str
    identifier: str | None
    target_group_id: int | None
    caseworker_id: int | None
    consultant_id: int | None
    start_date: date
    goal_step_id: int | None
    goal_date: date | None
    status: Status
    closed_on: date | None = None
    closed_reason: CloseReason | None = None
    closed_note: str = ""
    identifier_kind: str | None = None  # "cpr" or "case"; decides whether lists mask it
    # Derived facts, kept up to date by the model after every change to placements/meetings.
    current_step_id: int | None = None
    current_step_since: date | None = None
    own_step_id: int | None = None
    last_meeting_on: date | None = None
    next_meeting_on: date | None = None
    # Raised by every edit of the citizen's own fields; an edit carries the version it began from.
    version: int = 1

    @property
    def identifier_masked(self) -> str:
        from trappe.model.validation import mask_identifier

        return mask_identifier(self.identifier, self.identifier_kind)

    def days_on_step(self, today: date) -> int | None:
        if self.current_step_since is None:
            return None
        return (today - self.current_step_since).days

    def next_meeting_overdue(self, today: date) -> bool:
        return (
            self.status is Status.ACTIVE
            and self.next_meeting_on is not None
            and self.next_meeting_on < today
        )


def _refusing(cls: type[T]) -> type[T]:
    """Refuse to set or delete any attribute, as a frozen dataclass without slots does.

    Python 3.11's frozen dataclass with slots refers, in its ``__setattr__`` and
    ``__delattr__``, to the class as it was before the slots were added, so a name that is
    not a field fails with a ``TypeError`` about ``super`` instead."""

    def __setattr__(self: Any, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self: Any, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    cls.__setattr__ = __setattr__  # type: ignore[assignment,method-assign]
    cls.__delattr__ = __delattr__  # type: ignore[assignment,method-assign]
    return cls


# Placements, agreements and meetings have slots: a record with two hundred meetings makes
# eight hundred of them on each first opening (``record_rows``: made through a twin class of the
# same slots), and the panes read their fields thousands of times.
@_refusing
@dataclass(frozen=True, slots=True)
class Placement:
    id: int
    citizen_id: int
    placed_on: date
    assessor: Assessor
    step_id: int
    meeting_id: int | None = None


@dataclass(frozen=True)
class Activity:
    """A parallel activity running at the time of a meeting (internship, mentor, …)."""

    kind: str
    description: str = ""
    company: str = ""
    hours_per_week: float | None = None
    id: int | None = None


@_refusing
@dataclass(frozen=True, slots=True)
class Agreement:
    what: str
    responsible: Responsible
    due_on: date | None = None
    done_on: date | None = None
    responsible_other: str = ""
    id: int | None = None
    meeting_id: int | None = None

    @property
    def done(self) -> bool:
        return self.done_on is not None


@_refusing
@dataclass(frozen=True, slots=True)
class Meeting:
    id: int
    citizen_id: int
    held_on: date
    participants: str
    professional_step_id: int | None
    citizen_step_id: int | None
    caseworker_note: str
    consultant_note: str
    next_meeting_on: date | None
    activities: list[Activity] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    version: int = 1  # raised by every edit of the meeting or its agreements


@dataclass(frozen=True)
class MeetingInput:
    """What the user fills in when recording (or editing) a meeting."""

    held_on: date
    professional_step_id: int | None
    citizen_step_id: int | None = None
    participants: str = ""
    caseworker_note: str = ""
    consultant_note: str = ""
    next_meeting_on: date | None = None
    activities: list[Activity] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)


@dataclass(frozen=True)
class CitizenInput:
    """What the user fills in when creating or editing a citizen.

    A colleague not yet on the staff list is given by name (``caseworker_name``,
    ``consultant_name``, with the id left ``None``); the save adds them in the same
    transaction, so a refused save adds nobody.
    """

    name: str
    identifier: str | None = None
    target_group_id: int | None = None
    caseworker_id: int | None = None
    consultant_id: int | None = None
    start_date: date | None = None
    goal_step_id: int | None = None
    goal_date: date | None = None
    caseworker_name: str = ""
    consultant_name: str = ""


@dataclass(frozen=True)
class CitizenRecord:
    """Everything about one citizen, as one read (logged once in the audit log)."""

    citizen: Citizen
    placements: list[Placement]
    meetings: list[Meeting]
    target_group: TargetGroup | None
    caseworker: Staff | None
    consultant: Staff | None

    @property
    def open_agreements(self) -> list[Agreement]:
        """Still open: newest meeting first (the rule is ``picture.open_agreements``)."""
        from trappe.model.picture import open_agreements

        return open_agreements(self)

    @property
    def current_activities(self) -> list[Activity]:
        """The activities recorded at the latest meeting: what runs now."""
        return list(self.meetings[-1].activities) if self.meetings else []

    def history(self, assessor: Assessor) -> list[Placement]:
        return [p for p in self.placements if p.assessor is assessor]
