"""The open agreements' rows, painted from kept text layouts, are Qt's own pixels.

``LaidOutRows`` draws a plain row's text from a layout made once per text, font and width;
every row must look exactly as Qt's own delegate paints it: compared here over many texts
(Danish letters, long words Qt elides, rows too short for their text), widths, fonts, ticked
and overdue (red) rows, a selected and a focused row; and again after the list is made
narrower and its font larger (a kept layout of the old width or font would differ).
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QListView, QStyledItemDelegate

from trappe.ui.agreement_rows import LaidOutRows

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

WORDS = " ".join(
    (
        "Gå til lægen om helbredet Tjekke busforbindelser praktikstedet Søge tilskud arbejdstøj",
        "Ærø ÆØÅ æøå lager/logistik Anne-Marie Supercalifragilisticexpialidocious 01-03-2026",
        "senest Borger · overskredet Sagsbehandler 😀 «citat»",
    )
).split(" ")


def texts(seed: int, n: int = 24) -> list[str]:
    rnd = random.Random(seed)

    def words(k: int) -> str:
        return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, k)))

    return [f"{words(14)}\n{words(6)}" for _ in range(n)]


def rows_list(qtbot, items: list[str], width: int, laid_out: bool, font: QFont | None = None):
    view = QListView()
    qtbot.addWidget(view)
    view.setWordWrap(True)
    view.setSpacing(2)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setUniformItemSizes(False)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if font is not None:
        view.setFont(font)
    model = QStandardItemModel(view)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    for i, text in enumerate(items):
        item = QStandardItem(text)
        item.setFlags(flags | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if i % 5 == 0 else Qt.CheckState.Unchecked)
        if i % 3 == 0:
            item.setForeground(QColor("#8a1c10"))
        wrap = int(Qt.TextFlag.TextWordWrap)
        height = view.fontMetrics().boundingRect(0, 0, width - 40, 10_000, wrap, text).height()
        item.setSizeHint(QSize(width - 40, height + 8 - (14 if i % 7 == 6 else 0)))
        model.appendRow(item)
    view.setModel(model)
    delegate = LaidOutRows(view) if laid_out else QStyledItemDelegate(view)
    view.setItemDelegate(delegate)
    view.resize(width, 900)
    view.show()
    qtbot.waitExposed(view)
    return view, delegate


def pixels(view: QListView) -> QImage:
    return view.viewport().grab().toImage()


@pytest.mark.parametrize("width", [150, 240, 330, 460])
@pytest.mark.parametrize("px", [0, 11, 15])
def test_rows_are_qt_s_own_pixels(qtbot, width: int, px: int) -> None:
    font = None
    if px:
        font = QFont()
        font.setPixelSize(px)
    items = texts(width + px)
    qt_view, _ = rows_list(qtbot, items, width, False, font)
    view, delegate = rows_list(qtbot, items, width, True, font)
    assert pixels(view) == pixels(qt_view)
    assert delegate.drawn > 0  # (the kept layouts drew most rows)
    # A selected row and a focused one (painted by Qt itself) too.
    for v in (qt_view, view):
        v.setCurrentIndex(v.model().index(1, 0))
        v.setFocus()
    assert pixels(view) == pixels(qt_view)


def test_a_new_width_or_font_lays_the_texts_out_anew(qtbot) -> None:
    items = texts(3)
    qt_view, _ = rows_list(qtbot, items, 420, False)
    view, delegate = rows_list(qtbot, items, 420, True)
    assert pixels(view) == pixels(qt_view)
    for v in (qt_view, view):
        v.resize(260, 900)
    qtbot.wait(1)
    assert pixels(view) == pixels(qt_view)
    font = QFont(view.font())
    font.setPixelSize(16)
    for v in (qt_view, view):
        v.setFont(font)
    qtbot.wait(1)
    assert pixels(view) == pixels(qt_view)
    assert delegate.drawn > 0


def test_the_agreements_list_paints_rows_from_kept_layouts(qtbot) -> None:
    from trappe.ui.history_pane import HistoryPane

    pane = HistoryPane()
    qtbot.addWidget(pane)
    assert isinstance(pane.agreements.itemDelegate(), LaidOutRows)


def test_a_texts_corner_is_where_qt_aligns_it(qapp):
    """``aligned_corner`` (Qt's arithmetic on integers) and the remembered visual alignments
    are ``QStyle.alignedRect`` and ``QStyle.visualAlignment``: every horizontal and vertical
    alignment, absolute or not, both directions, odd and even sizes, texts as large as their
    rectangle and empty ones."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QStyle

    from trappe.ui.agreement_rows import aligned_corner

    rows = LaidOutRows()
    flags = Qt.AlignmentFlag
    horizontal = [flags(0), flags.AlignLeft, flags.AlignRight, flags.AlignHCenter]
    horizontal += [flags.AlignJustify, flags.AlignLeft | flags.AlignAbsolute]
    horizontal += [flags.AlignRight | flags.AlignAbsolute]
    vertical = [flags(0), flags.AlignTop, flags.AlignBottom, flags.AlignVCenter]
    vertical += [flags.AlignBaseline]
    rnd = random.Random(5)
    for direction in (Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft):
        for h in horizontal:
            for v in vertical:
                alignment = h | v
                visual, as_int = rows._visual(direction, alignment)
                assert visual == QStyle.visualAlignment(direction, alignment)
                assert rows._visual(direction, alignment) == (visual, as_int)
                for _ in range(12):
                    rect = QRect(
                        rnd.randint(-5, 40), rnd.randint(-5, 40), *rnd.sample(range(80), 2)
                    )
                    size = QSize(rnd.randint(0, rect.width()), rnd.randint(0, rect.height()))
                    box = QStyle.alignedRect(direction, alignment, size, rect)
                    assert aligned_corner(as_int, size, rect) == box.topLeft().toPointF()


def test_rows_of_their_own_fonts_and_alignments_are_qt_s_own_pixels(qtbot) -> None:
    """Rows alternating between fonts and alignments (the kept font key and visual
    alignments are each row's own, not the last row's)."""
    items = texts(11, 30)
    views = []
    for laid_out in (False, True):
        view, _ = rows_list(qtbot, items, 330, laid_out)
        model = view.model()
        for row in range(model.rowCount()):
            item = model.item(row)
            if row % 3 == 1:
                font = QFont(view.font())
                font.setBold(True)
                font.setPixelSize(10 + row % 5)
                item.setFont(font)
            if row % 4 == 2:
                flags = Qt.AlignmentFlag
                item.setTextAlignment(
                    [flags.AlignRight, flags.AlignHCenter | flags.AlignBottom][row % 2]
                )
        views.append(view)
    qtbot.wait(1)
    assert pixels(views[1]) == pixels(views[0])
    assert views[1].itemDelegate().drawn > 0


def test_a_rows_font_key_and_alignment_are_asked_of_qt_once(qtbot, monkeypatch) -> None:
    """(Fails on a delegate that asks Qt for them for every row it paints.)"""
    from PySide6.QtWidgets import QStyle

    asked = []
    visual = QStyle.visualAlignment
    monkeypatch.setattr(QStyle, "visualAlignment", lambda *a: (asked.append("v"), visual(*a))[1])
    key = QFont.key
    monkeypatch.setattr(QFont, "key", lambda f: (asked.append("k"), key(f))[1])
    view, delegate = rows_list(qtbot, texts(4), 330, True)
    pixels(view)
    assert delegate.drawn > 5
    assert asked.count("v") == 1 and asked.count("k") <= 2


ODD = [
    "שלום עולם — مرحبا بالعالم\nBorger · senest 01-03-2026",
    "Nul\u0000tegn i teksten\nBorger\u0000 · overskredet",
    "\n",
    "   \nx",
    "x\n\n\ny",
    "👩‍👩‍👧‍👦 🇩🇰 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀\nAndre",
    "Supercalifragilisticexpialidociouslyunbelievablylongwordwithoutanybreak\nBorger",
    "a " * 60 + "\nb",
    "RTL ‏mark‎ and ‮override‬ text\n·",
]


@pytest.mark.parametrize("width", [90, 200, 460])
def test_odd_texts_are_qt_s_own_pixels(qtbot, width: int) -> None:
    """Right-to-left and mixed texts, NUL characters, empty and blank lines, emoji
    sequences, words and lines wider than the row: each row's kept layout (its lines placed
    one beneath the other from the layout's origin, each as wide as the row) draws what
    Qt's own delegate draws."""
    items = ODD * 2
    qt_view, _ = rows_list(qtbot, items, width, False)
    view, delegate = rows_list(qtbot, items, width, True)
    assert pixels(view) == pixels(qt_view)
    assert delegate.drawn > 0


def test_a_texts_lines_are_placed_without_asking_their_widths(qtbot, monkeypatch) -> None:
    """Each line is as wide as the width it was given, and the first starts at the layout's
    origin: neither is asked of Qt again. (Fails on a delegate that asks each line its width
    or places the first line.)"""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QTextLine, QTextOption
    from PySide6.QtWidgets import QStyleOptionViewItem

    asked = []
    width, position = QTextLine.width, QTextLine.setPosition
    monkeypatch.setattr(QTextLine, "width", lambda line: (asked.append("w"), width(line))[1])
    monkeypatch.setattr(
        QTextLine, "setPosition", lambda line, p: (asked.append(p.y()), position(line, p))[1]
    )
    rows = LaidOutRows()
    option = QStyleOptionViewItem()
    option.font = QFont()
    direction = Qt.LayoutDirection.LeftToRight
    visual, _ = rows._visual(direction, Qt.AlignmentFlag.AlignLeft)
    text = "Gå til lægen om helbredet og tjekke busforbindelser\nBorger · senest 01-03-2026"
    laid = rows._laid_out(text, option, 120, direction, visual)
    assert laid is not None
    layout, used, height = laid
    assert "w" not in asked
    assert asked == [layout.lineAt(i).y() for i in range(1, layout.lineCount())]
    assert layout.lineCount() >= 3
    assert used == 120 == max(layout.lineAt(i).width() for i in range(layout.lineCount()))
    assert layout.lineAt(0).position() == QPointF(0, 0)
    assert height == sum(layout.lineAt(i).height() for i in range(layout.lineCount()))
    assert QTextOption.WrapMode.WordWrap == layout.textOption().wrapMode()


def paint_rows_clipped(view: QListView, delegate: QStyledItemDelegate, clip) -> QImage:
    """Every row painted by ``delegate`` into an image, with a painter already clipped."""
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    if clip is not None:
        painter.setClipRect(clip)
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = view.visualRect(index)
        delegate.paint(painter, option, index)
    painter.end()
    return image


@pytest.mark.parametrize("clip", [None, (0, 30, 400, 90), (37, 0, 61, 900)])
def test_a_painter_already_clipped_draws_qt_s_own_pixels(qtbot, clip) -> None:
    """A painter clipped before the rows are painted (a partial repaint, a print): each
    row's text stays within both the clip and its row, as Qt's own delegate draws it."""
    from PySide6.QtCore import QRect

    items = texts(21, 12)
    view, delegate = rows_list(qtbot, items, 260, True)
    rect = QRect(*clip) if clip is not None else None
    ours = paint_rows_clipped(view, delegate, rect)
    theirs = paint_rows_clipped(view, QStyledItemDelegate(view), rect)
    assert ours == theirs
    assert delegate.drawn > 0


def test_a_rows_clip_is_not_read_back_from_the_painter(qtbot, monkeypatch) -> None:
    """The text's clip is Qt's intersection with the painter's clip, not the painter's clip
    region read into Python and intersected there. (Fails on a delegate that reads it.)"""
    from PySide6.QtGui import QPainter

    asked = []
    for name in ("clipRegion", "hasClipping"):
        method = getattr(QPainter, name)
        monkeypatch.setattr(QPainter, name, lambda p, m=method, n=name: (asked.append(n), m(p))[1])
    view, delegate = rows_list(qtbot, texts(8, 6), 300, True)
    pixels(view)
    assert delegate.drawn > 0
    assert asked == []
