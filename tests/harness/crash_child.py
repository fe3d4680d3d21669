"""Saves meetings through the model exactly as the GUI does, printing an ACK after each save
returns; every few saves it makes a verified backup. Killed at random by the parent.

Usage: python crash_child.py DB CITIZEN_ID START
"""

from __future__ import annotations

import sys
from datetime import date, timedelta

from trappe.model import backup, meetings, staircase
from trappe.model.entities import Activity, Actor, Agreement, MeetingInput, Responsible, Role
from trappe.model.store import open_store

AGREEMENTS, ACTIVITIES = 3, 2


def main() -> None:
    db, cid, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    store = open_store(db, Actor("Harness", Role.CASEWORKER), create=False)
    steps = staircase.load_staircase(store).steps
    print("READY", flush=True)
    for n in range(start, start + 100_000):
        marker = f"MØDE-{n}"
        data = MeetingInput(
            held_on=date(2026, 1, 1) + timedelta(days=n % 3000),
            professional_step_id=steps[n % len(steps)].id,
            citizen_step_id=steps[(n + 1) % len(steps)].id,
            participants="Borger, sagsbehandler",
            caseworker_note=marker + " " + "notat " * 50,
            agreements=[
                Agreement(f"{marker} aftale {i}", Responsible.CITIZEN) for i in range(AGREEMENTS)
            ],
            activities=[Activity("Mentor", f"{marker} aktivitet {i}") for i in range(ACTIVITIES)],
        )
        # The meeting dialog validates, then its save hook records (RecordMeetingCommand).
        data = meetings.validate_meeting(store, data)
        meetings.record_meeting(store, cid, data)
        print(f"ACK {marker}", flush=True)
        if n % 7 == 0:
            backup.make_backup(store, "harness")
            print("BACKUP", flush=True)


if __name__ == "__main__":
    main()
