from __future__ import annotations

from datetime import date

import pytest

from trappe.model import citizens, meetings, staircase
from trappe.model.entities import Category, CitizenInput, MeetingInput
from trappe.model.errors import NotFoundError, ValidationError


def test_default_staircase_from_domain(store):
    sc = staircase.load_staircase(store)
    assert [s.title for s in sc.steps] == [
        "Afklaring",
        "Motivation og ønsker",
        "Første virksomhedskontakt",
        "Virksomhedspraktik",
        "Praktik med progression",
        "Ordinære timer",
        "Job eller uddannelse",
    ]
    assert len(sc.phases) == 3
    assert [s.category.counts_as_activity for s in sc.steps] == [False] * 3 + [True] * 4
    assert [s.category for s in sc.steps[5:]] == [Category.ORDINARY_HOURS] * 2
    groups = [g.name for g in staircase.list_target_groups(store)]
    assert "Ressourceforløb" in groups and len(groups) == 7
    assert "Virksomhedspraktik" in staircase.activity_kinds(store)


def test_install_defaults_twice_changes_nothing(store):
    assert staircase.install_defaults(store) is False
    assert len(staircase.load_staircase(store).steps) == 7


def _place(store, step_id):
    c = citizens.create_citizen(store, CitizenInput(name="Ida", start_date=date(2026, 1, 1)))
    meetings.record_meeting(store, c.id, MeetingInput(date(2026, 2, 1), step_id))
    return c.id


def test_edit_steps_without_losing_history(store):
    sc = staircase.load_staircase(store)
    cid = _place(store, sc.steps[3].id)
    staircase.update_step(
        store,
        sc.steps[3].id,
        title="Praktik i virksomhed",
        colour="#123ABC",
        description="Ny tekst",
        category=Category.COMPANY_ACTIVITY,
    )
    new = staircase.add_step(
        store,
        "Mentor på arbejdspladsen",
        colour="#aabbcc",
        phase_id=sc.phases[1].id,
        category=Category.COMPANY_ACTIVITY,
        index=4,
    )
    staircase.move_step(store, sc.steps[3].id, 0)
    after = staircase.load_staircase(store)
    assert after.steps[0].title == "Praktik i virksomhed"
    assert after.steps[0].colour == "#123abc"
    assert after.index_of(new.id) == 4
    record = citizens.get_citizen_record(store, cid)
    assert record.citizen.current_step_id == sc.steps[3].id
    assert after.step(record.citizen.current_step_id).title == "Praktik i virksomhed"


def test_a_used_step_can_be_retired_but_not_deleted(store):
    sc = staircase.load_staircase(store)
    cid = _place(store, sc.steps[1].id)
    with pytest.raises(ValidationError, match="kan ikke slettes"):
        staircase.delete_step(store, sc.steps[1].id)
    with pytest.raises(ValidationError, match="aktive borgere"):
        staircase.retire_step(store, sc.steps[1].id)
    citizens.close_citizen(store, cid, "other", date(2026, 3, 1))
    staircase.retire_step(store, sc.steps[1].id)
    after = staircase.load_staircase(store)
    assert sc.steps[1].id not in [s.id for s in after.steps]
    assert after.step(sc.steps[1].id).retired
    record = citizens.get_citizen_record(store, cid)
    assert record.placements[0].step_id == sc.steps[1].id
    with pytest.raises(ValidationError, match="udgået"):
        citizens.reopen_citizen(store, cid)
        meetings.record_meeting(store, cid, MeetingInput(date(2026, 4, 1), sc.steps[1].id))
    staircase.restore_step(store, sc.steps[1].id)
    assert len(staircase.load_staircase(store).steps) == 7


def test_old_records_on_a_retired_step_can_still_be_corrected(store):
    """Fixing a typo in an old meeting or citizen must not force a new step on them."""
    sc = staircase.load_staircase(store)
    old, other = sc.steps[1].id, sc.steps[2].id
    c = citizens.create_citizen(
        store, CitizenInput(name="Ida", start_date=date(2026, 1, 1), goal_step_id=old)
    )
    m = meetings.record_meeting(store, c.id, MeetingInput(date(2026, 2, 1), old, old))
    meetings.record_meeting(store, c.id, MeetingInput(date(2026, 3, 1), other))
    done = citizens.create_citizen(
        store, CitizenInput(name="Bo", start_date=date(2026, 1, 1), goal_step_id=old)
    )
    citizens.close_citizen(store, done.id, "job", date(2026, 3, 1))
    staircase.retire_step(store, old)

    # A closed citizen keeps the goal, and their record can still be corrected.
    citizens.update_citizen(
        store, done.id, CitizenInput(name="Bo Æbelø", start_date=date(2026, 1, 1), goal_step_id=old)
    )
    assert citizens.get_citizen(store, done.id).goal_step_id == old

    fixed = MeetingInput(date(2026, 2, 1), old, old, caseworker_note="Rettet stavefejl")
    meetings.update_meeting(store, m.id, fixed)
    assert citizens.get_citizen_record(store, c.id).meetings[0].caseworker_note == (
        "Rettet stavefejl"
    )
    # An active citizen's goal on the retired step was cleared when it retired.
    assert citizens.get_citizen(store, c.id).goal_step_id is None

    # ... but nobody is moved onto it anew.
    with pytest.raises(ValidationError, match="udgået"):
        meetings.record_meeting(store, c.id, MeetingInput(date(2026, 4, 1), old))
    m2 = citizens.get_citizen_record(store, c.id).meetings[-1]
    with pytest.raises(ValidationError, match="udgået"):
        meetings.update_meeting(store, m2.id, MeetingInput(date(2026, 3, 1), old))
    with pytest.raises(ValidationError, match="udgået"):
        citizens.create_citizen(store, CitizenInput(name="Bo", goal_step_id=old))


def test_an_unused_step_can_be_deleted(store):
    step = staircase.add_step(store, "Midlertidigt trin")
    staircase.delete_step(store, step.id)
    assert staircase.load_staircase(store).step(step.id) is None


def test_step_validation(store):
    with pytest.raises(ValidationError, match="udfyldes"):
        staircase.add_step(store, "  ")
    with pytest.raises(ValidationError, match="#RRGGBB"):
        staircase.add_step(store, "Trin", colour="rød")
    assert len(staircase.load_staircase(store).steps) == 7


def test_target_groups_are_editable(store):
    g = staircase.add_target_group(store, "Unge under 30")
    staircase.rename_target_group(store, g.id, "Unge under 30 år")
    staircase.move_target_group(store, g.id, 0)
    assert staircase.list_target_groups(store)[0].name == "Unge under 30 år"
    with pytest.raises(ValidationError, match="findes allerede"):
        staircase.add_target_group(store, "Ressourceforløb")
    with pytest.raises(ValidationError, match="findes allerede"):
        staircase.add_target_group(store, "  RESSOURCEFORLØB ")
    with pytest.raises(ValidationError, match="findes allerede"):
        staircase.rename_target_group(store, g.id, "ressourceforløb")
    staircase.rename_target_group(store, g.id, "UNGE UNDER 30 ÅR")  # its own name, new case
    staircase.retire_target_group(store, g.id)
    assert g.id not in [x.id for x in staircase.list_target_groups(store)]
    assert g.id in [x.id for x in staircase.list_target_groups(store, include_retired=True)]
    with pytest.raises(NotFoundError):
        staircase.retire_target_group(store, 999_999)


def test_a_retired_target_group_stays_with_its_citizens_only(store):
    g = staircase.add_target_group(store, "Forsøgsgruppe")
    c = citizens.create_citizen(store, CitizenInput(name="Ida", target_group_id=g.id))
    staircase.retire_target_group(store, g.id)
    citizens.update_citizen(store, c.id, CitizenInput(name="Ida Å", target_group_id=g.id))
    assert citizens.get_citizen(store, c.id).target_group_id == g.id
    with pytest.raises(ValidationError, match="udgået"):
        citizens.create_citizen(store, CitizenInput(name="Bo", target_group_id=g.id))


def test_municipality_settings(store):
    staircase.set_municipality_name(store, "Nyborg Kommune")
    assert staircase.municipality_name(store) == "Nyborg Kommune"
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 100
    staircase.set_municipality_logo(store, png)
    assert staircase.municipality_logo(store) == png
    with pytest.raises(ValidationError):
        staircase.set_municipality_logo(store, b"GIF89a")


def test_positions_stay_compact_after_delete_retire_and_restore(store):
    """Step numbers shown to users are ranks: no gaps after a delete (trappe list showed 8)."""
    sc = staircase.load_staircase(store)
    extra = staircase.add_step(store, "Midlertidigt", index=2)
    assert [s.position for s in staircase.load_staircase(store).steps] == list(range(8))
    staircase.delete_step(store, extra.id)
    after = staircase.load_staircase(store)
    assert [s.position for s in after.steps] == list(range(7))
    assert [s.id for s in after.steps] == [s.id for s in sc.steps]
    staircase.retire_step(store, sc.steps[2].id)
    after = staircase.load_staircase(store)
    assert [s.position for s in after.steps] == list(range(6))
    assert after.retired[0].position == 6
    staircase.restore_step(store, sc.steps[2].id)
    assert [s.id for s in staircase.load_staircase(store).steps] == [s.id for s in sc.steps]
    # the history keeps no gap either: every date's ranks are 0..n-1
    for (valid_from,) in store.query("SELECT DISTINCT valid_from FROM step_versions"):
        ranks = sorted(
            r[0]
            for r in store.query(
                "SELECT rank FROM step_versions WHERE rank IS NOT NULL AND valid_from <= ?"
                " AND (valid_to IS NULL OR valid_to > ?)",
                (valid_from, valid_from),
            )
        )
        assert ranks == list(range(len(ranks)))


def test_trappe_list_numbers_the_top_step_7_after_a_deletion(store, db_path, capsys):
    from trappe.cli.main import main

    top = staircase.load_staircase(store).steps[-1]
    extra = staircase.add_step(store, "Midlertidigt", index=1)
    staircase.delete_step(store, extra.id)
    cid = _place(store, top.id)
    store.close()
    assert main(["list", "--db", str(db_path)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.strip().startswith(str(cid)))
    assert "7. Job eller uddannelse" in line


def test_a_change_cannot_take_effect_before_the_latest_change(store):
    step = staircase.load_staircase(store).steps[1]
    staircase.update_step(store, step.id, category=Category.COMPANY_ACTIVITY, on=date(2027, 1, 1))
    with pytest.raises(ValidationError, match="tidligst gælde fra 01-01-2027"):
        staircase.move_step(store, step.id, 4, on=date(2026, 12, 1))
    history = staircase.staircase_history(store)
    assert history[0].what == "category" and history[0].effective_from == date(2027, 1, 1)


def test_preview_and_history_say_what_a_change_does(store):
    sc = staircase.load_staircase(store)
    step = sc.steps[1]
    for _ in range(3):
        _place(store, step.id)
    text = staircase.preview_change(
        store, step.id, date(2027, 1, 1), category=Category.COMPANY_ACTIVITY
    )
    assert text == (
        "Det flytter 3 borgere fra «ingen (forberedende)» til «virksomhedsrettet indsats» "
        "fra 01-01-2027; tal før den dato forbliver som de var."
    )
    assert staircase.preview_change(store, step.id, date(2027, 1, 1)) == ""
    moved = staircase.preview_change(store, step.id, date(2027, 1, 1), index=3)
    assert moved.startswith("Trin 2 «Motivation og ønsker» bliver trin 4 fra 01-01-2027")
    staircase.update_step(store, step.id, category=Category.COMPANY_ACTIVITY, on=date(2027, 1, 1))
    line = staircase.describe_change(store, staircase.staircase_history(store)[0])
    assert line.startswith("Fra 01-01-2027: «Motivation og ønsker» kategori «ingen (forberedende)»")
    assert "(3 borgere på trinnet)" in line


def _open(path):
    import sqlite3

    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def test_retiring_a_step_backs_up_first_and_only_when_it_will_retire(store):
    """Issue 8: a staircase change that retires steps takes a verified backup first; the
    backup holds the staircase as it was before the step retired."""
    from trappe.model import backup

    sc = staircase.load_staircase(store)
    step = sc.steps[1].id
    cid = _place(store, step)
    with pytest.raises(ValidationError, match="aktive borgere"):
        staircase.retire_step(store, step)
    assert backup.list_backups(store.path) == [], "a refused change copies nothing"

    citizens.close_citizen(store, cid, "other", date(2026, 3, 1))
    staircase.retire_step(store, step)
    [taken] = backup.list_backups(store.path)
    assert taken.reason == staircase.BACKUP_REASON
    assert backup.verify(taken.path, None)
    conn = _open(taken.path)
    try:
        assert conn.execute("SELECT retired_on FROM steps WHERE id = ?", (step,)).fetchone() == (
            None,
        )
    finally:
        conn.close()

    staircase.retire_step(store, step)  # already retired: nothing to do, nothing copied
    assert len(backup.list_backups(store.path)) == 1


def test_retiring_inside_a_callers_write_leaves_the_backup_to_the_caller(store):
    from trappe.model import backup

    sc = staircase.load_staircase(store)
    with store.write():
        staircase.retire_step(store, sc.steps[1].id)
    assert backup.list_backups(store.path) == []
    assert staircase.get_step(store, sc.steps[1].id).retired


def test_retiring_returns_the_active_citizens_whose_goal_it_cleared(store):
    sc = staircase.load_staircase(store)
    old = sc.steps[4].id
    a = citizens.create_citizen(
        store, CitizenInput(name="Ida", start_date=date(2026, 1, 1), goal_step_id=old)
    )
    b = citizens.create_citizen(
        store, CitizenInput(name="Bo", start_date=date(2026, 1, 1), goal_step_id=old)
    )
    citizens.close_citizen(store, b.id, "job", date(2026, 3, 1))
    assert staircase.retire_step(store, old) == [a.id]
    assert citizens.get_citizen(store, a.id).goal_step_id is None
    assert citizens.get_citizen(store, b.id).goal_step_id == old
