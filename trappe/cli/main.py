"""The parser and the dispatcher: Danish errors and exit codes for every subcommand."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

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
    "audit",
    "retention",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
