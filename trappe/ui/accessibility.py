"""Accessibility helpers: speak to screen readers, and name fields after their labels."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QWidget


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Have a screen reader speak ``text`` now: a confirmation (polite) or an error (assertive).

    A message that only appears somewhere on screen (the status bar, a label under a field)
    is otherwise never read out.
    """
    if not text:
        return
    # (QAccessible's many enums are built when it is first imported: not on the start path)
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if assertive
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)


def accessible_label(text: str) -> str:
    """A form label as a field's name: "&Målgruppe:" reads "Målgruppe"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":")


def name_fields(root: QWidget) -> int:
    """Name the fields under ``root`` for screen readers; returns how many it named.

    - A field gets its label's text as its accessible name (``QLabel.setBuddy``). Qt does
      that itself on Windows and macOS; on Linux it only adds a "labelled-by" relation, which
      not every screen reader or braille display follows. A name set explicitly is kept.
    - A combo box without a label (a row of fields with placeholders) gets a hidden label
      with its accessible name: on Linux Qt names a combo box by its current value, and only
      a label says what the box is for.
    """
    named = 0
    labelled: set[int] = set()
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is None or not label.text().strip():
            continue
        labelled.add(id(buddy))
        if not buddy.accessibleName():
            buddy.setAccessibleName(accessible_label(label.text()))
            named += 1
    for combo in root.findChildren(QComboBox):
        name = combo.accessibleName() or combo.toolTip()
        if id(combo) in labelled or not name or combo.parentWidget() is None:
            continue
        hidden = QLabel(name, combo.parentWidget())
        hidden.setObjectName("accessible_label")
        hidden.setBuddy(combo)
        hidden.hide()
        named += 1
    return named
