"""``trappe export``: one citizen's data as JSON, a journal note, or a meeting invitation."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from trappe.cli.common import add_common, open_db, record_id


def register(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser(
        "export", help="udlever én borgers data: fuld JSON (indsigt) eller journalnotat (tekst)"
    )
    add_common(export)
    export.add_argument("--citizen", type=record_id, required=True, metavar="ID")
    export.add_argument(
        "--format",
        choices=["json", "journal", "ics"],
        default="json",
        help="json: alt om borgeren; journal: kort notat om seneste møde; "
        "ics: mødeindkaldelse til Outlook/Thunderbird (næste samtale)",
    )
    export.add_argument("-o", "--output", metavar="FIL", help="skriv til fil (standard: skærm)")
    ics = export.add_argument_group("mødeindkaldelse (--format ics)")
    ics.add_argument("--date", metavar="DATO", help="dato (standard: borgerens næste samtale)")
    ics.add_argument("--time", metavar="TT:MM", default="10:00", help="klokkeslæt (10:00)")
    ics.add_argument("--minutes", type=int, default=60, metavar="N", help="varighed (60)")
    ics.add_argument("--place", metavar="STED", help="sted (standard: jobcentret)")
    ics.add_argument("--text", metavar="TEKST", help="tekst til borgeren (uden CPR-nummer)")
    export.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from trappe.model import audit
    from trappe.model.citizens import get_citizen_record
    from trappe.model.export import citizen_data, journal_note
    from trappe.model.invitation import invitation_ics, log_export
    from trappe.model.output import audited_output, check_output_path
    from trappe.model.staircase import load_staircase

    out = check_output_path(args.output) if args.output is not None else None
    with open_db(args) as store:
        if args.format == "ics":
            record = get_citizen_record(store, args.citizen)
            data = _invitation(store, record.citizen, args)
            ics = invitation_ics(record.citizen, data)  # checked before anything is written
            if out is not None:
                with audited_output(
                    store, out, lambda: log_export(store, args.citizen, data)
                ) as fh:
                    fh.write(ics)
            else:
                log_export(store, args.citizen, data)
                sys.stdout.write(ics.decode("utf-8"))
            return 0
        if args.format == "json":  # the full record and the citizen's access log
            text = json.dumps(citizen_data(store, args.citizen), ensure_ascii=False, indent=2)
        else:
            record = get_citizen_record(store, args.citizen)
            text = journal_note(record, load_staircase(store))
        details = {"format": args.format}
        if out is not None:
            with audited_output(
                store, out, lambda: store.audit("export", "citizen", args.citizen, details)
            ) as fh:
                fh.write((text + "\n").encode("utf-8"))
        else:
            audit.log_event(store, "export", "citizen", args.citizen, details)
            print(text)
    return 0


def _invitation(store, citizen, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The invitation the options describe, the rest suggested as the window suggests it."""
    from trappe.model.errors import ValidationError
    from trappe.model.invitation import suggested_invitation
    from trappe.model.validation import parse_date, parse_time

    day = parse_date(args.date, "date", "Datoen") if args.date else None
    if day is None and citizen.next_meeting_on is None:
        raise ValidationError(
            "date", "Borgeren har ingen næste samtale. Angiv datoen med --date DD-MM-ÅÅÅÅ."
        )
    at = parse_time(args.time, "time", "Klokkeslættet")
    data = suggested_invitation(store, citizen, day)
    data = replace(data, on=day or data.on, at=at, minutes=args.minutes)
    if args.place is not None:
        data = replace(data, place=args.place)
    if args.text is not None:
        data = replace(data, text=args.text)
    return data
