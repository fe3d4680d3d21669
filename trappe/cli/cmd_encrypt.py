"""``trappe encrypt`` and ``trappe decrypt``: a database to encrypted, or a plain copy out."""

from __future__ import annotations

import argparse

from trappe.cli.common import add_common, db_path, open_db, passphrase


def register(sub: argparse._SubParsersAction) -> None:
    enc = sub.add_parser(
        "encrypt",
        help="kryptér en ukrypteret database (adgangsfrase fra $TRAPPE_PASSPHRASE, "
        "--passphrase-file eller prompt)",
    )
    add_common(enc)
    enc.set_defaults(func=run_encrypt)
    dec = sub.add_parser("decrypt", help="skriv en ukrypteret kopi af en krypteret database")
    add_common(dec)
    dec.add_argument(
        "-o", "--output", required=True, metavar="FIL", help="den nye, ukrypterede fil"
    )
    dec.set_defaults(func=run_decrypt)


def run_encrypt(args: argparse.Namespace) -> int:
    from trappe.model import crypto
    from trappe.model.errors import DatabaseMissing, TrappeError

    path = db_path(args)
    if not path.is_file():
        raise DatabaseMissing(f"Databasen «{path}» findes ikke.")
    if crypto.is_encrypted(path):
        raise TrappeError(f"«{path.name}» er allerede krypteret.")
    open_db(args).close()  # refuses what is not a (current) Trappe database, migrates it
    result = crypto.convert(path, None, passphrase(args, new=True))
    if result.key is not None:
        result.key.wipe()
    print(f"Databasen {path} er nu krypteret.")
    if result.plain_copies:
        print(
            f"Der ligger stadig {len(result.plain_copies)} ukrypterede sikkerhedskopier i "
            f"{result.plain_copies[0].parent}; slet dem, når du har tjekket, at alt er i orden."
        )
    return 0


def run_decrypt(args: argparse.Namespace) -> int:
    from trappe.model import crypto
    from trappe.model.output import check_output_path

    out = check_output_path(args.output)
    with open_db(args) as store:
        crypto.export_plain(store, out)
    print(f"Ukrypteret kopi skrevet til {out}. Den er ikke beskyttet: pas på den.")
    return 0
