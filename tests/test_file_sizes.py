"""Smaller rooms (issue 14): no file in ``trappe/`` is over 500 lines unless it says at the top
why, in its module docstring, in a sentence that names the limit ("… over 500 lines because …").
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 500

# Over the limit today, in files other streams are changing now; each leaves this list when
# its stream splits the file (or gives its reason at the top). An entry for a file that is no
# longer over the limit does no harm (a stream may land its split first); remove it then.
KNOWN: dict[str, str] = {
    "trappe/model/handover.py": "S13's; to split into file, sender and receiver",
    "trappe/model/measures.py": "S10 (measures) is changing it",
    "trappe/model/staircase.py": "S10 (measures) is changing it",
    "trappe/ui/overview.py": "S10 (measures) is changing it",
    "trappe/model/store.py": "S08 (store, encryption) is changing it",
    "trappe/ui/print_preview.py": "S08 (store) and S09 (privacy) are changing it",
}


def oversized(root: Path) -> dict[str, int]:
    """Files over the limit whose docstring does not say why."""
    out = {}
    for path in sorted((root / "trappe").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n") + (not text.endswith("\n") and bool(text))
        if lines <= LIMIT:
            continue
        doc = ast.get_docstring(ast.parse(text)) or ""
        if f"{LIMIT} lines" not in " ".join(doc.split()):
            out[path.relative_to(root).as_posix()] = lines
    return out


def test_no_file_is_over_500_lines_without_saying_why():
    found = oversized(ROOT)
    assert {f: n for f, n in found.items() if f not in KNOWN} == {}


def test_a_long_file_may_say_why(tmp_path):
    (tmp_path / "trappe").mkdir()
    body = "x = 1\n" * LIMIT
    (tmp_path / "trappe" / "short.py").write_text('"""Short."""\n' + "x = 1\n" * 10)
    (tmp_path / "trappe" / "long.py").write_text('"""Long."""\n' + body)
    (tmp_path / "trappe" / "said.py").write_text(
        '"""One table, one module: over 500\n   lines because the rows belong together."""\n' + body
    )
    assert oversized(tmp_path) == {"trappe/long.py": LIMIT + 1}
