"""The open database: opening, creating, switching, the recent list, the first start.

``DatabaseController`` owns the window's ``store`` and ``staircase`` (kept as attributes of the
window, where the panes and operations read them) and tells the panes when either changes.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMenu

from trappe.model.cipher_key import CipherKey
from trappe.model.errors import DatabaseDamaged, StoreError, TrappeError, WrongPassphrase
from trappe.model.opening import is_encrypted
from trappe.model.staircase_reading import load_staircase
from trappe.model.store import Store, open_store
from trappe.ui.after_paint import after_first_paint
from trappe.ui.preferences import RECENT_DATABASES, USER_NAME
from trappe.ui.window_part import WindowPart

if TYPE_CHECKING:
    from trappe.ui.main_window import MainWindow

log = logging.getLogger("trappe.ui.window")


def _passphrase() -> Any:
    """The passphrase dialog and keyring (imported when a file is encrypted: off the start
    path)."""
    from trappe.ui import passphrase

    return passphrase


def needs_welcome(window: MainWindow) -> bool:
    """A new user (no name yet) or a database without a staircase is welcomed."""
    return not window.prefs.get(USER_NAME) or (
        window.staircase is not None and not window.staircase.steps
    )


class DatabaseController(WindowPart):
    def __init__(self, window: MainWindow, recent_menu: QMenu) -> None:
        super().__init__(window)
        self.recent_menu = recent_menu
        self._failures: dict[Path, int] = {}  # wrong passphrases per file, this session
        self._damage_read = False  # reading a file whose check waits found it damaged

    def open_database(
        self,
        path: Path | str,
        *,
        first_start: bool = True,
        create: bool = False,
        key: CipherKey | str | None = None,
        check_later: bool = False,
    ) -> bool:
        """Open ``path`` (``create``: make it if missing, encrypted with ``key`` if given); an
        encrypted file asks for its passphrase unless the keyring remembers its raw key; a
        ``StoreError`` is shown, the window stays. A damaged file gets the offer of its
        newest good backup. ``key``: a passphrase or a raw key (the caller's, not wiped).

        ``check_later`` (the start, whose window shows the list first): the small tables'
        check runs just after the window's first paint, before anything is written to the
        file (the start list's access-log entry is the first write); a damaged file is then
        closed unwritten and gets the same offer (``check_opened``)."""
        w = self.window
        # Absolute, so "last used" and the recent list work from any working directory.
        path = Path(path).expanduser().absolute()
        if w.store is not None and w.store.path == path:
            return True  # already open (opening it again would only re-read the same file)
        encrypted = key is None and is_encrypted(path)
        remember_it = False
        stored = _passphrase().remembered(path) if encrypted else None
        try:
            if encrypted:
                key = stored
            error = ""
            while True:
                if encrypted and key is None:
                    failures = self._failures.get(path, 0)
                    answer = _passphrase().ask(w, path, failures=failures, error=error)
                    if answer is None or answer.passphrase is None:
                        return False
                    key, remember_it = answer.passphrase, answer.remember
                try:
                    store = open_store(
                        path,
                        w.prefs.actor(),
                        seed=False,
                        create=create,
                        key=key,
                        check_later=check_later,
                    )
                except WrongPassphrase as exc:
                    log.warning("wrong passphrase for %s", path)
                    self._failures[path] = self._failures.get(path, 0) + 1
                    if stored is not None and key is stored:
                        _passphrase().remember(path, None)  # a stale remembered one
                    key, error = None, exc.message
                    if not encrypted:
                        from PySide6.QtWidgets import QMessageBox

                        QMessageBox.critical(w, self.tr("Databasen kan ikke åbnes"), exc.message)
                        return False
                    continue
                except DatabaseDamaged as exc:
                    log.warning("damaged database %s: %s", path, exc.message)
                    return w.backups.offer_restore_damaged(path, key)
                except StoreError as exc:
                    log.warning("cannot open %s: %s", path, exc.message)
                    from PySide6.QtWidgets import QMessageBox

                    QMessageBox.critical(w, self.tr("Databasen kan ikke åbnes"), exc.message)
                    return False
                break
        finally:
            if isinstance(stored, CipherKey):
                stored.wipe()  # the store has its own copy
        self._failures.pop(path, None)
        # Remember the raw key, never the passphrase; an earlier Trappe's remembered
        # passphrase is replaced by the raw key here.
        if store.key is not None and (remember_it or (isinstance(stored, str) and key is stored)):
            _passphrase().remember(path, store.key)
        if store.check_pending:  # queued before the search's log entry: checked first
            self._damage_read = False
            after_first_paint(w, lambda: self.check_opened(store))
        self.set_store(store)
        w.prefs.add_recent(str(path))
        self.update_recent_menu()
        if first_start:
            self.first_start()
        return True

    def set_store(self, store: Store | None) -> None:
        """Use ``store`` (closing the previous one); the undo history is cleared."""
        w = self.window
        w.caseload.log_pending_search()  # (into the file it was made in)
        old, w.store = w.store, store
        if old is not None and old is not store:
            old.close()
        w.undo_stack.clear()
        w.record = None
        try:
            w.staircase = load_staircase(store) if store else None
            w.caseload.set_store(store, w.staircase)
        except DatabaseDamaged as exc:
            if store is None or not store.check_pending:
                self.show_error(exc.message)
            self._damage_read = True  # (told by ``check_opened``, with the offer of a backup)
        except TrappeError as exc:
            self.show_error(exc.message)
        w.show_record(None)
        self.update_title()

    def check_opened(self, store: Store) -> None:
        """The check ``open_database(check_later=True)`` left for after the first paint: a
        damaged file is closed without anything written to it (the start list's search
        is not logged into it) and the newest good backup is offered."""
        w = self.window
        if w.store is not store or not store.check_pending:
            return
        damaged = self._damage_read
        try:
            store.verify()
        except DatabaseDamaged:
            damaged = True
        if not damaged:
            return
        log.warning("damaged database %s (found after the first paint)", store.path)
        path, key = store.path, store.key.copy() if store.key is not None else None
        try:
            w.caseload.drop_pending_search()  # its log entry cannot go into a damaged file
            self.set_store(None)
            w.backups.offer_restore_damaged(path, key)
        finally:
            if key is not None:
                key.wipe()

    def first_start(self) -> None:
        """A new user or an empty database gets the welcome (``trappe.ui.welcome``)."""
        if not needs_welcome(self.window):
            return  # (the welcome's module stays unloaded: off the start path)
        from trappe.ui.welcome import run_welcome

        try:
            run_welcome(self.window)
        except TrappeError as exc:
            self.show_error(exc.message)

    def reload_staircase(self) -> None:
        """After the staircase, target groups or the user changed (settings)."""
        w = self.window
        if w.store is None:
            return
        w.store.actor = w.prefs.actor()
        w.staircase = load_staircase(w.store)
        w.caseload.reload_choices()
        w.caseload.refresh()
        w.reload_record()

    def new_database(self) -> None:
        from trappe.ui import file_dialogs  # (off the start path)

        target = file_dialogs.ask_new_database(self.window)
        if target is None:
            return
        if target.exists() and target.stat().st_size > 0:
            self.show_error(
                self.tr(
                    "Filen «%1» findes allerede. Vælg et nyt navn, eller åbn den med Åbn database."
                ).replace("%1", target.name)
            )
            return
        # Encrypted by default: the passphrase twice (a training database may go without).
        answer = _passphrase().ask(self.window, target, new=True, allow_plain=True)
        if answer is None:
            return
        opened = self.open_database(
            target, create=True, key=None if answer.plain else answer.passphrase
        )
        store = self.window.store
        if opened and answer.remember and store is not None and store.key is not None:
            _passphrase().remember(store.path, store.key)

    def choose_database(self) -> None:
        from trappe.paths import default_database_path
        from trappe.ui import file_dialogs

        store = self.window.store
        # The open database's folder, unless it is the hidden default data folder.
        folder = None
        if store is not None and store.path.parent != default_database_path().parent:
            folder = store.path.parent
        path = file_dialogs.ask_open_database(self.window, folder)
        if path is not None:
            self.open_database(path)

    def update_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.window.prefs.get(RECENT_DATABASES)
        for p in recent:
            act = self.recent_menu.addAction(p)
            act.triggered.connect(lambda _=False, path=p: self.open_database(Path(path)))
        self.recent_menu.setEnabled(bool(recent))

    def update_title(self) -> None:
        """ "trappe.sqlite — Trappe": the platform adds the application's name to a title
        that does not already end with it, so the name goes last, once."""
        store = self.window.store
        name = store.path.name if store else self.tr("ingen database")
        if store is not None and store.key is None:
            name += " " + self.tr("(ukrypteret)")  # a demo or training database, marked
        self.window.setWindowTitle(f"{name} — Trappe")
