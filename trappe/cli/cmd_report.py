"""``trappe report``: the team report as PDF, XLSX or CSV (the figures of Vis → Overblik)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trappe.cli.common import add_common, open_db

SCOPE_KINDS = {
    "målgruppe": "target_group",
    "sagsbehandler": "caseworker",
    "konsulent": "consultant",
}
NAMED_LISTS = {
    "ingen-bevaegelse": "no_movement",
    "samtale-overskredet": "overdue_meeting",
    "aftaler-over-frist": "overdue_agreements",
}


def add_scope(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--scope",
        action="append",
        default=[],
        metavar="HVAD:NAVN",
        help="udvalg, kan gentages: målgruppe:NAVN, sagsbehandler:NAVN, konsulent:NAVN "
        "(flere af samme slags: en af dem; forskellige slags: alle skal passe)",
    )


def resolve_scope(store, items: list[str], target_group: str | None = None):
    """The ``Scope`` for ``--scope`` items (names compared without regard to case)."""
    from trappe.model.entities import Role
    from trappe.model.errors import ValidationError
    from trappe.model.measures import Scope
    from trappe.model.staircase import list_staff, list_target_groups

    ids: dict[str, list[int]] = {"target_group": [], "caseworker": [], "consultant": []}
    if target_group:
        items = [*items, f"målgruppe:{target_group}"]
    for item in items:
        kind, _, name = item.partition(":")
        key = SCOPE_KINDS.get(kind.strip().casefold())
        if key is None or not name.strip():
            raise ValidationError(
                "scope", f"«{item}»: skriv målgruppe:NAVN, sagsbehandler:NAVN eller konsulent:NAVN."
            )
        name = name.strip().casefold()
        if key == "target_group":
            found = [g.id for g in list_target_groups(store, include_retired=True)
                     if g.name.casefold() == name]  # fmt: skip
            what = "Målgruppen"
        else:
            role = Role.CASEWORKER if key == "caseworker" else Role.COMPANY_CONSULTANT
            found = [s.id for s in list_staff(store, role) if s.name.casefold() == name]
            what = "Sagsbehandleren" if key == "caseworker" else "Virksomhedskonsulenten"
        if not found:
            raise ValidationError(
                "scope", f"{what} «{item.partition(':')[2].strip()}» findes ikke."
            )
        ids[key].extend(found)
    return Scope(tuple(ids["target_group"]), tuple(ids["caseworker"]), tuple(ids["consultant"]))


def register(sub: argparse._SubParsersAction) -> None:
    rep = sub.add_parser("report", help="teamrapport som PDF, XLSX eller CSV")
    add_common(rep)
    rep.add_argument(
        "--from", dest="start", metavar="DATO", help="periodens start (standard: baseline)"
    )
    rep.add_argument("--to", dest="end", metavar="DATO", help="periodens slut (standard: i dag)")
    rep.add_argument("--baseline", metavar="DATO", help="baseline (standard: et år før slut)")
    add_scope(rep)
    rep.add_argument("--format", choices=["pdf", "xlsx", "csv"], help="standard: filens endelse")
    rep.add_argument(
        "--named-list",
        choices=sorted(NAMED_LISTS),
        help="tag en opfølgningsliste MED NAVNE med (skrives i revisionsloggen)",
    )
    rep.add_argument("--weeks", type=int, default=12, help="ingen bevægelse i N uger (standard 12)")
    rep.add_argument(
        "-o", "--output", required=True, metavar="FIL", help="rapportfilen, - for CSV på skærmen"
    )
    rep.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datetime import date, timedelta

    from trappe.model import audit
    from trappe.model.errors import ValidationError
    from trappe.model.followup import FollowUp
    from trappe.model.report import build_report
    from trappe.model.validation import parse_date

    end = parse_date(args.end, "to", "Slutdatoen") if args.end else date.today()
    baseline = (
        parse_date(args.baseline, "baseline", "Baseline-datoen")
        if args.baseline
        else end - timedelta(days=365)
    )
    start = parse_date(args.start, "from", "Startdatoen") if args.start else baseline
    if start > end or baseline > end:
        raise ValidationError("from", "Periodens start og baseline skal ligge før slutdatoen.")
    out = args.output
    fmt = args.format or ("csv" if out == "-" else Path(out).suffix.lstrip(".").lower())
    if fmt not in ("pdf", "xlsx", "csv"):
        raise ValidationError(
            "format", "Vælg --format pdf, xlsx eller csv (eller en fil med den endelse)."
        )
    named = FollowUp(NAMED_LISTS[args.named_list]) if args.named_list else None
    with open_db(args) as store:
        scope = resolve_scope(store, args.scope)
        report = build_report(
            store, start, end, baseline, scope, anonymous=True, named_list=named, weeks=args.weeks
        )
        if out == "-":
            from trappe.report.csv_writer import report_csv

            sys.stdout.write(report_csv(report))
            audit.log_event(
                store,
                "export",
                "report",
                None,
                {
                    "format": fmt,
                    "from": start.isoformat(),
                    "to": end.isoformat(),
                    "baseline": baseline.isoformat(),
                    "scope": scope.to_json(),
                    "named_list": named.value if named else None,
                },
            )
        else:
            from trappe.report import write_report

            write_report(store, report, Path(out), fmt)  # logged before it is in place
    if out != "-":
        print(f"Rapporten er skrevet: {out}")
    return 0
