"""Compare readings: two meetings on one staircase, the earlier faded; steps and days; the
citizen's page in the print preview."""

from __future__ import annotations

import pytest

from trappe.model import audit, citizens, staircase
from trappe.model.geometry import MarkerKind
from trappe.ui.actions import ActionId
from trappe.ui.compare_view import CompareDialog
from trappe.ui.journey_preview import JourneyPreview

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def dialog(qtbot, store, prefs, citizen_with_history):
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    d = CompareDialog(store, prefs, staircase.load_staircase(store), record)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def test_first_and_latest_on_one_staircase(dialog, store):
    steps = staircase.load_staircase(store).steps
    assert dialog.first_combo.currentText() == "02-02-2026"
    assert dialog.second_combo.currentText() == "04-05-2026"
    text = dialog.summary.text()
    assert "Fra 02-02-2026 til 04-05-2026: 91 dage." in text
    assert "Fagpersonerne: fra 1. Afklaring til 2. Motivation og ønsker (1 trin op)." in text
    assert "Borgeren selv: fra 2. Motivation og ønsker til 3. Første virksomhedskontakt" in text
    kinds = {m.kind: m.step_id for m in dialog.staircase.layout_now().markers}
    assert kinds[MarkerKind.EARLIER_PROFESSIONAL] == steps[0].id
    assert kinds[MarkerKind.PROFESSIONAL] == steps[1].id
    assert kinds[MarkerKind.EARLIER_CITIZEN] == steps[1].id
    assert "Ved det tidligere møde: fagpersonerne trin 1 af 7" in (
        dialog.staircase.accessibleDescription()
    )
    dialog.staircase.grab()  # paints
    # Another pair: the middle meeting and the latest, one step down.
    dialog.first_combo.setCurrentIndex(1)
    assert "(1 trin ned)" in dialog.summary.text()
    # The same meeting twice: said so, nothing to print.
    dialog.second_combo.setCurrentIndex(1)
    assert "to forskellige møder" in dialog.summary.text()
    assert not dialog.print_button.isEnabled()


def test_the_citizens_page_in_the_preview(
    qtbot, dialog, store, prefs, citizen_with_history, tmp_path
):
    record = dialog.record
    preview = JourneyPreview(
        store, prefs, citizen_with_history, (record.meetings[0].id, record.meetings[-1].id)
    )
    qtbot.addWidget(preview)
    assert preview.pdf_bytes.startswith(b"%PDF") and preview.document.pageCount() == 1
    assert preview.suggested_name().startswith("Din vej indtil nu")
    saved = []
    folder = tmp_path
    preview.choose_save_path = lambda proposal: str(folder / "vej.pdf")
    preview.saved.connect(saved.append)
    path = preview.save_pdf()
    assert path is not None and path.read_bytes() == preview.pdf_bytes
    entry = audit.list_entries(store)[0]
    assert entry.action == "export" and entry.details["sheet"] == "din_vej"


def test_the_window_offers_it_with_two_meetings(qtbot, window, citizen_with_history, monkeypatch):
    action = window.action(ActionId.COMPARE_MEETINGS)
    window.show_citizen(citizen_with_history)
    assert action.isEnabled()
    opened = []
    monkeypatch.setattr(CompareDialog, "exec", lambda self: opened.append(self) or 0)
    action.trigger()
    assert len(opened) == 1 and opened[0].comparison is not None
    from trappe.model.entities import CitizenInput

    new = citizens.create_citizen(window.store, CitizenInput(name="Ny"))
    window.show_citizen(new.id)
    assert not action.isEnabled()
