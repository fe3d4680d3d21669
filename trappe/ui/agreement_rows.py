"""The open agreements' rows painted with each text laid out once, not again on every paint.

Qt's item delegate lays a wrapped row's text out several times each time it paints the row:
to size the text's rectangle (once for each of the check box, the decoration and the text) and
again to draw it. ``LaidOutRows`` paints a plain row (not selected, focused, hovered or being
edited) as the style does, with the text left out, and then draws the text from a
``QTextLayout`` made once per text, font and width: the same layout, the same position, so the
same pixels (``tests/ui/test_agreement_rows.py`` compares them with Qt's own painting). Any
other row, and any text that would not fit its rectangle whole (Qt would elide it), is painted
by Qt as before.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QHelpEvent,
    QPainter,
    QPalette,
    QStandardItemModel,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

MAX_LAYOUTS = 400  # texts kept laid out (a few citizens' visible rows at a few widths)
# Flags as plain integers, tested against a flag's ``_value_``: Qt's flags are Python flags, and
# each ``&`` of two of them (as each ``.value``) runs Python code in the enum module.
_PLAIN_STATES = (
    QStyle.StateFlag.State_Selected
    | QStyle.StateFlag.State_HasFocus
    | QStyle.StateFlag.State_MouseOver
    | QStyle.StateFlag.State_Editing
)._value_
_ENABLED = QStyle.StateFlag.State_Enabled._value_
_ACTIVE = QStyle.StateFlag.State_Active._value_
_WRAP = QStyleOptionViewItem.ViewItemFeature.WrapText._value_
_LEFT = QStyleOptionViewItem.Position.Left
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_TEXT_RECT = QStyle.SubElement.SE_ItemViewItemText
_FOCUS_MARGIN = QStyle.PixelMetric.PM_FocusFrameHMargin
_ITEM = QStyle.ControlElement.CE_ItemViewItem
_NORMAL = QPalette.ColorGroup.Normal
_DISABLED = QPalette.ColorGroup.Disabled
_INACTIVE = QPalette.ColorGroup.Inactive
_TEXT = QPalette.ColorRole.Text
_WORD_WRAP = QTextOption.WrapMode.WordWrap
_V_CENTER = int(Qt.AlignmentFlag.AlignVCenter)
_BOTTOM = int(Qt.AlignmentFlag.AlignBottom)
_RIGHT = int(Qt.AlignmentFlag.AlignRight)
_H_CENTER = int(Qt.AlignmentFlag.AlignHCenter)
_INTERSECT = Qt.ClipOperation.IntersectClip


def aligned_corner(alignment: int, size: QSize, rect: QRect) -> QPointF:
    """The top left corner of ``QStyle.alignedRect(direction, alignment, size, rect)``, given
    the visual alignment (``QStyle.visualAlignment``) as an integer: Qt's arithmetic, on
    plain integers (sizes and rectangles are never negative: C++'s division is Python's)."""
    x, y = rect.x(), rect.y()
    if alignment & _V_CENTER == _V_CENTER:
        y += rect.height() // 2 - size.height() // 2
    elif alignment & _BOTTOM == _BOTTOM:
        y += rect.height() - size.height()
    if alignment & _RIGHT == _RIGHT:
        x += rect.width() - size.width()
    elif alignment & _H_CENTER == _H_CENTER:
        x += rect.width() // 2 - size.width() // 2
    return QPointF(x, y)


class LaidOutRows(QStyledItemDelegate):
    """A delegate that keeps each plain row's text laid out (see the module)."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._layouts: dict[tuple, tuple[QTextLayout, float, float] | None] = {}
        self._visuals: dict[tuple[int, int], tuple[Qt.AlignmentFlag, int]] = {}
        self._options: dict[tuple[int, int], QTextOption] = {}
        self._font = QFont()
        self._font_key = self._font.key()
        self.drawn = 0  # rows whose text was drawn from a kept layout (for tests)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        state = opt.state._value_  # (each of the option's flags read once: see above)
        if (
            not text
            or state & _PLAIN_STATES
            or not opt.features._value_ & _WRAP
            or opt.decorationPosition is not _LEFT
            or not opt.showDecorationSelected
        ):
            super().paint(painter, option, index)
            return
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        # The row without its text, as the style paints it; the text goes where the style
        # puts it (a row's whole width beside the tick box, with or without a text).
        opt.text = ""
        text_rect = style.subElementRect(_TEXT_RECT, opt, widget)
        margin = style.pixelMetric(_FOCUS_MARGIN, None, widget) + 1
        rect = text_rect.adjusted(margin, 0, -margin, 0)
        direction = opt.direction
        visual, aligned = self._visual(direction, opt.displayAlignment)
        laid = self._laid_out(text, opt, rect.width(), direction, visual)
        if laid is None or laid[2] > rect.height():  # (Qt would elide a line)
            super().paint(painter, option, index)
            return
        layout, width, height = laid
        style.drawControl(_ITEM, opt, painter, widget)
        # The text, as the style draws it: in the row's text colour, clipped to the row.
        group = _NORMAL
        if not state & _ENABLED:
            group = _DISABLED
        elif not state & _ACTIVE:
            group = _INACTIVE
        painter.save()
        # (within any clip the painter has: Qt's clip operation, not its region in Python)
        painter.setClipRect(opt.rect, _INTERSECT)
        painter.setPen(opt.palette.color(group, _TEXT))
        layout.draw(painter, aligned_corner(aligned, QSize(int(width), int(height)), rect))
        painter.restore()
        self.drawn += 1

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        """A row of a model whose rows' tooltips are their texts (``tooltips_are_texts``: the
        items do not hold them, a role less to fill per row) has its text lent to it as its
        tooltip while Qt shows the tooltip as before."""
        model = index.model() if index.isValid() else None
        if (
            event is None
            or event.type() != QEvent.Type.ToolTip
            or not isinstance(model, QStandardItemModel)
            or not getattr(model, "tooltips_are_texts", False)
        ):
            return super().helpEvent(event, view, option, index)
        item = model.itemFromIndex(index)
        blocked = model.blockSignals(True)  # (nothing changes on screen)
        try:
            item.setToolTip(item.text())
            return super().helpEvent(event, view, option, index)
        finally:
            item.setData(None, _TOOLTIP)
            model.blockSignals(blocked)

    def _visual(
        self, direction: Qt.LayoutDirection, alignment: Qt.AlignmentFlag
    ) -> tuple[Qt.AlignmentFlag, int]:
        """``QStyle.visualAlignment(direction, alignment)``, and as an integer; remembered
        (a call with Qt's flags and enums is several times the rest of a row's bookkeeping)."""
        key = (direction._value_, int(alignment))
        found = self._visuals.get(key)
        if found is None:
            visual = QStyle.visualAlignment(direction, alignment)
            found = self._visuals[key] = (visual, int(visual))
        return found

    def _laid_out(
        self,
        text: str,
        opt: QStyleOptionViewItem,
        width: int,
        direction: Qt.LayoutDirection,
        visual: Qt.AlignmentFlag,
    ) -> tuple[QTextLayout, float, float] | None:
        """``text`` laid out at ``width`` as the style lays it out to draw it (``visual``: its
        visual alignment), with the width and height it takes; None where a line does not fit
        (the style elides it)."""
        font = opt.font  # (the option's own: it goes with the option)
        if font != self._font:  # (the same font as the last row's: its key is known)
            self._font, self._font_key = QFont(font), font.key()
        key = (text, self._font_key, width, direction._value_, int(visual))
        if key in self._layouts:
            return self._layouts[key]
        options = key[3:]  # (one text option for each direction and alignment)
        option = self._options.get(options)
        if option is None:
            option = self._options[options] = QTextOption()
            option.setWrapMode(_WORD_WRAP)
            option.setTextDirection(direction)
            option.setAlignment(visual)
        layout = QTextLayout(text, font)
        layout.setTextOption(option)
        layout.setCacheEnabled(True)
        # Each line as wide as the rectangle (its ``width()`` is the width set), the first
        # at the layout's origin (where a line starts), each next one beneath the last.
        height = 0.0
        fits = True
        layout.beginLayout()
        line = layout.createLine()
        while line.isValid():
            line.setLineWidth(width)
            if height:
                line.setPosition(QPointF(0, height))
            height += line.height()
            if line.naturalTextWidth() > width:
                fits = False
            line = layout.createLine()
        layout.endLayout()
        found = (layout, float(width), height) if fits else None
        if len(self._layouts) >= MAX_LAYOUTS:
            self._layouts.clear()
        self._layouts[key] = found
        return found
