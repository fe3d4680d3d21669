"""The team report written out: CSV, XLSX (xlsxwriter) and an A4 PDF (reportlab).

The figures come from ``trappe.model.report.build_report``, the same ones the overview shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from trappe.model.report import TeamReport
from trappe.model.store import Store

FORMATS = ("pdf", "xlsx", "csv")


def report_format(path: Path, fmt: str | None = None) -> str:
    """``fmt``, or the file's suffix; a ``ValidationError`` for anything but pdf/xlsx/csv."""
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        from trappe.model.errors import ValidationError

        raise ValidationError("format", "Formatet skal være pdf, xlsx eller csv.")
    return fmt


def write_report_stream(report: TeamReport, stream: BinaryIO, fmt: str) -> None:
    """Write ``report`` in ``fmt`` to a binary stream."""
    if fmt == "csv":
        from trappe.report.csv_writer import write_csv

        write_csv(report, stream)
    elif fmt == "xlsx":
        from trappe.report.xlsx_writer import write_xlsx

        write_xlsx(report, stream)
    else:
        from trappe.report.pdf_writer import write_pdf

        write_pdf(report, stream)


def write_report(store: Store, report: TeamReport, path: Path, fmt: str | None = None) -> Path:
    """Write ``report`` to ``path`` and log the export: the file is written to a temporary
    file (0600), the audit row is written, and only then is the file renamed into place, so
    a report (which may name citizens in a follow-up list) never lies on disk unlogged."""
    from trappe.model.output import audited_output

    fmt = report_format(path, fmt)
    details: dict[str, Any] = {
        "format": fmt,
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "baseline": report.baseline.isoformat(),
        "scope": report.scope.to_json(),
        "named_list": report.named_list.value if report.named_list else None,
    }
    with audited_output(
        store, path, lambda: store.audit("export", "report", None, details)
    ) as stream:
        write_report_stream(report, stream, fmt)
    return path
