"""The main window: caseload on the left, the citizen's staircase and history on the right.

The window builds the panes (the menus and the toolbar come from the action registry in
``actions.py``) and holds what they share: the open ``Store``, the staircase, the shown
citizen's record and the undo stack. The work is done by its parts, split by job:

- ``DatabaseController`` (``database_controller.py``): opening and switching databases;
- ``CitizenOps`` (``citizen_ops.py``): create, edit, close, reopen, erase a citizen;
- ``MeetingOps`` (``meeting_ops.py``): meetings, placements, agreements (undo commands);
- ``SheetOps`` (``sheet_ops.py``): printing;
- ``DialogueController`` (``dialogue_controller.py``): dialogue mode;
- ``WindowLayout`` (``window_layout.py``): the splitters, the staircase's room, the saved
  layout;
- ``WindowActions`` (``window_actions.py``): each action's handler, the menus and toolbar,
  and what is enabled when.

A new action is declared in ``actions.py`` and connected in ``WindowActions._connect``.
Known failures (``TrappeError``) become a Danish message and the window stays alive.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QCloseEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QWidget,
)

from trappe.model import kept
from trappe.model.errors import TrappeError
from trappe.ui.accessibility import announce, name_fields
from trappe.ui.actions import ActionId, create_actions, set_icons
from trappe.ui.after_paint import after_first_paint, after_next_frame
from trappe.ui.caseload_pane import CaseloadPane
from trappe.ui.citizen_header import CitizenHeader
from trappe.ui.database_controller import DatabaseController
from trappe.ui.dialogue_controller import DialogueController
from trappe.ui.preferences import Preferences
from trappe.ui.window_actions import WindowActions
from trappe.ui.window_layout import MIN_STAIRCASE_HEIGHT as MIN_STAIRCASE_HEIGHT
from trappe.ui.window_layout import WindowLayout
from trappe.ui.window_part import guarded

if TYPE_CHECKING:
    from trappe.model.changes import Changes, Part
    from trappe.model.cipher_key import CipherKey
    from trappe.model.entities import CitizenRecord, Staircase
    from trappe.model.store import Store
    from trappe.ui.backup_ui import BackupController
    from trappe.ui.citizen_ops import CitizenOps
    from trappe.ui.dialogue_mode import DialogueView
    from trappe.ui.history_pane import HistoryPane
    from trappe.ui.meeting_mode_controller import MeetingModeController
    from trappe.ui.meeting_ops import MeetingOps
    from trappe.ui.passphrase import EncryptionController
    from trappe.ui.sheet_ops import SheetOps
    from trappe.ui.staircase_widget import StaircaseWidget

log = logging.getLogger("trappe.ui.window")
_CITIZENS: list = []


def _citizens() -> Any:
    """``trappe.model.citizens``, imported when a citizen is first opened (not at start), and
    then kept (an import statement run again costs microseconds: PySide hooks every import)."""
    if not _CITIZENS:
        from trappe.model import citizens

        _CITIZENS.append(citizens)
    return _CITIZENS[0]


class MainWindow(QMainWindow):
    """Trappe's main window. Construct, then ``open_database(path)``."""

    def __init__(
        self,
        prefs: Preferences,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.prefs = prefs
        self.store: Store | None = None
        self.staircase: Staircase | None = None
        self.record: CitizenRecord | None = None
        self.today = today
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undo_stack")

        # -- the window's parts, by job
        self.recent_menu = QMenu(self.tr("Seneste databaser"), self)
        self.recent_menu.setObjectName("recent_menu")
        # Made when first needed (off the start path): backups, encryption, meeting mode, the
        # dialogue view, the operations on citizens, meetings and sheets, and the citizen's
        # staircase and history panes (see the properties below).
        self._backups: BackupController | None = None
        self._encryption: EncryptionController | None = None
        self._meeting_mode: MeetingModeController | None = None
        self._dialogue_view: DialogueView | None = None
        self._citizen_ops: CitizenOps | None = None
        self._meeting_ops: MeetingOps | None = None
        self._sheet_ops: SheetOps | None = None
        self._staircase_view: StaircaseWidget | None = None
        self._history: HistoryPane | None = None
        self._painted = False
        self.database = DatabaseController(self, self.recent_menu)
        self.dialogue = DialogueController(self)

        # -- panes: the caseload and the header now; the staircase and the history once the
        # window has painted, or when first asked for (``build_citizen_panes``)
        self.caseload = CaseloadPane(None, prefs, self, today=today)
        self.caseload.citizen_selected.connect(self.show_citizen)
        self.caseload.error.connect(self.show_error)
        self.header = CitizenHeader(self)

        # -- where the panes sit: splitters, the staircase's room, the saved layout
        self.window_layout = WindowLayout(self)
        self.centre_splitter = self.window_layout.centre_splitter
        self.splitter = self.window_layout.splitter
        self.pages = self.window_layout.pages
        self.setCentralWidget(self.pages)

        # -- actions, menus, toolbar: all from the registry (see WindowActions)
        self.actions_by_id: dict[ActionId, QAction] = create_actions(self)
        self.window_actions = WindowActions(self)
        self.toolbar = self.window_actions.install()
        self.statusBar()
        self.database.update_recent_menu()
        self.window_layout.restore()
        self.database.update_title()
        self.update_actions()
        # (The caseload names its labelled fields itself; the later panes name their own.)

    # -- parts made when first needed -----------------------------------------------------------
    @property
    def dialogue_view(self) -> DialogueView:
        """Dialogue mode's page, made (and put among the pages) the first time it is needed."""
        if self._dialogue_view is None:
            from trappe.ui.dialogue_mode import DialogueView

            view = DialogueView(self, today=self.today)
            view.leave_requested.connect(lambda: self.set_dialogue_mode(False))
            view.staircase.move_requested.connect(self.meeting_ops.move_placement)
            self.pages.addWidget(view)
            name_fields(view)
            self._dialogue_view = view
        return self._dialogue_view

    @property
    def staircase_view(self) -> StaircaseWidget:
        """The citizen's staircase (built with the history the first time either is needed)."""
        if self._staircase_view is None:
            self.build_citizen_panes()
        assert self._staircase_view is not None
        return self._staircase_view

    @property
    def history(self) -> HistoryPane:
        """The citizen's history: chart, meetings, agreements, activities."""
        if self._history is None:
            self.build_citizen_panes()
        assert self._history is not None
        return self._history

    def citizen_panes_built(self) -> bool:
        return self._history is not None

    def build_citizen_panes(self) -> None:
        """Build the staircase and the history and put them in their places (a no-op once
        built). Runs just after the window's first paint (or earlier, when a citizen is
        shown or a pane is asked for), so the first paint shows the caseload sooner."""
        if self._history is not None:
            return
        from trappe.ui.history_pane import HistoryPane
        from trappe.ui.staircase_widget import StaircaseWidget

        staircase_view = StaircaseWidget(self)
        staircase_view.move_requested.connect(lambda *a: self.meeting_ops.move_placement(*a))
        history = HistoryPane(self, today=self.today)
        history.agreement_done_toggled.connect(lambda *a: self.meeting_ops.set_agreement_done(*a))
        history.edit_meeting_requested.connect(lambda *a: self.meeting_ops.edit_meeting(*a))
        history.delete_meeting_requested.connect(lambda *a: self.meeting_ops.delete_meeting(*a))
        self._staircase_view, self._history = staircase_view, history
        self.window_layout.place_citizen_panes(staircase_view, history)
        staircase_view.set_content(self.staircase, self.record)
        history.set_content(self.staircase, self.record)
        name_fields(staircase_view)
        name_fields(history)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._painted:
            self._painted = True
            after_first_paint(self, self.build_citizen_panes)
            after_first_paint(self, self.window_actions.name_buttons)
            after_first_paint(self, lambda: set_icons(self.actions_by_id.values()))

    @property
    def citizen_ops(self) -> CitizenOps:
        if self._citizen_ops is None:
            from trappe.ui.citizen_ops import CitizenOps

            self._citizen_ops = CitizenOps(self)
        return self._citizen_ops

    @property
    def meeting_ops(self) -> MeetingOps:
        if self._meeting_ops is None:
            from trappe.ui.meeting_ops import MeetingOps

            self._meeting_ops = MeetingOps(self)
        return self._meeting_ops

    @property
    def sheet_ops(self) -> SheetOps:
        if self._sheet_ops is None:
            from trappe.ui.sheet_ops import SheetOps

            self._sheet_ops = SheetOps(self)
        return self._sheet_ops

    @property
    def backups(self) -> BackupController:
        if self._backups is None:
            from trappe.ui.backup_ui import BackupController

            self._backups = BackupController(self)
        return self._backups

    @property
    def encryption(self) -> EncryptionController:
        if self._encryption is None:
            from trappe.ui.passphrase import EncryptionController

            self._encryption = EncryptionController(self)
        return self._encryption

    @property
    def meeting_mode(self) -> MeetingModeController:
        if self._meeting_mode is None:
            from trappe.ui.meeting_mode_controller import MeetingModeController

            self._meeting_mode = MeetingModeController(self)
        return self._meeting_mode

    def in_meeting_mode(self) -> bool:
        return self._meeting_mode is not None and self._meeting_mode.active

    # -- actions -----------------------------------------------------------------------------
    def action(self, action_id: ActionId) -> QAction:
        return self.actions_by_id[action_id]

    def update_actions(self) -> None:
        """Enable what makes sense now (a database, a citizen, dialogue mode)."""
        self.window_actions.update_enabled()

    def undo(self) -> None:
        if self.undo_stack.canUndo() and self.dialogue.may_undo_redo(-1):
            self.undo_stack.undo()

    def redo(self) -> None:
        if self.undo_stack.canRedo() and self.dialogue.may_undo_redo(0):
            self.undo_stack.redo()

    # -- messages ----------------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # (a message box is not on the start path)

        QMessageBox.warning(self, self.tr("Trappe"), message)

    def status(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def confirm(self, message: str) -> None:
        """Say that something was done: in the status bar, and aloud to a screen reader."""
        self.status(message)
        announce(self, message)

    # -- the database (see DatabaseController) ----------------------------------------------------
    def open_database(
        self,
        path: Path | str,
        *,
        first_start: bool = True,
        create: bool = False,
        key: CipherKey | str | None = None,
        check_later: bool = False,
    ) -> bool:
        """Open ``path`` (``create``: make it if missing); errors are shown, the window stays.
        ``check_later``: the start's (see ``DatabaseController.open_database``)."""
        return self.database.open_database(
            path, first_start=first_start, create=create, key=key, check_later=check_later
        )

    def enable_auto_backup(self) -> None:
        if self.store is not None:
            self.backups.enable_auto_backup()

    def set_store(self, store: Store | None) -> None:
        self.database.set_store(store)

    def reload_staircase(self) -> None:
        self.database.reload_staircase()

    # -- the selected citizen -----------------------------------------------------------------
    @guarded
    def show_citizen(self, citizen_id: int | None) -> None:
        """Open a citizen's record (logged as a read) and show it in every pane."""
        if citizen_id is None or self.store is None:
            self.show_record(None)
            return
        if self.record is not None and self.record.citizen.id == citizen_id:
            return
        # What the citizens opened before leave behind (their rows, the panes' kept values)
        # is freed once this citizen is on screen, not while the panes are filled.
        kept.hold_drops()
        after_next_frame(self, kept.free_held)
        self.show_record(_citizens().get_citizen_record(self.store, citizen_id))

    def reload_record(self, parts: Part | None = None) -> None:
        """Re-read the shown citizen after a change; not logged as a new read.

        ``parts`` says what changed, so only the panes that show it are redrawn (None: all).
        """
        if self.store is None:
            return
        if self.record is None:
            self.show_record(None)
            return
        try:
            record = _citizens().get_citizen_record(
                self.store, self.record.citizen.id, log_read=False
            )
        except TrappeError:
            record = None
        self.show_record(record, parts)

    def show_record(self, record: CitizenRecord | None, parts: Part | None = None) -> None:
        """Show ``record`` (or nobody); with ``parts``, redraw only the panes showing those
        (None, another citizen or nobody: every pane)."""
        every = (
            parts is None
            or record is None
            or self.record is None
            or record.citizen.id != self.record.citizen.id
        )
        if not every:
            from trappe.model.changes import Part  # (not needed to show nobody, at start)
        self.record = record
        if every or parts & Part.CITIZEN:
            self.header.set_content(self.staircase, record)
        if self._history is None:
            if record is not None:
                self.build_citizen_panes()  # (built with the record's content)
        else:
            if every or parts & (Part.CITIZEN | Part.PLACEMENTS):
                self.staircase_view.set_content(self.staircase, record)
            if every or parts & (Part.CITIZEN | Part.PLACEMENTS | Part.HISTORY):
                self.history.set_content(self.staircase, record)
        if self.dialogue.active:  # otherwise filled when dialogue mode starts
            self.dialogue_view.set_content(self.staircase, record)
        if record is None and self.dialogue.active:
            self.set_dialogue_mode(False)
        self.update_actions()

    # Kept for callers written before the split.
    _show_record = show_record
    _reload_record = reload_record

    def current_citizen_id(self) -> int | None:
        return self.record.citizen.id if self.record else None

    def changed(self, changes: Changes) -> None:
        """After an operation (or its undo): redraw what it changed, and nothing else."""
        from trappe.model.changes import Part

        cid = changes.citizen_id
        shown = self.current_citizen_id()
        dialogue = self.dialogue.active
        if changes.touches(Part.STAIRCASE):  # everyone's picture: the staircase editor's undo
            self.reload_staircase()
        elif changes.touches(Part.ERASED):
            self.caseload.refresh()
            if shown == cid:
                self.show_record(None)
        elif cid is not None and shown != cid and not dialogue:
            # Undo/redo of an edit to another citizen (or with nobody shown): show them.
            self.caseload.refresh(select_id=cid)
            self.caseload.select_citizen(cid)
            self.show_citizen(cid)
        else:
            if changes.touches(Part.LISTED):
                self.caseload.refresh(select_id=cid if not dialogue else None)
            if shown is not None and (cid is None or shown == cid):
                self.reload_record(changes.parts)
        self.update_actions()

    # -- settings and about ---------------------------------------------------------------------
    @guarded
    def open_settings(self) -> None:
        if self.store is None:
            return
        from trappe.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.store,
            self.prefs,
            self,
            undo_stack=self.undo_stack,
            on_change=self.changed,
            on_error=self.show_error,
        )
        dialog.changed.connect(self.reload_staircase)
        name_fields(dialog)
        dialog.exec()
        self.reload_staircase()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        import trappe

        QMessageBox.about(
            self,
            self.tr("Om Trappe"),
            self.tr(
                "Trappe %1\n\nEt digitalt dialogværktøj til trappemodellen: hvor står borgeren, "
                "og hvor går næste skridt hen?"
            ).replace("%1", trappe.__version__),
        )

    # -- the staircase's room (see WindowLayout) -----------------------------------------------
    def show_staircase(self, on: bool) -> None:
        """Show the staircase above the history, or collapse it to give the history room."""
        self.window_layout.show_staircase(on)

    def staircase_shown(self) -> bool:
        return self.window_layout.staircase_shown()

    # -- dialogue mode (see DialogueController) ---------------------------------------------------
    def set_dialogue_mode(self, on: bool) -> None:
        """Full screen with only this citizen (on), or back to where the user was (off)."""
        self.dialogue.set_active(on)
        if self._meeting_mode is not None:
            self._meeting_mode.dialogue_toggled(on)  # a meeting in progress stays on screen

    def in_dialogue_mode(self) -> bool:
        return self.dialogue.active

    # -- window state (see WindowLayout) --------------------------------------------------------
    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.window_layout.window_resized()

    def save_window_state(self) -> None:
        self.window_layout.save()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._meeting_mode is not None and not self._meeting_mode.may_close():
            event.ignore()
            return
        if self._backups is not None:
            self._backups.stop()
        self.save_window_state()
        self.undo_stack.clear()
        if self.store is not None:
            self.caseload.log_pending_search()
            self.caseload.model.set_store(None)
            self.store.close()
            self.store = None
        super().closeEvent(event)
