"""Hjælp → Brugervejledning (F1) shows the guide with its pictures; every toolbar button has a
tooltip that says what it does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QTextDocument
from PySide6.QtWidgets import QToolButton

from trappe.paths import guide_path
from trappe.ui.actions import TOOLBAR, ActionId
from trappe.ui.help import GuideWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_f1_opens_the_guide(qtbot, window):
    action = window.action(ActionId.USER_GUIDE)
    assert QKeySequence(Qt.Key.Key_F1) in action.shortcuts()
    assert action in window.menuBar().actions()[-1].menu().actions()
    action.trigger()
    guide = window.findChild(GuideWindow, "guide_window")
    assert guide is not None and guide.isVisible() and not guide.isModal()
    assert guide.page() == "index.md"
    assert "brugervejledning" in guide.browser.toPlainText().lower()
    action.trigger()  # a second F1 raises the same window
    assert len(window.findChildren(GuideWindow)) == 1
    guide.close()


def test_guide_pages_link_and_show_their_pictures(qtbot):
    guide = GuideWindow(None, "overdragelse.md")
    qtbot.addWidget(guide)
    guide.show()
    doc = guide.browser.document()
    assert "Overdrag et forløb" in doc.toPlainText()
    image = doc.resource(
        QTextDocument.ResourceType.ImageResource,
        QUrl.fromLocalFile(str(guide_path("images", "overdrag.png"))),
    )
    assert image is not None and not image.isNull()
    guide.browser.setSource(QUrl("index.md"))  # a link relative to the page
    assert guide.page() == "index.md"
    guide.browser.backward()
    assert guide.page() == "overdragelse.md"


def test_every_toolbar_button_has_a_tooltip(window):
    for action_id in filter(None, TOOLBAR):
        action = window.action(action_id)
        tip = action.toolTip()
        button_text = action.iconText().replace("&", "")
        assert tip and tip != button_text, action_id
        if not action.shortcut().isEmpty():
            assert action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) in tip
        button = window.toolbar.widgetForAction(action)
        assert isinstance(button, QToolButton) and button.toolTip() == tip


def test_undo_tooltip_names_what_is_undone(window, citizen_with_history):
    window.caseload.select_citizen(citizen_with_history)
    window.show_citizen(citizen_with_history)
    steps = window.staircase.steps
    from trappe.model.entities import Assessor

    window.meeting_ops.move_placement(steps[4].id, Assessor.PROFESSIONAL)  # meeting mode
    window.meeting_mode.view.save()
    tip = window.action(ActionId.UNDO).toolTip()
    assert tip.startswith("Fortryd ") and "Ctrl+Z" in tip and len(tip) > len("Fortryd (Ctrl+Z)")
