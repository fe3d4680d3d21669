"""Every speed figure of the caseload-scale table, on one or more databases; asserts nothing.

    .venv/bin/python bench/bench_scale.py --db 100k.sqlite --db 240k.sqlite [--repeat 5]

Build the databases with ``trappe demo --citizens 100000`` and ``--citizens 240000``. For each
file it runs, one after the other so they do not compete for the cores, the benches that hold
the rows, each printing Trappe's figure beside its floor from the same run and the ratio:

- search, sort by every column, jump to the end and scroll (``bench_caseload.py``);
- opening a citizen with 200 meetings, all panes painted (``bench_open_citizen.py``);
- ``trappe stats`` and the team overview (``bench_measures.py``), and both beside hand-written
  SQL for the same figures (``bench_overview.py``);
- start-up to the main window shown (``bench_gui.py`` also runs the opening row);
- a sheet batch, one core and both, beside the replay floor, and its memory
  (``bench_sheet.py``).

Each bench runs on a copy of the file, so the benches' own writes (the 200-meeting citizen,
audit entries) never touch the file given.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def benches(db: Path, repeat: int) -> list[tuple[str, list[str]]]:
    r = ["--repeat", str(repeat)]
    return [
        ("search, sort, jump and scroll", ["bench_caseload.py", "--db", str(db), *r]),
        ("measures and overview", ["bench_measures.py", "--db", str(db), *r]),
        ("overview and stats beside their floor", ["bench_overview.py", "--db", str(db), *r]),
        ("start-up and opening a citizen", ["bench_gui.py", "--db", str(db), *r]),
        ("sheets", ["bench_sheet.py", "--db", str(db), "--memory-db", str(db)]),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, action="append", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", help="run only the benches whose title contains this")
    args = parser.parse_args()
    failed = 0
    for db in args.db:
        if not db.exists():
            parser.error(f"{db} does not exist (build it with trappe demo --citizens N)")
        with tempfile.TemporaryDirectory(dir=db.parent) as tmp:
            copy = Path(tmp) / db.name
            shutil.copyfile(db, copy)
            print(f"=== {db} ===", flush=True)
            for title, cmd in benches(copy, args.repeat):
                if args.only and args.only not in title:
                    continue
                print(f"--- {title}: {' '.join(cmd)}", flush=True)
                done = subprocess.run([sys.executable, str(BENCH / cmd[0]), *cmd[1:]])
                failed += done.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
