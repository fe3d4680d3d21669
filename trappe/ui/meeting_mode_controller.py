"""Meeting mode from the window's side: switching to the meeting's canvas and back, and the
one undo command that saves (and undoes) the whole meeting.

*Registrér møde* and a click on the staircase (in the window or in dialogue mode) both
start meeting mode on today's meeting: a new one, or the one already held today recorded
again, so a placement never becomes a stray one beside the meeting. The view replaces the
window's page (the caseload is hidden, so the citizen sees no one else); in dialogue mode it
stays full screen in large type. Leaving returns to the page the user came from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from trappe.model.entities import Assessor, Status
from trappe.model.geometry import MarkerKind
from trappe.model.meeting_session import (
    MeetingSession,
    SavedSession,
    revert_session,
    save_session,
    todays_meeting,
)
from trappe.model.store import Store
from trappe.ui import commands
from trappe.ui.window_part import WindowPart

if TYPE_CHECKING:
    from trappe.ui.main_window import MainWindow
    from trappe.ui.meeting_mode import MeetingModeView


class MeetingSessionCommand(commands.ModelCommand):
    """A meeting held on the staircase: one undo step for the meeting, the agreements ticked
    off in it and the goal moved in it."""

    def __init__(
        self,
        store: Store,
        citizen_id: int,
        session: MeetingSession,
        on_change: commands.ChangeCallback = commands._ignore,
        on_error: commands.ErrorCallback = commands._ignore,
    ) -> None:
        text = (
            QCoreApplication.translate("Commands", "Registrér møde")
            if session.meeting_id is None
            else QCoreApplication.translate("Commands", "Ret dagens møde")
        )
        super().__init__(store, citizen_id, text, on_change, on_error)
        self.session = session
        self.saved: SavedSession | None = None

    def _do(self) -> None:
        self.saved = save_session(self.store, self.citizen_id, self.session)

    def _undo(self) -> None:
        if self.saved is not None:
            self.session = revert_session(self.store, self.saved)
            self.saved = None


KIND_OF = {Assessor.PROFESSIONAL: MarkerKind.PROFESSIONAL, Assessor.CITIZEN: MarkerKind.CITIZEN}


class MeetingModeController(WindowPart):
    """Starts and ends meeting mode in the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.active = False
        self._view: MeetingModeView | None = None
        self._back: QWidget | None = None

    @property
    def view(self) -> MeetingModeView:
        """The view, made (and put among the window's pages) the first time it is needed."""
        if self._view is None:
            from trappe.ui.meeting_mode import MeetingModeView  # off the start path

            w = self.window
            self._view = MeetingModeView(w, today=w.today)
            self._view.finished.connect(self._finished)
            w.pages.addWidget(self._view)
        return self._view

    def start(self, first_move: tuple[MarkerKind, int] | None = None) -> None:
        """Today's meeting for the shown citizen, on the staircase."""
        w = self.window
        if w.store is None or w.record is None or w.staircase is None:
            return
        if w.record.citizen.status is Status.CLOSED:
            self.show_error(
                self.tr("Forløbet er afsluttet. Genåbn borgeren for at registrere et møde.")
            )
            return
        view = self.view
        if self.active:  # already in a meeting: a click only moves the marker
            if first_move is not None:
                view.staircase.set_active_kind(first_move[0])
                view.staircase.move_draft(*first_move)
            return
        store, cid = w.store, w.record.citizen.id

        def save(session: MeetingSession) -> None:
            w.meeting_ops.push_or_raise(
                MeetingSessionCommand(store, cid, session, w.changed, self.show_error)
            )

        self._back = w.pages.currentWidget()
        view.start(
            store,
            w.staircase,
            w.record,
            meeting=todays_meeting(w.record, w.today()),
            first_move=first_move,
            save=save,
            large=w.dialogue.active,
        )
        self.active = True
        w.pages.setCurrentWidget(view)
        w.update_actions()
        view.staircase.setFocus()

    def move_requested(self, step_id: int, assessor: Assessor) -> None:
        """A placement moved on the staircase outside a meeting: it starts today's meeting."""
        self.start((KIND_OF[Assessor(assessor)], step_id))

    def dialogue_toggled(self, on: bool) -> None:
        """Dialogue mode switched on or off during a meeting: stay in the meeting."""
        if not self.active:
            return
        w = self.window
        self._back = w.dialogue_view if w.dialogue.active else w.splitter
        self.view.set_large_text(w.dialogue.active)
        w.pages.setCurrentWidget(self.view)
        self.view.staircase.setFocus()
        w.update_actions()

    def _finished(self, saved: bool) -> None:
        w = self.window
        self.active = False
        back = self._back if self._back is not None else w.splitter
        if w.dialogue.active:
            back = w.dialogue_view
        elif back is w.dialogue_view:
            back = w.splitter
        w.pages.setCurrentWidget(back)
        w.update_actions()
        if back is w.dialogue_view:
            w.dialogue_view.staircase.setFocus()
        else:
            w.staircase_view.setFocus()
        if saved:
            self.status(self.tr("Mødet er gemt."))

    def cancel(self) -> None:
        """Leave without saving and without asking (the window is closing)."""
        if self.active:
            self.view._end(False)

    def may_close(self) -> bool:
        """The window is closing: a meeting with something registered asks first."""
        if not self.active:
            return True
        if self.view.is_dirty():
            answer = QMessageBox.question(
                self.window,
                self.tr("Mødet er ikke gemt"),
                self.tr("Mødet er ikke gemt. Vil du lukke Trappe og kassere det?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer not in (QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Yes):
                return False
        self.cancel()
        return True
