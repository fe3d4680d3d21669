"""Retention with an injected clock: exactly the courses past the period are listed and erased."""

from __future__ import annotations

from datetime import date

import pytest

from trappe.model import audit, citizens, meetings, retention, staircase
from trappe.model.entities import CitizenInput, CloseReason, MeetingInput
from trappe.model.errors import ValidationError

TODAY = date(2031, 3, 2)


def closed(store, name: str, closed_on: date, reason=CloseReason.JOB) -> int:
    c = citizens.create_citizen(store, CitizenInput(name=name, start_date=date(2015, 1, 1)))
    steps = staircase.load_staircase(store).steps
    meetings.record_meeting(store, c.id, MeetingInput(date(2016, 1, 1), steps[0].id))
    citizens.close_citizen(store, c.id, reason, closed_on)
    return c.id


@pytest.fixture
def caseload(store):
    """Courses closed around the 5-year line on TODAY (2 March 2031), and one active."""
    ids = {
        "long ago": closed(store, "Anders And", date(2020, 6, 1), CloseReason.EDUCATION),
        "day before the line": closed(store, "Bente Bo", date(2026, 3, 1)),
        "on the line": closed(store, "Carl Clausen", date(2026, 3, 2)),
        "recent": closed(store, "Dorte Dam", date(2029, 1, 1)),
    }
    reopened = closed(store, "Erik Eg", date(2019, 1, 1))
    citizens.reopen_citizen(store, reopened)
    ids["reopened"] = reopened
    active = citizens.create_citizen(store, CitizenInput(name="Frida Fi"))
    ids["active"] = active.id
    return ids


def test_lists_exactly_the_courses_past_the_period(store, caseload):
    due = retention.due_for_erasure(store, TODAY)
    assert [d.citizen_id for d in due] == [caseload["long ago"], caseload["day before the line"]]
    first = due[0]
    assert (first.name, first.closed_on, first.closed_reason) == (
        "Anders And",
        date(2020, 6, 1),
        CloseReason.EDUCATION,
    )
    assert first.kept_until == date(2025, 6, 1)
    # The next day the course closed on the line is due as well.
    tomorrow = [d.citizen_id for d in retention.due_for_erasure(store, date(2031, 3, 3))]
    assert caseload["on the line"] in tomorrow


def test_erases_exactly_those_after_one_backup(store, caseload):
    backups = []
    due = [d.citizen_id for d in retention.due_for_erasure(store, TODAY)]
    result = retention.apply_retention(
        store, [*due, caseload["recent"]], TODAY, backup=lambda s: backups.append(s) or "copy"
    )
    assert backups == [store] and result.backup == "copy"
    assert result.erased == due
    assert result.not_due == [caseload["recent"]]
    left = {r[0] for r in store.query("SELECT id FROM citizens")}
    assert left == {caseload[k] for k in ("on the line", "recent", "reopened", "active")}
    assert store.scalar("SELECT count(*) FROM meetings WHERE citizen_id IN (?, ?)", due) == 0
    erased = [e for e in audit.list_entries(store, object_type="citizen") if e.action == "delete"]
    assert {e.object_id for e in erased} == set(due)
    assert all(e.details["reason"] == "retention" for e in erased)
    assert audit.verify_chain(store).ok


def test_a_course_reopened_meanwhile_is_left_alone(store, caseload):
    cid = caseload["long ago"]
    citizens.reopen_citizen(store, cid)
    result = retention.apply_retention(store, [cid], TODAY, backup=None)
    assert result.erased == [] and result.not_due == [cid]
    assert citizens.get_citizen(store, cid).name == "Anders And"


def test_nothing_due_makes_no_backup(store, caseload):
    calls = []
    result = retention.apply_retention(
        store, [caseload["recent"]], TODAY, backup=calls.append, thin_log=False
    )
    assert calls == [] and result.erased == []


def test_a_failure_half_way_erases_nobody(store, caseload, monkeypatch):
    due = [d.citizen_id for d in retention.due_for_erasure(store, TODAY)]

    def broken_thin(*args, **kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(audit, "thin_log", broken_thin)
    with pytest.raises(RuntimeError):
        retention.apply_retention(store, due, TODAY, backup=None)
    assert store.scalar("SELECT count(*) FROM citizens") == 6


def test_the_audit_log_is_thinned_on_the_same_schedule(store, caseload):
    with store.write():
        audit.append(
            store, "search", "citizen", None, {"criteria": {"text": "010190"}},
            at="2025-01-01T10:00:00+00:00",
        )  # fmt: skip
    # Everything else in the log was written today (real time), i.e. after TODAY - 5 years
    # only if the clock says so; use a TODAY far ahead to make every entry old.
    plan = retention.plan(store, date(2100, 1, 1))
    assert plan.log_entries == store.scalar("SELECT count(*) FROM audit_log")
    result = retention.apply_retention(store, [], date(2100, 1, 1), backup=None)
    assert result.thinned.entries == plan.log_entries
    blob = " ".join(r[0] for r in store.query("SELECT details FROM audit_log"))
    assert "010190" not in blob
    assert audit.verify_chain(store).ok


def test_the_period_is_the_municipalitys_setting(store, caseload):
    assert retention.retention_years(store) == 5
    retention.set_retention_years(store, 12)
    assert retention.retention_years(store) == 12
    assert [d.citizen_id for d in retention.due_for_erasure(store, TODAY)] == []
    retention.set_retention_years(store, 1)
    assert len(retention.due_for_erasure(store, TODAY)) == 4


@pytest.mark.parametrize("years", [0, 31, -1, 2.5, "5", True, None])
def test_an_unreasonable_period_is_refused(store, years):
    with pytest.raises(ValidationError) as refused:
        retention.set_retention_years(store, years)
    assert refused.value.field == "retention_years"


def test_leap_day_counts_as_28_february():
    assert retention.keep_until(date(2024, 2, 29), 5) == date(2029, 2, 28)
    assert retention.keep_until(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_a_course_closed_on_leap_day(store):
    cid = closed(store, "Gitte Gran", date(2024, 2, 29))
    assert retention.due_for_erasure(store, date(2029, 2, 28)) == []
    assert [d.citizen_id for d in retention.due_for_erasure(store, date(2029, 3, 1))] == [cid]


def test_what_retention_erases_is_gone_from_the_files_bytes(db_path, store, caseload):
    """The names erased and the search texts thinned are not left in free pages or the WAL."""
    audit.log_event(store, "search", "citizen", None, {"criteria": {"text": "zyxwvu-010190"}})
    later = date(2100, 1, 1)  # every course closed and every entry written is past the period
    due = [d.citizen_id for d in retention.due_for_erasure(store, later)]
    result = retention.apply_retention(store, due, later, backup=None)
    assert result.thinned.entries > 0
    for suffix in ("", "-wal"):
        path = db_path.with_name(db_path.name + suffix)
        data = path.read_bytes() if path.exists() else b""
        for secret in ("Anders And", "Bente Bo", "Carl Clausen", "zyxwvu-010190"):
            assert secret.encode() not in data, (suffix, secret)
    assert b"Frida Fi" in db_path.read_bytes()  # active: kept


def test_erased_names_leave_the_search_index_too(db_path, store):
    """The caseload's full-text index keeps old words until its segments merge."""
    for i in range(30):
        citizens.create_citizen(store, CitizenInput(name=f"Person{i} Almindelig"))
    gone = closed(store, "Qzxvbq Wjkplm", date(2016, 1, 1))
    retention.apply_retention(store, [gone], TODAY, backup=None, thin_log=False)
    data = db_path.read_bytes()
    wal = db_path.with_name(db_path.name + "-wal")
    data += wal.read_bytes() if wal.exists() else b""
    assert not [t for t in (b"zxv", b"xvb", b"vbq", b"wjk", b"jkp", b"kpl") if t in data]
