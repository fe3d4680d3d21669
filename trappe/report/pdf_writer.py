"""The team report as an A4 PDF in Danish (reportlab, with reportlab's own charts).

Page 1: what the report covers, the headline cards (both methods, named), citizens per step
as bars coloured by phase, and the monthly trend with stored measurements marked. Then the
tables, the same as the XLSX and the screen. Bars and lines carry their numbers, and the
phase colours differ in lightness, so the report reads in black and white too.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from trappe.model.measures import METHOD_LABELS_DA, METHOD_SHORT_DA, Method
from trappe.model.report import TeamReport, phase_colours
from trappe.report.csv_writer import cell_text
from trappe.sheet.fonts import BOLD, REGULAR, register_fonts

WIDTH = A4[0] - 36 * mm


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=11.5)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "h1": ParagraphStyle("h1", parent=base, fontName=BOLD, fontSize=16, leading=20),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName=BOLD, fontSize=11.5, leading=14, spaceBefore=8
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD, fontSize=7.5, leading=9),
    }


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",") + " %"


def _cards(report: TeamReport, st: dict) -> Table:
    cells = []
    for method in Method:
        h = report.headline[method]
        rows = report.table("Nøgletal").rows
        mine = [r for r in rows if r[0] == METHOD_SHORT_DA[method]]
        base, now = mine[0][5], mine[1][5]
        change = mine[1][6]
        change_text = "–" if change is None else f"{change:+.1f}".replace(".", ",") + " pp"
        cells.append(
            Paragraph(
                f"<b>{escape(METHOD_SHORT_DA[method].capitalize())}</b><br/>"
                f"<font size=18>{_pct(now)}</font><br/>"
                f"{change_text} siden baseline {h.baseline.on:%d-%m-%Y} ({_pct(base)})<br/>"
                f"<font size=7>{escape(METHOD_LABELS_DA[method])}</font>",
                ParagraphStyle("card", parent=st["body"], leading=20),
            )
        )
    table = Table([cells], colWidths=[WIDTH / 2] * 2)
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (0, 0), 0.8, colors.black),
                ("BOX", (1, 0), (1, 0), 0.8, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _bars(report: TeamReport) -> Drawing:
    counts = [c for c in report.step_counts if c.number is not None]
    palette = phase_colours([c.phase_title for c in counts])
    d = Drawing(WIDTH, 62 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 14 * mm
    chart.width, chart.height = WIDTH - 16 * mm, 40 * mm
    values = [c.citizens for c in counts]
    anonymous = report.anonymous
    chart.data = [[0 if anonymous and 0 < v < 5 else v for v in values]]
    chart.categoryAxis.categoryNames = [str(c.number) for c in counts]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.valueMin = 0
    chart.bars.strokeColor = colors.black
    chart.bars.strokeWidth = 0.5
    for i, c in enumerate(counts):
        chart.bars[(0, i)].fillColor = colors.HexColor(palette[c.phase_title])
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 7
    chart.barLabelFormat = lambda v: ""  # labels drawn below, so "<5" can show
    d.add(chart)
    step = chart.width / max(len(counts), 1)
    top = max([*values, 1])
    for i, v in enumerate(values):
        label = "<5" if anonymous and 0 < v < 5 else f"{v:,}".replace(",", ".")
        shown = 0 if label == "<5" else v
        y = chart.y + chart.height * shown / (chart.valueAxis.valueMax or top) + 2
        d.add(String(chart.x + step * (i + 0.5), y, label, fontName=REGULAR, fontSize=7,
                     textAnchor="middle"))  # fmt: skip
    x = chart.x
    for phase, colour in palette.items():
        d.add(Rect(x, 2 * mm, 3 * mm, 3 * mm, fillColor=colors.HexColor(colour), strokeWidth=0.5))
        d.add(String(x + 4 * mm, 2.4 * mm, phase or "Uden fase", fontName=REGULAR, fontSize=7))
        x += 4 * mm + len(phase or "Uden fase") * 1.6 * mm + 4 * mm
    return d


def _trend(report: TeamReport) -> Drawing:
    d = Drawing(WIDTH, 58 * mm)
    points = [(s.on.toordinal(), s.percent) for s in report.trend if s.active]
    if len(points) < 2:
        d.add(String(0, 20 * mm, "For få datoer til en udvikling.", fontName=REGULAR))
        return d
    plot = LinePlot()
    plot.x, plot.y = 12 * mm, 12 * mm
    plot.width, plot.height = WIDTH - 16 * mm, 40 * mm
    plot.data = [points]
    plot.lines[0].strokeColor = colors.black
    plot.lines[0].strokeWidth = 1.2
    plot.lines[0].symbol = makeMarker("FilledCircle", size=3)
    plot.xValueAxis.valueMin = points[0][0]
    plot.xValueAxis.valueMax = points[-1][0]
    steps = [p[0] for p in points[:: max(1, len(points) // 6)]]
    plot.xValueAxis.valueSteps = steps
    plot.xValueAxis.labelTextFormat = lambda v: date.fromordinal(int(v)).strftime("%m-%Y")
    plot.xValueAxis.labels.fontName = REGULAR
    plot.xValueAxis.labels.fontSize = 7
    lo = min(p[1] for p in points)
    hi = max(p[1] for p in points)
    plot.yValueAxis.valueMin = max(0, int(lo) - 5)
    plot.yValueAxis.valueMax = min(100, int(hi) + 5)
    plot.yValueAxis.labels.fontName = REGULAR
    plot.yValueAxis.labels.fontSize = 7
    plot.yValueAxis.labelTextFormat = lambda v: f"{v:.0f} %"
    d.add(plot)
    span = points[-1][0] - points[0][0] or 1
    for on, name in report.snapshot_marks:
        if points[0][0] <= on.toordinal() <= points[-1][0]:
            x = plot.x + plot.width * (on.toordinal() - points[0][0]) / span
            d.add(Line(x, plot.y, x, plot.y + plot.height, strokeDashArray=[2, 2]))
            d.add(String(x + 1, plot.y + plot.height + 2, name, fontName=REGULAR, fontSize=7))
    return d


def _pdf_cell(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 1000:
        return f"{value:,}".replace(",", ".")
    return cell_text(value)


def _table(table: Any, st: dict) -> list:
    titles = table.short_titles or [c.title for c in table.columns]
    numeric = [c.kind != "text" for c in table.columns]
    right = ParagraphStyle("num", parent=st["cell"], alignment=2)
    head_right = ParagraphStyle("headnum", parent=st["head"], alignment=2)
    head = [
        Paragraph(escape(t), head_right if num else st["head"])
        for t, num in zip(titles, numeric, strict=True)
    ]
    body = [
        [Paragraph(escape(_pdf_cell(v)), right if numeric[i] else st["cell"])
         for i, v in enumerate(row)]
        for row in table.rows
    ] or [[Paragraph("(ingen)", st["cell"])] + [""] * (len(head) - 1)]  # fmt: skip
    # widths: text columns by their longest text (capped), number columns by their header word
    weights = []
    for i, num in enumerate(numeric):
        longest_word = max((len(w) for w in titles[i].split()), default=4)
        if num:
            weights.append(max(longest_word, 6))
        else:
            content = max((len(cell_text(r[i])) for r in table.rows), default=4)
            weights.append(min(max(content, longest_word, 4), 34))
    total = sum(weights)
    widths = [WIDTH * w / total for w in weights]
    t = Table([head, *body], colWidths=widths, repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#999999")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    out = [Paragraph(escape(table.title), st["h2"]), t]
    if table.note:
        out.append(Paragraph(escape(table.note), st["small"]))
    if table.short_titles:
        steps = [c.title for c in table.columns[1:-1] if c.title[:1].isdigit()]
        out.append(Paragraph(escape("Kolonner: " + "; ".join(steps) + "."), st["small"]))
    return [KeepTogether(out[:2]), *out[2:]]


def write_pdf(report: TeamReport, path: Path | BinaryIO) -> None:
    register_fonts()
    st = _styles()
    story: list = [
        Paragraph("Teamrapport: andel i virksomhedsrettet indsats", st["h1"]),
        Paragraph(
            escape(
                f"{report.municipality or 'Kommunen'} · periode {report.start:%d-%m-%Y} – "
                f"{report.end:%d-%m-%Y} · baseline {report.baseline:%d-%m-%Y}"
            ),
            st["body"],
        ),
        Paragraph(escape(f"Udvalg: {report.scope_text}"), st["body"]),
        Paragraph(
            "Anonym: celler med 1–4 borgere vises som «&lt;5»."
            if report.anonymous
            else "<b>Ikke anonym.</b>",
            st["small"],
        ),
        Spacer(1, 4 * mm),
        _cards(report, st),
        Paragraph(f"Borgere pr. trin {report.end:%d-%m-%Y} (tværsnit)", st["h2"]),
        _bars(report),
        Paragraph("Udvikling i andelen, sidste dag i hver måned (tværsnit)", st["h2"]),
        _trend(report),
    ]
    for table in report.tables:
        if table.key == "Nøgletal":
            continue
        story += _table(table, st)

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 7)
        canvas.drawString(18 * mm, 10 * mm, f"Trappe · teamrapport {report.end:%d-%m-%Y}")
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"Side {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        path if not isinstance(path, Path) else str(path),
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=16 * mm,
        title="Teamrapport",
        author="Trappe",
        invariant=1,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
