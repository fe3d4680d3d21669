"""Printing the dialogue sheet's PDF on paper: to a CUPS queue as PDF, or as page images.

Where the platform prints PDF (``lp`` on Linux and macOS) the vector PDF itself goes to the
chosen CUPS queue: text stays text and a page is a few kilobytes. Elsewhere, or to a file, each
page is rendered with ``QPdfDocument.render`` (at most 600 dpi) onto the ``QPrinter``. Kept apart
from the preview dialog so the two ways to reach paper can be read and tested on their own.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from trappe.model.errors import TrappeError

MAX_PRINT_DPI = 600  # a 600 dpi A4 page is a 140 MB image; more gains nothing on paper


def cups_client() -> str | None:
    """CUPS's ``lp`` where the platform prints PDF itself (Linux, macOS); else None."""
    if sys.platform.startswith(("linux", "darwin")):
        return shutil.which("lp")
    return None


def send_pdf(pdf: bytes, printer: QPrinter, lp: str) -> None:
    """Hand the vector PDF itself to the printer's CUPS queue (text stays text, a page is a
    few kilobytes instead of a 600 dpi image)."""
    args = [lp, "-d", printer.printerName(), "-n", str(max(1, printer.copyCount()))]
    if printer.docName():
        args += ["-t", printer.docName()]
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        args += ["-P", f"{printer.fromPage()}-{max(printer.fromPage(), printer.toPage())}"]
    try:
        subprocess.run(args, input=pdf, capture_output=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        raise TrappeError(
            "Printeren tog ikke imod dialogarket. Tjek printeren, og prøv igen. "
            + detail.decode(errors="replace").strip()[:200]
        ) from exc


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Render every page (or the chosen range) onto ``printer``; return pages printed."""
    count = document.pageCount()
    first, last = 0, count - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(0, printer.fromPage() - 1)
        last = min(count - 1, printer.toPage() - 1 if printer.toPage() > 0 else count - 1)
    painter = QPainter()
    if not painter.begin(printer):
        raise TrappeError("Printeren kunne ikke startes. Tjek printeren, og prøv igen.")
    printed = 0
    try:
        dpi = max(72, min(printer.resolution(), MAX_PRINT_DPI))
        device_scale = printer.resolution() / dpi
        paper = printer.paperRect(QPrinter.Unit.DevicePixel)
        for i in range(first, last + 1):
            if printed:
                printer.newPage()
            points = document.pagePointSize(i)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(i, size)
            # Draw the page at its true size (scaled down only if the paper is smaller).
            w, h = size.width() * device_scale, size.height() * device_scale
            fit = min(1.0, paper.width() / w, paper.height() / h)
            target = QRectF(
                (paper.width() - w * fit) / 2, (paper.height() - h * fit) / 2, w * fit, h * fit
            )
            painter.drawImage(target, image)
            printed += 1
    finally:
        painter.end()
    return printed
