"""Every action of the main window, declared once (docs/architecture.md, "The layers").

``ActionId`` names the actions; one small factory per action sets its text, standard
shortcut and status tip. The window connects handlers by id and builds its menus and toolbar
from ``MENUS`` and ``TOOLBAR``, so menus, toolbar and shortcuts cannot drift apart.

The file is over 500 lines because it is that one declaration: some forty actions of a dozen
lines each. Split up, the list that keeps menus and shortcuts in step would be in pieces.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence


class ActionId(Enum):
    NEW_DATABASE = "new_database"
    OPEN_DATABASE = "open_database"
    PRINT = "print"
    PRINT_BATCH = "print_batch"
    SETTINGS = "settings"
    QUIT = "quit"
    UNDO = "undo"
    REDO = "redo"
    FIND = "find"
    NEW_CITIZEN = "new_citizen"
    EDIT_CITIZEN = "edit_citizen"
    RECORD_MEETING = "record_meeting"
    COPY_JOURNAL_NOTE = "copy_journal_note"
    SEND_INVITATION = "send_invitation"
    COMPARE_MEETINGS = "compare_meetings"
    CLOSE_CITIZEN = "close_citizen"
    REOPEN_CITIZEN = "reopen_citizen"
    ERASE_CITIZEN = "erase_citizen"
    EXPORT_CITIZEN_DATA = "export_citizen_data"
    RETENTION = "retention"
    ACCESS_LOG = "access_log"
    DIALOGUE_MODE = "dialogue_mode"
    SHOW_STAIRCASE = "show_staircase"
    OVERVIEW = "overview"
    HANDOVER_EXPORT = "handover_export"
    HANDOVER_IMPORT = "handover_import"
    USER_GUIDE = "user_guide"
    ABOUT = "about"
    BACKUP_NOW = "backup_now"
    RESTORE_BACKUP = "restore_backup"
    CHANGE_PASSPHRASE = "change_passphrase"
    ENCRYPT_DATABASE = "encrypt_database"
    EXPORT_PLAIN = "export_plain"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a string for lupdate without translating it here."""
    return text


def _make(
    parent: QObject,
    text: str,
    tip: str = "",
    shortcut: QKeySequence.StandardKey | str | None = None,
    icon: str = "",
) -> QAction:
    # (By keyword: the positional overloads make PySide build QIcon's Python type to try the
    # one taking an icon, some 3 ms before the first paint.)
    action = QAction(text=text, parent=parent)
    if isinstance(shortcut, QKeySequence.StandardKey):
        action.setShortcuts(shortcut)
    elif shortcut:
        action.setShortcuts([key(shortcut)])
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tooltip(tip, action))
    if icon:
        action.setProperty(_ICON, icon)  # (shown in menus only: set after the first paint)
    return action


_ICON = "trappe_icon"  # an action's icon's name in the desktop's theme


def set_icons(actions: Iterable[QAction]) -> None:
    """Give the actions their icons from the desktop's theme. The window does this just after
    its first paint: the toolbar shows text only, so no icon is in that frame, and making
    ``QIcon``'s Python type (its many enums) costs some 3 ms before it."""
    from PySide6.QtGui import QIcon

    for action in actions:
        name = action.property(_ICON)
        if name:
            action.setIcon(QIcon.fromTheme(name))


def key(text: str) -> QKeySequence:
    """A shortcut from its text ("Ctrl+E"). Made and set without the overloads that take a
    ``Qt.Key``: trying those makes PySide build the ``Qt`` namespace's enums (some 30 ms,
    before the window's first paint)."""
    return QKeySequence.fromString(text)


def tooltip(tip: str, action: QAction) -> str:
    """What a toolbar button says when the mouse rests on it: the tip and the shortcut."""
    key = action.shortcut()
    if key.isEmpty():
        return tip
    return f"{tip} ({key.toString(QKeySequence.SequenceFormat.NativeText)})"


# One factory per action: text, tip, standard shortcut. Source strings are Danish.
def _new_database(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Ny database…"),
        QCoreApplication.translate("Actions", "Opret en ny, tom Trappe-database"),
        "Ctrl+Shift+N",
    )


def _open_database(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "Å&bn database…"),
        QCoreApplication.translate("Actions", "Åbn en anden Trappe-database"),
        QKeySequence.StandardKey.Open,
    )


def _print(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Udskriv dialogark…"),
        QCoreApplication.translate(
            "Actions", "Vis og udskriv dialogarket for den valgte borger (eller et tomt ark)"
        ),
        QKeySequence.StandardKey.Print,
        "document-print",
    )


def _print_batch(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "Udskriv dialogark for &udvalgte…"),
        QCoreApplication.translate(
            "Actions", "Udskriv dialogark for alle borgere i den viste liste"
        ),
    )


def _settings(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Indstillinger…"),
        QCoreApplication.translate("Actions", "Bruger, kommune, trappe og målgrupper"),
        QKeySequence.StandardKey.Preferences,
    )


def _quit(p: QObject) -> QAction:
    action = _make(
        p,
        QCoreApplication.translate("Actions", "&Afslut"),
        QCoreApplication.translate("Actions", "Luk Trappe"),
        QKeySequence.StandardKey.Quit,
    )
    if not action.shortcuts():  # not every platform has a standard Quit key
        action.setShortcuts([key("Ctrl+Q")])
    action.setMenuRole(QAction.MenuRole.QuitRole)
    return action


def _undo(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Fortryd"),
        QCoreApplication.translate("Actions", "Fortryd den seneste ændring"),
        QKeySequence.StandardKey.Undo,
    )


def _redo(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Gentag"),
        QCoreApplication.translate("Actions", "Gentag det fortrudte"),
        QKeySequence.StandardKey.Redo,
    )


def _find(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Søg borger"),
        QCoreApplication.translate("Actions", "Gå til søgefeltet"),
        QKeySequence.StandardKey.Find,
    )


def _new_citizen(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Ny borger…"),
        QCoreApplication.translate("Actions", "Opret en ny borger"),
        QKeySequence.StandardKey.New,
        "contact-new",
    )


def _edit_citizen(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Redigér borger…"),
        QCoreApplication.translate("Actions", "Ret oplysninger om den valgte borger"),
        "Ctrl+E",
    )


def _record_meeting(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "Registrér &møde…"),
        QCoreApplication.translate(
            "Actions", "Registrér en dialogsamtale med placering og aftaler"
        ),
        QKeySequence.StandardKey.Save,
    )


def _copy_journal_note(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "Kopiér &journalnotat"),
        QCoreApplication.translate(
            "Actions",
            "Kopiér et kort notat om det valgte møde (ellers det seneste) til journalen",
        ),
        "Ctrl+Shift+C",
    )


def _send_invitation(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "Send møde&indkaldelse (.ics)…"),
        QCoreApplication.translate(
            "Actions", "Gem en kalenderfil til næste samtale, som Outlook og Thunderbird åbner"
        ),
        "Ctrl+Shift+I",
    )


def _compare_meetings(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "Sa&mmenlign møder…"),
        QCoreApplication.translate(
            "Actions",
            "To møder på én trappe: trin og dage imellem; udskriv «Din vej indtil nu»",
        ),
    )


def _close_citizen(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Afslut forløb…"),
        QCoreApplication.translate("Actions", "Afslut borgerens forløb med en årsag"),
    )


def _reopen_citizen(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Genåbn forløb"),
        QCoreApplication.translate("Actions", "Genåbn et afsluttet forløb"),
    )


def _erase_citizen(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Slet borger helt…"),
        QCoreApplication.translate("Actions", "Slet borgeren og alt om borgeren permanent"),
    )


def _export_citizen_data(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Udlevér data …"),
        QCoreApplication.translate(
            "Actions", "Alt om borgeren og adgangsloggen som PDF og JSON (anmodning om indsigt)"
        ),
    )


def _retention(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "Sletning efter &frist …"),
        QCoreApplication.translate(
            "Actions", "Vis og slet afsluttede forløb, der er ud over kommunens slettefrist"
        ),
    )


def _access_log(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Adgangslog"),
        QCoreApplication.translate(
            "Actions", "Hvem har åbnet, søgt, ændret og udleveret (teamleder og DPO)"
        ),
    )


def _dialogue_mode(p: QObject) -> QAction:
    action = _make(
        p,
        QCoreApplication.translate("Actions", "&Dialogtilstand"),
        QCoreApplication.translate(
            "Actions", "Fuld skærm med kun denne borgers trappe, til samtalen (Esc forlader)"
        ),
        QKeySequence.StandardKey.FullScreen,
    )
    keys = [key("F11"), *action.shortcuts()]
    unique: list[QKeySequence] = []
    for k in keys:
        if k not in unique:
            unique.append(k)
    action.setShortcuts(unique)
    action.setCheckable(True)
    return action


def _show_staircase(p: QObject) -> QAction:
    action = _make(
        p,
        QCoreApplication.translate("Actions", "Vis &trappen"),
        QCoreApplication.translate(
            "Actions", "Skjul trappen for at give historik, mødenotater og aftaler mere plads"
        ),
        "Ctrl+Shift+T",
    )
    action.setCheckable(True)
    action.setChecked(True)
    return action


def _overview(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Overblik…"),
        QCoreApplication.translate(
            "Actions", "Teamlederens overblik: andel, trin, strømme, opfølgning og rapport"
        ),
        "Ctrl+Shift+O",
    )


def _handover_export(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Overdrag forløb…"),
        QCoreApplication.translate(
            "Actions", "Skriv borgerens hele forløb til en krypteret fil til en kollega"
        ),
    )


def _handover_import(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Importér forløb…"),
        QCoreApplication.translate("Actions", "Læs et forløb, som en kollega har overdraget"),
    )


def _user_guide(p: QObject) -> QAction:
    action = _make(
        p,
        QCoreApplication.translate("Actions", "&Brugervejledning"),
        QCoreApplication.translate("Actions", "Sådan bruger du Trappe"),
        QKeySequence.StandardKey.HelpContents,
    )
    if key("F1") not in action.shortcuts():
        action.setShortcuts([key("F1"), *action.shortcuts()])
    return action


def _about(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Om Trappe"),
        QCoreApplication.translate("Actions", "Om programmet"),
    )


def _backup_now(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Tag sikkerhedskopi nu"),
        QCoreApplication.translate(
            "Actions", "Gem en kontrolleret kopi af databasen i mappen backups"
        ),
    )


def _restore_backup(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Gendan fra sikkerhedskopi…"),
        QCoreApplication.translate(
            "Actions", "Sæt en tidligere sikkerhedskopi i stedet for databasen"
        ),
    )


def _change_passphrase(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "Skift &adgangsfrase…"),
        QCoreApplication.translate("Actions", "Kryptér databasen under en ny adgangsfrase"),
    )


def _encrypt_database(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "&Kryptér databasen…"),
        QCoreApplication.translate("Actions", "Gør en ukrypteret database krypteret"),
    )


def _export_plain(p: QObject) -> QAction:
    return _make(
        p,
        QCoreApplication.translate("Actions", "Gem &ukrypteret kopi…"),
        QCoreApplication.translate("Actions", "En ukrypteret kopi af databasen, f.eks. til IT"),
    )


FACTORIES: dict[ActionId, Callable[[QObject], QAction]] = {
    ActionId.NEW_DATABASE: _new_database,
    ActionId.OPEN_DATABASE: _open_database,
    ActionId.PRINT: _print,
    ActionId.PRINT_BATCH: _print_batch,
    ActionId.SETTINGS: _settings,
    ActionId.QUIT: _quit,
    ActionId.UNDO: _undo,
    ActionId.REDO: _redo,
    ActionId.FIND: _find,
    ActionId.NEW_CITIZEN: _new_citizen,
    ActionId.EDIT_CITIZEN: _edit_citizen,
    ActionId.RECORD_MEETING: _record_meeting,
    ActionId.COPY_JOURNAL_NOTE: _copy_journal_note,
    ActionId.SEND_INVITATION: _send_invitation,
    ActionId.COMPARE_MEETINGS: _compare_meetings,
    ActionId.CLOSE_CITIZEN: _close_citizen,
    ActionId.REOPEN_CITIZEN: _reopen_citizen,
    ActionId.ERASE_CITIZEN: _erase_citizen,
    ActionId.EXPORT_CITIZEN_DATA: _export_citizen_data,
    ActionId.RETENTION: _retention,
    ActionId.ACCESS_LOG: _access_log,
    ActionId.DIALOGUE_MODE: _dialogue_mode,
    ActionId.SHOW_STAIRCASE: _show_staircase,
    ActionId.OVERVIEW: _overview,
    ActionId.HANDOVER_EXPORT: _handover_export,
    ActionId.HANDOVER_IMPORT: _handover_import,
    ActionId.USER_GUIDE: _user_guide,
    ActionId.ABOUT: _about,
    ActionId.BACKUP_NOW: _backup_now,
    ActionId.RESTORE_BACKUP: _restore_backup,
    ActionId.CHANGE_PASSPHRASE: _change_passphrase,
    ActionId.ENCRYPT_DATABASE: _encrypt_database,
    ActionId.EXPORT_PLAIN: _export_plain,
}

# Menus: (title, items); None is a separator, "recent" is the recent-files submenu.
MENUS: list[tuple[str, list[ActionId | str | None]]] = [
    (
        "&Filer",
        [
            ActionId.NEW_DATABASE,
            ActionId.OPEN_DATABASE,
            "recent",
            None,
            ActionId.BACKUP_NOW,
            ActionId.RESTORE_BACKUP,
            ActionId.CHANGE_PASSPHRASE,
            ActionId.ENCRYPT_DATABASE,
            ActionId.EXPORT_PLAIN,
            None,
            ActionId.PRINT,
            ActionId.PRINT_BATCH,
            None,
            ActionId.SETTINGS,
            None,
            ActionId.QUIT,
        ],
    ),
    ("&Redigér", [ActionId.UNDO, ActionId.REDO, None, ActionId.FIND]),
    (
        "&Borger",
        [
            ActionId.NEW_CITIZEN,
            ActionId.EDIT_CITIZEN,
            ActionId.RECORD_MEETING,
            ActionId.COPY_JOURNAL_NOTE,
            ActionId.SEND_INVITATION,
            ActionId.COMPARE_MEETINGS,
            ActionId.EXPORT_CITIZEN_DATA,
            None,
            ActionId.HANDOVER_EXPORT,
            ActionId.HANDOVER_IMPORT,
            None,
            ActionId.CLOSE_CITIZEN,
            ActionId.REOPEN_CITIZEN,
            ActionId.ERASE_CITIZEN,
            ActionId.RETENTION,
        ],
    ),
    (
        "&Vis",
        [
            ActionId.DIALOGUE_MODE,
            ActionId.SHOW_STAIRCASE,
            ActionId.OVERVIEW,
            None,
            ActionId.ACCESS_LOG,
        ],
    ),
    ("&Hjælp", [ActionId.USER_GUIDE, None, ActionId.ABOUT]),
]

TOOLBAR: list[ActionId | None] = [
    ActionId.NEW_CITIZEN,
    ActionId.RECORD_MEETING,
    None,
    ActionId.UNDO,
    ActionId.REDO,
    None,
    ActionId.PRINT,
    ActionId.DIALOGUE_MODE,
]


def menu_title(title: str) -> str:
    """The translated title of a menu in ``MENUS``."""
    return QCoreApplication.translate("Actions", title)


# Menu titles, listed for lupdate (MENUS holds the source strings).
_MENU_TITLES = (
    QT_TRANSLATE_NOOP("Actions", "&Filer"),
    QT_TRANSLATE_NOOP("Actions", "&Redigér"),
    QT_TRANSLATE_NOOP("Actions", "&Borger"),
    QT_TRANSLATE_NOOP("Actions", "&Vis"),
    QT_TRANSLATE_NOOP("Actions", "&Hjælp"),
)


def create_actions(parent: QObject) -> dict[ActionId, QAction]:
    """One QAction per ``ActionId``, parented to ``parent`` (the window)."""
    actions = {}
    for action_id in ActionId:
        action = FACTORIES[action_id](parent)
        action.setObjectName(f"action_{action_id.value}")
        actions[action_id] = action
    return actions
