"""Trappe installed from its wheel, outside the checkout, works (issue 13, item 1).

Builds the sdist and, from it, the wheel (``python -m build``: so the sdist must carry every
file the wheel needs), checks that both hold the resources and the guide, installs the wheel
into a fresh virtual environment in a temporary folder (a real install: no system site
packages, no editable link), and runs the installed ``trappe`` from a folder that is not the
checkout: ``--version``, ``demo``, ``list``, ``sheet --all``, a handover round trip, and the GUI
started offscreen (``gui --check-start``), which opens the window and closes it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import time
import venv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

import trappe

ROOT = Path(__file__).resolve().parents[2]


def _shipped_files() -> list[str]:
    """Files the installed package must hold, as paths inside the wheel."""
    wanted = [
        f"trappe/{p.relative_to(ROOT / 'trappe').as_posix()}"
        for p in (ROOT / "trappe").rglob("*.py")
        if "__pycache__" not in p.parts
    ]
    for source, package in (
        (ROOT / "resources", "_resources"),
        (ROOT / "docs" / "guide", "_guide"),
    ):
        wanted += [
            f"trappe/{package}/{p.relative_to(source).as_posix()}"
            for p in source.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
        ]
    return wanted


def clean_copy(target: Path) -> Path:
    """The files a fresh clone would have (tracked, or new and not ignored), and nothing a
    local build or an editable install left behind (``*.egg-info``, ``build/``)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@dataclass
class Installed:
    tmp: Path
    venv: Path
    wheel: Path
    sdist: Path
    env: dict[str, str]
    work: Path
    seconds: float

    @property
    def trappe(self) -> str:
        return str(self.venv / ("Scripts" if os.name == "nt" else "bin") / "trappe")

    @property
    def python(self) -> str:
        return str(self.venv / ("Scripts" if os.name == "nt" else "bin") / "python")

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            list(args), cwd=self.work, env=self.env, capture_output=True, text=True, timeout=timeout
        )
        assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
        return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    started = time.monotonic()
    tmp = tmp_path_factory.mktemp("wheel-install")
    assert ROOT not in tmp.parents
    dist = tmp / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(clean_copy(tmp / "src"))],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = dist.glob("trappe-*.whl")
    (sdist,) = dist.glob("trappe-*.tar.gz")
    target = tmp / "venv"
    venv.create(target, with_pip=True, system_site_packages=False, symlinks=os.name != "nt")
    pip_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    subprocess.run(
        [str(target / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        env=pip_env,
        timeout=1200,
    )
    home = tmp / "home"
    work = tmp / "work"
    home.mkdir()
    work.mkdir()
    # The installed program runs with its own home, so no preferences or data of ours leak in.
    env = {
        **pip_env,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "QT_QPA_PLATFORM": "offscreen",
        "TRAPPE_USER": "Installationstest",
        "PATH": f"{target / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("TRAPPE_DB", None)
    yield Installed(tmp, target, wheel, sdist, env, work, time.monotonic() - started)


def test_wheel_holds_the_code_resources_and_guide(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    missing = [f for f in _shipped_files() if f not in names]
    assert missing == []
    assert "trappe/_resources/fonts/DejaVuSans.ttf" in names
    assert "trappe/_guide/index.md" in names


def test_sdist_holds_the_sources_of_the_wheel(installed):
    with tarfile.open(installed.sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for path in (
        "resources/fonts/DejaVuSans.ttf",
        "resources/default_staircase.json",
        "resources/translations/qtbase_da.qm",
        "docs/guide/index.md",
        "setup.py",
    ):
        assert path in names


def test_installed_trappe_reads_its_resources_from_site_packages(installed):
    out = installed.run(
        installed.python,
        "-c",
        "import trappe.paths as p; print(p.resource_path('fonts', 'DejaVuSans.ttf'));"
        "print(p.guide_path('index.md'))",
    ).stdout.split()
    for line in out:
        path = Path(line)
        assert path.is_file()
        assert installed.venv in path.parents and ROOT not in path.parents


def test_installed_commands_work_outside_the_checkout(installed):
    version = installed.run(installed.trappe, "--version").stdout
    assert version.strip() == f"Trappe {trappe.__version__}"
    installed.run(installed.trappe, "demo", "--db", "demo.sqlite", "--citizens", "40")
    listing = installed.run(installed.trappe, "list", "--db", "demo.sqlite").stdout
    assert len(listing.splitlines()) > 20
    installed.run(installed.trappe, "sheet", "--db", "demo.sqlite", "--all", "-o", "alle.pdf")
    reader = PdfReader(installed.work / "alle.pdf")
    assert len(reader.pages) >= 20
    text = reader.pages[0].extract_text()
    assert "Dialogark — Trappemodellen" in text and "Målgruppe" in text  # æøå and — render
    fonts = {
        str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].get_object().values()
    }
    assert any("DejaVuSans" in f for f in fonts), fonts  # our shipped font, embedded


def test_installed_handover_round_trip(installed):
    installed.run(installed.trappe, "demo", "--db", "fra.sqlite", "--citizens", "5")
    out = installed.run(
        installed.trappe,
        "handover",
        "export",
        "--db",
        "fra.sqlite",
        "--citizen",
        "1",
        "-o",
        "forloeb.trappe-overdragelse",
    ).stdout
    passphrase = next(
        line.split(":", 1)[1].strip() for line in out.splitlines() if "Kodeord" in line
    )
    # The receiving side has no database yet: --create makes one, encrypted with its own
    # passphrase.
    env = {
        **installed.env,
        "TRAPPE_HANDOVER_PASSPHRASE": passphrase,
        "TRAPPE_PASSPHRASE": "modtagerens lange adgangsfrase",
    }
    result = subprocess.run(
        [
            installed.trappe,
            "handover",
            "import",
            "--db",
            "til.sqlite",
            "--create",
            "forloeb.trappe-overdragelse",
        ],
        cwd=installed.work,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "importeret" in result.stdout


def test_installed_gui_starts_offscreen_and_closes(installed):
    installed.run(installed.trappe, "demo", "--db", "gui.sqlite", "--citizens", "10")
    out = installed.run(installed.trappe, "gui", "--db", "gui.sqlite", "--check-start").stdout
    assert "Trappe startede" in out


def test_report_install_time(installed, capsys):
    with capsys.disabled():
        size = installed.wheel.stat().st_size / 1e6
        print(
            f"\nwheel {installed.wheel.name}: {size:.1f} MB; "
            f"build + fresh venv install took {installed.seconds:.0f} s"
        )
