"""The access log as a table model: windowed, read a page at a time (docs/architecture.md,
"The layers"). The count comes from SQL; each page after the first is read from where the
previous one ended (keyset), so scrolling a log of millions costs one page per screenful.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from trappe.model import audit
from trappe.model.audit import AuditEntry, AuditFilter
from trappe.model.store import Store
from trappe.ui.widgets import role_labels

PAGE_SIZE = 200
MAX_CACHED_PAGES = 24
Index = QModelIndex | QPersistentModelIndex

COL_TIME, COL_USER, COL_ROLE, COL_ACTION, COL_OBJECT, COL_CITIZEN, COL_DETAILS = range(7)
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def action_labels() -> dict[str, str]:
    """The actions a user can filter by, in the window's language."""
    return {
        audit.READ: QCoreApplication.translate("AccessLog", "Åbnet"),
        audit.SEARCH: QCoreApplication.translate("AccessLog", "Søgning"),
        audit.CREATE: QCoreApplication.translate("AccessLog", "Oprettet"),
        audit.UPDATE: QCoreApplication.translate("AccessLog", "Ændret"),
        audit.DELETE: QCoreApplication.translate("AccessLog", "Slettet"),
        audit.EXPORT: QCoreApplication.translate("AccessLog", "Udleveret"),
        audit.PRINT: QCoreApplication.translate("AccessLog", "Udskrevet"),
        audit.VIEW: QCoreApplication.translate("AccessLog", "Vist"),
        audit.BACKUP: QCoreApplication.translate("AccessLog", "Sikkerhedskopi"),
        audit.RESTORE: QCoreApplication.translate("AccessLog", "Gendannet"),
        audit.THIN: QCoreApplication.translate("AccessLog", "Log udtyndet"),
        audit.VERIFY: QCoreApplication.translate("AccessLog", "Log kontrolleret"),
        audit.HANDOVER_EXPORT: QCoreApplication.translate("AccessLog", "Overdraget"),
        audit.HANDOVER_IMPORT: QCoreApplication.translate("AccessLog", "Modtaget (overdragelse)"),
        audit.HANDOVER_ERASE: QCoreApplication.translate("AccessLog", "Slettet efter overdragelse"),
    }


class AccessLogModel(QAbstractTableModel):
    """The entries matching an ``AuditFilter``, newest first, read page by page."""

    def __init__(self, store: Store, parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._store = store
        self._page_size = page_size
        self._filter = AuditFilter()
        self._count = 0
        self._pages: OrderedDict[int, list[AuditEntry]] = OrderedDict()
        self._last_id: dict[int, int] = {}  # page number -> id of its last entry
        self._names: dict[int, str] = {}
        self._roles = {r.value: label for r, label in role_labels().items()}
        self._actions = action_labels()
        self._headers = [
            self.tr("Tidspunkt"),
            self.tr("Bruger"),
            self.tr("Rolle"),
            self.tr("Handling"),
            self.tr("Objekt"),
            self.tr("Borger"),
            self.tr("Detaljer"),
        ]
        self._reload()

    @property
    def filter(self) -> AuditFilter:
        return self._filter

    def set_filter(self, f: AuditFilter, *, log: bool = True) -> None:
        """Show the entries ``f`` matches; the viewing is logged (with the filter)."""
        self.beginResetModel()
        self._filter = f
        self._reload()
        self.endResetModel()
        if log:
            audit.log_event(
                self._store, audit.VIEW, audit.AUDIT_LOG, None, {"filter": f.as_details()}
            )

    def refresh(self) -> None:
        self.set_filter(self._filter, log=False)

    def _reload(self) -> None:
        self._pages.clear()
        self._last_id.clear()
        self._names.clear()
        self._count = audit.count_entries(self._store, self._filter)

    def entry(self, row: int) -> AuditEntry | None:
        if not 0 <= row < self._count:
            return None
        page_no, offset = divmod(row, self._page_size)
        page = self._pages.get(page_no)
        if page is None:
            page = self._read_page(page_no)
        else:
            self._pages.move_to_end(page_no)
        return page[offset] if offset < len(page) else None

    def _read_page(self, page_no: int) -> list[AuditEntry]:
        before = self._last_id.get(page_no - 1)
        if page_no == 0:
            page = audit.query_entries(self._store, self._filter, limit=self._page_size)
        elif before is not None:
            page = audit.query_entries(
                self._store, self._filter, limit=self._page_size, before_id=before
            )
        else:  # a jump (the scroll bar dragged far down): an offset, once
            page = audit.query_entries(
                self._store, self._filter, limit=self._page_size, offset=page_no * self._page_size
            )
        if page:
            self._last_id[page_no] = page[-1].id
        missing = sorted(
            {e.citizen_id for e in page if e.citizen_id is not None} - set(self._names)
        )
        self._names.update(audit.citizen_names(self._store, missing))
        self._pages[page_no] = page
        while len(self._pages) > MAX_CACHED_PAGES:
            self._pages.popitem(last=False)
        return page

    # -- QAbstractTableModel -------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        e = self.entry(index.row())
        if e is None:
            return None
        if role == ENTRY_ID_ROLE:
            return e.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(e, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == COL_USER:
                return (
                    self.tr("Navn: %1\nLogin: %2")
                    .replace("%1", e.user_name)
                    .replace("%2", e.os_user or self.tr("(ikke registreret)"))
                )
            if index.column() == COL_TIME:
                return self.tr("Post #%1, %2").replace("%1", str(e.id)).replace("%2", e.at)
            text = self._display(e, index.column())
            return text or None
        return None

    def _display(self, e: AuditEntry, col: int) -> str:
        if col == COL_TIME:
            return audit.format_time(e.at)
        if col == COL_USER:
            if e.os_user and e.os_user != e.user_name:
                return f"{e.user_name} ({e.os_user})"
            return e.user_name
        if col == COL_ROLE:
            return self._roles.get(e.user_role, e.user_role)
        if col == COL_ACTION:
            return self._actions.get(e.action, e.action)
        if col == COL_OBJECT:
            label = audit.object_label(e.object_type)
            return f"{label} #{e.object_id}" if e.object_id is not None else label
        if col == COL_CITIZEN:
            if e.citizen_id is None:
                return ""
            name = self._names.get(e.citizen_id)
            return (
                f"{name} (#{e.citizen_id})"
                if name
                else self.tr("#%1 (slettet)").replace("%1", str(e.citizen_id))
            )
        if col == COL_DETAILS:
            return audit.describe(e)
        return ""
