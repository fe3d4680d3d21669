"""Two readings compared: the first and the latest meeting, steps moved and days between."""

from __future__ import annotations

import pytest

from trappe.model import citizens, staircase
from trappe.model.compare import compare, days_text, default_pair, moved_text
from trappe.model.entities import CitizenInput
from trappe.model.errors import NotFoundError, ValidationError


def test_first_and_latest(store, citizen_with_history):
    sc = staircase.load_staircase(store)
    steps = sc.steps
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    first, latest = default_pair(record)
    assert (first, latest) == (record.meetings[0].id, record.meetings[-1].id)
    c = compare(record, sc, latest, first)  # either order: the earlier comes first
    assert c.earlier.id == first and c.later.id == latest
    assert (c.earlier_state.current_step_id, c.earlier_state.own_step_id) == (
        steps[0].id,
        steps[1].id,
    )
    assert (c.later_state.current_step_id, c.later_state.own_step_id) == (
        steps[1].id,
        steps[2].id,
    )
    assert c.earlier_state.history == c.later_state.history == ()
    assert c.days == 91 and c.professional_moved == 1 and c.citizen_moved == 1
    middle = record.meetings[1].id
    c = compare(record, sc, middle, latest)
    assert c.professional_moved == -1 and c.citizen_moved == 0


def test_words_and_refusals(store, citizen_with_history):
    assert [moved_text(n) for n in (2, 1, 0, -1, None)] == [
        "2 trin op",
        "1 trin op",
        "samme trin",
        "1 trin ned",
        "",
    ]
    assert [days_text(n) for n in (0, 1, 91)] == ["samme dag", "1 dag", "91 dage"]
    sc = staircase.load_staircase(store)
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    with pytest.raises(ValidationError):
        compare(record, sc, record.meetings[0].id, record.meetings[0].id)
    with pytest.raises(NotFoundError):
        compare(record, sc, record.meetings[0].id, 99_999)
    new = citizens.create_citizen(store, CitizenInput(name="Ny"))
    assert default_pair(citizens.get_citizen_record(store, new.id, log_read=False)) is None
