"""What every ``trappe`` subcommand shares: who the user is, which file, common options."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from trappe.model.entities import Actor, NextMeetingFilter, Role
from trappe.model.errors import DatabaseMissing, TrappeError, ValidationError
from trappe.model.validation import check_role, check_user_name
from trappe.paths import default_database_path

if TYPE_CHECKING:
    from trappe.model.cipher_key import CipherKey
    from trappe.model.store import Store

MAX_ID = 2**63 - 1


def actor(args: argparse.Namespace) -> Actor:
    """Who runs the command: the name given (``--user``, ``$TRAPPE_USER``, else the login
    name) and the OS login name beside it, both for the audit log.

    A name with control characters (an ANSI escape), direction overrides or more than 100
    characters is refused in Danish before anything is opened.
    """
    if args.user:
        name, source = args.user, "--user"
    elif os.environ.get("TRAPPE_USER"):
        name, source = os.environ["TRAPPE_USER"], "$TRAPPE_USER"
    else:
        try:
            name = getpass.getuser()
        except Exception:
            name = ""
        name, source = name or "Trappe", "login-navnet"
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise TrappeError(
            "Brugernavnet (--user eller TRAPPE_USER) er ikke gyldig tekst (UTF-8)."
        ) from None
    try:
        name = check_user_name(name, "user", f"Navnet i {source}")
    except ValidationError as exc:
        raise ValidationError("user", exc.message + " Det skrives i revisionsloggen.") from None
    return Actor(name, check_role(args.role))


def db_path(args: argparse.Namespace) -> Path:
    if args.db is None:
        return default_database_path()
    if not args.db.strip():
        raise DatabaseMissing("--db er tom. Angiv databasens fil.")
    return Path(args.db).expanduser()


def passphrase(args: argparse.Namespace, *, new: bool = False) -> str:
    """The passphrase: ``TRAPPE_PASSPHRASE``, ``--passphrase-file`` or a prompt on a terminal
    (twice for a new one); never an argument on the command line, where others can see it."""
    from trappe.model.crypto import check_new_passphrase

    text = os.environ.get("TRAPPE_PASSPHRASE")
    source = getattr(args, "passphrase_file", None)
    if not text and source:
        try:
            text = Path(source).expanduser().read_text(encoding="utf-8").splitlines()[0]
        except (OSError, UnicodeDecodeError, IndexError):
            raise TrappeError(
                f"Adgangsfrasen kunne ikke læses fra «{source}» (første linje i en tekstfil)."
            ) from None
    if not text and sys.stdin.isatty():
        text = getpass.getpass("Adgangsfrase: ")
        if new:
            check_new_passphrase(text, getpass.getpass("Gentag adgangsfrasen: "))
    if not text:
        raise TrappeError(
            "Databasen er krypteret. Angiv adgangsfrasen i TRAPPE_PASSPHRASE, med "
            "--passphrase-file FIL, eller kør kommandoen i en terminal."
        )
    return check_new_passphrase(text) if new else text


def open_db(
    args: argparse.Namespace, *, create: bool = False, key: CipherKey | None = None
) -> Store:
    """The store the command works on; a missing file is refused unless ``create``.

    An encrypted database is opened with ``key`` (its raw key) if given, else with the
    passphrase (``passphrase``)."""
    from trappe.model.crypto import is_encrypted
    from trappe.model.store import open_store

    path = db_path(args)
    if key is None and is_encrypted(path):
        return open_store(path, actor(args), create=create, key=passphrase(args))
    return open_store(path, actor(args), create=create, key=key)


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
        "--passphrase-file",
        metavar="FIL",
        help="læs en krypteret databases adgangsfrase fra denne fil (ellers $TRAPPE_PASSPHRASE "
        "eller en prompt)",
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
