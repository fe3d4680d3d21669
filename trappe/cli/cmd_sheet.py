"""``trappe sheet``: dialogue sheets as PDF (one citizen, blank, or a batch)."""

from __future__ import annotations

import argparse

from trappe.cli.common import add_common, add_next_meeting, next_meeting, open_db, record_id
from trappe.model.errors import TrappeError


def register(sub: argparse._SubParsersAction) -> None:
    sheet = sub.add_parser("sheet", help="skriv dialogark som PDF")
    add_common(sheet)
    which = sheet.add_mutually_exclusive_group(required=True)
    which.add_argument("--citizen", type=record_id, metavar="ID", help="dialogark for én borger")
    which.add_argument("--blank", action="store_true", help="et tomt dialogark til pen og papir")
    which.add_argument("--all", action="store_true", help="ét dialogark pr. aktiv borger")
    sheet.add_argument(
        "--meeting", type=record_id, metavar="ID", help="brug dette møde i stedet for det seneste"
    )
    sheet.add_argument(
        "--full-identifier", action="store_true", help="vis hele CPR-nummeret (standard: maskeret)"
    )
    sheet.add_argument("-o", "--output", required=True, metavar="FIL.pdf", help="PDF-filen")
    add_next_meeting(sheet, " (med --all)")
    sheet.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from trappe import sheet
    from trappe.model.caseload import CitizenQuery, citizen_ids
    from trappe.model.entities import Status

    if args.next_meeting and not args.all:
        raise TrappeError("--next-meeting kan kun bruges sammen med --all.")
    from trappe.model.output import check_output_path

    out = check_output_path(args.output)
    with open_db(args) as store:
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
            query = CitizenQuery(status=Status.ACTIVE, next_meeting=next_meeting(args))
            ids = citizen_ids(store, query)
            count = sheet.render_batch(store, ids, out, mask_identifier=not args.full_identifier)
            print(f"{count} dialogark skrevet til {out}")
    return 0
