"""A batch drawn in parts (and by worker processes) equals the batch drawn whole."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from sheet_helpers import page_texts, reader

from trappe.sheet import SheetCancelled, batch, render_batch
from trappe.sheet.batch import PartSpec, write_batch
from trappe.sheet.merge import PartError, join

PRINTED = datetime(2026, 11, 22, 9, 15)
SPEC = PartSpec("Dialogark — test", PRINTED, mask_identifier=True, invariant=True)


@pytest.fixture
def demo(tmp_path):
    from datetime import date

    from trappe.model.demo import build_demo_database
    from trappe.model.entities import Actor
    from trappe.model.store import open_store

    path = tmp_path / "demo.sqlite"
    build_demo_database(path, Actor("Test"), 14, seed=5, today=date(2026, 11, 22))
    store = open_store(path, Actor("Test"))
    yield store, [r[0] for r in store.query("SELECT id FROM citizens ORDER BY id")]
    store.close()


def _batch(store, ids, **kw) -> bytes:
    out = io.BytesIO()
    write_batch(store, ids, out, SPEC, **kw)
    return out.getvalue()


def test_parts_joined_read_as_the_whole_batch(demo):
    store, ids = demo
    whole = _batch(store, ids)
    parts = _batch(store, ids, part_sheets=3, workers=1)
    assert page_texts(parts) == page_texts(whole)
    joined = reader(parts)
    assert len(joined.pages) == len(reader(whole).pages)
    assert joined.metadata.title == "Dialogark — test"
    # Every page hangs in the one page tree and keeps its fonts and footer form.
    for page in joined.pages:
        assert page["/Resources"]["/Font"]
    assert all(" af " in text and "Side " in text for text in page_texts(parts))


def test_worker_processes_draw_the_same_batch(demo):
    store, ids = demo
    whole = _batch(store, ids)
    seen = []
    parallel = _batch(store, ids, part_sheets=4, workers=2, progress=lambda d, t: seen.append(d))
    assert page_texts(parallel) == page_texts(whole)
    assert seen[-1] == len(ids) and seen == sorted(seen)


def test_cancel_between_parts_leaves_no_file(demo, tmp_path):
    store, ids = demo
    target = tmp_path / "ark.pdf"
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 5

    with pytest.raises(SheetCancelled):
        render_batch(store, ids, target, should_cancel=cancel, workers=1, log_action=None)
    assert not target.exists()
    assert list(tmp_path.glob("*.part")) == []


def test_join_refuses_what_reportlab_did_not_write():
    with pytest.raises(PartError):
        join([b"%PDF-1.7\n%%EOF\n"], io.BytesIO())


def test_large_batches_use_every_core(monkeypatch):
    monkeypatch.setattr(batch.os, "cpu_count", lambda: 2)
    assert batch.default_workers(10) == 1
    assert batch.default_workers(batch.PARALLEL_MIN) == 2


def test_a_sheet_late_in_a_batch_looks_as_the_sheet_drawn_alone(demo, tmp_path):
    """Parts shared by the sheets of a batch (header, legend, staircase frame, markers,
    descriptions, repeated texts) are drawn once as forms and shown on later sheets moved
    to where they stand: the later sheet must look exactly as it does drawn alone."""
    from sheet_helpers import render_page

    store, ids = demo
    alone_path, batch_path = tmp_path / "alone.pdf", tmp_path / "batch.pdf"
    alone_path.write_bytes(_batch(store, ids[-1:]))
    batch_path.write_bytes(_batch(store, ids))
    alone_pages = len(reader(alone_path).pages)
    batch_pages = len(reader(batch_path).pages)
    assert page_texts(batch_path)[-alone_pages:] == page_texts(alone_path)
    for page in range(1, alone_pages + 1):
        a = render_page(alone_path, page, 50, on_white=True)
        b = render_page(batch_path, batch_pages - alone_pages + page, 50, on_white=True)
        assert (a.width, a.height) == (b.width, b.height)
        # The same picture, allowing an edge pixel's anti-aliasing to differ by rounding.
        off = sum(1 for x, y in zip(a.data, b.data, strict=True) if abs(x - y) > 40)
        assert off <= 3, off


def test_a_batch_reads_its_citizens_together_and_draws_the_same_sheets(demo):
    """Each part reads its citizens in one query per table: the sheet's data are the data
    read one citizen at a time."""
    from trappe.model.record_batch import read_records
    from trappe.sheet.data import citizen_sheet_data, load_context

    store, ids = demo
    context = load_context(store)
    records = read_records(store, ids)
    for cid in ids:
        for mask in (True, False):
            alone = citizen_sheet_data(store, context, cid, mask=mask)
            batched = citizen_sheet_data(store, context, cid, mask=mask, record=records[cid])
            assert batched == alone
    assert page_texts(_batch(store, ids, part_sheets=5, workers=1)) == [
        text for cid in ids for text in page_texts(_batch(store, [cid]))
    ]


def test_a_citizen_gone_before_the_batch_reads_it_is_refused(demo):
    from trappe.model.errors import NotFoundError

    store, ids = demo
    with pytest.raises(NotFoundError):
        _batch(store, [*ids[:2], 987654])


def test_one_page_sheets_share_their_footer_and_each_sheet_keeps_its_own_count(demo):
    from trappe.sheet import pdf
    from trappe.sheet.data import blank_sheet_data, citizen_sheet_data, load_context
    from trappe.sheet.page import Footer

    store, ids = demo
    context = load_context(store)
    out = io.BytesIO()
    canv = pdf.new_canvas(out, title="t", author="a", subject="s", invariant=True)
    drawn = []
    for cid in ids[:3]:
        drawn.append(pdf.draw_sheet(canv, citizen_sheet_data(store, context, cid), PRINTED).pages)
    later = PRINTED.replace(hour=11)
    drawn.append(pdf.draw_sheet(canv, citizen_sheet_data(store, context, ids[0]), later).pages)
    drawn.append(pdf.draw_sheet(canv, blank_sheet_data(context), PRINTED).pages)
    canv.save()
    footers = [key for key in canv.reused if key[0] == "footer"]
    assert drawn == [1, 1, 1, 1, 1]
    # One footer for the three alike, one for another time, one for the blank sheet's note.
    assert len(footers) == 3 and all(isinstance(key[1], Footer) for key in footers)
    texts = page_texts(out.getvalue())
    assert all("Side 1 af 1" in t for t in texts)
    assert ["kl. 11.15" in t for t in texts] == [False, False, False, True, False]
    assert "Fortroligt, når arket er udfyldt" in texts[-1]
    assert "Fortroligt, når arket er udfyldt" not in texts[0]


def test_a_worker_reads_with_a_small_page_cache(demo):
    """A worker's own connection keeps a small page cache, so two workers and the window stay
    flat in memory over a batch of a whole caseload; its sheets are drawn as before."""
    store, ids = demo
    batch._init_worker(str(store.path), store.actor)
    try:
        worker = batch._worker["store"]
        assert worker.scalar("PRAGMA cache_size") == -batch.WORKER_CACHE_KIB
        assert store.scalar("PRAGMA cache_size") < -batch.WORKER_CACHE_KIB  # the window's
        drawn = batch._worker_part(ids[:3], SPEC)
        assert page_texts(drawn) == page_texts(_batch(store, ids[:3]))
    finally:
        batch._worker.pop("store").close()
        batch._worker.clear()
