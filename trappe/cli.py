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
from trappe.model.entities import Actor, NextMeetingFilter, Role
from trappe.model.errors import TrappeError
from trappe.paths import default_database_path

log = logging.getLogger("trappe.cli")


def _actor(args: argparse.Namespace) -> Actor:
    name = args.user or os.environ.get("TRAPPE_USER") or getpass.getuser() or "Trappe"
    return Actor(name, Role(args.role))


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if args.db else default_database_path()


def _add_common(p: argparse.ArgumentParser, *, sub: bool = True) -> None:
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trappe",
        description="Trappe – trappemodellen: et visuelt progressionsværktøj til jobcentre. "
        "Uden underkommando startes programmet.",
    )
    parser.add_argument("--version", action="version", version=f"Trappe {__version__}")
    _add_common(parser, sub=False)
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
    _add_next_meeting(lst)

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
    _add_next_meeting(sheet, " (med --all)")
    export = sub.add_parser(
        "export", help="udlever én borgers data: fuld JSON (indsigt) eller journalnotat (tekst)"
    )
    _add_common(export)
    export.add_argument("--citizen", type=int, required=True, metavar="ID")
    export.add_argument(
        "--format",
        choices=["json", "journal"],
        default="json",
        help="json: alt om borgeren; journal: kort notat om seneste møde",
    )
    export.add_argument("-o", "--output", metavar="FIL", help="skriv til fil (standard: skærm)")

    stats = sub.add_parser("stats", help="nøgletal: andel i virksomhedsrettet indsats, bevægelser")
    _add_common(stats)
    stats.add_argument("--on", metavar="DATO", help="opgørelsesdato (standard: i dag)")
    stats.add_argument(
        "--baseline", metavar="DATO", help="baseline-dato (standard: et år før opgørelsesdatoen)"
    )
    stats.add_argument("--target-group", metavar="NAVN", help="kun denne målgruppe")
    stats.add_argument("--json", action="store_true", help="skriv JSON")
    return parser


def cmd_export(args: argparse.Namespace) -> int:
    from trappe.model import audit
    from trappe.model.citizens import get_citizen_record
    from trappe.model.export import journal_note, record_as_dict
    from trappe.model.staircase import load_staircase
    from trappe.model.store import open_store

    with open_store(_db_path(args), _actor(args)) as store:
        record = get_citizen_record(store, args.citizen)
        staircase = load_staircase(store)
        if args.format == "json":
            text = json.dumps(record_as_dict(record, staircase), ensure_ascii=False, indent=2)
        else:
            text = journal_note(record, staircase)
        if args.output:
            Path(args.output).expanduser().write_text(text + "\n", encoding="utf-8")
        else:
            print(text)
        audit.log_event(store, "export", "citizen", args.citizen, {"format": args.format})
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from datetime import date, timedelta

    from trappe.model import measures
    from trappe.model.errors import ValidationError
    from trappe.model.staircase import list_target_groups
    from trappe.model.store import open_store
    from trappe.model.validation import format_date, parse_date

    on = parse_date(args.on, "on", "Opgørelsesdatoen") if args.on else date.today()
    baseline = (
        parse_date(args.baseline, "baseline", "Baseline-datoen")
        if args.baseline
        else on - timedelta(days=365)
    )
    with open_store(_db_path(args), _actor(args)) as store:
        scope = measures.Scope()
        if args.target_group:
            groups = [
                g
                for g in list_target_groups(store, include_retired=True)
                if g.name.casefold() == args.target_group.casefold()
            ]
            if not groups:
                raise ValidationError(
                    "target_group", f"Målgruppen «{args.target_group}» findes ikke."
                )
            scope = measures.Scope(target_group_id=groups[0].id)
        head = measures.headline(store, on, baseline, scope)
        moved = measures.movement(store, baseline, on, scope)
        steps = measures.step_counts(store, on, scope)
    if args.json:
        json.dump(
            {
                "on": on.isoformat(),
                "baseline": baseline.isoformat(),
                "active": head.now.active,
                "counted": head.now.counted,
                "percent": round(head.now.percent, 1),
                "baseline_active": head.baseline.active,
                "baseline_counted": head.baseline.counted,
                "baseline_percent": round(head.baseline.percent, 1),
                "change_pp": round(head.change_pp, 1),
                "movement": {
                    "up": moved.up,
                    "down": moved.down,
                    "stayed": moved.stayed,
                    "not_placed": moved.not_placed,
                },
                "steps": [
                    {
                        "title": s.title,
                        "citizens": s.citizens,
                        "average_days_on_step": round(s.average_days_on_step, 1)
                        if s.average_days_on_step is not None
                        else None,
                    }
                    for s in steps
                ],
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
        return 0
    print(
        f"Andel i virksomhedsrettet indsats eller ordinære timer {format_date(on)}: "
        f"{_decimal(head.now.percent)} % ({head.now.counted} af {head.now.active} aktive)"
    )
    print(
        f"Baseline {format_date(baseline)}: {_decimal(head.baseline.percent)} % "
        f"({head.baseline.counted} af {head.baseline.active}); "
        f"ændring {_decimal(head.change_pp, sign=True)} procentpoint"
    )
    print(
        f"Bevægelse {format_date(baseline)}–{format_date(on)}: {moved.up} op, "
        f"{moved.down} ned, {moved.stayed} uændret, {moved.not_placed} uden placering"
    )
    print("Trin                                 Borgere   Gns. dage på trinnet")
    for i, s in enumerate(steps, 1):
        days = f"{s.average_days_on_step:.0f}" if s.average_days_on_step is not None else "–"
        print(f"{i}. {s.title[:33]:<33} {s.citizens:>8}   {days:>8}")
    return 0


def _decimal(value: float, *, sign: bool = False) -> str:
    """One decimal with a Danish decimal comma: 39,6 and +10,6."""
    return (f"{value:+.1f}" if sign else f"{value:.1f}").replace(".", ",")


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


NEXT_MEETING_CHOICES = {
    "overskredet": "overdue",
    "denne-uge": "this_week",
    "naeste-uge": "next_week",
    "ingen": "none_planned",
}


def _add_next_meeting(p: argparse.ArgumentParser, note: str = "") -> None:
    p.add_argument(
        "--next-meeting",
        choices=sorted(NEXT_MEETING_CHOICES),
        metavar="HVORNÅR",
        help="kun borgere hvis næste samtale er overskredet, i denne uge, i næste uge "
        "eller ikke aftalt: overskredet, denne-uge, naeste-uge, ingen" + note,
    )


def _next_meeting(args: argparse.Namespace) -> NextMeetingFilter:
    value = getattr(args, "next_meeting", None)
    return NextMeetingFilter(NEXT_MEETING_CHOICES[value] if value else "any")


def cmd_list(args: argparse.Namespace) -> int:
    from trappe.model.citizens import CitizenQuery, search_citizens
    from trappe.model.entities import Status
    from trappe.model.store import open_store

    with open_store(_db_path(args), _actor(args)) as store:
        query = CitizenQuery(
            text=args.search,
            status=None if args.all else Status.ACTIVE,
            next_meeting=_next_meeting(args),
        )
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

    if args.next_meeting and not args.all:
        raise TrappeError("--next-meeting kan kun bruges sammen med --all.")
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
            query = CitizenQuery(status=Status.ACTIVE, next_meeting=_next_meeting(args))
            ids = [r.id for r in search_citizens(store, query)]
            count = sheet.render_batch(store, ids, out, mask_identifier=not args.full_identifier)
            print(f"{count} dialogark skrevet til {out}")
    return 0


COMMANDS = {
    None: cmd_gui,
    "gui": cmd_gui,
    "demo": cmd_demo,
    "list": cmd_list,
    "sheet": cmd_sheet,
    "export": cmd_export,
    "stats": cmd_stats,
}


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
