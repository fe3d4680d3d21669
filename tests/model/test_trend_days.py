"""The day counts the trend is summed from (``trend_active_days``, ``trend_step_days``,
migration 0015) are kept by triggers: after every kind of write they equal a recomputation
from the runs and periods, and the trend read from them equals the sweep over the history
and each date's own figure, as of any date."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from tests.model.test_schema import make_database_before
from trappe.model import citizens, measures, meetings, retention, staircase
from trappe.model.entities import Category, CitizenInput, CloseReason, MeetingInput
from trappe.model.handover import erase_after_handover, export_handover, import_handover
from trappe.model.handover_file import read_handover
from trappe.model.measure_trend import trend_swept
from trappe.model.measures import Measurer, Method
from trappe.model.schema import TREND_ACTIVE_DAYS, TREND_STEP_DAYS
from trappe.model.store import open_store

DAY0 = date(2026, 1, 1)


def _kept_agree(store) -> None:
    kept_active = dict(store.tuples("SELECT day, n FROM trend_active_days WHERE n != 0"))
    counted_active = {r[0]: r[1] for r in store.tuples(TREND_ACTIVE_DAYS) if r[1] != 0}
    assert kept_active == counted_active
    kept_steps = {
        (r[0], r[1]): r[2]
        for r in store.tuples("SELECT step_id, day, n FROM trend_step_days WHERE n != 0")
    }
    counted_steps = {
        (r[0], r[1]): r[2]
        for r in store.tuples(
            "WITH iv AS (SELECT r.step_id AS step_id,"
            " max(r.valid_from, p.started_on) AS lo,"
            " nullif(min(coalesce(r.valid_to, '9999-12-31'),"
            "            coalesce(p.ended_on, '9999-12-31')), '9999-12-31') AS hi"
            " FROM placement_runs r JOIN course_periods p ON p.citizen_id = r.citizen_id)"
            + TREND_STEP_DAYS
        )
        if r[2] != 0
    }
    assert kept_steps == counted_steps


def _trend_agrees(store) -> None:
    """The kept trend (all citizens) equals the sweep over the runs and periods (the way a
    scope's trend is counted) and each month end's own cross-section share."""
    days = measures.month_ends(DAY0 - timedelta(days=40), DAY0 + timedelta(days=400))
    kept = Measurer(store).trend(days)
    assert kept == trend_swept(Measurer(store), days, Method.CROSS_SECTION)
    assert kept == [Measurer(store).share(d) for d in days]


def _meet(store, cid, on, step_id):
    return meetings.record_meeting(store, cid, MeetingInput(on, step_id))


def test_kept_days_follow_every_change(store, tmp_path):
    steps = [s.id for s in staircase.load_staircase(store).steps]
    people = [
        citizens.create_citizen(
            store, CitizenInput(name=f"B{i}", start_date=DAY0 + timedelta(days=7 * i))
        ).id
        for i in range(6)
    ]
    _kept_agree(store)
    # placements inserted (meetings recorded), two on one day, a run that continues
    first = _meet(store, people[0], DAY0 + timedelta(days=10), steps[4])
    _meet(store, people[0], DAY0 + timedelta(days=40), steps[4])
    _meet(store, people[0], DAY0 + timedelta(days=70), steps[1])
    _meet(store, people[1], DAY0 + timedelta(days=20), steps[5])
    _meet(store, people[1], DAY0 + timedelta(days=20), steps[2])
    for i, cid in enumerate(people[2:]):
        _meet(store, cid, DAY0 + timedelta(days=50 + i), steps[3 + i % 4])
    _kept_agree(store)
    # a placement changed (the meeting's step and date), and one deleted with its meeting
    meetings.update_meeting(store, first.id, MeetingInput(DAY0 + timedelta(days=12), steps[6]))
    second = _meet(store, people[1], DAY0 + timedelta(days=90), steps[6])
    meetings.delete_meeting(store, second.id)
    _kept_agree(store)
    # courses closed, reopened (later, and on the closing day), a start date moved
    citizens.close_citizen(store, people[2], CloseReason.JOB, DAY0 + timedelta(days=100))
    citizens.close_citizen(store, people[3], CloseReason.OTHER, DAY0 + timedelta(days=80))
    citizens.reopen_citizen(store, people[3], DAY0 + timedelta(days=120))
    citizens.close_citizen(store, people[4], CloseReason.OTHER, DAY0 + timedelta(days=95))
    citizens.reopen_citizen(store, people[4], DAY0 + timedelta(days=95))
    old = citizens.get_citizen_record(store, people[5], log_read=False).citizen
    citizens.update_citizen(
        store,
        people[5],
        CitizenInput(old.name, start_date=DAY0 + timedelta(days=30)),
        expected_version=old.version,
    )
    _kept_agree(store)
    # a staircase edit changes what counts from a date, not the kept stretches
    staircase.update_step(store, steps[1], category=Category.COMPANY_ACTIVITY, on=DAY0)
    staircase.update_step(store, steps[6], category=Category.NONE, on=DAY0 + timedelta(days=60))
    _kept_agree(store)
    _trend_agrees(store)
    # a course handed over (erased here), and back (its periods and runs written anew)
    exported = export_handover(store, people[3], tmp_path / "forloeb.trappe-overdragelse")
    erase_after_handover(store, people[3], exported.path, exported.passphrase)
    _kept_agree(store)
    import_handover(store, read_handover(exported.path, exported.passphrase))
    _kept_agree(store)
    # a citizen erased; one erased when the retention period ran out
    citizens.erase_citizen(store, people[0])
    citizens.close_citizen(store, people[1], CloseReason.OTHER, DAY0 + timedelta(days=130))
    retention.apply_retention(store, [people[1]], DAY0 + timedelta(days=365 * 12), backup=None)
    _kept_agree(store)
    # rows written by another tool, straight into the tables
    with store.write():
        store.execute(
            "INSERT INTO placement_runs (citizen_id, valid_from, valid_to, step_id)"
            " VALUES (?, '2026-02-01', '2026-03-01', ?)",
            (people[5], steps[0]),
        )
        store.execute(
            "UPDATE placement_runs SET valid_to = '2026-02-15', step_id = ?"
            " WHERE citizen_id = ? AND valid_from = '2026-02-01'",
            (steps[5], people[5]),
        )
        store.execute(
            "UPDATE course_periods SET ended_on = '2026-02-10' WHERE citizen_id = ?",
            (people[5],),
        )
        store.execute("DELETE FROM placement_runs WHERE citizen_id = ?", (people[2],))
    _kept_agree(store)
    _trend_agrees(store)


def test_migration_fills_the_kept_days(tmp_path, actor):
    """A database from before migration 0015, with a closed course and an open one with a
    run: the migration's one INSERT each gives what the triggers keep from then on."""
    path = tmp_path / "before.sqlite"
    make_database_before(path, "0015_s24_trend_days")
    con = sqlite3.connect(path)
    with con:
        con.execute(
            "INSERT INTO placement_runs (citizen_id, valid_from, valid_to, step_id)"
            " VALUES (1, '2026-02-01', NULL, 1), (2, '2026-02-01', NULL, 1)"
        )
    con.close()
    with open_store(path, actor) as store:
        assert store.tuples("SELECT step_id, day, n FROM trend_step_days") == [
            (1, "2026-02-01", 2),  # both placed
            (1, "2026-05-01", -1),  # the closed course ends
        ]
        _kept_agree(store)
        meetings.record_meeting(store, 2, MeetingInput(date(2026, 4, 1), 1))
        _kept_agree(store)
        assert Measurer(store).trend([date(2026, 3, 1), date(2026, 6, 1)]) == [
            Measurer(store).share(date(2026, 3, 1)),
            Measurer(store).share(date(2026, 6, 1)),
        ]
