"""The crash dialog itself (``trappe.ui.crash`` shows it); imported only when a bug happens,
so its widgets stay off the start path.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class CrashDialog(QDialog):
    """Says what happened in plain Danish; the technical details can be copied."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crash_dialog")
        self.setWindowTitle(self.tr("Uventet fejl i Trappe"))
        self.quit_requested = False
        intro = QLabel(
            self.tr(
                "Der opstod en uventet fejl. Det, du allerede har gemt, er ikke gået tabt.\n"
                "Du kan fortsætte, men gem ikke noget vigtigt, før du har genstartet Trappe.\n"
                "Kopiér detaljerne og send dem til jeres IT-support."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("crash_details")
        self.details.setReadOnly(True)
        self.details.setPlainText(details)
        self.details.setAccessibleName(self.tr("Tekniske detaljer"))
        self.details.setMinimumSize(560, 220)

        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("Kopiér detaljer"), self)
        self.copy_button.setObjectName("crash_copy")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.continue_button = buttons.addButton(
            self.tr("Fortsæt"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.quit_button = buttons.addButton(
            self.tr("Afslut Trappe"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.copy_button.clicked.connect(self.copy_details)
        self.continue_button.clicked.connect(self.accept)
        self.quit_button.clicked.connect(self._quit)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText(self.tr("Kopieret"))

    def _quit(self) -> None:
        self.quit_requested = True
        self.reject()
