"""Two readings compared: where the citizen stood at one meeting and at another.

The caseworker picks two meetings (the first and the latest, or the baseline and today); both
placements are drawn on one staircase, the earlier faded, with the number of steps moved and
the days between. The same comparison is printed as the citizen's one-page sheet "Din vej
indtil nu".
"""

from __future__ import annotations

from dataclasses import dataclass

from trappe.model.entities import CitizenRecord, Meeting, Staircase
from trappe.model.errors import NotFoundError, ValidationError
from trappe.model.picture import StaircaseState, meeting_order, staircase_state


@dataclass(frozen=True)
class Comparison:
    earlier: Meeting
    later: Meeting
    earlier_state: StaircaseState  # the staircase as the earlier meeting left it
    later_state: StaircaseState
    days: int
    professional_moved: int | None  # steps up (negative: down); None if not on the staircase
    citizen_moved: int | None


def reading(record: CitizenRecord, meeting: Meeting) -> StaircaseState:
    """The staircase as a meeting left it: that meeting's placements (where it made none,
    the latest before it), and no history (the comparison shows two readings, not all)."""
    then = staircase_state(record, as_of=meeting.held_on)
    return StaircaseState(
        meeting.professional_step_id or then.current_step_id,
        meeting.citizen_step_id or then.own_step_id,
        record.citizen.goal_step_id,
    )


def steps_moved(staircase: Staircase, before: int | None, after: int | None) -> int | None:
    """How many steps up (negative: down) from one step to another on today's staircase."""
    if before is None or after is None:
        return None
    a, b = staircase.index_of(before), staircase.index_of(after)
    if a is None or b is None:
        return None
    return b - a


def default_pair(record: CitizenRecord) -> tuple[int, int] | None:
    """The first and the latest meeting (ids), or None with fewer than two meetings."""
    ordered = sorted(record.meetings, key=meeting_order)
    if len(ordered) < 2:
        return None
    return ordered[0].id, ordered[-1].id


def compare(
    record: CitizenRecord, staircase: Staircase, first_id: int, second_id: int
) -> Comparison:
    """Compare two of the citizen's meetings (in either order: the earlier comes first)."""
    by_id = {m.id: m for m in record.meetings}
    if first_id not in by_id or second_id not in by_id:
        raise NotFoundError("Mødet findes ikke for denne borger (måske er det slettet).")
    if first_id == second_id:
        raise ValidationError("meetings", "Vælg to forskellige møder at sammenligne.")
    earlier, later = sorted((by_id[first_id], by_id[second_id]), key=meeting_order)
    before, after = reading(record, earlier), reading(record, later)
    return Comparison(
        earlier,
        later,
        before,
        after,
        (later.held_on - earlier.held_on).days,
        steps_moved(staircase, before.current_step_id, after.current_step_id),
        steps_moved(staircase, before.own_step_id, after.own_step_id),
    )


def moved_text(steps: int | None) -> str:
    """'2 trin op', '1 trin ned', 'samme trin' (or '' when it cannot be said)."""
    if steps is None:
        return ""
    if steps == 0:
        return "samme trin"
    return f"{abs(steps)} trin {'op' if steps > 0 else 'ned'}"


def days_text(days: int) -> str:
    return "samme dag" if days == 0 else ("1 dag" if days == 1 else f"{days} dage")
