"""``trappe demo``: a demonstration database with invented citizens."""

from __future__ import annotations

import argparse
import sys
import time

from trappe.cli.common import actor, add_common, db_path, passphrase


def register(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="opret en demodatabase med realistiske, opdigtede borgere")
    add_common(demo)
    demo.add_argument(
        "--citizens", type=int, default=120, metavar="N", help="antal borgere (standard 120)"
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="S",
        help="tilfældighedsfrø; samme frø giver samme data (standard 1)",
    )
    demo.add_argument("--replace", action="store_true", help="erstat en eksisterende fil")
    demo.add_argument(
        "--encrypt",
        action="store_true",
        help="kryptér demodatabasen (adgangsfrase fra $TRAPPE_PASSPHRASE, --passphrase-file "
        "eller prompt); uden den er den ukrypteret, til øvelse",
    )
    demo.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from trappe.model.demo import build_demo_database

    path = db_path(args)
    key = passphrase(args, new=True) if args.encrypt else None
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(
                f"\r  {done:,} af {total:,} borgere".replace(",", "."),
                end="",
                file=sys.stderr,
                flush=True,
            )

    summary = build_demo_database(
        path, actor(args), args.citizens, args.seed, replace=args.replace, progress=progress
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if key is not None:
        from trappe.model.crypto import convert

        result = convert(path, None, key)
        if result.key is not None:
            result.key.wipe()
    print(
        f"{'Krypteret d' if key else 'D'}emodatabase oprettet: {path}\n"
        f"  {summary.citizens} borgere, {summary.meetings} møder, {summary.placements} "
        f"placeringer, {summary.agreements} aftaler, {summary.activities} aktiviteter "
        f"({time.perf_counter() - started:.1f} s)"
    )
    return 0
