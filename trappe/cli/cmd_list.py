"""``trappe list``: the caseload as a table or JSON."""

from __future__ import annotations

import argparse
import json
import sys

from trappe.cli.common import add_common, add_next_meeting, next_meeting, open_db


def register(sub: argparse._SubParsersAction) -> None:
    lst = sub.add_parser("list", help="vis borgerne med id, navn, målgruppe og nuværende trin")
    add_common(lst)
    lst.add_argument("--json", action="store_true", help="skriv JSON i stedet for en tabel")
    lst.add_argument("--all", action="store_true", help="tag også afsluttede forløb med")
    lst.add_argument("--search", default="", metavar="TEKST", help="søg i navn og id")
    lst.add_argument("--limit", type=int, default=None, metavar="N", help="højst N borgere")
    add_next_meeting(lst)
    lst.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from trappe.model.citizens import CitizenQuery, search_citizens
    from trappe.model.entities import Status

    with open_db(args) as store:
        query = CitizenQuery(
            text=args.search,
            status=None if args.all else Status.ACTIVE,
            next_meeting=next_meeting(args),
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
