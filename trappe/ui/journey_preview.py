"""The print preview of "Din vej indtil nu" (``trappe.sheet.journey``): the same preview,
printing and saving as the dialogue sheet's, for the citizen's one-page comparison."""

from __future__ import annotations

import io
from datetime import date

from PySide6.QtWidgets import QWidget

from trappe.model.errors import TrappeError
from trappe.model.store import Store
from trappe.sheet import suggested_file_name
from trappe.ui.preferences import Preferences
from trappe.ui.print_preview import PrintPreviewDialog


class JourneyPreview(PrintPreviewDialog):
    """The print preview of "Din vej indtil nu" (the same printing and saving)."""

    def __init__(
        self,
        store: Store,
        prefs: Preferences,
        citizen_id: int,
        meetings: tuple[int, int],
        parent: QWidget | None = None,
    ) -> None:
        self._meetings: tuple[int, int] | None = None
        super().__init__(store, prefs, citizen_id, parent)
        self._meetings = meetings
        self.setWindowTitle(self.tr("Din vej indtil nu — udskrift"))
        self.render()

    def render(self) -> bool:
        if getattr(self, "_meetings", None) is None:
            return False  # the base class renders before the meetings are known
        from trappe.sheet.journey import render_journey_sheet

        out = io.BytesIO()
        try:
            render_journey_sheet(self.store, self.citizen_id, *self._meetings, out, log_action=None)
        except TrappeError as exc:
            self._show_error(exc.message)
            return False
        return self._load(out.getvalue())

    def _load(self, pdf: bytes) -> bool:
        from PySide6.QtCore import QByteArray, QIODevice
        from PySide6.QtPdf import QPdfDocument

        self.pdf_bytes = pdf
        self.document.close()
        self._buffer.close()
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        ok = self.document.status() == QPdfDocument.Status.Ready
        self.pages_label.setText(self.tr("1 side"))
        self.print_button.setEnabled(ok)
        self.save_button.setEnabled(ok)
        return ok

    def _log(self, action: str, extra: dict[str, str] | None = None) -> None:
        from trappe.model.audit import log_event

        details = {"sheet": "din_vej", **(extra or {})}
        log_event(self.store, action, "citizen", self.citizen_id, details)

    def suggested_name(self) -> str:
        return suggested_file_name(None, date.today()).replace(
            "Dialogark", self.tr("Din vej indtil nu")
        )
