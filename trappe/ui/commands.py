"""Undoable edits as QUndoCommands that call the model (docs/architecture.md, "The layers").

Each command holds what it needs to do and undo the edit, and calls model operations in
``redo()``/``undo()``. Use ``push(stack, command)``: it performs the edit once *before*
pushing, so a ``TrappeError`` (validation, locked database) reaches the caller and nothing is
put on the stack. A failure while undoing or redoing later (e.g. the database became
read-only) is handed to ``on_error`` and the command marks itself obsolete.

``on_change(citizen_id)`` is called after every do/undo so the views can refresh.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

from trappe.model import meetings
from trappe.model.entities import Agreement, Assessor, Meeting, MeetingInput
from trappe.model.errors import TrappeError
from trappe.model.store import Store

log = logging.getLogger("trappe.ui.commands")

ChangeCallback = Callable[[int], None]
ErrorCallback = Callable[[str], None]


def _ignore(_: object) -> None:
    return None


class ModelCommand(QUndoCommand):
    """Base: performs ``_do``/``_undo``; the first redo (on push) is skipped if already done."""

    def __init__(
        self,
        store: Store,
        citizen_id: int,
        text: str,
        on_change: ChangeCallback = _ignore,
        on_error: ErrorCallback = _ignore,
    ) -> None:
        super().__init__(text)
        self.store = store
        self.citizen_id = citizen_id
        self.on_change = on_change
        self.on_error = on_error
        self._done = False

    def _do(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError

    def perform(self) -> None:
        """Do the edit now; raises ``TrappeError`` if the model refuses."""
        self._do()
        self._done = True
        self.on_change(self.citizen_id)

    def redo(self) -> None:
        if self._done:
            return  # already performed by push()
        self._run(self._do, done_after=True)

    def undo(self) -> None:
        self._run(self._undo, done_after=False)

    def _run(self, fn: Callable[[], None], *, done_after: bool) -> None:
        try:
            fn()
        except TrappeError as exc:
            log.warning("undo/redo failed: %s", exc.message)
            self.setObsolete(True)
            self.on_error(exc.message)
        else:
            self._done = done_after
        self.on_change(self.citizen_id)


def _as_left(store: Store, meeting_id: int, left: Meeting | None, version: int) -> int:
    """The version an undo/redo may overwrite: the stored one if the meeting still is as this
    command left it (our own later, undone commands bump the counter but change nothing),
    else the stale ``version``, so that the model refuses with ``EditConflict``."""
    if left is None:
        return version
    current = meetings.get_meeting(store, meeting_id)
    return current.version if meetings.same_content(current, left) else version


def push(stack: QUndoStack, command: ModelCommand) -> None:
    """Perform ``command`` and put it on ``stack``; a ``TrappeError`` leaves the stack as it was."""
    command.perform()
    stack.push(command)


class MovePlacementCommand(ModelCommand):
    """Move the professionals' (or the citizen's own) placement outside a meeting."""

    def __init__(
        self,
        store: Store,
        citizen_id: int,
        step_id: int,
        assessor: Assessor,
        placed_on: date | None = None,
        on_change: ChangeCallback = _ignore,
        on_error: ErrorCallback = _ignore,
    ) -> None:
        text = (
            QCoreApplication.translate("Commands", "Flyt fagpersonernes placering")
            if assessor is Assessor.PROFESSIONAL
            else QCoreApplication.translate("Commands", "Flyt borgerens egen placering")
        )
        super().__init__(store, citizen_id, text, on_change, on_error)
        self.step_id = step_id
        self.assessor = assessor
        self.placed_on = placed_on or date.today()
        self.placement_id: int | None = None

    def _do(self) -> None:
        p = meetings.add_placement(
            self.store, self.citizen_id, self.step_id, self.assessor, self.placed_on
        )
        self.placement_id = p.id

    def _undo(self) -> None:
        if self.placement_id is not None:
            meetings.delete_placement(self.store, self.placement_id)
            self.placement_id = None


class RecordMeetingCommand(ModelCommand):
    def __init__(
        self,
        store: Store,
        citizen_id: int,
        data: MeetingInput,
        on_change: ChangeCallback = _ignore,
        on_error: ErrorCallback = _ignore,
    ) -> None:
        super().__init__(
            store,
            citizen_id,
            QCoreApplication.translate("Commands", "Registrér møde"),
            on_change,
            on_error,
        )
        self.data = data
        self.meeting_id: int | None = None
        self.undone: Meeting | None = None  # as it was when undone; redo restores it, same ids

    def _do(self) -> None:
        if self.undone is not None:
            self.meeting_id = meetings.restore_meeting(self.store, self.undone).id
        else:
            self.meeting_id = meetings.record_meeting(self.store, self.citizen_id, self.data).id

    def _undo(self) -> None:
        if self.meeting_id is not None:
            # Keep what happened to the agreements since (done marks) for a later redo.
            self.undone = meetings.get_meeting(self.store, self.meeting_id)
            meetings.delete_meeting(self.store, self.meeting_id)
            self.meeting_id = None


class EditMeetingCommand(ModelCommand):
    """Replace what was recorded at a meeting; undo restores the old version."""

    def __init__(
        self,
        store: Store,
        meeting: Meeting,
        data: MeetingInput,
        on_change: ChangeCallback = _ignore,
        on_error: ErrorCallback = _ignore,
    ) -> None:
        super().__init__(
            store,
            meeting.citizen_id,
            QCoreApplication.translate("Commands", "Ret møde"),
            on_change,
            on_error,
        )
        self.meeting_id = meeting.id
        self.old = meetings.meeting_input(meeting)
        self.new = data
        self.version = meeting.version  # an edit by someone else since is a conflict, not lost
        self.left: Meeting | None = None  # the meeting as this command last wrote it

    def _write(self, data: MeetingInput) -> None:
        expected = _as_left(self.store, self.meeting_id, self.left, self.version)
        self.left = meetings.update_meeting(
            self.store, self.meeting_id, data, expected_version=expected
        )
        self.version = self.left.version

    def _do(self) -> None:
        self._write(self.new)

    def _undo(self) -> None:
        self._write(self.old)


class DeleteMeetingCommand(ModelCommand):
    """Delete a meeting; undo restores it under its own id with everything it held."""

    def __init__(
        self,
        store: Store,
        meeting: Meeting,
        on_change: ChangeCallback = _ignore,
        on_error: ErrorCallback = _ignore,
    ) -> None:
        super().__init__(
            store,
            meeting.citizen_id,
            QCoreApplication.translate("Commands", "Slet møde"),
            on_change,
            on_error,
        )
        self.meeting = meeting  # the version the user saw; a change since is a conflict
        self.restored = False

    def _do(self) -> None:
        left = self.meeting if self.restored else None
        expected = _as_left(self.store, self.meeting.id, left, self.meeting.version)
        self.meeting = meetings.get_meeting(self.store, self.meeting.id)
        meetings.delete_meeting(self.store, self.meeting.id, expected_version=expected)

    def _undo(self) -> None:
        self.meeting = meetings.restore_meeting(self.store, self.meeting)
        self.restored = True


class AgreementDoneCommand(ModelCommand):
    """Mark an agreement done (today, or a given date) or not done."""

    def __init__(
        self,
        store: Store,
        citizen_id: int,
        agreement: Agreement,
        done: bool,
        on: date | None = None,
        on_change: ChangeCallback = _ignore,
        on_error: ErrorCallback = _ignore,
    ) -> None:
        text = (
            QCoreApplication.translate("Commands", "Markér aftale som udført")
            if done
            else QCoreApplication.translate("Commands", "Markér aftale som ikke udført")
        )
        super().__init__(store, citizen_id, text, on_change, on_error)
        assert agreement.id is not None
        self.agreement_id = agreement.id
        self.old = agreement.done_on
        self.new = (on or date.today()) if done else None

    def _do(self) -> None:
        meetings.set_agreement_done(self.store, self.agreement_id, self.new)

    def _undo(self) -> None:
        meetings.set_agreement_done(self.store, self.agreement_id, self.old)


class EditAgreementCommand(ModelCommand):
    def __init__(
        self,
        store: Store,
        citizen_id: int,
        agreement: Agreement,
        data: Agreement,
        on_change: ChangeCallback = _ignore,
        on_error: ErrorCallback = _ignore,
    ) -> None:
        super().__init__(
            store,
            citizen_id,
            QCoreApplication.translate("Commands", "Ret aftale"),
            on_change,
            on_error,
        )
        assert agreement.id is not None
        self.agreement_id = agreement.id
        self.old = replace(agreement)
        self.new = data

    def _do(self) -> None:
        meetings.update_agreement(self.store, self.agreement_id, self.new)

    def _undo(self) -> None:
        meetings.update_agreement(self.store, self.agreement_id, self.old)
