"""The bundle's entry point: the same ``trappe`` command as a pip install (GUI without a
subcommand). A windowed executable on Windows and macOS has no console, so stdout and stderr
are None there: give them somewhere harmless to go. Large sheet batches draw in worker
processes started with "spawn" (trappe/sheet/batch.py); in a frozen program those re-run this
executable, and ``freeze_support`` turns them into workers instead of a second Trappe."""

import multiprocessing
import os
import sys

multiprocessing.freeze_support()

for name in ("stdout", "stderr"):
    if getattr(sys, name) is None:
        setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

from trappe.cli import main  # noqa: E402

sys.exit(main())
