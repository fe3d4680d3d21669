"""The open agreements' items are kept from one citizen to the next (``AgreementsModel._fill``):
whatever the rows shown before, the model must hold exactly what a model filled from scratch
holds: every row's roles and flags, for odd sequences of fills (more rows, fewer, none, ticked
and overdue rows coming and going, a closed case, no sizes and sizes again). A row's tooltip
is its text, lent to it while Qt shows the tooltip (the items do not hold it).
"""

from __future__ import annotations

import random
from datetime import date

import pytest
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from trappe.model.entities import Agreement, Responsible
from trappe.ui.history_lists import AgreementsModel
from trappe.ui.history_pane import HistoryPane

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
TODAY = date(2026, 6, 15)
SIZES = [QSize(200, 40), QSize(200, 56), QSize(180, 40)]


def agreements(rnd: random.Random, n: int) -> list[Agreement]:
    out = []
    for i in range(n):
        who = rnd.choice(list(Responsible))
        due = rnd.choice([None, date(2026, 3, 1), date(2026, 9, 1), date(2026, 6, 14)])
        done = rnd.choice([None, None, date(2026, 4, 1)])
        what = rnd.choice(["Aftale", "Gå til lægen", "Søg job", ""]) + f" {rnd.randint(0, 99)}"
        out.append(Agreement(what, who, due, done, rnd.choice(["", " Lægen "]), id=i))
    return out


def held(model: AgreementsModel) -> list[tuple]:
    """Everything the model says of its rows."""
    rows = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        data = model.itemData(index)
        rows.append((sorted((k, repr(v)) for k, v in data.items()), int(model.flags(index).value)))
    return [model.rowCount(), model.columnCount(), *rows]


def filled(rows, checkable, sizes) -> AgreementsModel:
    model = AgreementsModel()
    model.size_hints = (lambda: sizes) if sizes is not None else None
    model.set_agreements(rows, lambda: TODAY, checkable=checkable)
    return model


@pytest.mark.parametrize("seed", range(6))
def test_kept_items_hold_what_a_fresh_model_holds(qtbot, seed):
    rnd = random.Random(seed)
    kept = AgreementsModel()
    for _ in range(25):
        rows = agreements(rnd, rnd.choice([0, 1, 3, 7, 40, 41, 12]))
        checkable = rnd.random() < 0.8
        sizes = None if rnd.random() < 0.2 else [rnd.choice(SIZES) for _ in rows]
        kept.size_hints = (lambda s=sizes: s) if sizes is not None else None
        kept.set_agreements(rows, lambda: TODAY, checkable=checkable)
        assert held(kept) == held(filled(rows, checkable, sizes))
        if rows and sizes is not None and rnd.random() < 0.3:
            sizes = [rnd.choice(SIZES) for _ in rows]  # measured again (a new width)
            kept.size_hints = lambda s=sizes: s
            kept.forget_sizes()
            assert held(kept) == held(filled(rows, checkable, sizes))


def test_the_items_are_kept_from_one_citizen_to_the_next(qtbot):
    """(Fails on a model that makes its rows' items anew for each citizen.)"""
    rnd = random.Random(7)
    model = AgreementsModel()
    model.set_agreements(agreements(rnd, 5), lambda: TODAY, checkable=True)
    first = [model.item(row) for row in range(5)]
    model.set_agreements([], lambda: TODAY, checkable=True)
    assert model.rowCount() == 0 and model.columnCount() == 1
    model.set_agreements(agreements(rnd, 6), lambda: TODAY, checkable=True)
    assert [model.item(row) for row in range(5)] == first


def test_a_rows_tooltip_is_its_text(qtbot):
    pane = HistoryPane(today=lambda: TODAY)
    qtbot.addWidget(pane)
    pane.resize(1000, 600)
    pane.show()
    qtbot.waitExposed(pane)
    rows = agreements(random.Random(3), 4)
    view = pane.agreements
    view.model().set_agreements(rows, lambda: TODAY, checkable=True)
    QApplication.processEvents()
    for row in range(4):
        index = view.model().index(row, 0)
        rect = view.visualRect(index)
        port = view.viewport()
        event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), port.mapToGlobal(rect.center()))
        QApplication.sendEvent(port, event)
        assert event.isAccepted()
        assert QToolTip.text() == view.model().text(row) == index.data()
        assert index.data(Qt.ItemDataRole.ToolTipRole) is None  # lent, not kept
    QToolTip.hideText()


@pytest.mark.parametrize("wording", ["senest %1", "%1", "senest %1 (%1)", "ingen dato", "før %1!"])
def test_texts_made_together_are_each_rows_text(qtbot, wording):
    """The rows of a citizen not shown before are worded in one loop: as each row alone is,
    in any wording of the date (none, or twice), for every kind of responsible, a blank or
    padded name, dates before the year 1000, overdue or not, and a label missing."""
    model = AgreementsModel()
    model.set_agreements([], lambda: TODAY, checkable=True)
    model._by = wording
    keys = [
        (what, who, other, due, late)
        for what in ("Aftale", "", "to\nlinjer 😀")
        for who in Responsible
        for other in ("", "  ", " Lægen ")
        for due in (None, date(2026, 3, 1), date(999, 1, 5), date(1, 12, 31))
        for late in (False, True)
    ]
    assert model._make_texts(keys) == [model._make_text(key) for key in keys]
    model._labels = {}  # (each responsible then named by its value)
    assert model._make_texts(keys) == [model._make_text(key) for key in keys]
