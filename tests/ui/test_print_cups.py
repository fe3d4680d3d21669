"""Printing through a real CUPS queue (a cups-pdf printer), not a fake ``lp``.

Runs where a CUPS scheduler has a queue whose device is ``cups-pdf:/`` (Debian:
``cups printer-driver-cups-pdf``; ``lpadmin -p PDF -E -v cups-pdf:/ -P …/CUPS-PDF_opt.ppd``).
The printed file lands in cups-pdf's output folder (``~/PDF`` by default, or
``$TRAPPE_CUPS_PDF_DIR``). Elsewhere (CI has no scheduler) the tests are skipped and say why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from trappe.ui.preferences import Preferences
from trappe.ui.print_preview import PrintPreviewDialog


def _cups_pdf_queue() -> str | None:
    if not shutil.which("lpstat"):
        return None
    try:
        out = subprocess.run(["lpstat", "-v"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for line in out.splitlines():  # "device for PDF: cups-pdf:/"
        if line.startswith("device for ") and line.rstrip().endswith("cups-pdf:/"):
            return line.removeprefix("device for ").split(":", 1)[0]
    return None


QUEUE = _cups_pdf_queue()
OUT_DIR = Path(os.environ.get("TRAPPE_CUPS_PDF_DIR", Path.home() / "PDF"))

pytestmark = pytest.mark.skipif(
    QUEUE is None,
    reason="no CUPS queue with the cups-pdf device (lpstat -v): real printing untested",
)


def _print(dialog: PrintPreviewDialog) -> tuple[Path, str]:
    """Print on the real queue; wait for cups-pdf's file. Returns it and the job's title."""
    before = set(OUT_DIR.glob("*.pdf")) if OUT_DIR.exists() else set()
    dialog.printer = QPrinter(QPrinterInfo.printerInfo(QUEUE), QPrinter.PrinterMode.HighResolution)
    dialog.confirm_printer = lambda printer: True  # the system dialog, accepted as it stands
    assert dialog.print_sheet()
    for _ in range(120):
        new = set(OUT_DIR.glob("*.pdf")) - before if OUT_DIR.exists() else set()
        queued = subprocess.run(["lpstat", "-o", QUEUE], capture_output=True, text=True).stdout
        if new and not queued.strip():
            break
        time.sleep(0.25)
    else:
        pytest.fail(f"the CUPS queue {QUEUE} wrote nothing to {OUT_DIR}")
    (path,) = new
    done = subprocess.run(
        ["lpstat", "-W", "completed", "-o", QUEUE], capture_output=True, text=True
    ).stdout
    return path, done


@pytest.fixture
def prefs(tmp_path: Path) -> Preferences:
    return Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))


def test_a_sheet_reaches_a_real_cups_queue_as_vector_pdf(qtbot, store, prefs, citizen_with_history):
    dialog = PrintPreviewDialog(store, prefs, citizen_with_history)
    qtbot.addWidget(dialog)
    path, _ = _print(dialog)
    try:
        assert dialog.print_path == "pdf"
        text = " ".join(p.extract_text() for p in pypdf.PdfReader(path).pages)
        # Text stays text on the printed page. (cups-pdf re-distils the job with Ghostscript,
        # which loses the Unicode map of the non-ASCII glyphs, so only ASCII words are read.)
        assert "Dialogark" in text and "Trappemodellen" in text and "CPR-nr." in text
        assert path.stat().st_size < 300_000  # not a 600 dpi page image
        assert "Åse" not in path.name and "Søndergård" not in path.name  # the job's title
    finally:
        path.unlink()


def test_the_image_fallback_also_prints_on_a_real_queue(qtbot, store, prefs, citizen_with_history):
    dialog = PrintPreviewDialog(store, prefs, citizen_with_history)
    qtbot.addWidget(dialog)
    dialog.cups_client = lambda: None  # a platform without CUPS's lp
    path, _ = _print(dialog)
    try:
        assert dialog.print_path == "image"
        page = pypdf.PdfReader(path).pages[0]
        assert not page.extract_text().strip()  # a picture of the page
    finally:
        path.unlink()
