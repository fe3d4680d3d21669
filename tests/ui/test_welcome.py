"""The first-run welcome: three steps, and what each answer does to the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard, QWizardPage

from trappe.model import citizens
from trappe.model.entities import Role
from trappe.ui import welcome
from trappe.ui.main_window import MainWindow
from trappe.ui.preferences import USER_NAME, USER_ROLE

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def new_user(prefs):
    prefs.set(USER_NAME, "")
    return prefs


def test_three_pages_for_an_empty_database(qtbot, new_user, tmp_path):
    wizard = welcome.WelcomeWizard(new_user, tmp_path / "ny.sqlite", empty=True)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.pageIds() == [0, 1, 2]
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # a name is needed
    wizard.who.name.setText("Lene Holm")
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.currentPage() is wizard.database
    wizard.next()
    text = wizard.data.text.text()
    assert str(tmp_path / "ny.sqlite") in text
    assert "backups" in text and "7 daglige, 4 ugentlige og 12 månedlige" in text


def test_a_database_with_a_staircase_skips_the_database_page(qtbot, new_user, tmp_path):
    wizard = welcome.WelcomeWizard(new_user, tmp_path / "x.sqlite", empty=False)
    qtbot.addWidget(wizard)
    assert wizard.pageIds() == [0, 1]
    wizard.who.name.setText("Lene")
    assert wizard.answers().start_with == "keep"


def test_only_the_current_page_is_shown_for_a_database_with_a_staircase(qtbot, new_user, tmp_path):
    """The database page is not one of the pages then, and must not be shown over them."""
    wizard = welcome.WelcomeWizard(new_user, tmp_path / "x.sqlite", empty=False)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    shown = [page for page in wizard.findChildren(QWizardPage) if page.isVisible()]
    assert shown == [wizard.currentPage()]


def _answering(monkeypatch, answers: welcome.WelcomeAnswers) -> list[welcome.WelcomeWizard]:
    shown: list[welcome.WelcomeWizard] = []

    def fake_exec(self):
        shown.append(self)
        return QWizard.DialogCode.Accepted

    monkeypatch.setattr(welcome.WelcomeWizard, "exec", fake_exec)
    monkeypatch.setattr(welcome.WelcomeWizard, "answers", lambda self: answers)
    return shown


def test_first_start_with_defaults(qtbot, new_user, tmp_path, monkeypatch, no_message_boxes):
    shown = _answering(
        monkeypatch, welcome.WelcomeAnswers("Lene Holm", Role.TEAM_LEADER, "defaults")
    )
    w = MainWindow(new_user)
    qtbot.addWidget(w)
    assert w.open_database(tmp_path / "ny.sqlite", create=True)
    assert len(shown) == 1 and shown[0].pageIds() == [0, 1, 2]
    assert len(w.staircase.steps) == 7
    assert new_user.get(USER_NAME) == "Lene Holm" and new_user.get(USER_ROLE) == "team_leader"
    assert w.store.actor.name == "Lene Holm"
    assert w.caseload.step.count() == 8  # "Alle trin" + seven steps
    assert no_message_boxes == []
    w.close()


def test_first_start_with_the_demo(qtbot, new_user, tmp_path, monkeypatch, no_message_boxes):
    _answering(monkeypatch, welcome.WelcomeAnswers("Lene Holm", Role.CASEWORKER, "demo"))
    w = MainWindow(new_user)
    qtbot.addWidget(w)
    assert w.open_database(tmp_path / "ny.sqlite", create=True)
    assert w.store.path == tmp_path / welcome.DEMO_FILE
    assert (
        citizens.count_citizens(w.store, citizens.CitizenQuery(status=None))
        == welcome.DEMO_CITIZENS
    )
    w.close()


def test_no_welcome_for_a_known_user_on_a_used_database(qtbot, prefs, store, monkeypatch):
    shown = _answering(monkeypatch, welcome.WelcomeAnswers("X", Role.CASEWORKER, "keep"))
    path: Path = store.path
    store.close()
    w = MainWindow(prefs)
    qtbot.addWidget(w)
    assert w.open_database(path)
    assert shown == []
    w.close()


def test_skipping_the_welcome_changes_nothing(qtbot, new_user, tmp_path, monkeypatch):
    monkeypatch.setattr(welcome.WelcomeWizard, "exec", lambda self: QWizard.DialogCode.Rejected)
    w = MainWindow(new_user)
    qtbot.addWidget(w)
    assert w.open_database(tmp_path / "ny.sqlite", create=True)
    assert w.staircase.steps == [] and new_user.get(USER_NAME) == ""
    w.close()


def _in_the_wizard(qtbot, act) -> list:
    """Run ``act(wizard)`` once the modal wizard is up (as the user, while exec() waits)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    done: list = []

    def step() -> None:
        wizard = QApplication.activeModalWidget()
        if not isinstance(wizard, welcome.WelcomeWizard):
            QTimer.singleShot(20, step)
            return
        act(wizard)
        done.append(wizard)

    QTimer.singleShot(0, step)
    return done


def test_skipping_keeps_the_name_already_typed(qtbot, new_user, tmp_path):
    from PySide6.QtCore import Qt

    def type_name_then_skip(wizard) -> None:
        wizard.who.name.setFocus()
        qtbot.keyClicks(wizard.who.name, "Lene Holm")
        wizard.who.role.setCurrentIndex(wizard.who.role.findData(Role.TEAM_LEADER.value))
        skip = wizard.button(QWizard.WizardButton.CancelButton)
        assert skip.text() == "&Spring over"
        qtbot.mouseClick(skip, Qt.MouseButton.LeftButton)

    done = _in_the_wizard(qtbot, type_name_then_skip)
    w = MainWindow(new_user)
    qtbot.addWidget(w)
    assert w.open_database(tmp_path / "ny.sqlite", create=True)
    assert done, "the welcome was shown"
    assert new_user.get(USER_NAME) == "Lene Holm" and new_user.get(USER_ROLE) == "team_leader"
    assert w.store.actor.name == "Lene Holm"
    assert w.staircase.steps == [], "the database questions were skipped"
    w.close()


def test_skipping_with_an_unusable_name_keeps_the_old_one(qtbot, prefs, tmp_path):
    from PySide6.QtCore import Qt

    prefs.set(USER_NAME, "Mette Sørensen")

    def clear_then_skip(wizard) -> None:
        wizard.who.name.clear()
        qtbot.keyClicks(wizard.who.name, "   ")
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton
        )

    done = _in_the_wizard(qtbot, clear_then_skip)
    w = MainWindow(prefs)
    qtbot.addWidget(w)
    assert w.open_database(tmp_path / "ny.sqlite", create=True)  # empty: the welcome shows
    assert done
    assert prefs.get(USER_NAME) == "Mette Sørensen"
    w.close()
