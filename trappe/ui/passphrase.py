"""The passphrase of an encrypted database: asked at start (and for a new database, twice),
never stored. If the user asks, the operating system's keyring remembers the database's raw
key (derived from the passphrase, ``trappe.model.cipher_key``), not the passphrase: a
remembered database opens without the key derivation, and the keyring never holds a
passphrase the user may also use elsewhere (docs/architecture.md, "Encryption keys").

After five wrong tries the dialog makes the user wait before the next, longer each time, so a
stolen laptop's database cannot be tried quickly through the program.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from trappe.model.cipher_key import CipherKey
from trappe.model.crypto import MIN_PASSPHRASE, check_new_passphrase
from trappe.model.errors import TrappeError, ValidationError
from trappe.ui.window_part import WindowPart, guarded

log = logging.getLogger("trappe.ui.passphrase")

KEYRING_SERVICE = "Trappe"
FREE_TRIES = 5


def wait_seconds(failures: int) -> int:
    """How long to wait before the next try: 0 for the first five, then 2, 4, 8 … 300 s."""
    if failures < FREE_TRIES:
        return 0
    return min(300, 2 ** (failures - FREE_TRIES + 1))


# -- the keyring (optional) -------------------------------------------------------------------
def keyring_available() -> bool:
    try:
        import keyring
        from keyring.backends import fail

        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception:  # no keyring package or no backend: the option is simply not offered
        return False


def remembered(path: Path) -> CipherKey | str | None:
    """The raw key the keyring holds for ``path`` (the caller wipes it when done); an entry
    an earlier Trappe made holds the passphrase itself, returned as text (and replaced by
    the raw key once it has opened the database)."""
    try:
        import keyring

        text = keyring.get_password(KEYRING_SERVICE, str(Path(path).absolute()))
    except Exception as exc:
        log.info("keyring lookup failed: %s", type(exc).__name__)
        return None
    if not text:
        return None
    return CipherKey.from_keyring(text) or text


def remember(path: Path, key: CipherKey | None) -> None:
    """Store (or, with None, forget) the raw key of ``path`` in the keyring."""
    try:
        import keyring

        if key is None:
            keyring.delete_password(KEYRING_SERVICE, str(Path(path).absolute()))
        else:
            keyring.set_password(KEYRING_SERVICE, str(Path(path).absolute()), key.to_keyring())
    except Exception as exc:
        log.info("keyring update failed: %s", type(exc).__name__)


class PassphraseDialog(QDialog):
    """Ask for the passphrase of ``path`` (``new``: choose one, typed twice)."""

    def __init__(
        self,
        path: Path,
        parent: QWidget | None = None,
        *,
        new: bool = False,
        allow_plain: bool = False,
        failures: int = 0,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passphrase_dialog")
        self.new = new
        self.passphrase: str | None = None
        self.plain = False
        self.setWindowTitle(
            QCoreApplication.translate("Passphrase", "Ny krypteret database")
            if new
            else QCoreApplication.translate("Passphrase", "Krypteret database")
        )
        if new:
            text = QCoreApplication.translate(
                "Passphrase",
                "Databasen «%1» bliver krypteret, så ingen kan læse den uden adgangsfrasen, "
                "heller ikke hvis computeren bliver stjålet.\n\nVælg en adgangsfrase på mindst "
                "%2 tegn, gerne flere ord. Skriv den ned et sikkert sted: glemmer I den, kan "
                "data ikke gendannes.",
            )
        else:
            text = QCoreApplication.translate(
                "Passphrase", "Databasen «%1» er krypteret. Skriv adgangsfrasen for at åbne den."
            )
        intro = QLabel(text.replace("%1", Path(path).name).replace("%2", str(MIN_PASSPHRASE)), self)
        intro.setWordWrap(True)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("passphrase_edit")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(QCoreApplication.translate("Passphrase", "Adgangsfrase"))
        self.repeat = QLineEdit(self)
        self.repeat.setObjectName("passphrase_repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(
            QCoreApplication.translate("Passphrase", "Gentag adgangsfrasen")
        )
        self.repeat.setVisible(new)
        self.show_box = QCheckBox(
            QCoreApplication.translate("Passphrase", "Vis adgangsfrasen"), self
        )
        self.show_box.toggled.connect(self._show)
        self.remember_box = QCheckBox(
            QCoreApplication.translate(
                "Passphrase", "Husk adgangsfrasen på denne computer (i systemets nøglering)"
            ),
            self,
        )
        self.remember_box.setObjectName("passphrase_remember")
        self.remember_box.setVisible(keyring_available())
        self.plain_box = QCheckBox(
            QCoreApplication.translate(
                "Passphrase", "Uden kryptering (kun til en øvelses- eller demodatabase)"
            ),
            self,
        )
        self.plain_box.setObjectName("passphrase_plain")
        self.plain_box.setVisible(new and allow_plain)
        self.plain_box.toggled.connect(self._plain_toggled)
        self.error = QLabel(self)
        self.error.setObjectName("passphrase_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8a1c10")
        self.error.hide()
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("Passphrase", "Adgangsfrase:"), self.edit)
        if new:
            form.addRow(QCoreApplication.translate("Passphrase", "Gentag:"), self.repeat)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(
            QCoreApplication.translate("Passphrase", "Opret") if new else
            QCoreApplication.translate("Passphrase", "Åbn")
        )  # fmt: skip
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.show_box)
        layout.addWidget(self.remember_box)
        layout.addWidget(self.plain_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._wait = 0
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self.set_failures(failures)

    def _show(self, on: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)
        self.repeat.setEchoMode(mode)

    def _plain_toggled(self, on: bool) -> None:
        for w in (self.edit, self.repeat, self.show_box, self.remember_box):
            w.setEnabled(not on)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def set_failures(self, failures: int) -> None:
        """Wrong tries so far; from the sixth on, the user must wait before trying again."""
        self._wait = wait_seconds(failures)
        if self._wait:
            self.ok_button.setEnabled(False)
            self._tick(start=True)
            self._timer.start()

    def _tick(self, start: bool = False) -> None:
        if not start:
            self._wait -= 1
        if self._wait <= 0:
            self._timer.stop()
            self.ok_button.setEnabled(True)
            self.error.hide()
            return
        self.show_error(
            QCoreApplication.translate(
                "Passphrase", "For mange forkerte forsøg. Vent %1 sekunder, og prøv igen."
            ).replace("%1", str(self._wait))
        )

    def accept(self) -> None:
        if self._wait > 0:
            return
        if self.new and self.plain_box.isChecked():
            self.plain = True
            super().accept()
            return
        text = self.edit.text()
        try:
            if self.new:
                check_new_passphrase(text, self.repeat.text())
            elif not text:
                raise ValidationError(
                    "passphrase", QCoreApplication.translate("Passphrase", "Skriv adgangsfrasen.")
                )
        except ValidationError as exc:
            self.show_error(exc.message)
            return
        self.passphrase = text
        super().accept()


class Answer:
    def __init__(self, passphrase: str | None, remember: bool, plain: bool = False) -> None:
        self.passphrase, self.remember, self.plain = passphrase, remember, plain


def ask(
    parent: QWidget | None,
    path: Path,
    *,
    new: bool = False,
    allow_plain: bool = False,
    failures: int = 0,
    error: str = "",
) -> Answer | None:
    """Run the dialog; None if the user cancels (tests replace this function)."""
    dialog = PassphraseDialog(path, parent, new=new, allow_plain=allow_plain, failures=failures)
    if error and not wait_seconds(failures):
        dialog.show_error(error)
    try:
        if not dialog.exec():
            return None
        return Answer(dialog.passphrase, dialog.remember_box.isChecked(), dialog.plain)
    finally:
        dialog.deleteLater()


class EncryptionController(WindowPart):
    """Filer → Skift adgangsfrase…, Kryptér databasen…, Gem ukrypteret kopi…"""

    @guarded
    def change_passphrase(self) -> None:
        from trappe.model import crypto

        w = self.window
        if w.store is None or w.store.key is None:
            return
        answer = ask(w, w.store.path, new=True)
        if answer is None or answer.passphrase is None:
            return
        w.backups.wait()
        crypto.change_passphrase(w.store, answer.passphrase)
        # The old raw key no longer opens the file: replace or forget a remembered one.
        stale = remembered(w.store.path)
        if isinstance(stale, CipherKey):
            stale.wipe()
        if answer.remember or stale is not None:
            remember(w.store.path, w.store.key if answer.remember else None)
        QMessageBox.information(
            w,
            QCoreApplication.translate("Passphrase", "Adgangsfrasen er skiftet"),
            QCoreApplication.translate(
                "Passphrase",
                "Databasen bruger nu den nye adgangsfrase. Sikkerhedskopier fra før skiftet "
                "åbnes stadig med den gamle.",
            ),
        )

    @guarded
    def encrypt_database(self) -> None:
        from trappe.model import crypto

        w = self.window
        if w.store is None or w.store.key is not None:
            return
        path = w.store.path
        answer = ask(w, path, new=True)
        if answer is None or answer.passphrase is None:
            return
        w.backups.wait()
        w.set_store(None)
        try:
            result = crypto.convert(path, None, answer.passphrase)
        except TrappeError as exc:
            self.show_error(exc.message)
            w.open_database(path, first_start=False)
            return
        try:
            # The new raw key: the database opens without deriving it again.
            if w.open_database(path, first_start=False, key=result.key) and answer.remember:
                remember(path, result.key)
        finally:
            if result.key is not None:
                result.key.wipe()
        text = QCoreApplication.translate("Passphrase", "Databasen er nu krypteret.")
        if result.plain_copies:
            text += "\n\n" + QCoreApplication.translate(
                "Passphrase",
                "Der ligger stadig %1 ukrypterede sikkerhedskopier i mappen %2. Slet dem, "
                "når du har tjekket, at alt er i orden (eller lad dem rotere ud).",
            ).replace("%1", str(len(result.plain_copies))).replace(
                "%2", str(result.plain_copies[0].parent)
            )
        QMessageBox.information(w, QCoreApplication.translate("Passphrase", "Krypteret"), text)

    @guarded
    def export_plain(self) -> None:
        from trappe.model import crypto
        from trappe.ui import file_dialogs

        w = self.window
        if w.store is None:
            return
        target = file_dialogs.ask_save(
            w,
            QCoreApplication.translate("Passphrase", "Gem ukrypteret kopi"),
            file_dialogs.documents_folder() / f"{w.store.path.stem}-ukrypteret.sqlite",
            file_dialogs.database_filters(),
            "sqlite",
        )
        if target is None:
            return
        crypto.export_plain(w.store, target)
        w.status(
            QCoreApplication.translate(
                "Passphrase", "Ukrypteret kopi gemt i %1. Den er ikke beskyttet: pas på den."
            ).replace("%1", str(target))
        )
