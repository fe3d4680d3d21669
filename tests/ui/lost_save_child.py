"""Child process for ``test_file_dialogs``: the GUI opens both file dialogs on the database's
folder, lets them fill, closes them, waits for the parent, saves a meeting and says so.

Run as ``python lost_save_child.py DB CITIZEN_ID PREFS_INI``; it talks over stdin/stdout.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QMessageBox

from trappe.model import staircase
from trappe.model.entities import MeetingInput
from trappe.ui import commands
from trappe.ui.main_window import MainWindow
from trappe.ui.preferences import LAST_SHEET_FOLDER, USER_NAME, Preferences
from trappe.ui.print_preview import PrintPreviewDialog


def close_file_dialog_when_filled(folder: Path) -> None:
    """Poll for a modal file dialog; once it has listed the folder for a while, cancel it.

    (The name filter hides -wal and -shm from the list, but the dialog reads them all the same.)
    """
    state = {"seen_at": None}

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            return
        model = dialog.findChild(QFileSystemModel)
        if model is None or not model.index(str(folder)).isValid():
            return
        if state["seen_at"] is None:
            state["seen_at"] = time.monotonic()
        elif time.monotonic() - state["seen_at"] > 2.0:  # icons and types gathered
            state["seen_at"] = None
            dialog.reject()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(50)
    QApplication.instance()._poll_timer = timer  # type: ignore[attr-defined]


def main() -> None:
    db, citizen_id, ini = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    app = QApplication([])
    for name in ("warning", "critical", "information"):
        setattr(QMessageBox, name, staticmethod(lambda *a, **k: print("MESSAGE", a[2])))
    prefs = Preferences(QSettings(ini, QSettings.Format.IniFormat))
    prefs.set(USER_NAME, "Mette")
    prefs.set(LAST_SHEET_FOLDER, str(db.parent))
    window = MainWindow(prefs)
    assert window.open_database(db, first_start=False)
    window.show()
    close_file_dialog_when_filled(db.parent)
    window.database.choose_database()  # Filer → Åbn database…, cancelled once filled
    preview = PrintPreviewDialog(window.store, prefs, citizen_id, window)
    preview.save_pdf()  # Gem som PDF…, cancelled once filled
    preview.deleteLater()
    print("DIALOGS", flush=True)
    sys.stdin.readline()  # the parent has let another process open and close the database
    steps = staircase.load_staircase(window.store).steps
    window.show_citizen(citizen_id)
    data = MeetingInput(
        held_on=date(2026, 6, 1),
        professional_step_id=steps[2].id,
        caseworker_note="MØDE-DER-SKAL-OVERLEVE",
    )
    try:
        window.meeting_ops.push_or_raise(
            commands.RecordMeetingCommand(window.store, citizen_id, data, window.changed)
        )
    except Exception as exc:  # refused (e.g. the store noticed it lost its footing)
        print("REFUSED", type(exc).__name__, flush=True)
    else:
        print("SAVED", flush=True)
    app.processEvents()
    time.sleep(600)  # until the parent kills us


if __name__ == "__main__":
    main()
