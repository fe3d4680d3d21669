"""The open database: opening, creating, switching, the recent list, the first start.

``DatabaseController`` owns the window's ``store`` and ``staircase`` (kept as attributes of the
window, where the panes and operations read them) and tells the panes when either changes.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from trappe.model import staircase
from trappe.model.errors import StoreError, TrappeError
from trappe.model.store import Store, open_store
from trappe.ui.preferences import RECENT_DATABASES
from trappe.ui.window_part import WindowPart

if TYPE_CHECKING:
    from trappe.ui.main_window import MainWindow

log = logging.getLogger("trappe.ui.window")


class DatabaseController(WindowPart):
    def __init__(self, window: MainWindow, recent_menu: QMenu) -> None:
        super().__init__(window)
        self.recent_menu = recent_menu

    def open_database(self, path: Path | str, *, first_start: bool = True) -> bool:
        """Open ``path`` (creating it if new); a ``StoreError`` is shown, the window stays."""
        w = self.window
        # Absolute, so "last used" and the recent list work from any working directory.
        path = Path(path).expanduser().absolute()
        try:
            store = open_store(path, w.prefs.actor(), seed=False)
        except StoreError as exc:
            log.warning("cannot open %s: %s", path, exc.message)
            QMessageBox.critical(w, self.tr("Databasen kan ikke åbnes"), exc.message)
            return False
        self.set_store(store)
        w.prefs.add_recent(str(path))
        self.update_recent_menu()
        if first_start:
            self.first_start()
        return True

    def set_store(self, store: Store | None) -> None:
        """Use ``store`` (closing the previous one); the undo history is cleared."""
        w = self.window
        old, w.store = w.store, store
        if old is not None and old is not store:
            old.close()
        w.undo_stack.clear()
        w.record = None
        try:
            w.staircase = staircase.load_staircase(store) if store else None
            w.caseload.set_store(store)
        except TrappeError as exc:
            self.show_error(exc.message)
        w.show_record(None)
        self.update_title()

    def first_start(self) -> None:
        """A new user or an empty database gets the welcome (``trappe.ui.welcome``)."""
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
        w.staircase = staircase.load_staircase(w.store)
        w.caseload.reload_choices()
        w.caseload.refresh()
        w.reload_record()

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window,
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
        store = self.window.store
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Åbn Trappe-database"),
            str(Path(store.path).parent) if store else str(Path.home()),
            self.tr("Trappe-database (*.sqlite *.db);;Alle filer (*)"),
        )
        if path:
            self.open_database(Path(path))

    def update_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.window.prefs.get(RECENT_DATABASES)
        for p in recent:
            act = self.recent_menu.addAction(p)
            act.triggered.connect(lambda _=False, path=p: self.open_database(Path(path)))
        self.recent_menu.setEnabled(bool(recent))

    def update_title(self) -> None:
        store = self.window.store
        name = store.path.name if store else self.tr("ingen database")
        self.window.setWindowTitle(f"Trappe — {name}")
