"""Screenshots of every main screen, for reviewing the layout by eye.

Builds a small demo database and, for each screen size, starts a process whose offscreen
"monitor" has that size, so full screen and dialog sizing behave as on a real laptop. It saves
PNGs of the main window, dialogue mode, the meeting dialog (new and edit), the citizen dialog,
each settings tab and the print preview. Nothing is asserted: the pictures are for a person.

    .venv/bin/python tools/screenshots.py OUT_DIR [--lang da|en] [--size 1366x768 ...]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from trappe.model import citizens
from trappe.model.demo import build_demo_database
from trappe.model.entities import Actor, Role
from trappe.model.store import open_store
from trappe.ui.app import create_application, install_translators
from trappe.ui.preferences import USER_NAME, USER_ROLE, Preferences

ACTOR = Actor("Skærmbilleder", Role.TEAM_LEADER)


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def wait(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def save(widget: QWidget, out: Path, name: str) -> None:
    QApplication.processEvents()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


def busiest_citizen(db: Path) -> int:
    """An active citizen with a long history, so the history panes have something to show."""
    store = open_store(db, ACTOR)
    try:
        rows = store.query(
            "SELECT c.id FROM citizens c JOIN meetings m ON m.citizen_id = c.id"
            " WHERE c.status = 'active' GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1"
        )
        if not rows:
            raise SystemExit("the demo database has no active citizen with meetings")
        return int(rows[0][0])
    finally:
        store.close()


def screen_config(folder: Path, width: int, height: int) -> str:
    """A QT_QPA_PLATFORM value for an offscreen screen of this size."""
    config = folder / f"screen-{width}x{height}.json"
    screen = {"name": "Skærm", "x": 0, "y": 0, "width": width, "height": height}
    screen.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)
    config.write_text(json.dumps({"screens": [screen]}))
    return f"offscreen:configfile={config}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", choices=["da", "en"], default="da")
    parser.add_argument("--size", action="append", default=None, help="WIDTHxHEIGHT")
    parser.add_argument("--citizens", type=int, default=300)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)  # set for the worker
    args = parser.parse_args(argv)
    sizes = args.size or ["1366x768", "1920x1080"]
    args.out.mkdir(parents=True, exist_ok=True)
    if args.db is not None:  # the worker: one size, in a process whose screen has that size
        width, height = (int(v) for v in sizes[0].split("x"))
        return shoot(args.db, args.out, args.lang, width, height)

    tmp = Path(tempfile.mkdtemp(prefix="trappe-shots-"))
    db = tmp / "demo.trappe"
    build_demo_database(db, ACTOR, citizens=args.citizens, seed=7)
    for size in sizes:
        width, height = (int(v) for v in size.split("x"))
        env = dict(os.environ, QT_QPA_PLATFORM=screen_config(tmp, width, height))
        command = [sys.executable, __file__, str(args.out), "--lang", args.lang]
        subprocess.run([*command, "--size", size, "--db", str(db)], env=env, check=True)
    return 0


def shoot(db: Path, out: Path, lang: str, width: int, height: int) -> int:
    cid = busiest_citizen(db)
    app = create_application(["trappe"])
    install_translators(app, lang)
    prefs = Preferences(
        QSettings(str(db.parent / f"prefs-{width}.ini"), QSettings.Format.IniFormat)
    )
    prefs.set(USER_NAME, "Mette Sørensen")
    prefs.set(USER_ROLE, "caseworker")

    from trappe.ui.citizen_dialog import CitizenDialog
    from trappe.ui.main_window import MainWindow
    from trappe.ui.meeting_dialog import MeetingDialog
    from trappe.ui.print_preview import PrintPreviewDialog
    from trappe.ui.settings_dialog import SettingsDialog

    tag = f"{width}x{height}-{lang}"
    window = MainWindow(prefs)
    window.resize(width, height)
    window.show()
    window.open_database(db, first_start=False)
    window.caseload.select_citizen(cid)
    window.show_citizen(cid)
    settle(app)
    save(window, out, f"main-{tag}")
    window.show_staircase(False)  # the staircase collapsed: room for the history
    settle(app)
    save(window, out, f"main-no-staircase-{tag}")
    window.show_staircase(True)
    settle(app)

    window.set_dialogue_mode(True)
    settle(app)
    save(window, out, f"dialogue-{tag}")
    window.set_dialogue_mode(False)
    settle(app)

    store = window.store
    assert store is not None
    record = citizens.get_citizen_record(store, cid)
    dialogs: list[tuple[str, QWidget]] = [
        ("meeting-new", MeetingDialog(store, cid, window)),
        ("meeting-edit", MeetingDialog(store, cid, window, meeting=record.meetings[-1])),
        ("citizen", CitizenDialog(store, window, citizen_id=cid)),
    ]
    for name, dialog in dialogs:
        dialog.show()
        settle(app)
        save(dialog, out, f"{name}-{tag}")
        dialog.close()
    settings = SettingsDialog(store, prefs, window)
    settings.show()
    for i in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(i)
        settle(app)
        save(settings, out, f"settings-{i}-{tag}")
    settings.close()
    preview = PrintPreviewDialog(store, prefs, cid, window)
    preview.show()
    wait(app, 1.5)  # QPdfView renders its pages in a thread
    save(preview, out, f"preview-{tag}")
    preview.close()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
