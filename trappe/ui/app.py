"""Starting the GUI: the QApplication, translations, logging, the crash hook and the window.

``run_gui(db_path)`` is what ``trappe --db PATH`` (and plain ``trappe``) calls. Source
strings are Danish, so Danish needs no Trappe translation file, only Qt's own ``qtbase_da``
so standard buttons read "Annuller"; English loads ``resources/translations/trappe_en.qm``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from trappe.paths import TRANSLATIONS, default_database_path
from trappe.ui.crash import install_excepthook
from trappe.ui.main_window import MainWindow
from trappe.ui.preferences import LANGUAGE, LAST_DATABASE, Preferences

log = logging.getLogger("trappe.ui")
qt_log = logging.getLogger("trappe.qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Route Qt's own messages into Python logging (STYLE.md §9)."""
    where = f" ({context.file}:{context.line})" if context.file else ""
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s%s", message, where)


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load Qt's and Trappe's translations for ``language`` ("da" or "en"); returns them.

    The translators are parented to ``app`` so they live as long as it does.
    """
    loaded: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Denmark))
        candidates = [(TRANSLATIONS, "trappe_en")]
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
        # Our shipped copy first: Qt's own folder may be missing from a slim install.
        candidates = [
            (TRANSLATIONS, "qtbase_da"),
            (Path(qt_dir), "qtbase_da"),
            (Path(qt_dir), "qt_da"),
        ]
    for folder, name in candidates:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            loaded.append(translator)
            if language != "en":
                break  # one Danish Qt catalogue is enough; the others are fallbacks
        else:
            log.info("translation %s not found in %s", name, folder)
    return loaded


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (or the existing one), named so QSettings finds our preferences."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("Trappe")
        QCoreApplication.setApplicationName("Trappe")
        app = QApplication(list(argv) if argv is not None else sys.argv)
    app.setApplicationDisplayName("Trappe")
    return app  # type: ignore[return-value]


def database_to_open(db_path: Path | None, prefs: Preferences) -> Path:
    """The named database, else the last used one (if it still exists), else the default."""
    if db_path is not None:
        return Path(db_path)
    last = prefs.get(LAST_DATABASE)
    if last and Path(last).exists():
        return Path(last)
    return default_database_path()


def start(db_path: Path | None, prefs: Preferences) -> MainWindow:
    """Show the main window and open the database (errors are shown; the window stays)."""
    window = MainWindow(prefs)
    install_excepthook(lambda: window if window.isVisible() else None)
    window.show()
    # Only the default database may be created here; a named file must exist (a typo in
    # --db is refused instead of silently becoming a new, empty database).
    if window.open_database(database_to_open(db_path, prefs), create=db_path is None):
        window.enable_auto_backup()
    return window


def run_gui(db_path: Path | None = None, *, prefs: Preferences | None = None) -> int:
    """Run Trappe's GUI until the user quits; returns the exit code."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s: %(message)s"
    )
    app = create_application()
    qInstallMessageHandler(qt_message_handler)
    prefs = prefs or Preferences()
    install_translators(app, prefs.get(LANGUAGE))
    window = start(db_path, prefs)
    code = app.exec()
    del window
    return int(code)
