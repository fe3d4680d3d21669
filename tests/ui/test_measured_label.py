"""Labels that remember their size hints per text give exactly Qt's answers (issue 12 item 4)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from trappe.model import citizens, staircase
from trappe.ui.citizen_header import NAME_STYLE, CitizenHeader
from trappe.ui.history_pane import HistoryPane
from trappe.ui.measured_label import MeasuredLabel

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

TEXTS = (
    "",
    "Ingen aktiviteter registreret.",
    "• Praktik 12 timer/uge\n• Mentor 2 timer/uge\n• Danskundervisning, 6 timer/uge",
    "Et meget langt ord: Arbejdsmarkedsuddannelsescentervejledningsprogrammet og så videre",
    f"<span style='{NAME_STYLE}'>Anne-Marie Sørensen</span><br>010190-**** · Start\u00a001-02-2026",
    "Åbne aftaler (40)",
)


def made(cls: type[QLabel], rich: bool, font_px: int | None) -> QLabel:
    label = cls()
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setMargin(4)
    if font_px is not None:
        font = label.font()
        font.setPixelSize(font_px)
        label.setFont(font)
    return label


def answers(label: QLabel) -> list[object]:
    out: list[object] = [label.sizeHint(), label.minimumSizeHint()]
    out += [label.heightForWidth(w) for w in (0, 40, 130, 260, 600)]
    return out


@pytest.mark.parametrize("rich", [False, True])
def test_hints_are_qts_for_each_text_again_and_after_a_font_change(qapp, rich):
    remembering = made(MeasuredLabel, rich, None)
    for text in TEXTS * 2:  # the second round is answered from memory
        plain = made(QLabel, rich, None)
        plain.setText(remembering.text())  # (a label emptied is sized as one never given text)
        remembering.setText(text)
        plain.setText(text)
        assert answers(remembering) == answers(plain), text
    font = remembering.font()
    font.setPixelSize(19)
    remembering.setFont(font)  # forgets: the same texts are taller now
    for text in TEXTS:
        plain = made(QLabel, rich, 19)
        plain.setText(remembering.text())
        remembering.setText(text)
        plain.setText(text)
        assert answers(remembering) == answers(plain), text
    remembering.setMargin(11)  # so does another margin
    plain = made(QLabel, rich, 19)
    plain.setMargin(11)
    plain.setText(remembering.text())
    assert answers(remembering) == answers(plain)


def test_reopening_a_citizen_asks_qt_nothing_about_the_labels(
    qtbot, monkeypatch, store, citizen_with_history
):
    sc = staircase.load_staircase(store)
    record = citizens.get_citizen_record(store, citizen_with_history, log_read=False)
    pane = HistoryPane()
    header = CitizenHeader()
    for w in (pane, header):
        qtbot.addWidget(w)
        w.resize(1000, 320)
        w.show()
        qtbot.waitExposed(w)
    assert isinstance(pane.activities, MeasuredLabel)
    asked: list[str] = []
    for name in ("sizeHint", "minimumSizeHint", "heightForWidth"):
        qt = getattr(QLabel, name)
        monkeypatch.setattr(
            QLabel,
            name,
            lambda self, *a, qt=qt, name=name: (asked.append((name, self.text())), qt(self, *a))[1],
        )

    def show(r):
        pane.set_content(sc, r)
        header.set_content(sc, r)
        qtbot.wait(30)

    show(record)
    assert asked  # the first time, Qt measures the new words
    # (the header is painted from its own layout: it asks a label nothing)
    assert not any(text == header.rich_text() for _name, text in asked)
    show(None)
    asked.clear()
    show(record)
    assert asked == [], asked
