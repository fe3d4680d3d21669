"""``trappe retention``: who is past the municipality's retention period, and erasing them."""

from __future__ import annotations

import argparse
import sys

from trappe.cli.common import add_common, open_db, record_id


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "retention",
        help="sletning efter frist: vis afsluttede forløb ud over slettefristen, eller slet dem",
    )
    add_common(p)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--list", action="store_true", help="vis borgerne ud over fristen")
    what.add_argument(
        "--erase",
        action="store_true",
        help="tag en sikkerhedskopi, slet borgerne ud over fristen og udtynd revisionsloggen",
    )
    p.add_argument(
        "--citizen",
        type=record_id,
        action="append",
        metavar="ID",
        help="kun denne borger (kan gentages); standard: alle ud over fristen",
    )
    p.add_argument("--yes", action="store_true", help="spørg ikke (kræves uden for en terminal)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from trappe.model import retention
    from trappe.model.entities import CLOSE_REASON_LABELS_DA
    from trappe.model.errors import TrappeError
    from trappe.model.validation import format_date

    today = date.today()
    with open_db(args) as store:
        plan = retention.plan(store, today)
        due = plan.due
        if args.citizen:
            wanted = set(args.citizen)
            unknown = sorted(wanted - {d.citizen_id for d in due})
            if unknown:
                raise TrappeError(
                    "Ikke ud over slettefristen (eller findes ikke): "
                    + ", ".join(f"#{i}" for i in unknown)
                    + "."
                )
            due = [d for d in due if d.citizen_id in wanted]
        print(
            f"Slettefrist: {plan.years} år efter afslutning. "
            f"{_citizens(len(due))} er ud over fristen i dag ({format_date(today)})."
        )
        if due:
            print(f"{'Id':>7}  {'Navn':<32}  {'Afsluttet':<10}  {'Årsag':<12}  Gemt til og med")
        for d in due:
            reason = CLOSE_REASON_LABELS_DA[d.closed_reason] if d.closed_reason else "–"
            print(
                f"{d.citizen_id:>7}  {d.name[:32]:<32}  {format_date(d.closed_on):<10}  "
                f"{reason:<12}  {format_date(d.kept_until)}"
            )
        if plan.log_entries:
            print(
                f"{plan.log_entries:,} poster i revisionsloggen er ældre end fristen "
                "og tælles sammen ved sletning.".replace(",", ".")
            )
        if args.list:
            return 0
        if not due and not plan.log_entries:
            print("Intet at slette.")
            return 0
        if not args.yes:
            if not sys.stdin.isatty():
                raise TrappeError("Brug --yes for at slette uden at blive spurgt.")
            answer = input(f"Slet {_citizens(len(due))} for altid? Skriv ja: ")
            if answer.strip().casefold() != "ja":
                print("Intet er slettet.")
                return 0
        result = retention.apply_retention(
            store, [d.citizen_id for d in due], today, backup=retention.backup_before_erasure
        )
    if result.backup is not None:
        print(f"Sikkerhedskopi før sletning: {result.backup}")
    print(f"{_citizens(len(result.erased))} er slettet.")
    if result.not_due:
        print(
            "Ikke slettet (genåbnet eller slettet i mellemtiden): "
            + ", ".join(f"#{i}" for i in result.not_due)
        )
    if result.thinned is not None and result.thinned.entries:
        print(f"{result.thinned.entries:,} logposter er talt sammen.".replace(",", "."))
    return 0


def _citizens(n: int) -> str:
    return "1 borger" if n == 1 else f"{n:,} borgere".replace(",", ".")
