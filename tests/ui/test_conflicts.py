"""The GUI on a conflict: reload, or keep the user's text and save it on the next Gem."""

from __future__ import annotations

from trappe.model import citizens
from trappe.model.entities import Actor, CitizenInput
from trappe.model.store import open_store
from trappe.ui import conflicts
from trappe.ui.citizen_dialog import CitizenDialog


def _other_person_renames(path, cid, name):
    with open_store(path, Actor("Jens Østergaard")) as other:
        c = citizens.get_citizen(other, cid)
        citizens.update_citizen(other, cid, CitizenInput(name=name), expected_version=c.version)


def test_citizen_dialog_keep_my_text_then_save(qtbot, store, monkeypatch):
    cid = citizens.create_citizen(store, CitizenInput(name="Åse")).id
    dialog = CitizenDialog(store, None, citizen_id=cid)
    qtbot.addWidget(dialog)
    _other_person_renames(store.path, cid, "Åse Ærø")
    asked = []
    monkeypatch.setattr(conflicts, "choose", lambda p, exc: asked.append(exc) or conflicts.KEEP)
    dialog.name_edit.setText("Aase")
    dialog.accept()
    assert asked and "Jens Østergaard" in asked[0].message
    assert citizens.get_citizen(store, cid).name == "Åse Ærø", "nothing overwritten silently"
    assert dialog.name_edit.text() == "Aase" and "bevaret" in dialog.general_error.text()
    dialog.accept()  # the deliberate second Gem
    assert citizens.get_citizen(store, cid).name == "Aase"


def test_citizen_dialog_reload(qtbot, store, monkeypatch):
    cid = citizens.create_citizen(store, CitizenInput(name="Åse")).id
    dialog = CitizenDialog(store, None, citizen_id=cid)
    qtbot.addWidget(dialog)
    _other_person_renames(store.path, cid, "Åse Ærø")
    monkeypatch.setattr(conflicts, "choose", lambda p, exc: conflicts.RELOAD)
    dialog.name_edit.setText("Aase")
    dialog.accept()
    assert dialog.result() == 0 and citizens.get_citizen(store, cid).name == "Åse Ærø"
