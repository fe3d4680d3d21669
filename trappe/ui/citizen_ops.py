"""What the user does to a citizen: create, edit, close, reopen, erase, copy a journal note.

Each handler opens its dialog (if any), calls the model (through an undo command where the
change can be undone) and tells the window what to refresh.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from trappe.model.entities import Citizen, CitizenInput, CloseReason
from trappe.model.errors import TrappeError
from trappe.model.validation import format_date

if TYPE_CHECKING:
    from trappe.model.invitation import Invitation
from trappe.ui.window_part import WindowPart, guarded, run_dialog


class CitizenOps(WindowPart):
    @guarded
    def new_citizen(self) -> None:
        w = self.window
        if w.store is None:
            return
        from trappe.ui.citizen_dialog import CitizenDialog

        store = w.store

        def save(data: CitizenInput) -> Citizen:
            from trappe.model import ops

            return ops.create_citizen(store, data).value

        dialog = CitizenDialog(store, w, save=save)
        if run_dialog(dialog) and dialog.citizen is not None:
            cid = dialog.citizen.id
            w.caseload.refresh(select_id=cid)
            if w.caseload.select_citizen(cid):
                self.window.confirm(self.tr("%1 er oprettet.").replace("%1", dialog.citizen.name))
            else:
                # Not in the current filter: show it anyway, and say so.
                self.window.confirm(
                    self.tr("Den nye borger er ikke med i den viste liste (filtrene).")
                )
            w.record = None
            w.show_citizen(cid)

    @guarded
    def edit_citizen(self) -> None:
        w = self.window
        if w.store is None or w.record is None:
            return
        from trappe.ui.citizen_dialog import CitizenDialog

        store = w.store
        citizen = w.record.citizen

        def save(data: CitizenInput) -> Citizen:
            from trappe.ui import commands

            command = commands.EditCitizenCommand(store, citizen, data, w.changed, self.show_error)
            self.push_or_raise(command)
            assert command.saved is not None
            return command.saved

        run_dialog(CitizenDialog(store, w, citizen_id=citizen.id, save=save))

    @guarded
    def copy_journal_note(self) -> None:
        """The selected meeting (else the latest) as a short note, on the clipboard."""
        w = self.window
        if w.store is None or w.staircase is None or not (w.record and w.record.meetings):
            return
        from trappe.model.audit import log_event
        from trappe.model.export import journal_note

        meeting = w.history.selected_meeting() or w.record.meetings[-1]
        text = journal_note(w.record, w.staircase, meeting)
        QGuiApplication.clipboard().setText(text)
        log_event(
            w.store,
            "export",
            "citizen",
            w.record.citizen.id,
            {"format": "journal_note", "meeting_id": meeting.id},
        )
        self.window.confirm(
            self.tr("Journalnotat for mødet %1 er kopieret; indsæt det i journalen.").replace(
                "%1", format_date(meeting.held_on)
            )
        )

    @guarded
    def send_invitation(self) -> None:
        """Borger → Send mødeindkaldelse: an .ics file for the next meeting, opened at once."""
        w = self.window
        if w.store is None or w.record is None:
            return
        from trappe.model import invitation
        from trappe.ui.invitation_dialog import InvitationDialog

        store, c = w.store, w.record.citizen
        suggestion = invitation.suggested_invitation(store, c, w.today())

        def save(data: invitation.Invitation, open_after: bool) -> bool:
            ics = invitation.invitation_ics(c, data)  # the model checks it first
            path = self.choose_ics_file(c.name, data)
            if path is None:
                return False
            try:
                path.write_bytes(ics)
            except OSError as exc:
                raise TrappeError(
                    self.tr("Filen «%1» kan ikke gemmes: %2")
                    .replace("%1", path.name)
                    .replace("%2", exc.strerror or str(exc))
                ) from exc
            invitation.log_export(store, c.id, data)
            self.window.confirm(
                self.tr("Mødeindkaldelsen er gemt som %1.").replace("%1", path.name)
            )
            if open_after:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
            return True

        run_dialog(InvitationDialog(c.name, suggestion, w, save=save))

    def choose_ics_file(self, name: str, data: Invitation) -> Path | None:
        """Where to save the invitation: the Documents folder, named after the meeting."""
        day = data.on.isoformat() if data.on else ""
        safe = re.sub(r'[\\/:*?"<>|]+', " ", name).strip()
        from trappe.ui import file_dialogs

        proposal = file_dialogs.documents_folder() / f"Samtale {safe} {day}.ics"
        chosen = file_dialogs.ask_save(
            self.window,
            self.tr("Gem mødeindkaldelse"),
            proposal,
            [self.tr("Kalenderfil (*.ics)")],
            "ics",
        )
        if chosen is None:
            return None
        return chosen if chosen.suffix.lower() == ".ics" else chosen.with_suffix(".ics")

    @guarded
    def close_citizen(self) -> None:
        w = self.window
        if w.store is None or w.record is None:
            return
        from trappe.ui.citizen_dialog import CloseCitizenDialog

        c = w.record.citizen
        store = w.store

        def save(reason: CloseReason, closed_on: date | None, note: str) -> None:
            from trappe.ui import commands

            self.push_or_raise(
                commands.CloseCitizenCommand(
                    store, c.id, reason, closed_on, note, w.changed, self.show_error
                )
            )

        run_dialog(CloseCitizenDialog(c.name, w, save=save))

    @guarded
    def reopen_citizen(self) -> None:
        w = self.window
        if w.store is None or w.record is None:
            return
        from trappe.ui import commands

        self.push(
            commands.ReopenCitizenCommand(w.store, w.record.citizen, w.changed, self.show_error)
        )

    @guarded
    def erase_citizen(self) -> None:
        """Erase after the user typed the name; cannot be undone, the rest of undo stays."""
        w = self.window
        if w.store is None or w.record is None:
            return
        from trappe.ui.citizen_dialog import confirm_erase

        c = w.record.citizen
        if not confirm_erase(w, c.name):
            return
        from trappe.model import ops
        from trappe.ui import commands

        result = ops.erase_citizen(w.store, c.id)
        commands.forget_citizen(w.undo_stack, c.id)
        w.caseload.clear_selection()
        w.changed(result.changes)
        self.window.confirm(
            self.tr("%1 er slettet med alt om borgeren. Det kan ikke fortrydes.").replace(
                "%1", c.name
            )
        )
