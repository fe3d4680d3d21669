"""The team report's figures as plain tables: one source for the screen (Vis → Overblik), the
PDF, the XLSX and the CSV, so they cannot disagree.

Anonymous by default: a cell that counts 1–4 citizens shows "<5" (0 is shown: it identifies
no one), and a share whose denominator is below 5 is not shown. Names appear only in a named
follow-up list the user asks for; the caller logs that choice (``audit.log_event``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from trappe.model import followup, snapshots
from trappe.model.followup import FOLLOW_UP_LABELS_DA, FollowUp
from trappe.model.formatting import format_date
from trappe.model.measures import (
    ALL,
    ARRIVED_LABEL_DA,
    METHOD_LABELS_DA,
    METHOD_SHORT_DA,
    FlowMatrix,
    Headline,
    Measurer,
    Method,
    Scope,
    Share,
    StepCount,
    month_ends,
)
from trappe.model.staircase import municipality_name
from trappe.model.store import Store

SMALL = 5
FOLLOW_UP_ROWS = 20  # the overview shows at most this many rows of a list, then "vis alle"
SUPPRESSED = "<5"


class Cancelled(Exception):
    """The user cancelled a long computation (progress callback returned False)."""


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "text"  # text, count, percent, pp, days, date


@dataclass
class Table:
    key: str  # short name: the XLSX sheet and the CSV section
    title: str
    columns: list[Column]
    rows: list[list[Any]]
    note: str = ""
    short_titles: list[str] | None = None  # for a narrow page (the PDF's flow matrix)


@dataclass
class TeamReport:
    municipality: str
    start: date
    end: date
    baseline: date
    scope: Scope
    scope_text: str
    anonymous: bool
    headline: dict[Method, Headline]
    step_counts: list[StepCount]
    not_placed: int
    flow: FlowMatrix
    trend: list[Share]
    snapshot_marks: list[tuple[date, str]]
    tables: list[Table] = field(default_factory=list)
    named_list: FollowUp | None = None
    # each follow-up list: (how many, the first FOLLOW_UP_ROWS rows, with names: screen only)
    follow_ups: dict[FollowUp, tuple[int, list[followup.FollowUpRow]]] = field(default_factory=dict)
    weeks: int = 12

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def count_cell(n: int, anonymous: bool) -> int | str:
    return SUPPRESSED if anonymous and 0 < n < SMALL else n


def share_cell(counted: int, active: int, anonymous: bool) -> float | None:
    if active == 0 or (anonymous and active < SMALL):
        return None
    return round(100.0 * counted / active, 1)


def build_report(
    store: Store,
    start: date,
    end: date,
    baseline: date,
    scope: Scope = ALL,
    *,
    anonymous: bool = True,
    named_list: FollowUp | None = None,
    weeks: int = 12,
    with_activities: bool = True,
    with_follow_ups: bool = True,
    parallel: bool = False,
    progress: Callable[[int, str], bool] | None = None,
) -> TeamReport:
    """Every figure of the team report; ``progress(percent, text)`` returning False cancels.

    ``parallel``: compute the monthly trend on a second read-only connection in a thread of
    its own while this one computes the rest (the two big queries then share the cores).
    """

    def step(pct: int, text: str) -> None:
        if progress is not None and progress(pct, text) is False:
            raise Cancelled

    m = Measurer(store, scope)
    an = anonymous
    trend_dates = month_ends(min(start, baseline), end)
    trend_later = (
        _in_thread(store, lambda r: Measurer(r, scope).trend(trend_dates)) if parallel else None
    )
    step(5, "Nøgletal")
    m.prime(baseline, end)  # both dates, the cohort and (if start is the baseline) the flows
    heads = {method: m.headline(end, baseline, method) for method in Method}
    step(25, "Trin")
    counts = m.step_counts(end)
    not_placed = m.not_placed(end)
    step(40, "Bevægelser og strømme")
    flow = m.flow(start, end).compact()
    moves = {method: m.movement(start, end, method) for method in Method}
    step(60, "Udvikling")
    trend = trend_later() if trend_later is not None else m.trend(trend_dates)
    snaps = [
        s for s in snapshots.list_snapshots(store) if s.scope == scope and s.measured_on <= end
    ]
    report = TeamReport(
        municipality_name(store),
        start,
        end,
        baseline,
        scope,
        scope.describe(store),
        anonymous,
        heads,
        counts,
        not_placed,
        flow,
        trend,
        [(s.measured_on, s.name) for s in snaps],
        named_list=named_list,
        weeks=weeks,
    )
    t = report.tables

    rows = []
    for method, h in heads.items():
        for label, share in (("Baseline", h.baseline), ("Opgørelse", h.now)):
            rows.append([
                METHOD_SHORT_DA[method], label, share.on, count_cell(share.active, an),
                count_cell(share.counted, an), share_cell(share.counted, share.active, an), None,
            ])  # fmt: skip
        both = (
            share_cell(h.now.counted, h.now.active, an) is not None
            and share_cell(h.baseline.counted, h.baseline.active, an) is not None
        )
        rows[-1][-1] = round(h.change_pp, 1) if both else None
    t.append(Table(
        "Nøgletal", "Andel i virksomhedsrettet indsats eller ordinære timer",
        [Column("Metode"), Column("Måling"), Column("Dato", "date"),
         Column("Borgere i alt", "count"), Column("Heraf i virksomhedsrettet indsats", "count"),
         Column("Andel (%)", "percent"), Column("Ændring (procentpoint)", "pp")],
        rows,
        " ".join(f"{METHOD_SHORT_DA[k].capitalize()}: {v}." for k, v in METHOD_LABELS_DA.items()),
    ))  # fmt: skip

    t.append(Table(
        "Trin", f"Borgere pr. trin {format_date(end)} (tværsnit)",
        [Column("Nr."), Column("Trin"), Column("Fase"), Column("Tæller med"),
         Column("Borgere", "count"), Column("Median dage på trinnet", "days"),
         Column("Nedre kvartil (dage)", "days"), Column("Øvre kvartil (dage)", "days")],
        [[c.number if c.number is not None else "–", c.title, c.phase_title,
          "ja" if c.counts else "nej", count_cell(c.citizens, an),
          *(_days(x, c.citizens, an) for x in (c.median_days, c.q1_days, c.q3_days))]
         for c in counts]
        + [["–", "Ikke placeret", "", "nej", count_cell(not_placed, an), None, None, None]],
        "Dage på trinnet: siden borgeren kom på trinnet (uafbrudt), til opgørelsesdatoen.",
    ))  # fmt: skip

    t.append(Table(
        "Bevægelse", f"Bevægelse {format_date(start)}–{format_date(end)}",
        [Column("Metode"), Column("Op", "count"), Column("Ned", "count"),
         Column("Uændret", "count"), Column("Uden placering", "count"),
         Column(ARRIVED_LABEL_DA, "count"), Column("Afsluttet: andet", "count")],
        [[METHOD_SHORT_DA[k], *(count_cell(x, an) for x in (
            v.up, v.down, v.stayed, v.not_placed, v.left_job_education, v.left_other))]
         for k, v in moves.items()],
        "Tværsnit: de aktive ved periodens slut. Kohorte: de aktive ved periodens start. "
        "Op og ned efter trappen, som den var ved periodens slut.",
    ))  # fmt: skip

    t.append(Table(
        "Strømme", "Fra trin ved periodens start (rækker) til trin ved periodens slut",
        [Column("Fra \\ til"), *(Column(label, "count") for _k, label in flow.cols),
         Column("I alt", "count")],
        [[label, *(count_cell(flow.cell(rk, ck), an) for ck, _l in flow.cols),
          count_cell(sum(flow.cell(rk, ck) for ck, _l in flow.cols), an)]
         for rk, label in flow.rows],
        "Alle borgere, der var aktive i udvalget på et tidspunkt i perioden.",
        ["Fra \\ til", *(_short(k, label) for k, label in flow.cols), "I alt"],
    ))  # fmt: skip

    marks = dict(report.snapshot_marks)
    t.append(Table(
        "Udvikling", "Andel i virksomhedsrettet indsats, sidste dag i hver måned (tværsnit)",
        [Column("Dato", "date"), Column("Aktive", "count"),
         Column("I virksomhedsrettet indsats", "count"), Column("Andel (%)", "percent"),
         Column("Måling")],
        [[s.on, count_cell(s.active, an), count_cell(s.counted, an),
          share_cell(s.counted, s.active, an), marks.get(s.on, "")] for s in trend],
    ))  # fmt: skip

    if with_activities:
        step(75, "Aktiviteter")
        assoc = followup.activity_association(store, start, end, scope)
        t.append(Table(
            "Aktiviteter", "Parallelle aktiviteter og bevægelse op ad trappen",
            ACTIVITY_COLUMNS, [activity_row(a, an) for a in assoc],
            "Sammenhæng, ikke årsag: hvor stor en del af borgerne der stod på et højere trin "
            "inden 3 og 6 måneder efter det første møde i perioden med aktiviteten (kun møder "
            "så længe før periodens slut). Borgere, der var klar, har måske oftere fået "
            "aktiviteten.",
        ))  # fmt: skip

    if with_follow_ups:
        step(88, "Opfølgning")
        add_follow_ups(store, report)

    if named_list is not None:
        _total, rows = followup.follow_up(store, named_list, end, scope, weeks=weeks)
        t.append(Table(
            "Navneliste", f"{FOLLOW_UP_LABELS_DA[named_list]} (med navne, valgt af brugeren)",
            [Column("Id"), Column("Navn"), Column("Hvad"), Column("Siden", "date"),
             Column("Dage", "days")],
            [[r.citizen_id, r.name, r.detail, r.since, r.days] for r in rows],
            "Indeholder personoplysninger. Valget er skrevet i revisionsloggen.",
        ))  # fmt: skip

    if snaps:
        srows = []
        for s in snaps:
            now = m.share(s.measured_on, s.method, s.baseline_on)
            changed = (now.active, now.counted) != (s.active, s.counted)
            srows.append([s.name, s.measured_on, METHOD_SHORT_DA[s.method],
                          share_cell(s.counted, s.active, an),
                          share_cell(now.counted, now.active, an),
                          "ja" if changed else "nej"])  # fmt: skip
        t.append(Table(
            "Målinger", "Gemte målinger (samme udvalg)",
            [Column("Navn"), Column("Dato", "date"), Column("Metode"),
             Column("Andel dengang (%)", "percent"), Column("Andel genberegnet (%)", "percent"),
             Column("Ændret siden")],
            srows,
        ))  # fmt: skip

    targets = snapshots.list_targets(store)
    if targets:
        trows = []
        for target in targets:
            st = snapshots.target_status(store, target, end)
            trows.append([st.label, target.baseline_on, round(target.change_pp, 1), target.due_on,
                          round(st.baseline_percent, 1), round(st.current_percent, 1),
                          round(st.goal_percent, 1)])  # fmt: skip
        t.append(Table(
            "Mål", "Resultatmål pr. målgruppe",
            [Column("Målgruppe"), Column("Baseline", "date"), Column("Mål (procentpoint)", "pp"),
             Column("Frist", "date"), Column("Andel ved baseline (%)", "percent"),
             Column("Andel nu (%)", "percent"), Column("Målet svarer til (%)", "percent")],
            trows,
        ))  # fmt: skip
    step(100, "Færdig")
    return report


ACTIVITY_COLUMNS = [
    Column("Aktivitet"), Column("Borgere", "count"),
    Column("Fulgt 3 mdr.", "count"), Column("Op inden 3 mdr.", "count"),
    Column("Op inden 3 mdr. (%)", "percent"),
    Column("Fulgt 6 mdr.", "count"), Column("Op inden 6 mdr.", "count"),
    Column("Op inden 6 mdr. (%)", "percent"),
]  # fmt: skip


def activity_row(a: followup.ActivityAssociation, anonymous: bool) -> list[Any]:
    return [
        a.kind or "Alle borgere med et møde (til sammenligning)",
        count_cell(a.citizens, anonymous),
        count_cell(a.observed_3, anonymous), count_cell(a.up_3, anonymous),
        share_cell(a.up_3, a.observed_3, anonymous),
        count_cell(a.observed_6, anonymous), count_cell(a.up_6, anonymous),
        share_cell(a.up_6, a.observed_6, anonymous),
    ]  # fmt: skip


def add_follow_ups(store: Store, report: TeamReport) -> None:
    """The follow-up lists (first rows with names, for the screen) and their counts table."""

    def lists(reader: Store, kind: FollowUp) -> tuple[int, list]:
        return followup.follow_up(
            reader, kind, report.end, report.scope, weeks=report.weeks, limit=FOLLOW_UP_ROWS
        )

    # The overdue agreements (the dearest list: one row per agreement) on a second
    # connection in a thread, while this one finds the other two: the cores share the work.
    dearest = FollowUp.OVERDUE_AGREEMENTS
    later = _in_thread(store, lambda reader: lists(reader, dearest))
    found = {kind: lists(store, kind) for kind in FollowUp if kind is not dearest}
    found[dearest] = later()
    rows = []
    for kind in FollowUp:
        total, first = found[kind]
        report.follow_ups[kind] = (total, first)
        label = FOLLOW_UP_LABELS_DA[kind]
        if kind is FollowUp.NO_MOVEMENT:
            label += f" i {report.weeks} uger"
        rows.append([label, count_cell(total, report.anonymous)])
    table = Table(
        "Opfølgning", f"Borgere til opfølgning {format_date(report.end)}",
        [Column("Liste"), Column("Antal", "count")], rows,
        "Aftaler over frist tælles pr. aftale.",
    )  # fmt: skip
    later = ("Navneliste", "Målinger", "Mål")
    at = next((i for i, t in enumerate(report.tables) if t.key in later), len(report.tables))
    report.tables.insert(at, table)


def _in_thread(store: Store, fn: Callable[[Store], Any]) -> Callable[[], Any]:
    """Run ``fn`` on a read-only connection of its own in a thread; call the result to wait."""
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            reader = store.reader()
            try:
                result["value"] = fn(reader)
            finally:
                reader.close()
        except BaseException as exc:  # handed to the caller
            result["error"] = exc

    thread = threading.Thread(target=run, name="trappe-measures", daemon=True)
    thread.start()

    def join() -> Any:
        thread.join()
        if "error" in result:
            raise result["error"]
        return result["value"]

    return join


def _short(key: tuple, label: str) -> str:
    if key[0] == "step":
        return label.split(".", 1)[0] + "." if label[:1].isdigit() else label[:8]
    return {
        "not_placed": "Ikke plac.",
        "left_job_education": "Job/udd./fleks",
        "left_other": "Andet",
    }[key[0]]


def _days(value: float | None, citizens: int, anonymous: bool) -> float | None:
    if value is None or (anonymous and citizens < SMALL):
        return None
    return round(float(value), 1)


# Phase colours differ in lightness (dark, middle, light …), so bars read in black and white.
PHASE_PALETTE = ("#1f4e79", "#6aa84f", "#f1c232", "#a64d79", "#9fc5e8", "#444444")


def phase_colours(phase_titles: list[str]) -> dict[str, str]:
    """A colour per phase, in the order the phases first appear (bottom step first)."""
    out: dict[str, str] = {}
    for title in phase_titles:
        if title not in out:
            out[title] = PHASE_PALETTE[len(out) % len(PHASE_PALETTE)]
    return out
