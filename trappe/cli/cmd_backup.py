"""``trappe backup``: a verified backup in ``backups/`` beside the database."""

from __future__ import annotations

import argparse

from trappe.cli.common import add_common, open_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="tag en kontrolleret sikkerhedskopi af databasen nu")
    add_common(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from trappe.model import backup

    with open_db(args) as store:
        info = backup.make_backup(store, "manuel")
    print(f"Sikkerhedskopi gemt og kontrolleret: {info.path}")
    return 0
