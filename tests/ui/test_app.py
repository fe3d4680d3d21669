"""Start-up pieces: translations, Qt messages into logging, which database opens, crash dialog."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QMessageLogContext, Qt, QtMsgType
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox

from trappe.model.errors import ValidationError
from trappe.paths import resource_path
from trappe.ui import app as app_module
from trappe.ui.crash import CrashDialog, ExceptHook, crash_details
from trappe.ui.preferences import LAST_DATABASE


@pytest.fixture(autouse=True)
def keep_locale():
    before = QLocale()
    yield
    QLocale.setDefault(before)


def test_danish_loads_qt_own_translation(qapp):
    translators = app_module.install_translators(qapp, "da")
    try:
        assert translators, "qtbase_da.qm ships in resources/translations"
        # Our shipped copy is used, so a Qt install without translations still reads Danish.
        assert Path(translators[0].filePath()) == resource_path("translations", "qtbase_da.qm")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuller"
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuller"
    finally:
        for t in translators:
            QCoreApplication.removeTranslator(t)


def test_english_without_qm_falls_back_to_source_strings(qapp, monkeypatch):
    monkeypatch.setattr(app_module, "translation_file", lambda name: None)
    assert app_module.install_translators(qapp, "en") == []
    assert QCoreApplication.translate("Actions", "&Fortryd") == "&Fortryd"


def test_qt_messages_go_to_python_logging(caplog):
    with caplog.at_level(logging.WARNING, logger="trappe.qt"):
        app_module.qt_message_handler(QtMsgType.QtWarningMsg, QMessageLogContext(), "hov")
    assert any(r.name == "trappe.qt" and "hov" in r.getMessage() for r in caplog.records)


def test_database_to_open(prefs, tmp_path, monkeypatch):
    named = tmp_path / "named.sqlite"
    assert app_module.database_to_open(named, prefs) == named
    last = tmp_path / "last.sqlite"
    last.write_bytes(b"")
    prefs.set(LAST_DATABASE, str(last))
    assert app_module.database_to_open(None, prefs) == last
    last.unlink()
    monkeypatch.setenv("TRAPPE_DB", str(tmp_path / "default.sqlite"))
    assert app_module.database_to_open(None, prefs) == tmp_path / "default.sqlite"


def test_qt_keeps_the_none_and_true_singletons_alive():
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every void C++ call and to
    True on every emit, and the interpreter aborts ("none_dealloc"); pyproject.toml pins a
    version without the bug. Run in a child process, since the failure is an abort."""
    code = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
app = QApplication([])
class Emitter(QObject):
    fired = Signal(bool)
font, emitter = QFont(), Emitter()
emitter.fired.connect(lambda value: None)
none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(20_000):
    font.setBold(True)
    emitter.fired.emit(True)
print(sys.getrefcount(None) - none_before, sys.getrefcount(True) - true_before)
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr[-500:]
    none_lost, true_lost = (int(x) for x in done.stdout.split())
    assert none_lost > -100 and true_lost > -100, "PySide6 leaks references to None/True"


def test_painting_a_tall_pane_wakes_no_qt_thread_pool():
    """A scroll bar's groove taller than about 100 rows is a fill Qt would split over its GUI
    thread pool (and wait for): Trappe's application keeps fills on the GUI thread. Run in a
    child process, as the pool is set up on the first fill of a process."""
    code = """
import os
from PySide6.QtWidgets import QListWidget
from trappe.ui.app import create_application
app = create_application(["trappe"])
app.setStyle("Fusion")
view = QListWidget()
view.addItems([str(i) for i in range(500)])
view.resize(300, 700)
view.show()
app.processEvents()
view.grab()
names = [open(f"/proc/self/task/{t}/comm").read().strip() for t in os.listdir("/proc/self/task")]
print(sum(name == "Thread (pooled)" for name in names))
"""
    if not Path("/proc/self/task").is_dir():
        pytest.skip("needs /proc to count the process's threads")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("QT_NO_GUI_THREADPOOL", None)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.split()[-1] == "0", "Qt's GUI thread pool started threads for a fill"


def test_crash_dialog_details_can_be_copied(qtbot):
    try:
        raise RuntimeError("noget gik galt")
    except RuntimeError as exc:
        details = crash_details(type(exc), exc, exc.__traceback__)
    assert "RuntimeError: noget gik galt" in details and "Python" in details
    dialog = CrashDialog(details)
    qtbot.addWidget(dialog)
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "ikke gået tabt" in labels
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == details
    assert dialog.details.isReadOnly()


def test_excepthook_shows_known_errors_as_message(monkeypatch, qtbot):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    hook = ExceptHook()
    err = ValidationError("name", "Navnet skal udfyldes.")
    hook(type(err), err, None)
    assert shown == ["Navnet skal udfyldes."]


def test_excepthook_opens_crash_dialog_for_bugs(monkeypatch, qtbot):
    opened = []

    def fake_exec(self):
        opened.append(self.details.toPlainText())
        return 0

    monkeypatch.setattr(CrashDialog, "exec", fake_exec)
    hook = ExceptHook()
    try:
        raise KeyError("fejl")
    except KeyError as exc:
        hook(type(exc), exc, exc.__traceback__)
    assert opened and "KeyError" in opened[0]


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_start_opens_database_and_shows_window(qtbot, prefs, store, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    old_hook = sys.excepthook
    try:
        window = app_module.start(store.path, prefs)
        qtbot.addWidget(window)
        assert window.isVisible()
        assert window.store is not None and window.store.path == store.path
        assert window.store.actor.name == "Mette Sørensen"
        window.close()
    finally:
        sys.excepthook = old_hook


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_start_checks_for_a_due_backup_once_the_window_is_shown(qtbot, prefs, store, monkeypatch):
    from trappe.model import backup

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    old_hook = sys.excepthook
    try:
        window = app_module.start(store.path, prefs)
        qtbot.addWidget(window)
        assert not backup.list_backups(store.path)  # not before the first paint
        qtbot.waitUntil(lambda: bool(backup.list_backups(store.path)), timeout=10_000)
        window.backups.wait()
        assert backup.list_backups(store.path)[0].reason == "auto"
        window.close()
    finally:
        sys.excepthook = old_hook


# Parts of the window that the first paint does not need: imported when first used, or just
# after the first paint (the citizen's panes).
NOT_ON_THE_START_PATH = (
    "trappe.ui.backup_ui",
    "trappe.ui.citizen_ops",
    "trappe.ui.commands",
    "trappe.ui.crash_dialog",
    "trappe.ui.dialogue_mode",
    "trappe.ui.file_dialogs",
    "trappe.ui.help",
    "trappe.ui.history_lists",
    "trappe.ui.history_pane",
    "trappe.ui.meeting_mode_controller",
    "trappe.ui.meeting_ops",
    "trappe.ui.overview",
    "trappe.ui.passphrase",
    "trappe.ui.print_preview",
    "trappe.ui.print_to_paper",
    "trappe.ui.progress_chart",
    "trappe.ui.sheet_batch",
    "trappe.ui.sheet_ops",
    "trappe.ui.staircase_painter",
    "trappe.ui.staircase_widget",
    "trappe.ui.welcome",
    "trappe.ui.widgets",
    "trappe.model.audit",
    "trappe.model.backup",
    "trappe.model.citizen_entities",
    "trappe.model.changes",
    "trappe.model.citizens",
    "trappe.model.crypto",
    "trappe.model.measures",
    "trappe.model.meetings",
    "trappe.sheet",
    "trappe.report",
    "sqlite_utils",
    "reportlab",
    "sqlcipher3",
    "keyring",
    "getpass",
    "termios",
    # (dataclasses' code generation: trappe.model.frozen makes the start's value classes)
    "dataclasses",
    "json",
)

# The modules loaded when the window paints its first frame (the list's rows on screen), and
# then once the work after the first paint is done.
START_CHILD = """
import sys
from PySide6.QtCore import QEvent, QObject, QSettings
from trappe.ui.after_paint import work_pending
from trappe.ui.app import create_application, start
from trappe.ui.preferences import USER_NAME, Preferences
app = create_application(["trappe"])
prefs = Preferences(QSettings(sys.argv[2], QSettings.Format.IniFormat))
prefs.set(USER_NAME, "Mette Sørensen")
seen = []
def modules():
    import PySide6.QtCore
    # "Qt": PySide builds the Qt namespace's enums (some 30 ms) the first time it is used.
    built = ["Qt"] if "Qt" in PySide6.QtCore.__dict__ else []
    # Python types PySide makes when first reached (with their enums): not needed yet.
    import PySide6.QtWidgets
    built += [n for n in ("QToolButton",) if n in PySide6.QtWidgets.__dict__]
    import PySide6.QtGui
    built += [n for n in ("QIcon",) if n in PySide6.QtGui.__dict__]
    built += [n for n in ("QMetaMethod",) if n in PySide6.QtCore.__dict__]
    # PySide reads a module's source to look for ``__feature__`` unless told (trappe.ui).
    import linecache
    built += ["source-read:" + f for f in linecache.cache if "/trappe/" in f.replace(chr(92), "/")]
    # The search's patterns are compiled when first searched with (trappe.model.collation).
    from trappe.model.collation import _compiled
    built += ["search-patterns"] if _compiled.cache_info().currsize else []
    names = sorted(m for m in sys.modules if "." not in m or m.startswith("trappe"))
    return " ".join(names + built)
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not seen:
            seen.append(modules())
        return False
watcher = FirstPaint()
window = start(sys.argv[1], prefs)
window.installEventFilter(watcher)
while not seen or work_pending():
    app.processEvents()
assert window.isVisible() and window.store is not None and window.citizen_panes_built()
print(seen[0])
print(modules())
window.close()
"""


def test_the_start_path_leaves_the_parts_not_yet_needed_unimported(store, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", START_CHILD, str(store.path), str(tmp_path / "p.ini")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    at_first_paint, after = (set(line.split()) for line in out.splitlines()[-2:])
    assert {"trappe.ui.main_window", "trappe.ui.caseload_model", "sqlite3"} <= at_first_paint
    unneeded = {
        m
        for m in at_first_paint
        if any(m == n or m.startswith(n + ".") for n in NOT_ON_THE_START_PATH)
    }
    assert not unneeded
    # Nothing before the first paint uses the ``Qt`` namespace (roles are ints, the header's
    # titles are held by Qt, sorting comes after the paint); the work after it does.
    assert "Qt" not in at_first_paint
    assert "QToolButton" not in at_first_paint
    assert "QIcon" not in at_first_paint and "QMetaMethod" not in at_first_paint
    assert "search-patterns" not in at_first_paint
    assert not [m for m in at_first_paint if m.startswith("source-read:")]
    # Just after the first paint: the citizen's panes (and no sheet, PDF or sqlite-utils yet).
    assert {"trappe.ui.history_pane", "trappe.ui.staircase_widget"} <= after
    assert after.isdisjoint({"trappe.sheet", "reportlab", "sqlite_utils"})
