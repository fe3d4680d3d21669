"""Case handover: export one citizen's course, import it elsewhere; every row arrives, nothing
is overwritten, a wrong passphrase or a changed byte is refused."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pytest

from tests.harness.data import loose_placement
from trappe.model import audit, citizens, handover, meetings, staircase
from trappe.model.entities import (
    Actor,
    Agreement,
    Assessor,
    Category,
    CitizenInput,
    CloseReason,
    MeetingInput,
    Responsible,
    Role,
)
from trappe.model.errors import NotFoundError, ValidationError
from trappe.model.handover import (
    CitizenExists,
    HandoverError,
    export_handover,
    import_handover,
    plan_import,
    read_handover,
)
from trappe.model.store import Store, open_store

RECEIVER = Actor("Jonas Kragh", Role.CASEWORKER)


@pytest.fixture(autouse=True)
def cheap_scrypt(request, monkeypatch):
    """scrypt's cost is written into each file's header; tests use a small one for speed
    (``test_files_use_the_full_scrypt_cost`` checks the real one)."""
    if request.node.name != "test_files_use_the_full_scrypt_cost":
        monkeypatch.setattr("trappe.model.handover_file.SCRYPT", {"n": 2**10, "r": 8, "p": 1})


@pytest.fixture
def receiver(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "modtager.sqlite", RECEIVER)
    yield s
    s.close()


@pytest.fixture
def exported(store: Store, citizen_with_history: int, tmp_path: Path):
    # A placement outside any meeting too (a drag on the staircase).
    steps = staircase.load_staircase(store).steps
    loose_placement(store, citizen_with_history, steps[3].id, Assessor.CITIZEN, date(2026, 5, 10))
    result = export_handover(store, citizen_with_history, tmp_path / "forloeb.trappe-overdragelse")
    return result


def _course(store: Store, cid: int) -> dict[str, list]:
    """The course as comparable rows: ids replaced by what they mean."""
    sc = staircase.load_staircase(store)

    def title(step_id):
        return sc.step(step_id).title if step_id else None

    record = citizens.get_citizen_record(store, cid, log_read=False)
    return {
        "meetings": sorted(
            (
                str(m.held_on),
                m.participants,
                m.caseworker_note,
                m.consultant_note,
                str(m.next_meeting_on),
                title(m.professional_step_id),
                title(m.citizen_step_id),
                tuple((a.kind, a.description, a.company, a.hours_per_week) for a in m.activities),
                tuple(
                    (a.what, a.responsible.value, str(a.due_on), str(a.done_on))
                    for a in m.agreements
                ),
            )
            for m in record.meetings
        ),
        "placements": sorted(
            (str(p.placed_on), p.assessor.value, title(p.step_id), p.meeting_id is None)
            for p in record.placements
        ),
    }


def test_export_writes_an_encrypted_private_file_and_logs_it(store, exported, citizen_with_history):
    data = exported.path.read_bytes()
    assert data.startswith(handover.MAGIC)
    for secret in ("Ærø".encode(), b"010190", b"Brugsen", b"ryggen", b"Mette"):
        assert secret not in data
    assert stat.S_IMODE(exported.path.stat().st_mode) == 0o600
    assert exported.counts == {
        "meetings": 3,
        "placements": 7,
        "activities": 3,
        "agreements": 3,
        "access_log": exported.counts["access_log"],
    }
    assert exported.counts["access_log"] >= 4  # created, three meetings, a placement
    assert len(exported.passphrase.replace("-", "")) == 20
    (entry,) = audit.list_entries(store, object_type="citizen", object_id=citizen_with_history)[:1]
    assert entry.action == "handover_export"
    assert entry.details["file_sha256"] == exported.digest


def test_import_into_an_empty_database_brings_every_row(
    store, receiver, exported, citizen_with_history
):
    package = read_handover(exported.path, exported.passphrase)
    plan = plan_import(receiver, package)
    assert plan.unmatched_steps == [] and plan.existing_citizen_id is None
    result = import_handover(receiver, package)
    assert not result.merged
    assert result.counts == {"meetings": 3, "placements": 7, "activities": 3, "agreements": 3}
    assert _course(receiver, result.citizen_id) == _course(store, citizen_with_history)
    mine = citizens.get_citizen(receiver, result.citizen_id)
    theirs = citizens.get_citizen(store, citizen_with_history)
    assert (mine.name, mine.identifier, mine.start_date, mine.goal_date) == (
        theirs.name,
        theirs.identifier,
        theirs.start_date,
        theirs.goal_date,
    )
    assert mine.current_step_id is not None  # derived facts recomputed here
    record = citizens.get_citizen_record(receiver, result.citizen_id, log_read=False)
    assert record.caseworker.name == "Mette Sørensen"
    assert (
        record.target_group.name
        == citizens.get_citizen_record(
            store, citizen_with_history, log_read=False
        ).target_group.name
    )
    # The sender's access log arrived, and the receiver logged the import.
    (history,) = handover.imported_history(receiver, result.citizen_id)
    assert len(history.access_log) == exported.counts["access_log"]
    assert history.exported_by == "Mette Sørensen"
    entry = audit.list_entries(receiver, object_type="citizen", object_id=result.citizen_id)[0]
    assert entry.action == "handover_import" and entry.user_name == "Jonas Kragh"
    assert entry.details["file_sha256"] == exported.digest


def test_the_same_file_is_not_imported_twice(receiver, exported):
    package = read_handover(exported.path, exported.passphrase)
    import_handover(receiver, package)
    with pytest.raises(HandoverError, match="allerede importeret"):
        import_handover(receiver, package, merge=True)


def test_wrong_passphrase_and_changed_bytes_are_refused(exported, tmp_path):
    with pytest.raises(HandoverError, match="Kodeordet passer ikke"):
        read_handover(exported.path, "AAAA-BBBB-CCCC-DDDD-EEEE")
    # Dashes, spaces and case do not matter.
    sloppy = " " + exported.passphrase.lower().replace("-", " ") + " "
    assert read_handover(exported.path, sloppy).citizen_name == "Åse Ærø Søndergård"
    data = bytearray(exported.path.read_bytes())
    data[-20] ^= 1
    damaged = tmp_path / "skadet.trappe-overdragelse"
    damaged.write_bytes(bytes(data))
    with pytest.raises(HandoverError, match="beskadiget"):
        read_handover(damaged, exported.passphrase)
    # The header is authenticated too: a changed salt is refused, not silently used.
    text = exported.path.read_bytes()
    header_end = text.index(b"\n", len(handover.MAGIC))
    header = json.loads(text[len(handover.MAGIC) : header_end])
    header["kdf"]["salt"] = "AAAAAAAAAAAAAAAAAAAAAA=="
    forged = tmp_path / "forfalsket.trappe-overdragelse"
    forged.write_bytes(
        handover.MAGIC + json.dumps(header).encode() + b"\n" + text[header_end + 1 :]
    )
    with pytest.raises(HandoverError):
        read_handover(forged, exported.passphrase)
    not_ours = tmp_path / "andet.pdf"
    not_ours.write_bytes(b"%PDF-1.7 ...")
    with pytest.raises(HandoverError, match="ikke en Trappe-overdragelsesfil"):
        read_handover(not_ours, exported.passphrase)
    with pytest.raises(HandoverError, match="findes ikke"):
        read_handover(tmp_path / "mangler", exported.passphrase)


def test_mismatched_steps_are_shown_and_must_be_mapped(
    store, receiver, exported, citizen_with_history
):
    sc = staircase.load_staircase(receiver)
    # The receiver renamed one step and changed another's category.
    staircase.update_step(receiver, sc.steps[2].id, title="Virksomhedsbesøg")
    staircase.update_step(receiver, sc.steps[1].id, category=Category.COMPANY_ACTIVITY)
    package = read_handover(exported.path, exported.passphrase)
    plan = plan_import(receiver, package)
    unmatched = {s.title: s for s in plan.unmatched_steps}
    assert set(unmatched) == {sc.steps[2].title, sc.steps[1].title}
    assert (
        unmatched[sc.steps[1].title].suggestion_id == sc.steps[1].id
    )  # same title, other category
    assert unmatched[sc.steps[2].title].suggestion_id is None
    with pytest.raises(ValidationError, match="Vælg et trin her"):
        import_handover(receiver, package)
    assert receiver.scalar("SELECT count(*) FROM citizens") == 0  # nothing written
    step_map = {
        unmatched[sc.steps[2].title].source_id: sc.steps[2].id,
        unmatched[sc.steps[1].title].source_id: sc.steps[1].id,
    }
    assert plan_import(receiver, package, step_map).unmatched_steps == []
    result = import_handover(receiver, package, step_map=step_map)
    assert result.counts["placements"] == 7
    assert receiver.scalar(
        "SELECT count(*) FROM placements WHERE citizen_id = ? AND step_id = ?",
        (result.citizen_id, sc.steps[2].id),
    ) == store.scalar(
        "SELECT count(*) FROM placements WHERE citizen_id = ? AND step_id = ?",
        (citizen_with_history, staircase.load_staircase(store).steps[2].id),
    )


def test_a_map_to_an_unknown_step_is_refused(receiver, exported):
    package = read_handover(exported.path, exported.passphrase)
    source = package.payload["steps"][0]["id"]
    with pytest.raises(ValidationError, match="findes ikke"):
        plan_import(receiver, package, {source: 99999})


def test_existing_citizen_needs_a_choice_and_merge_adds_only_missing_meetings(
    store, receiver, exported, citizen_with_history, tmp_path
):
    # The receiver already has the citizen (same CPR) with one of the meetings, and one of
    # their own that the sender does not have, and a different name spelling.
    package = read_handover(exported.path, exported.passphrase)
    first = import_handover(receiver, package)
    cid = first.citizen_id
    record = citizens.get_citizen_record(receiver, cid, log_read=False)
    for m in record.meetings[1:]:
        meetings.delete_meeting(receiver, m.id)
    kept = record.meetings[0]
    steps = staircase.load_staircase(receiver).steps
    meetings.update_meeting(
        receiver,
        kept.id,
        MeetingInput(
            held_on=kept.held_on,
            professional_step_id=kept.professional_step_id,
            citizen_step_id=kept.citizen_step_id,
            participants="Rettet her",
            caseworker_note=kept.caseworker_note,
            next_meeting_on=kept.next_meeting_on,
            agreements=[Agreement("Egen aftale", Responsible.CASEWORKER)],
        ),
    )
    own = meetings.record_meeting(
        receiver, cid, MeetingInput(held_on=date(2026, 7, 1), professional_step_id=steps[4].id)
    )
    citizens.update_citizen(
        receiver,
        cid,
        CitizenInput(name="Åse Ærø", identifier="010190-1234", start_date=date(2026, 1, 5)),
    )
    before = _course(receiver, cid)
    # The sender records one more meeting and hands over again.
    sender_steps = staircase.load_staircase(store).steps
    meetings.record_meeting(
        store,
        citizen_with_history,
        MeetingInput(
            held_on=date(2026, 6, 15),
            professional_step_id=sender_steps[3].id,
            agreements=[Agreement("Starte i praktik", Responsible.CITIZEN)],
        ),
    )
    again = export_handover(store, citizen_with_history, tmp_path / "igen.trappe-overdragelse")
    package = read_handover(again.path, again.passphrase)
    plan = plan_import(receiver, package)
    assert plan.existing_citizen_id == cid and plan.existing_name == "Åse Ærø"
    assert (plan.new_meetings, plan.known_meetings) == (3, 1)
    assert [d.fields for d in plan.differing_meetings] == [["participants"]]
    assert "name" in plan.differing_citizen_fields
    with pytest.raises(CitizenExists, match="flette"):
        import_handover(receiver, package)
    assert _course(receiver, cid) == before  # cancelled: nothing written
    result = import_handover(receiver, package, merge=True)
    assert result.merged and result.citizen_id == cid
    assert result.counts["meetings"] == 3 and result.skipped_meetings == 1
    after = _course(receiver, cid)
    # Everything the receiver had is still there, unchanged…
    assert set(before["meetings"]) <= set(after["meetings"])
    assert set(before["placements"]) <= set(after["placements"])
    assert citizens.get_citizen(receiver, cid).name == "Åse Ærø"
    assert meetings.get_meeting(receiver, own.id).held_on == date(2026, 7, 1)
    # …and every meeting of the sender's is there too (the one they share in the receiver's form).
    sender = _course(store, citizen_with_history)
    shared_date = str(kept.held_on)
    assert {m for m in sender["meetings"] if m[0] != shared_date} <= set(after["meetings"])
    assert len(after["meetings"]) == len(before["meetings"]) + 3
    assert receiver.scalar("SELECT count(*) FROM citizens") == 1


def test_erase_after_handover_checks_the_file_first(store, exported, citizen_with_history):
    with pytest.raises(HandoverError):
        handover.erase_after_handover(store, citizen_with_history, exported.path, "FORKERT")
    assert citizens.get_citizen(store, citizen_with_history)
    steps = staircase.load_staircase(store).steps
    meetings.record_meeting(
        store,
        citizen_with_history,
        MeetingInput(held_on=date(2026, 6, 20), professional_step_id=steps[2].id),
    )
    with pytest.raises(HandoverError, match="ændret"):
        handover.erase_after_handover(
            store, citizen_with_history, exported.path, exported.passphrase
        )
    fresh = export_handover(store, citizen_with_history, exported.path)
    handover.erase_after_handover(store, citizen_with_history, fresh.path, fresh.passphrase)
    with pytest.raises(NotFoundError):
        citizens.get_citizen(store, citizen_with_history)
    actions = [e.action for e in audit.list_entries(store, object_id=citizen_with_history)[:3]]
    assert actions[:2] == ["delete", "handover_erase"]


def test_a_course_handed_on_again_carries_the_first_senders_log(
    store, receiver, exported, tmp_path
):
    package = read_handover(exported.path, exported.passphrase)
    cid = import_handover(receiver, package).citizen_id
    onward = export_handover(receiver, cid, tmp_path / "videre.trappe-overdragelse")
    third = open_store(tmp_path / "tredje.sqlite", Actor("Tredje", Role.CASEWORKER))
    try:
        cid3 = import_handover(third, read_handover(onward.path, onward.passphrase)).citizen_id
        (history,) = handover.imported_history(third, cid3)
        earlier = history.other_rows["handover_imports"]
        assert earlier[0]["exported_by"] == "Mette Sørensen"
        assert len(json.loads(earlier[0]["source_access_log"])) == exported.counts["access_log"]
    finally:
        third.close()


def test_erasing_an_imported_citizen_erases_what_came_with_them(receiver, exported):
    cid = import_handover(receiver, read_handover(exported.path, exported.passphrase)).citizen_id
    citizens.erase_citizen(receiver, cid)
    assert receiver.scalar("SELECT count(*) FROM handover_imports") == 0


def test_export_of_unknown_citizen(store, tmp_path):
    with pytest.raises(NotFoundError):
        export_handover(store, 4242, tmp_path / "x.trappe-overdragelse")
    assert not (tmp_path / "x.trappe-overdragelse").exists()


def test_suggested_file_name_has_no_identifier():
    name = handover.today_file_name("Åse Ærø Søndergård", date(2026, 5, 4))
    assert name == "overdragelse-Åse-2026-05-04.trappe-overdragelse"


def test_files_use_the_full_scrypt_cost(tmp_path, store, citizen_with_history):
    result = export_handover(store, citizen_with_history, tmp_path / "fuld.trappe-overdragelse")
    data = result.path.read_bytes()
    header = json.loads(data[len(handover.MAGIC) : data.index(b"\n", len(handover.MAGIC))])
    assert (header["kdf"]["n"], header["kdf"]["r"]) == (2**15, 8)
    assert header["cipher"] == "AES-256-GCM"


# -- measures travel with the course ------------------------------------------------------------
def _measures(store: Store) -> list:
    """Every figure about the (only) citizen, month by month through 2026 and into 2027."""
    from trappe.model.measures import Measurer, Method

    m = Measurer(store)
    baseline = date(2026, 2, 15)
    days = [date(2026, month, 1) for month in range(2, 13)] + [date(2027, 3, 1)]
    out = []
    for d in days:
        out.append(
            (
                d,
                m.share(d),
                m.share(d, Method.COHORT, baseline),
                [
                    (s.title, s.counts, s.citizens, s.median_days, s.average_days_on_step)
                    for s in m.step_counts(d)
                ],
                m.movement(baseline, d, Method.COHORT),
                m.movement(baseline, d),
            )
        )
    return out


def test_a_reopened_course_arrives_with_its_periods_and_the_same_measures(
    store, receiver, citizen_with_history, tmp_path
):
    """The course closed for a job in May and reopened in August: the receiver's measures
    for every month are the sender's (course periods travel; placement runs are rebuilt)."""
    cid = citizen_with_history
    steps = staircase.load_staircase(store).steps
    citizens.close_citizen(store, cid, CloseReason.JOB, date(2026, 5, 20))
    citizens.reopen_citizen(store, cid, date(2026, 8, 10))
    meetings.record_meeting(store, cid, MeetingInput(date(2026, 9, 1), steps[3].id))
    citizens.close_citizen(store, cid, CloseReason.FLEXJOB, date(2026, 11, 3))
    out = export_handover(store, cid, tmp_path / "forloeb.trappe-overdragelse")
    result = import_handover(receiver, read_handover(out.path, out.passphrase))

    def periods(s: Store, c: int) -> list[tuple]:
        return [
            tuple(r)
            for r in s.query(
                "SELECT started_on, ended_on, end_reason FROM course_periods"
                " WHERE citizen_id = ? ORDER BY started_on",
                (c,),
            )
        ]

    assert periods(receiver, result.citizen_id) == periods(store, cid)
    assert len(periods(store, cid)) == 2
    assert _measures(receiver) == _measures(store)
    (history,) = handover.imported_history(receiver, result.citizen_id)
    assert "course_periods" not in history.other_rows
    assert "placement_runs" not in history.other_rows


def test_periods_that_do_not_fit_the_course_are_refused(store, receiver, exported):
    package = read_handover(exported.path, exported.passphrase)
    package.payload["course_periods"] = [
        {"started_on": "2026-01-05", "ended_on": "2026-03-01", "end_reason": "job"}
    ]  # closed here, while the citizen's course is open
    with pytest.raises(HandoverError, match="passer ikke"):
        import_handover(receiver, package)
    assert receiver.scalar("SELECT count(*) FROM citizens") == 0


def test_a_file_from_before_periods_travelled_still_imports(store, receiver, exported):
    """Such a file carried the periods among its other rows (with the sender's ids)."""
    package = read_handover(exported.path, exported.passphrase)
    periods = package.payload.pop("course_periods")
    package.payload["other_rows"]["course_periods"] = [
        {"id": 7, "citizen_id": 99, **p} for p in periods
    ]
    result = import_handover(receiver, package)
    rows = receiver.query(
        "SELECT started_on, ended_on FROM course_periods WHERE citizen_id = ?",
        (result.citizen_id,),
    )
    assert [tuple(r) for r in rows] == [("2026-01-05", None)]
