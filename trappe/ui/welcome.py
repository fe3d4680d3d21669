"""The first-run welcome: three short steps before the first citizen.

1. *Hvem er du?* Your name and role (they go into the audit log and onto the sheet).
2. *Hvilken database?* Only when the open database is empty: start it with the default
   staircase, or try Trappe on a demonstration database of invented citizens.
3. *Hvor ligger data?* Where the database file is, how the automatic backups work, and that
   your own settings stay on this computer.

``MainWindow`` calls ``run_welcome(window)`` after opening a database when the user has no
name yet or the database has no staircase. The wizard only gathers the answers;
``apply_welcome`` carries them out through the model.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from trappe.model.entities import Role
from trappe.model.validation import check_user_name_ok
from trappe.ui.database_controller import needs_welcome
from trappe.ui.preferences import USER_NAME, USER_ROLE, Preferences
from trappe.ui.widgets import role_labels

if TYPE_CHECKING:
    from trappe.ui.main_window import MainWindow

DEMO_CITIZENS = 120
DEMO_FILE = "trappe-demo.sqlite"


@dataclass(frozen=True)
class WelcomeAnswers:
    name: str
    role: Role
    start_with: str  # "defaults", "demo" or "keep" (the database already has a staircase)


def _text(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setOpenExternalLinks(False)
    return label


class WhoPage(QWizardPage):
    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_who")
        self.setTitle(self.tr("Velkommen til Trappe"))
        self.setSubTitle(
            self.tr(
                "Trappe er trappemodellen på skærm og papir: hvor står borgeren, og hvor går "
                "næste skridt hen? Først lidt om dig."
            )
        )
        self.name = QLineEdit(prefs.get(USER_NAME), self)
        self.name.setObjectName("welcome_name")
        self.name.setPlaceholderText(self.tr("F.eks. Mette Sørensen"))
        self.role = QComboBox(self)
        self.role.setObjectName("welcome_role")
        for role, label in role_labels().items():
            self.role.addItem(label, role.value)
        current = self.role.findData(prefs.get(USER_ROLE))
        self.role.setCurrentIndex(max(0, current))
        form = QFormLayout(self)
        form.addRow(self.tr("Dit &navn:"), self.name)
        form.addRow(self.tr("Din &rolle:"), self.role)
        form.addRow(
            _text(
                QLabel(
                    self.tr(
                        "Navnet og rollen skrives i loggen over ændringer og på dialogarket. "
                        "Du kan rette dem senere under Filer → Indstillinger."
                    ),
                    self,
                )
            )
        )
        self.registerField("name*", self.name)
        self.name.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return check_user_name_ok(self.name.text())


class DatabasePage(QWizardPage):
    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_database")
        self.setTitle(self.tr("Hvordan vil du begynde?"))
        self.setSubTitle(self.tr("Databasen «%1» er tom.").replace("%1", html.escape(db_path.name)))
        self.defaults = QRadioButton(
            self.tr("&Rigtige borgere: en tom database med standardtrappen")
        )
        self.defaults.setObjectName("welcome_defaults")
        self.demo = QRadioButton(
            self.tr("&Prøv Trappe med %1 opdigtede borgere").replace("%1", str(DEMO_CITIZENS))
        )
        self.demo.setObjectName("welcome_demo")
        self.defaults.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.defaults)
        group.addButton(self.demo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.defaults)
        layout.addWidget(
            _text(
                QLabel(
                    self.tr(
                        "Standardtrappen har syv trin fra <i>Afklaring</i> til <i>Job eller "
                        "uddannelse</i> og de almindelige målgrupper. Kommunen kan omdøbe, "
                        "farve, tilføje og flytte trin under Indstillinger."
                    ),
                    self,
                )
            )
        )
        layout.addSpacing(8)
        layout.addWidget(self.demo)
        layout.addWidget(
            _text(
                QLabel(
                    self.tr(
                        "Demodatabasen (%1) ligger ved siden af og kan ikke forveksles med "
                        "rigtige data: navnene er opdigtede. Åbn den rigtige database igen "
                        "med Filer → Seneste databaser."
                    ).replace("%1", DEMO_FILE),
                    self,
                )
            )
        )
        layout.addStretch(1)

    def choice(self) -> str:
        return "demo" if self.demo.isChecked() else "defaults"


class DataPage(QWizardPage):
    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_data")
        self.setTitle(self.tr("Hvor ligger dine data?"))
        self.setSubTitle(self.tr("Alt ligger på denne computer. Intet sendes nogen steder hen."))
        folder = html.escape(str(db_path.parent))
        self.text = _text(
            QLabel(
                self.tr(
                    "<p><b>Databasen</b> er én fil:<br><code>%1</code></p>"
                    "<p><b>Sikkerhedskopier</b> laver Trappe selv, når programmet starter og "
                    "jævnligt mens det kører: en kontrolleret kopi i mappen "
                    "<code>backups</code> ved siden af databasen. Trappe gemmer de seneste "
                    "7 daglige, 4 ugentlige og 12 månedlige kopier og sletter de ældre. "
                    "Før en opgradering, en sletning af en borger og store ændringer af "
                    "trappen tages der også en kopi.</p>"
                    "<p>Kopierne ligger på samme computer: aftal med IT, at mappen "
                    "<code>%2</code> også tages med i kommunens egen backup.</p>"
                    "<p><b>Dine egne indstillinger</b> (navn, sprog, vinduets størrelse) "
                    "gemmes kun for dig på denne computer.</p>"
                    "<p>Tryk F1 for brugervejledningen når som helst.</p>"
                )
                .replace("%1", html.escape(str(db_path)))
                .replace("%2", folder),
                self,
            )
        )
        self.text.setObjectName("welcome_data_text")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)


class WelcomeWizard(QWizard):
    """Three pages; the database page only when the open database is empty."""

    def __init__(
        self, prefs: Preferences, db_path: Path, *, empty: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_wizard")
        self.setWindowTitle(self.tr("Velkommen til Trappe"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Næste >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Tilbage"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Kom i gang"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("&Spring over"))
        self.who = WhoPage(prefs, self)
        # (made only when it is a page: a page never added would be shown over the others)
        self.database = DatabasePage(db_path, self) if empty else None
        self.data = DataPage(db_path, self)
        self.addPage(self.who)
        if empty:
            self.addPage(self.database)
        self.addPage(self.data)
        self.typed_before_skip: WelcomeAnswers | None = None
        self.resize(620, 460)

    def done(self, result: int) -> None:
        """On «Spring over» (or Escape) QWizard resets the pages' registered fields to how
        they started; what was typed is read first, so the name is not lost."""
        if result == QWizard.DialogCode.Rejected:
            self.typed_before_skip = self.answers()
        super().done(result)

    def answers(self) -> WelcomeAnswers:
        return WelcomeAnswers(
            name=self.who.name.text().strip(),
            role=Role(self.who.role.currentData()),
            start_with=self.database.choice() if self.database is not None else "keep",
        )


def save_who(window: MainWindow, name: str, role: Role) -> None:
    """Save who the user is (the name and role the log and the sheet carry)."""
    window.prefs.set(USER_NAME, name)
    window.prefs.set(USER_ROLE, role.value)
    if window.store is not None:
        window.store.actor = window.prefs.actor()


def apply_welcome(window: MainWindow, answers: WelcomeAnswers) -> None:
    """Save who the user is and prepare the database they chose."""
    from trappe.model import staircase
    from trappe.model.demo import build_demo_database

    save_who(window, answers.name, answers.role)
    assert window.store is not None
    if answers.start_with == "defaults":
        staircase.install_defaults(window.store)
        window.reload_staircase()
    elif answers.start_with == "demo":
        demo = window.store.path.with_name(DEMO_FILE)
        if not demo.exists():
            build_demo_database(demo, window.prefs.actor(), citizens=DEMO_CITIZENS, seed=1)
        window.open_database(demo, first_start=False)
        window.status(
            QCoreApplication.translate(
                "MainWindow", "Demodatabasen med opdigtede borgere er åben: %1"
            ).replace("%1", str(demo))
        )


def run_welcome(window: MainWindow) -> bool:
    """Show the welcome if it is needed; True if the user went through it."""
    if window.store is None or not needs_welcome(window):
        return False
    empty = window.staircase is not None and not window.staircase.steps
    wizard = WelcomeWizard(window.prefs, window.store.path, empty=empty, parent=window)
    try:
        if not wizard.exec():
            # «Spring over» skips the questions not yet answered, not a name already typed.
            typed = wizard.typed_before_skip or wizard.answers()
            if check_user_name_ok(typed.name) and (
                typed.name != window.prefs.get(USER_NAME)
                or typed.role.value != window.prefs.get(USER_ROLE)
            ):
                save_who(window, typed.name, typed.role)
            return False
        apply_welcome(window, wizard.answers())
        return True
    finally:
        wizard.deleteLater()
