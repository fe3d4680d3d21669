"""A label that remembers its size hints per text.

Each citizen opened gives the history pane's and the header's labels new words, and the
layouts ask each label how big it wants to be: Qt lays a word-wrapped or rich text out again
for every such question (several times for one size hint). The same words come back all the
time (the same citizen again, "Ingen aktiviteter registreret.", the same headings), so
``MeasuredLabel`` keeps Qt's answers per text (and width) and gives them again. Its font,
style, format, wrapping, margins and maximum width are set once, when it is made: a change of
font or style forgets every answer.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QLabel

MAX_REMEMBERED = 512  # answers per label (texts × widths)
_FORGET = (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.LayoutDirectionChange)


class MeasuredLabel(QLabel):
    """A ``QLabel`` whose ``sizeHint``, ``minimumSizeHint`` and ``heightForWidth`` are Qt's,
    asked once per text (and width)."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self._answers: dict[tuple, QSize | int] = {}

    def sizeHint(self) -> QSize:
        return QSize(self._answer("size", super().sizeHint))

    def minimumSizeHint(self) -> QSize:
        return QSize(self._answer("least", super().minimumSizeHint))

    def heightForWidth(self, width: int) -> int:
        return self._answer(width, super().heightForWidth, width)  # type: ignore[return-value]

    def _answer(self, kind: object, ask: Callable[..., QSize | int], *args: int) -> QSize | int:
        """Qt's answer (``ask``) for the text shown, remembered under ``kind``."""
        text = self.text()
        if not text:  # (an empty label is sized as never given a text or as given "")
            return ask(*args)
        key = (kind, text)
        found = self._answers.get(key)
        if found is None:
            found = self._remember(key, ask(*args))
        return found

    def _remember(self, key: tuple, answer: QSize | int) -> QSize | int:
        if len(self._answers) >= MAX_REMEMBERED:
            self._answers.clear()
        self._answers[key] = answer
        return answer

    def forget(self) -> None:
        """Ask Qt again (what the hints depend on besides the text changed)."""
        self._answers.clear()

    def setWordWrap(self, on: bool) -> None:
        self.forget()
        super().setWordWrap(on)

    def setMargin(self, margin: int) -> None:
        self.forget()
        super().setMargin(margin)

    def setIndent(self, indent: int) -> None:
        self.forget()
        super().setIndent(indent)

    def setTextFormat(self, text_format: object) -> None:
        self.forget()
        super().setTextFormat(text_format)  # type: ignore[arg-type]

    def setAlignment(self, alignment: object) -> None:
        self.forget()
        super().setAlignment(alignment)  # type: ignore[arg-type]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in _FORGET:
            self._answers.clear()
        super().changeEvent(event)
