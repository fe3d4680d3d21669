"""The main window's actions: what each one runs, where it shows, and when it is enabled.

Every action is declared once in ``actions.py`` (text, shortcut, tooltip); this part connects
each to its handler (one line per action, in ``_connect``), puts them in the menus and the
toolbar, and enables what makes sense now: a database, a citizen, dialogue mode, a meeting in
progress, something to undo. Parts used rarely (compare, handover, privacy, help, overview)
are imported when their action is first triggered, off the start path.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QToolBar, QWidget

from trappe.model.entities import Status
from trappe.ui.actions import MENUS, TOOLBAR, ActionId, menu_title, tooltip
from trappe.ui.window_part import WindowPart

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QAction


class WindowActions(WindowPart):
    """Connects the window's actions (made by ``create_actions``) and keeps them enabled right."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._shown: tuple | None = None  # what ``update_enabled`` set last
        self._ordered: list | None = None  # the actions in ``ENABLED_ORDER``
        # The toolbar's buttons by their actions, once the window has painted (``name_buttons``)
        self._buttons: dict[QAction, QWidget] | None = None
        self._quiet: QObject | None = None  # the filter ``_set_enabled`` lends the toolbar

    def install(self) -> QToolBar:
        """Connect every action, put them in the window, the menus and a new toolbar."""
        w = self.window
        self._connect()
        # Shortcuts must work while menus and toolbar are hidden (dialogue mode), so the
        # window itself carries every action too.
        w.addActions(list(w.actions_by_id.values()))
        self._build_menus()
        toolbar = QToolBar(self.tr("Værktøjslinje"), w)
        toolbar.setObjectName("main_toolbar")
        toolbar.setProperty("toolButtonStyle", 1)  # ToolButtonTextOnly (no ``Qt`` enums at start)
        for item in TOOLBAR:
            if item is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(w.actions_by_id[item])
        w.addToolBar(toolbar)
        return toolbar

    def name_buttons(self) -> None:
        """Name the buttons Qt makes without a name: the toolbar's "more" button and the
        search's clear button (just after the first paint: reaching them from Python makes
        QToolButton's Python type, some 2 ms)."""
        from PySide6.QtWidgets import QToolButton

        w = self.window
        for button in w.toolbar.findChildren(QToolButton, "qt_toolbar_ext_button"):
            button.setAccessibleName(self.tr("Flere knapper"))
        w.caseload.name_clear_button()
        toolbar = w.toolbar
        self._buttons = {
            action: button
            for action in toolbar.actions()
            if isinstance(button := toolbar.widgetForAction(action), QToolButton)
        }

    def _connect(self) -> None:
        """Each action's handler: one line per action (declared in ``actions.py``)."""
        w = self.window
        handlers: dict[ActionId, Callable[[], Any]] = {
            ActionId.NEW_DATABASE: w.database.new_database,
            ActionId.OPEN_DATABASE: w.database.choose_database,
            ActionId.PRINT: lambda: w.sheet_ops.print_sheet(),
            ActionId.PRINT_BATCH: lambda: w.sheet_ops.print_batch(),
            ActionId.SETTINGS: w.open_settings,
            ActionId.QUIT: w.close,
            ActionId.UNDO: w.undo,
            ActionId.REDO: w.redo,
            ActionId.FIND: w.caseload.focus_search,
            ActionId.NEW_CITIZEN: lambda: w.citizen_ops.new_citizen(),
            ActionId.EDIT_CITIZEN: lambda: w.citizen_ops.edit_citizen(),
            ActionId.RECORD_MEETING: lambda: w.meeting_ops.record_meeting(),
            ActionId.COPY_JOURNAL_NOTE: lambda: w.citizen_ops.copy_journal_note(),
            ActionId.SEND_INVITATION: lambda: w.citizen_ops.send_invitation(),
            # (compare view and handover dialogs imported when first used: off the start path)
            ActionId.COMPARE_MEETINGS: lambda: import_module("trappe.ui.compare_view").open_compare(
                w
            ),
            ActionId.CLOSE_CITIZEN: lambda: w.citizen_ops.close_citizen(),
            ActionId.REOPEN_CITIZEN: lambda: w.citizen_ops.reopen_citizen(),
            ActionId.ERASE_CITIZEN: lambda: w.citizen_ops.erase_citizen(),
            ActionId.HANDOVER_EXPORT: lambda: _handover().export_from_window(w),
            ActionId.HANDOVER_IMPORT: lambda: _handover().import_into_window(w),
            ActionId.USER_GUIDE: lambda: import_module("trappe.ui.help").show_guide(w),
            ActionId.EXPORT_CITIZEN_DATA: lambda: _privacy().export_citizen_data(w),
            ActionId.RETENTION: lambda: _privacy().retention(w),
            ActionId.ACCESS_LOG: lambda: _privacy().access_log(w),
            ActionId.ABOUT: w.about,
            ActionId.OVERVIEW: lambda: import_module("trappe.ui.overview").show_overview(w),
            ActionId.BACKUP_NOW: lambda: w.backups.backup_now(),
            ActionId.RESTORE_BACKUP: lambda: w.backups.restore_backup(),
            ActionId.CHANGE_PASSPHRASE: lambda: w.encryption.change_passphrase(),
            ActionId.ENCRYPT_DATABASE: lambda: w.encryption.encrypt_database(),
            ActionId.EXPORT_PLAIN: lambda: w.encryption.export_plain(),
        }
        for action_id, handler in handlers.items():
            w.actions_by_id[action_id].triggered.connect(lambda _=False, h=handler: h())
        w.actions_by_id[ActionId.DIALOGUE_MODE].toggled.connect(w.set_dialogue_mode)
        w.actions_by_id[ActionId.SHOW_STAIRCASE].toggled.connect(w.show_staircase)
        w.undo_stack.canUndoChanged.connect(lambda _: w.update_actions())
        w.undo_stack.canRedoChanged.connect(lambda _: w.update_actions())
        w.undo_stack.undoTextChanged.connect(lambda _: w.update_actions())
        w.undo_stack.redoTextChanged.connect(lambda _: w.update_actions())

    def _build_menus(self) -> None:
        w = self.window
        bar = w.menuBar()
        for title, items in MENUS:
            menu = bar.addMenu(menu_title(title))
            for item in items:
                if item is None:
                    menu.addSeparator()
                elif item == "recent":
                    menu.addMenu(w.recent_menu)
                else:
                    menu.addAction(w.actions_by_id[item])  # type: ignore[index]

    def update_enabled(self) -> None:
        """Enable what makes sense now (a database, a citizen, dialogue mode)."""
        w = self.window
        has_store = w.store is not None
        encrypted = has_store and w.store.key is not None
        c = w.record.citizen if w.record else None
        citizen = c is not None
        active = citizen and c.status is Status.ACTIVE
        dialogue = w.dialogue.active
        may = w.dialogue.may_undo_redo
        stack = w.undo_stack
        can_undo, can_redo = stack.canUndo(), stack.canRedo()
        meetings = len(w.record.meetings) if w.record else 0
        free = not dialogue
        # (in ``ENABLED_ORDER``'s order: one value per action)
        enabled = (
            has_store,  # PRINT
            has_store and free,  # PRINT_BATCH
            has_store and free,  # SETTINGS
            has_store and free,  # NEW_CITIZEN
            citizen and free,  # EDIT_CITIZEN
            active,  # RECORD_MEETING
            meetings > 0,  # COPY_JOURNAL_NOTE
            active and free,  # SEND_INVITATION
            meetings >= 2,  # COMPARE_MEETINGS
            active and free,  # CLOSE_CITIZEN
            citizen and not active and free,  # REOPEN_CITIZEN
            citizen and free,  # ERASE_CITIZEN
            citizen and free,  # HANDOVER_EXPORT
            has_store and free,  # HANDOVER_IMPORT
            citizen and free,  # EXPORT_CITIZEN_DATA
            has_store and free,  # RETENTION
            has_store and free,  # ACCESS_LOG
            citizen,  # DIALOGUE_MODE
            has_store and free,  # FIND
            has_store and free,  # OVERVIEW
            free,  # NEW_DATABASE
            free,  # OPEN_DATABASE
            has_store and free,  # BACKUP_NOW
            has_store and free,  # RESTORE_BACKUP
            encrypted and free,  # CHANGE_PASSPHRASE
            has_store and not encrypted and free,  # ENCRYPT_DATABASE
            has_store and free,  # EXPORT_PLAIN
            can_undo and may(-1),  # UNDO
            can_redo and may(0),  # REDO
        )
        # (in meeting mode, the meeting's own buttons and keys rule)
        enabled = _ONLY_DIALOGUE_MODE if w.in_meeting_mode() else tuple(map(bool, enabled))
        # Opening one citizen after another mostly changes nothing here: an action is set
        # only when what it shows differs from what was set last (this part is the only one
        # that sets them), and the undo and redo wording only when the stack's has changed.
        # (the texts only when there is something to undo or redo: the menu does not name
        # anything otherwise, and asking the stack costs a call into Qt each)
        wording = (
            can_undo,
            stack.undoText() if can_undo else "",
            can_redo,
            stack.redoText() if can_redo else "",
        )
        shown = (enabled, wording)
        last = self._shown
        if shown == last:
            return
        self._shown = shown
        actions = self._ordered
        if actions is None:
            actions = self._ordered = [w.actions_by_id[a] for a in ENABLED_ORDER]
        if last is None:
            for action, on in zip(actions, enabled, strict=True):
                action.setEnabled(on)
        elif enabled != last[0]:
            self._set_enabled(
                [
                    (action, on)
                    for action, on, was in zip(actions, enabled, last[0], strict=True)
                    if on is not was
                ]
            )
        if last is None or wording != last[1]:
            self._set_wording(*wording)

    def _set_enabled(self, changes: list[tuple[QAction, bool]]) -> None:
        """Enable or disable these actions; their toolbar buttons follow without the toolbar
        and the window being laid out again.

        An action tells each widget showing it that it changed: the toolbar then lays itself
        out again, and a toolbar button takes everything from its action again (its icon
        too, which asks the toolbar, and so the whole window, to be laid out again). Only
        whether they are enabled changed here, which moves nothing: while these actions are
        set, the toolbar and their buttons are not told (a filter lent to them for that
        moment), and each button is enabled as its action is, as it would have been told.
        """
        buttons = self._buttons
        shown = [] if buttons is None else [(a, buttons[a]) for a, _on in changes if a in buttons]
        if not shown:  # (none on the toolbar, or before the first paint: no filter needed)
            for action, on in changes:
                action.setEnabled(on)
            return
        quiet = self._quiet
        if quiet is None:
            quiet = self._quiet = _quiet_filter()
        quiet.actions = {action for action, _button in shown}  # type: ignore[attr-defined]
        toolbar = self.window.toolbar
        toolbar.installEventFilter(quiet)
        for _action, button in shown:
            button.installEventFilter(quiet)
        try:
            for action, on in changes:
                action.setEnabled(on)
        finally:
            toolbar.removeEventFilter(quiet)
            for _action, button in shown:
                button.removeEventFilter(quiet)
            quiet.actions = set()  # type: ignore[attr-defined]
        for action, button in shown:
            button.setEnabled(action.isEnabled())

    def _set_wording(self, can_undo: bool, undo_text: str, can_redo: bool, redo_text: str) -> None:
        """The menu names what will be undone; the toolbar button keeps its short text."""
        w = self.window
        undo = w.actions_by_id[ActionId.UNDO]
        redo = w.actions_by_id[ActionId.REDO]
        undo.setText(
            self.tr("&Fortryd %1").replace("%1", undo_text).strip()
            if can_undo
            else self.tr("&Fortryd")
        )
        undo.setIconText(self.tr("Fortryd"))
        undo.setToolTip(tooltip(undo.text().replace("&", ""), undo))
        redo.setText(
            self.tr("&Gentag %1").replace("%1", redo_text).strip()
            if can_redo
            else self.tr("&Gentag")
        )
        redo.setIconText(self.tr("Gentag"))
        redo.setToolTip(tooltip(redo.text().replace("&", ""), redo))


# The actions ``update_enabled`` sets, in the order of its values.
ENABLED_ORDER = (
    ActionId.PRINT,
    ActionId.PRINT_BATCH,
    ActionId.SETTINGS,
    ActionId.NEW_CITIZEN,
    ActionId.EDIT_CITIZEN,
    ActionId.RECORD_MEETING,
    ActionId.COPY_JOURNAL_NOTE,
    ActionId.SEND_INVITATION,
    ActionId.COMPARE_MEETINGS,
    ActionId.CLOSE_CITIZEN,
    ActionId.REOPEN_CITIZEN,
    ActionId.ERASE_CITIZEN,
    ActionId.HANDOVER_EXPORT,
    ActionId.HANDOVER_IMPORT,
    ActionId.EXPORT_CITIZEN_DATA,
    ActionId.RETENTION,
    ActionId.ACCESS_LOG,
    ActionId.DIALOGUE_MODE,
    ActionId.FIND,
    ActionId.OVERVIEW,
    ActionId.NEW_DATABASE,
    ActionId.OPEN_DATABASE,
    ActionId.BACKUP_NOW,
    ActionId.RESTORE_BACKUP,
    ActionId.CHANGE_PASSPHRASE,
    ActionId.ENCRYPT_DATABASE,
    ActionId.EXPORT_PLAIN,
    ActionId.UNDO,
    ActionId.REDO,
)
# In meeting mode only dialogue mode's action stays enabled.
_ONLY_DIALOGUE_MODE = tuple(a is ActionId.DIALOGUE_MODE for a in ENABLED_ORDER)


def _quiet_filter() -> QObject:
    """An event filter that keeps from the widgets it is lent the news that one of its
    ``actions`` changed (made when first needed: a ``QObject`` subclass is not on the start
    path)."""
    from PySide6.QtCore import QEvent, QObject

    changed = QEvent.Type.ActionChanged

    class QuietActions(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.actions: set = set()

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            return event.type() == changed and event.action() in self.actions  # type: ignore[attr-defined]

    return QuietActions()


def _privacy() -> Any:
    return import_module("trappe.ui.privacy")


def _handover() -> Any:
    return import_module("trappe.ui.handover_dialogs")
