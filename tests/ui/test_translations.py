"""The English translation: complete, compiled, loadable; and Qt's Danish for standard buttons."""

from __future__ import annotations

import importlib.util
import shutil
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QDialogButtonBox

from trappe.ui.settings_dialog import SettingsDialog
from trappe.ui.widgets import category_labels, responsible_labels

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"  # the source files, as the tool writes them
TS = TRANSLATIONS / "trappe_en.ts"
QM = TRANSLATIONS / "trappe_en.qm"


def _load_tool():
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "tools" / "update_translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def english(qapp) -> Iterator[QTranslator]:
    translator = QTranslator()
    assert translator.load(str(QM)), QM
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


@pytest.fixture
def qt_danish(qapp) -> Iterator[QTranslator]:
    translator = QTranslator()
    assert translator.load("qtbase_da", str(TRANSLATIONS))
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


def test_known_strings_translate_to_english(english):
    t = QCoreApplication.translate
    assert t("SettingsDialog", "Indstillinger") == "Settings"
    assert t("MeetingDialog", "&Tilføj aftale") == "&Add agreement"
    assert t("CloseCitizenDialog", "Afslut forløb") == "Close course"
    assert t("Labels", "Borger") == "Citizen"
    assert t("Actions", "&Ny borger…") == "&New citizen…"
    assert t("StaircaseEditor", "&Gem trin") == "&Save step"
    assert t("NoSuchContext", "Indstillinger") == "Indstillinger"


def test_dialogs_and_labels_follow_the_translator(qtbot, store, prefs, english):
    assert responsible_labels()[next(iter(responsible_labels()))] == "Citizen"
    assert "Company-oriented activity" in category_labels().values()
    dialog = SettingsDialog(store, prefs)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Settings"
    assert dialog.tabs.tabText(2) == "&Staircase"


def test_without_a_translator_the_ui_is_danish(qtbot, store, prefs):
    dialog = SettingsDialog(store, prefs)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Indstillinger"
    assert dialog.tabs.tabText(2) == "&Trappe"


def test_shipped_qtbase_da_gives_danish_standard_buttons(qtbot, qt_danish):
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Close
    )
    qtbot.addWidget(buttons)
    texts = {b.text().replace("&", "") for b in buttons.buttons()}
    assert texts == {"Gem", "Annuller", "Luk"}


def test_every_message_in_the_ts_has_an_english_translation():
    root = ET.parse(TS).getroot()
    assert root.get("sourcelanguage") == "da_DK" and root.get("language") == "en_GB"
    untranslated = []
    count = 0
    for context in root.iter("context"):
        for message in context.iter("message"):
            count += 1
            translation = message.find("translation")
            forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
            if translation.get("type") is not None or not all(forms):
                untranslated.append((context.findtext("name"), message.findtext("source")))
    assert count > 300
    assert untranslated == []


@pytest.mark.skipif(
    shutil.which("pyside6-lupdate") is None
    and not (Path(sys.executable).parent / "pyside6-lupdate").exists(),
    reason="pyside6-lupdate is not installed",
)
def test_ts_covers_every_string_in_the_code_and_qm_is_current(capsys):
    """Fails when a tr() string was added without running tools/update_translations.py."""
    status = _load_tool().check()
    assert status == 0, "run tools/update_translations.py:\n" + capsys.readouterr().out
