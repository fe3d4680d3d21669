"""The report as XLSX: one sheet per table with real numbers (counts, percentages with one
decimal, dates), frozen header row and filters; a first sheet says what the report covers.
Number formats are Excel's codes, shown by the reader's locale (in Danish: 1.234 and 57,1)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import BinaryIO

import xlsxwriter

from trappe.model.report import TeamReport

FORMATS = {
    "count": {"num_format": "#,##0"},
    "percent": {"num_format": "0.0"},
    "pp": {"num_format": "+0.0;-0.0;0.0"},
    "days": {"num_format": "0.0"},
    "date": {"num_format": "dd-mm-yyyy"},
}


def _sheet_name(key: str) -> str:
    return "".join(ch for ch in key if ch not in "[]:*?/\\")[:31]


def write_xlsx(report: TeamReport, path: Path | BinaryIO) -> None:
    target = str(path) if isinstance(path, Path) else path
    book = xlsxwriter.Workbook(target, {"default_date_format": "dd-mm-yyyy", "in_memory": True})
    try:
        bold = book.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
        formats = {k: book.add_format(v) for k, v in FORMATS.items()}
        text = book.add_format({})
        about = book.add_worksheet("Om rapporten")
        lines = [
            ("Teamrapport", report.municipality),
            ("Periode", f"{report.start:%d-%m-%Y} – {report.end:%d-%m-%Y}"),
            ("Baseline", f"{report.baseline:%d-%m-%Y}"),
            ("Udvalg", report.scope_text),
            ("Anonym", "ja: celler med 1–4 borgere vises som <5" if report.anonymous else "nej"),
        ]
        lines += [(t.key, t.title + (f". {t.note}" if t.note else "")) for t in report.tables]
        about.set_column(0, 0, 18)
        about.set_column(1, 1, 100)
        for r, (a, b) in enumerate(lines):
            about.write(r, 0, a, bold if r == 0 else text)
            about.write(r, 1, b)
        for table in report.tables:
            ws = book.add_worksheet(_sheet_name(table.key))
            for c, col in enumerate(table.columns):
                ws.write(0, c, col.title, bold)
                width = max(10, min(40, len(col.title) + 2))
                if c == 0 or col.kind == "text":
                    width = max(
                        width, min(40, max((len(str(r[c])) for r in table.rows), default=0) + 2)
                    )
                ws.set_column(c, c, width)
            for r, row in enumerate(table.rows, start=1):
                for c, value in enumerate(row):
                    kind = table.columns[c].kind
                    if value is None:
                        ws.write_blank(r, c, None)
                    elif isinstance(value, date):
                        ws.write_datetime(r, c, value, formats["date"])
                    elif isinstance(value, int | float) and not isinstance(value, bool):
                        ws.write_number(r, c, value, formats.get(kind, text))
                    else:
                        ws.write_string(r, c, str(value))
            ws.freeze_panes(1, 0)
            ws.autofilter(0, 0, max(len(table.rows), 1), len(table.columns) - 1)
    finally:
        book.close()
