"""Draw Trappe's icon: a staircase of coloured steps on a dark tile, with a marker on a step.

Writes ``resources/icons/trappe-<size>.png`` for each size the program loads, and the same
pictures packed as ``trappe.ico`` (Windows: the bundle's and the shortcut's icon) and
``trappe.icns`` (macOS). Both containers hold PNG images, which Windows Vista and later and
macOS 10.7 and later read. The drawing is our own, made with Qt, under Trappe's licence.

    .venv/bin/python tools/make_icon.py          # regenerate (the output is committed)
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}
# The default staircase's colours, bottom to top (resources/default_staircase.json), in four.
STEP_COLOURS = ("#c9d6e3", "#a8d0a0", "#f6d26b", "#f29e4c")


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)  # draw on a 256 grid
    tile = QPainterPath()
    tile.addRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    p.fillPath(tile, QColor("#1f4e5f"))
    steps = len(STEP_COLOURS)
    left, bottom, width, rise = 40.0, 212.0, 176.0 / steps, 36.0
    outline = QPen(QColor("#0f2a33"), 6 if size >= 48 else 10)
    outline.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    for i, colour in enumerate(STEP_COLOURS):
        top = bottom - rise * (i + 1)
        rect = QRectF(left + width * i, top, width, bottom - top)
        p.setPen(outline)
        p.setBrush(QBrush(QColor(colour)))
        p.drawRect(rect)
    # The citizen's marker on the third step: a white disc with a dark ring.
    centre = QPointF(left + width * 2.5, bottom - rise * 3 - 26)
    p.setPen(QPen(QColor("#0f2a33"), 8))
    p.setBrush(QColor("#ffffff"))
    p.drawEllipse(centre, 20, 20)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG images (one per size)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, data in sorted(images.items()):
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def icns(images: dict[int, bytes]) -> bytes:
    body = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", len(data) + 8) + data
        for size, data in sorted(images.items())
        if size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    pngs = {size: png_bytes(draw(size)) for size in sorted({*PNG_SIZES, *ICNS_TYPES})}
    for size in PNG_SIZES:
        (OUT / f"trappe-{size}.png").write_bytes(pngs[size])
    (OUT / "trappe.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (OUT / "trappe.icns").write_bytes(icns(pngs))
    print(f"wrote {len(PNG_SIZES)} PNGs, trappe.ico and trappe.icns in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
