"""What the user does in and around a meeting: record or edit one, delete one, move a
placement on the staircase, tick an agreement off. Each is an undo command.

*Registrér møde* and a move on the staircase start meeting mode (``meeting_mode_controller``),
which pushes one ``MeetingSessionCommand`` with ``push_or_raise`` for the whole meeting.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from trappe.model.entities import Agreement, Assessor, Meeting, MeetingInput
from trappe.model.errors import EditConflict, TrappeError
from trappe.model.validation import format_date
from trappe.ui import conflicts
from trappe.ui.window_part import WindowPart, guarded, run_dialog


class MeetingOps(WindowPart):
    # -- meetings -------------------------------------------------------------------------------
    def record_meeting(self) -> None:
        """*Registrér møde*: today's meeting on the staircase (meeting mode)."""
        self.window.meeting_mode.start()

    @guarded
    def edit_meeting(self, meeting: Meeting) -> None:
        w = self.window
        if w.store is None:
            return
        from trappe.ui.meeting_dialog import MeetingDialog

        store = w.store
        base = {"meeting": meeting}  # the version the user's edit is based on

        def save(data: MeetingInput) -> None:
            from trappe.ui import commands

            try:
                self.push_or_raise(
                    commands.EditMeetingCommand(
                        store, base["meeting"], data, w.changed, self.show_error
                    )
                )
            except EditConflict as exc:
                if conflicts.choose(w, exc) == conflicts.RELOAD:
                    QTimer.singleShot(0, dialog.reject)
                    w.reload_record()
                    raise TrappeError(self.tr("Din ændring er ikke gemt.")) from exc
                # Keep my text: the next Gem saves it over the version stored now.
                base["meeting"] = replace(meeting, version=exc.current_version or 0)
                raise TrappeError(
                    self.tr("Din tekst er bevaret. Tryk Gem igen for at gemme din udgave.")
                ) from exc

        dialog = MeetingDialog(store, meeting.citizen_id, w, meeting=meeting, save=save)
        run_dialog(dialog)

    def delete_meeting(self, meeting: Meeting) -> None:
        w = self.window
        if w.store is None:
            return
        answer = QMessageBox.question(
            w,
            self.tr("Slet møde"),
            self.tr(
                "Slet mødet den %1 med placeringer, aktiviteter og aftaler?\n"
                "Du kan fortryde med Fortryd."
            ).replace("%1", format_date(meeting.held_on)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            from trappe.ui import commands

            self.push(commands.DeleteMeetingCommand(w.store, meeting, w.changed, self.show_error))

    # -- on the staircase and the agreement list --------------------------------------------------
    def move_placement(self, step_id: int, assessor: Assessor) -> None:
        """A marker moved on the staircase belongs to today's meeting: meeting mode starts
        with it moved (never a stray placement beside the meeting)."""
        self.window.meeting_mode.move_requested(step_id, assessor)

    def set_agreement_done(self, agreement: Agreement, done: bool) -> None:
        w = self.window
        if w.store is None or w.record is None:
            return
        from trappe.ui import commands

        self.push(
            commands.AgreementDoneCommand(
                w.store,
                w.record.citizen.id,
                agreement,
                done,
                w.today(),
                w.changed,
                self.show_error,
            )
        )
