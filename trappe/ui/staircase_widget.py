"""The staircase of one citizen on screen: painted from the shared picture, moved by mouse,
touch and keyboard, described for screen readers (docs/architecture.md, "The two painters").

The picture (layout, marker styles, legend words, text fitting) comes from the model through
``staircase_painter``; this widget adds what only a screen has: hover, focus, drags and keys.

Two ways to move a marker:

- **Outside a meeting** the widget only *asks*: a click on a step opens a small menu (whose
  placement moves there), a drag moves the marker dragged, Enter on the focused step opens
  the menu. It emits ``move_requested``; the window turns that into today's meeting (meeting
  mode), never a stray placement.
- **In meeting mode** (``start_draft``) the markers belong to the meeting being recorded: a
  click or tap on a step moves the *active* marker there, any marker can be dragged (the
  goal star too), the arrow keys move the active marker a step, F, B and M choose the
  professionals' marker, the citizen's own triangle or the goal (Space cycles), Delete
  removes the citizen's own placement. Each change emits ``draft_changed``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QMenu, QSizePolicy, QWidget

from trappe.model.entities import Assessor, CitizenRecord, Staircase, Status
from trappe.model.geometry import Marker, MarkerKind, StaircaseLayout
from trappe.model.markers import (
    LEGEND,
    LegendEntry,
)
from trappe.model.picture import StaircaseState, staircase_state
from trappe.ui.staircase_access import describe_staircase, hidden_words, legend_words
from trappe.ui.staircase_draft import MOVABLE, MeetingDraft
from trappe.ui.staircase_painter import PaintOptions, StaircasePainter, paint_marker
from trappe.ui.staircase_plan import Fonts, Picture, plan_picture

ASSESSOR_OF = {MarkerKind.PROFESSIONAL: Assessor.PROFESSIONAL, MarkerKind.CITIZEN: Assessor.CITIZEN}
KIND_KEYS = {
    Qt.Key.Key_F: MarkerKind.PROFESSIONAL,
    Qt.Key.Key_B: MarkerKind.CITIZEN,
    Qt.Key.Key_M: MarkerKind.GOAL,
}


@dataclass
class _Drag:
    kind: MarkerKind
    start: QPointF
    pos: QPointF
    active: bool = False


class StaircaseWidget(MeetingDraft, QWidget):
    """Paints the staircase of one citizen (or of nobody) and asks for moves."""

    move_requested = Signal(int, object)  # step id, Assessor (outside meeting mode)
    draft_changed = Signal()  # meeting mode: a marker of the meeting moved
    active_kind_changed = Signal(object)  # meeting mode: MarkerKind that clicks and keys move

    def __init__(self, parent: QWidget | None = None, *, large_text: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("staircase")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)  # taps arrive as clicks
        # Every paint covers the whole widget with opaque colour: Qt need not paint what is
        # behind it first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Trappe"))
        self._large = large_text
        self._staircase: Staircase | None = None
        self._record: CitizenRecord | None = None
        self._state: StaircaseState | None = None
        self._earlier: StaircaseState | None = None
        self._draft: StaircaseState | None = None  # meeting mode
        self._active = MarkerKind.PROFESSIONAL
        self._picture: Picture | None = None
        self._fonts: Fonts | None = None
        self._focus_index = 0
        self._hover_step: int | None = None
        self._drag: _Drag | None = None
        self._press_step: int | None = None
        self.legend: tuple[LegendEntry, ...] | None = LEGEND
        self.empty_text = self.tr("Vælg en borger i listen for at se borgerens trappe.")

    # -- content ----------------------------------------------------------------------------
    def set_content(self, staircase: Staircase | None, record: CitizenRecord | None) -> None:
        """Show a citizen's staircase now (or the bare staircase: ``record`` None)."""
        self.set_state(staircase, record, staircase_state(record) if record else None)

    def set_state(
        self,
        staircase: Staircase | None,
        record: CitizenRecord | None,
        state: StaircaseState | None,
        *,
        earlier: StaircaseState | None = None,
    ) -> None:
        """Show ``state`` (e.g. a citizen as of a meeting), with an ``earlier`` reading faded."""
        self._staircase = staircase
        self._record = record
        self._state = state
        self._earlier = earlier
        self._draft = None
        self._picture = None
        if staircase and staircase.steps:
            current = state.current_step_id if state else None
            idx = staircase.index_of(current) if current is not None else None
            self._focus_index = min(
                idx if idx is not None else self._focus_index, len(staircase.steps) - 1
            )
        self._update_accessible_text()
        self.update()

    def set_large_text(self, on: bool) -> None:
        if on != self._large:
            self._large = on
            self._picture = None
            self.update()

    @property
    def record(self) -> CitizenRecord | None:
        return self._record

    def shown_state(self) -> StaircaseState | None:
        """What the markers show: the meeting's draft in meeting mode, else the state."""
        return self._draft if self._draft is not None else self._state

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

    def offset(self) -> QPointF:
        """Where the layout's origin is in the widget (the margin on every side)."""
        m = self._margin()
        return QPointF(m, m)

    def picture(self) -> Picture | None:
        """The layout and its fitted texts in widget units (cached until a change)."""
        if self._staircase is None or not self._staircase.steps:
            return None
        if self._picture is None:
            m = self._margin()
            w, h = self.width() - 2 * m, self.height() - 2 * m
            if self._fonts is None or self._fonts.key != self.font().key():
                self._fonts = Fonts(self.font())
            self._picture = plan_picture(
                self._staircase,
                self.shown_state(),
                w,
                h,
                self._fonts,
                large=self._large,
                earlier=self._earlier,
            )
        return self._picture

    def layout_now(self) -> StaircaseLayout | None:
        """The current layout in layout units (add ``offset()`` for widget coordinates)."""
        pic = self.picture()
        return pic.layout if pic else None

    def step_at(self, pos: QPointF | QPoint) -> int | None:
        lay = self.layout_now()
        if lay is None:
            return None
        m = self._margin()
        return lay.step_at(pos.x() - m, pos.y() - m)

    def step_centre(self, step_id: int) -> QPoint:
        """Where to click to hit a step: the middle of its column below the markers."""
        lay = self.layout_now()
        box = lay.box_for(step_id) if lay else None
        if box is None:
            return QPoint()
        m = self._margin()
        r = box.history_box
        return QPointF(r.x + r.w / 2 + m, r.y + r.h / 2 + m).toPoint()

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
        movable = MOVABLE if self.in_meeting_mode() else tuple(ASSESSOR_OF)
        for mk in lay.markers:
            if mk.kind not in movable:
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
        self._picture = None
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._picture = None
            self._fonts = None
        super().changeEvent(event)

    # -- painting ----------------------------------------------------------------------------
    def paint_options(self) -> PaintOptions:
        focus_step = None
        if self.hasFocus() and self._staircase is not None and self._staircase.steps:
            focus_step = self._staircase.steps[self._focus_index].id
        hover = self._hover_step if (self.can_move() or self.in_meeting_mode()) else None
        has_markers = self.shown_state() is not None or self._earlier is not None
        return PaintOptions(
            focus_step=focus_step,
            hover_step=hover,
            dragging=self._drag.kind if self._drag and self._drag.active else None,
            legend=self.legend if has_markers else None,
            words=legend_words(),
            hidden=hidden_words,
            hidden_short=lambda k: f"+{k}",
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        pic = self.picture()
        if pic is None:
            painter.fillRect(self.rect(), self.palette().base())
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
        assert self._fonts is not None
        # The base colour, the steps, their titles and the legend come from a ground layer
        # shared by every citizen (drawn once per size); the citizen's things go on top.
        StaircasePainter(self._fonts, self.palette()).paint(
            painter, pic, self.offset(), self.paint_options(), ground=self.size()
        )
        if self.shown_state() is None and self._earlier is None:
            self._paint_hint(painter)
        if self._drag is not None and self._drag.active:
            size = next((mk.size for mk in pic.layout.markers if mk.kind in MOVABLE), 16.0)
            painter.setOpacity(0.75)
            paint_marker(painter, self._drag.kind, self._drag.pos.x(), self._drag.pos.y(), size)
            painter.setOpacity(1.0)
        painter.end()

    def _paint_hint(self, painter: QPainter) -> None:
        if not self.empty_text or self._fonts is None:
            return
        px = max(12.0, min(18.0, self.height() * 0.035))
        cache = self._fonts.regular
        painter.setFont(cache.font(px))
        fm = cache.qt_metrics(px)
        # The steps rise to the right, so the free room is the upper left: the hint stays in
        # the left half (wrapped there) and never covers the tall steps' titles.
        room = max(120, int(self.width() * 0.5) - 24)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        text = fm.boundingRect(QRectF(0, 0, room, 10_000), flags, self.empty_text)
        r = QRectF(
            12, self.height() * 0.04, text.width() + 24, text.height() + fm.lineSpacing() * 0.8
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().base())
        painter.drawRoundedRect(r, 6, 6)
        painter.setPen(self.palette().text().color())
        painter.drawText(
            r.adjusted(12, 0, -12, 0), int(Qt.AlignmentFlag.AlignVCenter) | flags, self.empty_text
        )

    # -- accessibility -----------------------------------------------------------------------
    def describe(self) -> str:
        """A description for screen readers (``staircase_access.describe_staircase``)."""
        return describe_staircase(
            self._staircase,
            self._record,
            self.shown_state(),
            earlier=self._earlier,
            focus_index=self._focus_index,
            meeting=self.in_meeting_mode(),
            active=self._active,
            movable=self.can_move(),
        )

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
        menu.addSection(step.title if step else "")
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

    def _set_focus_step(self, step_id: int | None) -> None:
        if step_id is not None and self._staircase is not None:
            idx = self._staircase.index_of(step_id)
            if idx is not None:
                self._focus_index = idx
                self._update_accessible_text()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        pos = event.position()
        self._press_step = self.step_at(pos)
        movable = self.in_meeting_mode() or self.can_move()
        marker = self._marker_at(pos) if movable else None
        if marker is not None:
            self._drag = _Drag(marker.kind, pos, pos)
        self._set_focus_step(self._press_step)
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
            if step is None:
                return
            if self.in_meeting_mode():
                self.set_active_kind(drag.kind)
                self.move_draft(drag.kind, step)
            elif self.can_move() and drag.kind in ASSESSOR_OF:
                self.move_requested.emit(step, ASSESSOR_OF[drag.kind])
            return
        if step is None or step != self._press_step:
            return
        if self.in_meeting_mode():
            if drag is not None:  # a click on a marker chooses it
                self.set_active_kind(drag.kind)
            else:
                self.move_draft(self._active, step)
            return
        self._ask_and_move(step, event.globalPosition().toPoint())

    def leaveEvent(self, event: object) -> None:
        self._hover_step = None
        self.update()
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._staircase is None or not self._staircase.steps:
            return super().keyPressEvent(event)
        steps = self._staircase.steps
        n = len(steps)
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if self.in_meeting_mode() and mods == Qt.KeyboardModifier.NoModifier:
            if key in KIND_KEYS:
                self.set_active_kind(KIND_KEYS[key])
                return
            if key == Qt.Key.Key_Space:
                i = MOVABLE.index(self._active)
                self.set_active_kind(MOVABLE[(i + 1) % len(MOVABLE)])
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                if self._active is MarkerKind.CITIZEN:
                    self.move_draft(MarkerKind.CITIZEN, None)
                return
        start = self._focus_index
        if self.in_meeting_mode():
            placed = self._draft_step(self._active)
            if placed is None:  # not placed yet: start from the professionals' step
                placed = self._draft_step(MarkerKind.PROFESSIONAL)
            idx = self._staircase.index_of(placed) if placed is not None else None
            start = idx if idx is not None else self._focus_index
        moves = {
            Qt.Key.Key_Left: start - 1,
            Qt.Key.Key_Down: start - 1,
            Qt.Key.Key_Right: start + 1,
            Qt.Key.Key_Up: start + 1,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: n - 1,
        }
        if key in moves and mods == Qt.KeyboardModifier.NoModifier:
            target = max(0, min(n - 1, moves[key]))
            if self.in_meeting_mode():
                unplaced = self._draft_step(self._active) is None
                # The first arrow places an unplaced marker where the professionals put theirs.
                self.move_draft(self._active, steps[start if unplaced else target].id)
            else:
                self._focus_index = target
            self._update_accessible_text()
            self.update()
            return
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        if enter and not self.in_meeting_mode() and mods == Qt.KeyboardModifier.NoModifier:
            step_id = steps[self._focus_index].id
            self._ask_and_move(step_id, self.mapToGlobal(self.step_centre(step_id)))
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: object) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: object) -> None:
        self.update()
        super().focusOutEvent(event)
