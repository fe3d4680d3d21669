"""``trappe handover``: hand one citizen's course to a colleague's database, encrypted.

    trappe handover export --citizen ID -o FILE [--erase]
    trappe handover import FILE [--map "Trin der=Trin her" ...] [--merge]

The export prints a one-time passphrase; pass it on by another channel than the file. The
import reads the passphrase from ``TRAPPE_HANDOVER_PASSPHRASE``, from
``--handover-passphrase-file``, or asks for it on a terminal; never from the command line,
where other users could see it.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from trappe.cli.common import actor, add_common, db_path, open_db, passphrase
from trappe.model.errors import DatabaseMissing, TrappeError

if TYPE_CHECKING:
    from trappe.model.store import Store

PASSPHRASE_ENV = "TRAPPE_HANDOVER_PASSPHRASE"


def register(sub: argparse._SubParsersAction) -> None:
    handover = sub.add_parser(
        "handover", help="overdrag én borgers forløb til en kollegas database (krypteret fil)"
    )
    actions = handover.add_subparsers(dest="handover_command", metavar="HANDLING", required=True)

    export = actions.add_parser(
        "export", help="skriv borgerens hele forløb til en krypteret fil og vis kodeordet"
    )
    add_common(export)
    export.add_argument("--citizen", type=int, required=True, metavar="ID")
    export.add_argument("-o", "--output", required=True, metavar="FIL")
    export.add_argument(
        "--erase",
        action="store_true",
        help="slet borgeren her, når filen er skrevet og kontrolleret",
    )
    export.set_defaults(func=run_export)

    imp = actions.add_parser(
        "import", help="læs en overdragelsesfil: trin matches på navn og kategori"
    )
    add_common(imp)
    imp.add_argument("file", metavar="FIL")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="'TRIN DER=TRIN HER'",
        help="brug trinnet HER for afsenderens trin DER (for trin uden match; kan gentages)",
    )
    imp.add_argument(
        "--merge",
        action="store_true",
        help="findes borgeren allerede her: flet de møder ind, der mangler (intet overskrives)",
    )
    imp.add_argument(
        "--handover-passphrase-file",
        metavar="FIL",
        help="læs kodeordet fra denne fil (første linje)",
    )
    imp.add_argument(
        "--dry-run", action="store_true", help="vis kun, hvad der ville ske; intet gemmes"
    )
    imp.add_argument(
        "--create",
        action="store_true",
        help="opret databasen (med standardtrappen), hvis filen ikke findes endnu; den "
        "krypteres med adgangsfrasen fra $TRAPPE_PASSPHRASE, --passphrase-file eller en prompt",
    )
    imp.add_argument(
        "--unencrypted",
        action="store_true",
        help="med --create: opret databasen ukrypteret (kun til øvelse: den rummer borgerens "
        "oplysninger i klar tekst)",
    )
    imp.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    from trappe.model.handover import erase_after_handover, export_handover

    with open_db(args) as store:
        result = export_handover(store, args.citizen, Path(args.output).expanduser())
        print(f"Forløbet er skrevet til {result.path}")
        print(
            "  "
            + ", ".join(
                f"{n} {label}"
                for label, n in (
                    ("møder", result.counts["meetings"]),
                    ("placeringer", result.counts["placements"]),
                    ("aftaler", result.counts["agreements"]),
                    ("aktiviteter", result.counts["activities"]),
                    ("linjer i adgangsloggen", result.counts["access_log"]),
                )
            )
        )
        print(f"Kodeord: {result.passphrase}")
        print("Giv kodeordet til modtageren på en anden måde end filen (f.eks. i telefonen).")
        if args.erase:
            erase_after_handover(store, args.citizen, result.path, result.passphrase)
            print("Borgeren er slettet her.")
    return 0


def _passphrase(args: argparse.Namespace) -> str:
    from trappe.model.errors import TrappeError

    if args.handover_passphrase_file:
        try:
            return (
                Path(args.handover_passphrase_file).expanduser().read_text(encoding="utf-8").strip()
            )
        except OSError as exc:
            raise TrappeError(f"Kodeordsfilen kan ikke læses: {exc.strerror}.") from exc
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if sys.stdin.isatty():
        return getpass.getpass("Kodeord til overdragelsesfilen: ")
    raise TrappeError(
        f"Angiv kodeordet i {PASSPHRASE_ENV}, med --handover-passphrase-file eller på en terminal."
    )


def _step_map(maps: list[str], plan_steps: list, here: list) -> dict[int, int]:
    """``--map 'Trin der=Trin her'`` as sender's step id → step id here."""
    from trappe.model.errors import ValidationError

    def fold(s: str) -> str:
        return " ".join(s.casefold().split())

    result: dict[int, int] = {}
    for item in maps:
        there, sep, mine = item.partition("=")
        if not sep:
            raise ValidationError("map", f"--map skal have formen 'trin der=trin her': {item!r}")
        source = [s for s in plan_steps if fold(s.title) == fold(there)]
        target = [s for s in here if fold(s.title) == fold(mine)]
        if not source:
            raise ValidationError("map", f"Filen har intet trin «{there.strip()}».")
        if not target:
            raise ValidationError("map", f"Trappen her har intet aktivt trin «{mine.strip()}».")
        for s in source:
            result[s.source_id] = target[0].id
    return result


def run_import(args: argparse.Namespace) -> int:
    from trappe.model.entities import CATEGORY_LABELS_DA
    from trappe.model.handover import (
        CitizenExists,
        import_handover,
        plan_import,
        read_handover,
    )
    from trappe.model.staircase import load_staircase

    package = read_handover(Path(args.file).expanduser(), _passphrase(args))
    # A missing file is refused unless asked for: a mistyped --db must not quietly become a
    # new file holding a citizen's data. A receiving laptop with no database yet says --create.
    target = db_path(args)
    is_new = not target.exists()
    if is_new:
        if not args.create:
            raise DatabaseMissing(
                f"Databasen «{target}» findes ikke. Tjek stien, eller tilføj --create for at "
                "oprette en ny database til forløbet."
            )
        if args.dry_run:
            print(f"Databasen «{target}» findes ikke endnu; den oprettes uden --dry-run.")
            return 0
    with _open_target(args, target, is_new) as store:
        if is_new:
            how = "ukrypteret" if args.unencrypted else "krypteret"
            print(f"Ny database oprettet ({how}): {target}")
        first = plan_import(store, package)
        step_map = _step_map(args.map, first.steps, load_staircase(store).steps)
        plan = plan_import(store, package, step_map)
        print(
            f"Forløb for {package.citizen_name} fra {package.exported_by} "
            f"({len(package.payload['meetings'])} møder)."
        )
        if plan.unmatched_steps:
            print("Disse trin findes ikke her med samme navn og kategori:", file=sys.stderr)
            for s in plan.unmatched_steps:
                print(
                    f"  «{s.title}» ({CATEGORY_LABELS_DA[s.category]}; {s.uses} placeringer)",
                    file=sys.stderr,
                )
            print("Angiv et trin her for hvert med --map 'trin der=trin her'.", file=sys.stderr)
            return 2
        if plan.missing_target_group:
            print(f"  Målgruppen «{plan.missing_target_group}» findes ikke her; den udelades.")
        if plan.existing_citizen_id is not None:
            print(
                f"Borgeren findes allerede her som «{plan.existing_name}»: "
                f"{plan.new_meetings} nye møder, {plan.known_meetings} findes allerede."
            )
            for d in plan.differing_meetings:
                print(f"  Mødet {d.held_on} er anderledes her ({', '.join(d.fields)}); beholdes.")
            if plan.differing_citizen_fields:
                print(
                    "  Borgerens oplysninger er anderledes her "
                    f"({', '.join(plan.differing_citizen_fields)}); de beholdes."
                )
        if args.dry_run:
            print("Intet er gemt (--dry-run).")
            return 0
        try:
            result = import_handover(store, package, step_map=step_map, merge=args.merge)
        except CitizenExists as exc:
            print(f"Fejl: {exc.message}", file=sys.stderr)
            print("Brug --merge for at flette, eller lad være for at annullere.", file=sys.stderr)
            return 2
        verb = "flettet ind" if result.merged else "importeret"
        print(
            f"Forløbet er {verb} som borger {result.citizen_id}: "
            f"{result.counts['meetings']} møder, {result.counts['placements']} placeringer, "
            f"{result.counts['agreements']} aftaler, {result.counts['activities']} aktiviteter."
        )
    return 0


def _open_target(args: argparse.Namespace, target: Path, is_new: bool) -> Store:
    """The receiving database. A new one holds a citizen's data from its first write, so it
    is encrypted like the handover file it comes from, unless --unencrypted says otherwise."""
    if not is_new or args.unencrypted:
        return open_db(args, create=is_new)
    if not (
        os.environ.get("TRAPPE_PASSPHRASE")
        or getattr(args, "passphrase_file", None)
        or sys.stdin.isatty()
    ):
        raise TrappeError(
            "Den nye database krypteres. Angiv dens adgangsfrase i TRAPPE_PASSPHRASE eller med "
            "--passphrase-file FIL, eller tilføj --unencrypted for en ukrypteret database."
        )
    from trappe.model.store import open_store

    return open_store(target, actor(args), create=True, key=passphrase(args, new=True))
