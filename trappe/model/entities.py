"""The domain's plain data: what the store hands out and the views show.

Dates are ``datetime.date``; ids are SQLite integer keys. These classes hold no behaviour
beyond small derived properties, so the UI and the sheet can use them freely.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Category(StrEnum):
    """Whether a step counts for the headline measure."""

    NONE = "none"
    COMPANY_ACTIVITY = "company_activity"
    ORDINARY_HOURS = "ordinary_hours"

    @property
    def counts_as_activity(self) -> bool:
        """Company-oriented activity *or* ordinary hours: the headline measure."""
        return self is not Category.NONE


class Role(StrEnum):
    """The user's role, as they state it (written to the audit log). Only the first two are
    staff on a case; the team leader and the data protection officer read the access log."""

    CASEWORKER = "caseworker"
    COMPANY_CONSULTANT = "company_consultant"
    TEAM_LEADER = "team_leader"
    DATA_PROTECTION_OFFICER = "data_protection_officer"


class Assessor(StrEnum):
    """Whose view a placement is."""

    PROFESSIONAL = "professional"
    CITIZEN = "citizen"


class Responsible(StrEnum):
    CITIZEN = "citizen"
    CASEWORKER = "caseworker"
    COMPANY_CONSULTANT = "company_consultant"
    OTHER = "other"


class Status(StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"


class NextMeetingFilter(StrEnum):
    """Which next meetings the caseload shows (weeks run Monday to Sunday)."""

    ANY = "any"
    OVERDUE = "overdue"
    THIS_WEEK = "this_week"
    NEXT_WEEK = "next_week"
    NONE_PLANNED = "none_planned"


class CloseReason(StrEnum):
    JOB = "job"
    EDUCATION = "education"
    FLEXJOB = "flexjob"
    DISABILITY_PENSION = "disability_pension"  # førtidspension
    RESOURCE_COURSE_ENDED = "resource_course_ended"  # ressourceforløb afsluttet
    MOVED = "moved"  # flyttet til en anden kommune
    TRANSFER = "transfer"
    OTHER = "other"


ROLE_LABELS_DA = {
    Role.CASEWORKER: "Sagsbehandler",
    Role.COMPANY_CONSULTANT: "Virksomhedskonsulent",
    Role.TEAM_LEADER: "Teamleder",
    Role.DATA_PROTECTION_OFFICER: "Databeskyttelsesrådgiver",
}
RESPONSIBLE_LABELS_DA = {
    Responsible.CITIZEN: "Borger",
    Responsible.CASEWORKER: "Sagsbehandler",
    Responsible.COMPANY_CONSULTANT: "Virksomhedskonsulent",
    Responsible.OTHER: "Andre",
}
CATEGORY_LABELS_DA = {
    Category.NONE: "Ingen (forberedende)",
    Category.COMPANY_ACTIVITY: "Virksomhedsrettet indsats",
    Category.ORDINARY_HOURS: "Ordinære timer",
}
CLOSE_REASON_LABELS_DA = {
    CloseReason.JOB: "Job",
    CloseReason.EDUCATION: "Uddannelse",
    CloseReason.FLEXJOB: "Fleksjob",
    CloseReason.DISABILITY_PENSION: "Førtidspension",
    CloseReason.RESOURCE_COURSE_ENDED: "Ressourceforløb afsluttet",
    CloseReason.MOVED: "Flyttet",
    CloseReason.TRANSFER: "Overført",
    CloseReason.OTHER: "Andet",
}


def os_login_name() -> str:
    """The operating system's login name of whoever runs Trappe ("" if it cannot be told).

    On POSIX the account database is asked first: ``$USER`` and ``$LOGNAME`` are whatever the
    environment says, the uid is who the process runs as.
    """
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, AttributeError, OSError):
        pass
    try:
        return getpass.getuser()
    except Exception:  # no login name at all (a bare container, an odd service account)
        return ""


@dataclass(frozen=True)
class Actor:
    """The person using Trappe; written to the audit log with every change.

    ``name`` is the name the user gave (``--user``, the settings dialog), ``os_user`` the
    operating system's login name, recorded beside it. Both are checked here, so no path
    (command line, window, a script) can put control characters or an ANSI escape into the log.
    """

    name: str
    role: Role = Role.CASEWORKER
    os_user: str = field(default_factory=os_login_name)

    def __post_init__(self) -> None:
        from trappe.model.validation import check_os_user, check_role, check_user_name

        object.__setattr__(self, "name", check_user_name(self.name))
        object.__setattr__(self, "role", check_role(self.role))
        object.__setattr__(self, "os_user", check_os_user(self.os_user))


@dataclass(frozen=True)
class Phase:
    id: int
    position: int
    title: str


@dataclass(frozen=True)
class Step:
    id: int
    position: int
    title: str
    description: str
    colour: str
    phase_id: int | None
    category: Category
    retired: bool = False


@dataclass(frozen=True)
class Staircase:
    """The active steps in order, with their phases; retired steps are kept aside for history."""

    phases: list[Phase]
    steps: list[Step]
    retired: list[Step] = field(default_factory=list)

    def step(self, step_id: int) -> Step | None:
        for s in self.steps:
            if s.id == step_id:
                return s
        for s in self.retired:
            if s.id == step_id:
                return s
        return None

    def index_of(self, step_id: int) -> int | None:
        """0-based position of an active step on the drawn staircase."""
        for i, s in enumerate(self.steps):
            if s.id == step_id:
                return i
        return None


@dataclass(frozen=True)
class TargetGroup:
    id: int
    name: str
    position: int
    retired: bool = False


@dataclass(frozen=True)
class Staff:
    id: int
    name: str
    role: Role


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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
