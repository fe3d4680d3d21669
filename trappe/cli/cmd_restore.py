"""``trappe restore``: list the backups, or put one in place of the database."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from trappe.cli.common import add_common, db_path, open_db, passphrase

if TYPE_CHECKING:
    from trappe.model.backup import BackupInfo
    from trappe.model.cipher_key import CipherKey


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("restore", help="vis sikkerhedskopierne, eller gendan fra én af dem")
    add_common(p)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--list", action="store_true", help="vis sikkerhedskopierne")
    which.add_argument("--from", dest="source", metavar="FIL", help="gendan fra denne kopi")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from trappe.model import backup, crypto
    from trappe.model.errors import DatabaseMissing

    path = db_path(args)
    found = backup.list_backups(path)
    source = Path(args.source).expanduser() if args.source else None
    if source is not None and not source.is_file():
        raise DatabaseMissing(f"Sikkerhedskopien «{source}» findes ikke.")
    # An encrypted database: the passphrase is derived once, with the salt of the file to be
    # read (the chosen copy, else the database); the backups Trappe makes share that salt.
    salted = source or (path if path.is_file() else next((b.path for b in found), None))
    key = None
    if salted is not None and crypto.is_encrypted(salted):
        key = crypto.key_for_file(salted, passphrase(args))
    try:
        return _run(args, path, found, source, key)
    finally:
        if key is not None:
            key.wipe()


def _run(
    args: argparse.Namespace,
    path: Path,
    found: list[BackupInfo],
    source: Path | None,
    key: CipherKey | None,
) -> int:
    from trappe.model import audit, backup
    from trappe.model.validation import format_date

    if args.list:
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
    assert source is not None
    damaged = path.exists() and not backup.verify(path, key)
    result = backup.restore(path, source, key, damaged=damaged)
    with open_db(args, key=key) as store:
        audit.log_restore(store, source, result.current_kept_as, damaged)
    print(f"Databasen {path} er gendannet fra {source}.")
    if result.current_kept_as is not None:
        label = "Den beskadigede fil" if damaged else "Den hidtidige database"
        print(f"{label} er gemt som {result.current_kept_as}.")
    return 0
