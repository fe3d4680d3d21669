"""Shared fixtures: a fresh store on a temporary file, and a citizen with some history."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date
from pathlib import Path

import pytest
from hypothesis import Phase, settings

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import (
    Activity,
    Actor,
    Agreement,
    CitizenInput,
    MeetingInput,
    Responsible,
    Role,
)
from trappe.model.store import Store, open_store

# tools/mutation_check.py runs with --hypothesis-profile=mutation: a failure is enough there,
# so hypothesis does not spend minutes shrinking it to the smallest example.
settings.register_profile("mutation", phases=[Phase.explicit, Phase.reuse, Phase.generate])


@pytest.fixture
def actor() -> Actor:
    return Actor("Mette Sørensen", Role.CASEWORKER)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "trappe.sqlite"


@pytest.fixture
def store(db_path: Path, actor: Actor) -> Store:
    s = open_store(db_path, actor)
    yield s
    s.close()


@pytest.fixture
def citizen_with_history(store: Store) -> int:
    """Åse Ærø: three meetings, up then down, with agreements and activities."""
    steps = staircase.load_staircase(store).steps
    cw = staircase.ensure_staff(store, "Mette Sørensen", Role.CASEWORKER)
    vk = staircase.ensure_staff(store, "Jens Østergaard", Role.COMPANY_CONSULTANT)
    group = staircase.list_target_groups(store)[0]
    c = citizens.create_citizen(
        store,
        CitizenInput(
            name="Åse Ærø Søndergård",
            identifier="010190-1234",
            target_group_id=group.id,
            caseworker_id=cw.id,
            consultant_id=vk.id,
            start_date=date(2026, 1, 5),
            goal_step_id=steps[5].id,
            goal_date=date(2027, 6, 30),
        ),
    )
    meetings.record_meeting(
        store,
        c.id,
        MeetingInput(
            held_on=date(2026, 2, 2),
            professional_step_id=steps[0].id,
            citizen_step_id=steps[1].id,
            participants="Åse, Mette (sagsbehandler)",
            caseworker_note="Første samtale.",
            next_meeting_on=date(2026, 3, 16),
            agreements=[Agreement("Gå til læge om ryggen", Responsible.CITIZEN, date(2026, 3, 1))],
        ),
    )
    meetings.record_meeting(
        store,
        c.id,
        MeetingInput(
            held_on=date(2026, 3, 16),
            professional_step_id=steps[2].id,
            citizen_step_id=steps[2].id,
            participants="Åse, Mette, Jens (virksomhedskonsulent)",
            next_meeting_on=date(2026, 5, 4),
            activities=[Activity("Mentor", "Mentor hver uge")],
        ),
    )
    meetings.record_meeting(
        store,
        c.id,
        MeetingInput(
            held_on=date(2026, 5, 4),
            professional_step_id=steps[1].id,
            citizen_step_id=steps[2].id,
            participants="Åse, Mette, Jens",
            consultant_note="Praktikken hos Brugsen stoppede; ny plan.",
            next_meeting_on=date(2026, 6, 15),
            activities=[
                Activity("Virksomhedspraktik", "Lager", "Føtex Nyborg", 10),
                Activity("Sundhedsfaglig støtte", "Fysioterapi"),
            ],
            agreements=[
                Agreement(
                    "Besøge Føtex og aftale opstart",
                    Responsible.COMPANY_CONSULTANT,
                    date(2026, 5, 20),
                ),
                Agreement("Møde op tirsdag og torsdag", Responsible.CITIZEN, date(2026, 6, 1)),
            ],
        ),
    )
    return c.id
