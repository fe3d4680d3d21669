"""The boundaries between the packages, read from the code itself (an AST walk).

- ``trappe.model`` imports neither Qt nor ``trappe.ui``, ``trappe.sheet``, ``trappe.report``,
  ``trappe.cli`` or a rendering library: it is testable with nothing but a SQLite file.
- ``trappe.sheet`` and ``trappe.report`` (the printed pages) do not import Qt or ``trappe.ui``.
- SQL lives in ``trappe/model/`` only. Outside it, a module counts as holding SQL when it
    * imports ``sqlite3`` or ``sqlite_utils``,
    * calls ``.execute``/``.executemany``/``.executescript``/``.query``/``.query_one``/
      ``.scalar`` with a string as the first argument (the store's API takes SQL text), or
    * has a string literal (not a docstring; f-strings included) that reads as a SQL statement:
      ``SELECT … FROM``, ``INSERT INTO``, ``UPDATE … SET``, ``DELETE FROM``, ``CREATE/DROP/ALTER
      TABLE|INDEX|VIEW|TRIGGER``, ``PRAGMA name``, ``BEGIN IMMEDIATE`` and the like.

Every import counts, wherever it is: at the top, inside a function (lazy), relative
(``from ..ui import x``), as ``from trappe import ui``, or through ``importlib.import_module``
/ ``__import__`` with a literal name. The checkers take a source root, so the tests below
also show that they fail on planted violations (in a temporary copy of the tree).
"""

from __future__ import annotations

import ast
import functools
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

QT = ("PySide6", "shiboken6")
# package -> module prefixes it must not import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "trappe.model": (
        *QT,
        "trappe.ui",
        "trappe.sheet",
        "trappe.report",
        "trappe.cli",
        "reportlab",
        "xlsxwriter",
    ),
    "trappe.sheet": (*QT, "trappe.ui", "trappe.cli"),
    "trappe.report": (*QT, "trappe.ui", "trappe.cli"),
}
SQL_HOME = "trappe.model"
SQL_MODULES = ("sqlite3", "sqlite_utils")
SQL_METHODS = frozenset({"execute", "executemany", "executescript", "query", "query_one", "scalar"})
SQL_TEXT = re.compile(
    r"""\bSELECT\b[\s\S]*?\bFROM\b
    | \bINSERT\s+(?:OR\s+\w+\s+)?INTO\b
    | \bREPLACE\s+INTO\b
    | \bUPDATE\s+\w+\s+SET\b
    | \bDELETE\s+FROM\b
    | \b(?:CREATE|DROP|ALTER)\s+(?:TEMP\s+|TEMPORARY\s+|UNIQUE\s+|VIRTUAL\s+)?
         (?:TABLE|INDEX|VIEW|TRIGGER)\b
    | \bPRAGMA\s+\w+
    | \bBEGIN\s+(?:IMMEDIATE|EXCLUSIVE|DEFERRED|TRANSACTION)\b
    | \bATTACH\s+DATABASE\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# (file relative to the root, a snippet of the offending text): SQL known to be outside the
# model and being moved. Keep it empty when it can be; an entry names one place, not a file.
SQL_ALLOWED: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Violation:
    file: str  # relative to the root, with forward slashes
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.what}"


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def imported_names(tree: ast.AST, module: str, path: Path) -> list[tuple[int, str]]:
    """Every module name the code imports, with its line (``from a import b`` gives a and a.b:
    ``b`` may be a submodule)."""
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(module, path).split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            out.append((node.lineno, target))
            out += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            out.append((node.lineno, node.args[0].value))
    return out


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


@dataclass(frozen=True)
class Source:
    """What the checks need from one file, read once per distinct text (the planted copies
    share every other file's analysis with the real tree)."""

    module: str
    imports: list[tuple[int, str]]
    sql_calls: list[tuple[int, str, str]]  # line, method, the first argument's code
    strings: list[tuple[int, str]]


@functools.cache
def _analyse(text: str, module: str, is_package: bool) -> Source:
    tree = ast.parse(text)
    path = Path("__init__.py" if is_package else "m.py")
    calls = [
        (node.lineno, node.func.attr, ast.unparse(node.args[0]))
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in SQL_METHODS
        and node.args
        and isinstance(node.args[0], ast.Constant | ast.JoinedStr)
    ]
    return Source(module, imported_names(tree, module, path), calls, _string_texts(tree))


def _sources(root: Path) -> list[tuple[str, Source]]:
    out = []
    for path in sorted((root / "trappe").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        source = _analyse(text, _module_name(root, path), path.name == "__init__.py")
        out.append((path.relative_to(root).as_posix(), source))
    return out


def import_violations(root: Path) -> list[Violation]:
    found = []
    for rel, source in _sources(root):
        for package, banned in FORBIDDEN.items():
            if not _within(source.module, package):
                continue
            for line, name in source.imports:
                hit = next((b for b in banned if _within(name, b)), None)
                if hit:
                    found.append(Violation(rel, line, f"{package} imports {name}"))
    return found


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(
            node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
        ) and (
            node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        ):
            ids.add(id(node.body[0].value))
    return ids


def _string_texts(tree: ast.AST) -> list[tuple[int, str]]:
    """String literals (docstrings left out) and f-strings (their literal parts joined, each
    placeholder read as a name), with their lines."""
    skip = _docstrings(tree)
    inside_fstring = set()
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = ""
            for part in node.values:
                inside_fstring.add(id(part))
                text += part.value if isinstance(part, ast.Constant) else " x "
            out.append((node.lineno, text))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and id(node) not in inside_fstring
        ):
            out.append((node.lineno, node.value))
    return out


def sql_violations(
    root: Path, allowed: set[tuple[str, str]] = frozenset(), home: str = SQL_HOME
) -> list[Violation]:
    found = []
    for rel, source in _sources(root):
        if _within(source.module, home):
            continue
        for line, name in source.imports:
            if any(_within(name, m) for m in SQL_MODULES):
                found.append(Violation(rel, line, f"imports {name}"))
        for line, method, argument in source.sql_calls:
            if not any(rel == f and snippet in argument for f, snippet in allowed):
                found.append(Violation(rel, line, f".{method}() with text: a SQL call"))
        for line, text in source.strings:
            match = SQL_TEXT.search(text)
            if match and not any(rel == f and snippet in text for f, snippet in allowed):
                found.append(Violation(rel, line, f"SQL text {match.group(0)[:40]!r}"))
    return found


# -- the rules, on the real tree --------------------------------------------------------------
def test_the_layers_import_only_what_they_may():
    assert [str(v) for v in import_violations(ROOT)] == []


def test_sql_appears_only_in_the_model():
    assert [str(v) for v in sql_violations(ROOT, SQL_ALLOWED)] == []


def test_the_sql_detector_sees_the_models_sql():
    """The detector is not blind: the model's own files are full of what it looks for."""
    found = sql_violations(ROOT, home="no.such.package")
    kinds = {v.what.split()[0] for v in found if v.file == "trappe/model/meetings.py"}
    assert kinds == {".execute()", ".query()", ".query_one()", "SQL"}
    assert any(v.what == "imports sqlite3" for v in found if v.file == "trappe/model/connection.py")


# -- the checkers fail on planted violations ----------------------------------------------------
@pytest.fixture
def tree_copy(tmp_path: Path) -> Path:
    """A copy of the real ``trappe/`` source (no caches) to plant violations in."""
    shutil.copytree(
        ROOT / "trappe", tmp_path / "trappe", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path


def test_a_planted_import_of_trappe_ui_in_the_model_fails(tree_copy):
    export = tree_copy / "trappe" / "model" / "export.py"
    export.write_text(
        export.read_text(encoding="utf-8") + "\nimport trappe.ui.widgets  # planted\n",
        encoding="utf-8",
    )
    lines = export.read_text(encoding="utf-8").count("\n")
    assert import_violations(tree_copy) == [
        Violation("trappe/model/export.py", lines, "trappe.model imports trappe.ui.widgets")
    ]


PLANTED_IMPORTS = [
    ("from trappe.ui.widgets import StepCombo", "trappe.ui.widgets"),
    ("from trappe import ui", "trappe.ui"),
    ("from ..ui import widgets", "trappe.ui"),
    ("from ..sheet.fonts import runs", "trappe.sheet.fonts"),
    ("from PySide6.QtCore import QDate", "PySide6.QtCore"),
    ("import shiboken6", "shiboken6"),
    ("def later():\n    from trappe.sheet import render_batch\n", "trappe.sheet"),
    ("import importlib\nm = importlib.import_module('trappe.ui.app')", "trappe.ui.app"),
    ("m = __import__('reportlab.pdfgen')", "reportlab.pdfgen"),
]


@pytest.mark.parametrize(("code", "name"), PLANTED_IMPORTS)
def test_each_form_of_a_forbidden_import_in_the_model_is_seen(tree_copy, code, name):
    (tree_copy / "trappe" / "model" / "planted.py").write_text(code + "\n", encoding="utf-8")
    found = [v for v in import_violations(tree_copy) if v.file == "trappe/model/planted.py"]
    assert found and all(v.what.startswith("trappe.model imports ") for v in found)
    assert any(v.what == f"trappe.model imports {name}" for v in found), found


def test_the_sheet_may_not_import_the_ui_but_the_model_may_import_the_model(tree_copy):
    sheet = tree_copy / "trappe" / "sheet" / "planted.py"
    sheet.write_text("from trappe.model import meetings\nfrom trappe.ui import app\n")
    (tree_copy / "trappe" / "model" / "ok.py").write_text("from . import meetings\n")
    found = import_violations(tree_copy)
    assert [(v.file, v.what) for v in found] == [
        ("trappe/sheet/planted.py", "trappe.sheet imports trappe.ui"),
        ("trappe/sheet/planted.py", "trappe.sheet imports trappe.ui.app"),
    ]


PLANTED_SQL = [
    'rows = self.store.query("SELECT id FROM citizens")',
    'self.store.execute(f"UPDATE citizens SET name = ? WHERE id = {cid}", (name,))',
    'SQL = """\n    delete from meetings\n    WHERE id = ?"""',
    "import sqlite3",
    "from sqlite_utils import Database",
    'store.scalar("PRAGMA user_version")',
    'q = "INSERT OR REPLACE INTO staff (name) VALUES (?)"',
]


@pytest.mark.parametrize("code", PLANTED_SQL)
def test_planted_sql_outside_the_model_fails(tree_copy, code):
    (tree_copy / "trappe" / "ui" / "planted.py").write_text(code + "\n", encoding="utf-8")
    found = [v for v in sql_violations(tree_copy, SQL_ALLOWED) if v.file == "trappe/ui/planted.py"]
    assert found


def test_words_and_docstrings_are_not_sql(tree_copy):
    (tree_copy / "trappe" / "ui" / "planted.py").write_text(
        '"""SELECT a row FROM the table: a docstring."""\n'
        'TEXT = "Vælg en borger fra listen"\n'
        'HELP = "Update the staircase: set a date"\n'
        "def query(self): return self.model.query()\n",
        encoding="utf-8",
    )
    assert [v for v in sql_violations(tree_copy) if v.file == "trappe/ui/planted.py"] == []


# -- what is loaded at start-up -------------------------------------------------------------
def test_cli_and_model_import_without_qt_or_reportlab():
    code = (
        "import sys, trappe.cli, trappe.model.citizens, trappe.model.meetings; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'reportlab')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
