"""Every file dialog in Trappe: Danish, starting in Documents, and never reading a file.

Why one module: Qt's own file dialog asks ``QMimeDatabase`` for each file's icon and type,
and that *opens and reads* files to sniff their contents — ``trappe.sqlite-wal`` and
``-shm`` included. On POSIX, closing any descriptor of a file drops every lock the process
holds on it (SQLite's "How To Corrupt An SQLite Database File", §2.2); another program then
believes it is the last user, checkpoints, and deletes the WAL the open store still writes
to, and saves are lost. Native dialogs (GTK, the Windows shell) load thumbnailers and
property handlers into the process that do the same, and we cannot stop them. So every
dialog here is Qt's widget dialog with ``PlainIconProvider``, which decides icon and type
from the name alone. ``tests/ui/test_file_dialogs.py`` checks with ``strace`` that the
database files are never opened.

Tests replace ``ask_open``/``ask_save`` (or the functions built on them) with fakes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileInfo, QStandardPaths
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QStyle,
    QWidget,
)


class PlainIconProvider(QAbstractFileIconProvider):
    """Icons and type names from the file name only; never opens a file (see module doc)."""

    def icon(self, what: object) -> QIcon:  # type: ignore[override]
        style = QApplication.style()
        if isinstance(what, QFileInfo):
            pixmap = QStyle.StandardPixmap
            return style.standardIcon(pixmap.SP_DirIcon if what.isDir() else pixmap.SP_FileIcon)
        if what == QAbstractFileIconProvider.IconType.Folder:
            return style.standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        if what == QAbstractFileIconProvider.IconType.Drive:
            return style.standardIcon(QStyle.StandardPixmap.SP_DriveHDIcon)
        if what == QAbstractFileIconProvider.IconType.Computer:
            return style.standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)
        return style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)

    def type(self, info: QFileInfo) -> str:  # type: ignore[override]
        if info.isDir():
            return QCoreApplication.translate("FileDialogs", "Mappe")
        suffix = info.suffix()
        return (
            QCoreApplication.translate("FileDialogs", "%1-fil").replace("%1", suffix.upper())
            if suffix
            else QCoreApplication.translate("FileDialogs", "Fil")
        )


def documents_folder() -> Path:
    """The user's Documents folder (``QStandardPaths``), or home if it does not exist."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def start_folder(*candidates: Path | str | None) -> Path:
    """The first candidate that is an existing folder, else Documents."""
    for c in candidates:
        if c and Path(c).is_dir():
            return Path(c)
    return documents_folder()


def make_dialog(
    parent: QWidget | None,
    title: str,
    folder: Path,
    filters: Sequence[str],
    *,
    save: bool,
    file_name: str = "",
    default_suffix: str = "",
) -> QFileDialog:
    """Qt's widget dialog (never the native one), Danish labels, a non-sniffing icon provider."""
    dialog = QFileDialog(parent, title, str(folder))
    dialog.setObjectName("trappe_file_dialog")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    provider = PlainIconProvider()
    dialog.setIconProvider(provider)
    dialog._icon_provider = provider  # type: ignore[attr-defined]  # keep it alive with the dialog
    dialog.setNameFilters(list(filters))
    dialog.setAcceptMode(
        QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen
    )
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    if default_suffix:
        dialog.setDefaultSuffix(default_suffix)
    dialog.setLabelText(
        QFileDialog.DialogLabel.LookIn, QCoreApplication.translate("FileDialogs", "Kig i:")
    )
    dialog.setLabelText(
        QFileDialog.DialogLabel.FileName, QCoreApplication.translate("FileDialogs", "Filnavn:")
    )
    dialog.setLabelText(
        QFileDialog.DialogLabel.FileType, QCoreApplication.translate("FileDialogs", "Filtype:")
    )
    dialog.setLabelText(
        QFileDialog.DialogLabel.Accept,
        QCoreApplication.translate("FileDialogs", "Gem")
        if save
        else QCoreApplication.translate("FileDialogs", "Åbn"),
    )
    dialog.setLabelText(
        QFileDialog.DialogLabel.Reject, QCoreApplication.translate("FileDialogs", "Annullér")
    )
    if file_name:
        dialog.selectFile(file_name)
    return dialog


def _run(dialog: QFileDialog) -> Path | None:
    try:
        if not dialog.exec():
            return None
        chosen = dialog.selectedFiles()
        return Path(chosen[0]) if chosen and chosen[0] else None
    finally:
        dialog.deleteLater()


def ask_open(
    parent: QWidget | None, title: str, folder: Path, filters: Sequence[str]
) -> Path | None:
    """An existing file the user picks, or None."""
    return _run(make_dialog(parent, title, folder, filters, save=False))


def ask_save(
    parent: QWidget | None,
    title: str,
    proposal: Path,
    filters: Sequence[str],
    default_suffix: str = "",
) -> Path | None:
    """Where to write a new file (``proposal``: start folder and suggested name), or None."""
    folder = proposal.parent if proposal.parent.is_dir() else documents_folder()
    return _run(
        make_dialog(
            parent,
            title,
            folder,
            filters,
            save=True,
            file_name=proposal.name,
            default_suffix=default_suffix,
        )
    )


def ask_folder(parent: QWidget | None, title: str, folder: Path) -> Path | None:
    """An existing folder the user picks, or None."""
    dialog = make_dialog(parent, title, start_folder(folder), [], save=False)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setLabelText(
        QFileDialog.DialogLabel.Accept, QCoreApplication.translate("FileDialogs", "Vælg")
    )
    return _run(dialog)


# -- the dialogs Trappe uses ------------------------------------------------------------------
def database_filters() -> list[str]:
    return [
        QCoreApplication.translate("FileDialogs", "Trappe-database (*.sqlite *.db)"),
        QCoreApplication.translate("FileDialogs", "Alle filer (*)"),
    ]


def pdf_filters() -> list[str]:
    return [QCoreApplication.translate("FileDialogs", "PDF-filer (*.pdf)")]


def ask_new_database(parent: QWidget | None, folder: Path | None = None) -> Path | None:
    return ask_save(
        parent,
        QCoreApplication.translate("FileDialogs", "Ny Trappe-database"),
        start_folder(folder) / "trappe.sqlite",
        database_filters(),
        "sqlite",
    )


def ask_open_database(parent: QWidget | None, folder: Path | None = None) -> Path | None:
    return ask_open(
        parent,
        QCoreApplication.translate("FileDialogs", "Åbn Trappe-database"),
        start_folder(folder),
        database_filters(),
    )


def ask_save_pdf(parent: QWidget | None, title: str, proposal: Path) -> Path | None:
    return ask_save(parent, title, proposal, pdf_filters(), "pdf")


def ask_image(parent: QWidget | None, title: str) -> Path | None:
    return ask_open(
        parent,
        title,
        documents_folder(),
        [QCoreApplication.translate("FileDialogs", "Billeder (*.png *.jpg *.jpeg)")],
    )
