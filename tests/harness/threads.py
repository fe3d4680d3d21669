"""Running one piece of work on several threads at once, for caches the window and a sheet
batch's thread share."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable


def failures_in_threads(work: Callable[[int], None], count: int = 3) -> list[BaseException]:
    """Run ``work(i)`` on ``count`` threads at once, with the GIL handed over as often as it
    can be (so a race shows in a short run); what they raised."""
    failures: list[BaseException] = []

    def run(i: int) -> None:
        try:
            work(i)
        except BaseException as exc:  # handed to the test, which reports it
            failures.append(exc)

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(switch)
    return failures
