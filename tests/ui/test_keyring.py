"""The keyring remembers an encrypted database's raw key, never its passphrase: a remembered
database opens without asking and without the key derivation; an older Trappe's remembered
passphrase is replaced by the raw key; a change of passphrase updates or forgets the entry,
and a stale entry is forgotten and the passphrase asked for."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

keyring = pytest.importorskip("keyring")
pytest.importorskip("sqlcipher3")

from keyring.backend import KeyringBackend  # noqa: E402

from trappe.model import cipher_key, citizens, crypto  # noqa: E402
from trappe.model.cipher_key import KEYRING_PREFIX, CipherKey  # noqa: E402
from trappe.model.entities import Actor, CitizenInput  # noqa: E402
from trappe.model.store import open_store  # noqa: E402
from trappe.ui import passphrase  # noqa: E402
from trappe.ui.main_window import MainWindow  # noqa: E402
from trappe.ui.passphrase import KEYRING_SERVICE, Answer  # noqa: E402

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

KEY = "korrekt hest batteri"
NEW = "en helt anden frase"


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


@pytest.fixture
def ring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "k.sqlite"
    with open_store(path, Actor("Test"), key=KEY) as s:
        citizens.create_citizen(s, CitizenInput(name="Åse"))
    return path


@pytest.fixture
def derivations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = cipher_key.derive

    def derive(passphrase: str, salt: bytes) -> CipherKey:
        calls.append(1)
        return real(passphrase, salt)

    monkeypatch.setattr(cipher_key, "derive", derive)
    return calls


def _entry(ring: MemoryKeyring, path: Path) -> str | None:
    return ring.entries.get((KEYRING_SERVICE, str(path.absolute())))


def _window(qtbot, prefs) -> MainWindow:
    w = MainWindow(prefs)
    qtbot.addWidget(w)
    return w


def _asks(monkeypatch, *answers: Answer) -> list[Path]:
    asked: list[Path] = []
    queue = list(answers)

    def fake_ask(parent, path, **kwargs):
        asked.append(path)
        return queue.pop(0) if queue else None

    monkeypatch.setattr(passphrase, "ask", fake_ask)
    return asked


def test_remembered_database_opens_with_the_raw_key(
    qtbot, prefs, db, ring, derivations, monkeypatch, no_message_boxes
):
    asked = _asks(monkeypatch, Answer(KEY, remember=True))
    w = _window(qtbot, prefs)
    assert w.open_database(db, first_start=False) and len(asked) == 1
    entry = _entry(ring, db)
    assert entry is not None and entry.startswith(KEYRING_PREFIX) and KEY not in entry
    assert len(derivations) == 1
    w.database.set_store(None)

    again = _window(qtbot, prefs)
    assert again.open_database(db, first_start=False)
    assert len(asked) == 1 and len(derivations) == 1  # not asked, not derived
    assert citizens.get_citizen(again.store, 1).name == "Åse"
    again.close()
    w.close()


def test_an_older_remembered_passphrase_is_replaced_by_the_raw_key(
    qtbot, prefs, db, ring, derivations, monkeypatch, no_message_boxes
):
    ring.set_password(KEYRING_SERVICE, str(db.absolute()), KEY)  # what Trappe kept before
    asked = _asks(monkeypatch)
    w = _window(qtbot, prefs)
    assert w.open_database(db, first_start=False) and asked == []
    entry = _entry(ring, db)
    assert entry is not None and entry.startswith(KEYRING_PREFIX) and KEY not in entry
    w.close()


def test_change_of_passphrase_updates_or_forgets_the_entry(
    qtbot, prefs, db, ring, monkeypatch, no_message_boxes
):
    _asks(monkeypatch, Answer(KEY, remember=True), Answer(NEW, remember=True))
    w = _window(qtbot, prefs)
    assert w.open_database(db, first_start=False)
    old = CipherKey.from_keyring(_entry(ring, db) or "")
    w.encryption.change_passphrase()
    new = CipherKey.from_keyring(_entry(ring, db) or "")
    assert old is not None and new is not None and not new.same_as(old)
    assert new.same_as(w.store.key)

    _asks(monkeypatch, Answer("endnu en frase", remember=False))
    w.encryption.change_passphrase()
    assert _entry(ring, db) is None  # the remembered key no longer opens it: forgotten
    w.close()


def test_a_stale_remembered_key_is_forgotten_and_the_passphrase_asked(
    qtbot, prefs, db, ring, monkeypatch, no_message_boxes
):
    with open_store(db, Actor("Test"), key=KEY) as s:
        passphrase.remember(db, s.key)
        crypto.change_passphrase(s, NEW)  # e.g. by another Trappe
    asked = _asks(monkeypatch, Answer(NEW, remember=False))
    w = _window(qtbot, prefs)
    assert w.open_database(db, first_start=False)
    assert asked == [db.absolute()] and _entry(ring, db) is None
    w.close()


def test_new_and_converted_databases_remember_the_raw_key(
    qtbot, prefs, tmp_path, ring, derivations, monkeypatch, no_message_boxes
):
    from trappe.ui import file_dialogs

    target = tmp_path / "ny.sqlite"
    monkeypatch.setattr(file_dialogs, "ask_new_database", lambda *a, **k: target)
    monkeypatch.setattr("trappe.ui.welcome.run_welcome", lambda *a, **k: None)
    _asks(monkeypatch, Answer(KEY, remember=True))
    w = _window(qtbot, prefs)
    w.database.new_database()
    stored = CipherKey.from_keyring(_entry(ring, target) or "")
    assert stored is not None and stored.same_as(w.store.key) and len(derivations) == 1

    plain = tmp_path / "plain.sqlite"
    with open_store(plain, Actor("Test")) as s:
        citizens.create_citizen(s, CitizenInput(name="Bo"))
    assert w.open_database(plain, first_start=False)
    _asks(monkeypatch, Answer(NEW, remember=True))
    w.encryption.encrypt_database()
    assert w.store.path == plain.absolute() and w.store.encrypted
    assert len(derivations) == 2  # converted and reopened with one derivation
    stored = CipherKey.from_keyring(_entry(ring, plain) or "")
    assert stored is not None and stored.same_as(w.store.key)
    w.close()
