"""``trappe audit``: check the audit log's hash chain, show it, or export it as CSV."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from trappe.cli.common import add_common, open_db, record_id

ACTIONS = (
    "create",
    "update",
    "delete",
    "read",
    "search",
    "export",
    "print",
    "view",
    "backup",
    "restore",
    "thin",
    "verify",
    "handover_export",
    "handover_import",
    "handover_erase",
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="revisionsloggen: kontrollér kæden, vis eller eksportér")
    inner = p.add_subparsers(dest="audit_command", metavar="HANDLING", required=True)

    verify = inner.add_parser(
        "verify", help="kontrollér, at ingen post er ændret eller slettet uden om Trappe"
    )
    add_common(verify)
    verify.set_defaults(func=run_verify)

    show = inner.add_parser("list", help="vis posterne, nyeste først")
    add_common(show)
    _add_filters(show)
    show.add_argument("--limit", type=int, default=50, metavar="N", help="højst N (standard 50)")
    show.add_argument("--json", action="store_true", help="skriv JSON")
    show.set_defaults(func=run_list)

    export = inner.add_parser("export", help="gem posterne som CSV (semikolon, til regneark)")
    add_common(export)
    _add_filters(export)
    export.add_argument("-o", "--output", required=True, metavar="FIL", help="CSV-filen")
    export.set_defaults(func=run_export)


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--citizen", type=record_id, metavar="ID", help="kun poster om denne borger")
    p.add_argument("--by", metavar="NAVN", help="kun poster skrevet af denne bruger")
    p.add_argument("--action", choices=ACTIONS, help="kun denne handling")
    p.add_argument("--since", metavar="DATO", help="fra og med denne dag")
    p.add_argument("--until", metavar="DATO", help="til og med denne dag")


def _filter(args: argparse.Namespace):  # -> audit.AuditFilter
    from trappe.model.audit import AuditFilter
    from trappe.model.errors import ValidationError
    from trappe.model.validation import parse_date

    since = parse_date(args.since, "since", "Fra-datoen") if args.since else None
    until = parse_date(args.until, "until", "Til-datoen") if args.until else None
    if since and until and until < since:
        raise ValidationError("until", "Til-datoen ligger før fra-datoen.")
    return AuditFilter(
        citizen_id=args.citizen, user_name=args.by, action=args.action, since=since, until=until
    )


def run_verify(args: argparse.Namespace) -> int:
    from trappe.model import audit

    with open_db(args) as store:

        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty():
                print(
                    f"\r  {done:,} af {total:,} poster".replace(",", "."), end="", file=sys.stderr
                )

        report = audit.verify_chain(store, progress)
        if sys.stderr.isatty() and report.entries >= 50_000:
            print(file=sys.stderr)
        details: dict[str, object] = {"ok": report.ok, "entries": report.entries}
        if report.broken is not None:
            details["broken_id"] = report.broken.id
        audit.log_event(store, audit.VERIFY, audit.AUDIT_LOG, None, details)
    out = sys.stdout if report.ok else sys.stderr
    for line in report.lines():
        print(line, file=out)
    return 0 if report.ok else 1


def run_list(args: argparse.Namespace) -> int:
    from trappe.model import audit

    f = _filter(args)
    with open_db(args) as store:
        entries = audit.query_entries(store, f, limit=max(1, args.limit))
        audit.log_event(store, audit.VIEW, audit.AUDIT_LOG, None, {"filter": f.as_details()})
    if args.json:
        json.dump(
            [
                {
                    "id": e.id,
                    "at": e.at,
                    "user": e.user_name,
                    "login": e.os_user,
                    "role": e.user_role,
                    "action": e.action,
                    "object_type": e.object_type,
                    "object_id": e.object_id,
                    "citizen_id": e.citizen_id,
                    "details": e.details,
                }
                for e in entries
            ],
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
        return 0
    if not entries:
        print("Ingen poster.")
        return 0
    print(f"{'Post':>8}  {'Tidspunkt':<16}  {'Bruger':<24}  {'Handling':<16}  Objekt")
    for e in entries:
        obj = audit.object_label(e.object_type)
        if e.object_id is not None:
            obj += f" #{e.object_id}"
        who = e.user_name + (f" ({e.os_user})" if e.os_user and e.os_user != e.user_name else "")
        print(
            f"{e.id:>8}  {audit.format_time(e.at):<16}  {who[:24]:<24}  "
            f"{audit.action_label(e.action)[:16]:<16}  {obj}  {audit.describe(e)}".rstrip()
        )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from trappe.model import audit

    f = _filter(args)
    path = Path(args.output).expanduser().absolute()
    with open_db(args) as store:
        count = audit.export_csv(store, f, path)
    print(f"{count:,} poster gemt i ".replace(",", ".") + str(path))
    return 0
