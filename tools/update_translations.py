"""Regenerate Trappe's translation files from the source.

The UI's source strings are Danish (``self.tr("Gem trin")``, ``QCoreApplication.translate(
"Context", "…")``); English is a translation of them. This tool

1. runs ``pyside6-lupdate`` over every ``trappe/ui/*.py`` and updates
   ``resources/translations/trappe_en.ts`` (new strings are added as *unfinished*, strings that
   left the code are dropped, existing translations are kept);
2. runs ``pyside6-lrelease`` to compile ``trappe_en.qm``, which ``trappe.ui.app`` loads when the
   user has chosen English;
3. copies Qt's own ``qtbase_da.qm`` from PySide6 into ``resources/translations/`` so standard
   buttons read "Annuller", "Gem", "Luk" even where Qt's translations are not installed;
4. prints the strings that still lack an English translation.

Regenerate (from the repository root, with the venv)::

    .venv/bin/python tools/update_translations.py           # update .ts, compile .qm
    .venv/bin/pyside6-linguist resources/translations/trappe_en.ts   # translate new strings
    .venv/bin/python tools/update_translations.py           # compile again

``--check`` changes nothing and exits with status 1 if a string in the code is missing from the
``.ts`` file, is untranslated, or the ``.qm`` is not what the ``.ts`` compiles to (for CI).
The ``.ts`` is the source of the English text; the ``.qm`` files are generated and committed so a
plain checkout runs without Qt's tools.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "trappe" / "ui"
OUT = ROOT / "resources" / "translations"
TS = OUT / "trappe_en.ts"
QM = OUT / "trappe_en.qm"


def tool(name: str) -> str:
    """A PySide6 tool next to this Python (the venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; install PySide6 in this environment")
    return found


def sources() -> list[str]:
    return [str(p.relative_to(ROOT)) for p in sorted(UI.glob("*.py"))]


def lupdate(ts: Path) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *sources(),
            "-source-language",
            "da_DK",
            "-target-language",
            "en_GB",
            "-no-obsolete",
            "-locations",
            "none",
            "-ts",
            str(ts),
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], cwd=ROOT, check=True
    )


def copy_qt_translations() -> None:
    from PySide6.QtCore import QLibraryInfo

    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    source = qt_dir / "qtbase_da.qm"
    if source.exists():
        shutil.copyfile(source, OUT / "qtbase_da.qm")


def messages(ts: Path) -> list[tuple[str, str, str | None]]:
    """(context, source, translation or None when unfinished) for every message."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            unfinished = translation is None or translation.get("type") in (
                "unfinished",
                "vanished",
                "obsolete",
            )
            numerus = translation is not None and list(translation.iter("numerusform"))
            text = None
            if not unfinished and translation is not None:
                text = " | ".join(n.text or "" for n in numerus) if numerus else translation.text
            found.append((name, message.findtext("source") or "", text or None))
    return found


def check() -> int:
    """Exit status 1 when the committed files are out of date with the code."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.ts"
        shutil.copyfile(TS, fresh)
        lupdate(fresh)
        committed = {(c, s) for c, s, _ in messages(TS)}
        for context, source, translation in messages(fresh):
            if (context, source) not in committed:
                problems.append(f"not in {TS.name}: [{context}] {source!r}")
            elif translation is None:
                problems.append(f"untranslated: [{context}] {source!r}")
        compiled = Path(tmp) / "fresh.qm"
        lrelease(TS, compiled)
        if not QM.exists() or QM.read_bytes() != compiled.read_bytes():
            problems.append(f"{QM.name} is not compiled from the current {TS.name}; run this tool")
    for line in problems:
        print(line)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report, change nothing")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    OUT.mkdir(parents=True, exist_ok=True)
    lupdate(TS)
    lrelease(TS, QM)
    copy_qt_translations()
    missing = [(c, s) for c, s, t in messages(TS) if t is None]
    total = len(messages(TS))
    print(f"{TS.relative_to(ROOT)}: {total} strings, {len(missing)} without English")
    for context, source in missing:
        print(f"  [{context}] {source!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
