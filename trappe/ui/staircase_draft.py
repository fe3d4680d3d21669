"""Meeting mode on the staircase widget: the markers of the meeting being recorded.

A mixin of ``StaircaseWidget`` (which declares the signals ``draft_changed`` and
``active_kind_changed``): while a draft is set, the markers show it, and clicks, drags and
keys change it instead of asking for a move.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from trappe.model.geometry import MarkerKind
from trappe.model.picture import StaircaseState

MOVABLE = (MarkerKind.PROFESSIONAL, MarkerKind.CITIZEN, MarkerKind.GOAL)


class MeetingDraft:
    """The meeting's markers (``start_draft``/``move_draft``) and the one keys move."""

    _draft: StaircaseState | None
    _active: MarkerKind
    _picture: Any
    _staircase: Any
    _focus_index: int
    _drag: Any
    draft_changed: Any
    active_kind_changed: Any

    # (``update`` and ``_update_accessible_text`` come from the widget.)
    def start_draft(self, state: StaircaseState, active: MarkerKind | None = None) -> None:
        """Meeting mode: the markers show ``state`` and clicks, drags and keys change it."""
        self._draft = state
        self._picture = None
        if active is not None:
            self._active = active
        self._focus_on(self._active)
        self._update_accessible_text()
        self.update()

    def end_draft(self) -> None:
        self._draft = None
        self._picture = None
        self._drag = None
        self._update_accessible_text()
        self.update()

    def in_meeting_mode(self) -> bool:
        return self._draft is not None

    def draft(self) -> StaircaseState | None:
        return self._draft

    @property
    def active_kind(self) -> MarkerKind:
        return self._active

    def set_active_kind(self, kind: MarkerKind) -> None:
        if kind not in MOVABLE:
            return
        changed = kind is not self._active
        self._active = kind
        self._focus_on(kind)
        self._update_accessible_text()
        self.update()
        if changed:
            self.active_kind_changed.emit(kind)

    def _draft_step(self, kind: MarkerKind) -> int | None:
        d = self._draft
        if d is None:
            return None
        return {
            MarkerKind.PROFESSIONAL: d.current_step_id,
            MarkerKind.CITIZEN: d.own_step_id,
            MarkerKind.GOAL: d.goal_step_id,
        }[kind]

    def _focus_on(self, kind: MarkerKind) -> None:
        step = self._draft_step(kind)
        if step is not None and self._staircase is not None:
            idx = self._staircase.index_of(step)
            if idx is not None:
                self._focus_index = idx

    def move_draft(self, kind: MarkerKind, step_id: int | None) -> None:
        """Put a marker of the meeting on a step (None: the citizen has not placed themself)."""
        if self._draft is None or kind not in MOVABLE:
            return
        if step_id is None and kind is MarkerKind.PROFESSIONAL:
            return  # the professionals' placement is what a meeting records
        field = {
            MarkerKind.PROFESSIONAL: "current_step_id",
            MarkerKind.CITIZEN: "own_step_id",
            MarkerKind.GOAL: "goal_step_id",
        }[kind]
        if getattr(self._draft, field) == step_id:
            return
        self._draft = replace(self._draft, **{field: step_id})
        self._picture = None
        self._focus_on(kind)
        self._update_accessible_text()
        self.update()
        self.draft_changed.emit()
