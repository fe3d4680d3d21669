"""Two processes edit the same citizen and the same meeting at once: they wait for each
other, conflicts are reported, and no save is ever silently overwritten.

A save based on version v that succeeds produces v + 1; a silent overwrite would be two
successful saves based on the same version (the second overwriting the first unseen).
The default run lasts a few seconds; ``TRAPPE_CONCURRENCY_SECONDS=30`` is the full run.
It prints ``waits / conflicts reported / silent overwrites``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import Actor, CitizenInput, MeetingInput
from trappe.model.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CHILD = (sys.executable, "-m", "tests.harness.concurrent_child")
SECONDS = float(os.environ.get("TRAPPE_CONCURRENCY_SECONDS", "4"))


def test_two_processes_never_overwrite_each_other_silently(tmp_path: Path):
    db = tmp_path / "two.sqlite"
    with open_store(db, Actor("Opsætning")) as s:
        c = citizens.create_citizen(s, CitizenInput(name="Åse"))
        step = staircase.load_staircase(s).steps[0]
        m = meetings.record_meeting(
            s, c.id, MeetingInput(held_on=c.start_date, professional_step_id=step.id)
        )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [
        subprocess.Popen(
            [*CHILD, str(db), str(c.id), str(m.id), str(SECONDS), name],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        for name in ("Mette", "Jens")
    ]
    outputs = [child.communicate(timeout=SECONDS + 120)[0] for child in children]
    assert all(child.returncode == 0 for child in children)
    saves = [line.split()[1:] for out in outputs for line in out.splitlines() if line[:2] == "OK"]
    stats = [
        line.split()[1:] for out in outputs for line in out.splitlines() if line[:5] == "STATS"
    ]
    waits = sum(int(w) for w, _ in stats)
    conflicts = sum(int(c) for _, c in stats)
    bases = Counter((obj, base) for obj, base, _new in saves)
    silent = sum(n - 1 for n in bases.values() if n > 1)
    silent += sum(1 for _obj, base, new in saves if int(new) != int(base) + 1)
    with open_store(db, Actor("Kontrol")) as s:
        final_c = citizens.get_citizen(s, c.id).version
        final_m = meetings.get_meeting(s, m.id).version
    done = Counter(obj for obj, _b, _n in saves)
    assert final_c == c.version + done["citizen"], "every save accounted for"
    assert final_m == m.version + done["meeting"]
    print(f"\nconcurrency: waits {waits} / conflicts reported {conflicts}", end="")
    print(f" / silent overwrites {silent}")
    assert silent == 0
    assert len(saves) > 10 and conflicts > 0, "the two processes did not really compete"
