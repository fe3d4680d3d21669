"""``trappe stats``: the headline measure, movement and citizens per step."""

from __future__ import annotations

import argparse
import json
import sys

from trappe.cli.common import actor, add_common, db_path, decimal


def register(sub: argparse._SubParsersAction) -> None:
    stats = sub.add_parser("stats", help="nøgletal: andel i virksomhedsrettet indsats, bevægelser")
    add_common(stats)
    stats.add_argument("--on", metavar="DATO", help="opgørelsesdato (standard: i dag)")
    stats.add_argument(
        "--baseline", metavar="DATO", help="baseline-dato (standard: et år før opgørelsesdatoen)"
    )
    stats.add_argument("--target-group", metavar="NAVN", help="kun denne målgruppe")
    stats.add_argument("--json", action="store_true", help="skriv JSON")
    stats.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from datetime import date, timedelta

    from trappe.model import audit, measures
    from trappe.model.errors import ValidationError
    from trappe.model.staircase import list_target_groups
    from trappe.model.store import open_store
    from trappe.model.validation import format_date, parse_date

    on = parse_date(args.on, "on", "Opgørelsesdatoen") if args.on else date.today()
    baseline = (
        parse_date(args.baseline, "baseline", "Baseline-datoen")
        if args.baseline
        else on - timedelta(days=365)
    )
    with open_store(db_path(args), actor(args)) as store:
        scope = measures.Scope()
        if args.target_group:
            groups = [
                g
                for g in list_target_groups(store, include_retired=True)
                if g.name.casefold() == args.target_group.casefold()
            ]
            if not groups:
                raise ValidationError(
                    "target_group", f"Målgruppen «{args.target_group}» findes ikke."
                )
            scope = measures.Scope(target_group_id=groups[0].id)
        head = measures.headline(store, on, baseline, scope)
        moved = measures.movement(store, baseline, on, scope)
        steps = measures.step_counts(store, on, scope)
        audit.log_event(
            store,
            audit.VIEW,
            audit.REPORT,
            None,
            {
                "report": "stats",
                "on": on.isoformat(),
                "baseline": baseline.isoformat(),
                "target_group_id": scope.target_group_id,
            },
        )
    if args.json:
        json.dump(
            {
                "on": on.isoformat(),
                "baseline": baseline.isoformat(),
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
                },
                "steps": [
                    {
                        "title": s.title,
                        "citizens": s.citizens,
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
    print(
        f"Andel i virksomhedsrettet indsats eller ordinære timer {format_date(on)}: "
        f"{decimal(head.now.percent)} % ({head.now.counted} af {head.now.active} aktive)"
    )
    print(
        f"Baseline {format_date(baseline)}: {decimal(head.baseline.percent)} % "
        f"({head.baseline.counted} af {head.baseline.active}); "
        f"ændring {decimal(head.change_pp, sign=True)} procentpoint"
    )
    print(
        f"Bevægelse {format_date(baseline)}–{format_date(on)}: {moved.up} op, "
        f"{moved.down} ned, {moved.stayed} uændret, {moved.not_placed} uden placering"
    )
    print("Trin                                 Borgere   Gns. dage på trinnet")
    for i, s in enumerate(steps, 1):
        days = f"{s.average_days_on_step:.0f}" if s.average_days_on_step is not None else "–"
        print(f"{i}. {s.title[:33]:<33} {s.citizens:>8}   {days:>8}")
    return 0
