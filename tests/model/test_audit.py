from __future__ import annotations

from datetime import date

from trappe.model import audit, citizens, meetings, staircase
from trappe.model.citizens import CitizenQuery
from trappe.model.entities import Actor, Assessor, CitizenInput, MeetingInput, Role
from trappe.model.store import open_store


def actions(store, object_type=None):
    return [
        (e.action, e.object_type)
        for e in reversed(audit.list_entries(store, object_type=object_type))
    ]


def test_every_change_read_and_search_is_logged_with_user_and_role(db_path):
    consultant = Actor("Jens Østergaard", Role.COMPANY_CONSULTANT)
    with open_store(db_path, consultant) as store:
        steps = staircase.load_staircase(store).steps
        c = citizens.create_citizen(store, CitizenInput(name="Åse", start_date=date(2026, 1, 1)))
        citizens.update_citizen(
            store, c.id, CitizenInput(name="Åse Ærø", start_date=date(2026, 1, 1))
        )
        m = meetings.record_meeting(store, c.id, MeetingInput(date(2026, 2, 1), steps[0].id))
        p = meetings.add_placement(store, c.id, steps[1].id, Assessor.CITIZEN, date(2026, 2, 2))
        meetings.delete_placement(store, p.id)
        citizens.get_citizen_record(store, c.id)
        citizens.search_citizens(store, CitizenQuery(text="åse", step_id=steps[0].id))
        meetings.delete_meeting(store, m.id)
        citizens.erase_citizen(store, c.id)
        entries = list(reversed(audit.list_entries(store)))
    got = [
        (e.action, e.object_type) for e in entries if e.object_type not in ("staircase", "setting")
    ]
    assert got == [
        ("create", "citizen"),
        ("update", "citizen"),
        ("create", "meeting"),
        ("create", "placement"),
        ("delete", "placement"),
        ("read", "citizen"),
        ("search", "citizen"),
        ("delete", "meeting"),
        ("delete", "citizen"),
    ]
    assert all(
        e.user_name == "Jens Østergaard" and e.user_role == "company_consultant" for e in entries
    )
    assert all(e.at.startswith("20") and "T" in e.at for e in entries)
    update = next(e for e in entries if e.action == "update" and e.object_type == "citizen")
    assert update.details == {"fields": ["name"]}, "field names, not values"
    search = next(e for e in entries if e.action == "search")
    assert search.details["criteria"]["text"] == "åse"
    assert search.details["criteria"]["step_id"] == steps[0].id
    assert {
        e.object_id for e in entries if e.object_type == "citizen" and e.action != "search"
    } == {c.id}


def test_audit_details_hold_no_personal_data(store, citizen_with_history):
    blob = " ".join(r[0] for r in store.query("SELECT details FROM audit_log"))
    assert "Åse" not in blob and "010190" not in blob
