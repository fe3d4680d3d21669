"""Helpers for the sheet tests: text extraction, page rendering, demo citizens."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pypdf

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import Agreement, CitizenInput, MeetingInput, Responsible
from trappe.model.store import Store


def normalise(text: str) -> str:
    """Undo the sheet's line breaks and hyphenation so phrases can be searched for."""
    text = re.sub(r"-\s*\n\s*", "", text)
    return " ".join(text.split())


def reader(pdf: bytes | Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def page_texts(pdf: bytes | Path) -> list[str]:
    return [normalise(p.extract_text()) for p in reader(pdf).pages]


@dataclass
class Image:
    """A decoded PPM (P6) page image: RGB bytes, row-major, origin top-left."""

    width: int
    height: int
    data: bytes

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        i = (y * self.width + x) * 3
        return self.data[i], self.data[i + 1], self.data[i + 2]


def render_page(pdf: Path, page: int, dpi: int, *, on_white: bool = False) -> Image:
    """Render one page (1-based) with QtPdf to an in-memory RGB image.

    QtPdf ships inside PySide6, so the tests need no system PDF tools on a fresh machine.
    QtPdf leaves the unpainted page transparent, which becomes black here; ``on_white``
    puts the page on white paper instead, so that dark text stands out.
    """
    from PySide6.QtCore import QSize, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([])
    doc = QPdfDocument()
    assert doc.load(str(pdf)) == QPdfDocument.Error.None_, "QtPdf could not load the PDF"
    points = doc.pagePointSize(page - 1)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    rendered = doc.render(page - 1, size)
    if on_white:
        paper = QImage(rendered.size(), QImage.Format.Format_ARGB32)
        paper.fill(Qt.GlobalColor.white)
        painter = QPainter(paper)
        painter.drawImage(0, 0, rendered)
        painter.end()
        rendered = paper
    image = rendered.convertToFormat(QImage.Format.Format_RGB888)
    doc.close()
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    raw = bytes(image.constBits())
    data = b"".join(raw[y * stride : y * stride + w * 3] for y in range(h))
    return Image(w, h, data)


def make_citizen(
    store: Store,
    name: str,
    *,
    agreements: int = 0,
    note: str = "",
    step: int = 2,
    own: int | None = 3,
    identifier: str | None = None,
) -> int:
    steps = staircase.load_staircase(store).steps
    c = citizens.create_citizen(
        store,
        CitizenInput(
            name=name,
            identifier=identifier,
            start_date=date(2026, 1, 5),
            goal_step_id=steps[-1].id,
        ),
    )
    meetings.record_meeting(
        store,
        c.id,
        MeetingInput(
            held_on=date(2026, 3, 2),
            professional_step_id=steps[step].id,
            citizen_step_id=steps[own].id if own is not None else None,
            participants="Borgeren og sagsbehandleren",
            caseworker_note=note,
            next_meeting_on=date(2026, 4, 13),
            agreements=[
                Agreement(
                    f"Aftale nummer {i}: ring til praktikstedet og aftal mødetider",
                    Responsible.CITIZEN if i % 2 else Responsible.CASEWORKER,
                    date(2026, 4, 1 + i % 28),
                )
                for i in range(1, agreements + 1)
            ],
        ),
    )
    return c.id
