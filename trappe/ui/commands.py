"""Undoable edits as QUndoCommands that call the model (docs/architecture.md, "The layers").

Each command holds what it needs to do and undo the edit, and calls model operations
(``trappe.model.ops``) in ``redo()``/``undo()``. Use ``push(stack, command)``: it performs the
edit once *before* pushing, so a ``TrappeError`` (validation, locked database) reaches the
caller and nothing is put on the stack. A failure while undoing or redoing later (e.g. the
database became read-only) is handed to ``on_error`` and the command marks itself obsolete.

``on_change(changes)`` is called after every do/undo with the model's ``Changes``, so the
views redraw only what changed.

Erasing a citizen cannot be undone (data protection); ``forget_citizen`` then drops that
citizen's commands from the stack and keeps everyone else's.

The staircase editor's changes are ``StaircaseCommand``s on the same stack as the citizens'
(the window's), so one Fortryd undoes what was done last, in order: a meeting recorded on a
step added a moment ago is undone before the step. They concern no one citizen
(``citizen_id`` is ``None``) and report ``Part.STAIRCASE``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

from trappe.model import citizens, meetings, ops, staircase_edits
from trappe.model.changes import EVERY_PART, Changes, Part
from trappe.model.entities import (
    Agreement,
    Citizen,
    CitizenInput,
    CloseReason,
    Meeting,
    MeetingInput,
)
from trappe.model.errors import TrappeError
from trappe.model.store import Store
from trappe.model.validation import format_date

log = logging.getLogger("trappe.ui.commands")

ChangeCallback = Callable[[Changes], None]
ErrorCallback = Callable[[str], None]


def _ignore(_: object) -> None:
    return None


class ModelCommand(QUndoCommand):
    """Base: performs ``_do``/``_undo``; the first redo (on push) is skipped if already done.

    ``_do`` and ``_undo`` return the model's ``Changes`` (``None`` means: assume everything
    about the citizen changed).
    """

    def __init__(
        self,
        store: Store,
        citizen_id: int | None,
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

    def _do(self) -> Changes | None:
        raise NotImplementedError

    def _undo(self) -> Changes | None:
        raise NotImplementedError

    def _changes(self, changes: Changes | None) -> Changes:
        return changes if changes is not None else Changes(self.citizen_id, EVERY_PART)

    def perform(self) -> None:
        """Do the edit now; raises ``TrappeError`` if the model refuses."""
        changes = self._do()
        self._done = True
        self.on_change(self._changes(changes))

    def redo(self) -> None:
        if self._done:
            return  # already performed by push()
        self._run(self._do, done_after=True)

    def undo(self) -> None:
        self._run(self._undo, done_after=False)

    def _run(self, fn: Callable[[], Changes | None], *, done_after: bool) -> None:
        changes: Changes | None = None
        try:
            changes = fn()
        except TrappeError as exc:
            log.warning("undo/redo failed: %s", exc.message)
            self.setObsolete(True)
            self.on_error(exc.message)
        else:
            self._done = done_after
        self.on_change(self._changes(changes))

    def confirmation(self) -> str:
        """What the window says (and announces) once the edit is saved."""
        return self.text()

    def copy(self) -> ModelCommand:
        """The same command, done, as a new object (for rebuilding a stack)."""
        twin = type(self).__new__(type(self))
        QUndoCommand.__init__(twin, self.text())
        twin.__dict__.update(self.__dict__)
        return twin


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


def forget_citizen(stack: QUndoStack, citizen_id: int) -> bool:
    """After erasing a citizen: keep the done commands of everyone else, drop the rest.

    The erased citizen's commands could only fail now, and what was undone (the redo side)
    is dropped as after any new edit. Returns False if the stack held a command that cannot
    be copied (not a ``ModelCommand``); the stack is then cleared.
    """
    done = [stack.command(i) for i in range(stack.index())]
    if not all(isinstance(c, ModelCommand) for c in done):
        stack.clear()
        return False
    keep = [c.copy() for c in done if c.citizen_id != citizen_id]  # type: ignore[union-attr]
    stack.clear()
    for command in keep:
        stack.push(command)  # done already: redo() does nothing
    return True


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

    def confirmation(self) -> str:
        return QCoreApplication.translate("Commands", "Mødet den %1 er gemt.").replace(
            "%1", format_date(self.data.held_on)
        )

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

    def confirmation(self) -> str:
        return QCoreApplication.translate("Commands", "Mødet den %1 er rettet.").replace(
            "%1", format_date(self.new.held_on)
        )

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

    def confirmation(self) -> str:
        return QCoreApplication.translate(
            "Commands", "Mødet den %1 er slettet. Du kan fortryde det."
        ).replace("%1", format_date(self.meeting.held_on))

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

    def confirmation(self) -> str:
        return (
            QCoreApplication.translate("Commands", "Aftalen er markeret som udført.")
            if self.new is not None
            else QCoreApplication.translate("Commands", "Aftalen er markeret som ikke udført.")
        )

    def _do(self) -> Changes:
        return ops.set_agreement_done(
            self.store, self.citizen_id, self.agreement_id, self.new
        ).changes

    def _undo(self) -> Changes:
        return ops.set_agreement_done(
            self.store, self.citizen_id, self.agreement_id, self.old
        ).changes


# -- the citizen ------------------------------------------------------------------------------
class EditCitizenCommand(ModelCommand):
    """Change a citizen's details; undo puts the old ones back.

    A colleague typed as a new name is added to the staff list by the first save and stays
    there after an undo (others may have been given them since); redo reuses them.
    """

    def __init__(
        self,
        store: Store,
        citizen: Citizen,
        data: CitizenInput,
        on_change: ChangeCallback = _ignore,
        on_error: ErrorCallback = _ignore,
    ) -> None:
        super().__init__(
            store,
            citizen.id,
            QCoreApplication.translate("Commands", "Ret borger"),
            on_change,
            on_error,
        )
        self.old = citizens.citizen_input(citizen)
        self.new = data
        self.saved: Citizen | None = None

    def confirmation(self) -> str:
        return QCoreApplication.translate("Commands", "Ændringerne af borgeren er gemt.")

    def _do(self) -> Changes:
        result = ops.update_citizen(self.store, self.citizen_id, self.new)
        self.saved = result.value
        # Redo the very same save: the new colleague (if any) now has an id.
        self.new = replace(
            self.new,
            caseworker_id=result.value.caseworker_id,
            consultant_id=result.value.consultant_id,
            caseworker_name="",
            consultant_name="",
        )
        return result.changes

    def _undo(self) -> Changes:
        return ops.update_citizen(self.store, self.citizen_id, self.old).changes


class CloseCitizenCommand(ModelCommand):
    """Close a citizen's course; undo reopens it."""

    def __init__(
        self,
        store: Store,
        citizen_id: int,
        reason: CloseReason,
        closed_on: date | None,
        note: str = "",
        on_change: ChangeCallback = _ignore,
        on_error: ErrorCallback = _ignore,
    ) -> None:
        super().__init__(
            store,
            citizen_id,
            QCoreApplication.translate("Commands", "Afslut forløb"),
            on_change,
            on_error,
        )
        self.reason = reason
        self.closed_on = closed_on
        self.note = note

    def confirmation(self) -> str:
        return QCoreApplication.translate("Commands", "Forløbet er afsluttet.")

    def _do(self) -> Changes:
        return ops.close_citizen(
            self.store, self.citizen_id, self.reason, self.closed_on, self.note
        ).changes

    def _undo(self) -> Changes:
        # Reopening on the closing day takes the closing back (the same course period).
        return ops.reopen_citizen(self.store, self.citizen_id, self.closed_on).changes


class ReopenCitizenCommand(ModelCommand):
    """Reopen a closed course; undo closes it again with the same reason, date and note."""

    def __init__(
        self,
        store: Store,
        citizen: Citizen,
        on_change: ChangeCallback = _ignore,
        on_error: ErrorCallback = _ignore,
    ) -> None:
        super().__init__(
            store,
            citizen.id,
            QCoreApplication.translate("Commands", "Genåbn forløb"),
            on_change,
            on_error,
        )
        self.reason = citizen.closed_reason or CloseReason.OTHER
        self.closed_on = citizen.closed_on
        self.note = citizen.closed_note
        self.period_id: int | None = None  # the course period the reopening started

    def confirmation(self) -> str:
        return QCoreApplication.translate("Commands", "Forløbet er genåbnet.")

    def _do(self) -> Changes:
        result = ops.reopen_citizen(self.store, self.citizen_id)
        self.period_id = result.value[1]
        return result.changes

    def _undo(self) -> Changes:
        return ops.undo_reopen(
            self.store, self.citizen_id, self.closed_on, self.reason, self.note, self.period_id
        ).changes


# -- the staircase ----------------------------------------------------------------------------
class StaircaseCommand(ModelCommand):
    """One change in the staircase editor. ``change`` makes it the first time (a function of
    ``trappe.model.staircase_edits``); undo and redo put the staircase's rows back exactly as
    they were before and after it (and refuse if someone else changed the staircase since)."""

    def __init__(
        self,
        store: Store,
        text: str,
        change: Callable[[], staircase_edits.StaircaseEdit],
        on_change: ChangeCallback = _ignore,
        on_error: ErrorCallback = _ignore,
    ) -> None:
        super().__init__(store, None, text, on_change, on_error)
        self.change = change
        self.edit: staircase_edits.StaircaseEdit | None = None

    def confirmation(self) -> str:
        return QCoreApplication.translate("Commands", "Trappen er ændret.")

    def _do(self) -> Changes:
        if self.edit is None:
            self.edit = self.change()
        else:
            staircase_edits.redo(self.store, self.edit)
        return Changes(None, Part.STAIRCASE)

    def _undo(self) -> Changes:
        assert self.edit is not None
        staircase_edits.undo(self.store, self.edit)
        return Changes(None, Part.STAIRCASE)
