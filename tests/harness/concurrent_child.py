"""One of two processes editing the same citizen and the same meeting for a while.

Each edit reads the current version, then saves based on it, as the dialogs do (they read
when they open, save when the user presses Gem). Prints one line per successful save:
``OK <object> <base version> <new version>``, and at the end ``STATS <waits> <conflicts>``.

Usage: python concurrent_child.py DB CITIZEN_ID MEETING_ID SECONDS NAME
"""

from __future__ import annotations

import random
import sys
import time
from dataclasses import replace

from trappe.model import citizens, meetings
from trappe.model.entities import Actor, CitizenInput, Role
from trappe.model.errors import DatabaseLocked, EditConflict
from trappe.model.store import open_store

WAIT = 0.005  # a save that took longer than this waited for the other process's lock


def main() -> None:
    db, cid, mid, seconds, name = sys.argv[1:6]
    cid_i, mid_i = int(cid), int(mid)
    store = open_store(db, Actor(name, Role.CASEWORKER), create=False, timeout=10.0)
    rng = random.Random(name)
    waits = conflicts = 0
    end = time.monotonic() + float(seconds)
    n = 0
    while time.monotonic() < end:
        n += 1
        try:
            if rng.random() < 0.5:
                c = citizens.get_citizen(store, cid_i)
                time.sleep(rng.random() * 0.01)  # the user types
                started = time.monotonic()
                saved = citizens.update_citizen(
                    store, cid_i, CitizenInput(name=f"{name} {n}"), expected_version=c.version
                )
                print(f"OK citizen {c.version} {saved.version}", flush=True)
            else:
                m = meetings.get_meeting(store, mid_i)
                data = replace(meetings.meeting_input(m), caseworker_note=f"{name} {n}")
                time.sleep(rng.random() * 0.01)
                started = time.monotonic()
                saved_m = meetings.update_meeting(store, mid_i, data, expected_version=m.version)
                print(f"OK meeting {m.version} {saved_m.version}", flush=True)
            if time.monotonic() - started > WAIT:
                waits += 1
        except EditConflict:
            conflicts += 1
        except DatabaseLocked:
            waits += 1
    store.close()
    print(f"STATS {waits} {conflicts}", flush=True)


if __name__ == "__main__":
    main()
