"""Build Trappe's one-folder bundle with PyInstaller, and check that it works.

    .venv/bin/pip install -e '.[ship]'          # PyInstaller and build
    .venv/bin/python tools/build_bundle.py      # → dist/trappe/ (Trappe, trappe-cli, _internal/)
    .venv/bin/python tools/build_bundle.py --check        # build, then start it and make a sheet
    .venv/bin/python tools/build_bundle.py --check-only   # check an existing build

On Windows the same commands (``.venv\\Scripts\\python tools\\build_bundle.py``) make
``dist\\trappe\\Trappe.exe``; on macOS also ``dist/Trappe.app``. The spec is
``packaging/trappe.spec``. The check runs the bundled program from a temporary folder with its
own home: ``trappe-cli --version``, ``demo``, ``sheet --all``, and ``Trappe gui --check-start``
offscreen (window shown, database open, closed again). It prints the bundle's size and its
start time beside ``python -m trappe gui --check-start`` from this environment (median of
``--repeat`` runs each).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from trappe.sheet.batch import PARALLEL_MIN  # from here a batch uses worker processes

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "trappe.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
EXE = ".exe" if os.name == "nt" else ""


def bundle_dir(dist: Path = DIST) -> Path:
    return dist / "trappe"


def build(dist: Path = DIST, work: Path = WORK) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit("PyInstaller is missing: .venv/bin/pip install -e '.[ship]'") from None
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(SPEC),
        ],
        check=True,
        cwd=ROOT,
    )
    print(f"built {bundle_dir(dist)} in {time.monotonic() - started:.0f} s")
    return bundle_dir(dist)


def size_of(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TRAPPE_DB")}
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        APPDATA=str(home / "AppData"),
        LOCALAPPDATA=str(home / "AppData" / "Local"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        QT_QPA_PLATFORM="offscreen",
        TRAPPE_USER="Bundletest",
    )
    return env


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"FAILED: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def _internal(folder: Path) -> Path:
    """Where PyInstaller puts the data files of a one-folder bundle."""
    inner = folder / "_internal"
    return inner if inner.is_dir() else folder


def _timed(command: list[str], cwd: Path, env: dict[str, str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        _run(command, cwd, env)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def check(folder: Path, repeat: int = 3) -> None:
    """Run the bundle as a user would, outside the checkout; print size and start time."""
    gui = str(folder / f"Trappe{EXE}")
    cli = str(folder / f"trappe-cli{EXE}")
    with tempfile.TemporaryDirectory(prefix="trappe-bundle-check-") as tmp_name:
        tmp = Path(tmp_name)
        home = tmp / "home"
        home.mkdir()
        env = _env(home)
        shipped = _internal(folder)
        for part in (
            "trappe/_resources/default_staircase.json",
            "trappe/_resources/fonts/DejaVuSans.ttf",
            "trappe/_resources/translations/qtbase_da.qm",
            "trappe/_resources/icons/trappe-256.png",
            "trappe/_guide/index.md",
            "trappe/_guide/images/hovedvindue.png",
        ):
            assert (shipped / part).is_file(), f"{part} is not in the bundle"
        version = _run([cli, "--version"], tmp, env).strip()
        print(f"{version} (bundle)")
        # Enough active citizens that sheet --all draws in worker processes (PARALLEL_MIN).
        _run([cli, "demo", "--db", "demo.sqlite", "--citizens", "1000"], tmp, env)
        listing = _run([cli, "list", "--db", "demo.sqlite"], tmp, env)
        assert len(listing.splitlines()) > 20, listing
        _run([cli, "sheet", "--db", "demo.sqlite", "--all", "-o", "alle.pdf"], tmp, env)
        pdf = (tmp / "alle.pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and b"DejaVuSans" in pdf, "the sheet has our font"
        pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
        assert pages >= PARALLEL_MIN, f"only {pages} pages: the worker processes were not used"
        print(f"sheet --all: {pages} pages, {len(pdf) / 1e6:.1f} MB PDF (worker processes)")
        out = _run([gui, "gui", "--db", "demo.sqlite", "--check-start"], tmp, env)
        assert "Trappe startede" in out, out
        print("GUI started offscreen, showed the window with the database, and closed")
        size, count = size_of(folder)
        print(f"bundle size: {size / 1e6:.0f} MB in {count} files ({folder})")
        bundle = _timed([gui, "gui", "--db", "demo.sqlite", "--check-start"], tmp, env, repeat)
        python = _timed(
            [sys.executable, "-m", "trappe", "gui", "--db", "demo.sqlite", "--check-start"],
            tmp,
            env,
            repeat,
        )
        print(
            f"start → window shown → closed (median of {repeat}): bundle {bundle:.2f} s, "
            f"python -m trappe {python:.2f} s, ratio {bundle / python:.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="build, then check the bundle")
    parser.add_argument("--check-only", action="store_true", help="check an existing bundle")
    parser.add_argument("--dist", type=Path, default=DIST, help="where the bundle goes")
    parser.add_argument("--repeat", type=int, default=3, help="start-time runs (median)")
    args = parser.parse_args(argv)
    if args.check_only:
        folder = bundle_dir(args.dist)
    else:
        if bundle_dir(args.dist).exists():
            shutil.rmtree(bundle_dir(args.dist))
        folder = build(args.dist)
    size, count = size_of(folder)
    print(f"bundle size: {size / 1e6:.0f} MB in {count} files")
    if args.check or args.check_only:
        check(folder, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
