"""The staircase's change log: one line written for every dated change, read back for the
editor's history, and said in Danish, both for the history and for the preview of what a change
will do before it is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from trappe.model.entities import Category
from trappe.model.staircase_reading import citizens_on_step, get_step
from trappe.model.store import Store, now_iso


def log_change(
    store: Store,
    step_id: int,
    on: date,
    what: str,
    old: Any = None,
    new: Any = None,
    citizens: int | None = None,
) -> None:
    title = store.scalar("SELECT title FROM steps WHERE id = ?", (step_id,)) or ""
    store.execute(
        "INSERT INTO staircase_changes (effective_from, changed_at, changed_by, step_id,"
        " step_title, what, old_value, new_value, citizens) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            on.isoformat(),
            now_iso(),
            store.actor.name,
            step_id,
            title,
            what,
            None if old is None else str(old),
            None if new is None else str(new),
            citizens,
        ),
    )


@dataclass(frozen=True)
class StaircaseChange:
    """One line of the staircase's history, as the editor shows it."""

    effective_from: date
    changed_at: str
    changed_by: str
    step_id: int | None
    step_title: str
    what: str
    old_value: str | None
    new_value: str | None
    citizens: int | None


def staircase_history(store: Store) -> list[StaircaseChange]:
    return [
        StaircaseChange(
            date.fromisoformat(r["effective_from"]),
            r["changed_at"],
            r["changed_by"],
            r["step_id"],
            r["step_title"],
            r["what"],
            r["old_value"],
            r["new_value"],
            r["citizens"],
        )
        for r in store.query("SELECT * FROM staircase_changes ORDER BY id DESC")
    ]


# -- what a change will do, in words (the editor's preview and history) -----------------------
_CATEGORY_DA = {
    Category.NONE.value: "ingen (forberedende)",
    Category.COMPANY_ACTIVITY.value: "virksomhedsrettet indsats",
    Category.ORDINARY_HOURS.value: "ordinære timer",
}


def _phase_title(store: Store, phase_id: Any) -> str:
    if phase_id in (None, "", "None"):
        return "ingen fase"
    title = store.scalar("SELECT title FROM phases WHERE id = ?", (int(phase_id),))
    return title or "en slettet fase"


def preview_change(
    store: Store,
    step_id: int,
    on: date,
    *,
    category: Category | None = None,
    phase_id: int | type[...] | None = ...,
    index: int | None = None,
    retire: bool = False,
) -> str:
    """The editor's preview: "Det flytter 34 borgere fra «…» til «…» fra 01-01-2027; tal
    før den dato forbliver som de var." (empty when nothing would change)."""
    step = get_step(store, step_id)
    people = citizens_on_step(store, step_id, on)
    who = f"{people} borger" + ("" if people == 1 else "e")
    day = on.strftime("%d-%m-%Y")
    parts = []
    if category is not None and Category(category) is not step.category:
        parts.append(
            f"Det flytter {who} fra «{_CATEGORY_DA[step.category.value]}» til "
            f"«{_CATEGORY_DA[Category(category).value]}» fra {day}"
        )
    if phase_id is not ... and phase_id != step.phase_id:
        parts.append(
            f"Det flytter {who} fra fasen «{_phase_title(store, step.phase_id)}» til "
            f"«{_phase_title(store, phase_id)}» fra {day}"
        )
    if index is not None and not step.retired and index != step.position:
        parts.append(
            f"Trin {step.position + 1} «{step.title}» bliver trin {index + 1} fra {day}; "
            f"{who} står på det"
        )
    if retire and not step.retired:
        parts.append(f"Trin {step.position + 1} «{step.title}» udgår fra {day}")
    if not parts:
        return ""
    past = (
        "tal før den dato forbliver som de var"
        if on >= date.today()
        else "tal fra den dato ændres, også i gemte målinger; tal før forbliver som de var"
    )
    return "; ".join(parts) + f"; {past}."


def describe_change(store: Store, change: StaircaseChange) -> str:
    """One line of the staircase's history in Danish."""
    what = {
        "category": lambda: (
            f"kategori «{_CATEGORY_DA.get(change.old_value or '', '?')}» → "
            f"«{_CATEGORY_DA.get(change.new_value or '', '?')}»"
        ),
        "phase": lambda: (
            f"fase «{_phase_title(store, change.old_value)}» → "
            f"«{_phase_title(store, change.new_value)}»"
        ),
        "order": lambda: f"flyttet fra trin {change.old_value} til trin {change.new_value}",
        "retired": lambda: "udgået",
        "restored": lambda: f"genindsat som trin {change.new_value}",
        "added": lambda: f"tilføjet som trin {change.new_value}",
        "deleted": lambda: "slettet (ingen havde stået på det)",
    }.get(change.what, lambda: change.what)()
    people = "" if not change.citizens else f" ({change.citizens} borgere på trinnet)"
    return (
        f"Fra {change.effective_from:%d-%m-%Y}: «{change.step_title}» {what}{people}"
        f" · {change.changed_by}, {change.changed_at[:10]}"
    )
