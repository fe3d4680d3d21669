"""The audit log's words: its actions and object types, and how an entry reads in Danish
(the access-log view, the CSV and the citizen's own data export all use ``describe``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trappe.model.audit_chain import AUDIT_LOG, THIN

if TYPE_CHECKING:
    from trappe.model.audit import AuditEntry

CREATE, UPDATE, DELETE, READ, SEARCH = "create", "update", "delete", "read", "search"
EXPORT, PRINT, VIEW = "export", "print", "view"
BACKUP, RESTORE, VERIFY = "backup", "restore", "verify"
HANDOVER_EXPORT, HANDOVER_IMPORT, HANDOVER_ERASE = (
    "handover_export",
    "handover_import",
    "handover_erase",
)
REPORT, DATABASE = "report", "database"

ACTION_LABELS_DA = {
    CREATE: "Oprettet",
    UPDATE: "Ændret",
    DELETE: "Slettet",
    READ: "Åbnet",
    SEARCH: "Søgning",
    EXPORT: "Udleveret",
    PRINT: "Udskrevet",
    VIEW: "Vist",
    BACKUP: "Sikkerhedskopi",
    RESTORE: "Gendannet",
    THIN: "Log udtyndet",
    VERIFY: "Log kontrolleret",
    HANDOVER_EXPORT: "Overdraget",
    HANDOVER_IMPORT: "Modtaget (overdragelse)",
    HANDOVER_ERASE: "Slettet efter overdragelse",
}
OBJECT_LABELS_DA = {
    "citizen": "Borger",
    "meeting": "Møde",
    "placement": "Placering",
    "agreement": "Aftale",
    "step": "Trin",
    "phase": "Fase",
    "target_group": "Målgruppe",
    "setting": "Indstilling",
    "staff": "Medarbejder",
    "staircase": "Trappe",
    "demo": "Demodata",
    "blank_sheet": "Blankt dialogark",
    REPORT: "Rapport",
    "overview": "Overblik",
    "snapshot": "Måling",
    "target": "Resultatmål",
    AUDIT_LOG: "Adgangslog",
    DATABASE: "Database",
}


CRITERIA_LABELS_DA = {
    "status": "status",
    "target_group_id": "målgruppe",
    "step_id": "trin",
    "caseworker_id": "sagsbehandler",
    "consultant_id": "konsulent",
    "next_meeting": "næste samtale",
    "stale_weeks": "uger uden bevægelse",
}
_VALUE_LABELS_DA = {
    "active": "aktive",
    "closed": "afsluttede",
    "overdue": "overskredet",
    "this_week": "denne uge",
    "next_week": "næste uge",
    "none_planned": "ingen aftalt",
}


def action_label(action: str) -> str:
    return ACTION_LABELS_DA.get(action, action)


def object_label(object_type: str) -> str:
    return OBJECT_LABELS_DA.get(object_type, object_type)


def describe(entry: AuditEntry) -> str:
    """The details in Danish words, short (for the view, CSV and the citizen's export)."""
    d = entry.details
    bits: list[str] = []
    if entry.action == SEARCH:
        criteria = d.get("criteria") or {}
        text = criteria.get("text")
        if text:
            bits.append(f"søgetekst «{text}»")
        other = [
            f"{CRITERIA_LABELS_DA.get(k, k)} {_VALUE_LABELS_DA.get(str(v), v)}"
            for k, v in sorted(criteria.items())
            if k != "text"
        ]
        if other:
            bits.append("filtre: " + ", ".join(other))
        if "results" in d:
            bits.append(f"{d['results']} fundet")
        return "; ".join(bits) or "alle"
    if d.get("full_identifier"):
        bits.append("med fuldt CPR-nummer")
    if entry.action == THIN:
        return f"{d.get('entries', '?')} poster til og med #{d.get('through_id', '?')} talt sammen"
    for key, label in (
        ("fields", "felter"),
        ("format", "format"),
        ("sheet", "ark"),
        ("report", "rapport"),
        ("reason", "årsag"),
        ("status", "status"),
        ("meeting_id", "møde"),
        ("file", "fil"),
        ("kept_as", "den hidtidige gemt som"),
    ):
        if key in d and d[key] not in (None, ""):
            value = d[key]
            bits.append(
                f"{label}: {', '.join(map(str, value)) if isinstance(value, list) else value}"
            )
    return "; ".join(bits)
