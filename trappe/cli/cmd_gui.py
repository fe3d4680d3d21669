"""``trappe gui`` (and plain ``trappe``): start the program."""

from __future__ import annotations

import argparse

from trappe.cli.common import add_common


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="start programmet (det samme som uden kommando)")
    add_common(p)
    p.add_argument(
        "--check-start",
        action="store_true",
        help="start, vis vinduet med databasen og luk straks igen (til kontrol af en installation)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from trappe.cli.common import db_path
    from trappe.ui.app import run_gui

    return run_gui(
        db_path(args) if args.db is not None else None,
        check_start=getattr(args, "check_start", False),
    )
