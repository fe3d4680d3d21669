"""The team report written out: CSV, XLSX (xlsxwriter) and an A4 PDF (reportlab).

The figures come from ``trappe.model.report.build_report``, the same ones the overview shows.
"""

from __future__ import annotations

from pathlib import Path

from trappe.model.report import TeamReport

FORMATS = ("pdf", "xlsx", "csv")


def write_report(report: TeamReport, path: Path, fmt: str | None = None) -> Path:
    """Write ``report`` to ``path`` in ``fmt`` (default: from the file's suffix)."""
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt == "csv":
        from trappe.report.csv_writer import write_csv

        write_csv(report, path)
    elif fmt == "xlsx":
        from trappe.report.xlsx_writer import write_xlsx

        write_xlsx(report, path)
    elif fmt == "pdf":
        from trappe.report.pdf_writer import write_pdf

        write_pdf(report, path)
    else:
        from trappe.model.errors import ValidationError

        raise ValidationError("format", "Formatet skal være pdf, xlsx eller csv.")
    return path
