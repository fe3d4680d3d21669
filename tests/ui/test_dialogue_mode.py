"""Dialogue mode for a projector, at 1366×768, 1920×1080 and 200 % scaling (a 4K screen):
step titles are the largest text on the staircase, descriptions stay, dates and '+k
tidligere' are never cut, the legend is compact, and seven open agreements fit without
scrolling, newest meeting first, the overdue ones red *and* marked in words."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import Agreement, CitizenInput, MeetingInput, Responsible
from trappe.model.picture import is_overdue
from trappe.ui.dialogue_mode import OVERDUE_INK, DialogueView
from trappe.ui.staircase_painter import StaircasePainter

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

TODAY = date(2026, 6, 15)
SCALED = "TRAPPE_TEST_SCALED"  # set in the child process that runs these tests at 200 %

AGREEMENTS = [
    # (meeting, what, who, due)
    (0, "Gå til læge om ryggen og få en vurdering af, hvad du kan", Responsible.CITIZEN, 30),
    (0, "Undersøge muligheder for mentor", Responsible.CASEWORKER, 40),
    (1, "Besøge Føtex og aftale opstart af praktik", Responsible.COMPANY_CONSULTANT, 20),
    (1, "Møde op tirsdag og torsdag kl. 8", Responsible.CITIZEN, 200),
    (2, "Finde en virksomhed inden for lager og logistik", Responsible.COMPANY_CONSULTANT, 10),
    (2, "Tjekke busforbindelser til praktikstedet", Responsible.CITIZEN, 60),
    (2, "Søge om befordringsgodtgørelse", Responsible.OTHER, 90),
]


@pytest.fixture
def seven(store) -> int:
    """A citizen with seven open agreements from three meetings (some overdue on TODAY) and
    a long history on the low steps."""
    steps = staircase.load_staircase(store).steps
    c = citizens.create_citizen(
        store,
        CitizenInput(
            name="Mette-Marie Østergaard Kristiansen",
            start_date=date(2024, 1, 8),
            goal_step_id=steps[4].id,
        ),
    )
    held = date(2024, 2, 1)
    for i in range(14):  # two years on steps 1 and 2: more dates than fit
        meetings.record_meeting(
            store,
            c.id,
            MeetingInput(held, steps[i % 2].id, steps[(i + 1) % 2].id),
        )
        held += timedelta(days=35)
    for m in range(3):
        held = date(2026, 3, 1) + timedelta(days=30 * m)
        meetings.record_meeting(
            store,
            c.id,
            MeetingInput(
                held,
                steps[1 + m].id,
                steps[2].id,
                agreements=[
                    Agreement(
                        what,
                        who,
                        held + timedelta(days=days),
                        responsible_other="Borgerservice" if who is Responsible.OTHER else "",
                    )
                    for meeting, what, who, days in AGREEMENTS
                    if meeting == m
                ],
            ),
        )
    return c.id


def check_dialogue_view(qtbot, store, cid: int, width: int, height: int) -> dict:
    view = DialogueView(today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(width, height)
    record = citizens.get_citizen_record(store, cid, log_read=False)
    view.set_content(staircase.load_staircase(store), record)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(20)
    image = view.grab()
    out: dict = {"dpr": image.devicePixelRatio(), "width": view.width()}

    # The agreements: all seven, newest meeting first, no scrolling.
    text = view.agreements.toPlainText()
    order = [what for _m, what, _w, _d in sorted(AGREEMENTS, key=lambda a: -a[0])]
    positions = [text.find(what) for what in order]
    out["agreements_in_order"] = all(p >= 0 for p in positions) and positions == sorted(positions)
    out["scroll_max"] = view.agreements.verticalScrollBar().maximum()
    out["agreement_px"] = view._agreement_px
    blocks = text.split("\n")
    overdue = [a for a in record.open_agreements if is_overdue(a, TODAY)]
    out["overdue_count"] = len(overdue)
    out["overdue_in_words"] = all(
        any(b.endswith("overskredet") for b in blocks[blocks.index(a.what) :][:2]) for a in overdue
    )
    out["overdue_in_red"] = OVERDUE_INK in view.agreements.toHtml().lower() or (
        OVERDUE_INK.upper() in view.agreements.toHtml()
    )
    out["not_overdue_unmarked"] = all(
        not blocks[blocks.index(a.what) + 1].endswith("overskredet")
        for a in record.open_agreements
        if not is_overdue(a, TODAY)
    )

    # The staircase: titles lead, descriptions stay, dates and counts whole.
    stair = view.staircase
    pic = stair.picture()
    painter = StaircasePainter(stair._fonts, stair.palette())
    options = stair.paint_options()
    date_px, dates_whole = painter.date_px(pic)
    legend = painter.legend_box(pic, QPointF(0, 0), options)
    out["title_px"] = pic.title_px
    out["description_px"] = pic.description_px
    out["date_px"] = date_px
    out["legend_px"] = legend[1] if legend else None
    out["dates_whole"] = dates_whole
    out["descriptions"] = sum(1 for b in pic.layout.steps if b.description_box is not None)
    counts = []
    for step_id, box in pic.layout.hidden_label_boxes.items():
        label, _px, whole = painter.count_text(
            pic, box, pic.layout.hidden_history[step_id], options
        )
        counts.append((label, whole))
    out["counts"] = counts
    view.close()
    return out


def assert_projector_ready(out: dict) -> None:
    assert out["agreements_in_order"], out
    assert out["scroll_max"] == 0, out  # seven agreements, no scrolling
    assert out["agreement_px"] >= 14, out  # still readable across the table
    assert out["overdue_count"] >= 2 and out["overdue_in_words"] and out["overdue_in_red"], out
    assert out["not_overdue_unmarked"], out
    assert out["title_px"] > out["description_px"], out
    assert out["title_px"] > out["date_px"], out
    assert out["legend_px"] is not None and out["legend_px"] < out["title_px"], out
    assert out["dates_whole"], out
    assert out["descriptions"] >= 5, out  # descriptions stay, wrapped
    assert out["counts"] and all(whole for _label, whole in out["counts"]), out
    assert all(label.endswith("tidligere") for label, _ in out["counts"]), out


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_dialogue_mode_is_ready_for_a_projector(qtbot, store, seven, width, height):
    out = check_dialogue_view(qtbot, store, seven, width, height)
    assert_projector_ready(out)
    expected_dpr = 2.0 if os.environ.get(SCALED) else 1.0
    assert out["dpr"] == expected_dpr


@pytest.mark.skipif(bool(os.environ.get(SCALED)), reason="this is the 200 % run itself")
def test_dialogue_mode_at_200_percent_scaling(tmp_path):
    """The same checks in a process with QT_SCALE_FACTOR=2 on a 3840×2160 screen (1920×1080
    logical), and on a 2732×1536 one (1366×768 logical)."""
    screen = {"name": "4K", "x": 0, "y": 0, "width": 3840, "height": 2160}
    screen.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [screen]}))
    env = dict(
        os.environ,
        QT_SCALE_FACTOR="2",
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        **{SCALED: "1"},
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(Path(__file__)),
            "-k",
            "ready_for_a_projector",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "2 passed" in result.stdout
