"""``trappe stats``: the headline measure, movement and citizens per step, as of a date."""

from __future__ import annotations

import argparse
import json
import sys

from trappe.cli.common import add_common, decimal, open_db


def register(sub: argparse._SubParsersAction) -> None:
    from trappe.cli.cmd_report import add_scope

    stats = sub.add_parser("stats", help="nøgletal: andel i virksomhedsrettet indsats, bevægelser")
    add_common(stats)
    stats.add_argument("--on", metavar="DATO", help="opgørelsesdato (standard: i dag)")
    stats.add_argument(
        "--baseline", metavar="DATO", help="baseline-dato (standard: et år før opgørelsesdatoen)"
    )
    stats.add_argument("--target-group", metavar="NAVN", help="kun denne målgruppe")
    add_scope(stats)
    stats.add_argument(
        "--method",
        choices=["tvaersnit", "kohorte"],
        default="tvaersnit",
        help="tværsnit: alle aktive på hver dato (standard); kohorte: de aktive ved baseline, "
        "fulgt frem",
    )
    stats.add_argument("--json", action="store_true", help="skriv JSON")
    stats.set_defaults(func=run)


def _days(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def run(args: argparse.Namespace) -> int:
    from datetime import date, timedelta

    from trappe.cli.cmd_report import resolve_scope
    from trappe.model import audit
    from trappe.model.measures import METHOD_LABELS_DA, Measurer, Method
    from trappe.model.validation import format_date, parse_date

    on = parse_date(args.on, "on", "Opgørelsesdatoen") if args.on else date.today()
    baseline = (
        parse_date(args.baseline, "baseline", "Baseline-datoen")
        if args.baseline
        else on - timedelta(days=365)
    )
    method = Method.COHORT if args.method == "kohorte" else Method.CROSS_SECTION
    with open_db(args) as store:
        scope = resolve_scope(store, args.scope, args.target_group)
        scope_text = scope.describe(store)
        m = Measurer(store, scope)  # one run: each date's state is computed once
        m.prime(baseline, on)  # both dates, the cohort and the movement in one query
        head = m.headline(on, baseline, method)
        moved = m.movement(baseline, on, method)
        steps = m.step_counts(on)
        not_placed = m.not_placed(on)
        audit.log_event(
            store,
            audit.VIEW,
            audit.REPORT,
            None,
            {
                "report": "stats",
                "on": on.isoformat(),
                "baseline": baseline.isoformat(),
                "method": method.value,
                "scope": scope.to_json(),
            },
        )
    if args.json:
        json.dump(
            {
                "on": on.isoformat(),
                "baseline": baseline.isoformat(),
                "method": method.value,
                "method_text": METHOD_LABELS_DA[method],
                "scope": scope_text,
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
                    "left_job_education": moved.left_job_education,
                    "left_other": moved.left_other,
                },
                "not_placed": not_placed,
                "steps": [
                    {
                        "number": s.number,
                        "title": s.title,
                        "counts": s.counts,
                        "citizens": s.citizens,
                        "median_days_on_step": s.median_days,
                        "q1_days_on_step": s.q1_days,
                        "q3_days_on_step": s.q3_days,
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
    print(f"Metode: {METHOD_LABELS_DA[method]}")
    print(f"Udvalg: {scope_text}")
    print(
        f"Andel i virksomhedsrettet indsats eller ordinære timer {format_date(on)}: "
        f"{decimal(head.now.percent)} % ({head.now.counted} af {head.now.active})"
    )
    print(
        f"Baseline {format_date(baseline)}: {decimal(head.baseline.percent)} % "
        f"({head.baseline.counted} af {head.baseline.active}); "
        f"ændring {decimal(head.change_pp, sign=True)} procentpoint"
    )
    left = (
        f", {moved.left_job_education} afsluttet til job, uddannelse eller fleksjob, "
        f"{moved.left_other} afsluttet af andre grunde"
        if method is Method.COHORT
        else ""
    )
    print(
        f"Bevægelse {format_date(baseline)}–{format_date(on)}: {moved.up} op, "
        f"{moved.down} ned, {moved.stayed} uændret, {moved.not_placed} uden placering{left}"
    )
    head_line = f"Trin {format_date(on)} (tværsnit)"
    print(f"{head_line:<37} {'Borgere':>8}   Dage på trinnet: median (kvartiler)")
    for s in steps:
        number = f"{s.number}." if s.number is not None else "–"
        title = s.title if s.number is not None else f"{s.title} (udgået)"
        quart = f"({_days(s.q1_days)}–{_days(s.q3_days)})" if s.median_days is not None else ""
        print(f"{number:>3} {title[:33]:<33} {s.citizens:>8}   {_days(s.median_days):>6} {quart}")
    print(f"    {'Ikke placeret':<33} {not_placed:>8}")
    return 0
