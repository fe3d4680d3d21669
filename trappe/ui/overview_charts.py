"""Painted charts for the overview, and the table model that is every chart's text alternative.

The charts are painted with QPainter (no QtCharts import at start-up). They read in black and
white: bars carry their numbers and a fill pattern per phase beside the phase colour (whose
lightness differs), and the trend line has point markers and dashed snapshot lines.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from trappe.model.measures import Share, StepCount
from trappe.model.report import PHASE_PALETTE, Table, phase_colours
from trappe.report.csv_writer import cell_text

PATTERNS = (
    Qt.BrushStyle.NoBrush,
    Qt.BrushStyle.BDiagPattern,
    Qt.BrushStyle.CrossPattern,
    Qt.BrushStyle.FDiagPattern,
    Qt.BrushStyle.Dense6Pattern,
    Qt.BrushStyle.HorPattern,
)

Index = QModelIndex | QPersistentModelIndex


class ReportTableModel(QAbstractTableModel):
    """A report table (``trappe.model.report.Table``) for a QTableView: the text alternative
    of a chart, and the overview's tables. Numbers sort as numbers (``Qt.UserRole``)."""

    def __init__(self, table: Table | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._table = table

    def set_table(self, table: Table | None) -> None:
        self.beginResetModel()
        self._table = table
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._table is None else len(self._table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._table is None else len(self._table.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._table is None:
            return None
        value = self._table.rows[index.row()][index.column()]
        number = self._table.columns[index.column()].kind != "text"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if number and isinstance(value, int) and abs(value) >= 1000:
                return f"{value:,}".replace(",", ".")  # 17.047, as a Danish reader writes it
            return cell_text(value)
        if role == Qt.ItemDataRole.UserRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and number:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self._table is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return self._table.columns[section].title  # the full title behind a short one
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            short = self._table.short_titles
            return short[section] if short else self._table.columns[section].title
        return str(section + 1)


class BarChart(QWidget):
    """Citizens per step, bottom step first, coloured and patterned by phase."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: list[StepCount] = []
        self.anonymous = False
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Søjlediagram: borgere pr. trin"))
        self.setAccessibleDescription(self.tr("Tallene står i tabellen ved siden af"))

    def set_counts(self, counts: list[StepCount], anonymous: bool) -> None:
        self.counts = [c for c in counts if c.number is not None]
        self.anonymous = anonymous
        self.update()

    def paintEvent(self, _event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        if not self.counts:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Ingen tal endnu"))
            return
        fm = p.fontMetrics()
        legend_h = fm.height() + 8
        area = QRectF(
            8, fm.height() + 6, self.width() - 16, self.height() - 2 * fm.height() - 18 - legend_h
        )
        top = max(max(c.citizens for c in self.counts), 1)
        colours = phase_colours([c.phase_title for c in self.counts])
        patterns = {ph: PATTERNS[i % len(PATTERNS)] for i, ph in enumerate(colours)}
        slot = area.width() / len(self.counts)
        bar_w = slot * 0.7
        text_pen = QPen(self.palette().text().color())
        for i, c in enumerate(self.counts):
            h = area.height() * c.citizens / top
            bar = QRectF(area.left() + slot * i + (slot - bar_w) / 2, area.bottom() - h, bar_w, h)
            p.fillRect(bar, QColor(colours[c.phase_title]))
            pattern = patterns[c.phase_title]
            if pattern != Qt.BrushStyle.NoBrush:
                p.fillRect(bar, QBrush(QColor("white"), pattern))
            p.setPen(QPen(QColor("black"), 1))
            p.drawRect(bar)
            p.setPen(text_pen)
            small = self.anonymous and 0 < c.citizens < 5
            label = "<5" if small else f"{c.citizens:,}".replace(",", ".")
            above = QRectF(bar.left() - 10, bar.top() - fm.height() - 2, bar_w + 20, fm.height())
            p.drawText(above, Qt.AlignmentFlag.AlignCenter, label)
            p.drawText(QRectF(bar.left() - 10, area.bottom() + 2, bar_w + 20, fm.height()),
                       Qt.AlignmentFlag.AlignCenter, str(c.number))  # fmt: skip
        p.drawLine(QPointF(area.left(), area.bottom()), QPointF(area.right(), area.bottom()))
        x = area.left()
        y = self.height() - legend_h + 2
        for phase, colour in colours.items():
            box = QRectF(x, y + 2, fm.height() - 4, fm.height() - 4)
            p.fillRect(box, QColor(colour))
            if patterns[phase] != Qt.BrushStyle.NoBrush:
                p.fillRect(box, QBrush(QColor("white"), patterns[phase]))
            p.setPen(QColor("black"))
            p.drawRect(box)
            p.setPen(text_pen)
            text = phase or self.tr("Uden fase")
            p.drawText(QPointF(box.right() + 4, y + fm.ascent()), text)
            x = box.right() + 4 + fm.horizontalAdvance(text) + 14


class TrendChart(QWidget):
    """The headline share at the end of each month, with stored measurements marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[Share] = []
        self.marks: list[tuple[date, str]] = []
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Kurve: andel i virksomhedsrettet indsats pr. måned"))
        self.setAccessibleDescription(self.tr("Tallene står i tabellen ved siden af"))

    def set_points(self, points: list[Share], marks: list[tuple[date, str]]) -> None:
        self.points = [s for s in points if s.active]
        self.marks = marks
        self.update()

    def paintEvent(self, _event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        if len(self.points) < 2:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("For få datoer"))
            return
        fm = p.fontMetrics()
        left = fm.horizontalAdvance("100 %") + 10
        area = QRectF(
            left, fm.height() + 8, self.width() - left - 12, self.height() - 2 * fm.height() - 20
        )
        values = [s.percent for s in self.points]
        lo = max(0.0, (int(min(values)) // 10) * 10.0)
        hi = min(100.0, (int(max(values)) // 10 + 1) * 10.0)
        first, last = self.points[0].on.toordinal(), self.points[-1].on.toordinal()
        span = max(last - first, 1)

        def pos(on: date, value: float) -> QPointF:
            x = area.left() + area.width() * (on.toordinal() - first) / span
            y = area.bottom() - area.height() * (value - lo) / max(hi - lo, 1)
            return QPointF(x, y)

        text_pen = QPen(self.palette().text().color())
        grid = QPen(QColor("#bbbbbb"), 1, Qt.PenStyle.DotLine)
        step = 10.0 if hi - lo > 20 else 5.0
        v = lo
        while v <= hi + 0.01:
            y = pos(self.points[0].on, v).y()
            p.setPen(grid)
            p.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            p.setPen(text_pen)
            right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            p.drawText(QRectF(0, y - fm.height() / 2, left - 6, fm.height()), right, f"{v:.0f} %")
            v += step
        for on, name in self.marks:
            if first <= on.toordinal() <= last:
                x = pos(on, lo).x()
                p.setPen(QPen(QColor("black"), 1, Qt.PenStyle.DashLine))
                p.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
                p.setPen(text_pen)
                p.drawText(QPointF(x + 3, area.top() + fm.ascent()), name)
        path = QPainterPath(pos(self.points[0].on, values[0]))
        for s in self.points[1:]:
            path.lineTo(pos(s.on, s.percent))
        p.setPen(QPen(QColor("black"), 2))
        p.drawPath(path)
        p.setBrush(QColor("black"))
        for s in self.points:
            p.drawEllipse(pos(s.on, s.percent), 2.5, 2.5)
        p.setPen(text_pen)
        every = max(1, len(self.points) // 6)
        labelled = self.points[::every]
        if labelled[-1] is not self.points[-1]:
            labelled.append(self.points[-1])
        right_edge = -1.0
        for s in labelled:
            text = s.on.strftime("%m-%Y")
            w = fm.horizontalAdvance(text)
            x = min(pos(s.on, lo).x() - w / 2, self.width() - w - 2)
            if x < right_edge + 6:
                continue  # would overlap the label before it
            p.drawText(QPointF(x, area.bottom() + 4 + fm.ascent()), text)
            right_edge = x + w
        last_pt = pos(self.points[-1].on, values[-1])
        label = f"{values[-1]:.1f} %".replace(".", ",")
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QPointF(last_pt.x() - fm.horizontalAdvance(label) - 6, last_pt.y() - 6), label)


__all__ = ["PHASE_PALETTE", "BarChart", "ReportTableModel", "TrendChart"]
