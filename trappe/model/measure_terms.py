"""The terms a measure is stated in: whom it is about (``Scope``), how a change since the
baseline is read (``Method``: cross-section or cohort), and which closed courses count as
*arrived* (``ARRIVED_REASONS``). Every figure and every output names these, so they live apart
from the arithmetic (``measures``) and the figures it returns (``measure_figures``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum

from trappe.model.entities import CloseReason
from trappe.model.store import Store

# The one place that says which close reasons count as *arrived* in the cohort reading
# (docs/domain.md, "Which closed courses count as arrived"): the citizen left the target group
# for work or education on ordinary or flexjob terms, the goal of the staircase's top steps.
# Disability pension, a resource course ended, a move, a transfer and "other" do not: the
# citizen left the cohort without arriving. A reason added to ``CloseReason`` counts as not
# arrived until it is added here (tests/model/test_arrived.py names every reason).
ARRIVED_REASONS: frozenset[CloseReason] = frozenset(
    {CloseReason.JOB, CloseReason.EDUCATION, CloseReason.FLEXJOB}
)


ARRIVED_LABEL_DA = "Afsluttet: job, uddannelse, fleksjob"  # the column of those counted arrived


def counts_as_arrived(reason: str | None) -> bool:
    """Whether a course closed for ``reason`` (a ``CloseReason`` value) counts as arrived."""
    return reason in ARRIVED_REASONS


class Method(StrEnum):
    CROSS_SECTION = "cross_section"
    COHORT = "cohort"


METHOD_LABELS_DA = {
    Method.CROSS_SECTION: "Tværsnit: alle aktive i udvalget på hver dato",
    Method.COHORT: (
        "Kohorte: de aktive ved baseline, fulgt frem (job, uddannelse og fleksjob tæller som nået)"
    ),
}
METHOD_SHORT_DA = {Method.CROSS_SECTION: "tværsnit", Method.COHORT: "kohorte"}


# -- scope ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scope:
    """Which citizens a figure is about: empty tuples mean "all"."""

    target_group_ids: tuple[int, ...] = ()
    caseworker_ids: tuple[int, ...] = ()
    consultant_ids: tuple[int, ...] = ()

    @property
    def is_all(self) -> bool:
        return not (self.target_group_ids or self.caseworker_ids or self.consultant_ids)

    def sql(self, alias: str = "c") -> str:
        """An ``AND …`` clause on the citizens table (ids are ints, so inlined safely)."""
        out = ""
        for column, ids in (
            ("target_group_id", self.target_group_ids),
            ("caseworker_id", self.caseworker_ids),
            ("consultant_id", self.consultant_ids),
        ):
            if ids:
                out += f" AND {alias}.{column} IN ({','.join(str(int(i)) for i in ids)})"
        return out

    def to_json(self) -> str:
        return json.dumps(
            {
                "target_groups": list(self.target_group_ids),
                "caseworkers": list(self.caseworker_ids),
                "consultants": list(self.consultant_ids),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Scope:
        data = json.loads(text or "{}")
        return cls(
            tuple(data.get("target_groups", ())),
            tuple(data.get("caseworkers", ())),
            tuple(data.get("consultants", ())),
        )

    def describe(self, store: Store) -> str:
        """The scope in Danish, for every output."""
        if self.is_all:
            return "Alle borgere"
        parts = []
        for label, table, ids in (
            ("Målgrupper", "target_groups", self.target_group_ids),
            ("Sagsbehandlere", "staff", self.caseworker_ids),
            ("Virksomhedskonsulenter", "staff", self.consultant_ids),
        ):
            if ids:
                col = "name"
                names = [
                    r[0]
                    for r in store.query(
                        f"SELECT {col} FROM {table} WHERE id IN ({','.join('?' * len(ids))})"
                        " ORDER BY 1",
                        list(ids),
                    )
                ]
                parts.append(f"{label}: {', '.join(names)}")
        return "; ".join(parts)


ALL = Scope()
