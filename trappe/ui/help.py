"""*Hjælp → Brugervejledning* (F1): the Danish user guide, in a window beside the program.

The guide's Markdown pages and screenshots live in ``docs/guide/`` and ship as the package
``trappe._guide`` (``trappe.paths.guide_path``). A ``QTextBrowser`` shows them: links between
pages work, the pictures are found beside the pages, links to the web open in the browser.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trappe.paths import guide_path

INDEX = "index.md"


class GuideBrowser(QTextBrowser):
    """A text browser that reads Markdown pages and sends web links to the system browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guide_browser")
        self.setOpenLinks(True)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._external)

    def _external(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            self.setSource(self.historyUrl(0))  # stay on the page


class GuideWindow(QDialog):
    """The guide in its own window, not modal: it can stay open while the user works."""

    def __init__(self, parent: QWidget | None = None, page: str = INDEX) -> None:
        super().__init__(parent)
        self.setObjectName("guide_window")
        self.setWindowTitle(self.tr("Trappe – brugervejledning"))
        self.setModal(False)
        self.browser = GuideBrowser(self)
        back = QPushButton(self.tr("< &Tilbage"), self)
        back.setObjectName("guide_back")
        back.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(back.setEnabled)
        back.setEnabled(False)
        home = QPushButton(self.tr("&Indhold"), self)
        home.setObjectName("guide_home")
        home.clicked.connect(lambda: self.show_page(INDEX))
        close = QPushButton(self.tr("&Luk"), self)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addWidget(home)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self, self.browser.backward)
        self.resize(820, 760)
        self.show_page(page)

    def show_page(self, page: str) -> None:
        self.browser.setSource(QUrl.fromLocalFile(str(guide_path(page))))

    def page(self) -> str:
        return self.browser.source().fileName()


def show_guide(window: QWidget, page: str = INDEX) -> GuideWindow:
    """Open the guide beside ``window`` (one guide window; raised if already open)."""
    guide = window.findChild(GuideWindow, "guide_window")
    if guide is None:
        guide = GuideWindow(window, page)
    else:
        guide.show_page(page)
    guide.show()
    guide.raise_()
    guide.activateWindow()
    return guide
