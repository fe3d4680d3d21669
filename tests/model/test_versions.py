"""Two people, one file: an edit based on an older version is refused, never lost."""

from __future__ import annotations

import pytest

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import Actor, CitizenInput, MeetingInput, Role
from trappe.model.errors import EditConflict, ValidationError
from trappe.model.store import open_store


def test_citizen_edit_on_an_old_version_is_refused_and_says_what_changed(db_path):
    mette = open_store(db_path, Actor("Mette", Role.CASEWORKER))
    jens = open_store(db_path, Actor("Jens Østergaard", Role.COMPANY_CONSULTANT))
    try:
        c = citizens.create_citizen(mette, CitizenInput(name="Åse"))
        seen_by_mette = citizens.get_citizen(mette, c.id)
        seen_by_jens = citizens.get_citizen(jens, c.id)
        saved = citizens.update_citizen(
            jens, c.id, CitizenInput(name="Åse Ærø"), expected_version=seen_by_jens.version
        )
        assert saved.version == seen_by_jens.version + 1
        with pytest.raises(EditConflict) as err:
            citizens.update_citizen(
                mette, c.id, CitizenInput(name="Aase"), expected_version=seen_by_mette.version
            )
        assert "Jens Østergaard" in err.value.message and "navn" in err.value.message
        assert err.value.current_version == saved.version
        assert citizens.get_citizen(mette, c.id).name == "Åse Ærø", "nothing overwritten"
        # "Behold min tekst": saving on the version now stored is the user's deliberate choice.
        citizens.update_citizen(
            mette, c.id, CitizenInput(name="Aase"), expected_version=err.value.current_version
        )
        assert citizens.get_citizen(jens, c.id).name == "Aase"
    finally:
        mette.close()
        jens.close()


def test_meeting_edit_and_delete_on_an_old_version_are_refused(store, citizen_with_history):
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    m = record.meetings[-1]
    agreement = m.agreements[0]
    meetings.set_agreement_done(store, agreement.id, m.held_on)  # someone ticks it off
    data = meetings.meeting_input(m)
    with pytest.raises(EditConflict) as err:
        meetings.update_meeting(store, m.id, data, expected_version=m.version)
    assert "Mødet den" in err.value.message
    with pytest.raises(EditConflict):
        meetings.delete_meeting(store, m.id, expected_version=m.version)
    assert meetings.get_agreement(store, agreement.id).done_on == m.held_on


def test_restore_meeting_brings_back_its_own_ids(store, citizen_with_history):
    m = citizens.get_citizen_record(store, citizen_with_history, log_read=False).meetings[-1]
    meetings.delete_meeting(store, m.id)
    back = meetings.restore_meeting(store, m)
    assert back.id == m.id
    assert [a.id for a in back.agreements] == [a.id for a in m.agreements]
    with pytest.raises(ValidationError):
        meetings.restore_meeting(store, m)  # it exists again


def test_ids_are_never_reused_after_an_erasure(store):
    a = citizens.create_citizen(store, CitizenInput(name="A"))
    citizens.erase_citizen(store, a.id)
    b = citizens.create_citizen(store, CitizenInput(name="B"))
    assert b.id > a.id
    steps = staircase.load_staircase(store).steps
    m = meetings.record_meeting(
        store, b.id, MeetingInput(held_on=b.start_date, professional_step_id=steps[0].id)
    )
    meetings.delete_meeting(store, m.id)
    m2 = meetings.record_meeting(
        store, b.id, MeetingInput(held_on=b.start_date, professional_step_id=steps[0].id)
    )
    assert m2.id > m.id


@pytest.mark.parametrize(
    ("call", "args"),
    [
        (citizens.close_citizen, ("no-such-reason",)),
    ],
)
def test_invalid_enum_strings_are_validation_errors(store, call, args):
    c = citizens.create_citizen(store, CitizenInput(name="A"))
    with pytest.raises(ValidationError):
        call(store, c.id, *args)


def test_unknown_sort_and_filter_are_validation_errors(store):
    with pytest.raises(ValidationError):
        citizens.search_citizens(store, citizens.CitizenQuery(order_by="password"))
    with pytest.raises(ValidationError):
        citizens.search_citizens(store, citizens.CitizenQuery(next_meeting="someday"))


def test_huge_ids_are_validation_errors(store):
    with pytest.raises(ValidationError):
        citizens.get_citizen(store, 2**63)
