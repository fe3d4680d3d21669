"""The user's operations return what they changed (``trappe.model.ops``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from trappe.model import citizens, meetings, ops, staircase
from trappe.model.changes import EVERY_PART, Changes, Part
from trappe.model.entities import (
    CitizenInput,
    CloseReason,
    MeetingInput,
    Role,
    Status,
)
from trappe.model.errors import NotFoundError, ValidationError


def test_each_operation_names_what_it_changed(store, citizen_with_history):
    cid = citizen_with_history
    steps = staircase.load_staircase(store).steps
    c = citizens.get_citizen(store, cid)
    same = citizens.citizen_input(c)

    assert ops.update_citizen(store, cid, same).changes == Changes(cid, Part.CITIZEN)
    renamed = ops.update_citizen(store, cid, replace(same, name="Åse Ny"))
    assert renamed.changes == Changes(cid, Part.CITIZEN | Part.LISTED)
    assert renamed.value.name == "Åse Ny"
    goal = ops.update_citizen(store, cid, replace(same, name="Åse Ny", goal_step_id=steps[6].id))
    assert goal.changes == Changes(cid, Part.CITIZEN | Part.PLACEMENTS)

    agreement = citizens.get_citizen_record(store, cid).open_agreements[0]
    done = ops.set_agreement_done(store, cid, agreement.id, date(2026, 6, 2))
    assert done.changes == Changes(cid, Part.HISTORY) and done.value.done

    meeting = ops.record_meeting(store, cid, MeetingInput(date(2026, 6, 3), steps[2].id))
    whole = Part.LISTED | Part.PLACEMENTS | Part.HISTORY
    assert meeting.changes == Changes(cid, whole)
    data = replace(meetings.meeting_input(meeting.value), participants="Åse")
    assert ops.update_meeting(store, meeting.value.id, data).changes == Changes(cid, whole)
    assert ops.delete_meeting(store, meeting.value.id).changes == Changes(cid, whole)

    closed = ops.close_citizen(store, cid, CloseReason.MOVED, date(2026, 7, 1))
    assert closed.changes == Changes(cid, EVERY_PART)
    assert closed.value.status is Status.CLOSED
    assert ops.reopen_citizen(store, cid, date(2026, 7, 1)).changes == Changes(cid, EVERY_PART)

    assert ops.erase_citizen(store, cid).changes == Changes(cid, Part.ERASED | Part.LISTED)
    with pytest.raises(NotFoundError):
        citizens.get_citizen(store, cid)


def test_closing_needs_a_date(store, citizen_with_history):
    with pytest.raises(ValidationError) as err:
        ops.close_citizen(store, citizen_with_history, CloseReason.JOB, None)
    assert err.value.field == "closed_on"
    assert citizens.get_citizen(store, citizen_with_history).status is Status.ACTIVE


def test_a_new_colleague_is_added_inside_the_save(store):
    # A refused save adds nobody, however far it got.
    with pytest.raises(ValidationError) as err:
        ops.create_citizen(
            store,
            CitizenInput(name="Bo", identifier="320190-1234", caseworker_name="Ny Kollega"),
        )
    assert err.value.field == "identifier"
    assert staircase.list_staff(store) == []
    with pytest.raises(ValidationError) as err:
        ops.create_citizen(store, CitizenInput(name="Bo", consultant_name="Navn\x00med nul"))
    assert err.value.field == "consultant_id"
    assert staircase.list_staff(store) == []

    bo = ops.create_citizen(
        store,
        CitizenInput(name="Bo", caseworker_name="  ny   kollega ", consultant_name="Jens Ø"),
    ).value
    staff = {s.id: (s.name, s.role) for s in staircase.list_staff(store)}
    assert staff[bo.caseworker_id] == ("ny kollega", Role.CASEWORKER)
    assert staff[bo.consultant_id] == ("Jens Ø", Role.COMPANY_CONSULTANT)
    # The same name in another case is the same colleague, not a second one.
    al = ops.create_citizen(store, CitizenInput(name="Al", caseworker_name="Ny Kollega")).value
    assert al.caseworker_id == bo.caseworker_id
    assert len(staircase.list_staff(store)) == 2


def test_every_close_reason_can_be_stored_and_read(store, citizen_with_history):
    for reason in CloseReason:
        c = ops.close_citizen(store, citizen_with_history, reason, date(2026, 7, 1)).value
        assert citizens.get_citizen(store, c.id).closed_reason is reason
        ops.reopen_citizen(store, citizen_with_history, date(2026, 7, 1))  # takes it back
