"""Screenshots of every main screen, for reviewing the layout by eye.

Builds a small demo database and, for each screen size, starts a process whose offscreen
"monitor" has that size, so full screen and dialog sizing behave as on a real laptop. It saves
PNGs of the main window, dialogue mode, meeting mode (in the window and full screen), the
comparison of two meetings, the meeting dialog (new and edit), the citizen dialog,
each settings tab, the print preview, the first-run welcome, both handover dialogs and a page
of the user guide. Nothing is asserted: the pictures are for a person.

    .venv/bin/python tools/screenshots.py OUT_DIR [--lang da|en] [--size 1366x768 ...]
    .venv/bin/python tools/screenshots.py --guide

``--guide`` writes the pictures the user guide uses (``GUIDE_PICTURES``) into
``docs/guide/images/``, taken at 1280×800 and scaled to the guide's width;
``tests/test_docs.py`` fails when a page refers to a picture that is missing.
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
ROOT = Path(__file__).resolve().parent.parent
GUIDE_IMAGES = ROOT / "docs" / "guide" / "images"
GUIDE_SIZE = "1280x800"
GUIDE_WIDTH = 760  # the guide window's text width: pictures are scaled down to it

# Picture in the guide → the screenshot it is (names as ``shoot`` saves them, without the tag).
GUIDE_PICTURES = {
    "hovedvindue.png": "main",
    "dialogtilstand.png": "dialogue",
    "nyt-moede.png": "meeting",  # meeting mode: the staircase is the meeting's canvas
    "borger.png": "citizen",
    "udskriv.png": "preview",
    "indstillinger-trappe.png": "settings-2",
    "velkommen-1.png": "welcome-1",
    "velkommen-2.png": "welcome-2",
    "velkommen-3.png": "welcome-3",
    "overdrag.png": "handover-export",
    "importer.png": "handover-import",
}


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


def copy_to_guide(shots: Path, tag: str) -> None:
    """The guide's pictures from a run's screenshots, scaled to the guide's width."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
    for picture, shot in GUIDE_PICTURES.items():
        image = QImage(str(shots / f"{shot}-{tag}.png"))
        if image.isNull():
            raise SystemExit(f"screenshot {shot} was not taken")
        if image.width() > GUIDE_WIDTH:
            image = image.scaledToWidth(GUIDE_WIDTH, Qt.TransformationMode.SmoothTransformation)
        image.save(str(GUIDE_IMAGES / picture), "PNG", 9)
        print(GUIDE_IMAGES / picture)


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
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument(
        "--guide", action="store_true", help="refresh the user guide's pictures in docs/guide"
    )
    parser.add_argument("--lang", choices=["da", "en"], default="da")
    parser.add_argument("--size", action="append", default=None, help="WIDTHxHEIGHT")
    parser.add_argument("--citizens", type=int, default=300)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)  # set for the worker
    args = parser.parse_args(argv)
    sizes = args.size or ["1366x768", "1920x1080"]
    if args.guide:
        sizes = [GUIDE_SIZE]
        args.out = args.out or Path(tempfile.mkdtemp(prefix="trappe-guide-shots-"))
    if args.out is None:
        parser.error("OUT_DIR is needed (or --guide)")
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
    if args.guide:
        copy_to_guide(args.out, f"{GUIDE_SIZE}-{args.lang}")
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

    from trappe.model.invitation import suggested_invitation
    from trappe.ui.citizen_dialog import CitizenDialog
    from trappe.ui.invitation_dialog import InvitationDialog
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
    shoot_meeting_mode(app, window, out, tag)

    store = window.store
    assert store is not None
    record = citizens.get_citizen_record(store, cid)
    dialogs: list[tuple[str, QWidget]] = [
        ("meeting-new", MeetingDialog(store, cid, window)),
        ("meeting-edit", MeetingDialog(store, cid, window, meeting=record.meetings[-1])),
        ("citizen", CitizenDialog(store, window, citizen_id=cid)),
        (
            "invitation",
            InvitationDialog(
                record.citizen.name, suggested_invitation(store, record.citizen), window
            ),
        ),
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
    shoot_new_screens(app, window, store, prefs, out, tag, cid)
    shoot_privacy_screens(app, window, store, out, tag, cid)
    window.close()
    return 0


def shoot_meeting_mode(app, window, out: Path, tag: str) -> None:
    """Meeting mode (in the window and full screen) and the comparison of two meetings."""
    from trappe.model.geometry import MarkerKind
    from trappe.ui.compare_view import CompareDialog

    window.meeting_mode.start()
    view = window.meeting_mode.view
    steps = window.staircase.steps
    view.staircase.move_draft(MarkerKind.CITIZEN, steps[min(3, len(steps) - 1)].id)
    view.add_agreement().what_edit.setText("Ringe til praktikstedet og aftale mødetider")
    if view.earlier_rows:
        view.earlier_rows[0].check.setChecked(True)
    settle(app)
    save(window, out, f"meeting-{tag}")
    window.set_dialogue_mode(True)
    settle(app)
    save(window, out, f"meeting-dialogue-{tag}")
    window.set_dialogue_mode(False)
    window.meeting_mode.cancel()
    settle(app)
    if window.record is not None and len(window.record.meetings) >= 2:
        compare = CompareDialog(window.store, window.prefs, window.staircase, window.record, window)
        compare.show()
        settle(app)
        save(compare, out, f"compare-{tag}")
        compare.close()


def shoot_new_screens(app, window, store, prefs, out: Path, tag: str, cid: int) -> None:
    """The welcome's three pages, both handover dialogs (with a step that does not match, and
    the passphrase shown) and a page of the user guide."""
    from trappe.model import staircase
    from trappe.model.handover import export_handover
    from trappe.ui.handover_dialogs import HandoverExportDialog, HandoverImportDialog
    from trappe.ui.help import GuideWindow
    from trappe.ui.welcome import WelcomeWizard

    tmp = store.path.parent
    wizard = WelcomeWizard(prefs, tmp / "trappe.sqlite", empty=True, parent=window)
    wizard.show()
    for page in (1, 2, 3):
        settle(app)
        save(wizard, out, f"welcome-{page}-{tag}")
        wizard.next()
    wizard.close()

    record = citizens.get_citizen_record(store, cid)
    export = HandoverExportDialog(store, cid, record.citizen.name, tmp, window)
    export.file.edit.setText(str(tmp / f"overdragelse-{cid}.trappe-overdragelse"))
    export.show()
    export.write()
    settle(app)
    save(export, out, f"handover-export-{tag}")
    export.close()

    # The receiver: a fresh database whose staircase calls step 3 something else.
    other = open_store(tmp / f"modtager-{tag}.sqlite", ACTOR)
    try:
        steps = staircase.load_staircase(other).steps
        staircase.update_step(other, steps[2].id, title="Virksomhedsbesøg")
        result = export_handover(store, cid, tmp / f"import-{tag}.trappe-overdragelse")
        dialog = HandoverImportDialog(other, staircase.load_staircase(other), tmp, window)
        dialog.file.edit.setText(str(result.path))
        dialog.passphrase.setText(result.passphrase)
        dialog.show()
        dialog.read()
        settle(app)
        save(dialog, out, f"handover-import-{tag}")
        dialog.close()
    finally:
        other.close()

    guide = GuideWindow(window, "moedet.md")
    guide.show()
    wait(app, 0.5)
    save(guide, out, f"guide-page-{tag}")
    guide.close()


def shoot_privacy_screens(app, window, store, out: Path, tag: str, cid: int) -> None:
    """The access log (whole, and one citizen's), the retention list (with a one-year period,
    so the demo's closed courses are due) and the data export dialog."""
    from trappe.model import retention
    from trappe.ui.access_log import AccessLogDialog
    from trappe.ui.data_export_dialog import DataExportDialog
    from trappe.ui.retention_dialog import RetentionDialog

    log = AccessLogDialog(store, window)
    log.show()
    settle(app)
    save(log, out, f"access-log-{tag}")
    log.citizen_edit.setText(str(cid))
    log.apply()
    settle(app)
    save(log, out, f"access-log-citizen-{tag}")
    log.close()
    retention.set_retention_years(store, 1)
    dialog = RetentionDialog(store, window, backup=None)
    dialog.show()
    settle(app)
    save(dialog, out, f"retention-{tag}")
    dialog.close()
    export = DataExportDialog(store, cid, None, window)
    export.show()
    settle(app)
    save(export, out, f"data-export-{tag}")
    export.close()


if __name__ == "__main__":
    sys.exit(main())
