"""The boundaries the brief sets: a Qt-free model and a lean start-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_model_imports_no_qt():
    offenders = [
        p
        for p in (ROOT / "trappe" / "model").rglob("*.py")
        if "PySide6" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_cli_and_model_import_without_qt_or_reportlab():
    code = (
        "import sys, trappe.cli, trappe.model.citizens, trappe.model.meetings; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'reportlab')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
