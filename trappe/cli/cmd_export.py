"""``trappe export``: one citizen's data as JSON, or a journal note."""

from __future__ import annotations

import argparse
import json

from trappe.cli.common import add_common, open_db, record_id


def register(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser(
        "export", help="udlever én borgers data: fuld JSON (indsigt) eller journalnotat (tekst)"
    )
    add_common(export)
    export.add_argument("--citizen", type=record_id, required=True, metavar="ID")
    export.add_argument(
        "--format",
        choices=["json", "journal"],
        default="json",
        help="json: alt om borgeren; journal: kort notat om seneste møde",
    )
    export.add_argument("-o", "--output", metavar="FIL", help="skriv til fil (standard: skærm)")
    export.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from trappe.model import audit
    from trappe.model.citizens import get_citizen_record
    from trappe.model.export import journal_note, record_as_dict
    from trappe.model.output import audited_output, check_output_path
    from trappe.model.staircase import load_staircase

    out = check_output_path(args.output) if args.output is not None else None
    with open_db(args) as store:
        record = get_citizen_record(store, args.citizen)
        staircase = load_staircase(store)
        if args.format == "json":
            text = json.dumps(record_as_dict(record, staircase), ensure_ascii=False, indent=2)
        else:
            text = journal_note(record, staircase)
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
