"""The header above the staircase: who is shown (name, masked identifier, group, staff, goal)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QFont, QPaintEvent, QTextCharFormat, QTextLayout

    from trappe.model.entities import CitizenRecord, Staircase

NAME_STYLE = "font-size:15pt; font-weight:bold"
STATUS_COLOUR = "#8a1c10"
MARGIN = 4  # around the words (a label's margin)
UNBOUNDED = 1_000_000.0  # a line's width when the words are not wrapped
LAYOUTS_KEPT = 16  # words laid out at a width, kept across citizens (a few, at a few widths)
NBSP, LINE_BREAK, PARAGRAPH = "\u00a0", "\u2028", "\u2029"


class CitizenHeader(QLabel):
    """Who is shown: the name in bold 15pt (and "(afsluttet …)" in red when closed), then a
    line of the masked identifier, target group, staff, start and goal, joined by " · ".

    The words are painted from one ``QTextLayout`` laid out once per text and width: the
    same lines, glyphs and places as a word-wrapped rich-text ``QLabel`` (with a 4-pixel
    margin) showing ``rich_text()``, which is what the header was and what a test compares
    it with, pixel for pixel. The header is exactly as tall as the words need at its width
    (two lines at least, even empty, so the panes below do not move when a citizen opens);
    a new citizen's words lay the window out again only if that height changes.

    A screen reader reads the words as the label's: the header is a ``QLabel`` (static
    text) whose accessible name is the words as plain text; the label's own text stays empty.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("citizen_header")
        self._parts = ("", "", "")  # name, status, details: as given
        self._shown = _shown_text("", "", "")  # the words as shown, where each part begins
        self._plain = ""  # the same as plain text (what a screen reader reads)
        # (words as shown, width) -> laid out, height; the last used last. Kept when other
        # words are shown: the citizen opened again (after nobody, or another) is not laid
        # out again. All forgotten when the font changes.
        self._layouts: dict[tuple, tuple[QTextLayout, float]] = {}
        self._hint_label: QLabel | None = None  # measures ``sizeHint`` (asked rarely)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._least = self._least_height()
        self.setFixedHeight(self._least)

    # -- the words ---------------------------------------------------------------------------
    def text(self) -> str:
        """The words shown, as plain text (empty: nobody shown)."""
        return self._plain

    def set_words(self, name: str, status: str = "", details: str = "") -> None:
        """Show ``name`` (bold), ``status`` (red, after it) and ``details`` (the line below)."""
        parts = (name, status, details)
        if parts == self._parts:
            return
        self._parts = parts
        self._shown = _shown_text(*parts)
        self._plain = "" if parts == ("", "", "") else _spoken(self._shown[0])
        self.setAccessibleName(self._plain)
        self._fit_height()
        self.update()

    def rich_text(self) -> str:
        """The words as the rich text a ``QLabel`` would show the same way."""
        if self._parts == ("", "", ""):
            return ""
        import html

        name, status, details = (html.escape(p) for p in self._parts)
        if status:
            status = f" <span style='color:{STATUS_COLOUR}'>({status})</span>"
        return f"<span style='{NAME_STYLE}'>{name}</span>{status}<br>{details}"

    def set_content(self, sc: Staircase | None, record: CitizenRecord | None) -> None:
        if record is None:
            self.set_words("")
            return
        Status, format_date, role_labels = _words_helpers()
        c = record.citizen
        bits = []
        if c.identifier:
            bits.append(c.identifier_masked)
        if record.target_group:
            bits.append(record.target_group.name)
        if record.caseworker or record.consultant:
            roles = role_labels()
            for staff in (record.caseworker, record.consultant):
                if staff:
                    bits.append(f"{roles[staff.role]}: {staff.name}")
        bits.append(self.tr("Start %1").replace("%1", format_date(c.start_date)).replace(" ", NBSP))
        if c.goal_step_id is not None and sc is not None:
            step = sc.step(c.goal_step_id)
            if step is not None:
                goal = self.tr("Mål: %1").replace("%1", step.title)
                if c.goal_date:
                    goal += " " + self.tr("senest %1").replace("%1", format_date(c.goal_date))
                bits.append(goal)
        status = ""
        if c.status is Status.CLOSED:
            status = self.tr("afsluttet %1").replace("%1", format_date(c.closed_on))
        self.set_words(c.name, status, " · ".join(bits))

    # -- size --------------------------------------------------------------------------------
    def _layout(self, width: int) -> tuple[QTextLayout, float]:
        """The words laid out ``width`` pixels wide (the margins taken off), and their height."""
        layouts, key = self._layouts, (self._shown, width)
        found = layouts.pop(key, None)
        if found is None:
            found = _laid_out(self.font(), self._shown, width - 2 * MARGIN)
            while len(layouts) >= LAYOUTS_KEPT:
                layouts.pop(next(iter(layouts)))
        layouts[key] = found
        return found

    def _least_height(self) -> int:
        """Two lines, the first as tall as the name's: a no-break space on each, as a
        word-wrapped rich-text label measures them. (The empty header is made on the start
        path, where a label's types are loaded already; ``QTextLayout``'s and
        ``QTextCharFormat``'s are made by PySide on first use, which cost about 20 M
        instructions, 2 % of start-up: they wait for the first citizen.)"""
        label = self._measuring_label()
        label.setText(f"<span style='{NAME_STYLE}'>&nbsp;</span><br>&nbsp;")
        return label.sizeHint().height()

    def _measuring_label(self) -> QLabel:
        """A word-wrapped rich-text label in the header's font, never shown: what the header
        was, asked for what it measured (the least height; the width ``sizeHint`` likes)."""
        label = self._hint_label
        if label is None:
            from trappe.ui.measured_label import MeasuredLabel

            label = self._hint_label = MeasuredLabel()
            label.setProperty("textFormat", 1)  # RichText (no ``Qt`` enums on the start path)
            label.setWordWrap(True)
            label.setMargin(MARGIN)
        if label.font() != self.font():
            label.setFont(self.font())
        return label

    def heightForWidth(self, width: int) -> int:
        """As tall as the words need at ``width`` (a label's ``heightForWidth``)."""
        return _height(self._layout(width)[1])

    def _fit_height(self) -> None:
        height = self._least
        if self._parts != ("", "", ""):
            height = max(height, self.heightForWidth(max(1, self.width())))
        if height != self.height() or height != self.minimumHeight():
            self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        # The width a word-wrapped label would like for these words: Qt's rule, from a label
        # never shown, given the words only when asked (and remembering its answer per text:
        # the window's layout asks again when the header's height changes).
        label = self._measuring_label()
        rich = self.rich_text()
        if label.text() != rich:
            label.setText(rich)
        return QSize(label.sizeHint().width(), self.minimumHeight())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.minimumHeight())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._layouts.clear()
            self._least = self._least_height()
            self._fit_height()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != self.width():
            self._fit_height()

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        if self._parts == ("", "", ""):
            return
        QPointF, _layout, _rect, QPainter = _qt()  # (not needed at start)
        width, height = self.width(), self.height()
        layout, words_height = self._layout(width)
        # Where a label puts its document: inside the margins, centred in what is left, out
        # to whole pixels (``QRectF.toAlignedRect``; worked out here, not asked of Qt).
        inner_width, inner_height = float(width - 2 * MARGIN), float(height - 2 * MARGIN)
        top = MARGIN + max((inner_height - words_height) / 2, 0.0)
        left, right = math.floor(MARGIN), math.ceil(MARGIN + inner_width)
        upper, lower = math.floor(top), math.ceil(top + inner_height)
        p = QPainter(self)
        p.translate(left, upper)
        p.setClipRect(0, 0, right - left, lower - upper)
        p.setPen(self.palette().color(self.foregroundRole()))
        layout.draw(p, QPointF(0, 0))
        p.end()


def _height(words_height: float) -> int:
    """The label's height for words this tall: rounded up, and the margins."""
    return math.ceil(words_height) + 2 * MARGIN


_HELPERS: tuple = ()


def _words_helpers() -> tuple:
    """``Status``, ``format_date``, ``role_labels``: imported when the first citizen is shown
    (the empty header at start needs none), once (an import statement run again costs
    microseconds: PySide hooks every import)."""
    global _HELPERS
    if not _HELPERS:
        from trappe.model.entities import Status
        from trappe.model.validation import format_date
        from trappe.ui.widgets import role_labels

        _HELPERS = (Status, format_date, role_labels)
    return _HELPERS


# White space as rich text collapses it (``QChar::isSpace``: the separators and the ASCII
# white space, bar the no-break space and the paragraph separator, which breaks the line).
_SPACES = "[ \t-\r\x85\u1680\u2000-\u200a\u2028\u202f\u205f\u3000]+"
_spaces: list = []  # (compiled when the first citizen is shown: ``re`` is not on the start path)


def _shown_text(name: str, status: str, details: str) -> tuple[str, int, int, int]:
    """The words as rich text shows them: each run of white space one space, none at the
    start of a line; with where (in UTF-16 units, as ``QTextLayout`` counts) the name ends
    and the red status, "(" to ")", begins and ends."""
    out = ""
    marks = []
    for part in (name, " (" if status else "", status, ")" if status else "", None, details):
        if part is None:  # (the break after the name, where the markup has ``<br>``)
            part = LINE_BREAK
        else:
            if part:
                if not _spaces:
                    import re

                    _spaces.append(re.compile(_SPACES))
                part = _spaces[0].sub(" ", part)
            if PARAGRAPH in part:
                part = part.replace(PARAGRAPH, LINE_BREAK).replace(LINE_BREAK + " ", LINE_BREAK)
            if part[:1] == " " and (not out or out[-1] in " " + LINE_BREAK):
                part = part[1:]
        out += part
        marks.append(len(out) if out.isascii() else len(out.encode("utf-16-le")) // 2)
    return out, marks[0], marks[1] - 1 if status else marks[0], marks[3]


def _laid_out(
    font: QFont, shown: tuple[str, int, int, int], width: float, *, aligned: bool = True
) -> tuple[QTextLayout, float]:
    """The words in one layout, lines ``width`` wide (or as long as they come when negative),
    laid out as a rich-text label's document lays out its block; with their height."""
    QPointF, QTextLayout = _qt()[:2]  # (not on the start path: see ``_least_height``)
    text, name_end, status_start, status_end = shown
    layout = QTextLayout(text, font)
    layout.setCacheEnabled(True)  # (the glyphs shaped for the lines are drawn, not shaped again)
    layout.setFormats(_ranges(name_end, status_start, status_end))
    if aligned:  # (unaligned: the lines' heights only)
        layout.setTextOption(_options()[_right_to_left(text)])
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width if width >= 0 else UNBOUNDED)
        if 0 <= width < line.naturalTextWidth():  # a word longer than the line: as wide as it
            line.setLineWidth(line.naturalTextWidth())
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout, y


_FORMATS: list[QTextCharFormat] = []
_OPTIONS: tuple | None = None
_QT: tuple = ()
# The formats' ranges, by where the name ends and the status begins and ends: made once each
# (names come in few lengths), a layout takes copies.
_RANGES: dict[tuple[int, int, int], list[QTextLayout.FormatRange]] = {}
RANGES_KEPT = 256


def _qt() -> tuple:
    """``QPointF``, ``QTextLayout``, ``QRectF``, ``QPainter``: imported when first needed,
    once (PySide makes ``QPainter``'s enums with its type, and ``QTextLayout`` costs some
    20 M instructions to make: neither is needed on the start path)."""
    global _QT
    if not _QT:
        from PySide6.QtCore import QPointF, QRectF
        from PySide6.QtGui import QPainter, QTextLayout

        _QT = (QPointF, QTextLayout, QRectF, QPainter)
    return _QT


def _ranges(name_end: int, status_start: int, status_end: int) -> list[QTextLayout.FormatRange]:
    """The name in bold, the status (if any) in red: the formats' ranges."""
    key = (name_end, status_start, status_end)
    found = _RANGES.get(key)
    if found is None:
        bold, red = _formats(status_end > status_start)
        found = []
        if name_end:
            found.append(_range(0, name_end, bold))
        if status_end > status_start:
            found.append(_range(status_start, status_end - status_start, red))  # type: ignore[arg-type]
        if len(_RANGES) >= RANGES_KEPT:
            _RANGES.clear()
        _RANGES[key] = found
    return found


def _formats(status: bool) -> tuple[QTextCharFormat, QTextCharFormat | None]:
    """The name's format and (if asked for) the status's: each made once (a layout takes
    copies; the status's colour, a ``QColor``, reaches ``Qt``: not on the start path)."""
    if not _FORMATS:
        from PySide6.QtGui import QFont, QTextCharFormat

        bold = QTextCharFormat()
        bold.setFontPointSize(15)
        bold.setFontWeight(QFont.Weight.Bold)
        _FORMATS.append(bold)
    if status and len(_FORMATS) == 1:
        from PySide6.QtGui import QColor, QTextCharFormat

        red = QTextCharFormat()
        red.setForeground(QColor(STATUS_COLOUR))
        _FORMATS.append(red)
    return _FORMATS[0], _FORMATS[1] if status else None


def _options() -> tuple:
    """The text options, left to right and right to left: made once."""
    global _OPTIONS
    if _OPTIONS is None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QTextOption

        options = []
        # (as a document lays a block out: its alignment "left" is the side its words begin on)
        for side, direction in (
            (Qt.AlignmentFlag.AlignLeft, Qt.LayoutDirection.LeftToRight),
            (Qt.AlignmentFlag.AlignRight, Qt.LayoutDirection.RightToLeft),
        ):
            option = QTextOption(side | Qt.AlignmentFlag.AlignVCenter)
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            option.setTextDirection(direction)
            options.append(option)
        _OPTIONS = tuple(options)
    return _OPTIONS


def _range(start: int, length: int, form: QTextCharFormat) -> QTextLayout.FormatRange:
    r = _qt()[1].FormatRange()
    r.start, r.length, r.format = start, length, form
    return r


_bidirectional = None  # ``unicodedata.bidirectional``, imported when first needed


def _right_to_left(text: str) -> bool:
    """Whether the first strongly directed letter is right to left (a block's direction)."""
    if text.isascii():
        return False
    global _bidirectional
    if _bidirectional is None:
        import unicodedata

        _bidirectional = unicodedata.bidirectional
    for ch in text:
        kind = _bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def _spoken(plain: str) -> str:
    """The words as a screen reader reads a label's rich text (``toPlainText``)."""
    return plain.replace(NBSP, " ").replace(LINE_BREAK, "\n")
