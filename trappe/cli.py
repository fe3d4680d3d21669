"""The ``trappe`` command: the GUI by default, and headless subcommands.

Everything here calls the same model functions as the GUI. Heavy modules (Qt, reportlab) are
imported only by the subcommand that needs them, so ``trappe list`` starts quickly.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from trappe import __version__
from trappe.model.entities import Actor, Role
from trappe.model.errors import TrappeError
from trappe.paths import default_database_path

log = logging.getLogger("trappe.cli")


def _actor(args: argparse.Namespace) -> Actor:
    name = args.user or os.environ.get("TRAPPE_USER") or getpass.getuser() or "Trappe"
    return Actor(name, Role(args.role))


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if args.db else default_database_path()


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db", metavar="STI", help="databasefil (standard: $TRAPPE_DB eller brugerens datamappe)"
    )
    p.add_argument(
        "--user",
        metavar="NAVN",
        help="dit navn i revisionsloggen (standard: $TRAPPE_USER eller login-navn)",
    )
    p.add_argument(
        "--role",
        choices=[r.value for r in Role],
        default=Role.CASEWORKER.value,
        help="din rolle i revisionsloggen",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trappe",
        description="Trappe – trappemodellen: et visuelt progressionsværktøj til jobcentre. "
        "Uden underkommando startes programmet.",
    )
    parser.add_argument("--version", action="version", version=f"Trappe {__version__}")
    _add_common(parser)
    parser.add_argument("--debug", action="store_true", help="vis tekniske detaljer ved fejl")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO")

    gui = sub.add_parser("gui", help="start programmet (det samme som uden kommando)")
    _add_common(gui)

    demo = sub.add_parser("demo", help="opret en demodatabase med realistiske, opdigtede borgere")
    _add_common(demo)
    demo.add_argument(
        "--citizens", type=int, default=120, metavar="N", help="antal borgere (standard 120)"
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="S",
        help="tilfældighedsfrø; samme frø giver samme data (standard 1)",
    )
    demo.add_argument("--replace", action="store_true", help="erstat en eksisterende fil")

    lst = sub.add_parser("list", help="vis borgerne med id, navn, målgruppe og nuværende trin")
    _add_common(lst)
    lst.add_argument("--json", action="store_true", help="skriv JSON i stedet for en tabel")
    lst.add_argument("--all", action="store_true", help="tag også afsluttede forløb med")
    lst.add_argument("--search", default="", metavar="TEKST", help="søg i navn og id")
    lst.add_argument("--limit", type=int, default=None, metavar="N", help="højst N borgere")

    sheet = sub.add_parser("sheet", help="skriv dialogark som PDF")
    _add_common(sheet)
    which = sheet.add_mutually_exclusive_group(required=True)
    which.add_argument("--citizen", type=int, metavar="ID", help="dialogark for én borger")
    which.add_argument("--blank", action="store_true", help="et tomt dialogark til pen og papir")
    which.add_argument("--all", action="store_true", help="ét dialogark pr. aktiv borger")
    sheet.add_argument(
        "--meeting", type=int, metavar="ID", help="brug dette møde i stedet for det seneste"
    )
    sheet.add_argument(
        "--full-identifier", action="store_true", help="vis hele CPR-nummeret (standard: maskeret)"
    )
    sheet.add_argument("-o", "--output", required=True, metavar="FIL.pdf", help="PDF-filen")
    return parser


def cmd_gui(args: argparse.Namespace) -> int:
    from trappe.ui.app import run_gui

    return run_gui(Path(args.db).expanduser() if args.db else None)


def cmd_demo(args: argparse.Namespace) -> int:
    from trappe.model.demo import build_demo_database

    path = _db_path(args)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(
                f"\r  {done:,} af {total:,} borgere".replace(",", "."),
                end="",
                file=sys.stderr,
                flush=True,
            )

    summary = build_demo_database(
        path, _actor(args), args.citizens, args.seed, replace=args.replace, progress=progress
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(
        f"Demodatabase oprettet: {path}\n"
        f"  {summary.citizens} borgere, {summary.meetings} møder, {summary.placements} "
        f"placeringer, {summary.agreements} aftaler, {summary.activities} aktiviteter "
        f"({time.perf_counter() - started:.1f} s)"
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from trappe.model.citizens import CitizenQuery, search_citizens
    from trappe.model.entities import Status
    from trappe.model.store import open_store

    with open_store(_db_path(args), _actor(args)) as store:
        query = CitizenQuery(text=args.search, status=None if args.all else Status.ACTIVE)
        rows = search_citizens(store, query, limit=args.limit)
    if args.json:
        json.dump(
            [
                {
                    "id": r.id,
                    "name": r.name,
                    "target_group": r.target_group or None,
                    "current_step": r.step_title or None,
                    "current_step_position": r.step_position + 1
                    if r.step_position is not None
                    else None,
                    "status": r.status.value,
                }
                for r in rows
            ],
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
        return 0
    if not rows:
        print("Ingen borgere.")
        return 0
    width = min(40, max(len("Navn"), *(len(r.name) for r in rows)))
    print(f"{'Id':>7}  {'Navn':<{width}}  {'Målgruppe':<40}  Nuværende trin")
    for r in rows:
        step = f"{r.step_position + 1}. {r.step_title}" if r.step_title else "–"
        print(f"{r.id:>7}  {r.name[:width]:<{width}}  {r.target_group[:40]:<40}  {step}")
    return 0


def cmd_sheet(args: argparse.Namespace) -> int:
    from trappe import sheet
    from trappe.model.citizens import CitizenQuery, search_citizens
    from trappe.model.entities import Status
    from trappe.model.store import open_store

    out = Path(args.output).expanduser()
    with open_store(_db_path(args), _actor(args)) as store:
        if args.blank:
            sheet.render_blank_sheet(store, out)
            print(f"Tomt dialogark skrevet til {out}")
        elif args.citizen is not None:
            sheet.render_citizen_sheet(
                store,
                args.citizen,
                out,
                meeting_id=args.meeting,
                mask_identifier=not args.full_identifier,
            )
            print(f"Dialogark skrevet til {out}")
        else:
            ids = [r.id for r in search_citizens(store, CitizenQuery(status=Status.ACTIVE))]
            count = sheet.render_batch(store, ids, out, mask_identifier=not args.full_identifier)
            print(f"{count} dialogark skrevet til {out}")
    return 0


COMMANDS = {None: cmd_gui, "gui": cmd_gui, "demo": cmd_demo, "list": cmd_list, "sheet": cmd_sheet}


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(
        level=os.environ.get("TRAPPE_LOG", "WARNING"), format="%(levelname)s %(name)s: %(message)s"
    )
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except TrappeError as exc:
        print(f"Fejl: {exc.message}", file=sys.stderr)
        return 2
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
