"""Printing dialogue sheets from the window: one citizen (or a blank sheet), or the whole list."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QMessageBox

from trappe.ui.accessibility import name_fields
from trappe.ui.window_part import WindowPart, guarded

LARGE_BATCH = 200  # sheets: more than this asks for confirmation first


class SheetOps(WindowPart):
    @guarded
    def print_sheet(self) -> None:
        w = self.window
        if w.store is None:
            return
        try:
            from trappe.ui.print_preview import PrintPreviewDialog
        except ImportError:
            self.show_error(self.tr("Udskrift er ikke tilgængelig i denne version."))
            return
        dialog = PrintPreviewDialog(w.store, w.prefs, w.current_citizen_id(), w)
        name_fields(dialog)
        dialog.exec()

    @guarded
    def print_batch(self) -> None:
        w = self.window
        if w.store is None:
            return
        try:
            from trappe.ui.print_preview import print_batch
        except ImportError:
            self.show_error(self.tr("Udskrift er ikke tilgængelig i denne version."))
            return
        ids = w.caseload.filtered_ids()
        if not ids:
            self.show_error(self.tr("Listen er tom; der er ingen dialogark at udskrive."))
            return
        if len(ids) > LARGE_BATCH:
            # A whole caseload by mistake is thousands of pages: ask first.
            answer = QMessageBox.question(
                w,
                self.tr("Mange dialogark"),
                self.tr(
                    "Listen har %1 borgere, så PDF-filen får mindst %1 sider.\n"
                    "Brug filtrene (f.eks. «Samtale i denne uge») for at vælge færre.\n\n"
                    "Vil du lave dialogark til alle %1?"
                ).replace("%1", QLocale().toString(len(ids))),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        print_batch(w, w.store, w.prefs, ids)
