"""The bundle's entry point: the same ``trappe`` command as a pip install (GUI without a
subcommand). A windowed executable on Windows and macOS has no console, so stdout and stderr
are None there: give them somewhere harmless to go."""

import os
import sys

for name in ("stdout", "stderr"):
    if getattr(sys, name) is None:
        setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

from trappe.cli import main  # noqa: E402

sys.exit(main())
