"""Staircase changes that can be undone and redone (the editor's part of issue 14, "undo
across the board").

Each function here makes one change through ``trappe.model.staircase`` and returns a
``StaircaseEdit``: the staircase's own rows (phases, steps, their dated versions and the
readable history of changes, and the target groups, edited beside it) as they were before and
after, plus the goals a retirement cleared. ``undo`` puts the rows back exactly as they were
before and ``redo`` as they were after, so a dated change disappears from the versions and from
the history instead of being followed by a second, opposite change (which the rule "a change
takes effect no earlier than the latest one" would often refuse, and which would leave figures
and the history to explain a change nobody meant to make). The audit log, which is append-only,
records the undo.

Undo and redo refuse, changing nothing, when
- the staircase is no longer as the edit left it (someone else changed it since: their change
  is never silently overwritten);
- they would remove a step that a citizen now stands on, stood on or has as a goal (it may
  retire instead);
- they would retire a step that active citizens now stand on;
- they would remove a target group that a citizen, a result target or a meeting interval now
  names (it may retire instead).

Putting back a retirement takes a verified backup first, as the retirement itself does
(``backup.before``); a step that retires this way clears the goals of active citizens on it,
and undoing a retirement gives those it cleared their goal back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from trappe.model import staircase
from trappe.model.entities import Category
from trappe.model.errors import EditConflict, ValidationError
from trappe.model.store import Store

T = TypeVar("T")
Rows = tuple[tuple[Any, ...], ...]

# The staircase's own tables (and the target groups, edited in the same settings), in the order
# they are written back (a step's phase must exist first, a step's versions after the step).
# The first three are upserted keeping their ids; the last two are written back whole.
_TABLES = ("phases", "target_groups", "steps", "step_versions", "staircase_changes")
_UPSERTED = 3


@dataclass(frozen=True)
class StaircaseRows:
    """The staircase's own rows as stored (a few hundred at most)."""

    phases: Rows
    groups: Rows
    steps: Rows
    versions: Rows
    changes: Rows

    def table(self, name: str) -> Rows:
        return {
            "phases": self.phases,
            "target_groups": self.groups,
            "steps": self.steps,
            "step_versions": self.versions,
            "staircase_changes": self.changes,
        }[name]

    def retired(self) -> set[int]:
        return {r[0] for r in self.steps if r[_STEP_RETIRED] is not None}

    def step_ids(self) -> set[int]:
        return {r[0] for r in self.steps}

    def group_ids(self) -> set[int]:
        return {r[0] for r in self.groups}

    def group_name(self, group_id: int) -> str:
        return next((r[2] for r in self.groups if r[0] == group_id), "")

    def title(self, step_id: int) -> str:
        return next((r[_STEP_TITLE] for r in self.steps if r[0] == step_id), "")


# Column positions in ``SELECT * FROM steps`` (id, position, title, description, colour,
# phase_id, category, retired_on).
_STEP_TITLE, _STEP_RETIRED = 2, 7


@dataclass(frozen=True)
class StaircaseEdit:
    """One change to the staircase, as made."""

    before: StaircaseRows
    after: StaircaseRows
    goals: tuple[tuple[int, int], ...] = ()  # (citizen id, step id): goals a retirement cleared
    step_id: int | None = None  # the step the change is about (a new step: its id)
    phase_id: int | None = None  # a new phase: its id
    group_id: int | None = None  # the target group the change is about

    @property
    def changed(self) -> bool:
        return self.before != self.after


def read_rows(store: Store) -> StaircaseRows:
    def rows(table: str) -> Rows:
        return tuple(tuple(r) for r in store.query(f"SELECT * FROM {table} ORDER BY id"))

    return StaircaseRows(*(rows(t) for t in _TABLES))


def _recorded(
    store: Store, change: Callable[[], T], step_id: int | None = None
) -> tuple[T, StaircaseEdit]:
    """Make ``change`` in one transaction and record the rows before and after it."""
    with store.write():
        before = read_rows(store)
        value = change()
        after = read_rows(store)
    return value, StaircaseEdit(before, after, step_id=step_id)


# -- the changes the editor makes ---------------------------------------------------------------
def update_step(
    store: Store,
    step_id: int,
    *,
    title: str | None = None,
    description: str | None = None,
    colour: str | None = None,
    phase_id: int | type[...] | None = ...,
    category: Category | None = None,
    on: date | None = None,
) -> StaircaseEdit:
    _, edit = _recorded(
        store,
        lambda: staircase.update_step(
            store,
            step_id,
            title=title,
            description=description,
            colour=colour,
            phase_id=phase_id,
            category=category,
            on=on,
        ),
        step_id,
    )
    return edit


def add_step(store: Store, title: str, **options: Any) -> StaircaseEdit:
    step, edit = _recorded(store, lambda: staircase.add_step(store, title, **options))
    return StaircaseEdit(edit.before, edit.after, step_id=step.id)


def move_step(store: Store, step_id: int, index: int, on: date | None = None) -> StaircaseEdit:
    _, edit = _recorded(store, lambda: staircase.move_step(store, step_id, index, on), step_id)
    return edit


def retire_step(store: Store, step_id: int, on: date | None = None) -> StaircaseEdit:
    """Retire a step (backed up first, as ``staircase.retire_step`` explains)."""
    from trappe.model import backup

    if staircase._check_retire(store, step_id, on):
        backup.before(store, staircase.BACKUP_REASON)
    goals, edit = _recorded(store, lambda: staircase.retire_step(store, step_id, on), step_id)
    return StaircaseEdit(
        edit.before, edit.after, tuple((cid, step_id) for cid in goals), step_id=step_id
    )


def restore_step(store: Store, step_id: int, on: date | None = None) -> StaircaseEdit:
    _, edit = _recorded(store, lambda: staircase.restore_step(store, step_id, on), step_id)
    return edit


def delete_step(store: Store, step_id: int) -> StaircaseEdit:
    _, edit = _recorded(store, lambda: staircase.delete_step(store, step_id))
    return edit


def add_phase(store: Store, title: str) -> StaircaseEdit:
    phase, edit = _recorded(store, lambda: staircase.add_phase(store, title))
    return StaircaseEdit(edit.before, edit.after, phase_id=phase.id)


def rename_phase(store: Store, phase_id: int, title: str) -> StaircaseEdit:
    _, edit = _recorded(store, lambda: staircase.rename_phase(store, phase_id, title))
    return StaircaseEdit(edit.before, edit.after, phase_id=phase_id)


def add_target_group(store: Store, name: str) -> StaircaseEdit:
    """A new target group (``edit.group_id`` is its id)."""
    group, edit = _recorded(store, lambda: staircase.add_target_group(store, name))
    return StaircaseEdit(edit.before, edit.after, group_id=group.id)


def rename_target_group(store: Store, group_id: int, name: str) -> StaircaseEdit:
    _, edit = _recorded(store, lambda: staircase.rename_target_group(store, group_id, name))
    return StaircaseEdit(edit.before, edit.after, group_id=group_id)


def move_target_group(store: Store, group_id: int, index: int) -> StaircaseEdit:
    _, edit = _recorded(store, lambda: staircase.move_target_group(store, group_id, index))
    return StaircaseEdit(edit.before, edit.after, group_id=group_id)


def retire_target_group(store: Store, group_id: int, retired: bool = True) -> StaircaseEdit:
    _, edit = _recorded(store, lambda: staircase.retire_target_group(store, group_id, retired))
    return StaircaseEdit(edit.before, edit.after, group_id=group_id)


def _group_in_use(store: Store, group_id: int) -> bool:
    """A citizen is (or was) in the group, or a result target or meeting interval names it."""
    return bool(
        store.scalar(
            "SELECT EXISTS (SELECT 1 FROM citizens WHERE target_group_id = :g)"
            " OR EXISTS (SELECT 1 FROM targets WHERE target_group_id = :g)"
            " OR EXISTS (SELECT 1 FROM meeting_intervals WHERE target_group_id = :g)",
            {"g": group_id},
        )
    )


# -- undo and redo ------------------------------------------------------------------------------
def undo(store: Store, edit: StaircaseEdit) -> None:
    """Put the staircase back as it was before ``edit`` (see the module's docstring)."""
    _put(store, edit.before, expected=edit.after, goals=edit.goals, word="fortrydes")


def redo(store: Store, edit: StaircaseEdit) -> None:
    """Make ``edit`` again, exactly as it was made."""
    _put(store, edit.after, expected=edit.before, goals=(), word="gentages")


def _check(store: Store, target: StaircaseRows, expected: StaircaseRows, word: str) -> set[int]:
    """Raise if the staircase may not become ``target`` now; the steps it would retire."""
    current = read_rows(store)
    if current != expected:
        raise EditConflict(
            f"Trappen er ændret siden, måske af en anden. Ændringen kan ikke {word}; "
            "luk og åbn indstillingerne for at se trappen, som den er nu.",
            "trappen",
        )
    for step_id in sorted(current.step_ids() - target.step_ids()):
        if staircase.step_in_use(store, step_id):
            raise ValidationError(
                "delete",
                f"Trinnet «{current.title(step_id)}» er taget i brug siden. Ændringen kan ikke "
                f"{word}, for så skulle trinnet fjernes; det kan udgå i stedet.",
            )
    for group_id in sorted(current.group_ids() - target.group_ids()):
        if _group_in_use(store, group_id):
            raise ValidationError(
                "name",
                f"Målgruppen «{current.group_name(group_id)}» er taget i brug siden. Ændringen "
                f"kan ikke {word}, for så skulle målgruppen fjernes; den kan udgå i stedet.",
            )
    retiring = (target.retired() & current.step_ids()) - current.retired()
    for step_id in sorted(retiring):
        on_it = store.scalar(
            "SELECT count(*) FROM citizens WHERE status = 'active' AND current_step_id = ?",
            (step_id,),
        )
        if on_it:
            raise ValidationError(
                "retired",
                f"{on_it} aktive borgere står nu på trinnet «{current.title(step_id)}». "
                f"Ændringen kan ikke {word}, for så skulle trinnet udgå; flyt dem først.",
            )
    return retiring


def _put(
    store: Store,
    target: StaircaseRows,
    *,
    expected: StaircaseRows,
    goals: tuple[tuple[int, int], ...],
    word: str,
) -> None:
    from trappe.model import backup

    if _check(store, target, expected, word):
        backup.before(store, staircase.BACKUP_REASON)
    with store.write():
        retiring = _check(store, target, expected, word)
        current = read_rows(store)
        for table in _TABLES[:_UPSERTED]:  # phases, groups, then steps: keeping their ids
            _upsert(store, table, target.table(table))
        for table in _TABLES[_UPSERTED:]:  # versions and history: a few rows, written back whole
            store.execute(f"DELETE FROM {table}")
            _upsert(store, table, target.table(table))
        for table, gone in (
            ("steps", current.step_ids() - target.step_ids()),
            ("phases", {r[0] for r in current.phases} - {r[0] for r in target.phases}),
            ("target_groups", current.group_ids() - target.group_ids()),
        ):
            for row_id in sorted(gone):
                store.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        for step_id in sorted(retiring):
            store.execute(
                "UPDATE citizens SET goal_step_id = NULL"
                " WHERE goal_step_id = ? AND status = 'active'",
                (step_id,),
            )
        for citizen_id, step_id in goals:
            store.execute(
                "UPDATE citizens SET goal_step_id = ?"
                " WHERE id = ? AND status = 'active' AND goal_step_id IS NULL",
                (step_id, citizen_id),
            )
        changed = sorted(
            {r[0] for r in set(current.steps) ^ set(target.steps)}
            | {r[1] for r in set(current.versions) ^ set(target.versions)}
        )
        how = "undo" if word == "fortrydes" else "redo"
        groups = sorted({r[0] for r in set(current.groups) ^ set(target.groups)})
        store.audit(
            "update", "staircase", None, {how: True, "steps": changed, "target_groups": groups}
        )


def _upsert(store: Store, table: str, rows: Rows) -> None:
    if not rows:
        return
    columns = [r[1] for r in store.query(f"PRAGMA table_info({table})")]
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    for row in rows:
        store.execute(
            f"INSERT INTO {table} ({names}) VALUES ({marks})"
            f" ON CONFLICT(id) DO UPDATE SET {updates}",
            row,
        )
