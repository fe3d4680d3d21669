"""The staircase of one citizen, painted with QPainter from the shared geometry
(docs/architecture.md, "The two painters").

Layout comes from ``trappe.model.geometry`` in device-independent pixels, so the picture
scales with the widget and is sharp on high-DPI screens. The professionals' placement is a
filled dark circle, the citizen's own placement an orange triangle, the goal a star: shape
*and* colour differ, so it reads in black and white and for colour-blind users.

The user moves a placement by dragging a marker to another step, by clicking a step (a menu
asks whose placement), or with the keyboard: Left/Right (Home/End) choose a step, Enter asks
whose placement to move there. The widget only *asks* (``move_requested``); the window turns
that into an undoable command.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QMenu, QSizePolicy, QWidget

from trappe.model.entities import Assessor, CitizenRecord, Staircase, Status
from trappe.model.geometry import (
    Marker,
    MarkerKind,
    Rect,
    StaircaseLayout,
    layout_for_record,
    layout_staircase,
)
from trappe.model.validation import format_date

PROFESSIONAL_COLOUR = QColor("#1f3a93")  # dark blue, filled circle
CITIZEN_COLOUR = QColor("#d35400")  # orange, triangle
GOAL_COLOUR = QColor("#f1c40f")  # yellow star with a dark outline
OUTLINE = QColor("#202020")
HISTORY_ALPHA = 95


# -- text that fits its box ------------------------------------------------------------------
_VOWELS = set("aeiouyæøåAEIOUYÆØÅ")


def _joints(word: str) -> list[int]:
    """Where a Danish compound may break: after a joining "s" before a consonant
    (virksomheds|praktik, virksomheds|kontakt)."""
    return [
        i + 1
        for i in range(2, len(word) - 3)
        if word[i] == "s"
        and word[i + 1] not in _VOWELS
        and word[i + 1] != "s"
        and word[i - 1] not in _VOWELS
    ]


def hyphenate(word: str, fm: QFontMetricsF, width: float) -> list[str] | None:
    """Split a word too wide for the box into pieces ending in "-", or None if it cannot
    be split well at this width (the caller then tries a smaller font).

    A compound joint (``_joints``) is used when one fits; a word without joints is cut
    where the line is full.
    """
    pieces: list[str] = []
    rest = word
    while fm.horizontalAdvance(rest) > width:
        joints = [j for j in _joints(rest) if fm.horizontalAdvance(rest[:j] + "-") <= width]
        if joints:
            cut = joints[-1]
        elif _joints(rest):
            return None  # a good joint exists but does not fit: use a smaller font
        else:
            cut = len(rest) - 3  # leave at least three letters for the next line
            while cut > 2 and fm.horizontalAdvance(rest[:cut] + "-") > width:
                cut -= 1
            if cut <= 2:
                return None
        pieces.append(rest[:cut] + "-")
        rest = rest[cut:]
    pieces.append(rest)
    return pieces


def wrap_lines(
    text: str,
    fm: QFontMetricsF,
    width: float,
    *,
    allow_hyphens: bool = False,
    elide: bool = True,
) -> list[str] | None:
    """Greedy word wrap; a word wider than the box is hyphenated (if allowed) or elided
    (or, with ``elide=False``, the text does not fit: None)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if fm.horizontalAdvance(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if fm.horizontalAdvance(word) <= width:
                current = word
            elif allow_hyphens and (pieces := hyphenate(word, fm, width)) is not None:
                *full, current = pieces
                lines.extend(full)
            elif not elide:
                return None
            else:
                current = fm.elidedText(word, Qt.TextElideMode.ElideRight, width)
        lines.append(current)
    return lines


def fits(
    text: str, fm: QFontMetricsF, width: float, height: float, *, allow_hyphens: bool = False
) -> bool:
    """Whether the wrapped text fits the box without eliding (or, unless allowed,
    hyphenating) a word."""
    lines = wrap_lines(text, fm, width, allow_hyphens=allow_hyphens, elide=False)
    if lines is None:
        return False
    return len(lines) * fm.lineSpacing() <= height + 0.5


def largest_px(
    base: QFont,
    text: str,
    width: float,
    height: float,
    max_px: float,
    min_px: float,
    *,
    allow_hyphens: bool = False,
) -> float:
    """The largest pixel size in [min_px, max_px] at which ``text`` fits the box."""
    px = max(min_px, max_px)
    font = QFont(base)
    while px > min_px:
        font.setPixelSize(max(1, round(px)))
        if fits(text, QFontMetricsF(font), width, height, allow_hyphens=allow_hyphens):
            return px
        px = max(min_px, px * 0.92)
    return min_px


def fit_font(
    base: QFont,
    text: str,
    width: float,
    height: float,
    max_px: float,
    min_px: float,
) -> tuple[QFont, list[str]]:
    """The largest font between max_px and min_px whose wrapped text fits the box.

    At the minimum size the lines that do not fit are dropped and the last kept line elided.
    """
    font = QFont(base)
    font.setPixelSize(max(1, round(largest_px(base, text, width, height, max_px, min_px))))
    return font, fitted_lines(font, text, width, height)


def fitted_lines(
    font: QFont, text: str, width: float, height: float, *, allow_hyphens: bool = False
) -> list[str]:
    """The wrapped lines of ``text`` in ``font``, cut (with an ellipsis) to the box height."""
    fm = QFontMetricsF(font)
    lines = wrap_lines(text, fm, width, allow_hyphens=allow_hyphens) or []
    max_lines = max(1, int((height + 0.5) // fm.lineSpacing()))
    if len(lines) > max_lines:
        kept = lines[:max_lines]
        kept[-1] = fm.elidedText(kept[-1] + " …", Qt.TextElideMode.ElideRight, width)
        lines = kept
    return lines


def draw_lines(
    painter: QPainter,
    font: QFont,
    lines: list[str],
    rect: QRectF,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter,
) -> None:
    painter.setFont(font)
    fm = QFontMetricsF(font)
    y = rect.top()
    for line in lines:
        painter.drawText(
            QRectF(rect.left(), y, rect.width(), fm.lineSpacing()),
            int(align | Qt.AlignmentFlag.AlignVCenter),
            line,
        )
        y += fm.lineSpacing()


# -- markers, shared by the legend -----------------------------------------------------------
def marker_path(kind: MarkerKind, cx: float, cy: float, size: float) -> QPainterPath:
    path = QPainterPath()
    r = size / 2
    if kind in (MarkerKind.PROFESSIONAL, MarkerKind.HISTORY_PROFESSIONAL):
        path.addEllipse(QPointF(cx, cy), r, r)
    elif kind in (MarkerKind.CITIZEN, MarkerKind.HISTORY_CITIZEN):
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(cx, cy - r),
                    QPointF(cx + r, cy + r * 0.8),
                    QPointF(cx - r, cy + r * 0.8),
                    QPointF(cx, cy - r),
                ]
            )
        )
    else:  # star
        points = []
        for k in range(10):
            angle = -math.pi / 2 + k * math.pi / 5
            rr = r if k % 2 == 0 else r * 0.45
            points.append(QPointF(cx + rr * math.cos(angle), cy + rr * math.sin(angle)))
        points.append(points[0])
        path.addPolygon(QPolygonF(points))
    return path


def paint_marker(painter: QPainter, kind: MarkerKind, cx: float, cy: float, size: float) -> None:
    history = kind in (MarkerKind.HISTORY_PROFESSIONAL, MarkerKind.HISTORY_CITIZEN)
    if kind in (MarkerKind.PROFESSIONAL, MarkerKind.HISTORY_PROFESSIONAL):
        fill = QColor(PROFESSIONAL_COLOUR)
    elif kind in (MarkerKind.CITIZEN, MarkerKind.HISTORY_CITIZEN):
        fill = QColor(CITIZEN_COLOUR)
    else:
        fill = QColor(GOAL_COLOUR)
    outline = QColor(OUTLINE)
    if history:
        fill.setAlpha(HISTORY_ALPHA)
        outline.setAlpha(HISTORY_ALPHA)
    painter.setPen(QPen(outline, max(1.0, size * 0.07)))
    painter.setBrush(fill)
    painter.drawPath(marker_path(kind, cx, cy, size))


@dataclass
class _Drag:
    assessor: Assessor
    start: QPointF
    pos: QPointF
    active: bool = False


class StaircaseWidget(QWidget):
    """Paints the staircase of one citizen (or of nobody) and asks for moves."""

    move_requested = Signal(int, object)  # step id, Assessor

    def __init__(self, parent: QWidget | None = None, *, large_text: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("staircase")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Trappe"))
        self._large = large_text
        self._staircase: Staircase | None = None
        self._record: CitizenRecord | None = None
        self._layout: StaircaseLayout | None = None
        self._focus_index = 0
        self._hover_step: int | None = None
        self._drag: _Drag | None = None
        self._press_step: int | None = None
        self._title_px = 14.0
        self.empty_text = self.tr("Vælg en borger i listen for at se borgerens trappe.")

    # -- content ----------------------------------------------------------------------------
    def set_content(self, staircase: Staircase | None, record: CitizenRecord | None) -> None:
        self._staircase = staircase
        self._record = record
        self._layout = None
        if staircase and staircase.steps:
            current = record.citizen.current_step_id if record else None
            idx = staircase.index_of(current) if current is not None else None
            self._focus_index = min(
                idx if idx is not None else self._focus_index, len(staircase.steps) - 1
            )
        self._update_accessible_text()
        self.update()

    @property
    def record(self) -> CitizenRecord | None:
        return self._record

    def can_move(self) -> bool:
        return (
            self._record is not None
            and self._staircase is not None
            and bool(self._staircase.steps)
            and self._record.citizen.status is Status.ACTIVE
        )

    def sizeHint(self) -> QSize:
        return QSize(720, 420)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 220)

    # -- geometry --------------------------------------------------------------------------
    def _margin(self) -> float:
        return max(6.0, min(self.width(), self.height()) * 0.02)

    def layout_now(self) -> StaircaseLayout | None:
        """The current layout in widget coordinates (computed lazily, cached until resize)."""
        if self._staircase is None or not self._staircase.steps:
            return None
        if self._layout is None:
            m = self._margin()
            w, h = self.width() - 2 * m, self.height() - 2 * m
            if w <= 0 or h <= 0:
                return None
            if self._record is not None:
                # Large text (dialogue mode) draws no descriptions: give their room to history.
                self._layout = layout_for_record(
                    self._staircase, self._record, w, h, show_descriptions=not self._large
                )
            else:
                self._layout = layout_staircase(self._staircase, w, h)
        return self._layout

    def _to_widget(self, r: Rect) -> QRectF:
        m = self._margin()
        return QRectF(r.x + m, r.y + m, r.w, r.h)

    def step_at(self, pos: QPointF | QPoint) -> int | None:
        lay = self.layout_now()
        if lay is None:
            return None
        m = self._margin()
        return lay.step_at(pos.x() - m, pos.y() - m)

    def step_centre(self, step_id: int) -> QPoint:
        """Where to click to hit a step (used by keyboardless tests and drags)."""
        lay = self.layout_now()
        box = lay.box_for(step_id) if lay else None
        if box is None:
            return QPoint()
        return self._to_widget(box.history_box).center().toPoint()

    def marker_centre(self, kind: MarkerKind) -> QPoint | None:
        lay = self.layout_now()
        if lay is None:
            return None
        m = self._margin()
        for mk in lay.markers:
            if mk.kind is kind:
                return QPointF(mk.cx + m, mk.cy + m).toPoint()
        return None

    def _marker_at(self, pos: QPointF) -> Marker | None:
        lay = self.layout_now()
        if lay is None:
            return None
        m = self._margin()
        for mk in lay.markers:
            if mk.kind not in (MarkerKind.PROFESSIONAL, MarkerKind.CITIZEN):
                continue
            slack = mk.size * 0.25
            b = mk.bounds
            if (
                b.x - slack <= pos.x() - m <= b.right + slack
                and b.y - slack <= pos.y() - m <= b.bottom + slack
            ):
                return mk
        return None

    def resizeEvent(self, event: object) -> None:
        self._layout = None
        super().resizeEvent(event)

    # -- painting ----------------------------------------------------------------------------
    def _px(self, value: float) -> float:
        return value * (1.35 if self._large else 1.0)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        lay = self.layout_now()
        if lay is None:
            painter.setPen(self.palette().text().color())
            text = (
                self.tr("Trappen har ingen trin endnu. Opret trinene under Indstillinger.")
                if self._staircase is not None
                else ""
            )
            painter.drawText(
                self.rect().adjusted(20, 20, -20, -20),
                int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                text,
            )
            painter.end()
            return
        base = QFont(self.font())
        self._paint_phases(painter, lay, base)
        self._paint_steps(painter, lay, base)
        self._paint_markers(painter, lay, base)
        if self._record is None:
            self._paint_hint(painter, lay, base)  # no markers yet, so no legend to explain them
        else:
            self._paint_legend(painter, lay, base)
        if self._drag is not None and self._drag.active:
            kind = (
                MarkerKind.PROFESSIONAL
                if self._drag.assessor is Assessor.PROFESSIONAL
                else MarkerKind.CITIZEN
            )
            size = self._marker_size(lay)
            painter.setOpacity(0.7)
            paint_marker(painter, kind, self._drag.pos.x(), self._drag.pos.y(), size)
            painter.setOpacity(1.0)
        painter.end()

    def _marker_size(self, lay: StaircaseLayout) -> float:
        for mk in lay.markers:
            if mk.kind in (MarkerKind.PROFESSIONAL, MarkerKind.CITIZEN, MarkerKind.GOAL):
                return mk.size
        return 16.0

    def _paint_phases(self, painter: QPainter, lay: StaircaseLayout, base: QFont) -> None:
        """Phase titles on one line each, in one size that fits them all."""
        font = QFont(base)
        font.setItalic(True)
        px = min(
            (self._px(min(self._to_widget(b.rect).height() * 0.5, 22)) for b in lay.phases),
            default=12.0,
        )
        font.setPixelSize(round(px))
        while px > 8 and any(
            QFontMetricsF(font).horizontalAdvance(b.title) > b.rect.w - 8 for b in lay.phases
        ):
            px -= 1
            font.setPixelSize(round(px))
        painter.setFont(font)
        fm = QFontMetricsF(font)
        for band in lay.phases:
            r = self._to_widget(band.rect)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.palette().alternateBase())
            painter.drawRoundedRect(r, 4, 4)
            painter.setPen(self.palette().text().color())
            text = fm.elidedText(band.title, Qt.TextElideMode.ElideRight, r.width() - 8)
            painter.drawText(r.adjusted(4, 0, -4, 0), int(Qt.AlignmentFlag.AlignCenter), text)

    def _paint_steps(self, painter: QPainter, lay: StaircaseLayout, base: QFont) -> None:
        title_font = QFont(base)
        title_font.setBold(True)
        titles = [f"{box.index + 1}. {box.step.title}" for box in lay.steps]

        def uniform_px(hyphens: bool) -> tuple[float, bool]:
            """The largest size at which every title fits, and whether they all do."""
            px, ok = 1e9, True
            for box in lay.steps:
                w, h = box.title_box.w, box.title_box.h
                size = largest_px(
                    title_font,
                    titles[box.index],
                    w,
                    h,
                    self._px(min(h * 0.36, w * 0.16, 30)),
                    8,
                    allow_hyphens=hyphens,
                )
                title_font.setPixelSize(round(size))
                ok = ok and fits(
                    titles[box.index], QFontMetricsF(title_font), w, h, allow_hyphens=hyphens
                )
                px = min(px, size)
            return px, ok

        # One long compound word must not shrink every title: hyphenate it instead.
        title_px, whole_ok = uniform_px(False)
        hyphen_px, hyphen_ok = uniform_px(True)
        hyphens = (hyphen_ok or not whole_ok) and (not whole_ok or hyphen_px > title_px * 1.3)
        if hyphens:
            title_px = hyphen_px
        self._title_px = title_px
        for box in lay.steps:
            r = self._to_widget(box.rect)
            colour = QColor(box.step.colour)
            hovered = box.step.id == self._hover_step and self.can_move()
            painter.setPen(QPen(QColor("#555555"), 1))
            painter.setBrush(colour.lighter(108) if hovered else colour)
            painter.drawRect(r)
            if box.is_goal:
                painter.setPen(QPen(OUTLINE, 2.5, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(r.adjusted(2, 2, -2, -2))
            # Title: "3. Første virksomhedskontakt", in one size for all steps.
            t = self._to_widget(box.title_box)
            title_font.setPixelSize(round(title_px))
            painter.setPen(QColor("#111111"))
            draw_lines(
                painter,
                title_font,
                fitted_lines(
                    title_font, titles[box.index], t.width(), t.height(), allow_hyphens=hyphens
                ),
                t,
            )
            if box.description_box is not None and not self._large:
                d = self._to_widget(box.description_box)
                dfont, dlines = fit_font(
                    base, box.step.description, d.width(), d.height(), min(d.height() * 0.22, 14), 8
                )
                painter.setPen(QColor("#333333"))
                draw_lines(painter, dfont, dlines, d)
            hidden = lay.hidden_history.get(box.step.id)
            label_box = lay.hidden_label_boxes.get(box.step.id)
            if hidden and label_box is not None:
                rr = self._to_widget(label_box)
                f = QFont(base)
                f.setPixelSize(max(9, round(min(rr.height() * 0.72, self._px(14)))))
                painter.setFont(f)
                painter.setPen(QColor("#444444"))
                painter.drawText(
                    rr,
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    self.tr("+%1 tidligere").replace("%1", str(hidden)),
                )
            if self.hasFocus() and box.index == self._focus_index:
                pen = QPen(self.palette().highlight().color(), 3, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(r.adjusted(-1, -1, 1, 1))

    def _paint_markers(self, painter: QPainter, lay: StaircaseLayout, base: QFont) -> None:
        m = self._margin()
        dragging = self._drag.assessor if self._drag and self._drag.active else None
        for mk in lay.markers:
            moving = (dragging is Assessor.PROFESSIONAL and mk.kind is MarkerKind.PROFESSIONAL) or (
                dragging is Assessor.CITIZEN and mk.kind is MarkerKind.CITIZEN
            )
            if moving:
                painter.setOpacity(0.3)
            paint_marker(painter, mk.kind, mk.cx + m, mk.cy + m, mk.size)
            painter.setOpacity(1.0)
            if mk.label and mk.label_box is not None:
                lb = self._to_widget(mk.label_box)
                f = QFont(base)
                # Dates stay smaller than the step titles, so the titles lead the eye.
                cap = max(12.0, self._title_px)
                f.setPixelSize(max(7, round(min(lb.height() * 0.72, self._px(14), cap))))
                fm = QFontMetricsF(f)
                while f.pixelSize() > 7 and fm.horizontalAdvance(mk.label) > lb.width() - 2:
                    f.setPixelSize(f.pixelSize() - 1)
                    fm = QFontMetricsF(f)
                painter.setFont(f)
                painter.setPen(QColor(60, 60, 60, 200))
                painter.drawText(
                    lb.adjusted(2, 0, 0, 0),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    fm.elidedText(mk.label, Qt.TextElideMode.ElideRight, lb.width() - 2),
                )

    def legend_entries(self) -> list[tuple[MarkerKind, str]]:
        return [
            (MarkerKind.PROFESSIONAL, self.tr("Fagpersonernes placering")),
            (MarkerKind.CITIZEN, self.tr("Borgerens egen placering")),
            (MarkerKind.GOAL, self.tr("Mål")),
            (MarkerKind.HISTORY_PROFESSIONAL, self.tr("Tidligere placeringer (dato)")),
        ]

    def _paint_legend(self, painter: QPainter, lay: StaircaseLayout, base: QFont) -> None:
        """Top left, in the air above the low steps; skipped if it would touch a step."""
        entries = self.legend_entries()
        m = self._margin()
        font = QFont(base)
        px = self._px(max(10.0, min(16.0, self.height() * 0.028)))
        for _attempt in range(6):
            font.setPixelSize(round(px))
            fm = QFontMetricsF(font)
            line_h = fm.lineSpacing() * 1.25
            icon = fm.height() * 0.9
            width = icon * 1.6 + max(fm.horizontalAdvance(t) for _k, t in entries) + 8
            height = line_h * len(entries) + 6
            # The steps the legend spans must all start below it.
            spanned = [b for b in lay.steps if b.rect.x < width]
            top = min((b.rect.y for b in spanned), default=lay.height)
            if height + 6 <= top:
                break
            px *= 0.85
        else:
            return
        painter.setFont(font)
        rect = QRectF(m, m, width, height)
        bg = QColor(self.palette().base().color())
        bg.setAlpha(230)
        painter.setPen(QPen(QColor("#bbbbbb"), 1))
        painter.setBrush(bg)
        painter.drawRoundedRect(rect, 4, 4)
        y = m + 3
        for kind, text in entries:
            paint_marker(painter, kind, m + 4 + icon * 0.6, y + line_h / 2, icon * 0.8)
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(m + 4 + icon * 1.4, y, width - icon * 1.4 - 6, line_h),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
            y += line_h

    def _paint_hint(self, painter: QPainter, lay: StaircaseLayout, base: QFont) -> None:
        if not self.empty_text:
            return
        font = QFont(base)
        font.setPixelSize(round(max(12.0, min(18.0, self.height() * 0.035))))
        painter.setFont(font)
        fm = QFontMetricsF(font)
        w = fm.horizontalAdvance(self.empty_text) + 24
        r = QRectF((self.width() - w) / 2, self.height() * 0.04, w, fm.lineSpacing() * 1.8)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 230))
        painter.drawRoundedRect(r, 6, 6)
        painter.setPen(self.palette().text().color())
        painter.drawText(r, int(Qt.AlignmentFlag.AlignCenter), self.empty_text)

    # -- accessibility -----------------------------------------------------------------------
    def describe(self) -> str:
        """A sentence for screen readers: where the citizen stands, and the chosen step."""
        if self._staircase is None or not self._staircase.steps:
            return self.tr("Ingen trappe")
        parts: list[str] = []
        sc = self._staircase

        def title(step_id: int | None) -> str:
            if step_id is None:
                return self.tr("ingen")
            step = sc.step(step_id)
            idx = sc.index_of(step_id)
            if step is None:
                return self.tr("ukendt")
            return f"{idx + 1}. {step.title}" if idx is not None else step.title

        if self._record is not None:
            c = self._record.citizen
            parts.append(
                self.tr("Fagpersonernes placering: %1.").replace("%1", title(c.current_step_id))
            )
            parts.append(
                self.tr("Borgerens egen placering: %1.").replace("%1", title(c.own_step_id))
            )
            if c.goal_step_id is not None:
                parts.append(self.tr("Mål: %1.").replace("%1", title(c.goal_step_id)))
            if c.current_step_since:
                parts.append(
                    self.tr("På trinnet siden %1.").replace("%1", format_date(c.current_step_since))
                )
        focus = sc.steps[self._focus_index]
        parts.append(
            self.tr("Valgt trin: %1. %2")
            .replace("%1", title(focus.id))
            .replace("%2", focus.description)
        )
        return " ".join(parts)

    def _update_accessible_text(self) -> None:
        self.setAccessibleDescription(self.describe())

    def focused_step_id(self) -> int | None:
        if self._staircase is None or not self._staircase.steps:
            return None
        return self._staircase.steps[self._focus_index].id

    # -- interaction ------------------------------------------------------------------------
    def choose_assessor(self, step_id: int, global_pos: QPoint) -> Assessor | None:
        """Ask whose placement moves to ``step_id`` (a small menu); None if cancelled."""
        menu = QMenu(self)
        step = self._staircase.step(step_id) if self._staircase else None
        name = step.title if step else ""
        menu.addSection(name)
        pro = menu.addAction(self.tr("Flyt fagpersonernes placering hertil"))
        own = menu.addAction(self.tr("Flyt borgerens egen placering hertil"))
        menu.addSeparator()
        menu.addAction(self.tr("Annullér"))
        chosen = menu.exec(global_pos)
        if chosen is pro:
            return Assessor.PROFESSIONAL
        if chosen is own:
            return Assessor.CITIZEN
        return None

    def _ask_and_move(self, step_id: int, global_pos: QPoint) -> None:
        if not self.can_move():
            return
        assessor = self.choose_assessor(step_id, global_pos)
        if assessor is not None:
            self.move_requested.emit(step_id, assessor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        pos = event.position()
        self._press_step = self.step_at(pos)
        marker = self._marker_at(pos) if self.can_move() else None
        if marker is not None:
            assessor = (
                Assessor.PROFESSIONAL
                if marker.kind is MarkerKind.PROFESSIONAL
                else Assessor.CITIZEN
            )
            self._drag = _Drag(assessor, pos, pos)
        if self._press_step is not None and self._staircase is not None:
            idx = self._staircase.index_of(self._press_step)
            if idx is not None:
                self._focus_index = idx
                self._update_accessible_text()
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._drag is not None:
            self._drag.pos = pos
            if (pos - self._drag.start).manhattanLength() > 6:
                self._drag.active = True
            self.update()
        step = self.step_at(pos)
        if step != self._hover_step:
            self._hover_step = step
            self.update()
            tip = ""
            if step is not None and self._staircase is not None:
                s = self._staircase.step(step)
                if s is not None:
                    tip = f"{s.title}\n{s.description}".strip()
            self.setToolTip(tip)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mouseReleaseEvent(event)
        pos = event.position()
        step = self.step_at(pos)
        drag, self._drag = self._drag, None
        self.update()
        if drag is not None and drag.active:
            if step is not None and self.can_move():
                self.move_requested.emit(step, drag.assessor)
            return
        if step is not None and step == self._press_step:
            self._ask_and_move(step, event.globalPosition().toPoint())

    def leaveEvent(self, event: object) -> None:
        self._hover_step = None
        self.update()
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._staircase is None or not self._staircase.steps:
            return super().keyPressEvent(event)
        n = len(self._staircase.steps)
        key = event.key()
        moves = {
            Qt.Key.Key_Left: self._focus_index - 1,
            Qt.Key.Key_Down: self._focus_index - 1,
            Qt.Key.Key_Right: self._focus_index + 1,
            Qt.Key.Key_Up: self._focus_index + 1,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: n - 1,
        }
        if key in moves:
            self._focus_index = max(0, min(n - 1, moves[key]))
            self._update_accessible_text()
            self.update()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            step_id = self._staircase.steps[self._focus_index].id
            centre = self.step_centre(step_id)
            self._ask_and_move(step_id, self.mapToGlobal(centre))
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: object) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: object) -> None:
        self.update()
        super().focusOutEvent(event)
