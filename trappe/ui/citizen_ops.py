"""What the user does to a citizen: create, edit, close, reopen, erase, copy a journal note.

Each handler opens its dialog (if any), calls the model (through an undo command where the
change can be undone) and tells the window what to refresh.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QGuiApplication

from trappe.model import citizens
from trappe.model.entities import CloseReason
from trappe.model.validation import format_date
from trappe.ui.window_part import WindowPart, guarded, run_dialog


class CitizenOps(WindowPart):
    @guarded
    def new_citizen(self) -> None:
        w = self.window
        if w.store is None:
            return
        from trappe.ui.citizen_dialog import CitizenDialog

        dialog = CitizenDialog(w.store, w)
        if run_dialog(dialog) and dialog.citizen is not None:
            cid = dialog.citizen.id
            w.caseload.refresh(select_id=cid)
            if not w.caseload.select_citizen(cid):
                # Not in the current filter: show it anyway, and say so in the status bar.
                self.status(self.tr("Den nye borger er ikke med i den viste liste (filtrene)."))
            w.record = None
            w.show_citizen(cid)

    @guarded
    def edit_citizen(self) -> None:
        w = self.window
        if w.store is None or w.record is None:
            return
        from trappe.ui.citizen_dialog import CitizenDialog

        dialog = CitizenDialog(w.store, w, citizen_id=w.record.citizen.id)
        if run_dialog(dialog):
            w.caseload.refresh()
            w.reload_record()

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
        self.status(
            self.tr("Journalnotat for mødet %1 er kopieret; indsæt det i journalen.").replace(
                "%1", format_date(meeting.held_on)
            )
        )

    @guarded
    def close_citizen(self) -> None:
        w = self.window
        if w.store is None or w.record is None:
            return
        from trappe.ui.citizen_dialog import CloseCitizenDialog

        c = w.record.citizen
        store = w.store

        def save(reason: CloseReason, closed_on: date, note: str) -> None:
            citizens.close_citizen(store, c.id, reason, closed_on, note)

        if run_dialog(CloseCitizenDialog(c.name, w, save=save)):
            w.caseload.refresh()
            w.reload_record()
            self.status(self.tr("Forløbet er afsluttet."))

    @guarded
    def reopen_citizen(self) -> None:
        w = self.window
        if w.store is None or w.record is None:
            return
        citizens.reopen_citizen(w.store, w.record.citizen.id)
        w.caseload.refresh()
        w.reload_record()
        self.status(self.tr("Forløbet er genåbnet."))

    @guarded
    def erase_citizen(self) -> None:
        w = self.window
        if w.store is None or w.record is None:
            return
        from trappe.ui.citizen_dialog import confirm_erase

        c = w.record.citizen
        if not confirm_erase(w, c.name):
            return
        citizens.erase_citizen(w.store, c.id)
        # Commands may refer to the erased citizen's meetings and placements.
        w.undo_stack.clear()
        w.caseload.clear_selection()
        w.caseload.refresh()
        w.show_record(None)
        self.status(self.tr("Borgeren er slettet."))
