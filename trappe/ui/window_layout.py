"""Where the main window's panes sit: the splitters, the staircase's room, the saved layout.

The caseload goes left; the header, the staircase and the history right, with the staircase
able to shrink or collapse so that on a 1366×768 laptop the history, the meeting's notes and
the agreements get the room. The window's size, the dividers and the toolbar are restored at
start and saved on close. Kept apart from the window so that its first-start sizes, which
depend on the screen, are read in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout, QWidget

from trappe.ui.actions import ActionId
from trappe.ui.preferences import (
    CENTRE_SPLITTER_STATE,
    SPLITTER_STATE,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
)
from trappe.ui.window_part import WindowPart

if TYPE_CHECKING:
    from trappe.ui.main_window import MainWindow

MIN_STAIRCASE_HEIGHT = 150  # px: below this the staircase collapses instead


class WindowLayout(WindowPart):
    """Builds the window's pages and splitters from its panes, and keeps their sizes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._default_split = False
        self._staircase_height = 0
        # The staircase can shrink, or collapse entirely (Vis → Vis trappen, or dragging the
        # divider up); the header always shows who it is. The staircase and the history are
        # built after the first paint: until then two empty places hold their room, so the
        # saved layout is restored now and kept when they arrive (``place_citizen_panes``).
        self.centre_splitter = QSplitter(Qt.Orientation.Vertical, window)
        self.centre_splitter.setObjectName("centre_splitter")
        for name in ("staircase_place", "history_place"):
            place = QWidget(window)
            place.setObjectName(name)
            self.centre_splitter.addWidget(place)
        self.centre_splitter.widget(0).setMinimumHeight(MIN_STAIRCASE_HEIGHT)
        self.centre_splitter.setStretchFactor(0, 3)
        self.centre_splitter.setStretchFactor(1, 2)
        self.centre_splitter.setCollapsible(0, True)
        self.centre_splitter.setCollapsible(1, False)
        self.centre_splitter.splitterMoved.connect(lambda *_: self.staircase_shown_changed())
        centre = QWidget(window)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(6, 6, 6, 0)
        centre_layout.addWidget(window.header)
        centre_layout.addWidget(self.centre_splitter, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, window)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(window.caseload)
        self.splitter.addWidget(centre)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.splitterMoved.connect(self._user_split)
        self.pages = QStackedWidget(window)
        self.pages.addWidget(self.splitter)

    def place_citizen_panes(self, staircase_view: QWidget, history: QWidget) -> None:
        """Put the staircase and the history where their empty places were, at their sizes."""
        staircase_view.setMinimumHeight(MIN_STAIRCASE_HEIGHT)
        sizes = self.centre_splitter.sizes()
        for index, pane in enumerate((staircase_view, history)):
            self.centre_splitter.replaceWidget(index, pane).deleteLater()
        self.centre_splitter.setSizes(sizes)

    def _user_split(self, *_: object) -> None:
        self._default_split = False

    # -- the staircase's room --------------------------------------------------------------------
    def show_staircase(self, on: bool) -> None:
        """Show the staircase above the history, or collapse it to give the history room."""
        sizes = self.centre_splitter.sizes()
        total = sum(sizes)
        if on and sizes[0] == 0:
            height = self._staircase_height or round(total * 0.55)
            self.centre_splitter.setSizes([height, max(1, total - height)])
        elif not on and sizes[0] > 0:
            self._staircase_height = sizes[0]
            self.centre_splitter.setSizes([0, total])
        self.staircase_shown_changed(say=True)

    def staircase_shown(self) -> bool:
        return self.centre_splitter.sizes()[0] > 0

    def staircase_shown_changed(self, *, say: bool = False) -> None:
        """Keep Vis → Vis trappen in step with the divider, and say what happened."""
        action = self.window.actions_by_id[ActionId.SHOW_STAIRCASE]
        shown = self.staircase_shown()
        if action.isChecked() != shown:
            action.blockSignals(True)
            action.setChecked(shown)
            action.blockSignals(False)
            say = True
        if say and self.window.isVisible():
            self.window.confirm(
                self.tr("Trappen er vist.") if shown else self.tr("Trappen er skjult.")
            )

    # -- the saved layout ------------------------------------------------------------------------
    def restore(self) -> None:
        """The window's size, toolbar and dividers as last saved, or first-start defaults."""
        window, prefs = self.window, self.window.prefs
        geometry = prefs.get(WINDOW_GEOMETRY)
        if geometry.isEmpty() or not window.restoreGeometry(geometry):
            self._default_geometry()
        state = prefs.get(WINDOW_STATE)
        if not state.isEmpty():
            window.restoreState(state)
        splitter = prefs.get(SPLITTER_STATE)
        if splitter.isEmpty() or not self.splitter.restoreState(splitter):
            self._default_split = True
        centre = prefs.get(CENTRE_SPLITTER_STATE)
        if centre.isEmpty() or not self.centre_splitter.restoreState(centre):
            # On a laptop screen (768 px high) history, notes and agreements get half.
            screen = window.screen() or QGuiApplication.primaryScreen()
            small = screen is not None and screen.availableGeometry().height() < 900
            self.centre_splitter.setSizes([400, 400] if small else [440, 340])
        self.staircase_shown_changed()

    def _default_geometry(self) -> None:
        """First start: 1280×800, but never larger than the screen; maximised on a laptop."""
        window = self.window
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            window.resize(1280, 800)
            return
        available = screen.availableGeometry()
        window.resize(min(1280, available.width()), min(800, available.height()))
        if available.width() < 1400 or available.height() < 860:
            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)

    def window_resized(self) -> None:
        if self._default_split:
            # Until the user moves the divider (or a saved layout exists), the caseload
            # gets about a third of the width, at least 560 px.
            width = self.window.width()
            left = max(560, round(width * 0.32))
            self.splitter.setSizes([left, max(300, width - left)])

    def save(self) -> None:
        """Remember the window's size, toolbar and dividers (dialogue mode left first)."""
        window, prefs = self.window, self.window.prefs
        if window.dialogue.active:
            window.set_dialogue_mode(False)
        prefs.set(WINDOW_GEOMETRY, window.saveGeometry())
        prefs.set(WINDOW_STATE, window.saveState())
        prefs.set(SPLITTER_STATE, self.splitter.saveState())
        prefs.set(CENTRE_SPLITTER_STATE, self.centre_splitter.saveState())
