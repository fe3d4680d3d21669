"""Opening a citizen frees what the citizens opened before left behind only once the new
citizen is on screen (``kept.hold_drops`` / ``after_paint.after_next_frame``)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from trappe.model import citizens, kept, records
from trappe.model.entities import CitizenInput

# (offscreen, Qt says it cannot pass the window's size hints on to a window manager)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_opening_a_citizen_frees_what_was_pushed_out_after_the_frame(qtbot, window, store):
    ids = [
        citizens.create_citizen(
            store, CitizenInput(name=f"Borger {i}", start_date=date(2026, 1, 5))
        ).id
        for i in range(records._Reuse.KEEP + 2)
    ]
    for cid in ids[:-1]:
        window.show_citizen(cid)
        qtbot.waitUntil(lambda: not kept._holding)
    window.show_citizen(ids[-1])  # pushes out the rows of the first citizen opened
    assert kept._holding and kept._held  # held while the panes are filled and painted
    QApplication.processEvents()  # the turn that paints the citizen
    qtbot.waitUntil(lambda: not kept._holding)
    assert kept._held == []
    assert window.record is not None and window.record.citizen.id == ids[-1]
