"""``trappe restore``: list the backups, or put one in place of the database."""

from __future__ import annotations

import argparse
from pathlib import Path

from trappe.cli.common import add_common, db_path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("restore", help="vis sikkerhedskopierne, eller gendan fra én af dem")
    add_common(p)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--list", action="store_true", help="vis sikkerhedskopierne")
    which.add_argument("--from", dest="source", metavar="FIL", help="gendan fra denne kopi")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from trappe.model import backup
    from trappe.model.errors import DatabaseMissing
    from trappe.model.validation import format_date

    path = db_path(args)
    key = None
    if args.list:
        found = backup.list_backups(path)
        if not found:
            print(f"Ingen sikkerhedskopier af {path}.")
            return 0
        print(f"{'Tidspunkt':<18}  {'Størrelse':>10}  {'Borgere':>8}  Fil")
        for b in found:
            count = backup.citizen_count(b.path, key)
            when = f"{format_date(b.taken_at.date())} {b.taken_at:%H:%M}"
            size = f"{b.size / 1_000_000:.1f} MB".replace(".", ",")
            print(f"{when:<18}  {size:>10}  {count if count is not None else '?':>8}  {b.path}")
        return 0
    source = Path(args.source).expanduser()
    if not source.is_file():
        raise DatabaseMissing(f"Sikkerhedskopien «{source}» findes ikke.")
    damaged = path.exists() and not backup.verify(path, key)
    result = backup.restore(path, source, key, damaged=damaged)
    print(f"Databasen {path} er gendannet fra {source}.")
    if result.current_kept_as is not None:
        label = "Den beskadigede fil" if damaged else "Den hidtidige database"
        print(f"{label} er gemt som {result.current_kept_as}.")
    return 0
