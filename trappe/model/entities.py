"""The domain's plain data: what the store hands out and the views show.

Dates are ``datetime.date``; ids are SQLite integer keys. These classes hold no behaviour
beyond small derived properties, so the UI and the sheet can use them freely.
"""

from __future__ import annotations

import os
from enum import StrEnum
from typing import TYPE_CHECKING

from trappe.model.frozen import Factory, frozen


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
        import getpass  # (with termios: not on the window's start path)

        return getpass.getuser()
    except Exception:  # no login name at all (a bare container, an odd service account)
        return ""


@frozen
class Actor:
    """The person using Trappe; written to the audit log with every change.

    ``name`` is the name the user gave (``--user``, the settings dialog), ``os_user`` the
    operating system's login name, recorded beside it. Both are checked here, so no path
    (command line, window, a script) can put control characters or an ANSI escape into the log.
    """

    name: str
    role: Role = Role.CASEWORKER
    os_user: str = Factory(os_login_name)

    def __post_init__(self) -> None:
        from trappe.model.validation import check_os_user, check_role, check_user_name

        object.__setattr__(self, "name", check_user_name(self.name))
        object.__setattr__(self, "role", check_role(self.role))
        object.__setattr__(self, "os_user", check_os_user(self.os_user))


@frozen
class Phase:
    id: int
    position: int
    title: str


@frozen
class Step:
    id: int
    position: int
    title: str
    description: str
    colour: str
    phase_id: int | None
    category: Category
    retired: bool = False


@frozen
class Staircase:
    """The active steps in order, with their phases; retired steps are kept aside for history."""

    phases: list[Phase]
    steps: list[Step]
    retired: list[Step] = Factory(list)

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


@frozen
class TargetGroup:
    id: int
    name: str
    position: int
    retired: bool = False


@frozen
class Staff:
    id: int
    name: str
    role: Role


# The citizen's own data lives in ``citizen_entities`` (made when first asked for: the start
# path does not need it); every name stays importable from here.
_CITIZEN_ENTITIES = frozenset(
    {
        "Citizen",
        "Placement",
        "Activity",
        "Agreement",
        "Meeting",
        "MeetingInput",
        "CitizenInput",
        "CitizenRecord",
    }
)

if TYPE_CHECKING:  # (re-exported: importable from here)
    from trappe.model.citizen_entities import (
        Activity as Activity,
    )
    from trappe.model.citizen_entities import (
        Agreement as Agreement,
    )
    from trappe.model.citizen_entities import (
        Citizen as Citizen,
    )
    from trappe.model.citizen_entities import (
        CitizenInput as CitizenInput,
    )
    from trappe.model.citizen_entities import (
        CitizenRecord as CitizenRecord,
    )
    from trappe.model.citizen_entities import (
        Meeting as Meeting,
    )
    from trappe.model.citizen_entities import (
        MeetingInput as MeetingInput,
    )
    from trappe.model.citizen_entities import (
        Placement as Placement,
    )


def __getattr__(name: str) -> object:
    if name in _CITIZEN_ENTITIES:
        from trappe.model import citizen_entities

        value = getattr(citizen_entities, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
