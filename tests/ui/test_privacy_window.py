"""The privacy features as the main window offers them: menus, enabled states, wiring."""

from __future__ import annotations

from datetime import date

import pytest

from trappe.model import citizens, retention
from trappe.model.entities import CitizenInput, CloseReason, Role
from trappe.ui.access_log import AccessLogDialog
from trappe.ui.actions import ActionId
from trappe.ui.citizen_dialog import EraseCitizenDialog
from trappe.ui.data_export_dialog import DataExportDialog
from trappe.ui.preferences import USER_ROLE
from trappe.ui.retention_dialog import RetentionDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def menu_of(window, action_id) -> str:
    for menu_action in window.menuBar().actions():
        if window.action(action_id) in menu_action.menu().actions():
            return menu_action.text()
    return ""


def test_the_actions_sit_in_their_menus(window):
    assert menu_of(window, ActionId.ACCESS_LOG) == "&Vis"
    assert menu_of(window, ActionId.RETENTION) == "&Borger"
    assert menu_of(window, ActionId.EXPORT_CITIZEN_DATA) == "&Borger"
    assert window.action(ActionId.RETENTION).text() == "Sletning efter &frist …"
    assert window.action(ActionId.EXPORT_CITIZEN_DATA).text() == "&Udlevér data …"


def test_data_export_needs_a_citizen_and_opens_for_the_shown_one(
    window, citizen_with_history, monkeypatch
):
    assert not window.action(ActionId.EXPORT_CITIZEN_DATA).isEnabled()
    window.caseload.refresh()
    window.show_citizen(citizen_with_history)
    assert window.action(ActionId.EXPORT_CITIZEN_DATA).isEnabled()
    seen = []
    monkeypatch.setattr(DataExportDialog, "exec", lambda self: seen.append(self) or 0)
    window.action(ActionId.EXPORT_CITIZEN_DATA).trigger()
    assert seen and seen[0].citizen_id == citizen_with_history


def test_access_log_opens_for_a_team_leader_on_the_shown_citizen(
    window, prefs, citizen_with_history, monkeypatch, no_message_boxes
):
    window.caseload.refresh()
    window.show_citizen(citizen_with_history)
    seen = []
    monkeypatch.setattr(AccessLogDialog, "exec", lambda self: seen.append(self) or 0)
    window.action(ActionId.ACCESS_LOG).trigger()
    assert not seen and "teamledere" in no_message_boxes[-1][1]  # a caseworker is told
    prefs.set(USER_ROLE, Role.TEAM_LEADER.value)
    window.reload_staircase()  # as after the settings dialog: the store's actor follows
    window.action(ActionId.ACCESS_LOG).trigger()
    assert seen and seen[0].model.filter.citizen_id == citizen_with_history


def test_retention_erases_and_the_window_lets_go_of_the_citizen(
    window, store, monkeypatch, no_message_boxes
):
    c = citizens.create_citizen(store, CitizenInput(name="Gammel Sag", start_date=date(2010, 1, 1)))
    citizens.close_citizen(store, c.id, CloseReason.JOB, date(2012, 1, 1))
    window.caseload.refresh()
    window.show_citizen(c.id)
    backups = []

    def run(dialog) -> int:
        dialog._backup = backups.append
        assert dialog.selected_ids() == [c.id]
        dialog.erase_selected()
        return 0

    monkeypatch.setattr(RetentionDialog, "exec", run)
    window.action(ActionId.RETENTION).trigger()
    assert backups and window.record is None
    assert store.scalar("SELECT count(*) FROM citizens WHERE id = ?", (c.id,)) == 0
    assert "slettet efter frist" in window.statusBar().currentMessage()


def test_erasing_says_how_long_backups_may_keep_the_data(qtbot):
    dialog = EraseCitizenDialog("Åse Ærø")
    qtbot.addWidget(dialog)
    assert f"op til {retention.BACKUP_MONTHS} måneder" in dialog.warning.text()


def test_a_sheet_from_the_preview_logs_whether_the_whole_cpr_number_was_on_it(
    qtbot, tmp_path, store, prefs, citizen_with_history, monkeypatch
):
    from trappe.model import audit
    from trappe.ui.preferences import MASK_IDENTIFIER_ON_SHEET
    from trappe.ui.print_preview import PrintPreviewDialog

    prefs.set(MASK_IDENTIFIER_ON_SHEET, False)
    dialog = PrintPreviewDialog(store, prefs, citizen_with_history)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "choose_save_path", lambda _p: str(tmp_path / "ark.pdf"))
    assert dialog.save_pdf()
    e = audit.list_entries(store, object_type="citizen")[0]
    assert (e.action, e.details["full_identifier"]) == ("export", True)
    assert "med fuldt CPR-nummer" in audit.describe(e)


def test_the_automatic_backup_is_logged_in_the_database(qtbot, window):
    from trappe.model import audit, backup

    window.enable_auto_backup()
    qtbot.waitUntil(lambda: bool(backup.list_backups(window.store.path)), timeout=10_000)
    qtbot.waitUntil(
        lambda: any(e.action == "backup" for e in audit.list_entries(window.store)),
        timeout=10_000,
    )
    e = next(e for e in audit.list_entries(window.store) if e.action == "backup")
    assert e.details["reason"] == "auto"
    assert e.details["file"] == backup.list_backups(window.store.path)[0].path.name
    window.backups.wait()
