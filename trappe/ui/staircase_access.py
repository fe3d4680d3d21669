"""What the staircase says without pictures: the legend's words in the chosen language and
the description screen readers announce (docs/architecture.md, "The two painters").

The words are the model's (``markers``); each is written out here so pyside6-lupdate finds it,
in Danish unchanged (a test compares them with the sheet's). Strings keep the translation
context "StaircaseWidget" they had when they lived in the widget.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from trappe.model.entities import Assessor, CitizenRecord, Staircase
from trappe.model.formatting import format_date
from trappe.model.geometry import MarkerKind
from trappe.model.markers import (
    LEGEND_CITIZEN,
    LEGEND_EARLIER,
    LEGEND_GOAL,
    LEGEND_HISTORY,
    LEGEND_PROFESSIONAL,
)
from trappe.model.picture import StaircaseState


def legend_words() -> dict[str, str]:
    """The model's legend words (``markers``) in the chosen language; each written out so
    pyside6-lupdate finds it. In Danish they are the model's words unchanged (a test checks)."""
    return {
        LEGEND_PROFESSIONAL: QCoreApplication.translate("Legend", "Fagpersonernes placering"),
        LEGEND_CITIZEN: QCoreApplication.translate("Legend", "Borgerens egen placering"),
        LEGEND_GOAL: QCoreApplication.translate("Legend", "Mål"),
        LEGEND_HISTORY: QCoreApplication.translate("Legend", "Tidligere placeringer (dato)"),
        LEGEND_EARLIER: QCoreApplication.translate("Legend", "Ved det tidligere møde (lys)"),
    }


def hidden_words(count: int) -> str:
    return QCoreApplication.translate("Legend", "+%1 tidligere").replace("%1", str(count))


def _where(sc: Staircase | None, step_id: int | None) -> str:
    """'trin 4 af 7: Virksomhedspraktik' (or 'ikke placeret')."""
    if step_id is None or sc is None:
        return QCoreApplication.translate("StaircaseWidget", "ikke placeret")
    step = sc.step(step_id)
    idx = sc.index_of(step_id)
    if step is None:
        return QCoreApplication.translate("StaircaseWidget", "ukendt trin")
    if idx is None:  # a retired step
        return step.title
    return (
        QCoreApplication.translate("StaircaseWidget", "trin %1 af %2: %3")
        .replace("%1", str(idx + 1))
        .replace("%2", str(len(sc.steps)))
        .replace("%3", step.title)
    )


def describe_staircase(
    sc: Staircase | None,
    record: CitizenRecord | None,
    state: StaircaseState | None,
    *,
    earlier: StaircaseState | None = None,
    focus_index: int = 0,
    meeting: bool = False,
    active: MarkerKind = MarkerKind.PROFESSIONAL,
    movable: bool = False,
) -> str:
    """A description for screen readers: whose staircase (the citizen's name), where each
    marker is ("trin 4 af 7"), the earlier placements, the focused step and which keys do
    what. With no citizen it names the staircase's steps, and no chosen step."""
    if sc is None or not sc.steps:
        return QCoreApplication.translate("StaircaseWidget", "Ingen trappe")
    steps = ", ".join(f"{i + 1}. {s.title}" for i, s in enumerate(sc.steps))
    if record is None:
        return (
            QCoreApplication.translate(
                "StaircaseWidget", "Ingen borger valgt. Trappen har %1 trin: %2."
            )
            .replace("%1", str(len(sc.steps)))
            .replace("%2", steps)
        )
    c = record.citizen
    parts = [QCoreApplication.translate("StaircaseWidget", "Trappen for %1.").replace("%1", c.name)]
    if meeting:
        parts.append(QCoreApplication.translate("StaircaseWidget", "Møde i gang."))
    if state is not None:
        since = ""
        if not meeting and c.current_step_since:
            since = " " + QCoreApplication.translate("StaircaseWidget", "(siden %1)").replace(
                "%1", format_date(c.current_step_since)
            )
        parts.append(
            QCoreApplication.translate("StaircaseWidget", "Fagpersonernes placering: %1").replace(
                "%1", _where(sc, state.current_step_id)
            )
            + since
            + "."
        )
        parts.append(
            QCoreApplication.translate("StaircaseWidget", "Borgerens egen placering: %1.").replace(
                "%1", _where(sc, state.own_step_id)
            )
        )
        if state.goal_step_id is not None:
            parts.append(
                QCoreApplication.translate("StaircaseWidget", "Mål: %1.").replace(
                    "%1", _where(sc, state.goal_step_id)
                )
            )
        if earlier is not None:
            parts.append(
                QCoreApplication.translate(
                    "StaircaseWidget", "Ved det tidligere møde: fagpersonerne %1, borgeren %2."
                )
                .replace("%1", _where(sc, earlier.current_step_id))
                .replace("%2", _where(sc, earlier.own_step_id))
            )
        # The history is in date order (placements are read that way): the newest six.
        newest = state.history[-6:][::-1]
        if newest:
            who = {
                Assessor.PROFESSIONAL: QCoreApplication.translate(
                    "StaircaseWidget", "fagpersonerne"
                ),
                Assessor.CITIZEN: QCoreApplication.translate("StaircaseWidget", "borgeren"),
            }
            listed = "; ".join(
                f"{format_date(h.placed_on)} {who[h.assessor]} "
                + _where(sc, h.step_id).split(":")[0]
                for h in newest
            )
            parts.append(
                QCoreApplication.translate("StaircaseWidget", "Tidligere placeringer: %1.").replace(
                    "%1", listed
                )
            )
    focus = sc.steps[focus_index]
    parts.append(
        QCoreApplication.translate("StaircaseWidget", "Valgt trin: %1. %2")
        .replace("%1", _where(sc, focus.id))
        .replace("%2", focus.description)
        .strip()
    )
    if meeting:
        moving = legend_words()[
            {
                MarkerKind.PROFESSIONAL: LEGEND_PROFESSIONAL,
                MarkerKind.CITIZEN: LEGEND_CITIZEN,
                MarkerKind.GOAL: LEGEND_GOAL,
            }[active]
        ]
        parts.append(
            QCoreApplication.translate("StaircaseWidget", "Piletasterne flytter: %1.").replace(
                "%1", moving.lower()
            )
        )
        parts.append(
            QCoreApplication.translate(
                "StaircaseWidget",
                "F, B og M skifter mellem fagpersonernes placering, borgerens egen placering "
                "og målet; Mellemrum skifter til den næste; Delete fjerner borgerens egen "
                "placering; Ctrl+Enter gemmer mødet.",
            )
        )
    elif movable:
        parts.append(
            QCoreApplication.translate(
                "StaircaseWidget",
                "Venstre og højre pil vælger et trin; Enter flytter en placering dertil "
                "(i et nyt møde).",
            )
        )
    return " ".join(parts)
