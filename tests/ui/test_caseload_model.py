"""The caseload table model: SQL paging, sorting, filtering, masking, audit, qtmodeltester."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from trappe.model import audit, citizens, meetings, staircase
from trappe.model.citizens import CitizenQuery
from trappe.model.entities import CitizenInput, MeetingInput, NextMeetingFilter, Status
from trappe.ui.caseload_model import (
    CITIZEN_ID_ROLE,
    COL_DAYS,
    COL_IDENTIFIER,
    COL_NAME,
    COL_NEXT_MEETING,
    COL_STEP,
    OVERDUE_ROLE,
    CaseloadModel,
)

TODAY = date(2026, 6, 20)


def _fill(store, n: int) -> list[int]:
    ids = []
    with store.write():  # one transaction: fast
        for i in range(n):
            c = citizens.create_citizen(
                store,
                CitizenInput(name=f"Borger {i:04d}", identifier=f"SAG-{i}"),
            )
            ids.append(c.id)
    return ids


def test_model_passes_qtmodeltester(qtmodeltester, store, citizen_with_history):
    _fill(store, 30)
    model = CaseloadModel(store, today=lambda: TODAY, page_size=7)
    qtmodeltester.check(model)
    model.sort(COL_DAYS, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    model.set_query(CitizenQuery(text="åse"))
    qtmodeltester.check(model)


def test_rows_are_read_in_pages_and_sorted_in_sql(store):
    _fill(store, 25)
    model = CaseloadModel(store, today=lambda: TODAY, page_size=10)
    assert model.rowCount() == 25
    assert len(model._pages) == 0  # nothing read until asked
    assert model.index(0, COL_NAME).data() == "Borger 0000"
    assert list(model._pages) == [0]
    assert model.index(24, COL_NAME).data() == "Borger 0024"
    assert sorted(model._pages) == [0, 2]
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert model.index(0, COL_NAME).data() == "Borger 0024"
    assert model.index(24, COL_NAME).data() == "Borger 0000"


def test_identifier_is_masked_and_id_role(store, citizen_with_history):
    model = CaseloadModel(store, today=lambda: TODAY)
    idx = model.index(0, COL_IDENTIFIER)
    assert idx.data() == "010190-****"
    assert model.index(0, COL_NAME).data(CITIZEN_ID_ROLE) == citizen_with_history
    # The fixture's citizen is on step 2 since 04-05-2026 with the next meeting 15-06-2026.
    assert model.index(0, COL_STEP).data() == "2"
    assert model.index(0, COL_DAYS).data() == str((TODAY - date(2026, 5, 4)).days)
    assert model.index(0, COL_NEXT_MEETING).data() == "15-06-2026"
    assert model.index(0, COL_NEXT_MEETING).data(OVERDUE_ROLE) is True
    assert model.index(0, COL_NEXT_MEETING).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_filters_run_in_sql_and_each_search_is_logged_once(store, citizen_with_history):
    _fill(store, 12)
    model = CaseloadModel(store, today=lambda: TODAY, page_size=5)
    before = len(audit.list_entries(store, object_type="citizen"))
    model.set_query(CitizenQuery(text="borger 001"))
    assert model.rowCount() == 3  # Borger 0001, 0010 and 0011
    for row in range(model.rowCount()):
        model.index(row, COL_NAME).data()
    searches = [
        e
        for e in audit.list_entries(store, object_type="citizen")[: -before or None]
        if e.action == "search"
    ]
    assert len(searches) == 1
    assert searches[0].details["results"] == model.rowCount()
    model.set_query(CitizenQuery(next_meeting=NextMeetingFilter.OVERDUE, today=TODAY))
    assert [model.citizen_id(r) for r in range(model.rowCount())] == [citizen_with_history]


def test_closed_filter_and_refresh(store, citizen_with_history):
    model = CaseloadModel(store, today=lambda: TODAY)
    assert model.rowCount() == 1
    citizens.close_citizen(store, citizen_with_history, "job", TODAY)
    model.refresh()
    assert model.rowCount() == 0
    model.set_query(CitizenQuery(status=Status.CLOSED))
    assert model.rowCount() == 1
    assert model.all_ids() == [citizen_with_history]


def test_days_on_step_sorts_most_days_first(store):
    steps = staircase.load_staircase(store).steps
    a, b = _fill(store, 2)
    meetings.record_meeting(store, a, MeetingInput(TODAY - timedelta(days=5), steps[0].id))
    meetings.record_meeting(store, b, MeetingInput(TODAY - timedelta(days=50), steps[1].id))
    model = CaseloadModel(store, today=lambda: TODAY)
    model.sort(COL_DAYS, Qt.SortOrder.AscendingOrder)
    days = [model.index(r, COL_DAYS).data() for r in range(2)]
    assert days == ["5", "50"]
    model.sort(COL_DAYS, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, COL_DAYS).data() for r in range(2)] == ["50", "5"]


def test_no_store_is_an_empty_model(qtmodeltester):
    model = CaseloadModel(None)
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_scrolling_reads_pages_ahead_in_either_direction(store):
    _fill(store, 63)
    expected = [f"Borger {i:04d}" for i in range(63)]
    model = CaseloadModel(store, today=lambda: TODAY, page_size=5, small_result=0)
    names = lambda rows: [model.index(r, COL_NAME).data() for r in rows]  # noqa: E731
    assert names(range(5)) == expected[:5]
    assert list(model._pages) == [0]  # the first screen reads one page
    assert names([5]) == [expected[5]]
    assert sorted(model._pages) == [0, 1, 2, 3, 4]  # scrolling on reads ahead
    assert names(range(63)) == expected
    assert sorted(model._pages) == list(range(13))  # the last page is short, none beyond

    # Jump to the end, then scroll up: the pages before are read ahead, backwards.
    model.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert names([62]) == [expected[62]]
    assert list(model._pages) == [12]
    assert names([59]) == [expected[59]]
    assert sorted(model._pages) == [8, 9, 10, 11, 12]
    assert list(model._pages)[-1] == 11  # the page asked for is the newest in the cache
    assert names(range(62, -1, -1)) == expected[::-1]


def test_the_roles_and_flags_held_as_ints_are_qts(store):
    """The model compares roles as ints (no ``Qt`` enums before the first paint): they are
    Qt's, and a row is enabled and selectable (the base class's flags) but not editable."""
    from trappe.ui import caseload_model as cm

    roles = Qt.ItemDataRole
    assert (
        roles.DisplayRole.value,
        roles.DecorationRole.value,
        roles.ToolTipRole.value,
        roles.FontRole.value,
        roles.TextAlignmentRole.value,
    ) == (cm._DISPLAY, cm._DECORATION, cm._TOOLTIP, cm._FONT, cm._ALIGNMENT)
    assert (
        roles.BackgroundRole.value,
        roles.ForegroundRole.value,
        roles.AccessibleTextRole.value,
        roles.UserRole.value,
    ) == (cm._BACKGROUND, cm._FOREGROUND, cm._ACCESSIBLE, cm._USER)
    align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert align.value == cm._ALIGN_RIGHT
    _fill(store, 3)
    model = CaseloadModel(store, today=lambda: TODAY)
    flags = model.flags(model.index(0, COL_NAME))
    assert flags & Qt.ItemFlag.ItemIsEnabled and flags & Qt.ItemFlag.ItemIsSelectable
    assert not flags & Qt.ItemFlag.ItemIsEditable
    assert model.index(0, COL_DAYS).data(Qt.ItemDataRole.TextAlignmentRole) == align.value


def test_the_words_shown_are_made_once_a_row_and_match_each_cell(store, citizen_with_history):
    """``data`` keeps a row's words for its other cells: they are what ``_display`` makes,
    for open and closed courses, with and without a step or a next meeting, and a new query
    (or a refresh on another day) makes them anew."""
    today = date.today()  # (the citizens start today)
    ids = _fill(store, 12)
    steps = staircase.load_staircase(store).steps
    for i in ids[:2]:
        meetings.record_meeting(
            store, i, MeetingInput(today, steps[1].id, next_meeting_on=today + timedelta(7))
        )
    citizens.close_citizen(store, ids[1], "job", today)
    day = [today]
    model = CaseloadModel(store, today=lambda: day[0], page_size=4)
    model.set_query(CitizenQuery(status=None))

    def cells() -> list[list[str]]:
        return [
            [model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]

    def made() -> list[list[str]]:
        return [
            [model._display(model._row(r), c, day[0]) for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]

    shown = cells()
    assert shown == made()
    assert len(model._texts) == model.rowCount() == 13  # the closed one too
    assert any(row[COL_STEP] and row[COL_DAYS] == "0" for row in shown)
    assert any(row[COL_NEXT_MEETING] for row in shown)
    by_name = {row[COL_NAME]: row for row in shown}
    assert by_name["Borger 0000"][COL_DAYS] == "0" and by_name["Borger 0000"][COL_NEXT_MEETING]
    assert by_name["Borger 0001"][COL_STEP] and by_name["Borger 0001"][COL_DAYS:] == ["", ""]
    assert model.index(model.rowCount(), COL_NAME).data() is None  # past the end
    assert model.data(model.index(-1, 0)) is None  # an invalid index
    day[0] = today + timedelta(days=3)
    model.refresh()
    assert not model._texts
    assert cells() == made() != shown
