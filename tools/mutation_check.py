"""Mutation check: does the test suite catch small, plausible bugs?

Run it before a release (not in CI: it runs the chosen tests once per case, some minutes):

    .venv/bin/python tools/mutation_check.py               # every case
    .venv/bin/python tools/mutation_check.py -k measures   # the cases whose id contains it
    .venv/bin/python tools/mutation_check.py --list        # the cases, and whether they apply
    .venv/bin/python tools/mutation_check.py --check       # only check that every case applies

Each case is one small bug: one or more edits (a file, the exact original text, the mutated
text) and the tests expected to catch it. The tool copies the source tree (the files git
knows, and new ones it does not ignore) into a temporary folder, runs the cases' tests there
once unmutated (they must pass), then for each case applies its edits *in that copy* (never in
the working tree), runs its tests with pytest in a fresh process (``-x``, file order, a fixed
hypothesis seed) and puts the original text back. A case is

- **caught** when its tests fail (the failing test is named), or time out;
- **survived** when they pass: write the test that kills it, and list it in the case;
- **stale** when its original text no longer occurs exactly once (the code changed: update
  the case), or **invalid** when the mutated Python does not compile.

The exit status is 0 only when every case is caught. Cases marked ``issue=14`` are the
mutations issue 14 describes (seven survived the suite then); the rest were added since.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Edit:
    file: str  # relative to the root
    original: str  # must occur exactly once in the file
    mutated: str


@dataclass(frozen=True)
class Case:
    id: str
    what: str  # the bug, as a reader would describe it
    edits: tuple[Edit, ...]
    tests: tuple[str, ...]  # pytest paths or node ids, relative to the root
    issue: int | None = None  # 14: one of the mutations issue 14 describes
    slow: bool = field(default=False)  # its tests take over a minute


def case(
    id: str,
    what: str,
    file: str,
    original: str,
    mutated: str,
    *tests: str,
    issue: int | None = None,
    more: tuple[Edit, ...] = (),
) -> Case:
    return Case(id, what, (Edit(file, original, mutated), *more), tests, issue)


MEASURES_TESTS = (
    "tests/model/test_measures.py",
    "tests/model/test_measures_property.py",
    "tests/test_cli.py",
)
PROGRESS_TESTS = (
    "tests/model/test_progress.py",
    "tests/model/test_meetings.py",
    "tests/model/test_citizens.py",
    "tests/model/test_consistency.py",
)

CASES: list[Case] = [
    # -- the mutations issue 14 describes ----------------------------------------------------
    case(
        "progress-since-past-a-move-down",
        "'On the step since' runs on past a move back down: a return to an earlier step "
        "continues its old run (was the 'break' -> 'continue' of the old loop)",
        "trappe/model/progress.py",
        "        if not starts or starts[-1][1] != step_id:\n",
        "        if not any(s[1] == step_id for s in starts):\n",
        *PROGRESS_TESTS,
        issue=14,
    ),
    case(
        "progress-same-day-tie",
        "Two placements on one day: the first entered wins instead of the last",
        "trappe/model/progress.py",
        '        (p for p in placements if p[2] == "professional"), key=lambda p: (p[0], p[1])\n',
        '        (p for p in placements if p[2] == "professional"), key=lambda p: (p[0], -p[1])\n',
        *PROGRESS_TESTS,
        issue=14,
    ),
    case(
        "measures-closed-on-the-day-counted-active",
        "A citizen closed on the measure day is counted as active that day (>=)",
        "trappe/model/as_of_sql.py",
        "({alias}.ended_on IS NULL OR {alias}.ended_on > {day})",
        "({alias}.ended_on IS NULL OR {alias}.ended_on >= {day})",
        *MEASURES_TESTS,
        issue=14,
    ),
    case(
        "measures-placed-on-the-day-ignored",
        "A placement made on the measure day is ignored that day (<)",
        "trappe/model/as_of_sql.py",
        "{r}.citizen_id = {p}.citizen_id AND {r}.valid_from <= {d}",
        "{r}.citizen_id = {p}.citizen_id AND {r}.valid_from < {d}",
        *MEASURES_TESTS,
        issue=14,
    ),
    case(
        "architecture-model-imports-ui",
        "trappe/model/export.py imports trappe.ui.widgets",
        "trappe/model/export.py",
        "from trappe.model.formatting import activity_text, format_date, responsible_text\n",
        "from trappe.model.formatting import activity_text, format_date, responsible_text\n"
        "from trappe.ui.widgets import StepCombo  # noqa: F401\n",
        "tests/test_architecture.py",
        issue=14,
    ),
    case(
        "geometry-markers-over-the-titles",
        "The markers are moved up over the step titles",
        "trappe/model/geometry.py",
        "marker_row = Rect(inner_x, title_box.bottom + pad * 0.5, inner_w, marker_size * 1.3)",
        "marker_row = Rect(inner_x, title_box.y, inner_w, marker_size * 1.3)",
        "tests/model/test_geometry.py",
        "tests/ui/test_staircase_widget.py",
        "tests/sheet/test_sheet_pdf.py",
        issue=14,
    ),
    case(
        "widget-markers-without-the-margin",
        "The widget paints its markers without the left margin",
        "trappe/ui/staircase_painter.py",
        "            paint_marker(painter, m.kind, m.cx + ox, m.cy + oy, m.size)\n",
        "            paint_marker(painter, m.kind, m.cx, m.cy, m.size)\n",
        "tests/ui/test_staircase_pixels.py",
        "tests/ui/test_staircase_widget.py",
        issue=14,
    ),
    # -- progress, meetings and citizens -----------------------------------------------------
    case(
        "progress-own-step-first-not-latest",
        "The citizen's own step is their first assessment, not their latest",
        "trappe/model/progress.py",
        "        own_step_id=own[-1][3] if own else None,\n",
        "        own_step_id=own[0][3] if own else None,\n",
        *PROGRESS_TESTS,
    ),
    case(
        "progress-last-meeting-by-entry-order",
        "The last meeting is the last one entered, not the latest held (a meeting entered "
        "afterwards for a past date becomes 'last')",
        "trappe/model/progress.py",
        "    ordered = sorted(meetings, key=lambda m: (m[0], m[1]))\n",
        "    ordered = sorted(meetings, key=lambda m: m[1])\n",
        *PROGRESS_TESTS,
    ),
    case(
        "schema-runs-same-day-tie",
        "The SQL that rebuilds placement runs (migration, demo) lets the first placement of a "
        "day win instead of the last",
        "trappe/model/schema.py",
        "lead(placed_on) OVER (PARTITION BY citizen_id ORDER BY placed_on, id) AS later",
        "lead(placed_on) OVER (PARTITION BY citizen_id ORDER BY placed_on, id DESC) AS later",
        "tests/model/test_schema.py",
        "tests/model/test_demo.py",
    ),
    case(
        "meetings-edit-forgets-derived",
        "Editing a meeting does not recompute the citizen's current step",
        "trappe/model/meetings.py",
        "        _write_parts(store, citizen_id, meeting_id, data, reuse=own)\n"
        "        refresh_derived(store, citizen_id)\n",
        "        _write_parts(store, citizen_id, meeting_id, data, reuse=own)\n",
        *PROGRESS_TESTS,
    ),
    case(
        "meetings-delete-forgets-derived",
        "Deleting a meeting leaves the citizen on the meeting's step",
        "trappe/model/meetings.py",
        '        store.execute("DELETE FROM meetings WHERE id = ?", (meeting_id,))\n'
        "        refresh_derived(store, citizen_id)\n",
        '        store.execute("DELETE FROM meetings WHERE id = ?", (meeting_id,))\n',
        *PROGRESS_TESTS,
    ),
    case(
        "meetings-meeting-for-closed-course",
        "A meeting is accepted for a closed course",
        "trappe/model/meetings.py",
        "    if get_citizen(store, citizen_id).status is Status.CLOSED:\n",
        "    if get_citizen(store, citizen_id).status is Status.CLOSED and False:\n",
        *PROGRESS_TESTS,
    ),
    case(
        "citizens-reopen-on-closing-day-refused",
        "Reopening on the closing day is refused (<=)",
        "trappe/model/citizens.py",
        "if citizen.closed_on is not None and on < citizen.closed_on:",
        "if citizen.closed_on is not None and on <= citizen.closed_on:",
        *PROGRESS_TESTS,
    ),
    case(
        "citizens-close-on-start-day-refused",
        "Closing a course on the day it started is refused (<=)",
        "trappe/model/citizens.py",
        "        if closed_on < citizen.start_date:\n",
        "        if closed_on <= citizen.start_date:\n",
        *PROGRESS_TESTS,
    ),
    case(
        "citizens-reopen-on-closing-day-new-period",
        "Reopening on the closing day starts a new period instead of taking the closing back",
        "trappe/model/citizens.py",
        '    if last is not None and last["ended_on"] == to_db(on):\n',
        "    if False:\n",
        *PROGRESS_TESTS,
        "tests/model/test_measures.py",
    ),
    # -- the store ---------------------------------------------------------------------------
    case(
        "store-no-rollback",
        "A refused write is not rolled back",
        "trappe/model/store.py",
        "        except BaseException:\n"
        "            if self.conn.in_transaction:\n"
        "                with contextlib.suppress(*connection.ERRORS):\n"
        '                    self.conn.execute("ROLLBACK")\n'
        "            raise\n",
        "        except BaseException:\n            raise\n",
        "tests/model/test_store.py",
        "tests/model/test_consistency.py",
    ),
    case(
        "store-foreign-keys-off",
        "Foreign keys are not enforced (erasing a citizen would leave their rows behind)",
        "trappe/model/connection.py",
        '    conn.execute("PRAGMA foreign_keys = ON")\n',
        '    conn.execute("PRAGMA foreign_keys = OFF")\n',
        "tests/model/test_store.py",
        "tests/model/test_citizens.py",
    ),
    case(
        "store-newer-file-opened",
        "A database one version newer than this Trappe is opened (and could be damaged)",
        "trappe/model/opening.py",
        "if version > schema.SCHEMA_VERSION or applied - schema.KNOWN_MIGRATIONS:",
        "if version > schema.SCHEMA_VERSION + 1:",
        "tests/model/test_store.py",
    ),
    # -- measures and follow-up --------------------------------------------------------------
    case(
        "measures-education-not-arrived",
        "In the cohort, a citizen who left for education no longer counts as arrived",
        "trappe/model/measure_terms.py",
        "    {CloseReason.JOB, CloseReason.EDUCATION, CloseReason.FLEXJOB}\n",
        "    {CloseReason.JOB, CloseReason.FLEXJOB}\n",
        *MEASURES_TESTS,
        "tests/model/test_arrived.py",
    ),
    case(
        "measures-quartiles-off-by-one",
        "Quartiles of days on a step interpolate over n instead of n - 1",
        "trappe/model/measure_figures.py",
        "        pos = p * (n - 1)\n",
        "        pos = p * n if n > 1 else 0\n",
        *MEASURES_TESTS,
    ),
    case(
        "measures-recategorised-on-the-day",
        "A step recategorised on the measure day counts by its old category that day",
        "trappe/model/staircase_on_date.py",
        "if v.valid_from <= day and (v.valid_to is None or v.valid_to > day):",
        "if v.valid_from <= day and (v.valid_to is None or v.valid_to >= day):",
        *MEASURES_TESTS,
    ),
    case(
        "followup-agreement-due-today-overdue",
        "An agreement due today is listed as overdue",
        "trappe/model/followup.py",
        "AND a.due_on < :d",
        "AND a.due_on <= :d",
        "tests/model/test_followup_snapshots.py",
    ),
    # -- search and the caseload -------------------------------------------------------------
    case(
        "search-one-folding-only",
        "The stored search text folds ø only as 'oe': 'Soren' no longer finds Søren",
        "trappe/model/collation.py",
        "    for letters in (_SPELLED, _BARE):\n",
        "    for letters in (_SPELLED,):\n",
        "tests/model/test_caseload.py",
    ),
    case(
        "search-identifier-keeps-dashes",
        "A CPR number is stored with its dash: '0101901234' no longer finds 010190-1234",
        "trappe/model/collation.py",
        '    ident = _NOT_ALNUM.sub("", _fold(identifier, _SPELLED)) if identifier else ""\n',
        '    ident = _fold(identifier, _SPELLED).replace(" ", "") if identifier else ""\n',
        "tests/model/test_caseload.py",
    ),
    case(
        "sort-aa-not-aa",
        "Danish order forgets that 'aa' is å (Aabenraa sorts first)",
        "trappe/model/collation.py",
        "    return f\"replace(lower({expr}), 'aa', '}}')\"\n",
        '    return f"lower({expr})"\n',
        "tests/model/test_caseload.py",
        more=(
            Edit(
                "trappe/model/collation.py",
                '    return key.translate(_ASCII_LOWER).replace("aa", "}")\n',
                "    return key.translate(_ASCII_LOWER)\n",
            ),
        ),
    ),
    case(
        "caseload-this-week-eight-days",
        "'Next meeting this week' also takes next Monday",
        "trappe/model/caseload_query.py",
        "        end = start + timedelta(days=6)\n",
        "        end = start + timedelta(days=7)\n",
        "tests/model/test_caseload.py",
        "tests/model/test_citizens.py",
    ),
    case(
        "caseload-overdue-today",
        "A next meeting planned for today counts as overdue",
        "trappe/model/caseload_query.py",
        'return "c.next_meeting_on < ?", [today.isoformat()]',
        'return "c.next_meeting_on <= ?", [today.isoformat()]',
        "tests/model/test_caseload.py",
        "tests/model/test_citizens.py",
    ),
    case(
        "caseload-empty-values-first",
        "With many matches, citizens without a value (no step, no meeting) come first",
        "trappe/model/caseload_order.py",
        '    return [*segments, _Segment(f"{col} IS NULL", (), tail, desc)]\n',
        '    return [_Segment(f"{col} IS NULL", (), tail, desc), *segments]\n',
        "tests/model/test_caseload.py",
    ),
    # -- what the staircase, the sheet and the agreements show ------------------------------------
    case(
        "picture-agreement-done-that-day-open",
        "On the sheet of a past meeting, an agreement done that very day is shown as open",
        "trappe/model/picture.py",
        "if a.done_on is None or (as_of is not None and a.done_on > as_of)",
        "if a.done_on is None or (as_of is not None and a.done_on >= as_of)",
        "tests/model/test_picture.py",
        "tests/sheet/test_sheet_data.py",
        "tests/sheet/test_sheet_pdf.py",
    ),
    case(
        "picture-past-meeting-loses-its-placement",
        "The staircase of a past meeting leaves out the placements made at that meeting",
        "trappe/model/picture.py",
        "        if (as_of is None or p.placed_on <= as_of)\n",
        "        if (as_of is None or p.placed_on < as_of)\n",
        "tests/model/test_picture.py",
        "tests/sheet/test_sheet_data.py",
        "tests/sheet/test_sheet_pdf.py",
    ),
    case(
        "picture-due-today-overdue",
        "An agreement due today is marked overdue",
        "trappe/model/picture.py",
        "return a.done_on is None and a.due_on is not None and a.due_on < today",
        "return a.done_on is None and a.due_on is not None and a.due_on <= today",
        "tests/model/test_picture.py",
        "tests/ui/test_history_pane.py",
    ),
    case(
        "formatting-responsible-without-name",
        "The agreements say 'Sagsbehandler' without the caseworker's name",
        "trappe/model/formatting.py",
        '    return f"{label} ({staff.name})" if staff else label\n',
        "    return label\n",
        "tests/sheet/test_sheet_data.py",
        "tests/model/test_export.py",
        "tests/sheet/test_sheet_pdf.py",
    ),
    case(
        "textfit-text-overflows-its-box",
        "Text that does not fit its box is accepted as fitting",
        "trappe/model/textfit.py",
        "    if len(lines) * metrics.line_height > height + 0.01:\n",
        "    if len(lines) * metrics.line_height > height * 2:\n",
        "tests/model/test_textfit.py",
        "tests/sheet/test_two_painters.py",
        "tests/sheet/test_sheet_pdf.py",
    ),
    case(
        "textfit-hyphenates-too-early",
        "A long word is hyphenated at its first syllable that fits, not its last",
        "trappe/model/textfit.py",
        "            cut = max(fitting)\n",
        "            cut = min(fitting)\n",
        "tests/model/test_textfit.py",
        "tests/sheet/test_two_painters.py",
        "tests/sheet/test_sheet_pdf.py",
    ),
    # -- undo ----------------------------------------------------------------------------------
    case(
        "undo-edit-meeting-keeps-the-edit",
        "Undoing an edited meeting writes the edit again instead of the old meeting",
        "trappe/ui/commands.py",
        "    def _undo(self) -> None:\n        self._write(self.old)\n",
        "    def _undo(self) -> None:\n        self._write(self.new)\n",
        "tests/ui/test_commands.py",
        "tests/ui/test_undo_ids.py",
    ),
    case(
        "undo-agreement-done-stays-done",
        "Undoing 'agreement done' leaves it done",
        "trappe/ui/commands.py",
        "            self.store, self.citizen_id, self.agreement_id, self.old\n",
        "            self.store, self.citizen_id, self.agreement_id, self.new\n",
        "tests/ui/test_commands.py",
        "tests/ui/test_undo_ids.py",
    ),
    case(
        "undo-edit-citizen-keeps-the-edit",
        "Undoing an edit of a citizen saves the edit again",
        "trappe/ui/commands.py",
        "        return ops.update_citizen(self.store, self.citizen_id, self.old).changes\n",
        "        return ops.update_citizen(self.store, self.citizen_id, self.new).changes\n",
        "tests/ui/test_commands.py",
    ),
    case(
        "undo-close-starts-a-new-period",
        "Undoing a closing reopens the course from today (a new period, a gap in the figures) "
        "instead of taking the closing back",
        "trappe/ui/commands.py",
        "        return ops.reopen_citizen(self.store, self.citizen_id, self.closed_on).changes\n",
        "        return ops.reopen_citizen(self.store, self.citizen_id).changes\n",
        "tests/ui/test_commands.py",
    ),
    # -- what an operation says it changed (which panes redraw) ---------------------------------
    case(
        "ops-goal-change-not-redrawn",
        "Changing a citizen's goal does not redraw the staircase (its goal star)",
        "trappe/model/ops.py",
        "        parts |= Part.PLACEMENTS  # the goal star (and the chart's time axis)\n",
        "        pass\n",
        "tests/model/test_ops.py",
        "tests/ui/test_commands.py",
        "tests/ui/test_main_window.py",
    ),
    case(
        "ops-rename-not-listed",
        "Renaming a citizen does not refresh the caseload list",
        "trappe/model/ops.py",
        '_LISTED_FIELDS = ("name", "identifier", "target_group_id",',
        '_LISTED_FIELDS = ("identifier", "target_group_id",',
        "tests/model/test_ops.py",
        "tests/ui/test_commands.py",
        "tests/ui/test_main_window.py",
    ),
    # -- the export ----------------------------------------------------------------------------
    case(
        "export-step-number-off-by-one",
        "The journal note numbers the steps from 0",
        "trappe/model/export.py",
        '        number = f"trin {index + 1}: " if index is not None else ""\n',
        '        number = f"trin {index}: " if index is not None else ""\n',
        "tests/model/test_export.py",
    ),
    # -- the progression chart (by pixel) --------------------------------------------------------
    case(
        "chart-upside-down",
        "The progression chart draws the first step at the top and the last at the bottom",
        "trappe/ui/progress_chart.py",
        "            return y0 - y_scale * (i + 0.5)\n",
        "            return plot.top() + y_scale * (i + 0.5)\n",
        "tests/ui/test_progress_chart.py",
        "tests/ui/test_history_pane.py",
    ),
    case(
        "chart-stops-at-the-last-meeting",
        "The chart's lines stop at the last meeting instead of running on to today",
        "trappe/ui/progress_chart.py",
        "            if prev is not None and today > points[-1][0]:\n",
        "            if prev is not None and today < points[-1][0]:\n",
        "tests/ui/test_progress_chart.py",
        "tests/ui/test_history_pane.py",
    ),
    # -- privacy: the citizen's data, retention and the audit log -------------------------------
    case(
        "data-export-every-page-the-last",
        "Every page of a citizen's data says it is the last ('Side 4 af 4' on page 1)",
        "trappe/sheet/data_export.py",
        "                footer(self, number, total)\n",
        "                footer(self, total, total)\n",
        "tests/sheet/test_data_export.py",
    ),
    case(
        "retention-due-on-the-last-kept-day",
        "A closed course is listed for erasure on the last day it is to be kept",
        "trappe/model/retention.py",
        "        if until < today:\n",
        "        if until <= today:\n",
        "tests/model/test_retention.py",
        "tests/ui/test_retention_dialog.py",
    ),
    case(
        "audit-chain-details-unprotected",
        "The audit log's hash chain leaves out the details: an edited entry's details pass the "
        "check",
        "trappe/model/audit_chain.py",
        '    "citizen_id",\n    "details",\n)\n',
        '    "citizen_id",\n)\n',
        "tests/model/test_audit.py",
    ),
    case(
        "audit-thin-entry-at-the-cutoff",
        "Thinning the audit log also thins an entry made at the very moment of the cut-off "
        "(it is not older than the period)",
        "trappe/model/audit_chain.py",
        'young = store.scalar("SELECT min(id) FROM audit_log WHERE at >= ?", (before,))',
        'young = store.scalar("SELECT min(id) FROM audit_log WHERE at > ?", (before,))',
        "tests/model/test_audit.py",
        "tests/model/test_retention.py",
    ),
]


# -- running ----------------------------------------------------------------------------------
def source_files(root: Path) -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [f for f in out.split("\0") if f and (root / f).is_file()]


def copy_tree(root: Path, target: Path) -> None:
    for rel in source_files(root):
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, dest)


def problem(tree: Path, c: Case) -> str | None:
    """Why the case cannot be applied to ``tree``, or None."""
    texts: dict[str, str] = {}
    for e in c.edits:
        path = tree / e.file
        if not path.is_file():
            return f"stale: {e.file} does not exist"
        text = texts.get(e.file) or path.read_text(encoding="utf-8")
        n = text.count(e.original)
        if n != 1:
            return f"stale: the original text occurs {n} times in {e.file}"
        if e.original == e.mutated:
            return "invalid: the mutated text is the original"
        texts[e.file] = text.replace(e.original, e.mutated)
    for file, text in texts.items():
        if file.endswith(".py"):
            try:
                compile(text, file, "exec")
            except SyntaxError as exc:
                return f"invalid: the mutated {file} does not compile ({exc.msg})"
    for t in c.tests:
        if not (tree / t.split("::")[0]).exists():
            return f"stale: the test {t} does not exist"
    return None


def run_tests(tree: Path, tests: tuple[str, ...], seed: int, timeout: float) -> tuple[str, str]:
    """('passed' | 'failed' | 'timeout' | 'error', detail)."""
    shutil.rmtree(tree / ".hypothesis", ignore_errors=True)  # no examples from another case
    env = {
        **os.environ,
        "PYTHONPATH": str(tree),
        "PYTHONDONTWRITEBYTECODE": "1",
        "QT_QPA_PLATFORM": "offscreen",
    }
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-x",
        "-q",
        "-p",
        "no:randomly",
        "-p",
        "no:cacheprovider",
        f"--hypothesis-seed={seed}",
        "--hypothesis-profile=mutation",  # no shrinking (tests/conftest.py)
        *tests,
    ]
    try:
        done = subprocess.run(
            cmd, cwd=tree, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return "timeout", f"no result within {timeout:.0f} s"
    lines = done.stdout.splitlines()
    failed = [line.split(" - ")[0] for line in lines if line.startswith(("FAILED ", "ERROR "))]
    if done.returncode == 0:
        return "passed", lines[-1] if lines else ""
    if done.returncode == 1:
        return "failed", failed[0] if failed else (lines[-1] if lines else "")
    return "error", "\n".join(lines[-15:] + done.stderr.splitlines()[-5:])


def check_imports(tree: Path) -> None:
    """The copy must be what the tests import, not the checkout."""
    out = subprocess.run(
        [sys.executable, "-c", "import trappe; print(trappe.__file__)"],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not Path(out).resolve().is_relative_to(tree.resolve()):
        sys.exit(f"The tests would import trappe from {out}, not from the copy {tree}.")


def run_case(tree: Path, c: Case, seed: int, timeout: float) -> tuple[str, str]:
    why = problem(tree, c)
    if why:
        return why.split(":")[0], why
    saved = {e.file: (tree / e.file).read_text(encoding="utf-8") for e in c.edits}
    try:
        for e in c.edits:
            path = tree / e.file
            path.write_text(
                path.read_text(encoding="utf-8").replace(e.original, e.mutated), encoding="utf-8"
            )
        result, detail = run_tests(tree, c.tests, seed, timeout)
    finally:
        for file, text in saved.items():
            (tree / file).write_text(text, encoding="utf-8")
    verdict = {"failed": "caught", "timeout": "caught", "passed": "survived"}.get(result, "error")
    return verdict, detail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-k", dest="pattern", default="", help="only cases whose id has this")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--check", action="store_true", help="check the cases apply, and exit")
    parser.add_argument("--seed", type=int, default=0, help="hypothesis seed (default 0)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per case")
    args = parser.parse_args(argv)
    cases = [c for c in CASES if args.pattern in c.id]
    if len({c.id for c in CASES}) != len(CASES):
        sys.exit("Two cases share an id.")
    if args.list or args.check:
        bad = 0
        for c in cases:
            why = problem(ROOT, c)
            bad += why is not None
            mark = "issue 14" if c.issue == 14 else "        "
            if args.list or why:
                print(f"{c.id:<45} {mark}  {why or c.what}")
        print(f"{len(cases)} cases, {len(cases) - bad} apply.")
        return 1 if bad else 0
    with tempfile.TemporaryDirectory(prefix="trappe-mutation-") as tmp:
        tree = Path(tmp) / "tree"
        copy_tree(ROOT, tree)
        check_imports(tree)
        tests = tuple(dict.fromkeys(t for c in cases for t in c.tests))
        print(f"Unmutated: {len(tests)} test files …", flush=True)
        result, detail = run_tests(tree, tests, args.seed, args.timeout * 2)
        if result != "passed":
            print(f"The tests fail without any mutation ({result}):\n{detail}")
            return 2
        results: dict[str, list[Case]] = {}
        for c in cases:
            start = time.monotonic()
            verdict, detail = run_case(tree, c, args.seed, args.timeout)
            results.setdefault(verdict, []).append(c)
            took = time.monotonic() - start
            print(f"{verdict:<9} {c.id:<45} {took:5.0f} s  {detail}", flush=True)
    caught = len(results.get("caught", []))
    named = [c for c in cases if c.issue == 14]
    named_caught = sum(c in results.get("caught", []) for c in named)
    print(
        f"\n{caught} of {len(cases)} caught ({named_caught} of {len(named)} of issue 14's)."
        + "".join(
            f"\n{verdict}: " + ", ".join(c.id for c in cs)
            for verdict, cs in results.items()
            if verdict != "caught"
        )
    )
    return 0 if caught == len(cases) else 1


if __name__ == "__main__":
    sys.exit(main())
