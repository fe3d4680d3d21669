"""Meeting mode: the staircase is the meeting's canvas.

*Registrér møde* (or a click on the staircase) turns the window into this view: the
staircase, drawn with the meeting's markers, and beside it the meeting's fields. The
professionals click or drag their marker, the citizen places their own triangle by mouse
or touch, the goal star can be moved; the keyboard does the same (arrow keys, F/B/M or
Space to choose the marker). Beside the staircase: date and next meeting, the open
agreements from earlier meetings with a tick box for *udført*, new agreements, parallel
activities and the notes.

*Gem møde* (Ctrl+Enter, Ctrl+S) hands one ``MeetingSession`` to the caller's ``save`` (the
window pushes one undo command that saves it in one transaction); a refusal keeps the view
open with the message beside the field and nothing lost. *Annullér* (Esc) leaves no trace.
The same view serves dialogue mode, in large type.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trappe.model import intervals
from trappe.model import staircase as staircase_model
from trappe.model.entities import CitizenRecord, Meeting, MeetingInput, Staircase
from trappe.model.errors import EditConflict, TrappeError, ValidationError
from trappe.model.geometry import MarkerKind
from trappe.model.meeting_session import MeetingSession
from trappe.model.picture import meeting_state
from trappe.model.store import Store
from trappe.ui.meeting_fields import MeetingFields
from trappe.ui.staircase_widget import StaircaseWidget
from trappe.ui.widgets import ErrorMap, FieldError

LARGE_FACTOR = 1.25  # dialogue mode: the fields in larger type too


def _marker_names() -> dict[MarkerKind, str]:
    return {
        MarkerKind.PROFESSIONAL: QCoreApplication.translate("MeetingMode", "● Fagpersonerne"),
        MarkerKind.CITIZEN: QCoreApplication.translate("MeetingMode", "▲ Borgeren"),
        MarkerKind.GOAL: QCoreApplication.translate("MeetingMode", "★ Mål"),
    }


@dataclass
class _Start:
    """What the view was started with, to know whether anything changed."""

    fingerprint: tuple


class MeetingModeView(QWidget):
    """The staircase with the meeting's markers and the meeting's fields beside it."""

    finished = Signal(bool)  # saved?

    def __init__(self, parent: QWidget | None = None, *, today: Callable[[], date] = date.today):
        super().__init__(parent)
        self.setObjectName("meeting_mode")
        self.setAccessibleName(self.tr("Mødetilstand"))
        self._today = today
        self.store: Store | None = None
        self.stair: Staircase | None = None
        self.record: CitizenRecord | None = None
        self.meeting: Meeting | None = None
        self._save: Callable[[MeetingSession], None] | None = None
        self._start: _Start | None = None
        self._large = False
        self.kinds: list[str] = []
        self.errors = ErrorMap()

        # -- above the staircase: whose meeting, which marker moves -----------------------
        self.title = QLabel(self)
        self.title.setObjectName("meeting_title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(self.title.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.3)
        self.title.setFont(bold)
        self.chooser = QButtonGroup(self)
        self.chooser.setExclusive(True)
        self.marker_buttons: dict[MarkerKind, QPushButton] = {}
        names = _marker_names()
        tips = {
            MarkerKind.PROFESSIONAL: self.tr(
                "Klik eller tryk på et trin: fagpersonernes placering (F)"
            ),
            MarkerKind.CITIZEN: self.tr("Klik eller tryk på et trin: borgerens egen placering (B)"),
            MarkerKind.GOAL: self.tr("Klik eller tryk på et trin: målet (M)"),
        }
        accessible = {
            MarkerKind.PROFESSIONAL: self.tr("Flyt fagpersonernes placering"),
            MarkerKind.CITIZEN: self.tr("Flyt borgerens egen placering"),
            MarkerKind.GOAL: self.tr("Flyt målet"),
        }
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for kind in (MarkerKind.PROFESSIONAL, MarkerKind.CITIZEN, MarkerKind.GOAL):
            button = QPushButton(names[kind], self)
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setToolTip(tips[kind])
            button.setAccessibleName(accessible[kind])
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.chooser.addButton(button)
            self.marker_buttons[kind] = button
            button.clicked.connect(lambda _=False, k=kind: self.staircase.set_active_kind(k))
            buttons.addWidget(button)
        self.hint = QLabel(
            self.tr(
                "Klik eller tryk på et trin for at flytte den valgte markør, eller træk en "
                "markør. Tastatur: piletaster flytter, F, B og M (eller Mellemrum) vælger markør."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555555;")
        self.staircase = StaircaseWidget(self)
        self.staircase.setObjectName("meeting_staircase")
        self.staircase.empty_text = ""
        self.staircase.draft_changed.connect(self._draft_changed)
        self.staircase.active_kind_changed.connect(self._active_changed)
        self.summary = QLabel(self)
        self.summary.setObjectName("meeting_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.placement_error = FieldError(self)
        for field in ("professional_step_id", "citizen_step_id", "goal_step_id"):
            self.errors.add(field, self.staircase, self.placement_error)

        canvas = QWidget(self)
        canvas_layout = QVBoxLayout(canvas)
        canvas_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addLayout(buttons)
        canvas_layout.addLayout(head)
        canvas_layout.addWidget(self.hint)
        canvas_layout.addWidget(self.staircase, 1)
        canvas_layout.addWidget(self.summary)
        canvas_layout.addWidget(self.placement_error)

        # -- beside it: the meeting's fields --------------------------------------------
        self.fields = MeetingFields(self.errors, self, today=today)
        self.scroll = self.fields
        f = self.fields  # the fields by their names here too (tests, the window's helpers)
        self.held_on_edit, self.next_edit = f.held_on_edit, f.next_edit
        self.participants_edit = f.participants_edit
        self.caseworker_note, self.consultant_note = f.caseworker_note, f.consultant_note
        self.agreements, self.activities = f.agreements, f.activities
        self.add_agreement, self.add_activity = f.add_agreement, f.add_activity
        self.agreements.changed.connect(self._update_tab_order)
        self.activities.changed.connect(self._update_tab_order)

        self.general_error = FieldError()
        self.errors.fallback = self.general_error
        self.save_button = QPushButton(self.tr("Gem møde (Ctrl+Enter)"))
        self.save_button.setObjectName("save_meeting")
        self.save_button.setAccessibleName(self.tr("Gem møde"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Annullér (Esc)"))
        self.cancel_button.setObjectName("cancel_meeting")
        self.cancel_button.setAccessibleName(self.tr("Annullér mødet"))
        self.cancel_button.clicked.connect(self.cancel)
        actions = QHBoxLayout()
        actions.addWidget(self.general_error, 1)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.save_button)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        side_layout.addWidget(self.fields, 1)
        side_layout.addLayout(actions)
        self.side = side

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("meeting_splitter")
        self.splitter.addWidget(canvas)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.splitter)

        # Shortcuts while the view is shown (the window's own Ctrl+S is off meanwhile).
        self._shortcuts = []
        for keys, slot in (
            (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return), self.save),
            (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter), self.save),
            (QKeySequence(QKeySequence.StandardKey.Save), self.save),
            (QKeySequence(Qt.Key.Key_Escape), self.cancel),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)
        self._base_font = QFont(self.font())
        self._sized = False

    # -- starting -------------------------------------------------------------------------
    def start(
        self,
        store: Store,
        stair: Staircase,
        record: CitizenRecord,
        *,
        meeting: Meeting | None = None,
        first_move: tuple[MarkerKind, int] | None = None,
        save: Callable[[MeetingSession], None] | None = None,
        large: bool = False,
    ) -> None:
        """Show a new meeting (or ``meeting``, today's, recorded again) for ``record``.

        ``first_move``: a marker already moved on the staircase that opened the meeting.
        """
        self.store = store
        self.stair = stair
        self.record = record
        self.meeting = meeting
        # The versions this meeting began from; after a conflict the user has been told, and
        # saving again writes their version over the one saved meanwhile.
        self._versions: dict[str, int | None] = {
            "meeting": meeting.version if meeting else None,
            "citizen": record.citizen.version,
        }
        self._save = save
        self.kinds = staircase_model.activity_kinds(store)
        self.errors.clear()
        self.fields.clear_errors()
        self.general_error.clear_message()
        self.set_large_text(large)
        self._sized = False
        self._share_width()
        c = record.citizen
        today = self._today()
        heading = (
            self.tr("Dialogmøde med %1")
            if meeting is None
            else self.tr("Dagens møde med %1 (fortsat)")
        )
        self.title.setText(heading.replace("%1", c.name))
        self.fields.interval = intervals.interval_for(store, c.target_group_id)
        self.fields.fill(record, meeting, self.kinds, today)
        if meeting is not None:
            pro, own = meeting.professional_step_id, meeting.citizen_step_id
        else:
            pro, own = c.current_step_id, None  # the citizen places themself anew
        state = meeting_state(
            record,
            meeting_id=meeting.id if meeting else None,
            current_step_id=pro,
            own_step_id=own,
            goal_step_id=c.goal_step_id,
        )
        self.staircase.set_state(stair, record, None)
        self.staircase.start_draft(state, MarkerKind.PROFESSIONAL)
        self._active_changed(MarkerKind.PROFESSIONAL)
        if first_move is not None:
            kind, step_id = first_move
            self.staircase.set_active_kind(kind)
            self.staircase.move_draft(kind, step_id)
        self._start = _Start(self._fingerprint())
        if first_move is not None:
            self._start = _Start(())  # a marker was moved already: something to lose
        self._update_summary()
        self._update_tab_order()
        self.staircase.setFocus()

    def _share_width(self) -> None:
        """The staircase gets about three fifths of the width, the fields the rest (the
        user may move the divider; a new meeting starts from this again)."""
        width = self.splitter.width()
        if width > 200 and not self._sized:
            fields = max(380, round(width * 0.4))
            self.splitter.setSizes([width - fields, fields])
            self._sized = True

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)
        self._share_width()

    def set_large_text(self, on: bool) -> None:
        """Dialogue mode: the staircase and the fields in larger type."""
        self._large = on
        self.staircase.set_large_text(on)
        font = QFont(self._base_font)
        if on:
            font.setPointSizeF(font.pointSizeF() * LARGE_FACTOR)
        self.side.setFont(font)
        self.hint.setFont(font)
        self.summary.setFont(font)
        for button in self.marker_buttons.values():
            button.setFont(font)

    @property
    def earlier_rows(self) -> list:
        return self.fields.earlier_rows

    def _update_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.staircase,
            *self.marker_buttons.values(),
            *self.fields.focus_chain(),
            self.save_button,
            self.cancel_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- the markers ------------------------------------------------------------------------
    def _active_changed(self, kind: object) -> None:
        button = self.marker_buttons.get(kind)  # type: ignore[arg-type]
        if button is not None:
            button.setChecked(True)

    def _draft_changed(self) -> None:
        self.placement_error.clear_message()
        self._update_summary()

    def _where(self, step_id: int | None) -> str:
        if step_id is None or self.stair is None:
            return self.tr("ikke placeret")
        step = self.stair.step(step_id)
        idx = self.stair.index_of(step_id)
        if step is None:
            return "?"
        return f"{idx + 1}. {step.title}" if idx is not None else step.title

    def _update_summary(self) -> None:
        d = self.staircase.draft()
        if d is None:
            self.summary.setText("")
            return
        self.summary.setText(
            self.tr("Fagpersonerne: %1 · Borgeren: %2 · Mål: %3")
            .replace("%1", self._where(d.current_step_id))
            .replace("%2", self._where(d.own_step_id))
            .replace("%3", self._where(d.goal_step_id) if d.goal_step_id else self.tr("intet"))
        )

    # -- the next-meeting suggestion ------------------------------------------------------
    # -- reading ----------------------------------------------------------------------------
    def session(self) -> MeetingSession:
        """What the meeting saves; raises ValidationError for a field that cannot be read."""
        assert self.record is not None
        d = self.staircase.draft()
        assert d is not None
        f = self.fields.read()
        data = MeetingInput(
            held_on=f.held_on,
            professional_step_id=d.current_step_id,
            citizen_step_id=d.own_step_id,
            participants=f.participants,
            caseworker_note=f.caseworker_note,
            consultant_note=f.consultant_note,
            next_meeting_on=f.next_meeting_on,
            activities=f.activities,
            agreements=f.agreements,
        )
        return MeetingSession(
            data,
            meeting_id=self.meeting.id if self.meeting else None,
            done_agreements=f.done_agreements,
            change_goal=d.goal_step_id != self.record.citizen.goal_step_id,
            goal_step_id=d.goal_step_id,
            meeting_version=self._versions["meeting"],
            citizen_version=self._versions["citizen"],
        )

    def _fingerprint(self) -> tuple:
        return (self.staircase.draft(), self.fields.fingerprint())

    def is_dirty(self) -> bool:
        return self._start is not None and self._fingerprint() != self._start.fingerprint

    # -- saving and leaving ---------------------------------------------------------------
    def save(self) -> None:
        if self._start is None or not self.isVisible():
            return
        self.errors.clear()
        self.fields.clear_errors()
        self.general_error.clear_message()
        try:
            session = self.session()
            if self._save is not None:
                self._save(session)
        except ValidationError as exc:
            widget = self.errors.show(exc)
            if widget is not None and widget is not self.staircase:
                self.scroll.ensureWidgetVisible(widget)
            return
        except EditConflict as exc:
            self.general_error.show_message(exc.message)
            if exc.what in self._versions:
                self._versions[exc.what] = exc.current_version
            return
        except TrappeError as exc:
            self.general_error.show_message(exc.message)
            return
        self._end(True)

    def cancel(self) -> None:
        if self._start is None or not self.isVisible():
            return
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.tr("Annullér mødet"),
                self.tr("Mødet er ikke gemt. Vil du kassere det, du har registreret?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer not in (QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Yes):
                return
        self._end(False)

    def _end(self, saved: bool) -> None:
        self._start = None
        self.staircase.end_draft()
        self.finished.emit(saved)

    def in_progress(self) -> bool:
        return self._start is not None
