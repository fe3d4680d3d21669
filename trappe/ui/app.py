"""Starting the GUI: the QApplication, translations, logging, the crash hook and the window.

``run_gui(db_path)`` is what ``trappe --db PATH`` (and plain ``trappe``) calls. Source
strings are Danish, so Danish needs no Trappe translation file, only Qt's own ``qtbase_da``
so standard buttons read "Annuller"; English loads ``trappe_en.qm``. Both ship in
``resources/translations/`` (package data, see ``trappe/paths.py``).
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QTimer,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from trappe.paths import default_database_path, resource_path
from trappe.ui.after_paint import after_first_paint
from trappe.ui.crash import install_excepthook
from trappe.ui.main_window import MainWindow
from trappe.ui.preferences import LANGUAGE, LAST_DATABASE, Preferences

if TYPE_CHECKING:
    from PySide6.QtCore import QMessageLogContext, QtMsgType
    from PySide6.QtGui import QIcon

log = logging.getLogger("trappe.ui")
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
qt_log = logging.getLogger("trappe.qt")


@functools.cache
def _qt_levels() -> dict[QtMsgType, int]:
    """Qt's message types as logging's levels (made with the first message: the enum's
    Python type is not needed before)."""
    from PySide6.QtCore import QtMsgType

    return {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }


def translation_file(name: str) -> Path | None:
    """A shipped ``.qm`` file by name (``trappe_en``), or None when it is not installed."""
    path = resource_path("translations", f"{name}.qm")
    return path if path.is_file() else None


def qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Route Qt's own messages into Python logging (docs/architecture.md, "Settings and logs")."""
    where = f" ({context.file}:{context.line})" if context.file else ""
    qt_log.log(_qt_levels().get(mode, logging.WARNING), "%s%s", message, where)


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load Qt's and Trappe's translations for ``language`` ("da" or "en"); returns them.

    The translators are parented to ``app`` so they live as long as it does.
    """
    loaded: list[QTranslator] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Denmark))
        candidates: Iterator[Path | None] = iter([translation_file("trappe_en")])
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
        candidates = _danish_qt_catalogues()
    for file in candidates:
        if file is None:
            continue
        translator = QTranslator(app)
        if translator.load(str(file)):
            app.installTranslator(translator)
            loaded.append(translator)
            if language != "en":
                break  # one Danish Qt catalogue is enough; the others are fallbacks
        else:
            log.info("translation %s not found", file)
    if not loaded:
        log.info("no translation loaded for %s", language)
    return loaded


def _danish_qt_catalogues() -> Iterator[Path | None]:
    """Qt's own Danish catalogue: our shipped copy first (Qt's own folder may be missing from
    a slim install), then Qt's (its folder looked up only if ours is missing)."""
    yield translation_file("qtbase_da")
    from PySide6.QtCore import QLibraryInfo

    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    yield qt_dir / "qtbase_da.qm"
    yield qt_dir / "qt_da.qm"


def app_icon() -> QIcon:
    """Trappe's icon (resources/icons/, drawn by tools/make_icon.py) in every size shipped."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path("icons", f"trappe-{size}.png")
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (or the existing one), named so QSettings finds our preferences.

    Its windows get Trappe's icon from ``set_app_icon``: ``start`` calls it just after the
    window's first paint (the icon is the desktop's to draw, not in the window's frame, and
    ``QIcon``'s Python type costs some 3 ms before it)."""
    app = QApplication.instance()
    if app is None:
        # Qt's raster engine splits any fill taller than about 100 pixel rows (a scroll bar's
        # groove, a tool bar) over its GUI thread pool and waits for the pieces: two thread
        # wake-ups per fill for a few microseconds of work, and on a busy laptop the wait
        # for the pool's threads to be scheduled is the larger part of repainting a pane.
        # Every fill Trappe draws is small enough to stay on the GUI thread.
        os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
        QCoreApplication.setOrganizationName("Trappe")
        QCoreApplication.setApplicationName("Trappe")
        app = QApplication(list(argv) if argv is not None else sys.argv)
    app.setApplicationDisplayName("Trappe")
    return app  # type: ignore[return-value]


def set_app_icon() -> None:
    """Trappe's icon on every window of the application (and the ones made later)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setWindowIcon(app_icon())


def database_to_open(db_path: Path | None, prefs: Preferences) -> Path:
    """The named database, else the last used one (if it still exists), else the default."""
    if db_path is not None:
        return Path(db_path)
    last = prefs.get(LAST_DATABASE)
    if last and Path(last).exists():
        return Path(last)
    return default_database_path()


def start(db_path: Path | None, prefs: Preferences, *, first_start: bool = True) -> MainWindow:
    """Show the main window and open the database (errors are shown; the window stays).

    ``first_start`` lets an empty database or a new user be welcomed (``trappe.ui.welcome``).
    """
    window = MainWindow(prefs)
    install_excepthook(lambda: window if window.isVisible() else None)
    window.show()
    after_first_paint(window, set_app_icon)
    # Only the default database may be created here; a named file must exist (a typo in
    # --db is refused instead of silently becoming a new, empty database).
    path = database_to_open(db_path, prefs)
    # The small tables' check runs just after the first paint, before the first write.
    opened = window.open_database(
        path, first_start=first_start, create=db_path is None, check_later=True
    )
    if opened:
        # Whether a backup is due is asked once the window is on screen.
        after_first_paint(window, window.enable_auto_backup)
    return window


def check_started(app: QApplication, window: MainWindow) -> None:
    """For ``trappe gui --check-start``: once the window has painted, say so and quit.

    The exit code is 0 only if the window is shown with its database open; nothing waits for
    the user, so installation checks (tests/ship/) can start the real program unattended.
    """
    window.repaint()
    ok = window.isVisible() and window.store is not None
    print(f"Trappe startede: {window.store.path if window.store else 'ingen database'}")
    window.close()
    app.exit(0 if ok else 1)


def run_gui(
    db_path: Path | None = None, *, prefs: Preferences | None = None, check_start: bool = False
) -> int:
    """Run Trappe's GUI until the user quits; returns the exit code.

    ``check_start`` opens the window and the database without the first-run welcome, then quits.
    """
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s: %(message)s"
    )
    app = create_application()
    qInstallMessageHandler(qt_message_handler)
    prefs = prefs or Preferences()
    install_translators(app, prefs.get(LANGUAGE))
    window = start(db_path, prefs, first_start=not check_start)
    if check_start:
        QTimer.singleShot(0, functools.partial(check_started, app, window))
    code = app.exec()
    del window
    return int(code)
