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


def test_after_the_first_paint_garbage_is_collected_on_a_timer_only(qtbot, monkeypatch):
    """No automatic collection in the Qt process (it could free a widget under a paint); once the
    window has painted, a timer collects, with the youngest generation at 10,000 new objects."""
    import gc

    import trappe.ui as ui
    from trappe.ui import garbage

    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        assert not gc.isenabled()  # (importing trappe.ui, and the tests' hook, turn it off)
        events: list[str] = []
        w = Painted(events)
        qtbot.addWidget(w)
        w.show()
        after_first_paint(w, lambda: events.append("work"))
        qtbot.waitUntil(lambda: "work" in events)
        assert gc.get_threshold() == (ui.RUNNING_FIRST_GENERATION, 10, 10)
        assert not gc.isenabled()
        assert garbage.collector_running()
    finally:
        gc.set_threshold(*before)


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_collector_collects_what_python_would_collect(monkeypatch):
    import gc

    from trappe.ui import garbage

    before = gc.get_threshold()
    try:
        gc.collect()
        gc.set_threshold(50, 10, 10)
        assert garbage.collect_due() == 0  # nothing due yet
        for _ in range(100):
            Cycle()
        assert garbage.collect_due() >= 100  # the cycles, found by a young collection
        assert gc.get_count()[0] < 50
    finally:
        gc.set_threshold(*before)


def test_the_timer_collects_a_dropped_widget_kept_by_a_cycle(qtbot):
    """A window dropped while still in a reference cycle is freed by the timer's collection, at a
    moment when no event is being delivered (not by the automatic collector under a paint)."""
    import weakref

    import trappe.ui as ui
    from trappe.ui import garbage

    garbage.collect_at_safe_points()
    w = QWidget()
    w.keep = w  # a cycle: only the cycle collector frees it
    w.show()
    qtbot.waitExposed(w)
    gone = weakref.ref(w)
    del w
    assert gone() is not None  # reference counting alone does not free it
    made = [[] for _ in range(3 * ui.RUNNING_FIRST_GENERATION)]  # enough new objects to be due
    qtbot.waitUntil(lambda: gone() is None, timeout=5 * garbage.INTERVAL_MS)
    assert made


class WatchedFromShow(Painted):
    """Queues its work when shown, before its first paint, as the main window does."""

    def showEvent(self, event: object) -> None:
        after_first_paint(self, lambda: self.events.append("work"))


def test_a_busy_machine_still_runs_the_work_after_the_first_paint(qtbot, monkeypatch):
    """On a loaded machine the event loop can reach the fallback's timer before the window's
    expose and paint; a shown window's work still waits for its paint."""
    from trappe.ui import after_paint

    monkeypatch.setattr(after_paint, "FALLBACK_MS", 0)  # the fallback's timer comes first
    events: list[str] = []
    w = WatchedFromShow(events)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: "work" in events)
    assert events.index("paint") < events.index("work")


def test_a_minimized_window_runs_the_work_without_a_paint(qtbot, monkeypatch):
    from trappe.ui import after_paint

    monkeypatch.setattr(after_paint, "FALLBACK_MS", 0)
    events: list[str] = []
    w = WatchedFromShow(events)
    qtbot.addWidget(w)
    w.showMinimized()
    qtbot.waitUntil(lambda: "work" in events)


def test_next_frame_work_runs_on_the_turn_after_the_frame(qtbot):
    """``after_next_frame``: the work waits for the window's next frame, and runs after it,
    not within the event-loop turn that paints it."""
    from PySide6.QtWidgets import QApplication

    from trappe.ui.after_paint import after_next_frame

    events: list[str] = []
    w = Painted(events)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: "paint" in events)
    qtbot.wait(50)
    events.clear()
    after_next_frame(w, lambda: events.append("work"))
    w.update()
    QApplication.processEvents()  # the turn that paints
    assert events == ["paint"]
    qtbot.waitUntil(lambda: "work" in events)
    assert events == ["paint", "work"]
    w.update()
    qtbot.waitUntil(lambda: events.count("paint") >= 2)
    qtbot.wait(20)
    assert events.count("work") == 1  # once, not after every frame


def test_next_frame_work_runs_without_a_frame_too(qtbot):
    from trappe.ui.after_paint import after_next_frame

    done: list[bool] = []
    w = QWidget()  # never shown: no frame comes
    qtbot.addWidget(w)
    after_next_frame(w, lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=2000)
