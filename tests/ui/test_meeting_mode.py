"""Meeting mode: the staircase is the meeting's canvas. A whole meeting recorded with the
keyboard alone and with mouse clicks on the staircase, saved as one meeting and undone as
one; a placement made in dialogue mode belongs to today's meeting; Annullér leaves no trace."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from trappe.model import citizens, meetings
from trappe.model.entities import Assessor, Responsible
from trappe.model.geometry import MarkerKind
from trappe.ui.actions import ActionId
from trappe.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

TODAY = date(2026, 6, 15)


def make_window(qtbot, prefs, store, today: date) -> MainWindow:
    w = MainWindow(prefs, today=lambda: today)
    qtbot.addWidget(w)
    w.setWindowState(Qt.WindowState.WindowNoState)
    w.resize(1366, 768)
    assert w.open_database(store.path, first_start=False)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def window(qtbot, prefs, store, no_message_boxes) -> Iterator[MainWindow]:
    w = make_window(qtbot, prefs, store, TODAY)
    yield w
    w.close()


def activate(qtbot, window) -> None:
    window.activateWindow()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier) -> QWidget:
    """A key press where the focus is, as the user makes it; returns that widget."""
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, k, modifier)
    return focus


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def _without_version(row) -> tuple:
    """A row's values except its version counter, which every edit (undo too) raises."""
    return tuple(row[k] for k in row.keys() if k != "version")  # noqa: SIM118 (Row yields values)


def snapshot(store, cid):
    q = store.query
    return (
        _without_version(q("SELECT * FROM citizens WHERE id = ?", (cid,))[0]),
        [
            _without_version(r)
            for r in q("SELECT * FROM meetings WHERE citizen_id = ? ORDER BY id", (cid,))
        ],
        [tuple(r) for r in q("SELECT * FROM placements WHERE citizen_id = ? ORDER BY id", (cid,))],
        [tuple(r) for r in q("SELECT * FROM agreements WHERE citizen_id = ? ORDER BY id", (cid,))],
        [
            tuple(r)
            for r in q(
                "SELECT a.* FROM activities a JOIN meetings m ON m.id = a.meeting_id"
                " WHERE m.citizen_id = ? ORDER BY a.id",
                (cid,),
            )
        ],
    )


def open_citizen(window, cid) -> None:
    window.caseload.refresh()
    window.caseload.select_citizen(cid)
    window.show_citizen(cid)


def test_a_whole_meeting_with_the_keyboard_alone(qtbot, window, store, citizen_with_history):
    cid = citizen_with_history
    open_citizen(window, cid)
    steps = window.staircase.steps
    before = snapshot(store, cid)
    activate(qtbot, window)
    window.staircase_view.setFocus()

    # Registrér møde (Ctrl+S): meeting mode, the keyboard on the staircase.
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    view = window.meeting_mode.view
    assert window.pages.currentWidget() is view
    stair = view.staircase
    assert QApplication.focusWidget() is stair and stair.in_meeting_mode()
    assert "Piletasterne flytter: fagpersonernes placering" in stair.accessibleDescription()
    # The professionals two steps up: from 2 to 4.
    key(qtbot, Qt.Key.Key_Right)
    key(qtbot, Qt.Key.Key_Right)
    # B: the citizen's own triangle; the first arrow places it where the professionals put
    # theirs, the next one a step higher.
    key(qtbot, Qt.Key.Key_B)
    assert view.marker_buttons[MarkerKind.CITIZEN].isChecked()
    assert "borgerens egen placering" in stair.accessibleDescription()
    key(qtbot, Qt.Key.Key_Right)
    key(qtbot, Qt.Key.Key_Right)
    # M: the goal star, one step down (from 6 to 5).
    key(qtbot, Qt.Key.Key_M)
    key(qtbot, Qt.Key.Key_Left)
    draft = stair.draft()
    assert (draft.current_step_id, draft.own_step_id, draft.goal_step_id) == (
        steps[3].id,
        steps[4].id,
        steps[4].id,
    )
    # Tab: past the marker buttons (one stop, like radio buttons) to the fields.
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() in view.marker_buttons.values()
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.held_on_edit.line
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.next_edit.line
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "27-07-2026")
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.participants_edit
    type_text(qtbot, "Åse, Mette")
    # The open agreements from earlier meetings, newest first: tick the first and the third.
    key(qtbot, Qt.Key.Key_Tab)
    first = view.earlier_rows[0]
    assert QApplication.focusWidget() is first.check
    assert first.check.accessibleName() == "Udført: Besøge Føtex og aftale opstart"
    key(qtbot, Qt.Key.Key_Space)
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.earlier_rows[2].check
    key(qtbot, Qt.Key.Key_Space)
    # A new agreement: Tab to «Tilføj aftale», Space adds a row with the focus in it.
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.agreements.add_button
    key(qtbot, Qt.Key.Key_Space)
    row = view.agreements.rows[0]
    assert QApplication.focusWidget() is row.what_edit
    type_text(qtbot, "Ringe til Føtex om flere timer")
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is row.who_combo
    key(qtbot, Qt.Key.Key_Down)  # Borger → Sagsbehandler
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is row.due_edit.line
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "01-07-2026")
    # The caseworker's note by its mnemonic (Alt+G).
    key(qtbot, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is view.caseworker_note
    type_text(qtbot, "Praktikken går godt.")
    # Gem møde: Ctrl+Enter.
    key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.splitter

    r = citizens.get_citizen_record(store, cid, log_read=False)
    assert len(r.meetings) == 4
    m = r.meetings[-1]
    assert (m.held_on, m.professional_step_id, m.citizen_step_id) == (
        TODAY,
        steps[3].id,
        steps[4].id,
    )
    assert m.participants == "Åse, Mette" and m.caseworker_note == "Praktikken går godt."
    assert m.next_meeting_on == date(2026, 7, 27)
    assert [(a.what, a.responsible, a.due_on) for a in m.agreements] == [
        ("Ringe til Føtex om flere timer", Responsible.CASEWORKER, date(2026, 7, 1))
    ]
    assert [a.kind for a in m.activities] == ["Virksomhedspraktik", "Sundhedsfaglig støtte"]
    done = {a.what: a.done_on for mm in r.meetings for a in mm.agreements}
    assert done["Besøge Føtex og aftale opstart"] == TODAY
    assert done["Gå til læge om ryggen"] == TODAY
    assert done["Møde op tirsdag og torsdag"] is None
    assert r.citizen.goal_step_id == steps[4].id
    assert all(p.meeting_id is not None for p in r.placements)
    # One undo step for the whole meeting.
    assert window.undo_stack.count() == 1
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert snapshot(store, cid) == before


def click(qtbot, widget, pos: QPoint | None = None) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or widget.rect().center())


def test_a_whole_meeting_with_mouse_clicks_on_the_staircase(
    qtbot, window, store, citizen_with_history
):
    cid = citizen_with_history
    open_citizen(window, cid)
    steps = window.staircase.steps
    click(qtbot, window.toolbar.widgetForAction(window.action(ActionId.RECORD_MEETING)))
    view = window.meeting_mode.view
    assert window.pages.currentWidget() is view
    stair = view.staircase
    # The professionals' marker is chosen: a click on step 5 moves it there.
    click(qtbot, stair, stair.step_centre(steps[4].id))
    # The citizen taps «▲ Borgeren», then their step (6).
    click(qtbot, view.marker_buttons[MarkerKind.CITIZEN])
    click(qtbot, stair, stair.step_centre(steps[5].id))
    # The goal star is dragged from step 6 to step 7.
    start = stair.marker_centre(MarkerKind.GOAL)
    target = stair.step_centre(steps[6].id)
    qtbot.mousePress(stair, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(stair, start + QPoint(12, 0))
    qtbot.mouseMove(stair, target)
    qtbot.mouseRelease(stair, Qt.MouseButton.LeftButton, pos=target)
    # And the professionals change their mind: drag their circle down to step 4.
    start = stair.marker_centre(MarkerKind.PROFESSIONAL)
    target = stair.step_centre(steps[3].id)
    qtbot.mousePress(stair, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(stair, start - QPoint(12, 0))
    qtbot.mouseMove(stair, target)
    qtbot.mouseRelease(stair, Qt.MouseButton.LeftButton, pos=target)
    assert "Fagpersonerne: 4. Virksomhedspraktik" in view.summary.text()
    # Tick off the second earlier agreement, add one new agreement.
    click(qtbot, view.earlier_rows[1].check, QPoint(5, 5))
    click(qtbot, view.agreements.add_button)
    qtbot.keyClicks(view.agreements.rows[0].what_edit, "Købe arbejdssko")
    click(qtbot, view.save_button)
    assert window.pages.currentWidget() is window.splitter

    r = citizens.get_citizen_record(store, cid, log_read=False)
    assert len(r.meetings) == 4
    m = r.meetings[-1]
    assert (m.held_on, m.professional_step_id, m.citizen_step_id) == (
        TODAY,
        steps[3].id,
        steps[5].id,
    )
    assert r.citizen.goal_step_id == steps[6].id
    assert [a.what for a in m.agreements] == ["Købe arbejdssko"]
    done = {a.what: a.done_on for mm in r.meetings for a in mm.agreements}
    assert done["Møde op tirsdag og torsdag"] == TODAY
    assert sum(1 for v in done.values() if v is not None) == 1
    assert window.undo_stack.count() == 1
    assert window.record.citizen.current_step_id == steps[3].id  # the panes show it


def test_dialogue_mode_on_a_day_with_a_meeting_adds_no_stray_placement(
    qtbot, prefs, store, citizen_with_history, no_message_boxes
):
    """The citizen moves their triangle in dialogue mode on the day of the latest meeting
    (04-05-2026): that meeting gets it. One meeting that day, no placement outside it."""
    cid = citizen_with_history
    day = date(2026, 5, 4)
    window = make_window(qtbot, prefs, store, day)
    open_citizen(window, cid)
    steps = window.staircase.steps
    window.set_dialogue_mode(True)
    stair = window.dialogue_view.staircase
    stair.choose_assessor = lambda *_: Assessor.CITIZEN
    click(qtbot, stair, stair.step_centre(steps[5].id))
    view = window.meeting_mode.view
    assert window.pages.currentWidget() is view and window.in_dialogue_mode()
    assert view.meeting is not None and view.meeting.held_on == day
    assert "fortsat" in view.title.text()
    activate(qtbot, window)
    qtbot.keyClick(view.staircase, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.dialogue_view

    r = citizens.get_citizen_record(store, cid, log_read=False)
    assert [m.held_on for m in r.meetings].count(day) == 1 and len(r.meetings) == 3
    assert r.meetings[-1].citizen_step_id == steps[5].id
    assert r.meetings[-1].professional_step_id == steps[1].id  # the rest of it kept
    assert [a.what for a in r.meetings[-1].agreements] == [
        "Besøge Føtex og aftale opstart",
        "Møde op tirsdag og torsdag",
    ]
    assert all(p.meeting_id is not None for p in r.placements)
    that_day = [p for p in r.placements if p.placed_on == day]
    assert sorted(p.assessor.value for p in that_day) == ["citizen", "professional"]
    # The meeting list and the staircase agree: ▲6, and no stray marker dated that day.
    item = window.history.meetings.topLevelItem(0)
    assert item.text(1) == "● 2  ▲ 6"
    history = window.dialogue_view.staircase.shown_state().history
    assert not [h for h in history if h.placed_on == day]
    window.close()


def test_cancel_leaves_no_trace(qtbot, window, store, citizen_with_history, no_message_boxes):
    cid = citizen_with_history
    open_citizen(window, cid)
    before = snapshot(store, cid)
    window.action(ActionId.RECORD_MEETING).trigger()
    view = window.meeting_mode.view
    # Nothing changed: leaves at once, without asking.
    click(qtbot, view.cancel_button)
    assert window.pages.currentWidget() is window.splitter and no_message_boxes == []
    # Something registered: asks first (answered «kassér» here).
    window.action(ActionId.RECORD_MEETING).trigger()
    view.staircase.move_draft(MarkerKind.CITIZEN, window.staircase.steps[6].id)
    view.earlier_rows[0].check.setChecked(True)
    view.add_agreement().what_edit.setText("Glemt igen")
    activate(qtbot, window)
    qtbot.keyClick(view.staircase, Qt.Key.Key_Escape)
    assert [kind for kind, _ in no_message_boxes] == ["question"]
    assert window.pages.currentWidget() is window.splitter
    assert snapshot(store, cid) == before
    assert window.undo_stack.count() == 0
    assert window.action(ActionId.UNDO).isEnabled() is False


def test_every_control_in_meeting_mode_has_a_name(qtbot, window, citizen_with_history):
    open_citizen(window, citizen_with_history)
    window.action(ActionId.RECORD_MEETING).trigger()
    view = window.meeting_mode.view
    view.add_agreement()
    nameless = []
    for w in view.findChildren(QWidget):
        if not w.isVisibleTo(view) or w.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(w, QAbstractButton | QLineEdit | QPlainTextEdit | QComboBox) or (
            w is view.staircase
        ):
            name = w.accessibleName() or (w.text() if isinstance(w, QAbstractButton) else "")
            if not name.strip():
                nameless.append(w)
    assert nameless == []
    assert view.staircase.accessibleName() == "Trappe"
    view.cancel()


def test_a_first_meeting_asks_for_the_professionals_placement(qtbot, window, store):
    from trappe.model.entities import CitizenInput

    c = citizens.create_citizen(store, CitizenInput(name="Ny Borger", start_date=TODAY))
    open_citizen(window, c.id)
    window.action(ActionId.RECORD_MEETING).trigger()
    view = window.meeting_mode.view
    assert view.staircase.draft().current_step_id is None
    click(qtbot, view.save_button)
    assert window.pages.currentWidget() is view  # refused, nothing lost
    assert "Vælg det trin" in view.placement_error.text()
    assert citizens.get_citizen_record(store, c.id, log_read=False).meetings == []
    steps = window.staircase.steps
    click(qtbot, view.staircase, view.staircase.step_centre(steps[1].id))
    assert view.placement_error.isHidden()
    click(qtbot, view.save_button)
    r = citizens.get_citizen_record(store, c.id, log_read=False)
    assert len(r.meetings) == 1 and r.citizen.current_step_id == steps[1].id


def test_the_citizen_places_their_triangle_by_touch(qtbot, window, store, citizen_with_history):
    """A tap (a touch screen or a tablet-PC laptop) on a step moves the chosen marker."""
    from PySide6.QtTest import QTest

    open_citizen(window, citizen_with_history)
    window.action(ActionId.RECORD_MEETING).trigger()
    view = window.meeting_mode.view
    steps = window.staircase.steps
    click(qtbot, view.marker_buttons[MarkerKind.CITIZEN])
    device = QTest.createTouchDevice()
    at = view.staircase.step_centre(steps[4].id)
    QTest.touchEvent(view.staircase, device).press(0, at, view.staircase)
    QTest.touchEvent(view.staircase, device).release(0, at, view.staircase)
    qtbot.waitUntil(lambda: view.staircase.draft().own_step_id == steps[4].id, timeout=2000)
    view.cancel()


def test_an_empty_meeting_date_is_refused_in_the_models_words(
    qtbot, window, store, citizen_with_history
):
    from trappe.model.entities import MeetingInput
    from trappe.model.errors import ValidationError

    before = snapshot(store, citizen_with_history)
    open_citizen(window, citizen_with_history)
    window.action(ActionId.RECORD_MEETING).trigger()
    view = window.meeting_mode.view
    view.fields.held_on_edit.line.clear()
    click(qtbot, view.save_button)
    assert window.pages.currentWidget() is view  # refused, nothing lost
    with pytest.raises(ValidationError) as refused:
        meetings.validate_meeting(store, MeetingInput(None, window.staircase.steps[0].id))
    shown = view.errors.visible_messages()
    assert shown == {"held_on": refused.value.message}
    assert snapshot(store, citizen_with_history) == before
