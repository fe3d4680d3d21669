"""The main window: caseload on the left, the citizen's staircase and history on the right.

The window builds the panes, the menus and the toolbar (from the action registry in
``actions.py``) and holds what they share: the open ``Store``, the staircase, the shown
citizen's record and the undo stack. The work is done by its parts, split by job:

- ``DatabaseController`` (``database_controller.py``): opening and switching databases;
- ``CitizenOps`` (``citizen_ops.py``): create, edit, close, reopen, erase a citizen;
- ``MeetingOps`` (``meeting_ops.py``): meetings, placements, agreements (undo commands);
- ``SheetOps`` (``sheet_ops.py``): printing;
- ``DialogueController`` (``dialogue_controller.py``): dialogue mode;
- ``WindowLayout`` (``window_layout.py``): the splitters, the staircase's room, the saved
  layout.

A new action is declared in ``actions.py`` and connected in ``_connect_actions`` below.
Known failures (``TrappeError``) become a Danish message and the window stays alive.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolBar,
    QToolButton,
    QWidget,
)

from trappe.model import citizens
from trappe.model.changes import EVERY_PART, Changes, Part
from trappe.model.cipher_key import CipherKey
from trappe.model.entities import CitizenRecord, Staircase, Status
from trappe.model.errors import TrappeError
from trappe.model.store import Store
from trappe.ui.accessibility import announce, name_fields
from trappe.ui.actions import MENUS, TOOLBAR, ActionId, create_actions, menu_title, tooltip
from trappe.ui.caseload_pane import CaseloadPane
from trappe.ui.citizen_header import CitizenHeader
from trappe.ui.citizen_ops import CitizenOps
from trappe.ui.database_controller import DatabaseController
from trappe.ui.dialogue_controller import DialogueController
from trappe.ui.history_pane import HistoryPane
from trappe.ui.meeting_ops import MeetingOps
from trappe.ui.preferences import Preferences
from trappe.ui.sheet_ops import SheetOps
from trappe.ui.staircase_widget import StaircaseWidget
from trappe.ui.window_layout import MIN_STAIRCASE_HEIGHT as MIN_STAIRCASE_HEIGHT
from trappe.ui.window_layout import WindowLayout
from trappe.ui.window_part import guarded

if TYPE_CHECKING:
    from trappe.ui.backup_ui import BackupController
    from trappe.ui.dialogue_mode import DialogueView
    from trappe.ui.meeting_mode_controller import MeetingModeController
    from trappe.ui.passphrase import EncryptionController

log = logging.getLogger("trappe.ui.window")


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
        # Made when first needed (off the start path): backups, encryption, meeting mode and
        # the dialogue view (see the properties below).
        self._backups: BackupController | None = None
        self._encryption: EncryptionController | None = None
        self._meeting_mode: MeetingModeController | None = None
        self._dialogue_view: DialogueView | None = None
        self.database = DatabaseController(self, self.recent_menu)
        self.citizen_ops = CitizenOps(self)
        self.meeting_ops = MeetingOps(self)
        self.sheet_ops = SheetOps(self)
        self.dialogue = DialogueController(self)

        # -- panes
        self.caseload = CaseloadPane(None, prefs, self, today=today)
        self.caseload.citizen_selected.connect(self.show_citizen)
        self.caseload.error.connect(self.show_error)
        self.header = CitizenHeader(self)
        self.staircase_view = StaircaseWidget(self)
        self.staircase_view.move_requested.connect(self.meeting_ops.move_placement)
        self.history = HistoryPane(self, today=today)
        self.history.agreement_done_toggled.connect(self.meeting_ops.set_agreement_done)
        self.history.edit_meeting_requested.connect(self.meeting_ops.edit_meeting)
        self.history.delete_meeting_requested.connect(self.meeting_ops.delete_meeting)

        # -- where the panes sit: splitters, the staircase's room, the saved layout
        self.window_layout = WindowLayout(self)
        self.centre_splitter = self.window_layout.centre_splitter
        self.splitter = self.window_layout.splitter
        self.pages = self.window_layout.pages
        self.setCentralWidget(self.pages)

        # -- actions, menus, toolbar: all from the registry
        self.actions_by_id: dict[ActionId, QAction] = create_actions(self)
        self._connect_actions()
        # Shortcuts must work while menus and toolbar are hidden (dialogue mode), so the
        # window itself carries every action too.
        self.addActions(list(self.actions_by_id.values()))
        self._build_menus()
        self.toolbar = QToolBar(self.tr("Værktøjslinje"), self)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for item in TOOLBAR:
            if item is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(self.actions_by_id[item])
        self.addToolBar(self.toolbar)
        for button in self.toolbar.findChildren(QToolButton, "qt_toolbar_ext_button"):
            button.setAccessibleName(self.tr("Flere knapper"))
        self.statusBar()
        self.database.update_recent_menu()
        self.window_layout.restore()
        self.database.update_title()
        self.update_actions()
        name_fields(self)

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

    def _connect_actions(self) -> None:
        """Each action's handler: one line per action (declared in ``actions.py``)."""
        handlers: dict[ActionId, Callable[[], Any]] = {
            ActionId.NEW_DATABASE: self.database.new_database,
            ActionId.OPEN_DATABASE: self.database.choose_database,
            ActionId.PRINT: self.sheet_ops.print_sheet,
            ActionId.PRINT_BATCH: self.sheet_ops.print_batch,
            ActionId.SETTINGS: self.open_settings,
            ActionId.QUIT: self.close,
            ActionId.UNDO: self.undo,
            ActionId.REDO: self.redo,
            ActionId.FIND: self.caseload.focus_search,
            ActionId.NEW_CITIZEN: self.citizen_ops.new_citizen,
            ActionId.EDIT_CITIZEN: self.citizen_ops.edit_citizen,
            ActionId.RECORD_MEETING: self.meeting_ops.record_meeting,
            ActionId.COPY_JOURNAL_NOTE: self.citizen_ops.copy_journal_note,
            ActionId.SEND_INVITATION: self.citizen_ops.send_invitation,
            # (compare view and handover dialogs imported when first used: off the start path)
            ActionId.COMPARE_MEETINGS: lambda: import_module("trappe.ui.compare_view").open_compare(
                self
            ),
            ActionId.CLOSE_CITIZEN: self.citizen_ops.close_citizen,
            ActionId.REOPEN_CITIZEN: self.citizen_ops.reopen_citizen,
            ActionId.ERASE_CITIZEN: self.citizen_ops.erase_citizen,
            ActionId.HANDOVER_EXPORT: lambda: _handover().export_from_window(self),
            ActionId.HANDOVER_IMPORT: lambda: _handover().import_into_window(self),
            ActionId.USER_GUIDE: lambda: import_module("trappe.ui.help").show_guide(self),
            ActionId.EXPORT_CITIZEN_DATA: lambda: _privacy().export_citizen_data(self),
            ActionId.RETENTION: lambda: _privacy().retention(self),
            ActionId.ACCESS_LOG: lambda: _privacy().access_log(self),
            ActionId.ABOUT: self.about,
            ActionId.OVERVIEW: lambda: import_module("trappe.ui.overview").show_overview(self),
            ActionId.BACKUP_NOW: lambda: self.backups.backup_now(),
            ActionId.RESTORE_BACKUP: lambda: self.backups.restore_backup(),
            ActionId.CHANGE_PASSPHRASE: lambda: self.encryption.change_passphrase(),
            ActionId.ENCRYPT_DATABASE: lambda: self.encryption.encrypt_database(),
            ActionId.EXPORT_PLAIN: lambda: self.encryption.export_plain(),
        }
        for action_id, handler in handlers.items():
            self.actions_by_id[action_id].triggered.connect(lambda _=False, h=handler: h())
        self.actions_by_id[ActionId.DIALOGUE_MODE].toggled.connect(self.set_dialogue_mode)
        self.actions_by_id[ActionId.SHOW_STAIRCASE].toggled.connect(self.show_staircase)
        self.undo_stack.canUndoChanged.connect(lambda _: self.update_actions())
        self.undo_stack.canRedoChanged.connect(lambda _: self.update_actions())
        self.undo_stack.undoTextChanged.connect(lambda _: self.update_actions())
        self.undo_stack.redoTextChanged.connect(lambda _: self.update_actions())

    def _build_menus(self) -> None:
        bar = self.menuBar()
        for title, items in MENUS:
            menu = bar.addMenu(menu_title(title))
            for item in items:
                if item is None:
                    menu.addSeparator()
                elif item == "recent":
                    menu.addMenu(self.recent_menu)
                else:
                    menu.addAction(self.actions_by_id[item])  # type: ignore[index]

    def update_actions(self) -> None:
        """Enable what makes sense now (a database, a citizen, dialogue mode)."""
        has_store = self.store is not None
        encrypted = has_store and self.store.key is not None
        c = self.record.citizen if self.record else None
        active = c is not None and c.status is Status.ACTIVE
        dialogue = self.dialogue.active
        may = self.dialogue.may_undo_redo
        enabled = {
            ActionId.PRINT: has_store,
            ActionId.PRINT_BATCH: has_store and not dialogue,
            ActionId.SETTINGS: has_store and not dialogue,
            ActionId.NEW_CITIZEN: has_store and not dialogue,
            ActionId.EDIT_CITIZEN: c is not None and not dialogue,
            ActionId.RECORD_MEETING: active,
            ActionId.COPY_JOURNAL_NOTE: bool(self.record and self.record.meetings),
            ActionId.SEND_INVITATION: active and not dialogue,
            ActionId.COMPARE_MEETINGS: bool(self.record and len(self.record.meetings) >= 2),
            ActionId.CLOSE_CITIZEN: active and not dialogue,
            ActionId.REOPEN_CITIZEN: c is not None and not active and not dialogue,
            ActionId.ERASE_CITIZEN: c is not None and not dialogue,
            ActionId.HANDOVER_EXPORT: c is not None and not dialogue,
            ActionId.HANDOVER_IMPORT: has_store and not dialogue,
            ActionId.EXPORT_CITIZEN_DATA: c is not None and not dialogue,
            ActionId.RETENTION: has_store and not dialogue,
            ActionId.ACCESS_LOG: has_store and not dialogue,
            ActionId.DIALOGUE_MODE: c is not None,
            ActionId.FIND: has_store and not dialogue,
            ActionId.OVERVIEW: has_store and not dialogue,
            ActionId.NEW_DATABASE: not dialogue,
            ActionId.OPEN_DATABASE: not dialogue,
            ActionId.BACKUP_NOW: has_store and not dialogue,
            ActionId.RESTORE_BACKUP: has_store and not dialogue,
            ActionId.CHANGE_PASSPHRASE: encrypted and not dialogue,
            ActionId.ENCRYPT_DATABASE: has_store and not encrypted and not dialogue,
            ActionId.EXPORT_PLAIN: has_store and not dialogue,
            ActionId.UNDO: self.undo_stack.canUndo() and may(-1),
            ActionId.REDO: self.undo_stack.canRedo() and may(0),
        }
        if self.in_meeting_mode():  # the meeting's own buttons and keys rule meanwhile
            enabled = dict.fromkeys(enabled, False) | {ActionId.DIALOGUE_MODE: True}
        for action_id, on in enabled.items():
            self.actions_by_id[action_id].setEnabled(bool(on))
        undo = self.actions_by_id[ActionId.UNDO]
        redo = self.actions_by_id[ActionId.REDO]
        # The menu names what will be undone; the toolbar button keeps its short text.
        undo.setText(
            self.tr("&Fortryd %1").replace("%1", self.undo_stack.undoText()).strip()
            if self.undo_stack.canUndo()
            else self.tr("&Fortryd")
        )
        undo.setIconText(self.tr("Fortryd"))
        undo.setToolTip(tooltip(undo.text().replace("&", ""), undo))
        redo.setText(
            self.tr("&Gentag %1").replace("%1", self.undo_stack.redoText()).strip()
            if self.undo_stack.canRedo()
            else self.tr("&Gentag")
        )
        redo.setIconText(self.tr("Gentag"))
        redo.setToolTip(tooltip(redo.text().replace("&", ""), redo))

    def undo(self) -> None:
        if self.undo_stack.canUndo() and self.dialogue.may_undo_redo(-1):
            self.undo_stack.undo()

    def redo(self) -> None:
        if self.undo_stack.canRedo() and self.dialogue.may_undo_redo(0):
            self.undo_stack.redo()

    # -- messages ----------------------------------------------------------------------------
    def show_error(self, message: str) -> None:
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
    ) -> bool:
        """Open ``path`` (``create``: make it if missing); errors are shown, the window stays."""
        return self.database.open_database(path, first_start=first_start, create=create, key=key)

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
        self.show_record(citizens.get_citizen_record(self.store, citizen_id))

    def reload_record(self, parts: Part = EVERY_PART) -> None:
        """Re-read the shown citizen after a change; not logged as a new read.

        ``parts`` says what changed, so only the panes that show it are redrawn.
        """
        if self.store is None:
            return
        if self.record is None:
            self.show_record(None)
            return
        try:
            record = citizens.get_citizen_record(self.store, self.record.citizen.id, log_read=False)
        except TrappeError:
            record = None
        self.show_record(record, parts)

    def show_record(self, record: CitizenRecord | None, parts: Part = EVERY_PART) -> None:
        """Show ``record`` (or nobody); with ``parts``, redraw only the panes showing those."""
        if record is None or self.record is None or record.citizen.id != self.record.citizen.id:
            parts = EVERY_PART
        self.record = record
        if parts & Part.CITIZEN:
            self.header.set_content(self.staircase, record)
        if parts & (Part.CITIZEN | Part.PLACEMENTS):
            self.staircase_view.set_content(self.staircase, record)
        if parts & (Part.CITIZEN | Part.PLACEMENTS | Part.HISTORY):
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
            self.caseload.model.set_store(None)
            self.store.close()
            self.store = None
        super().closeEvent(event)


def _privacy() -> Any:
    return import_module("trappe.ui.privacy")


def _handover() -> Any:
    return import_module("trappe.ui.handover_dialogs")
