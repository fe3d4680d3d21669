"""The main window: caseload on the left, the citizen's staircase and history on the right.

The window owns the open ``Store``, the undo stack and the action registry; the panes
(``CaseloadPane``, ``StaircaseWidget``, ``HistoryPane``, ``DialogueView``) only show data and
emit requests, which the window turns into model calls or undo commands. Known failures
(``TrappeError``) become a Danish message and the window stays alive.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QByteArray, QLocale, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from trappe.model import citizens, staircase
from trappe.model.entities import (
    Agreement,
    Assessor,
    CitizenRecord,
    CloseReason,
    Meeting,
    MeetingInput,
    Staircase,
    Status,
)
from trappe.model.errors import StoreError, TrappeError
from trappe.model.store import Store, open_store
from trappe.model.validation import check_user_name, format_date
from trappe.ui import commands, privacy
from trappe.ui.actions import MENUS, TOOLBAR, ActionId, create_actions, menu_title
from trappe.ui.caseload_pane import CaseloadPane
from trappe.ui.dialogue_mode import DialogueView
from trappe.ui.history_pane import HistoryPane
from trappe.ui.preferences import (
    CENTRE_SPLITTER_STATE,
    RECENT_DATABASES,
    SPLITTER_STATE,
    USER_NAME,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    Preferences,
)
from trappe.ui.staircase_widget import StaircaseWidget
from trappe.ui.widgets import role_labels

log = logging.getLogger("trappe.ui.window")

F = TypeVar("F", bound=Callable[..., Any])


def guarded(method: F) -> F:
    """Run a handler; a ``TrappeError`` becomes a Danish message, the window stays alive."""

    @functools.wraps(method)
    def wrapper(self: MainWindow, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except TrappeError as exc:
            log.info("%s refused: %s", method.__name__, exc.message)
            self.show_error(exc.message)
            return None

    return wrapper  # type: ignore[return-value]


LARGE_BATCH = 200  # sheets: more than this asks for confirmation first


def run_dialog(dialog: Any) -> bool:
    """``exec()`` a dialog and schedule its deletion; True if accepted."""
    try:
        return bool(dialog.exec())
    finally:
        dialog.deleteLater()


class CitizenHeader(QLabel):
    """Who is shown: name, masked identifier, target group, staff, goal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("citizen_header")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setMargin(4)

    def set_content(self, sc: Staircase | None, record: CitizenRecord | None) -> None:
        import html

        if record is None:
            self.setText("")
            return
        c = record.citizen
        e = html.escape
        bits = []
        if c.identifier:
            bits.append(e(c.identifier_masked))
        if record.target_group:
            bits.append(e(record.target_group.name))
        if record.caseworker:
            bits.append(e(f"{role_labels()[record.caseworker.role]}: {record.caseworker.name}"))
        if record.consultant:
            bits.append(e(f"{role_labels()[record.consultant.role]}: {record.consultant.name}"))
        bits.append(
            e(self.tr("Start %1").replace("%1", format_date(c.start_date))).replace(" ", "\u00a0")
        )
        if c.goal_step_id is not None and sc is not None:
            step = sc.step(c.goal_step_id)
            if step is not None:
                goal = self.tr("Mål: %1").replace("%1", step.title)
                if c.goal_date:
                    goal += " " + self.tr("senest %1").replace("%1", format_date(c.goal_date))
                bits.append(e(goal))
        status = ""
        if c.status is Status.CLOSED:
            status = " <span style='color:#8a1c10'>({})</span>".format(
                e(self.tr("afsluttet %1").replace("%1", format_date(c.closed_on)))
            )
        self.setText(
            f"<span style='font-size:15pt; font-weight:bold'>{e(c.name)}</span>{status}"
            f"<br>{' · '.join(bits)}"
        )


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
        self._today = today
        self._dialogue = False
        self._state_before_dialogue = Qt.WindowState.WindowNoState
        self._geometry_before_dialogue = QByteArray()
        self._default_split = False
        self._toolbar_visible = True
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undo_stack")

        # -- panes
        self.caseload = CaseloadPane(None, prefs, self, today=today)
        self.caseload.citizen_selected.connect(self.show_citizen)
        self.caseload.error.connect(self.show_error)
        self.header = CitizenHeader(self)
        self.staircase_view = StaircaseWidget(self)
        self.staircase_view.move_requested.connect(self.move_placement)
        self.history = HistoryPane(self, today=today)
        self.history.agreement_done_toggled.connect(self.set_agreement_done)
        self.history.edit_meeting_requested.connect(self.edit_meeting)
        self.history.delete_meeting_requested.connect(self.delete_meeting)
        self.dialogue_view = DialogueView(self, today=today)
        self.dialogue_view.leave_requested.connect(lambda: self.set_dialogue_mode(False))
        self.dialogue_view.staircase.move_requested.connect(self.move_placement)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(6, 6, 6, 0)
        top_layout.addWidget(self.header)
        top_layout.addWidget(self.staircase_view, 1)
        self.centre_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.centre_splitter.setObjectName("centre_splitter")
        self.centre_splitter.addWidget(top)
        self.centre_splitter.addWidget(self.history)
        self.centre_splitter.setStretchFactor(0, 3)
        self.centre_splitter.setStretchFactor(1, 2)
        self.centre_splitter.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.caseload)
        self.splitter.addWidget(self.centre_splitter)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.splitterMoved.connect(self._user_split)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.splitter)
        self.pages.addWidget(self.dialogue_view)
        self.setCentralWidget(self.pages)

        # -- actions, menus, toolbar: all from the registry
        self.actions_by_id: dict[ActionId, QAction] = create_actions(self)
        self._connect_actions()
        # Shortcuts must work while menus and toolbar are hidden (dialogue mode), so the
        # window itself carries every action too.
        self.addActions(list(self.actions_by_id.values()))
        self.recent_menu = QMenu(self.tr("Seneste databaser"), self)
        self.recent_menu.setObjectName("recent_menu")
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
        self.statusBar()
        self._update_recent_menu()
        self._restore_window_state()
        self._update_title()
        self._update_actions()

    # -- actions -----------------------------------------------------------------------------
    def action(self, action_id: ActionId) -> QAction:
        return self.actions_by_id[action_id]

    def _connect_actions(self) -> None:
        handlers: dict[ActionId, Callable[[], Any]] = {
            ActionId.NEW_DATABASE: self.new_database,
            ActionId.OPEN_DATABASE: self.choose_database,
            ActionId.PRINT: self.print_sheet,
            ActionId.PRINT_BATCH: self.print_batch,
            ActionId.SETTINGS: self.open_settings,
            ActionId.QUIT: self.close,
            ActionId.UNDO: self.undo,
            ActionId.REDO: self.redo,
            ActionId.FIND: self.caseload.focus_search,
            ActionId.NEW_CITIZEN: self.new_citizen,
            ActionId.EDIT_CITIZEN: self.edit_citizen,
            ActionId.RECORD_MEETING: self.record_meeting,
            ActionId.COPY_JOURNAL_NOTE: self.copy_journal_note,
            ActionId.CLOSE_CITIZEN: self.close_citizen,
            ActionId.REOPEN_CITIZEN: self.reopen_citizen,
            ActionId.ERASE_CITIZEN: self.erase_citizen,
            ActionId.EXPORT_CITIZEN_DATA: lambda: privacy.export_citizen_data(self),
            ActionId.RETENTION: lambda: privacy.retention(self),
            ActionId.ACCESS_LOG: lambda: privacy.access_log(self),
            ActionId.ABOUT: self.about,
        }
        for action_id, handler in handlers.items():
            self.actions_by_id[action_id].triggered.connect(lambda _=False, h=handler: h())
        self.actions_by_id[ActionId.DIALOGUE_MODE].toggled.connect(self.set_dialogue_mode)
        self.undo_stack.canUndoChanged.connect(lambda _: self._update_actions())
        self.undo_stack.canRedoChanged.connect(lambda _: self._update_actions())
        self.undo_stack.undoTextChanged.connect(lambda _: self._update_actions())
        self.undo_stack.redoTextChanged.connect(lambda _: self._update_actions())

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

    def _update_actions(self) -> None:
        has_store = self.store is not None
        c = self.record.citizen if self.record else None
        active = c is not None and c.status is Status.ACTIVE
        enabled = {
            ActionId.PRINT: has_store,
            ActionId.PRINT_BATCH: has_store and not self._dialogue,
            ActionId.SETTINGS: has_store and not self._dialogue,
            ActionId.NEW_CITIZEN: has_store and not self._dialogue,
            ActionId.EDIT_CITIZEN: c is not None and not self._dialogue,
            ActionId.RECORD_MEETING: active,
            ActionId.COPY_JOURNAL_NOTE: bool(self.record and self.record.meetings),
            ActionId.CLOSE_CITIZEN: active and not self._dialogue,
            ActionId.REOPEN_CITIZEN: c is not None and not active and not self._dialogue,
            ActionId.ERASE_CITIZEN: c is not None and not self._dialogue,
            ActionId.EXPORT_CITIZEN_DATA: c is not None and not self._dialogue,
            ActionId.RETENTION: has_store and not self._dialogue,
            ActionId.ACCESS_LOG: has_store and not self._dialogue,
            ActionId.DIALOGUE_MODE: c is not None,
            ActionId.FIND: has_store and not self._dialogue,
            ActionId.NEW_DATABASE: not self._dialogue,
            ActionId.OPEN_DATABASE: not self._dialogue,
            ActionId.UNDO: self.undo_stack.canUndo() and self._may_undo_redo(-1),
            ActionId.REDO: self.undo_stack.canRedo() and self._may_undo_redo(0),
        }
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
        undo.setToolTip(undo.text().replace("&", ""))
        redo.setText(
            self.tr("&Gentag %1").replace("%1", self.undo_stack.redoText()).strip()
            if self.undo_stack.canRedo()
            else self.tr("&Gentag")
        )
        redo.setIconText(self.tr("Gentag"))
        redo.setToolTip(redo.text().replace("&", ""))

    def _may_undo_redo(self, offset: int) -> bool:
        """In dialogue mode only edits of the citizen on screen may be undone or redone."""
        if not self._dialogue:
            return True
        cmd = self.undo_stack.command(self.undo_stack.index() + offset)
        return (
            isinstance(cmd, commands.ModelCommand)
            and self.record is not None
            and cmd.citizen_id == self.record.citizen.id
        )

    def undo(self) -> None:
        if self.undo_stack.canUndo() and self._may_undo_redo(-1):
            self.undo_stack.undo()

    def redo(self) -> None:
        if self.undo_stack.canRedo() and self._may_undo_redo(0):
            self.undo_stack.redo()

    # -- messages ----------------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Trappe"), message)

    def status(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    # -- the database ---------------------------------------------------------------------------
    def open_database(self, path: Path | str, *, first_start: bool = True) -> bool:
        """Open ``path`` (creating it if new); a ``StoreError`` is shown, the window stays."""
        # Absolute, so "last used" and the recent list work from any working directory.
        path = Path(path).expanduser().absolute()
        try:
            store = open_store(path, self.prefs.actor(), seed=False)
        except StoreError as exc:
            log.warning("cannot open %s: %s", path, exc.message)
            QMessageBox.critical(self, self.tr("Databasen kan ikke åbnes"), exc.message)
            return False
        self.set_store(store)
        self.prefs.add_recent(str(path))
        self._update_recent_menu()
        if first_start:
            self._first_start()
        return True

    def set_store(self, store: Store | None) -> None:
        """Use ``store`` (closing the previous one); the undo history is cleared."""
        old, self.store = self.store, store
        if old is not None and old is not store:
            old.close()
        self.undo_stack.clear()
        self.record = None
        try:
            self.staircase = staircase.load_staircase(store) if store else None
            self.caseload.set_store(store)
        except TrappeError as exc:
            self.show_error(exc.message)
        self._show_record(None)
        self._update_title()

    def _first_start(self) -> None:
        """An empty database offers the default staircase; a nameless user is asked their name."""
        assert self.store is not None
        try:
            if self.staircase is not None and not self.staircase.steps:
                answer = QMessageBox.question(
                    self,
                    self.tr("Ny database"),
                    self.tr(
                        "Databasen har endnu ingen trappe.\n\n"
                        "Vil du oprette standardtrappen med syv trin (Afklaring … Job eller "
                        "uddannelse) og de almindelige målgrupper? Du kan rette den bagefter "
                        "under Indstillinger."
                    ),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.Yes,
                )
                if answer == QMessageBox.StandardButton.Yes:
                    staircase.install_defaults(self.store)
                    self.reload_staircase()
            if not self.prefs.get(USER_NAME):
                name, ok = QInputDialog.getText(
                    self,
                    self.tr("Velkommen til Trappe"),
                    self.tr("Dit navn (bruges i loggen over ændringer og på dialogarket):"),
                    QLineEdit.EchoMode.Normal,
                    "",
                )
                if ok and name.strip():
                    self.prefs.set(USER_NAME, check_user_name(name))
                    self.store.actor = self.prefs.actor()
        except TrappeError as exc:
            self.show_error(exc.message)

    def reload_staircase(self) -> None:
        """After the staircase, target groups or the user changed (settings)."""
        if self.store is None:
            return
        self.store.actor = self.prefs.actor()
        self.staircase = staircase.load_staircase(self.store)
        self.caseload.reload_choices()
        self.caseload.refresh()
        self._reload_record()

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Ny Trappe-database"),
            str(Path.home() / "trappe.sqlite"),
            self.tr("Trappe-database (*.sqlite *.db);;Alle filer (*)"),
        )
        if not path:
            return
        target = Path(path)
        if target.exists() and target.stat().st_size > 0:
            self.show_error(
                self.tr(
                    "Filen «%1» findes allerede. Vælg et nyt navn, eller åbn den med Åbn database."
                ).replace("%1", target.name)
            )
            return
        self.open_database(target)

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Åbn Trappe-database"),
            str(Path(self.store.path).parent) if self.store else str(Path.home()),
            self.tr("Trappe-database (*.sqlite *.db);;Alle filer (*)"),
        )
        if path:
            self.open_database(Path(path))

    def _update_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.prefs.get(RECENT_DATABASES)
        for p in recent:
            act = self.recent_menu.addAction(p)
            act.triggered.connect(lambda _=False, path=p: self.open_database(Path(path)))
        self.recent_menu.setEnabled(bool(recent))

    def _user_split(self, *_: object) -> None:
        self._default_split = False

    def _update_title(self) -> None:
        name = self.store.path.name if self.store else self.tr("ingen database")
        self.setWindowTitle(f"Trappe — {name}")

    # -- the selected citizen -----------------------------------------------------------------
    @guarded
    def show_citizen(self, citizen_id: int | None) -> None:
        """Open a citizen's record (logged as a read) and show it in every pane."""
        if citizen_id is None or self.store is None:
            self._show_record(None)
            return
        if self.record is not None and self.record.citizen.id == citizen_id:
            return
        self._show_record(citizens.get_citizen_record(self.store, citizen_id))

    def _reload_record(self, citizen_id: int | None = None) -> None:
        """Re-read the shown (or given) citizen after a change; not logged as a new read."""
        if self.store is None:
            return
        cid = (
            citizen_id
            if citizen_id is not None
            else (self.record.citizen.id if self.record else None)
        )
        if cid is None:
            self._show_record(None)
            return
        try:
            record = citizens.get_citizen_record(self.store, cid, log_read=False)
        except TrappeError:
            record = None
        self._show_record(record)

    def _show_record(self, record: CitizenRecord | None) -> None:
        self.record = record
        self.header.set_content(self.staircase, record)
        self.staircase_view.set_content(self.staircase, record)
        self.history.set_content(self.staircase, record)
        if self._dialogue:  # otherwise filled when dialogue mode starts
            self.dialogue_view.set_content(self.staircase, record)
        if record is None and self._dialogue:
            self.set_dialogue_mode(False)
        self._update_actions()

    def current_citizen_id(self) -> int | None:
        return self.record.citizen.id if self.record else None

    def _changed(self, citizen_id: int) -> None:
        """After a command did or undid something: refresh the list and the citizen."""
        self.caseload.refresh(select_id=citizen_id if not self._dialogue else None)
        if self.record is not None and self.record.citizen.id != citizen_id and not self._dialogue:
            # Undo/redo of an edit to another citizen: show that citizen.
            self.caseload.select_citizen(citizen_id)
            self.show_citizen(citizen_id)
        elif self.record is not None and self.record.citizen.id == citizen_id:
            self._reload_record()
        self._update_actions()

    def _push_or_raise(self, command: commands.ModelCommand) -> None:
        """Push; a refusal propagates to the caller (a dialog that keeps the user's input)."""
        commands.push(self.undo_stack, command)
        self.status(command.text())

    def _push(self, command: commands.ModelCommand) -> bool:
        """Push; a refusal is shown here and the views re-read what is stored."""
        try:
            self._push_or_raise(command)
        except TrappeError as exc:
            self.show_error(exc.message)
            self._reload_record()  # e.g. a checkbox the user ticked must untick again
            return False
        return True

    # -- citizen actions --------------------------------------------------------------------------
    @guarded
    def new_citizen(self) -> None:
        if self.store is None:
            return
        from trappe.ui.citizen_dialog import CitizenDialog

        dialog = CitizenDialog(self.store, self)
        if run_dialog(dialog) and dialog.citizen is not None:
            cid = dialog.citizen.id
            self.caseload.refresh(select_id=cid)
            if not self.caseload.select_citizen(cid):
                # Not in the current filter: show it anyway, and say so in the status bar.
                self.status(self.tr("Den nye borger er ikke med i den viste liste (filtrene)."))
            self.record = None
            self.show_citizen(cid)

    @guarded
    def edit_citizen(self) -> None:
        if self.store is None or self.record is None:
            return
        from trappe.ui.citizen_dialog import CitizenDialog

        dialog = CitizenDialog(self.store, self, citizen_id=self.record.citizen.id)
        if run_dialog(dialog):
            self.caseload.refresh()
            self._reload_record()

    @guarded
    def record_meeting(self) -> None:
        if self.store is None or self.record is None:
            return
        from trappe.ui.meeting_dialog import MeetingDialog

        cid = self.record.citizen.id
        store = self.store

        def save(data: MeetingInput) -> None:
            self._push_or_raise(
                commands.RecordMeetingCommand(store, cid, data, self._changed, self.show_error)
            )

        run_dialog(MeetingDialog(store, cid, self, save=save))

    @guarded
    def copy_journal_note(self) -> None:
        """The selected meeting (else the latest) as a short note, on the clipboard."""
        if (
            self.store is None
            or self.staircase is None
            or not (self.record and self.record.meetings)
        ):
            return
        from trappe.model.audit import log_event
        from trappe.model.export import journal_note

        meeting = self.history.selected_meeting() or self.record.meetings[-1]
        text = journal_note(self.record, self.staircase, meeting)
        QGuiApplication.clipboard().setText(text)
        log_event(
            self.store,
            "export",
            "citizen",
            self.record.citizen.id,
            {"format": "journal_note", "meeting_id": meeting.id},
        )
        self.status(
            self.tr("Journalnotat for mødet %1 er kopieret; indsæt det i journalen.").replace(
                "%1", format_date(meeting.held_on)
            )
        )

    @guarded
    def edit_meeting(self, meeting: Meeting) -> None:
        if self.store is None:
            return
        from trappe.ui.meeting_dialog import MeetingDialog

        store = self.store

        def save(data: MeetingInput) -> None:
            self._push_or_raise(
                commands.EditMeetingCommand(store, meeting, data, self._changed, self.show_error)
            )

        run_dialog(MeetingDialog(store, meeting.citizen_id, self, meeting=meeting, save=save))

    def delete_meeting(self, meeting: Meeting) -> None:
        if self.store is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Slet møde"),
            self.tr(
                "Slet mødet den %1 med placeringer, aktiviteter og aftaler?\n"
                "Du kan fortryde med Fortryd."
            ).replace("%1", format_date(meeting.held_on)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._push(
                commands.DeleteMeetingCommand(self.store, meeting, self._changed, self.show_error)
            )

    def move_placement(self, step_id: int, assessor: Assessor) -> None:
        if self.store is None or self.record is None:
            return
        self._push(
            commands.MovePlacementCommand(
                self.store,
                self.record.citizen.id,
                step_id,
                assessor,
                self._today(),
                self._changed,
                self.show_error,
            )
        )

    def set_agreement_done(self, agreement: Agreement, done: bool) -> None:
        if self.store is None or self.record is None:
            return
        self._push(
            commands.AgreementDoneCommand(
                self.store,
                self.record.citizen.id,
                agreement,
                done,
                self._today(),
                self._changed,
                self.show_error,
            )
        )

    @guarded
    def close_citizen(self) -> None:
        if self.store is None or self.record is None:
            return
        from trappe.ui.citizen_dialog import CloseCitizenDialog

        c = self.record.citizen
        store = self.store

        def save(reason: CloseReason, closed_on: date, note: str) -> None:
            citizens.close_citizen(store, c.id, reason, closed_on, note)

        if run_dialog(CloseCitizenDialog(c.name, self, save=save)):
            self.caseload.refresh()
            self._reload_record()
            self.status(self.tr("Forløbet er afsluttet."))

    @guarded
    def reopen_citizen(self) -> None:
        if self.store is None or self.record is None:
            return
        citizens.reopen_citizen(self.store, self.record.citizen.id)
        self.caseload.refresh()
        self._reload_record()
        self.status(self.tr("Forløbet er genåbnet."))

    @guarded
    def erase_citizen(self) -> None:
        if self.store is None or self.record is None:
            return
        from trappe.ui.citizen_dialog import confirm_erase

        c = self.record.citizen
        if not confirm_erase(self, c.name):
            return
        citizens.erase_citizen(self.store, c.id)
        # Commands may refer to the erased citizen's meetings and placements.
        self.undo_stack.clear()
        self.caseload.clear_selection()
        self.caseload.refresh()
        self._show_record(None)
        self.status(self.tr("Borgeren er slettet."))

    # -- printing and settings ----------------------------------------------------------------
    @guarded
    def print_sheet(self) -> None:
        if self.store is None:
            return
        try:
            from trappe.ui.print_preview import PrintPreviewDialog
        except ImportError:
            self.show_error(self.tr("Udskrift er ikke tilgængelig i denne version."))
            return
        PrintPreviewDialog(self.store, self.prefs, self.current_citizen_id(), self).exec()

    @guarded
    def print_batch(self) -> None:
        if self.store is None:
            return
        try:
            from trappe.ui.print_preview import print_batch
        except ImportError:
            self.show_error(self.tr("Udskrift er ikke tilgængelig i denne version."))
            return
        ids = self.caseload.filtered_ids()
        if not ids:
            self.show_error(self.tr("Listen er tom; der er ingen dialogark at udskrive."))
            return
        if len(ids) > LARGE_BATCH:
            # A whole caseload by mistake is thousands of pages: ask first.
            answer = QMessageBox.question(
                self,
                self.tr("Mange dialogark"),
                self.tr(
                    "Listen har %1 borgere, så PDF-filen får mindst %1 sider.\n"
                    "Brug filtrene (f.eks. «Samtale i denne uge») for at vælge færre.\n\n"
                    "Vil du lave dialogark til alle %1?"
                ).replace("%1", QLocale().toString(len(ids))),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        print_batch(self, self.store, self.prefs, ids)

    @guarded
    def open_settings(self) -> None:
        if self.store is None:
            return
        from trappe.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.store, self.prefs, self)
        dialog.changed.connect(self.reload_staircase)
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

    # -- dialogue mode ---------------------------------------------------------------------------
    def set_dialogue_mode(self, on: bool) -> None:
        """Full screen with only this citizen (on), or back to where the user was (off)."""
        on = bool(on) and self.record is not None
        action = self.actions_by_id[ActionId.DIALOGUE_MODE]
        if action.isChecked() != on:
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)
        if on == self._dialogue:
            return
        self._dialogue = on
        if on:
            self._state_before_dialogue = self.windowState()
            self._geometry_before_dialogue = self.saveGeometry()
            self._toolbar_visible = self.toolbar.isVisible()
            self.dialogue_view.set_content(self.staircase, self.record)
            self.menuBar().hide()
            self.toolbar.hide()
            self.statusBar().hide()
            self.pages.setCurrentWidget(self.dialogue_view)
            self.showFullScreen()
            self.dialogue_view.staircase.setFocus()
        else:
            self.pages.setCurrentWidget(self.splitter)
            self.menuBar().show()
            self.toolbar.setVisible(self._toolbar_visible)
            self.statusBar().show()
            self.showNormal()
            self.restoreGeometry(self._geometry_before_dialogue)
            if self._state_before_dialogue & Qt.WindowState.WindowMaximized:
                self.showMaximized()
            self.staircase_view.setFocus()
        self._update_actions()

    def in_dialogue_mode(self) -> bool:
        return self._dialogue

    # -- window state ----------------------------------------------------------------------------
    def _restore_window_state(self) -> None:
        geometry = self.prefs.get(WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self._default_geometry()
        state = self.prefs.get(WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        splitter = self.prefs.get(SPLITTER_STATE)
        if splitter.isEmpty() or not self.splitter.restoreState(splitter):
            self._default_split = True
        centre = self.prefs.get(CENTRE_SPLITTER_STATE)
        if centre.isEmpty() or not self.centre_splitter.restoreState(centre):
            self.centre_splitter.setSizes([460, 320])

    def _default_geometry(self) -> None:
        """First start: 1280×800, but never larger than the screen; maximised on a laptop."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 800)
            return
        available = screen.availableGeometry()
        self.resize(min(1280, available.width()), min(800, available.height()))
        if available.width() < 1400 or available.height() < 860:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self._default_split:
            # Until the user moves the divider (or a saved layout exists), the caseload
            # gets about a third of the width, at least 560 px.
            left = max(560, round(self.width() * 0.32))
            self.splitter.setSizes([left, max(300, self.width() - left)])

    def save_window_state(self) -> None:
        if self._dialogue:
            self.set_dialogue_mode(False)
        self.prefs.set(WINDOW_GEOMETRY, self.saveGeometry())
        self.prefs.set(WINDOW_STATE, self.saveState())
        self.prefs.set(SPLITTER_STATE, self.splitter.saveState())
        self.prefs.set(CENTRE_SPLITTER_STATE, self.centre_splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window_state()
        self.undo_stack.clear()
        if self.store is not None:
            self.caseload.model.set_store(None)
            self.store.close()
            self.store = None
        super().closeEvent(event)
