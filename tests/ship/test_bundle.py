"""The PyInstaller bundle builds, starts offscreen and writes a sheet (issue 13, item 2).

Runs ``tools/build_bundle.py --check`` into a temporary folder: the build from
``packaging/trappe.spec``, then the bundled ``trappe-cli`` (``--version``, ``demo``, ``list``,
``sheet --all``) and ``Trappe gui --check-start`` from a folder outside the checkout, with the
bundle's size and start time printed beside ``python -m trappe``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_bundle_builds_starts_and_writes_a_sheet(tmp_path: Path, capsys: pytest.CaptureFixture):
    pytest.importorskip("PyInstaller", reason="pip install -e '.[ship]'")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "build_bundle.py"),
            "--check",
            "--dist",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    out = result.stdout
    assert "GUI started offscreen" in out and "sheet --all" in out
    with capsys.disabled():
        print("\n" + "\n".join(line for line in out.splitlines() if "bundle" in line))
