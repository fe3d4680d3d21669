"""A batch of sheets: drawn in parts, on every core, joined as it goes (memory stays flat).

reportlab keeps every page of a document until it saves, so one canvas for 100,000 sheets
grows to gigabytes. Here a batch is drawn in *parts* of ``PART_SHEETS`` sheets, each a
complete PDF that is written into the output as soon as it (and every part before it) is
done (``merge.PdfJoiner``); memory holds a part or two. A batch of ``PARALLEL_MIN`` sheets or
more is drawn by worker processes (one per core, each with its own connection to the
database), the parts still joined in order. A batch of one part is written exactly as one
canvas would write it.
"""

from __future__ import annotations

import io
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from trappe.model.entities import Actor
    from trappe.model.store import Store

PART_SHEETS = 200
PARALLEL_MIN = 600
WORKER_CACHE_KIB = 16 * 1024


class Cancelled(Exception):
    """Raised inside a batch when ``should_cancel()`` says so."""


@dataclass(frozen=True)
class PartSpec:
    """What every part of a batch shares (picklable: it goes to the workers)."""

    title: str
    when: datetime
    mask_identifier: bool
    invariant: bool


def default_workers(sheets: int) -> int:
    if sheets < PARALLEL_MIN:
        return 1
    return max(1, min(os.cpu_count() or 1, 2 if (os.cpu_count() or 1) <= 2 else 4))


def render_part(
    store: Store,
    context: Any,
    ids: Sequence[int],
    spec: PartSpec,
    out: BinaryIO,
    tick: Callable[[], None] | None = None,
) -> None:
    """Draw the sheets of ``ids`` as one PDF on ``out``; ``tick()`` after each sheet.
    The part's citizens are read together (one query per table, ``read_records``)."""
    from trappe.model.errors import NotFoundError
    from trappe.model.record_batch import read_records
    from trappe.sheet import pdf
    from trappe.sheet.data import citizen_sheet_data

    canv = pdf.new_canvas(
        out, title=spec.title, author=context.author, subject=pdf.TITLE, invariant=spec.invariant
    )
    records = read_records(store, ids)
    for cid in ids:
        record = records.get(cid)
        if record is None:
            raise NotFoundError("Borgeren findes ikke (måske er borgeren slettet).")
        data = citizen_sheet_data(store, context, cid, mask=spec.mask_identifier, record=record)
        pdf.draw_sheet(canv, data, spec.when)
        if tick is not None:
            tick()
    canv.save()


# -- worker processes -----------------------------------------------------------------------
_worker: dict[str, Any] = {}


def _init_worker(db_path: str, actor: Actor, shared_key: bytearray | None = None) -> None:
    """A worker's store. ``shared_key``: the encrypted database's raw key and salt
    (``CipherKey.share``), which arrives with the other start-up arguments through the pipe
    the parent feeds the new process (never its command line or environment); adopting it
    zeroes it here, and the store wipes its copy when the worker ends."""
    from trappe.model.cipher_key import CipherKey
    from trappe.model.store import open_store
    from trappe.sheet.data import load_context
    from trappe.sheet.style import new_batch

    key = CipherKey.adopt(shared_key) if shared_key is not None else None
    try:
        store = open_store(Path(db_path), actor, create=False, key=key)
    finally:
        if key is not None:
            key.wipe()
    # A worker reads each citizen once: a small page cache (not the window's 64 MB, which
    # serves reading records again) keeps every worker's memory flat over a long batch.
    store.limit_page_cache(WORKER_CACHE_KIB)
    _worker.update(store=store, context=load_context(store))
    new_batch()


def _worker_part(ids: list[int], spec: PartSpec) -> bytes:
    buffer = io.BytesIO()
    render_part(_worker["store"], _worker["context"], ids, spec, buffer)
    return buffer.getvalue()


# -- the batch ------------------------------------------------------------------------------
def write_batch(
    store: Store,
    ids: Sequence[int],
    out: BinaryIO,
    spec: PartSpec,
    *,
    progress: Callable[[int, int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
    workers: int | None = None,
    part_sheets: int = PART_SHEETS,
) -> int:
    """Write one PDF with a sheet per id to ``out``; returns the number of sheets."""
    from trappe.sheet.data import load_context
    from trappe.sheet.merge import PdfJoiner
    from trappe.sheet.style import new_batch

    total = len(ids)
    parts = [list(ids[i : i + part_sheets]) for i in range(0, total, part_sheets)]
    cancelled = should_cancel or (lambda: False)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)
        if cancelled():
            raise Cancelled

    new_batch()
    context = load_context(store)
    if len(parts) == 1:
        if cancelled():
            raise Cancelled
        render_part(store, context, parts[0], spec, out, tick)
        return total
    joiner = PdfJoiner(out)
    workers = default_workers(total) if workers is None else workers
    if workers <= 1:
        for part in parts:
            if cancelled():
                raise Cancelled
            buffer = io.BytesIO()
            render_part(store, context, part, spec, buffer, tick)
            joiner.add(buffer.getvalue())
    else:
        _parallel(store, parts, spec, joiner, workers, cancelled, progress, total)
    if cancelled():
        raise Cancelled
    joiner.close()
    return total


def _parallel(
    store: Store,
    parts: list[list[int]],
    spec: PartSpec,
    joiner: Any,
    workers: int,
    cancelled: Callable[[], bool],
    progress: Callable[[int, int], None] | None,
    total: int,
) -> None:
    """Parts drawn by ``workers`` processes, at most two each in flight, joined in order."""
    from trappe.model.cipher_key import wipe_shared

    context = multiprocessing.get_context("spawn")  # no fork of a process that runs Qt
    shared_key = store.key.share() if store.key is not None else None
    pool = ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(str(store.path), store.actor, shared_key),
    )
    pending: deque[tuple[list[int], Future[bytes]]] = deque()
    queue = deque(parts)
    done = 0
    try:
        while queue or pending:
            while queue and len(pending) < 2 * workers:
                part = queue.popleft()
                pending.append((part, pool.submit(_worker_part, part, spec)))
            head_ids, head = pending[0]
            while not head.done():
                if cancelled():
                    raise Cancelled
                wait([head], timeout=0.1, return_when=FIRST_COMPLETED)
            pending.popleft()
            joiner.add(head.result())
            done += len(head_ids)
            if progress is not None:
                progress(done, total)
            if cancelled():
                raise Cancelled
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        wipe_shared(shared_key)
