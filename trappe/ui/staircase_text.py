"""The staircase in words, for screen readers: whose it is, where they stand ("trin 4 af 7"),
where they stood before, the chosen step and which keys move a placement.

``StaircaseWidget.describer`` is set to ``describe_staircase`` by the window; the widget calls
it whenever its content or its chosen step changes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from trappe.model.entities import Assessor, CitizenRecord, Staircase, Status
from trappe.model.validation import format_date

EARLIER_SHOWN = 5  # the most recent earlier placements read out


def step_words(staircase: Staircase, step_id: int | None) -> str:
    """ "trin 4 af 7: Virksomhedspraktik" (a retired step: its title and "udgået")."""
    if step_id is None:
        return QCoreApplication.translate("StaircaseText", "ingen")
    step = staircase.step(step_id)
    if step is None:
        return QCoreApplication.translate("StaircaseText", "ukendt trin")
    index = staircase.index_of(step_id)
    if index is None:
        return QCoreApplication.translate("StaircaseText", "%1 (udgået trin)").replace(
            "%1", step.title
        )
    return (
        QCoreApplication.translate("StaircaseText", "trin %1 af %2: %3")
        .replace("%1", str(index + 1))
        .replace("%2", str(len(staircase.steps)))
        .replace("%3", step.title)
    )


def describe_staircase(
    staircase: Staircase | None, record: CitizenRecord | None, focused_step_id: int | None
) -> str:
    if staircase is None or not staircase.steps:
        return QCoreApplication.translate("StaircaseText", "Ingen trappe.")
    n = str(len(staircase.steps))
    if record is None:
        return QCoreApplication.translate(
            "StaircaseText",
            "Trappen har %1 trin. Vælg en borger i listen for at se borgerens placering.",
        ).replace("%1", n)
    c = record.citizen
    parts = [c.name + "."]
    if c.current_step_id is None:
        parts.append(
            QCoreApplication.translate(
                "StaircaseText", "Fagpersonerne har ikke placeret borgeren endnu."
            )
        )
    else:
        since = (
            " "
            + QCoreApplication.translate("StaircaseText", "siden %1").replace(
                "%1", format_date(c.current_step_since)
            )
            if c.current_step_since
            else ""
        )
        parts.append(
            QCoreApplication.translate("StaircaseText", "Fagpersonernes placering: %1%2.")
            .replace("%1", step_words(staircase, c.current_step_id))
            .replace("%2", since)
        )
    if c.own_step_id is not None:
        parts.append(
            QCoreApplication.translate("StaircaseText", "Borgerens egen placering: %1.").replace(
                "%1", step_words(staircase, c.own_step_id)
            )
        )
    if c.goal_step_id is not None:
        goal = QCoreApplication.translate("StaircaseText", "Mål: %1").replace(
            "%1", step_words(staircase, c.goal_step_id)
        )
        if c.goal_date:
            goal += " " + QCoreApplication.translate("StaircaseText", "senest %1").replace(
                "%1", format_date(c.goal_date)
            )
        parts.append(goal + ".")
    earlier = record.history(Assessor.PROFESSIONAL)[:-1]
    if earlier:
        shown = [
            QCoreApplication.translate("StaircaseText", "trin %1 den %2")
            .replace("%1", str((staircase.index_of(p.step_id) or 0) + 1))
            .replace("%2", format_date(p.placed_on))
            for p in reversed(earlier[-EARLIER_SHOWN:])
        ]
        more = len(earlier) - len(shown)
        text = QCoreApplication.translate("StaircaseText", "Tidligere placeringer: %1").replace(
            "%1", ", ".join(shown)
        )
        if more:
            text += " " + QCoreApplication.translate("StaircaseText", "og %1 flere").replace(
                "%1", str(more)
            )
        parts.append(text + ".")
    if focused_step_id is not None:
        step = staircase.step(focused_step_id)
        chosen = QCoreApplication.translate("StaircaseText", "Valgt: %1").replace(
            "%1", step_words(staircase, focused_step_id)
        )
        if step is not None and step.description:
            chosen += " – " + step.description
        parts.append(chosen + ".")
    if c.status is Status.CLOSED:
        parts.append(
            QCoreApplication.translate(
                "StaircaseText", "Forløbet er afsluttet; placeringerne kan ikke flyttes."
            )
        )
    else:
        parts.append(
            QCoreApplication.translate(
                "StaircaseText",
                "Piletasterne vælger et trin; Enter eller mellemrum flytter en placering dertil.",
            )
        )
    return " ".join(parts)
