"""When someone else saved the same citizen or meeting first: reload, or keep my text.

The model refuses an edit based on an older version (``EditConflict``, a Danish message
naming who changed what). The user chooses: *Genindlæs* shows the stored version and drops
their edit; *Behold min tekst* keeps the form open with their text, and the next *Gem*
saves it over the other version (a deliberate choice, no longer a silent overwrite).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from trappe.model.errors import EditConflict

RELOAD, KEEP = "reload", "keep"


def choose(parent: QWidget | None, conflict: EditConflict) -> str:
    """Ask; returns ``RELOAD`` or ``KEEP`` (tests replace this function)."""
    box = QMessageBox(parent)
    box.setObjectName("conflict_box")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Conflicts", "Ændret af en anden"))
    box.setText(conflict.message)
    reload = box.addButton(
        QCoreApplication.translate("Conflicts", "Genindlæs"), QMessageBox.ButtonRole.AcceptRole
    )
    keep = box.addButton(
        QCoreApplication.translate("Conflicts", "Behold min tekst"),
        QMessageBox.ButtonRole.RejectRole,
    )
    box.setDefaultButton(keep)
    box.exec()
    answer = RELOAD if box.clickedButton() is reload else KEEP
    box.deleteLater()
    return answer
