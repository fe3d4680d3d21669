"""The start-up floor that shows what Trappe's first frame shows (``startup_child.py screen``).

A hand-written PySide6 program, written the cheapest honest way, that paints the same screen as
Trappe's first frame on the bench's 1366×768 screen: the window maximised, its menu bar (the
five menus' titles: their entries are not on screen), the toolbar's six buttons (four of them
greyed, as Trappe's are with nobody chosen), the search field, the filters filled from the file
(course status, target groups, steps, next meeting, "only mine", "no movement in 12 weeks"), the
first 50 rows of the caseload (the step's colour beside its number, an overdue next meeting in
bold dark red on red, days and steps right-aligned, alternating rows, the sort arrow on the
name), the count below the list, and the empty right side with its dividers.

It reads the same file with ``sqlite3``: the count from ``caseload_counts``, the first page with
the same SQL as the list-only floor (``startup_child.FIRST_PAGE``), the steps and target groups
for the filters. Like Trappe, it never touches PySide's ``Qt`` namespace (its Python enums cost
some 30 ms to build): roles and alignments are plain ints.
"""

from __future__ import annotations

from typing import Any

# Item roles and an alignment as ints (see the docstring).
_DECORATION, _FONT, _ALIGNMENT, _BACKGROUND, _FOREGROUND = 1, 6, 7, 8, 9
_ALIGN_RIGHT = 0x0002 | 0x0080  # AlignRight | AlignVCenter
_VERTICAL = 2

TOOLBAR = [
    ("Ny borger", True),
    ("Registrér møde", False),
    None,
    ("Fortryd", False),
    ("Gentag", False),
    None,
    ("Udskriv dialogark", True),
    ("Dialogtilstand", False),
]
MENUS = ["&Filer", "&Redigér", "&Borger", "&Vis", "&Hjælp"]
NEXT_MEETING = [
    "Alle samtaler",
    "Næste samtale overskredet",
    "Samtale i denne uge",
    "Samtale i næste uge",
    "Ingen samtale aftalt",
]
HEADERS = ["Navn", "Id", "Målgruppe", "Trin", "Dage", "Næste samtale"]

# The first page with what its cells need: the step's colour and whether the meeting is due.
PAGE_EXTRAS = """
SELECT coalesce(s.colour, ''), c.next_meeting_on IS NOT NULL AND c.next_meeting_on < ?
FROM citizens c INDEXED BY citizens_by_name_key
LEFT JOIN steps s ON s.id = c.current_step_id
WHERE c.status = 'active'
ORDER BY c.name_key, c.status, c.id
LIMIT 50
"""


def build_screen(db: str, first_page: str) -> tuple[Any, Any]:
    """The window (shown maximised) and its list view."""
    import sqlite3
    from datetime import date

    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import (
        QCheckBox,
        QComboBox,
        QGridLayout,
        QHBoxLayout,
        QLabel,
        QLineEdit,
        QMainWindow,
        QSpinBox,
        QSplitter,
        QTableView,
        QVBoxLayout,
        QWidget,
    )

    today = date.today().isoformat()
    conn = sqlite3.connect(db)
    count = conn.execute(
        "SELECT coalesce(sum(n), 0) FROM caseload_counts WHERE status = 'active'"
    ).fetchone()[0]
    rows = conn.execute(first_page, (today,)).fetchall()
    extras = conn.execute(PAGE_EXTRAS, (today,)).fetchall()
    groups = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM target_groups WHERE retired_on IS NULL ORDER BY position, id"
        )
    ]
    steps = [
        r[0]
        for r in conn.execute("SELECT title FROM steps WHERE retired_on IS NULL ORDER BY position")
    ]

    window = QMainWindow()
    window.setWindowTitle(db.rsplit("/", 1)[-1] + " (ukrypteret) — Trappe")
    for title in MENUS:
        window.menuBar().addMenu(title)
    toolbar = window.addToolBar("Værktøjslinje")
    for entry in TOOLBAR:
        if entry is None:
            toolbar.addSeparator()
            continue
        action = toolbar.addAction(entry[0])
        action.setEnabled(entry[1])

    pane = QWidget()
    search = QLineEdit(pane)
    search.setPlaceholderText("Søg på navn, CPR- eller sagsnummer")
    search.setClearButtonEnabled(True)

    def combo(items: list[str]) -> QComboBox:
        box = QComboBox(pane)
        box.addItems(items)
        return box

    status = combo(["Aktive forløb", "Afsluttede forløb", "Alle forløb"])
    group = combo(["Alle målgrupper", *groups])
    step = combo(["Alle trin"] + [f"{i + 1}. {t}" for i, t in enumerate(steps)])
    meeting = combo(NEXT_MEETING)
    for box in (group, step, meeting):
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(12)
    weeks = QSpinBox(pane)
    weeks.setRange(1, 520)
    weeks.setValue(12)
    weeks.setSuffix(" uger")
    grid = QGridLayout()
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(6)

    def label(text: str, buddy: QWidget) -> QLabel:
        lab = QLabel(text, pane)
        lab.setBuddy(buddy)
        return lab

    grid.addWidget(label("F&orløb:", status), 0, 0)
    grid.addWidget(status, 0, 1)
    grid.addWidget(QCheckBox("Kun mine borgere", pane), 0, 2, 1, 2)
    grid.addWidget(label("&Målgruppe:", group), 1, 0)
    grid.addWidget(group, 1, 1)
    grid.addWidget(label("&Trin:", step), 1, 2)
    grid.addWidget(step, 1, 3)
    grid.addWidget(label("&Samtale:", meeting), 2, 0)
    grid.addWidget(meeting, 2, 1)
    stale = QHBoxLayout()
    stale.addWidget(QCheckBox("Ingen bevægelse i", pane))
    stale.addWidget(weeks)
    stale.addStretch(1)
    grid.addLayout(stale, 2, 2, 1, 2)
    grid.setColumnStretch(1, 1)
    grid.setColumnStretch(3, 1)

    model = QStandardItemModel(len(rows), 6)
    model.setHorizontalHeaderLabels(HEADERS)
    bold = QFont()
    bold.setBold(True)
    colours: dict[str, QColor] = {}
    overdue_bg, overdue_fg = QColor("#f8d7d3"), QColor("#8a1c10")
    for r, (row, (colour, overdue)) in enumerate(zip(rows, extras, strict=True)):
        for c, value in enumerate(row):
            item = QStandardItem(str(value))
            if c in (3, 4):
                item.setData(_ALIGN_RIGHT, _ALIGNMENT)
            if c == 3 and colour:
                item.setData(colours.setdefault(colour, QColor(colour)), _DECORATION)
            if c == 5 and overdue:
                item.setData(overdue_bg, _BACKGROUND)
                item.setData(overdue_fg, _FOREGROUND)
                item.setData(bold, _FONT)
            model.setItem(r, c, item)
    view = QTableView(pane)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionResizeMode(0, header.ResizeMode.Stretch)
    fm = view.fontMetrics()
    for col, width in (
        (1, fm.horizontalAdvance("010190-****") + 16),
        (2, fm.horizontalAdvance("Aktivitetspar") + 12),
        (3, fm.horizontalAdvance("Trin") + 30),
        (4, fm.horizontalAdvance("Dage") + 30),
        (5, max(fm.horizontalAdvance("00-00-0000") + 20, fm.horizontalAdvance(HEADERS[5]) + 30)),
    ):
        header.resizeSection(col, round(width))
    # The sort arrow on the name, ascending: set in the header's saved state (format 0), as
    # Trappe does, since ``setSortIndicator`` takes a ``Qt.SortOrder``.
    state = bytearray(header.saveState().data())
    state[12:16], state[16:20], state[20] = bytes(4), bytes(4), 1
    header.restoreState(QByteArray(bytes(state)))

    layout = QVBoxLayout(pane)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.addWidget(search)
    layout.addLayout(grid)
    layout.addWidget(view, 1)
    layout.addWidget(QLabel(f"{count:,} borgere".replace(",", "."), pane))

    right = QSplitter()
    right.setProperty("orientation", _VERTICAL)
    right.addWidget(QWidget())
    right.addWidget(QWidget())
    right.setStretchFactor(0, 3)
    right.setStretchFactor(1, 2)
    right.setSizes([400, 400])
    centre = QWidget()
    centre_layout = QVBoxLayout(centre)
    centre_layout.setContentsMargins(6, 6, 6, 0)
    centre_layout.addWidget(right)
    split = QSplitter()
    split.addWidget(pane)
    split.addWidget(centre)
    split.setStretchFactor(0, 0)
    split.setStretchFactor(1, 1)
    split.setSizes([560, 806])
    window.setCentralWidget(split)
    window.statusBar()
    window.showMaximized()
    return window, view
