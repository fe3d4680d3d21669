"""A citizen's data for a request of access (GDPR article 15): a readable PDF and the JSON.

Both are made from the one dictionary ``trappe.model.export.citizen_data`` returns (the full
record and the citizen's access log), so the two cannot say different things. The PDF is
A4 portrait in the sheet's fonts (DejaVu Sans with the fallback for CJK text), with tables
that continue over as many pages as the case needs, and "Side X af Y" on every page.

``write_citizen_data`` writes both under temporary names, writes the audit entry, then
renames them into place: a file with the citizen's data never exists without its entry.
"""

from __future__ import annotations

import io
import json
import os
import re
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trappe.model.errors import TrappeError
from trappe.model.validation import format_date

if TYPE_CHECKING:
    from trappe.model.store import Store

TITLE = "Indsigt i egne oplysninger"
SUBTITLE = "Det, Trappe har registreret om dig (databeskyttelsesforordningens artikel 15)"
CONFIDENTIAL = "Fortroligt: indeholder personoplysninger."

ASSESSED_BY_DA = {"professional": "Fagpersonerne", "citizen": "Din egen vurdering"}
STATUS_DA = {"active": "Aktivt forløb", "closed": "Afsluttet forløb"}
CLOSE_REASON_DA = {
    "job": "Job",
    "education": "Uddannelse",
    "transfer": "Overført",
    "other": "Andet",
}
RESPONSIBLE_DA = {
    "citizen": "Borger",
    "caseworker": "Sagsbehandler",
    "company_consultant": "Virksomhedskonsulent",
    "other": "Andre",
}

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


def suggested_base_name(name: str, on: date) -> str:
    """'Indsigt Åse Ærø 22-11-2026' (the PDF and the JSON add their own suffix)."""
    clean = _UNSAFE.sub(" ", unicodedata.normalize("NFC", name or ""))
    clean = " ".join(clean.split())[:80].strip(" .")
    return " ".join(p for p in ("Indsigt", clean, format_date(on)) if p)


def _d(value: Any) -> str:
    """An ISO date from the JSON as 22-11-2026 (empty for none)."""
    if not value:
        return ""
    try:
        return format_date(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


# -- the PDF --------------------------------------------------------------------------------
def render_pdf(
    data: dict[str, Any],
    out: io.BufferedIOBase | io.BytesIO,
    *,
    municipality: str = "",
    printed_at: datetime | None = None,
    invariant: bool = False,
) -> int:
    """Draw ``data`` (``citizen_data``'s dictionary) as a PDF; returns the page count."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from trappe.sheet.fonts import BOLD, REGULAR, markup, register_fonts

    register_fonts()
    printed_at = printed_at or datetime.now().replace(second=0, microsecond=0)
    ink, muted, rule = (
        colors.HexColor("#1a1a1a"),
        colors.HexColor("#555555"),
        colors.HexColor("#b3b3b3"),
    )

    def style(name: str, font: str, size: float, leading: float, colour: Any = ink) -> Any:
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=leading, textColor=colour, alignment=TA_LEFT
        )

    s_title = style("title", BOLD, 16, 20)
    s_sub = style("sub", REGULAR, 9.5, 12.5, muted)
    s_head = style("head", BOLD, 11.5, 15)
    s_body = style("body", REGULAR, 9.5, 12.5)
    s_cell = style("cell", REGULAR, 8.5, 10.8)
    s_cell_head = style("cellhead", BOLD, 8.5, 10.8)
    s_note = style("note", REGULAR, 8.5, 11, muted)

    def p(text: Any, st: Any = s_body) -> Paragraph:
        return Paragraph(markup(str(text if text is not None else ""), st.fontName), st)

    def labelled(label: str, value: Any) -> Paragraph:
        return Paragraph(
            f"<b>{markup(label, BOLD)}</b> " + markup(str(value or "–"), REGULAR), s_body
        )

    width = A4[0] - 36 * mm

    def table(head: list[str], rows: list[list[Any]], widths: list[float]) -> Table:
        body = [[p(h, s_cell_head) for h in head]] + [[p(c, s_cell) for c in r] for r in rows]
        t = Table(body, colWidths=[w * width for w in widths], repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, rule),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return t

    c = data["citizen"]
    story: list[Any] = []
    if municipality:
        story.append(p(municipality, style("muni", BOLD, 10, 13, muted)))
    story += [
        p(TITLE, s_title),
        p(SUBTITLE, s_sub),
        Spacer(1, 3 * mm),
        p(
            f"Udskrevet {printed_at.strftime('%d-%m-%Y kl. %H:%M')}. "
            "Papiret og filen indeholder dine personoplysninger: opbevar dem forsvarligt.",
            s_note,
        ),
        Spacer(1, 5 * mm),
        p("Om dig og dit forløb", s_head),
        Spacer(1, 1.5 * mm),
    ]
    closed = ""
    if c.get("status") == "closed":
        closed = f"{_d(c.get('closed_on'))}, {CLOSE_REASON_DA.get(c.get('closed_reason'), '')}"
        if c.get("closed_note"):
            closed += f" ({c['closed_note']})"
    for label, value in (
        ("Navn:", c.get("name")),
        ("CPR-nummer / sagsnummer:", c.get("identifier")),
        ("Målgruppe:", data.get("target_group")),
        ("Sagsbehandler:", data.get("caseworker")),
        ("Virksomhedskonsulent:", data.get("company_consultant")),
        ("Forløbet startede:", _d(c.get("start_date"))),
        ("Status:", STATUS_DA.get(c.get("status"), c.get("status"))),
        ("Afsluttet:", closed),
        ("Nuværende trin (fagpersonerne):", data.get("current_step")),
        ("Din egen placering:", data.get("own_step")),
        (
            "Mål:",
            (data.get("goal_step") or "")
            + (f", senest {_d(c.get('goal_date'))}" if c.get("goal_date") else ""),
        ),
        ("Næste samtale:", _d(c.get("next_meeting_on"))),
    ):
        if label == "Afsluttet:" and not value:
            continue
        story.append(labelled(label, value))

    placements = data.get("placements", [])
    story += [Spacer(1, 5 * mm), p("Placeringer på trappen", s_head), Spacer(1, 1.5 * mm)]
    if placements:
        story.append(
            table(
                ["Dato", "Hvis vurdering", "Trin"],
                [
                    [
                        _d(x["placed_on"]),
                        ASSESSED_BY_DA.get(x["assessor"], x["assessor"]),
                        x["step"],
                    ]
                    for x in placements
                ],
                [0.18, 0.3, 0.52],
            )
        )
    else:
        story.append(p("Ingen placeringer."))

    meetings = data.get("meetings", [])
    story += [Spacer(1, 5 * mm), p("Dialogmøder", s_head), Spacer(1, 1.5 * mm)]
    if not meetings:
        story.append(p("Ingen møder registreret."))
    for m in meetings:
        block: list[Any] = [p(f"Møde {_d(m['held_on'])}", style("mh", BOLD, 10, 13))]
        for label, value in (
            ("Deltagere:", m.get("participants")),
            ("Fagpersonernes placering:", m.get("professional_step")),
            ("Din egen placering:", m.get("citizen_step")),
            ("Sagsbehandlerens notat:", m.get("caseworker_note")),
            ("Virksomhedskonsulentens notat:", m.get("consultant_note")),
            ("Næste samtale:", _d(m.get("next_meeting_on"))),
        ):
            if value:
                block.append(labelled(label, value))
        for a in m.get("activities", []):
            bits = [a.get("kind"), a.get("description"), a.get("company")]
            if a.get("hours_per_week"):
                bits.append(f"{a['hours_per_week']:g} t/uge".replace(".", ","))
            block.append(labelled("Aktivitet:", ", ".join(b for b in bits if b)))
        for a in m.get("agreements", []):
            who = RESPONSIBLE_DA.get(a.get("responsible"), a.get("responsible"))
            if a.get("responsible_other"):
                who += f" ({a['responsible_other']})"
            text = f"{a.get('what')} (ansvarlig: {who}"
            if a.get("due_on"):
                text += f", senest {_d(a['due_on'])}"
            if a.get("done_on"):
                text += f", udført {_d(a['done_on'])}"
            block.append(labelled("Aftale:", text + ")"))
        block.append(Spacer(1, 3 * mm))
        story.append(KeepTogether(block))

    log = data.get("access_log")
    if log is not None:
        story += [
            Spacer(1, 4 * mm),
            p("Hvem har set eller ændret din sag", s_head),
            Spacer(1, 1 * mm),
            p(
                "Trappe skriver i en log, hver gang nogen åbner, ændrer, udskriver eller "
                "udleverer oplysninger om dig. Logposter ældre end slettefristen er talt "
                "sammen og står ikke her.",
                s_note,
            ),
            Spacer(1, 1.5 * mm),
        ]
        if log:
            story.append(
                table(
                    ["Tidspunkt", "Hvem", "Rolle", "Hvad", "Detaljer"],
                    [
                        [
                            e["time_local"],
                            e["user"],
                            e["role"],
                            f"{e['action']} ({e['object'].lower()})",
                            e["details"],
                        ]
                        for e in log
                    ],
                    [0.17, 0.22, 0.17, 0.2, 0.24],
                )
            )
        else:
            story.append(p("Ingen poster."))
    for earlier in data.get("access_log_before_handover", []):
        story += [
            Spacer(1, 4 * mm),
            p(
                f"Før din sag blev overdraget hertil (sendt af {earlier['from']}, "
                f"modtaget {_d(earlier['imported_at'])})",
                style("eh", BOLD, 10, 13),
            ),
            Spacer(1, 1.5 * mm),
        ]
        story.append(
            table(
                ["Tidspunkt", "Hvem", "Rolle", "Hvad", "Detaljer"],
                [
                    [e["time_local"], e["user"], e["role"], e["action"], e["details"]]
                    for e in earlier["access_log"]
                ]
                or [["", "Ingen poster.", "", "", ""]],
                [0.17, 0.22, 0.17, 0.2, 0.24],
            )
        )

    pages = {"count": 0}

    class NumberedCanvas(Canvas):
        """Holds each page until the end, so every footer can say "Side X af Y"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            pages["count"] = total
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(REGULAR, 7.5)
                self.setFillColor(muted)
                self.drawString(18 * mm, 10 * mm, f"{TITLE} · {c.get('name', '')}"[:90])
                self.drawRightString(
                    A4[0] - 18 * mm, 10 * mm, f"Side {self._pageNumber} af {total}"
                )
                self.drawString(18 * mm, 6.5 * mm, CONFIDENTIAL)
                super().showPage()
            super().save()

    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=f"{TITLE} — {c.get('name', '')}",
        author=municipality or "Trappe",
        creator="Trappe",
        invariant=1 if invariant else 0,
    )
    doc.build(story, canvasmaker=NumberedCanvas)
    return pages["count"]


# -- both files, logged ---------------------------------------------------------------------
def write_citizen_data(
    store: Store,
    citizen_id: int,
    pdf_path: Path | None,
    json_path: Path | None,
    *,
    invariant: bool = False,
    printed_at: datetime | None = None,
) -> list[Path]:
    """Write the PDF and/or the JSON; returns the paths written.

    Both are written under temporary names first; then the export is logged; then they are
    renamed into place. A failure leaves neither file behind, and a Danish ``TrappeError``.
    """
    from trappe.model import audit
    from trappe.model.export import citizen_data
    from trappe.model.output import check_output_path
    from trappe.model.staircase import municipality_name

    pdf_path = check_output_path(pdf_path) if pdf_path is not None else None
    json_path = check_output_path(json_path) if json_path is not None else None
    targets = [p for p in (pdf_path, json_path) if p is not None]
    if not targets:
        raise TrappeError("Vælg mindst én fil: PDF eller JSON.")
    data = citizen_data(store, citizen_id)
    temps: dict[Path, Path] = {}
    try:
        for target in targets:
            target = Path(target)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
            temps[target] = tmp
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh:
                if target == pdf_path:
                    render_pdf(
                        data,
                        fh,
                        municipality=municipality_name(store),
                        printed_at=printed_at,
                        invariant=invariant,
                    )
                else:
                    fh.write(json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
                    fh.write(b"\n")
        formats = [("pdf" if t == pdf_path else "json") for t in targets]
        audit.log_event(
            store,
            audit.EXPORT,
            "citizen",
            citizen_id,
            {"format": "+".join(formats), "purpose": "indsigt"},
        )
        for target, tmp in temps.items():
            os.replace(tmp, target)
    except OSError as exc:
        raise TrappeError(
            f"Oplysningerne kunne ikke gemmes i «{exc.filename or targets[0]}»: "
            f"{exc.strerror or exc}. Intet er gemt."
        ) from exc
    finally:
        for tmp in temps.values():
            tmp.unlink(missing_ok=True)
    return [Path(t) for t in targets]
