"""The project's own documentation: what the code cites exists, and nothing points outside
the repository; the user guide has every picture it shows."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guide"
SOURCES = [
    p
    for folder in ("trappe", "tools", "bench", "tests", "packaging")
    for p in (ROOT / folder).rglob("*.py")
    if "__pycache__" not in p.parts
] + [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]


def test_cited_docs_exist():
    cited = {
        m.group(1)
        for p in SOURCES
        for m in re.finditer(r"\b(docs/[\w/.-]+\.md)\b", p.read_text(encoding="utf-8"))
    }
    assert cited, "the code points at docs/"
    assert sorted(c for c in cited if not (ROOT / c).is_file()) == []


def test_nothing_points_outside_the_repository():
    outside = re.compile(r"\b(STYLE\.md|DOMAIN\.md)\b|/work/|shared/seeds")
    offenders = [
        f"{p.relative_to(ROOT)}: {m.group(0)}"
        for p in SOURCES
        if p.name != "test_docs.py"
        for m in outside.finditer(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def guide_references() -> list[tuple[Path, str]]:
    """(page, target) for every image and link in the guide's Markdown pages."""
    refs = []
    for page in sorted(GUIDE.glob("*.md")):
        for m in re.finditer(r"!?\[[^\]]*\]\(([^)#\s]+)", page.read_text(encoding="utf-8")):
            if not re.match(r"[a-z]+:", m.group(1)):
                refs.append((page, m.group(1)))
    return refs


def test_the_guide_has_every_picture_and_page_it_refers_to():
    refs = guide_references()
    assert any(t.startswith("images/") for _, t in refs), "the guide shows screenshots"
    missing = [f"{p.name} → {t}" for p, t in refs if not (p.parent / t).is_file()]
    assert missing == []


def test_every_guide_picture_is_made_by_the_screenshot_tool():
    import importlib.util

    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools" / "screenshots.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    used = {Path(t).name for _, t in guide_references() if t.startswith("images/")}
    assert used <= set(tool.GUIDE_PICTURES), sorted(used - set(tool.GUIDE_PICTURES))
