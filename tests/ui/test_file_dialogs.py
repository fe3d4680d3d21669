"""File dialogs never open the database files (and so never drop SQLite's locks).

Closing any descriptor of a file drops all of a process's POSIX locks on it; Qt's stock file
dialog opened ``-wal`` and ``-shm`` to sniff their type, so another program then deleted
the WAL the running Trappe still wrote to, and a saved meeting was lost at the next crash.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from trappe.model import citizens
from trappe.model.entities import Actor, CitizenInput, Role
from trappe.model.store import open_store
from trappe.ui import file_dialogs

HERE = Path(__file__).resolve().parent
STRACE = ("strace", "-f", "-qq", "-e", "trace=openat,open")
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX advisory locks")


def _database_with_citizen(path: Path) -> int:
    with open_store(path, Actor("Test", Role.CASEWORKER)) as s:
        return citizens.create_citizen(s, CitizenInput(name="Åse Ærø")).id


@posix_only
def test_saved_meeting_survives_dialogs_another_process_and_a_kill(tmp_path: Path):
    """The scenario of the lost save, end to end with a real GUI process and SIGKILL."""
    db = tmp_path / "demo.sqlite"
    cid = _database_with_citizen(db)
    child = subprocess.Popen(
        [
            sys.executable,
            str(HERE / "lost_save_child.py"),
            str(db),
            str(cid),
            str(tmp_path / "p.ini"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert child.stdout.readline().strip() == "DIALOGS"
        # "trappe list" or sqlite-utils: open, read, close.
        other = sqlite3.connect(db)
        other.execute("SELECT count(*) FROM citizens").fetchone()
        other.close()
        child.stdin.write("\n")
        child.stdin.flush()
        answer = child.stdout.readline().strip()
        assert answer == "SAVED", answer
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    conn = sqlite3.connect(db)
    try:
        notes = [r[0] for r in conn.execute("SELECT caseworker_note FROM meetings")]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert notes == ["MØDE-DER-SKAL-OVERLEVE"], "the acknowledged meeting was lost"


PROBE = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication
    from trappe.model.entities import Actor, Role
    from trappe.model.store import open_store
    from trappe.ui import file_dialogs
    app = QApplication([])
    db = Path(sys.argv[1])
    store = open_store(db, Actor("x", Role.CASEWORKER))
    try:
        open("/MARK-DIALOGS-START")
    except OSError:
        pass
    for save in (False, True):
        d = file_dialogs.make_dialog(
            None, "t", db.parent, file_dialogs.database_filters(), save=save
        )
        d.show()
        loop = QEventLoop()
        QTimer.singleShot(1500, loop.quit)
        loop.exec()
        d.reject()
    store.close()
    """
)


@posix_only
@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace")
def test_dialogs_open_no_database_file(tmp_path: Path):
    """strace: after the store is open, nothing opens the database, -wal or -shm again."""
    db = tmp_path / "demo.sqlite"
    _database_with_citizen(db)
    log = tmp_path / "strace.txt"
    subprocess.run(
        [*STRACE, "-o", str(log), sys.executable, "-c", PROBE, str(db)],
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        timeout=120,
    )
    lines = log.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if "MARK-DIALOGS-START" in line)
    opened = [line for line in lines[start:] if str(db) in line and "ENOENT" not in line]
    assert opened == []


def test_icon_provider_names_types_without_reading(tmp_path: Path, qapp):
    from PySide6.QtCore import QFileInfo

    f = tmp_path / "trappe.sqlite-wal"
    f.write_bytes(b"x")
    f.chmod(0)  # unreadable: any attempt to sniff would fail, the name is all there is
    provider = file_dialogs.PlainIconProvider()
    assert provider.type(QFileInfo(str(f))) == "SQLITE-WAL-fil"
    assert provider.type(QFileInfo(str(tmp_path))) == "Mappe"
    assert not provider.icon(QFileInfo(str(f))).isNull()


def test_dialogs_start_in_documents_and_speak_danish(qapp, tmp_path: Path):
    from PySide6.QtWidgets import QFileDialog

    folder = file_dialogs.start_folder(None, tmp_path / "findes-ikke")
    assert folder == file_dialogs.documents_folder()
    d = file_dialogs.make_dialog(None, "Gem", tmp_path, file_dialogs.pdf_filters(), save=True)
    try:
        assert d.testOption(QFileDialog.Option.DontUseNativeDialog)
        assert d.labelText(QFileDialog.DialogLabel.Accept) == "Gem"
        assert d.labelText(QFileDialog.DialogLabel.Reject) == "Annullér"
        assert d.labelText(QFileDialog.DialogLabel.FileName) == "Filnavn:"
        assert Path(d.directory().absolutePath()) == tmp_path
    finally:
        d.deleteLater()
