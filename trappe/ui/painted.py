"""Panes painted a second time from a pixmap: the same citizen opened again, a window
uncovered, a tab brought back show what was painted before.

A first paint goes straight to the screen (a citizen opened once costs no extra copy); the
second paint of the same content keeps the picture as a pixmap, and later paints draw that.
The key names everything the picture depends on (content, size, palette, pixel ratio); the
``owner`` (the plan the picture was painted from) must be the very object painted before, so
a key made from a recycled object id cannot bring back another picture.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter, QPixmap

_FIRST = object()  # painted once, not kept yet


class PaintedPictures:
    """The last few pictures of one pane, by key."""

    def __init__(self, kept: int = 4) -> None:
        self.kept = kept
        self._pictures: dict[Hashable, tuple[object, object]] = {}

    def clear(self) -> None:
        self._pictures.clear()

    def paint(
        self,
        painter: QPainter,
        key: Hashable,
        owner: object,
        size: QSize,
        paint: Callable[[QPainter], None],
    ) -> None:
        """Draw the picture kept for ``key``, or ``paint`` it (and keep it the second time)."""
        found = self._pictures.pop(key, None)
        if found is not None and found[0] is owner and isinstance(found[1], QPixmap):
            self._keep(key, owner, found[1])
            painter.drawPixmap(0, 0, found[1])
            return
        if found is None or found[0] is not owner:
            self._keep(key, owner, _FIRST)
            paint(painter)
            return
        device = painter.device()
        ratio = device.devicePixelRatioF() if device else 1.0
        pixmap = QPixmap(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        p = QPainter(pixmap)
        p.setRenderHints(painter.renderHints())
        paint(p)
        p.end()
        self._keep(key, owner, pixmap)
        painter.drawPixmap(0, 0, pixmap)

    def _keep(self, key: Hashable, owner: object, picture: object) -> None:
        while len(self._pictures) >= self.kept:
            self._pictures.pop(next(iter(self._pictures)))
        self._pictures[key] = (owner, picture)  # the most recently used last
