"""Shared fixtures: a fresh store on a temporary file, and a citizen with some history."""

from __future__ import annotations

import gc
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


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    """Qt tests run with Python's cycle collector off, and their garbage is collected after them.

    A widget a test drops is often kept by a reference cycle (its slots hold it). If the automatic
    collector frees it while Qt delivers an event (pytest-qt processes events after each test
    body), Qt uses a deleted widget and the whole run dies with a segmentation fault (a known
    hazard of PySide test suites). Trappe's program collects only at safe points
    (``trappe.ui.garbage``); the tests do the same: collected between tests, where no event is
    under way. Other tests keep the collector on
    (importing ``trappe.ui`` turns it off for the process).
    """
    uses_qt = "qapp" in getattr(item, "fixturenames", ()) or "tests/ui/" in item.nodeid
    was_on = gc.isenabled()
    if uses_qt:
        gc.disable()
    else:
        gc.enable()
    yield
    if uses_qt:
        from trappe.ui.garbage import collect_due

        gc.collect(0)  # the test's own garbage (the automatic collector was off)
        collect_due()  # and the older generations when Python would have collected them
    if was_on:
        gc.enable()
    else:
        gc.disable()


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
