"""The staircase as it was on a date, read from ``step_versions``: which steps were on it, in
which order, and what each meant then (category, phase). Measures about a past date use this,
never the staircase as edited since (docs/domain.md, "The measure").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from trappe.model.entities import Category
from trappe.model.store import Store


@dataclass(frozen=True)
class StepAt:
    """A step as it was on a date: its number (1 = bottom) among the steps then."""

    step_id: int
    number: int | None  # None: not on the staircase that day (retired, or added later)
    title: str
    colour: str
    category: Category
    phase_id: int | None
    phase_title: str

    @property
    def counts(self) -> bool:
        return self.category.counts_as_activity


@dataclass(frozen=True)
class _Version:
    valid_from: str
    valid_to: str | None
    rank: int | None
    category: str
    phase_id: int | None


class StaircaseHistory:
    """Every step's versions, read once; answers "the staircase on date D"."""

    def __init__(self, store: Store) -> None:
        self.labels = {
            r["id"]: (r["title"], r["colour"])
            for r in store.query("SELECT id, title, colour FROM steps")
        }
        self.phases = {r["id"]: r["title"] for r in store.query("SELECT id, title FROM phases")}
        self.versions: dict[int, list[_Version]] = defaultdict(list)
        for r in store.query("SELECT * FROM step_versions ORDER BY step_id, valid_from, id"):
            self.versions[r["step_id"]].append(
                _Version(r["valid_from"], r["valid_to"], r["rank"], r["category"], r["phase_id"])
            )
        self._cache: dict[str, dict[int, StepAt]] = {}

    def _version(self, step_id: int, day: str) -> _Version | None:
        for v in self.versions.get(step_id, ()):
            if v.valid_from <= day and (v.valid_to is None or v.valid_to > day):
                return v
        return None

    def counts_on(self, step_id: int, day: str) -> bool:
        """Whether the step counts in the headline share on ``day`` (ISO): its category then
        (a step with no version that day counts nothing)."""
        v = self._version(step_id, day)
        return v is not None and Category(v.category).counts_as_activity

    def at(self, on: date) -> dict[int, StepAt]:
        """Every known step as of ``on``; ``steps_on`` lists those on the staircase, in order."""
        day = on.isoformat()
        if day in self._cache:
            return self._cache[day]
        ranked = sorted(
            (v.rank, sid)
            for sid in self.versions
            if (v := self._version(sid, day)) is not None and v.rank is not None
        )
        numbers = {sid: i + 1 for i, (_rank, sid) in enumerate(ranked)}
        out = {}
        for sid, (title, colour) in self.labels.items():
            v = self._version(sid, day)
            category = Category(v.category) if v else Category.NONE
            phase_id = v.phase_id if v else None
            out[sid] = StepAt(
                sid,
                numbers.get(sid),
                title,
                colour,
                category,
                phase_id,
                self.phases.get(phase_id, "") if phase_id is not None else "",
            )
        self._cache[day] = out
        return out

    def steps_on(self, on: date) -> list[StepAt]:
        return sorted(
            (s for s in self.at(on).values() if s.number is not None), key=lambda s: s.number
        )

    def order_key(self, step_id: int, on: date) -> int | None:
        """The step's rank on ``on``, for comparing up and down; a step off the staircase
        that day is compared by the rank it last had before (or first had after)."""
        day = on.isoformat()
        versions = self.versions.get(step_id, ())
        v = self._version(step_id, day)
        if v is not None and v.rank is not None:
            return v.rank
        earlier = [x.rank for x in versions if x.valid_from <= day and x.rank is not None]
        if earlier:
            return earlier[-1]
        later = [x.rank for x in versions if x.rank is not None]
        return later[0] if later else None
