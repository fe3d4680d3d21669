"""Measures on a hand-built caseload whose answers are worked out by hand (see the table).

Default staircase: steps 1–7, steps 4–7 count for the headline measure. Baseline B = 01-03-2026,
measure day D = 01-06-2026.

who  course                        placements (professional)      at B         at D
A    from 01-01                    01-02 step 1, 01-05 step 4     1 (28 d)     4 (31 d)
Bo   from 01-01                    01-02 step 4, 01-05 step 3     4            3 (31 d)
C    from 01-01                    01-02 step 5, 01-05 step 6     5            6 (31 d)
Di   01-01, closed 15-05 transfer  01-02 step 2                   2            closed in period
E    from 01-04, never placed      -                              not started  not placed
F    from 01-01                    01-06 step 3 then 5 (ON D)     not placed   5 (0 d)
G    01-01, closed ON D (job)      01-02 step 6                   6            closed
H    01-01, closed 15-03, reopened 01-02 step 4, 01-05 step 5     4            5 (31 d)
     15-04
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from statistics import quantiles as stat_quantiles

import pytest

from trappe.model import citizens, measures, meetings, staircase
from trappe.model.entities import Category, CitizenInput, CloseReason, MeetingInput, Role
from trappe.model.measures import Measurer, Method, Scope

B = date(2026, 3, 1)
D = date(2026, 6, 1)


def _citizen(store, name, start=date(2026, 1, 1), **kw):
    return citizens.create_citizen(store, CitizenInput(name=name, start_date=start, **kw)).id


def _meet(store, cid, on, step_id):
    meetings.record_meeting(store, cid, MeetingInput(on, step_id))


@pytest.fixture
def case(store):
    s = [x.id for x in staircase.load_staircase(store).steps]
    groups = staircase.list_target_groups(store)
    cw = staircase.ensure_staff(store, "Mette", Role.CASEWORKER)
    vk = staircase.ensure_staff(store, "Jens", Role.COMPANY_CONSULTANT)
    ids = {}
    g0, g1 = groups[0].id, groups[1].id
    ids["A"] = _citizen(store, "A", target_group_id=g0, caseworker_id=cw.id)
    _meet(store, ids["A"], date(2026, 2, 1), s[0])
    _meet(store, ids["A"], date(2026, 5, 1), s[3])
    ids["Bo"] = _citizen(store, "Bo", target_group_id=g0)
    _meet(store, ids["Bo"], date(2026, 2, 1), s[3])
    _meet(store, ids["Bo"], date(2026, 5, 1), s[2])
    ids["C"] = _citizen(store, "C", target_group_id=g1, consultant_id=vk.id)
    _meet(store, ids["C"], date(2026, 2, 1), s[4])
    _meet(store, ids["C"], date(2026, 5, 1), s[5])
    ids["Di"] = _citizen(store, "Di", target_group_id=g1)
    _meet(store, ids["Di"], date(2026, 2, 1), s[1])
    citizens.close_citizen(store, ids["Di"], CloseReason.TRANSFER, date(2026, 5, 15))
    ids["E"] = _citizen(store, "E", start=date(2026, 4, 1))
    ids["F"] = _citizen(store, "F", target_group_id=g0, caseworker_id=cw.id)
    _meet(store, ids["F"], D, s[2])
    _meet(store, ids["F"], D, s[4])  # same day, entered later: this one counts
    ids["G"] = _citizen(store, "G")
    _meet(store, ids["G"], date(2026, 2, 1), s[5])
    citizens.close_citizen(store, ids["G"], CloseReason.JOB, D)
    ids["H"] = _citizen(store, "H", target_group_id=g1)
    _meet(store, ids["H"], date(2026, 2, 1), s[3])
    citizens.close_citizen(store, ids["H"], CloseReason.OTHER, date(2026, 3, 15))
    before_reopen = Measurer(store).share(date(2026, 4, 1))
    citizens.reopen_citizen(store, ids["H"], date(2026, 4, 15))
    _meet(store, ids["H"], date(2026, 5, 1), s[4])
    return {"ids": ids, "steps": s, "g0": g0, "g1": g1, "cw": cw.id, "vk": vk.id,
            "before_reopen": before_reopen}  # fmt: skip


def test_headline_cross_section(store, case):
    h = Measurer(store).headline(D, B)
    # B: A Bo C Di F G H active; Bo(4) C(5) G(6) H(4) count → 4 of 7
    assert (h.baseline.active, h.baseline.counted) == (7, 4)
    # D: A Bo C E F H active (Di closed 15-05, G closed ON D); A(4) C(6) F(5) H(5) → 4 of 6
    assert (h.now.active, h.now.counted) == (6, 4)
    assert h.change_pp == pytest.approx(100 * 4 / 6 - 100 * 4 / 7)
    assert h.method is Method.CROSS_SECTION


def test_headline_cohort(store, case):
    h = Measurer(store).headline(D, B, Method.COHORT)
    # cohort = the 7 active at B; at D A C F H count, G left for a job (arrived), Di did not
    assert (h.now.active, h.now.counted) == (7, 5)
    assert (h.baseline.active, h.baseline.counted) == (7, 4)
    assert h.change_pp == pytest.approx(100 * 5 / 7 - 100 * 4 / 7)


def test_reopened_course_keeps_past_figures(store, case):
    # H was closed 15-03 .. 15-04: on 01-04 H is not active, before and after reopening
    after = Measurer(store).share(date(2026, 4, 1))
    assert (after.active, after.counted) == (7, 3)  # A Bo C Di E F G; Bo C G count
    assert after == case["before_reopen"]
    assert Measurer(store).share(date(2026, 4, 20)).active == 8  # H active again


def test_reopening_on_the_closing_day_takes_the_close_back(store, case):
    cid = case["ids"]["A"]
    citizens.close_citizen(store, cid, CloseReason.OTHER, date(2026, 7, 1))
    citizens.reopen_citizen(store, cid, date(2026, 7, 1))
    assert Measurer(store).share(date(2026, 7, 1)).active == 6  # A Bo C E F H
    assert store.scalar("SELECT count(*) FROM course_periods WHERE citizen_id = ?", (cid,)) == 1


def test_step_counts_with_days_on_step(store, case):
    counts = {c.number: c for c in Measurer(store).step_counts(D)}
    assert [counts[n].citizens for n in range(1, 8)] == [0, 0, 1, 1, 2, 1, 0]
    five = counts[5]  # F 0 days, H 31 days
    assert (five.q1_days, five.median_days, five.q3_days) == (7.75, 15.5, 23.25)
    assert five.average_days_on_step == 15.5 and five.counts
    assert counts[3].median_days == 31 and not counts[3].counts
    assert counts[1].median_days is None
    assert Measurer(store).not_placed(D) == 1  # E
    at_b = {c.number: c.citizens for c in Measurer(store).step_counts(B)}
    assert at_b == {1: 1, 2: 1, 3: 0, 4: 2, 5: 1, 6: 1, 7: 0}
    assert Measurer(store).step_counts(B)[0].median_days == 28  # A since 01-02


def test_movement_both_methods(store, case):
    m = Measurer(store)
    cross = m.movement(B, D)
    # active at D: A up, Bo down, C up, H up, E and F not placed at B
    assert (cross.up, cross.down, cross.stayed, cross.not_placed) == (3, 1, 0, 2)
    cohort = m.movement(B, D, Method.COHORT)
    assert (cohort.up, cohort.down, cohort.stayed, cohort.not_placed) == (3, 1, 0, 1)
    assert (cohort.left_job_education, cohort.left_other) == (1, 1)
    assert cohort.method is Method.COHORT


def test_flow_matrix(store, case):
    s = case["steps"]
    f = Measurer(store).flow(B, D)
    assert f.total == 8
    step = lambda i: ("step", s[i])  # noqa: E731
    expected = {
        (step(0), step(3)): 1,  # A
        (step(3), step(2)): 1,  # Bo
        (step(4), step(5)): 1,  # C
        (step(1), ("left_other",)): 1,  # Di, closed within the period
        (("new",), ("not_placed",)): 1,  # E, never placed
        (("not_placed",), step(4)): 1,  # F
        (step(5), ("left_job_education",)): 1,  # G, closed ON D
        (step(3), step(4)): 1,  # H, reopened
    }
    assert f.cells == expected
    assert [t for _k, t in f.rows][:2] == ["Ny i perioden", "1. Afklaring"]


def test_scope_combinations(store, case):
    g0, g1, cw, vk = case["g0"], case["g1"], case["cw"], case["vk"]
    m = Measurer(store, Scope(target_group_ids=(g0, g1)))
    # E and G have no target group: D active A Bo C F H; A C F H count
    assert (m.share(D).active, m.share(D).counted) == (5, 4)
    only = Measurer(store, Scope(target_group_ids=(g0,), caseworker_ids=(cw,)))
    assert (only.share(D).active, only.share(D).counted) == (2, 2)  # A and F
    either = Measurer(store, Scope(caseworker_ids=(cw,), consultant_ids=(vk,)))
    assert either.share(D).active == 0  # AND between kinds: nobody has both
    assert Measurer(store, Scope(consultant_ids=(vk,))).share(D).counted == 1  # C


def test_recategorised_step_keeps_the_baseline(store, case):
    s = case["steps"]
    before = Measurer(store).headline(D, B)
    staircase.update_step(store, s[2], category=Category.COMPANY_ACTIVITY, on=date(2026, 5, 15))
    staircase.move_step(store, s[2], 6, on=date(2026, 5, 15))  # and moved to the top
    after = Measurer(store).headline(D, B)
    assert after.baseline == before.baseline  # 4 of 7, as it was
    assert (after.now.active, after.now.counted) == (6, 5)  # Bo on step 3 counts from 15-05
    # step numbers on B are as they were; on D the moved step is number 7
    assert [c.title for c in Measurer(store).step_counts(B)][2] == "Første virksomhedskontakt"
    assert Measurer(store).step_counts(D)[-1].step_id == s[2]
    # Bo went from step 4 to the (now top) step: up by the staircase of the end date
    assert Measurer(store).movement(B, D).up == 4


def test_trend_matches_each_date(store, case):
    m = Measurer(store)
    days = measures.month_ends(date(2026, 1, 1), D)
    assert days[-1] == D and days[0] == date(2026, 1, 31)
    assert m.trend(days) == [Measurer(store).share(d) for d in days]


def test_quantiles_match_statistics():
    for values in ([5], [1, 2], [0, 31], [3, 1, 4, 1, 5, 9, 2, 6], list(range(17))):
        q = measures.quantiles(Counter(values))
        expected = stat_quantiles(values, n=4, method="inclusive") if len(values) > 1 else None
        if expected is None:
            assert q == (5, 5, 5)
        else:
            assert q == pytest.approx(tuple(expected))


def test_module_level_api_still_works(store, case):
    assert measures.share_on(store, D).active == 6
    assert measures.headline(store, D, B).baseline.counted == 4
    assert measures.movement(store, B, D).up == 3
    assert sum(c.citizens for c in measures.step_counts(store, D)) == 5
