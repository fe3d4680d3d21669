"""The raw key (``trappe.model.cipher_key``): the passphrase is derived once per open; every
later connection (reader, reopen, backups, export, batch workers) is keyed with SQLCipher's
raw key; a wrong key is refused in Danish; a change of passphrase makes the old raw key
useless; and no key material lands in a file, a log or a worker's command line."""

from __future__ import annotations

import hashlib
import io
import logging
import pickle
import sys
from datetime import datetime
from pathlib import Path

import pytest

sqlcipher3 = pytest.importorskip("sqlcipher3")

from trappe.model import backup, cipher_key, citizens, connection, crypto  # noqa: E402
from trappe.model import store as store_module  # noqa: E402
from trappe.model.cipher_key import CipherKey  # noqa: E402
from trappe.model.entities import Actor, CitizenInput  # noqa: E402
from trappe.model.errors import StoreError, WrongPassphrase  # noqa: E402
from trappe.model.store import open_store  # noqa: E402

KEY = "korrekt hest batteri"
NEW = "en helt anden frase"
ACTOR = Actor("Test")


class KeySpy:
    """Counts key derivations (``cipher_key.derive``) and how each SQLCipher connection is
    keyed: ``raw`` or ``passphrase`` (SQLCipher's own KDF). Records no key material."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.derived = 0
        self.keyed: list[str] = []
        real_derive = cipher_key.derive
        store_module._sqlcipher()  # registers sqlcipher3's errors before the driver is wrapped
        spy = self

        def derive(passphrase: str, salt: bytes) -> CipherKey:
            spy.derived += 1
            return real_derive(passphrase, salt)

        class Connection(sqlcipher3.dbapi2.Connection):
            def execute(self, sql, *args):  # type: ignore[no-untyped-def]
                text = sql.lstrip().upper()
                if text.startswith(("PRAGMA KEY", "PRAGMA REKEY", "ATTACH")) and "KEY" in text:
                    if "\"X'" in text:
                        spy.keyed.append("raw")
                    elif not text.rstrip().endswith("KEY ''"):  # '' attaches a plain file
                        spy.keyed.append("passphrase")
                return super().execute(sql, *args)

        class Driver:
            def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
                return getattr(sqlcipher3, name)

            def connect(self, *args, **kwargs):  # type: ignore[no-untyped-def]
                return sqlcipher3.connect(*args, factory=Connection, **kwargs)

        monkeypatch.setattr(cipher_key, "derive", derive)
        monkeypatch.setattr(connection, "_sqlcipher", lambda: Driver())


def _encrypted(tmp_path: Path, name: str = "k.sqlite") -> Path:
    db = tmp_path / name
    with open_store(db, ACTOR, key=KEY) as s:
        citizens.create_citizen(s, CitizenInput(name="Åse Markørsen", identifier="010190-1234"))
    return db


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_derived_key_is_the_one_sqlcipher_derives(tmp_path):
    """A file keyed by SQLCipher from the passphrase opens with Trappe's raw key, and the
    reverse: the same KDF, parameters asked from the library."""
    made_by_sqlcipher = tmp_path / "sqlcipher.db"
    conn = sqlcipher3.connect(str(made_by_sqlcipher))
    conn.execute(f"PRAGMA key = '{KEY}'")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (42)")
    conn.commit()
    conn.close()
    raw = cipher_key.derive(KEY, made_by_sqlcipher.read_bytes()[:16])
    conn = store_module._connect(made_by_sqlcipher, timeout=1, key=raw)
    assert conn.execute("SELECT x FROM t").fetchone()[0] == 42
    conn.close()

    made_by_trappe = _encrypted(tmp_path)
    conn = sqlcipher3.connect(str(made_by_trappe))
    conn.execute(f"PRAGMA key = '{KEY}'")
    assert conn.execute("SELECT count(*) FROM citizens").fetchone()[0] == 1
    conn.close()
    assert cipher_key.kdf_parameters() == ("sha512", 256_000)


def test_one_key_derivation_per_open_every_other_connection_raw(tmp_path, monkeypatch):
    db = _encrypted(tmp_path)
    spy = KeySpy(monkeypatch)
    with open_store(db, ACTOR, key=KEY) as s:
        assert spy.derived == 1
        with s.reader() as r:  # a second connection for long reads
            assert r.scalar("SELECT count(*) FROM citizens") == 1
        info = backup.make_backup(s, "test")  # copy, verify, seal: three connections
        s.reopen()  # the footing check's reopen
        assert citizens.get_citizen(s, 1).name == "Åse Markørsen"
        crypto.export_plain(s, tmp_path / "ukrypteret.sqlite")
        shared = s.key.share()
        from trappe.sheet import batch

        batch._init_worker(str(db), ACTOR, shared)  # what a batch worker process runs
        assert not any(shared)  # adopted and zeroed
        batch._worker.pop("store").close()
    assert spy.derived == 1
    assert spy.keyed and set(spy.keyed) == {"raw"}
    # The backup carries the database's salt: the passphrase opens it as before.
    assert info.path.read_bytes()[:16] == db.read_bytes()[:16]
    assert backup.verify(info.path, KEY)


def test_a_new_database_and_a_conversion_derive_once(tmp_path, monkeypatch):
    spy = KeySpy(monkeypatch)
    new = tmp_path / "ny.sqlite"
    with open_store(new, ACTOR, key=KEY) as s:
        backup.make_backup(s, "test")
    assert spy.derived == 1
    plain = tmp_path / "plain.sqlite"
    with open_store(plain, ACTOR) as s:
        citizens.create_citizen(s, CitizenInput(name="Bo"))
    result = crypto.convert(plain, None, NEW)
    assert spy.derived == 2 and result.key is not None
    with open_store(plain, ACTOR, key=result.key) as s:  # the new raw key: no derivation
        assert citizens.get_citizen(s, 1).name == "Bo"
    assert spy.derived == 2 and set(spy.keyed) == {"raw"}
    result.key.wipe()
    with open_store(plain, ACTOR, key=NEW) as s:  # and the passphrase itself
        assert s.encrypted


def test_wrong_keys_are_refused_in_danish_and_the_file_untouched(tmp_path):
    db = _encrypted(tmp_path)
    other = _encrypted(tmp_path, "anden.sqlite")
    before = sha(db)
    with pytest.raises(WrongPassphrase) as err:
        open_store(db, ACTOR, key="forkert forkert")
    assert "Adgangsfrasen passer ikke" in err.value.message
    with open_store(other, ACTOR, key=KEY) as s:  # the same passphrase, another salt
        foreign = s.key.copy()
    with pytest.raises(WrongPassphrase) as err:
        open_store(db, ACTOR, key=foreign)
    assert "Adgangsfrasen passer ikke" in err.value.message
    wrong = CipherKey(bytes(32), db.read_bytes()[:16])  # the right salt, a wrong key
    wrong._material[0] = 1
    with pytest.raises(WrongPassphrase):
        open_store(db, ACTOR, key=wrong)
    assert sha(db) == before


def test_change_of_passphrase_makes_the_old_raw_key_useless(tmp_path, monkeypatch):
    db = _encrypted(tmp_path)
    s = open_store(db, ACTOR, key=KEY)
    try:
        held = s.key  # e.g. what a remembered entry or a worker would hold
        kept = s.key.copy()
        spy = KeySpy(monkeypatch)
        crypto.change_passphrase(s, NEW)
        assert spy.derived == 1 and held.wiped and s.key is not held
        assert db.read_bytes()[:16] == s.key.salt  # the file keeps its salt
        with s.reader() as r:  # later connections use the new key
            assert r.scalar("SELECT count(*) FROM citizens") == 1
        s.reopen()
        assert citizens.get_citizen(s, 1).name == "Åse Markørsen"
    finally:
        s.close()
    with pytest.raises(WrongPassphrase) as err:
        open_store(db, ACTOR, key=kept)
    assert "passer ikke" in err.value.message
    with pytest.raises(WrongPassphrase):
        open_store(db, ACTOR, key=KEY)
    with open_store(db, ACTOR, key=NEW) as s:
        assert s.encrypted
    newest = backup.list_backups(db)[0]
    assert newest.reason == "ny-adgangsfrase" and backup.verify(newest.path, NEW)


def test_the_key_is_wiped_hidden_and_never_pickled(tmp_path):
    db = _encrypted(tmp_path)
    s = open_store(db, ACTOR, key=KEY)
    reader = s.reader()
    assert reader.key is not s.key and reader.key.same_as(s.key)
    assert "hidden" in repr(s.key) and s.key.pragma() not in repr(s.key)
    with pytest.raises(TypeError):
        pickle.dumps(s.key)
    key = s.key
    s.close()
    assert key.wiped and not reader.key.wiped  # each store owns its copy
    with pytest.raises(StoreError):  # a thread asking a closed store for a reader
        s.reader()
    with pytest.raises(ValueError):
        key.pragma()
    reader.close()
    assert reader.key.wiped


def _material(key: CipherKey) -> list[bytes]:
    """Every form of the key that could land somewhere: raw bytes, hex either case, the
    keyring text, and the passphrases."""
    hexed = key._material.hex()
    return [
        bytes(key._material),
        hexed.encode(),
        hexed.upper().encode(),
        KEY.encode(),
        NEW.encode(),
    ]


def test_no_key_material_in_files_logs_or_output(tmp_path, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    db = _encrypted(tmp_path)
    forms: list[bytes] = []
    with open_store(db, ACTOR, key=KEY) as s:
        forms += _material(s.key)
        backup.make_backup(s, "test")
        with s.reader() as r:
            r.scalar("SELECT count(*) FROM citizens")
        s.reopen()
        crypto.change_passphrase(s, NEW)
        forms += _material(s.key)
        from trappe import sheet

        sheet.render_batch(s, [1], tmp_path / "ark.pdf")
    with pytest.raises(WrongPassphrase):
        open_store(db, ACTOR, key=KEY)
    out, err = capfd.readouterr()
    text = (caplog.text + out + err).encode()
    assert [f for f in forms if f in text] == []
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) >= 3
    for path in files:
        data = path.read_bytes()
        assert [f for f in forms if f in data] == [], path.name


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_batch_workers_get_the_raw_key_through_their_pipe(tmp_path):
    """Worker processes open the database with the raw key; it is not in their command line
    or environment, which other users of the machine can read."""
    import multiprocessing

    from trappe.sheet.batch import PartSpec, write_batch

    db = tmp_path / "k.sqlite"
    with open_store(db, ACTOR, key=KEY) as s:
        ids = [citizens.create_citizen(s, CitizenInput(name=f"Borger {i}")).id for i in range(4)]
    seen: list[bytes] = []
    with open_store(db, ACTOR, key=KEY) as s:
        forms = _material(s.key)

        def progress(done: int, total: int) -> None:
            for child in multiprocessing.active_children():
                for part in ("cmdline", "environ"):
                    seen.append(Path(f"/proc/{child.pid}/{part}").read_bytes())

        out = io.BytesIO()
        spec = PartSpec("Dialogark", datetime(2026, 11, 22, 9, 0), True, True)
        assert write_batch(s, ids, out, spec, workers=2, part_sheets=2, progress=progress) == 4
    assert out.getvalue()[:4] == b"%PDF" and seen
    assert [f for f in forms for blob in seen if f in blob] == []


def test_trappe_restore_works_on_an_encrypted_database_deriving_once(tmp_path, monkeypatch, capsys):
    """``trappe restore`` lists and restores an encrypted database's backups (it used to
    refuse them as failing their check), with one key derivation for the whole command."""
    from trappe.cli import main

    db = _encrypted(tmp_path)
    with open_store(db, ACTOR, key=KEY) as s:
        copy = backup.make_backup(s, "manuel").path
        citizens.create_citizen(s, CitizenInput(name="Efter kopien"))
    monkeypatch.setenv("TRAPPE_PASSPHRASE", KEY)
    spy = KeySpy(monkeypatch)
    assert main(["restore", "--db", str(db), "--list"]) == 0
    listed = capsys.readouterr().out
    assert copy.name in listed and "?" not in listed.split(copy.name)[0].splitlines()[-1]
    assert main(["restore", "--db", str(db), "--from", str(copy), "--user", "Tove"]) == 0
    assert "gendannet" in capsys.readouterr().out
    assert spy.derived == 2 and set(spy.keyed) == {"raw"}  # one per command
    with open_store(db, ACTOR, key=KEY) as s:
        assert s.scalar("SELECT count(*) FROM citizens") == 1
