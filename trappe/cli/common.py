"""What every ``trappe`` subcommand shares: who the user is, which file, common options."""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path
from typing import TYPE_CHECKING

from trappe.model.entities import Actor, NextMeetingFilter, Role
from trappe.model.errors import DatabaseMissing, TrappeError
from trappe.paths import default_database_path

if TYPE_CHECKING:
    from trappe.model.store import Store

MAX_ID = 2**63 - 1


def actor(args: argparse.Namespace) -> Actor:
    from trappe.model.validation import clean_text

    name = args.user or os.environ.get("TRAPPE_USER") or getpass.getuser() or "Trappe"
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise TrappeError(
            "Brugernavnet (--user eller TRAPPE_USER) er ikke gyldig tekst (UTF-8)."
        ) from None
    name = clean_text(name, "user", "Brugernavnet", max_len=200, required=True)
    return Actor(name, Role(args.role))


def db_path(args: argparse.Namespace) -> Path:
    if args.db is None:
        return default_database_path()
    if not args.db.strip():
        raise DatabaseMissing("--db er tom. Angiv databasens fil.")
    return Path(args.db).expanduser()


def open_db(args: argparse.Namespace, *, create: bool = False) -> Store:
    """The store the command works on; a missing file is refused unless ``create``."""
    from trappe.model.store import open_store

    return open_store(db_path(args), actor(args), create=create)


def record_id(text: str) -> int:
    """An argparse type for ids: a whole number from 1 to 2⁶³−1."""
    try:
        if not text.strip().isascii():
            raise ValueError
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» er ikke et helt tal") from None
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"{text} er ikke et gyldigt id")
    return value


def add_common(p: argparse.ArgumentParser, *, sub: bool = True) -> None:
    """--db, --user and --role, accepted before and after the command name.

    In a subcommand they default to "not given" (SUPPRESS), so ``trappe --db X sheet …`` keeps
    the X given before the command instead of overwriting it with the subcommand's default.
    """
    unset = {"default": argparse.SUPPRESS} if sub else {}
    p.add_argument(
        "--db",
        metavar="STI",
        help="databasefil (standard: $TRAPPE_DB eller brugerens datamappe)",
        **unset,
    )
    p.add_argument(
        "--user",
        metavar="NAVN",
        help="dit navn i revisionsloggen (standard: $TRAPPE_USER eller login-navn)",
        **unset,
    )
    p.add_argument(
        "--role",
        choices=[r.value for r in Role],
        help="din rolle i revisionsloggen",
        **(unset or {"default": Role.CASEWORKER.value}),
    )


def decimal(value: float, *, sign: bool = False) -> str:
    """One decimal with a Danish decimal comma: 39,6 and +10,6."""
    return (f"{value:+.1f}" if sign else f"{value:.1f}").replace(".", ",")


NEXT_MEETING_CHOICES = {
    "overskredet": "overdue",
    "denne-uge": "this_week",
    "naeste-uge": "next_week",
    "ingen": "none_planned",
}


def add_next_meeting(p: argparse.ArgumentParser, note: str = "") -> None:
    p.add_argument(
        "--next-meeting",
        choices=sorted(NEXT_MEETING_CHOICES),
        metavar="HVORNÅR",
        help="kun borgere hvis næste samtale er overskredet, i denne uge, i næste uge "
        "eller ikke aftalt: overskredet, denne-uge, naeste-uge, ingen" + note,
    )


def next_meeting(args: argparse.Namespace) -> NextMeetingFilter:
    value = getattr(args, "next_meeting", None)
    return NextMeetingFilter(NEXT_MEETING_CHOICES[value] if value else "any")
