"""The screen's staircase checked by pixel, as the sheet's is: each current marker is found
by its colour in the painted widget and must sit inside its step, clear of the step's title,
at the layout's position plus the widget's margin. A painter that drifts (markers without
the margin, markers moved up over the titles) fails here."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtGui import QColor, QImage

from trappe.model import citizens, staircase
from trappe.model.geometry import MarkerKind
from trappe.model.markers import MARKER_STYLES
from trappe.ui.staircase_widget import StaircaseWidget

CURRENT = (MarkerKind.PROFESSIONAL, MarkerKind.CITIZEN, MarkerKind.GOAL)


@dataclass
class Blob:
    """The pixels of one exact colour in a region: bounding box, centroid, count."""

    left: int
    top: int
    right: int
    bottom: int
    cx: float
    cy: float
    count: int


def find_colour(image: QImage, colour: str, region: tuple[int, int, int, int]) -> Blob | None:
    """Every pixel of exactly ``colour`` in a region (the inside of a filled marker)."""
    img = image.convertToFormat(QImage.Format.Format_RGB32)
    c = QColor(colour)
    pattern = bytes((c.blue(), c.green(), c.red(), 0xFF))  # RGB32 in memory: B, G, R, 0xff
    raw = bytes(img.constBits())
    stride = img.bytesPerLine()
    x0, y0, x1, y1 = (max(0, v) for v in region)
    x1, y1 = min(x1, img.width()), min(y1, img.height())
    xs, ys = [], []
    for y in range(y0, y1):
        line = raw[y * stride + 4 * x0 : y * stride + 4 * x1]
        at = line.find(pattern)
        while at != -1:
            if at % 4 == 0:
                xs.append(x0 + at // 4)
                ys.append(y)
            at = line.find(pattern, at + 1)
    if not xs:
        return None
    return Blob(min(xs), min(ys), max(xs), max(ys), sum(xs) / len(xs), sum(ys) / len(ys), len(xs))


def dark_rows(
    image: QImage, x0: int, x1: int, y0: int, y1: int, skip: list[tuple[int, int]]
) -> list[int]:
    """Rows with text-dark pixels (titles are near black) in a region, leaving out the
    x ranges in ``skip`` (the markers themselves: the star has a dark outline)."""
    rows = []
    xs = [
        x
        for x in range(max(0, x0), min(x1, image.width()))
        if not any(a <= x <= b for a, b in skip)
    ]
    for y in range(max(0, y0), min(y1, image.height())):
        for x in xs:
            c = QColor(image.pixel(x, y))
            if c.red() < 70 and c.green() < 70 and c.blue() < 70:
                rows.append(y)
                break
    return rows


@pytest.fixture
def shown(qtbot, store, citizen_with_history):
    def make(width: int, height: int, *, large: bool = False) -> StaircaseWidget:
        w = StaircaseWidget(large_text=large)
        qtbot.addWidget(w)
        w.resize(width, height)
        w.set_content(
            staircase.load_staircase(store),
            citizens.get_citizen_record(store, citizen_with_history, log_read=False),
        )
        w.show()
        qtbot.waitExposed(w)
        return w

    return make


@pytest.mark.parametrize(
    ("width", "height", "large"),
    [(900, 500, False), (760, 330, False), (1300, 620, True), (1800, 900, True)],
)
def test_markers_sit_in_their_step_clear_of_the_title_with_the_margin(shown, width, height, large):
    w = shown(width, height, large=large)
    image = w.grab().toImage()
    assert image.width() == width  # one device pixel per unit (offscreen, no scaling)
    lay = w.layout_now()
    off = w.offset()
    assert off.x() >= 6 and off.y() >= 6
    state = w.shown_state()
    expected = {
        MarkerKind.PROFESSIONAL: state.current_step_id,
        MarkerKind.CITIZEN: state.own_step_id,
        MarkerKind.GOAL: state.goal_step_id,
    }

    def column(b, inset=0):
        return (
            int(b.rect.x + off.x()) + inset,
            int(b.rect.y + off.y()) + inset,
            int(b.rect.right + off.x()) - inset + 1,
            int(b.rect.bottom + off.y()) - inset + 1,
        )

    for kind in CURRENT:
        colour = MARKER_STYLES[kind].fill
        box = lay.box_for(expected[kind])
        # In the right step's column (the legend's sample, up in the air, is not in any) ...
        col = column(box)
        blob = find_colour(image, colour, col)
        assert blob is not None and blob.count > 15, kind
        assert col[0] < blob.left and blob.right < col[2] - 1, (kind, blob, col)
        assert col[1] < blob.top and blob.bottom < col[3] - 1, (kind, blob, col)
        # ... and in no other.
        for other in lay.steps:
            if other is not box:
                assert find_colour(image, colour, column(other, 1)) is None, (kind, other.step)
        # Where the layout puts it, plus the margin: a painter without the margin is off.
        marker = next(m for m in lay.markers if m.kind is kind)
        assert abs(blob.cx - (marker.cx + off.x())) < 2.5, (kind, blob.cx, marker.cx, off.x())
        assert abs(blob.cy - (marker.cy + off.y())) < 2.5, (kind, blob.cy, marker.cy, off.y())
        # Clear of the title: the title box ends above the marker, and so does the title's
        # ink (looked for beside the markers of that row, down to this marker's bottom).
        title_bottom = box.title_box.bottom + off.y()
        assert blob.top > title_bottom, (kind, blob.top, title_bottom)
        row = [m for m in lay.markers if m.step_id == box.step.id and abs(m.cy - marker.cy) < 1]
        skip = [(int(m.cx + off.x() - m.size), int(m.cx + off.x() + m.size) + 1) for m in row]
        ink = dark_rows(
            image,
            int(box.title_box.x + off.x()),
            int(box.title_box.right + off.x()),
            int(box.title_box.y + off.y()),  # below the goal's dashed frame
            blob.bottom,
            skip,
        )
        assert ink, f"no title ink above the {kind} marker"
        assert max(ink) < blob.top, (kind, max(ink), blob.top)


def test_earlier_placements_and_their_dates_stay_in_their_columns(shown):
    w = shown(900, 500)
    lay = w.layout_now()
    for m in lay.markers:
        box = lay.box_for(m.step_id)
        assert box.rect.contains_rect(m.bounds)
        if m.label_box is not None:
            assert box.rect.contains_rect(m.label_box)
            assert m.label_box.y >= box.title_box.bottom
