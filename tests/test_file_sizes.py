"""Smaller rooms (issue 14): no file in ``trappe/`` is over 500 lines unless it says at the top
why, in its module docstring, in a sentence that names the limit ("… over 500 lines because …").
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 500

# Over the limit today and not yet split. Some are being changed by a stream that is still at
# work (a split now would collide with it); the others wait for their split, proposed here. Each
# leaves this list when it is split (or gives its reason at the top); an entry for a file that is
# no longer over the limit does no harm, but remove it then.
KNOWN: dict[str, str] = {
    "trappe/model/handover.py": "split: the encrypted file / the sender / the receiver",
    "trappe/model/measures.py": "being changed (caseload and measures speed)",
    "trappe/model/staircase.py": "being changed (staircase edits with undo)",
    "trappe/ui/main_window.py": "being changed (staircase edits with undo)",
    "trappe/ui/overview.py": "split: the window alone is 520 lines (filters / cards / tables)",
    "trappe/ui/print_preview.py": "being changed (printing via CUPS); then preview / print / batch",
    "trappe/ui/staircase_editor.py": "grew with its undo (S15); split: the undo wiring",
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
