from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from datetime import date

import pytest

from trappe.model.demo import build_demo_database
from trappe.model.entities import Actor
from trappe.model.errors import TrappeError
from trappe.model.progress import refresh_derived
from trappe.model.store import open_store

TODAY = date(2026, 11, 22)


def dump(path):
    with open_store(path, Actor("T")) as s:
        rows = []
        for table in ("citizens", "meetings", "placements", "agreements", "activities"):
            cols = [c for c in s.db[table].columns_dict if c not in ("created_at", "updated_at")]
            rows += [
                tuple(r) for r in s.query(f"SELECT {', '.join(cols)} FROM {table} ORDER BY id")
            ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_demo_is_deterministic_for_a_seed(tmp_path):
    a, b, c = (tmp_path / n for n in ("a.sqlite", "b.sqlite", "c.sqlite"))
    build_demo_database(a, Actor("T"), 60, seed=7, today=TODAY)
    build_demo_database(b, Actor("T"), 60, seed=7, today=TODAY)
    build_demo_database(c, Actor("T"), 60, seed=8, today=TODAY)
    assert dump(a) == dump(b)
    assert dump(a) != dump(c)


def test_demo_is_realistic_and_consistent(tmp_path):
    path = tmp_path / "demo.sqlite"
    summary = build_demo_database(path, Actor("T"), 600, seed=1, today=TODAY)
    assert summary.citizens == 600 and summary.meetings > 600 * 3
    with open_store(path, Actor("T")) as s:
        assert s.scalar("PRAGMA journal_mode") == "wal"
        assert s.integrity_ok()
        assert s.query("PRAGMA foreign_key_check") == []
        names = " ".join(r[0] for r in s.query("SELECT name FROM citizens"))
        assert any(ch in names for ch in "æøåÆØÅ")
        groups = Counter(
            r[0]
            for r in s.query(
                "SELECT tg.name FROM citizens c JOIN target_groups tg ON tg.id = c.target_group_id"
            )
        )
        assert groups.most_common(1)[0][0] == "Aktivitetsparate kontanthjælpsmodtagere"
        assert 0.35 < groups["Aktivitetsparate kontanthjælpsmodtagere"] / 600 < 0.55
        staff = {r[0] for r in s.query("SELECT role FROM staff")}
        assert staff == {"caseworker", "company_consultant"}
        assert s.scalar("SELECT count(*) FROM citizens WHERE status = 'closed'") > 0
        # movements: mostly stay, some up, fewer down
        moves = Counter()
        for (cid,) in s.query("SELECT id FROM citizens"):
            seq = [
                r[0]
                for r in s.query(
                    "SELECT st.position FROM placements p JOIN steps st ON st.id = p.step_id "
                    "WHERE p.citizen_id = ? AND assessed_by = 'professional' ORDER BY placed_on",
                    (cid,),
                )
            ]
            moves.update((b > a) - (b < a) for a, b in itertools.pairwise(seq))
        assert moves[0] > moves[1] > moves[-1] > 0
        # stored derived facts agree with the model's own recomputation
        before = [
            tuple(r)
            for r in s.query(
                "SELECT current_step_id, current_step_since, own_step_id, last_meeting_on,"
                " next_meeting_on FROM citizens ORDER BY id"
            )
        ]
        with s.write():
            for (cid,) in s.query("SELECT id FROM citizens"):
                refresh_derived(s, cid)
        after = [
            tuple(r)
            for r in s.query(
                "SELECT current_step_id, current_step_since, own_step_id, last_meeting_on,"
                " next_meeting_on FROM citizens ORDER BY id"
            )
        ]
        assert before == after
        assert (
            s.scalar(
                "SELECT count(*) FROM citizens WHERE next_meeting_on < ? AND status = 'active'",
                (TODAY.isoformat(),),
            )
            > 0
        ), "some are overdue"


def test_demo_refuses_to_overwrite(tmp_path):
    path = tmp_path / "x.sqlite"
    path.write_text("vigtigt")
    with pytest.raises(TrappeError, match="findes allerede"):
        build_demo_database(path, Actor("T"), 5)
    assert path.read_text() == "vigtigt"
    assert not list(tmp_path.glob("*.part*"))
