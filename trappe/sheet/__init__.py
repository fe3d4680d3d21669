"""The A4 dialogue sheet (dialogark) as PDF: for a citizen, blank, or a batch.

Importing this package is cheap; reportlab is imported when a sheet is rendered, so
``import trappe`` and ``trappe.sheet.suggested_file_name`` stay lean.

Every render writes its output whole or not at all: a file is written beside the target, the
audit entry is written, and only then is the file renamed into place, so a cancelled or failed
render (or a refused audit write) leaves no PDF behind.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, BinaryIO

from trappe.model.errors import TrappeError
from trappe.model.validation import format_date

if TYPE_CHECKING:
    from trappe.model.store import Store

__all__ = [
    "SheetCancelled",
    "SheetError",
    "render_batch",
    "render_blank_sheet",
    "render_citizen_sheet",
    "suggested_file_name",
]

Output = str | os.PathLike[str] | BinaryIO


class SheetCancelled(Exception):
    """The user cancelled a batch; no output was written."""


class SheetError(TrappeError):
    """The sheet could not be written (disk full, no permission, …); Danish message."""


# -- file names -----------------------------------------------------------------------------
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
NAME_MAX_IN_FILE = 80


def suggested_file_name(name: str | None, on: date) -> str:
    """'Dialogark Åse Ærø 22-11-2026.pdf': safe on Windows, macOS and Linux file systems."""
    clean = unicodedata.normalize("NFC", name or "")
    clean = _UNSAFE.sub(" ", clean)
    clean = " ".join(clean.split())[:NAME_MAX_IN_FILE].strip(" .")
    parts = ["Dialogark", clean, format_date(on)] if clean else ["Dialogark", format_date(on)]
    return " ".join(parts) + ".pdf"


# -- writing --------------------------------------------------------------------------------
def _printed_at(invariant: bool) -> datetime:
    """Now, to the minute; with ``invariant`` honour SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if invariant and epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch))
    return datetime.now().replace(second=0, microsecond=0)


def _write_output(
    store: Store, out: Output, produce: Callable[[BinaryIO], Any], log: Callable[[], None]
) -> Any:
    """Run ``produce`` on a stream; the audit entries (``log``) are written before a file is
    renamed into place at ``out`` (``trappe.model.output.audited_output``)."""
    if isinstance(out, (str, os.PathLike)):
        from trappe.model.output import audited_output

        with audited_output(store, out, log) as fh:
            result = produce(fh)
        return result
    buffer = io.BytesIO()
    result = produce(buffer)
    out.write(buffer.getvalue())
    log()
    return result


def _log(
    store: Store, action: str | None, citizen_ids: Sequence[int], details: dict[str, Any]
) -> None:
    if not action:
        return
    with store.write():
        for cid in citizen_ids:
            store.audit(action, "citizen", cid, details)


def _log_blank(store: Store, action: str | None) -> None:
    if action:
        with store.write():
            store.audit(action, "blank_sheet", None, {"sheet": "dialogark"})


def _resolve_printed_at(printed_at: datetime | None, invariant: bool) -> datetime:
    return printed_at if printed_at is not None else _printed_at(invariant)


# -- the public API -------------------------------------------------------------------------
def render_citizen_sheet(
    store: Store,
    citizen_id: int,
    out: Output,
    *,
    meeting_id: int | None = None,
    mask_identifier: bool = True,
    invariant: bool = False,
    log_action: str | None = "export",
    printed_at: datetime | None = None,
) -> None:
    """The sheet of one citizen at the latest meeting (or ``meeting_id``).

    ``log_action`` ("export" or "print") writes one audit entry; None writes none (preview).
    Raises ``TrappeError`` (e.g. ``NotFoundError``, ``SheetError``) with a Danish message.
    """
    from trappe.sheet import pdf
    from trappe.sheet.data import citizen_sheet_data, load_context

    context = load_context(store)
    data = citizen_sheet_data(
        store, context, citizen_id, meeting_id=meeting_id, mask=mask_identifier
    )
    when = _resolve_printed_at(printed_at, invariant)

    def produce(stream: BinaryIO) -> None:
        canv = pdf.new_canvas(
            stream,
            title=f"Dialogark — {data.name}",
            author=context.author,
            subject=pdf.TITLE,
            invariant=invariant,
        )
        pdf.draw_sheet(canv, data, when)
        canv.save()

    _write_output(
        store,
        out,
        produce,
        lambda: _log(
            store, log_action, [citizen_id], {"sheet": "dialogark", "meeting_id": data.meeting_id}
        ),
    )


def render_blank_sheet(
    store: Store,
    out: Output,
    *,
    invariant: bool = False,
    log_action: str | None = "export",
    printed_at: datetime | None = None,
) -> None:
    """The municipality's staircase with empty fields, for pen and paper."""
    from trappe.sheet import pdf
    from trappe.sheet.data import blank_sheet_data, load_context

    context = load_context(store)
    data = blank_sheet_data(context)
    when = _resolve_printed_at(printed_at, invariant)

    def produce(stream: BinaryIO) -> None:
        canv = pdf.new_canvas(
            stream,
            title="Dialogark — blankt ark",
            author=context.author,
            subject=pdf.TITLE,
            invariant=invariant,
        )
        pdf.draw_sheet(canv, data, when)
        canv.save()

    _write_output(store, out, produce, lambda: _log_blank(store, log_action))


def render_batch(
    store: Store,
    citizen_ids: Sequence[int],
    out: Output,
    *,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    mask_identifier: bool = True,
    invariant: bool = False,
    log_action: str | None = "export",
    printed_at: datetime | None = None,
    workers: int | None = None,
) -> int:
    """One PDF with a sheet per citizen (each with its own "Side X af Y"); returns the count.

    Drawn in parts and joined as it goes, by worker processes for a large batch
    (``trappe.sheet.batch``; ``workers`` overrides how many, 1 = this process only).
    ``progress(done, total)`` is called as sheets are done; ``should_cancel()`` is asked
    between them. A cancel raises ``SheetCancelled`` and leaves no output file and no audit
    entries.
    """
    from trappe.sheet.batch import Cancelled, PartSpec, write_batch

    ids = list(citizen_ids)
    total = len(ids)
    if not ids:
        raise SheetError("Der er ingen borgere at lave dialogark til.")
    spec = PartSpec(
        title=f"Dialogark — {total} borgere",
        when=_resolve_printed_at(printed_at, invariant),
        mask_identifier=mask_identifier,
        invariant=invariant,
    )

    def produce(stream: BinaryIO) -> int:
        try:
            return write_batch(
                store,
                ids,
                stream,
                spec,
                progress=progress,
                should_cancel=should_cancel,
                workers=workers,
            )
        except Cancelled:
            raise SheetCancelled from None

    return _write_output(
        store,
        out,
        produce,
        lambda: _log(store, log_action, ids, {"sheet": "dialogark", "batch": total}),
    )
