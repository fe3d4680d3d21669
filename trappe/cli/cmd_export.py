"""``trappe export``: one citizen's data as JSON, or a journal note."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from trappe.cli.common import actor, add_common, db_path


def register(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser(
        "export", help="udlever én borgers data: fuld JSON (indsigt) eller journalnotat (tekst)"
    )
    add_common(export)
    export.add_argument("--citizen", type=int, required=True, metavar="ID")
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
    from trappe.model.export import citizen_data, journal_note
    from trappe.model.staircase import load_staircase
    from trappe.model.store import open_store

    with open_store(db_path(args), actor(args)) as store:
        if args.format == "json":
            text = json.dumps(citizen_data(store, args.citizen), ensure_ascii=False, indent=2)
        else:
            record = get_citizen_record(store, args.citizen)
            text = journal_note(record, load_staircase(store))
        if args.output:
            Path(args.output).expanduser().write_text(text + "\n", encoding="utf-8")
        else:
            print(text)
        audit.log_event(store, "export", "citizen", args.citizen, {"format": args.format})
    return 0
