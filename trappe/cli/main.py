"""The parser and the dispatcher: Danish errors and exit codes for every subcommand."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn

from trappe import __version__
from trappe.cli.common import add_common
from trappe.model.errors import TrappeError

log = logging.getLogger("trappe.cli")

# One module per subcommand (trappe/cli/cmd_<name>.py), in the order ``--help`` lists them.
COMMAND_MODULES = (
    "gui",
    "demo",
    "list",
    "sheet",
    "export",
    "stats",
    "report",
    "handover",
    "backup",
    "restore",
    "audit",
    "retention",
    "encrypt",
)


# argparse's own texts in Danish (it looks them up through gettext at call time).
DANISH = {
    "usage: ": "brug: ",
    "options": "tilvalg",
    "positional arguments": "argumenter",
    "show this help message and exit": "vis denne hjælp og afslut",
    "show program's version number and exit": "vis programmets version og afslut",
    "the following arguments are required: %s": "disse argumenter mangler: %s",
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ugyldig værdi: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "ugyldigt valg: %(value)r "
    "(vælg mellem %(choices)s)",
    "expected one argument": "forventer én værdi",
    "expected at most one argument": "forventer højst én værdi",
    "expected at least one argument": "forventer mindst én værdi",
    "not allowed with argument %s": "kan ikke bruges sammen med %s",
    "one of the arguments %s is required": "et af argumenterne %s skal angives",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydigt tilvalg: %(option)s "
    "kan være %(matches)s",
    "ignored explicit argument %r": "ignorerede argumentet %r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fejl: %(message)s\n",
}


def _danish(text: str) -> str:
    return DANISH.get(text, text)


def _danish_n(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "forventer %s værdi" if n == 1 else "forventer %s værdier"
    return singular if n == 1 else plural


@contextlib.contextmanager
def _in_danish() -> Iterator[None]:
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _danish, _danish_n  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class DanishParser(argparse.ArgumentParser):
    """argparse with its own messages, usage and help in Danish; errors exit with code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _in_danish():
            super().__init__(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with _in_danish():
            return super().parse_known_args(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with _in_danish():
            return super().parse_args(*args, **kwargs)

    def format_help(self) -> str:
        with _in_danish():
            return super().format_help()

    def format_usage(self) -> str:
        with _in_danish():
            return super().format_usage()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"Fejl: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = DanishParser(
        prog="trappe",
        description="Trappe – trappemodellen: et visuelt progressionsværktøj til jobcentre. "
        "Uden underkommando startes programmet.",
    )
    parser.add_argument("--version", action="version", version=f"Trappe {__version__}")
    add_common(parser, sub=False)
    parser.add_argument("--debug", action="store_true", help="vis tekniske detaljer ved fejl")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    for name in COMMAND_MODULES:
        importlib.import_module(f"trappe.cli.cmd_{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(
        level=os.environ.get("TRAPPE_LOG", "WARNING"), format="%(levelname)s %(name)s: %(message)s"
    )
    args = build_parser().parse_args(argv)
    if args.command is None:
        from trappe.cli import cmd_gui

        args.func = cmd_gui.run
    try:
        return args.func(args)
    except TrappeError as exc:
        print(f"Fejl: {exc.message}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into e.g. head
        return 0
    except KeyboardInterrupt:
        print("Afbrudt.", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: short message, details on request
        if args.debug:
            raise
        log.debug("unexpected error", exc_info=True)
        print(
            f"Uventet fejl: {exc!r}\nKør igen med --debug for tekniske detaljer.", file=sys.stderr
        )
        return 3
