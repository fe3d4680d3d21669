"""The report as CSV the Danish way: semicolons, decimal commas, dates as 31-12-2026, UTF-8
with a byte-order mark (so Excel reads æ, ø, å). One section per table: its key, then its
header and rows, then a blank line."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from trappe.model.report import TeamReport


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def report_csv(report: TeamReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Teamrapport", report.municipality])
    writer.writerow(["Periode", cell_text(report.start), cell_text(report.end)])
    writer.writerow(["Baseline", cell_text(report.baseline)])
    writer.writerow(["Udvalg", report.scope_text])
    writer.writerow(["Anonym", "ja" if report.anonymous else "nej"])
    writer.writerow([])
    for table in report.tables:
        writer.writerow([table.key])
        writer.writerow([c.title for c in table.columns])
        for row in table.rows:
            writer.writerow([cell_text(v) for v in row])
        writer.writerow([])
    return out.getvalue()


def write_csv(report: TeamReport, path: Path | BinaryIO) -> None:
    data = ("\ufeff" + report_csv(report)).encode("utf-8")
    if isinstance(path, Path):
        path.write_bytes(data)
    else:
        path.write(data)
