"""Start-up shows the caseload first: the citizen's panes and the start's search log follow
just after the first paint (issue 12, start-up), and everything works as before for the user."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget

from trappe.model import audit
from trappe.ui import app as app_module
from trappe.ui.caseload_model import COL_NAME
from trappe.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


class FirstPaint(QObject):
    """Records what was true when the window painted its first frame."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.seen: dict[str, object] | None = None
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint and self.seen is None:
            self.seen = {
                "panes_built": self.window.citizen_panes_built(),
                "rows": self.window.caseload.model.rowCount(),
                "searches": searches(self.window),
            }
        return False


def searches(window: MainWindow) -> int:
    assert window.store is not None
    return sum(1 for e in audit.list_entries(window.store) if e.action == "search")


def test_the_first_paint_shows_the_list_and_the_panes_follow(
    qtbot, prefs, store, citizen_with_history, monkeypatch
):
    before = sum(1 for e in audit.list_entries(store) if e.action == "search")
    window = MainWindow(prefs)
    qtbot.addWidget(window)
    watcher = FirstPaint(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1100, 700)
    window.show()
    assert window.open_database(store.path, first_start=False)
    assert not window.citizen_panes_built()
    qtbot.waitUntil(window.citizen_panes_built)
    seen = watcher.seen
    assert seen is not None
    assert seen["rows"] == 1 and seen["panes_built"] is False  # the list, and nothing else
    assert seen["searches"] == before  # the start's search is logged after the paint …
    qtbot.waitUntil(lambda: searches(window) == before + 1)  # … once
    # The panes sit where their places were, and show the staircase with nobody on it.
    assert window.centre_splitter.widget(0) is window.staircase_view
    assert window.centre_splitter.widget(1) is window.history
    assert window.centre_splitter.findChild(QWidget, "staircase_place") is None
    assert window.staircase_view.isVisible() and window.history.isVisible()
    assert window.staircase_view.accessibleName() == "Trappe"
    window.close()


def test_a_citizen_opened_before_the_panes_are_built_shows_everywhere(
    qtbot, prefs, store, citizen_with_history
):
    window = MainWindow(prefs)
    qtbot.addWidget(window)
    assert window.open_database(store.path, first_start=False)
    assert not window.citizen_panes_built()
    window.caseload.select_citizen(citizen_with_history)
    window.show_citizen(citizen_with_history)  # what a click on the row does
    assert window.citizen_panes_built()
    assert window.history.meetings.topLevelItemCount() == 3
    assert "Næste samtale: 15-06-2026" in window.history.next_meeting.text()
    assert window.staircase_view.record is not None
    assert window.staircase_view.record.citizen.id == citizen_with_history
    assert "Åse Ærø Søndergård" in window.header.text()
    window.close()


def test_a_click_in_the_list_right_after_start_opens_the_citizen(
    qtbot, prefs, store, citizen_with_history, no_message_boxes
):
    window = app_module.start(store.path, prefs, first_start=False)
    qtbot.addWidget(window)
    view = window.caseload.view
    rect = view.visualRect(window.caseload.model.index(0, COL_NAME))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.record is not None and window.record.citizen.id == citizen_with_history
    assert window.history.meetings.topLevelItemCount() == 3
    assert "Virksomhedspraktik" in window.history.activities.text()
    window.close()


def test_a_collapsed_staircase_stays_collapsed_when_the_panes_arrive(
    qtbot, prefs, store, no_message_boxes
):
    window = MainWindow(prefs)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1100, 700)
    assert window.open_database(store.path, first_start=False)
    window.show()
    qtbot.waitExposed(window)
    window.show_staircase(False)
    sizes = window.centre_splitter.sizes()
    window.build_citizen_panes()
    assert window.centre_splitter.sizes() == sizes
    assert not window.staircase_shown()
    window.show_staircase(True)
    assert window.staircase_shown() and window.staircase_view.height() > 0
    window.close()


def test_the_start_search_is_logged_before_the_file_is_closed(qtbot, prefs, store):
    before = sum(1 for e in audit.list_entries(store) if e.action == "search")
    window = MainWindow(prefs)
    qtbot.addWidget(window)
    assert window.open_database(store.path, first_start=False)
    window.close()  # before the event loop ran: the search is still written, once
    after = sum(1 for e in audit.list_entries(store) if e.action == "search")
    assert after == before + 1


def test_switching_database_logs_each_files_search_in_that_file(
    qtbot, prefs, store, tmp_path, actor
):
    from trappe.model.store import open_store

    other = open_store(tmp_path / "anden.sqlite", actor)
    other_before = sum(1 for e in audit.list_entries(other) if e.action == "search")
    before = sum(1 for e in audit.list_entries(store) if e.action == "search")
    window = MainWindow(prefs)
    qtbot.addWidget(window)
    assert window.open_database(store.path, first_start=False)
    assert window.open_database(other.path, first_start=False)
    qtbot.waitUntil(lambda: searches(window) == other_before + 1)
    assert sum(1 for e in audit.list_entries(store) if e.action == "search") == before + 1
    window.close()
    other.close()


def test_the_record_read_is_still_logged_once_per_opened_citizen(
    qtbot, prefs, store, citizen_with_history
):
    window = MainWindow(prefs)
    qtbot.addWidget(window)
    assert window.open_database(store.path, first_start=False)

    def reads() -> int:
        entries = audit.list_entries(store, object_type="citizen", object_id=citizen_with_history)
        return sum(1 for e in entries if e.action == "read")

    before = reads()
    window.show_citizen(citizen_with_history)
    assert reads() == before + 1
    window.close()


def test_the_list_header_titles_tips_and_sorting_after_start(
    qtbot, prefs, store, citizen_with_history, no_message_boxes
):
    """The header shows its titles and tips from its own items (no Python at the first paint),
    the list is marked sorted by name from the start, and a click on a title sorts by that
    column, as before."""
    window = app_module.start(store.path, prefs, first_start=False)
    qtbot.addWidget(window)
    pane = window.caseload
    header = pane.view.horizontalHeader()
    labels = header.model()
    assert labels is not pane.model and header.count() == pane.model.columnCount() == 6
    for col in range(6):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            shown = labels.headerData(col, Qt.Orientation.Horizontal, role)
            assert shown and shown == pane.model.headerData(col, Qt.Orientation.Horizontal, role)
    assert header.isSortIndicatorShown() and header.sectionsClickable()
    assert header.sortIndicatorSection() == COL_NAME
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert pane.model.query.order_by == "name" and not pane.model.query.descending
    step = pane.COLUMNS["step"]
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, step)
    )
    assert pane.model.query.order_by == "step"
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(header, step)
    )
    assert pane.model.query.order_by == "step" and pane.model.query.descending
    window.close()


def _section_centre(header, section):
    from PySide6.QtCore import QPoint

    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    return QPoint(x, header.height() // 2)


def test_the_buttons_qt_makes_are_named_once_the_window_has_painted(qtbot, prefs, store):
    from PySide6.QtWidgets import QToolButton

    window = MainWindow(prefs)
    qtbot.addWidget(window)
    window.show()
    assert window.open_database(store.path, first_start=False)
    qtbot.waitUntil(window.citizen_panes_built)
    clear = window.caseload.search.findChildren(QToolButton)
    assert clear and all(b.accessibleName() == "Ryd søgningen" for b in clear)
    more = window.toolbar.findChildren(QToolButton, "qt_toolbar_ext_button")
    assert more and all(b.accessibleName() == "Flere knapper" for b in more)
    window.close()
