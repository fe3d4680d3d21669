"""Fixtures for the main-window tests: preferences on a temp file, a window on a real store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from trappe.model.store import Store
from trappe.ui.main_window import MainWindow
from trappe.ui.preferences import USER_NAME, USER_ROLE, Preferences


@pytest.fixture
def prefs(tmp_path: Path) -> Preferences:
    p = Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))
    p.set(USER_NAME, "Mette Sørensen")
    p.set(USER_ROLE, "caseworker")
    return p


@pytest.fixture
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Stub the static QMessageBox calls; records (kind, text) and answers Yes."""
    shown: list[tuple[str, str]] = []

    def record(kind: str, answer: QMessageBox.StandardButton):
        def fn(_parent, _title, text, *args, **kwargs):
            shown.append((kind, text))
            return answer

        return fn

    monkeypatch.setattr(QMessageBox, "warning", record("warning", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "critical", record("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(
        QMessageBox, "information", record("information", QMessageBox.StandardButton.Ok)
    )
    monkeypatch.setattr(QMessageBox, "question", record("question", QMessageBox.StandardButton.Yes))
    return shown


@pytest.fixture
def window(qtbot, prefs: Preferences, store: Store, no_message_boxes: list) -> Iterator[MainWindow]:
    """A shown main window on the test store (the default staircase is installed)."""
    # The window opens its own connection; the test's ``store`` stays usable for checks.
    path = store.path
    w = MainWindow(prefs)
    qtbot.addWidget(w)
    # The offscreen screen is small, so a first start would open maximised: use a fixed size.
    w.setWindowState(Qt.WindowState.WindowNoState)
    w.resize(1100, 700)
    assert w.open_database(path, first_start=False)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()
