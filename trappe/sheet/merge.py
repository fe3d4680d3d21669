"""Join PDFs that reportlab wrote into one, streaming: memory holds one part at a time.

A large batch is drawn in parts of a few hundred sheets (each a complete PDF, in this
process or in a worker), and the parts are joined here. reportlab writes a plain PDF: a
classic cross-reference table, objects as ``n 0 obj … endobj``, streams with their
``/Length``. Each part's objects are copied with new numbers (references are renumbered in
the dictionaries only, never inside stream data); each part's page tree becomes a branch of
one new page tree; the first part's document information is kept. Fonts are embedded once
per part, so a joined batch is a little larger than one drawn whole.

General PDFs (object streams, xref streams, incremental updates) are not this module's job:
it refuses anything but a part that reportlab wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import BinaryIO

_XREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref", re.S)
_REF = re.compile(rb"(\d+) 0 R\b")
_OBJ_HEAD = re.compile(rb"(\d+) 0 obj\s")
_STREAM = re.compile(rb">>\s*stream\r?\n")


class PartError(ValueError):
    """A part is not a PDF as reportlab writes it (a bug: parts come from trappe.sheet)."""


def _objects(pdf: bytes) -> tuple[dict[int, bytes], bytes]:
    """The bodies (between ``obj`` and ``endobj``) of a part's objects, and its trailer."""
    m = _XREF.search(pdf)
    trailer = _TRAILER.search(pdf)
    if m is None or trailer is None:
        raise PartError("no classic cross-reference table")
    xref_at = int(m.group(1))
    lines = pdf[xref_at:].split(b"\n")
    if lines[0].strip() != b"xref":
        raise PartError("no xref table at startxref")
    first, count = (int(x) for x in lines[1].split())
    offsets = {}
    for i, line in enumerate(lines[2 : 2 + count]):
        offset, _gen, kind = line.split()[:3]
        if kind == b"n":
            offsets[first + i] = int(offset)
    ordered = sorted(offsets.items(), key=lambda kv: kv[1])
    bodies = {}
    for i, (num, start) in enumerate(ordered):
        end = ordered[i + 1][1] if i + 1 < len(ordered) else xref_at
        chunk = pdf[start:end]
        head = _OBJ_HEAD.match(chunk)
        if head is None or int(head.group(1)) != num:
            raise PartError(f"object {num} is not where the xref says")
        body = chunk[head.end() :].rstrip()
        if not body.endswith(b"endobj"):
            raise PartError(f"object {num} has no endobj")
        bodies[num] = body[: -len(b"endobj")].rstrip()
    return bodies, trailer.group(1)


def _ref(trailer: bytes, key: bytes) -> int:
    m = re.search(rb"/" + key + rb"\s+(\d+) 0 R", trailer)
    if m is None:
        raise PartError(f"trailer has no /{key.decode()}")
    return int(m.group(1))


def _renumber(body: bytes, numbers: dict[int, int]) -> bytes:
    """``body`` with every ``n 0 R`` outside stream data given its new number."""
    stream = _STREAM.search(body)
    head, tail = (body[: stream.start()], body[stream.start() :]) if stream else (body, b"")
    return _REF.sub(lambda m: b"%d 0 R" % numbers[int(m.group(1))], head) + tail


class PdfJoiner:
    """Write parts to ``out`` one by one; ``close()`` writes the page tree and the xref."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.offsets: list[int] = []  # offset of object n at index n - 1
        self.pos = 0
        self.branches: list[int] = []  # each part's page tree, now a branch
        self.pages = 0
        self.info: int | None = None
        self.ids: bytes | None = None
        self._write(b"%PDF-1.4\n%\x93\x8c\x8b\x9e Trappe\n")
        self.root = self._reserve()  # the new page tree; written last

    def _write(self, data: bytes) -> None:
        self.out.write(data)
        self.pos += len(data)

    def _reserve(self) -> int:
        self.offsets.append(-1)
        return len(self.offsets)

    def _object(self, num: int, body: bytes) -> None:
        self.offsets[num - 1] = self.pos
        self._write(b"%d 0 obj\n" % num + body + b"\nendobj\n")

    def add(self, part: bytes) -> None:
        bodies, trailer = _objects(part)
        catalog = _ref(trailer, b"Root")
        info = _ref(trailer, b"Info")
        tree_m = re.search(rb"/Pages\s+(\d+) 0 R", bodies[catalog])
        if tree_m is None:
            raise PartError("catalog has no /Pages")
        tree = int(tree_m.group(1))
        count_m = re.search(rb"/Count\s+(\d+)", bodies[tree])
        if count_m is None or b"/Parent" in bodies[tree]:
            raise PartError("page tree is not a single root node")
        kept = [n for n in sorted(bodies) if n != catalog and (n != info or self.info is None)]
        numbers = {n: self._reserve() for n in kept}
        if info in numbers:
            self.info = numbers[info]
            ids = re.search(rb"/ID\s*(\[.*?\])", trailer, re.S)
            self.ids = ids.group(1) if ids else None
        for n in kept:
            body = _renumber(bodies[n], numbers)
            if n == tree:
                body = body.replace(b"<<", b"<< /Parent %d 0 R" % self.root, 1)
            self._object(numbers[n], body)
        self.branches.append(numbers[tree])
        self.pages += int(count_m.group(1))

    def close(self) -> int:
        """Finish the file; returns the number of pages."""
        kids = b" ".join(b"%d 0 R" % n for n in self.branches)
        self._object(self.root, b"<< /Count %d /Kids [ %s ] /Type /Pages >>" % (self.pages, kids))
        catalog = self._reserve()
        self._object(catalog, b"<< /Pages %d 0 R /Type /Catalog >>" % self.root)
        xref_at = self.pos
        rows = [b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.offsets) + 1)]
        rows.extend(b"%010d 00000 n \n" % offset for offset in self.offsets)
        self._write(b"".join(rows))
        trailer = b"/Root %d 0 R /Size %d" % (catalog, len(self.offsets) + 1)
        if self.info is not None:
            trailer += b" /Info %d 0 R" % self.info
        if self.ids is not None:
            trailer += b" /ID " + self.ids
        self._write(b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref_at)
        return self.pages


def join(parts: Iterable[bytes], out: BinaryIO) -> int:
    """Join ``parts`` (each a reportlab PDF) into ``out``; returns the number of pages."""
    joiner = PdfJoiner(out)
    for part in parts:
        joiner.add(part)
    return joiner.close()
