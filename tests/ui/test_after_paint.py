"""Work deferred until the window has painted (start-up shows the window first)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from trappe.ui.after_paint import after_first_paint


class Painted(QWidget):
    def __init__(self, events: list[str]) -> None:
        super().__init__()
        self.events = events

    def paintEvent(self, event: object) -> None:
        self.events.append("paint")


def test_the_work_runs_once_the_window_has_painted(qtbot):
    events: list[str] = []
    w = Painted(events)
    qtbot.addWidget(w)
    w.show()
    after_first_paint(w, lambda: events.append("work"))
    assert events == []  # nothing before the event loop turns
    qtbot.waitUntil(lambda: "work" in events)
    assert events.index("paint") < events.index("work")
    w.update()
    qtbot.waitUntil(lambda: events.count("paint") >= 2)
    assert events.count("work") == 1  # once, not after every paint


def test_a_hidden_window_runs_the_work_on_the_next_turn(qtbot):
    done: list[bool] = []
    w = QWidget()
    qtbot.addWidget(w)
    after_first_paint(w, lambda: done.append(True))
    assert not done
    qtbot.waitUntil(lambda: bool(done))


def test_the_work_dies_with_its_window(qtbot):
    done: list[bool] = []
    w = QWidget()
    w.show()
    after_first_paint(w, lambda: done.append(True))
    w.deleteLater()
    qtbot.wait(50)
    assert not done


def test_after_the_first_paint_collection_is_set_for_the_running_window(qtbot, monkeypatch):
    """Rare collection while the window starts; then the youngest generation is collected
    every 10,000 new objects (not Python's 700)."""
    import gc

    import trappe.ui as ui

    before = gc.get_threshold()
    monkeypatch.setattr(ui, "_THRESHOLDS", (700, 10, 10))
    gc.set_threshold(70_000, 10, 10)  # as importing ``trappe.ui`` leaves it
    try:
        events: list[str] = []
        w = Painted(events)
        qtbot.addWidget(w)
        w.show()
        after_first_paint(w, lambda: events.append("work"))
        qtbot.waitUntil(lambda: "work" in events)
        assert gc.get_threshold() == (ui.RUNNING_FIRST_GENERATION, 10, 10)
    finally:
        gc.set_threshold(*before)
