"""The staircase widget: painted from the shared geometry; moves by click, drag and keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from trappe.model import citizens, staircase
from trappe.model.entities import Assessor
from trappe.model.geometry import MarkerKind
from trappe.ui.staircase_widget import StaircaseWidget


@pytest.fixture
def widget(qtbot, store, citizen_with_history):
    w = StaircaseWidget()
    qtbot.addWidget(w)
    w.resize(900, 500)
    w.set_content(
        staircase.load_staircase(store), citizens.get_citizen_record(store, citizen_with_history)
    )
    w.show()
    qtbot.waitExposed(w)
    return w


def test_click_on_step_asks_whose_placement_and_requests_move(qtbot, widget, monkeypatch):
    steps = widget._staircase.steps
    asked = []

    def choose(step_id, _pos):
        asked.append(step_id)
        return Assessor.CITIZEN

    monkeypatch.setattr(widget, "choose_assessor", choose)
    with qtbot.waitSignal(widget.move_requested) as sig:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.step_centre(steps[4].id))
    assert asked == [steps[4].id]
    assert sig.args == [steps[4].id, Assessor.CITIZEN]


def test_cancelled_choice_moves_nothing(qtbot, widget, monkeypatch):
    monkeypatch.setattr(widget, "choose_assessor", lambda *_: None)
    with qtbot.assertNotEmitted(widget.move_requested):
        qtbot.mouseClick(
            widget, Qt.MouseButton.LeftButton, pos=widget.step_centre(widget._staircase.steps[0].id)
        )


def test_drag_professional_marker_to_another_step(qtbot, widget):
    steps = widget._staircase.steps
    start = widget.marker_centre(MarkerKind.PROFESSIONAL)
    target = widget.step_centre(steps[5].id)
    with qtbot.waitSignal(widget.move_requested) as sig:
        qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(widget, start + QPoint(20, 0))
        qtbot.mouseMove(widget, target)
        qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=target)
    assert sig.args == [steps[5].id, Assessor.PROFESSIONAL]


def test_keyboard_chooses_step_and_enter_moves(qtbot, widget, monkeypatch):
    steps = widget._staircase.steps
    monkeypatch.setattr(widget, "choose_assessor", lambda *_: Assessor.PROFESSIONAL)
    widget.setFocus()
    # Starts on the current step (index 1), two to the right is index 3.
    assert widget.focused_step_id() == steps[1].id
    qtbot.keyClick(widget, Qt.Key.Key_Right)
    qtbot.keyClick(widget, Qt.Key.Key_Right)
    assert "Valgt trin: trin 4 af 7: Virksomhedspraktik" in widget.accessibleDescription()
    with qtbot.waitSignal(widget.move_requested) as sig:
        qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert sig.args == [steps[3].id, Assessor.PROFESSIONAL]
    qtbot.keyClick(widget, Qt.Key.Key_End)
    assert widget.focused_step_id() == steps[-1].id
    qtbot.keyClick(widget, Qt.Key.Key_Home)
    assert widget.focused_step_id() == steps[0].id


def test_accessible_description_names_citizen_placements_goal_history_and_keys(widget):
    text = widget.accessibleDescription()
    assert text.startswith("Trappen for Åse Ærø Søndergård.")
    assert "Fagpersonernes placering: trin 2 af 7: Motivation og ønsker (siden 04-05-2026)" in text
    assert "Borgerens egen placering: trin 3 af 7: Første virksomhedskontakt" in text
    assert "Mål: trin 6 af 7: Ordinære timer" in text
    assert "Tidligere placeringer: 16-03-2026 borgeren trin 3 af 7; 16-03-2026 fagpers" in text
    assert "Enter flytter en placering" in text


def test_without_a_citizen_the_description_names_no_chosen_step(qtbot, store):
    w = StaircaseWidget()
    qtbot.addWidget(w)
    w.set_content(staircase.load_staircase(store), None)
    text = w.accessibleDescription()
    assert text.startswith("Ingen borger valgt. Trappen har 7 trin: 1. Afklaring, 2. Motivation")
    assert "Valgt trin" not in text


def test_closed_citizen_cannot_be_moved(qtbot, widget, store, citizen_with_history, monkeypatch):
    citizens.close_citizen(store, citizen_with_history, "job")
    widget.set_content(widget._staircase, citizens.get_citizen_record(store, citizen_with_history))
    monkeypatch.setattr(widget, "choose_assessor", lambda *_: Assessor.PROFESSIONAL)
    with qtbot.assertNotEmitted(widget.move_requested):
        qtbot.mouseClick(
            widget, Qt.MouseButton.LeftButton, pos=widget.step_centre(widget._staircase.steps[3].id)
        )


@pytest.mark.parametrize("size", [(320, 220), (1366, 500), (3840, 2000)])
def test_paints_at_any_size_and_layout_fills_widget(widget, size):
    widget.resize(*size)
    image = widget.grab().toImage()
    assert image.width() == size[0]
    lay = widget.layout_now()
    assert lay is not None and len(lay.steps) == len(widget._staircase.steps)
    assert lay.width <= size[0] and lay.width > size[0] * 0.9


def test_empty_widget_paints(qtbot):
    w = StaircaseWidget()
    qtbot.addWidget(w)
    w.resize(400, 300)
    w.grab()
    assert w.layout_now() is None
    assert w.step_at(QPoint(10, 10)) is None
