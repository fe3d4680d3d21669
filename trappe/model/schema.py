"""The database schema, as an ordered list of migrations (sqlite-utils ``Migrations``).

Never edit a migration that has shipped: add a new one. ``SCHEMA_VERSION`` is the number of
migrations; it is written to ``PRAGMA user_version`` so a newer file can be recognised cheaply.

This file is over 500 lines because it holds every migration in the order it shipped, with
the SQL each runs: a shipped migration never changes, so the file only grows, and reading the
schema's history top to bottom is the point.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from trappe.model.collation import danish_key_sql, search_key
from trappe.model.frozen import frozen

if TYPE_CHECKING:
    from sqlite_utils import Database

APPLICATION_ID = 0x54525050  # "TRPP": marks a file as a Trappe database
MIGRATION_SET = "trappe"


@frozen
class _Step:
    name: str
    fn: Callable[[Any], None]


class LazyMigrations:
    """sqlite-utils ``Migrations``, imported only when a file needs migrating.

    Starting Trappe on an up-to-date file only asks whether anything is pending, which one
    query answers (``has_pending``); sqlite-utils (and what it imports) stays off the start
    path. ``pending`` and ``apply`` are sqlite-utils' own, with the same migrations in the
    same order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._migrations: list[_Step] = []
        self._real: Any = None

    def __call__(self, *, name: str) -> Callable[[Callable[[Any], None]], Callable[[Any], None]]:
        def register(fn: Callable[[Any], None]) -> Callable[[Any], None]:
            self._migrations.append(_Step(name, fn))
            self._real = None
            return fn

        return register

    def real(self) -> Any:
        if self._real is None:
            from sqlite_utils.migrations import Migrations

            real = Migrations(self.name)
            for step in self._migrations:
                real(name=step.name)(step.fn)
            self._real = real
        return self._real

    def has_pending(self, conn: Any) -> bool:
        """Whether a migration is not yet applied to the file on ``conn`` (one query)."""
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
        ).fetchone()
        if not exists:
            return True
        applied = {
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", (self.name,)
            )
        }
        return any(step.name not in applied for step in self._migrations)

    def pending(self, db: Database) -> list[Any]:
        return self.real().pending(db)

    def apply(self, db: Database, *, stop_before: str | None = None) -> None:
        self.real().apply(db, stop_before=stop_before)

    def __getattr__(self, name: str) -> Any:
        """The rest of sqlite-utils' ``Migrations`` (``applied``, …), as it is."""
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.real(), name)


migrations = LazyMigrations(MIGRATION_SET)

_INITIAL_SQL = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value
);
CREATE TABLE phases (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL
);
CREATE TABLE steps (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    colour TEXT NOT NULL DEFAULT '#cccccc',
    phase_id INTEGER REFERENCES phases(id) ON DELETE SET NULL,
    category TEXT NOT NULL DEFAULT 'none'
        CHECK (category IN ('none', 'company_activity', 'ordinary_hours')),
    retired_on TEXT
);
CREATE TABLE target_groups (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    name TEXT NOT NULL UNIQUE,
    retired_on TEXT
);
CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('caseworker', 'company_consultant', 'team_leader')),
    UNIQUE (name, role)
);
CREATE TABLE citizens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    identifier TEXT,
    identifier_kind TEXT CHECK (identifier_kind IN ('cpr', 'case')),
    target_group_id INTEGER REFERENCES target_groups(id),
    caseworker_id INTEGER REFERENCES staff(id),
    consultant_id INTEGER REFERENCES staff(id),
    start_date TEXT NOT NULL,
    goal_step_id INTEGER REFERENCES steps(id),
    goal_date TEXT,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    closed_on TEXT,
    closed_reason TEXT CHECK (closed_reason IN ('job', 'education', 'transfer', 'other')),
    closed_note TEXT NOT NULL DEFAULT '',
    current_step_id INTEGER REFERENCES steps(id),
    current_step_since TEXT,
    own_step_id INTEGER REFERENCES steps(id),
    last_meeting_on TEXT,
    next_meeting_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX citizens_by_name ON citizens(name COLLATE NOCASE);
CREATE INDEX citizens_by_status_step ON citizens(status, current_step_id);
CREATE INDEX citizens_by_caseworker ON citizens(caseworker_id);
CREATE INDEX citizens_by_next_meeting ON citizens(next_meeting_on);
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    held_on TEXT NOT NULL,
    participants TEXT NOT NULL DEFAULT '',
    caseworker_note TEXT NOT NULL DEFAULT '',
    consultant_note TEXT NOT NULL DEFAULT '',
    next_meeting_on TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX meetings_by_citizen ON meetings(citizen_id, held_on);
CREATE TABLE placements (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE CASCADE,
    placed_on TEXT NOT NULL,
    assessed_by TEXT NOT NULL CHECK (assessed_by IN ('professional', 'citizen')),
    step_id INTEGER NOT NULL REFERENCES steps(id) ON DELETE RESTRICT
);
CREATE INDEX placements_by_citizen ON placements(citizen_id, placed_on);
CREATE INDEX placements_by_meeting ON placements(meeting_id);
CREATE INDEX placements_by_step ON placements(step_id);
CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    company TEXT NOT NULL DEFAULT '',
    hours_per_week REAL
);
CREATE INDEX activities_by_meeting ON activities(meeting_id);
CREATE TABLE agreements (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    what TEXT NOT NULL,
    responsible TEXT NOT NULL
        CHECK (responsible IN ('citizen', 'caseworker', 'company_consultant', 'other')),
    responsible_other TEXT NOT NULL DEFAULT '',
    due_on TEXT,
    done_on TEXT
);
CREATE INDEX agreements_by_meeting ON agreements(meeting_id);
CREATE INDEX agreements_by_citizen ON agreements(citizen_id);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_name TEXT NOT NULL,
    user_role TEXT NOT NULL,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id INTEGER,
    details TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_object ON audit_log(object_type, object_id)
"""


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    for statement in _INITIAL_SQL.split(";\n"):
        if statement.strip():
            db.execute(statement)


@migrations(name="0002_citizen_search_text")
def _search_text(db: Database) -> None:
    """SQLite's LIKE folds only ASCII case; a casefolded copy lets 'ærø' find 'ÆRØ'."""
    db.execute("ALTER TABLE citizens ADD COLUMN search_text TEXT NOT NULL DEFAULT ''")
    rows = db.execute("SELECT id, name, identifier FROM citizens").fetchall()
    db.conn.executemany(
        "UPDATE citizens SET search_text = ? WHERE id = ?",
        [(search_text(name, identifier), cid) for cid, name, identifier in rows],
    )


@migrations(name="0003_caseload_order_indexes")
def _caseload_indexes(db: Database) -> None:
    """The caseload lists active citizens by name or by step; these let SQLite read the first
    page straight from an index instead of sorting 100,000 rows."""
    db.execute("CREATE INDEX citizens_by_status_name ON citizens(status, name COLLATE NOCASE)")
    db.execute("CREATE INDEX citizens_by_status_since ON citizens(status, current_step_since)")
    db.execute("CREATE INDEX citizens_by_status_next ON citizens(status, next_meeting_on)")


@migrations(name="0004_s13_handover_imports")
def _handover_imports(db: Database) -> None:
    """A course handed over from another laptop: when, from whom, and what came with it (the
    sender's access log about the citizen, and rows such as snapshot memberships that only
    mean something in the sender's database). Erasing the citizen erases these rows too."""
    db.execute(
        """CREATE TABLE handover_imports (
            id INTEGER PRIMARY KEY,
            citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
            imported_at TEXT NOT NULL,
            imported_by TEXT NOT NULL,
            exported_at TEXT NOT NULL,
            exported_by TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            merged INTEGER NOT NULL DEFAULT 0,
            counts TEXT NOT NULL DEFAULT '{}',
            source_access_log TEXT NOT NULL DEFAULT '[]',
            source_other_rows TEXT NOT NULL DEFAULT '{}'
        )"""
    )
    db.execute("CREATE INDEX handover_imports_by_citizen ON handover_imports(citizen_id)")


def search_text(name: str, identifier: str | None) -> str:
    """The text a search matches against (``collation.search_key``): name and identifier,
    folded so that Danish letters, accents, case, hyphens and apostrophes do not matter.

    Every writer of a citizen row stores this in ``search_text``; the FTS5 index
    ``citizen_search`` follows by triggers. (Migration 0002 stored an older folding; 0004
    re-folds every row.)
    """
    return search_key(name, identifier)


@migrations(name="0004_s12_caseload_search_sort")
def _s12_caseload(db: Database) -> None:
    """Search and sort the caseload at 240,000 citizens (issue 12).

    - ``search_text`` re-folded (Danish letters both ways, accents, hyphens, apostrophes);
    - ``citizen_search``: an FTS5 trigram index over it (external content, kept in step by
      triggers, so any writer of ``citizens`` keeps it right);
    - ``name_key``: the Danish sort key (Å after Æ and Ø, aa = å), set by triggers from the
      name with built-in SQL only, so sqlite-utils and the sqlite3 shell can still write the
      table (a stored column: a generated one cannot be added as STORED, and a virtual one
      would recompute ~30 replace() calls on every read);
    - one index per sort column, each ending in ``status`` so that paging through active or
      closed courses reads the index alone; the old name and status indexes they replace go.
    """
    conn = db.conn
    conn.create_function("trappe_search_key", 2, search_key, deterministic=True)
    name_key = danish_key_sql("new.name")
    for statement in (
        "DROP INDEX IF EXISTS citizens_by_name",
        "DROP INDEX IF EXISTS citizens_by_status_name",
        "DROP INDEX IF EXISTS citizens_by_status_since",
        "DROP INDEX IF EXISTS citizens_by_status_next",
        "DROP INDEX IF EXISTS citizens_by_next_meeting",
        "ALTER TABLE citizens ADD COLUMN name_key TEXT NOT NULL DEFAULT ''",
        "UPDATE citizens SET search_text = trappe_search_key(name, identifier),"
        f" name_key = {danish_key_sql('name')}",
        "CREATE TRIGGER citizens_name_key_insert AFTER INSERT ON citizens BEGIN"
        f" UPDATE citizens SET name_key = {name_key} WHERE id = new.id; END",
        "CREATE TRIGGER citizens_name_key_update AFTER UPDATE OF name ON citizens BEGIN"
        f" UPDATE citizens SET name_key = {name_key} WHERE id = new.id; END",
        "CREATE INDEX citizens_by_name_key ON citizens(name_key, status)",
        "CREATE INDEX citizens_by_identifier ON citizens(identifier, status)",
        "CREATE INDEX citizens_by_step_name ON citizens(current_step_id, name_key, status)",
        "CREATE INDEX citizens_by_group_name ON citizens(target_group_id, name_key, status)",
        "CREATE INDEX citizens_by_since ON citizens(current_step_since, status)",
        "CREATE INDEX citizens_by_next_meeting_on ON citizens(next_meeting_on, status)",
        "CREATE INDEX citizens_by_last_meeting_on ON citizens(last_meeting_on, status)",
        "CREATE INDEX citizens_by_status_search ON citizens(status, search_text)",
        "CREATE INDEX citizens_by_status_group ON citizens(status, target_group_id)",
        "CREATE VIRTUAL TABLE citizen_search USING fts5("
        " search_text, content='citizens', content_rowid='id', tokenize='trigram')",
        "CREATE TRIGGER citizens_search_insert AFTER INSERT ON citizens BEGIN"
        " INSERT INTO citizen_search (rowid, search_text) VALUES (new.id, new.search_text);"
        " END",
        "CREATE TRIGGER citizens_search_delete AFTER DELETE ON citizens BEGIN"
        " INSERT INTO citizen_search (citizen_search, rowid, search_text)"
        " VALUES ('delete', old.id, old.search_text);"
        " END",
        "CREATE TRIGGER citizens_search_update AFTER UPDATE OF search_text ON citizens BEGIN"
        " INSERT INTO citizen_search (citizen_search, rowid, search_text)"
        " VALUES ('delete', old.id, old.search_text);"
        " INSERT INTO citizen_search (rowid, search_text) VALUES (new.id, new.search_text);"
        " END",
        "INSERT INTO citizen_search (citizen_search) VALUES ('rebuild')",
    ):
        db.execute(statement)


@migrations(name="0005_s10_measures")
def _s10_measures(db: Database) -> None:
    """History for measures that hold (issue 10).

    - ``step_versions``: each step's category, phase and rank (its order among the steps on the
      staircase, 0 = bottom; NULL while retired) over dated intervals [valid_from, valid_to).
      Measures as of a date read the staircase from here; ``steps`` holds the latest staircase.
    - ``staircase_changes``: the readable history of those changes, shown in the editor.
    - ``course_periods``: when each course was open; closing ends a period, reopening starts a
      new one, so a reopened course never changes figures about dates before the reopening.
    - ``placement_runs``: each citizen's professional placements as runs on one step
      [valid_from, valid_to), rebuilt from the placements inside every write that changes them
      (``progress.refresh_derived``); it serves "the placement on date D" with one index seek.
    - ``snapshots`` and ``targets``: stored measurements and result targets per target group.
    Everything is set-based SQL, so this runs in seconds on a 240,000-citizen file.
    """
    for statement in _statements(_S10_SQL):
        db.execute(statement)
    db.execute(_RUNS_FROM_PLACEMENTS)


def _statements(script: str) -> list[str]:
    """Split a script into statements (a trigger body holds semicolons of its own)."""
    out, buf = [], ""
    for part in script.split(";\n"):
        buf += part + ";\n"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                out.append(buf)
            buf = ""
    if buf.strip(" \n;"):
        out.append(buf)
    return out


_S10_SQL = """
CREATE TABLE step_versions (
    id INTEGER PRIMARY KEY,
    step_id INTEGER NOT NULL REFERENCES steps(id) ON DELETE CASCADE,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    rank INTEGER,
    category TEXT NOT NULL
        CHECK (category IN ('none', 'company_activity', 'ordinary_hours')),
    phase_id INTEGER
);
CREATE INDEX step_versions_by_step ON step_versions(step_id, valid_from);
CREATE TABLE staircase_changes (
    id INTEGER PRIMARY KEY,
    effective_from TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    step_id INTEGER,
    step_title TEXT NOT NULL,
    what TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    citizens INTEGER
);
INSERT INTO step_versions (step_id, valid_from, valid_to, rank, category, phase_id)
    SELECT id, '0001-01-01', retired_on, position, category, phase_id FROM steps
    WHERE retired_on IS NULL OR retired_on > '0001-01-01';
INSERT INTO step_versions (step_id, valid_from, valid_to, rank, category, phase_id)
    SELECT id, retired_on, NULL, NULL, category, phase_id FROM steps WHERE retired_on IS NOT NULL;
CREATE TEMP TABLE _s10_positions AS
    SELECT id, row_number() OVER (ORDER BY retired_on IS NOT NULL, position, id) - 1 AS pos
    FROM steps;
UPDATE steps SET position = (SELECT pos FROM _s10_positions p WHERE p.id = steps.id);
DROP TABLE _s10_positions;
CREATE TABLE course_periods (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    started_on TEXT NOT NULL,
    ended_on TEXT,
    end_reason TEXT
);
CREATE INDEX course_periods_by_citizen
    ON course_periods(citizen_id, started_on, ended_on, end_reason);
INSERT INTO course_periods (citizen_id, started_on, ended_on, end_reason)
    SELECT id, start_date, closed_on, closed_reason FROM citizens;
CREATE TRIGGER citizens_period_on_insert AFTER INSERT ON citizens BEGIN
    INSERT INTO course_periods (citizen_id, started_on, ended_on, end_reason)
    VALUES (new.id, new.start_date, new.closed_on, new.closed_reason);
END;
CREATE TRIGGER citizens_period_on_close AFTER UPDATE OF closed_on ON citizens
WHEN old.closed_on IS NULL AND new.closed_on IS NOT NULL BEGIN
    UPDATE course_periods SET ended_on = new.closed_on, end_reason = new.closed_reason
    WHERE citizen_id = new.id AND ended_on IS NULL;
END;
CREATE TRIGGER citizens_period_on_start AFTER UPDATE OF start_date ON citizens
WHEN old.start_date IS NOT new.start_date BEGIN
    UPDATE course_periods SET started_on = new.start_date
    WHERE id = (SELECT id FROM course_periods WHERE citizen_id = new.id
                ORDER BY started_on, id LIMIT 1);
END;
CREATE TABLE placement_runs (
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    step_id INTEGER NOT NULL,
    PRIMARY KEY (citizen_id, valid_from)
) WITHOUT ROWID;
CREATE INDEX placements_as_of ON placements(citizen_id, assessed_by, placed_on, id);
CREATE INDEX meetings_as_of ON meetings(citizen_id, held_on, id, next_meeting_on);
CREATE INDEX agreements_overdue ON agreements(done_on, due_on, citizen_id, meeting_id);
CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    measured_on TEXT NOT NULL,
    baseline_on TEXT,
    method TEXT NOT NULL CHECK (method IN ('cross_section', 'cohort')),
    scope TEXT NOT NULL,
    figures TEXT NOT NULL,
    members BLOB,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    target_group_id INTEGER REFERENCES target_groups(id) ON DELETE CASCADE,
    baseline_on TEXT NOT NULL,
    change_pp REAL NOT NULL,
    due_on TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('cross_section', 'cohort')),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
)
"""

# Professional placements as runs: the last placement of a day wins (entry order breaks a
# tie), consecutive days on the same step form one run. Shared by the migration and the demo.
_RUNS_FROM_PLACEMENTS = """
INSERT INTO placement_runs (citizen_id, valid_from, valid_to, step_id)
WITH day_last AS (
    SELECT citizen_id, step_id, placed_on FROM (
        SELECT citizen_id, step_id, placed_on,
               lead(placed_on) OVER (PARTITION BY citizen_id ORDER BY placed_on, id) AS later
        FROM placements WHERE assessed_by = 'professional'
    ) WHERE later IS NULL OR later > placed_on
), marked AS (
    SELECT citizen_id, step_id, placed_on,
           lag(step_id) OVER (PARTITION BY citizen_id ORDER BY placed_on) AS before
    FROM day_last
), starts AS (
    SELECT citizen_id, step_id, placed_on FROM marked WHERE before IS NULL OR before != step_id
)
SELECT citizen_id, placed_on,
       lead(placed_on) OVER (PARTITION BY citizen_id ORDER BY placed_on), step_id
FROM starts
"""


def rebuild_placement_runs(db: Database) -> None:
    """Recompute ``placement_runs`` for every citizen (after a bulk load)."""
    db.execute("DELETE FROM placement_runs")
    db.execute(_RUNS_FROM_PLACEMENTS)


@migrations(name="0004_s08_versions")
def _versions(db: Database) -> None:
    """A version counter on each citizen and meeting: an edit based on an older version is
    refused instead of silently overwriting someone else's save (two people, one file)."""
    db.execute("ALTER TABLE citizens ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
    db.execute("ALTER TABLE meetings ADD COLUMN version INTEGER NOT NULL DEFAULT 1")


@migrations(name="0005_s08_autoincrement")
def _autoincrement(db: Database) -> None:
    """Ids are never reused: a new citizen took an erased citizen's id and inherited their
    audit rows, and an undone meeting deletion must get its own id back.

    AUTOINCREMENT changes nothing in how a table's rows are stored, only the table's
    definition and a row in ``sqlite_sequence``; so instead of rebuilding tables of millions
    of rows (about 30 s at 100,000 citizens) the definition is edited in place, the way
    SQLite's ALTER TABLE documentation describes for changes that do not touch stored data.
    """
    tables = ("citizens", "meetings", "agreements")
    db.execute("CREATE TABLE _s08_seq (id INTEGER PRIMARY KEY AUTOINCREMENT)")
    db.execute("DROP TABLE _s08_seq")  # leaves sqlite_sequence behind
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        for table in tables:
            db.execute(
                "UPDATE sqlite_master SET sql = replace(sql, 'id INTEGER PRIMARY KEY,',"
                " 'id INTEGER PRIMARY KEY AUTOINCREMENT,') WHERE type = 'table' AND name = ?",
                (table,),
            )
        db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")
    for table in tables:
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        assert "AUTOINCREMENT" in sql, f"unexpected schema for {table}"
        db.execute(
            f"INSERT INTO sqlite_sequence (name, seq) SELECT ?, coalesce(max(id), 0) FROM {table}",
            (table,),
        )


@migrations(name="0006_s12b_caseload_counts")
def _s12b_caseload_counts(db: Database) -> None:
    """How many citizens per status, step and target group, kept by triggers (issue 12).

    The caseload list counts its rows on every search, sort and jump; at 240,000 citizens a
    ``count(*)`` and a count per step are passes over an index of that size. This small table
    answers both: ``step`` and ``grp`` hold the citizen's current step and target group, 0 for
    none (so the key has no NULLs). Any writer of ``citizens`` keeps it right through the
    triggers; one set-based INSERT fills it.
    """
    for statement in _statements(_S12B_COUNTS_SQL):
        db.execute(statement)


_COUNT_UP = """INSERT INTO caseload_counts (status, step, grp, n)
    VALUES ({r}.status, coalesce({r}.current_step_id, 0), coalesce({r}.target_group_id, 0), 1)
    ON CONFLICT (status, step, grp) DO UPDATE SET n = n + 1"""
_COUNT_DOWN = """UPDATE caseload_counts SET n = n - 1 WHERE status = {r}.status
    AND step = coalesce({r}.current_step_id, 0) AND grp = coalesce({r}.target_group_id, 0)"""
_S12B_COUNTS_SQL = f"""
CREATE TABLE caseload_counts (
    status TEXT NOT NULL,
    step INTEGER NOT NULL,
    grp INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (status, step, grp)
) WITHOUT ROWID;
INSERT INTO caseload_counts (status, step, grp, n)
    SELECT status, coalesce(current_step_id, 0), coalesce(target_group_id, 0), count(*)
    FROM citizens GROUP BY 1, 2, 3;
CREATE TRIGGER citizens_count_insert AFTER INSERT ON citizens BEGIN
    {_COUNT_UP.format(r="new")};
END;
CREATE TRIGGER citizens_count_delete AFTER DELETE ON citizens BEGIN
    {_COUNT_DOWN.format(r="old")};
END;
CREATE TRIGGER citizens_count_update
AFTER UPDATE OF status, current_step_id, target_group_id ON citizens
WHEN old.status IS NOT new.status OR old.current_step_id IS NOT new.current_step_id
    OR old.target_group_id IS NOT new.target_group_id BEGIN
    {_COUNT_DOWN.format(r="old")};
    {_COUNT_UP.format(r="new")};
END
"""

CLOSE_REASONS_0004 = (
    "job",
    "education",
    "flexjob",
    "disability_pension",
    "resource_course_ended",
    "moved",
    "transfer",
    "other",
)
_CLOSED_REASON_CHECK = re.compile(
    r"closed_reason\s+TEXT\s+CHECK\s*\(\s*closed_reason\s+IN\s*\([^)]*\)\s*\)",
    re.IGNORECASE,
)


@migrations(name="0006_s11b_close_reasons")
def _close_reasons(db: Database) -> None:
    """Courses may also close for flexjob, disability pension (førtidspension), a move to
    another municipality and the end of a resource course (ressourceforløb afsluttet).

    Only the CHECK on ``citizens.closed_reason`` widens, so no row changes and no row can
    break the new rule: the table's definition is edited in place (SQLite's documented
    procedure for loosening a CHECK, "ALTER TABLE" §7) instead of copying the table, which
    is instant on 240,000 citizens and keeps whatever else the table's definition holds now
    (another migration may have rebuilt it, e.g. for AUTOINCREMENT). It reads the current
    definition and replaces only the CHECK, so it composes with such a rebuild in either
    order as long as the rebuild also reads the definition it rebuilds.
    """
    conn = db.conn
    row = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'citizens'"
    ).fetchone()
    sql = row[0]
    values = ", ".join(f"'{v}'" for v in CLOSE_REASONS_0004)
    wanted = f"closed_reason TEXT CHECK (closed_reason IN ({values}))"
    new_sql, n = _CLOSED_REASON_CHECK.subn(wanted, sql)
    if n != 1:
        raise RuntimeError("citizens.closed_reason: CHECK constraint not found")
    if new_sql == sql:
        return
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'citizens'",
            (new_sql,),
        )
        conn.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
    if conn.execute("PRAGMA quick_check(citizens)").fetchone()[0] != "ok":
        raise RuntimeError("citizens table failed its check after widening closed_reason")


@migrations(name="0007_s11b_meeting_intervals")
def _meeting_intervals(db: Database) -> None:
    """How often a citizen is seen, set by the municipality per target group (a row with no
    group is the default): every ``weeks`` weeks, and every ``first_weeks`` weeks in the first
    ``first_months`` months of the course. Seeded with 6 weeks, 4 in the first three months."""
    db.execute(
        """CREATE TABLE meeting_intervals (
            id INTEGER PRIMARY KEY,
            target_group_id INTEGER UNIQUE REFERENCES target_groups(id) ON DELETE CASCADE,
            weeks INTEGER NOT NULL CHECK (weeks BETWEEN 1 AND 52),
            first_months INTEGER NOT NULL DEFAULT 0 CHECK (first_months BETWEEN 0 AND 24),
            first_weeks INTEGER CHECK (first_weeks BETWEEN 1 AND 52)
        )"""
    )
    db.execute(
        "CREATE UNIQUE INDEX meeting_intervals_one_default"
        " ON meeting_intervals ((target_group_id IS NULL)) WHERE target_group_id IS NULL"
    )
    db.execute(
        "INSERT INTO meeting_intervals (target_group_id, weeks, first_months, first_weeks)"
        " VALUES (NULL, 6, 3, 4)"
    )


@migrations(name="0006_s09_audit_chain")
def _audit_chain(db: Database) -> None:
    """The audit log names the OS login beside the given name, knows which citizen an entry
    concerns (a citizen's access log, by index), and is hash-chained (see ``audit.py``).

    The table is rebuilt once with every existing entry chained (a few seconds per million
    entries); old entries keep an empty ``os_user``, since it was not recorded then.
    """
    from trappe.model.audit import rebuild_chained

    rebuild_chained(db.conn)
    db.execute("CREATE INDEX audit_log_by_object ON audit_log(object_type, object_id)")
    db.execute("CREATE INDEX audit_log_by_citizen ON audit_log(citizen_id)")
    db.execute("CREATE INDEX audit_log_by_user ON audit_log(user_name)")
    db.execute("CREATE INDEX audit_log_by_time ON audit_log(at)")
    db.execute("CREATE INDEX audit_log_by_action ON audit_log(action)")
    db.execute(
        "CREATE TABLE audit_counts ("
        " month TEXT NOT NULL,"
        " action TEXT NOT NULL,"
        " object_type TEXT NOT NULL,"
        " entries INTEGER NOT NULL,"
        " PRIMARY KEY (month, action, object_type)"
        ") WITHOUT ROWID"
    )


@migrations(name="0008_lead_search_letters")
def _search_letters(db: Database) -> None:
    """Search folds the letters Unicode does not decompose (ł → l, ð → d …): the citizens
    whose name or identifier holds one get their ``search_text`` anew (the FTS index follows
    by its trigger). Only those rows: at 240,000 citizens a handful, found by one pass."""
    from trappe.model.collation import UNDECOMPOSED_LETTERS

    db.conn.create_function("trappe_search_key", 2, search_key, deterministic=True)
    letters = UNDECOMPOSED_LETTERS.replace("]", "")
    db.execute(
        "UPDATE citizens SET search_text = trappe_search_key(name, identifier)"
        f" WHERE name GLOB '*[{letters}]*' OR identifier GLOB '*[{letters}]*'"
    )


@migrations(name="0009_s20_caseload_cover")
def _s20_caseload_cover(db: Database) -> None:
    """Indexes that let a caseload filter be counted, and its pages walked, from an index
    alone (issue 12: each search and sort < 50 ms at 240,000 citizens).

    Each order's index also holds the columns the filters test (next meeting, weeks on a
    step, step, target group), after the id, so its order stays value, status, id: a page of
    "overdue, by last meeting" skips the citizens who are not overdue without reading their
    rows. A filter on the next meeting or on the weeks on a step counts its matches (per step
    or target group, and with or without a value of any sort column) along a range of its own
    index, so those two hold the last meeting and identifier too; the text index the same for
    a short word's scan. A company consultant's citizens get an index, as a caseworker's
    have. The indexes keep their names where they only widen (other code names them).
    """
    tests = "next_meeting_on, current_step_since, current_step_id, target_group_id"
    rest = "current_step_id, target_group_id, last_meeting_on, identifier"
    for statement in (
        "DROP INDEX IF EXISTS citizens_by_next_meeting_on",
        "DROP INDEX IF EXISTS citizens_by_since",
        "DROP INDEX IF EXISTS citizens_by_status_search",
        "DROP INDEX IF EXISTS citizens_by_name_key",
        "DROP INDEX IF EXISTS citizens_by_identifier",
        "DROP INDEX IF EXISTS citizens_by_step_name",
        "DROP INDEX IF EXISTS citizens_by_group_name",
        "DROP INDEX IF EXISTS citizens_by_last_meeting_on",
        f"CREATE INDEX citizens_by_name_key ON citizens(name_key, status, id, {tests})",
        f"CREATE INDEX citizens_by_identifier ON citizens(identifier, status, id, {tests})",
        "CREATE INDEX citizens_by_step_name ON citizens"
        "(current_step_id, name_key, status, id, next_meeting_on, current_step_since,"
        " target_group_id)",
        "CREATE INDEX citizens_by_group_name ON citizens"
        "(target_group_id, name_key, status, id, next_meeting_on, current_step_since,"
        " current_step_id)",
        "CREATE INDEX citizens_by_last_meeting_on ON citizens"
        f"(last_meeting_on, status, id, {tests})",
        "CREATE INDEX citizens_next_cover ON citizens"
        f"(next_meeting_on, status, id, current_step_since, {rest})",
        "CREATE INDEX citizens_since_cover ON citizens"
        f"(current_step_since, status, id, next_meeting_on, {rest})",
        "CREATE INDEX citizens_search_cover ON citizens"
        f"(status, search_text, next_meeting_on, current_step_since, {rest})",
        "CREATE INDEX citizens_by_consultant ON citizens(consultant_id)",
    ):
        db.execute(statement)


def _grams_sql(text: str) -> str:
    """SQL for the letters and letter pairs of ``text``, as one string the ``ascii``
    tokenizer cuts into them: each character and the two from it on, space-separated (a pair
    with a space in it gives its letter alone, as the space separates)."""
    return (
        "(SELECT group_concat(substr(t, i, 2) || ' ' || substr(t, i, 1), ' ') FROM"
        f" (SELECT {text} AS t) CROSS JOIN (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
        f" SELECT i + 1 FROM n WHERE i < length({text})) SELECT i FROM n))"
    )


def _text_cover_statements() -> list[str]:
    """The indexes of ``0010``'s second part (see its doc)."""
    rest = "current_step_id, target_group_id, last_meeting_on, identifier, search_text"
    tests = "status, search_text, next_meeting_on, current_step_since"
    return [
        "DROP INDEX IF EXISTS citizens_next_cover",
        "DROP INDEX IF EXISTS citizens_since_cover",
        "CREATE INDEX citizens_next_cover ON citizens"
        f"(next_meeting_on, status, id, current_step_since, {rest})",
        "CREATE INDEX citizens_since_cover ON citizens"
        f"(current_step_since, status, id, next_meeting_on, {rest})",
        f"CREATE INDEX citizens_step_text ON citizens(current_step_id, {tests}, target_group_id)",
        f"CREATE INDEX citizens_group_text ON citizens(target_group_id, {tests}, current_step_id)",
    ]


def _grams(text: str) -> str:
    """``_grams_sql`` in Python, for filling the index at once."""
    return " ".join(text[i : i + 2] + " " + text[i] for i in range(len(text))) if text else " "


def refill_grams(conn: Any) -> None:
    """``citizen_grams`` emptied and filled again from every citizen's text at once (0010,
    and a bulk load with its triggers dropped): by a function giving the very strings of
    ``_grams_sql``, in a third of its time, then merged into one segment."""
    conn.create_function("trappe_grams", 1, _grams, deterministic=True)
    conn.execute("INSERT INTO citizen_grams (citizen_grams) VALUES ('delete-all')")
    conn.execute(
        "INSERT INTO citizen_grams (rowid, grams)"
        " SELECT id, trappe_grams(search_text) FROM citizens"
    )
    conn.execute("INSERT INTO citizen_grams (citizen_grams) VALUES ('optimize')")


@migrations(name="0010_s21_search_grams")
def _s21_search_grams(db: Database) -> None:
    """An index of the one- and two-letter strings in each citizen's ``search_text``, for
    searches of one or two letters (issue 12: every search < 50 ms at 240,000 citizens).

    The trigram index ``citizen_search`` finds words of three letters or more; a shorter
    word had to be looked for in every citizen's text. ``citizen_grams`` (FTS5, contentless,
    rowids only) holds, per citizen, every letter and every pair of letters within a word of
    ``search_text``; a word of one or two letters is in the text exactly when it is one of
    them. Triggers keep it in step from ``search_text`` with built-in SQL only (so any writer
    of ``citizens`` keeps it right); a contentless index deletes by the same strings, which
    the same expression gives from the old text.

    A word with a filter is counted along the filter's index, which now holds the text too:
    the next-meeting and weeks-on-step indexes get ``search_text`` last, and a step or a
    target group get an index of their own with the status, the text and the other filter
    columns, so that "overdue and Hansen" or "step 3 and sen" reads one index range alone.
    """
    new, old = _grams_sql("new.search_text"), _grams_sql("old.search_text")
    delete = "INSERT INTO citizen_grams (citizen_grams, rowid, grams) VALUES ('delete', old.id, "
    db.execute(
        "CREATE VIRTUAL TABLE citizen_grams USING fts5("
        " grams, content='', detail=none, tokenize='ascii')"
    )
    refill_grams(db.conn)
    for statement in (
        "CREATE TRIGGER citizens_grams_insert AFTER INSERT ON citizens BEGIN"
        f" INSERT INTO citizen_grams (rowid, grams) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER citizens_grams_delete AFTER DELETE ON citizens BEGIN {delete}{old}); END",
        "CREATE TRIGGER citizens_grams_update AFTER UPDATE OF search_text ON citizens"
        " WHEN old.search_text IS NOT new.search_text BEGIN"
        f" {delete}{old}); INSERT INTO citizen_grams (rowid, grams) VALUES (new.id, {new}); END",
        *_text_cover_statements(),
    ):
        db.execute(statement)


@migrations(name="0012_s23_identifier_text")
def _s23_identifier_text(db: Database) -> None:
    """The identifier's index holds ``search_text`` too, last (issue 12: every search
    < 50 ms at 240,000 citizens).

    A common word (one most citizens have, such as "19") is checked by reading each text
    along the order's index (``caseload_query``). By identifier, the citizens without one
    come last and few of them have a digit in their text: the last screen walked all of
    them (18,000 at 240,000 citizens), a row lookup each. With the text in the index, that
    walk reads the index alone, as the other orders' walks over a filter do. One index
    rebuilt: about a second at 240,000 citizens, and a few MB.
    """
    tests = "next_meeting_on, current_step_since, current_step_id, target_group_id"
    db.execute("DROP INDEX IF EXISTS citizens_by_identifier")
    db.execute(
        "CREATE INDEX citizens_by_identifier ON citizens"
        f"(identifier, status, id, {tests}, search_text)"
    )


@migrations(name="0013_s23_day_counts")
def _s23_day_counts(db: Database) -> None:
    """How many citizens per status have each next-meeting date and each date on their
    step, kept by triggers (issue 12: every search < 50 ms at 240,000 citizens).

    A next-meeting or weeks-on-step filter is a range of its own index; whether that range
    or a search index drives a query with both depends on the range's size, which had to be
    counted by reading the range (up to the search's cost, wasted when the search won: at
    240,000 citizens "søren" and "overdue" read 27,000 entries to learn that). The size is
    now a sum over a few hundred rows of this table. ``kind`` is 'next' (``next_meeting_on``)
    or 'since' (``current_step_since``); ``day`` is '' for none (so the key has no NULLs).
    Like ``caseload_counts``, any writer of ``citizens`` keeps it right through the
    triggers, and one set-based INSERT fills it.
    """
    for statement in _statements(_S23_DAYS_SQL):
        db.execute(statement)


def _day_trigger(kind: str, column: str) -> str:
    up = """INSERT INTO caseload_days (kind, status, day, n)
        VALUES ('{k}', {r}.status, coalesce({r}.{c}, ''), 1)
        ON CONFLICT (kind, status, day) DO UPDATE SET n = n + 1"""
    down = """UPDATE caseload_days SET n = n - 1
        WHERE kind = '{k}' AND status = {r}.status AND day = coalesce({r}.{c}, '')"""
    return f"""
CREATE TRIGGER citizens_days_{kind}_insert AFTER INSERT ON citizens BEGIN
    {up.format(k=kind, r="new", c=column)};
END;
CREATE TRIGGER citizens_days_{kind}_delete AFTER DELETE ON citizens BEGIN
    {down.format(k=kind, r="old", c=column)};
END;
CREATE TRIGGER citizens_days_{kind}_update AFTER UPDATE OF status, {column} ON citizens
WHEN old.status IS NOT new.status OR old.{column} IS NOT new.{column} BEGIN
    {down.format(k=kind, r="old", c=column)};
    {up.format(k=kind, r="new", c=column)};
END;"""


_S23_DAYS_SQL = f"""
CREATE TABLE caseload_days (
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    day TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (kind, status, day)
) WITHOUT ROWID;
INSERT INTO caseload_days (kind, status, day, n)
    SELECT 'next', status, coalesce(next_meeting_on, ''), count(*) FROM citizens GROUP BY 2, 3;
INSERT INTO caseload_days (kind, status, day, n)
    SELECT 'since', status, coalesce(current_step_since, ''), count(*)
    FROM citizens GROUP BY 2, 3;
{_day_trigger("next", "next_meeting_on")}
{_day_trigger("since", "current_step_since")}
"""


@migrations(name="0014_s24_record_stamps")
def _s24_record_stamps(db: Database) -> None:
    """A stamp per citizen that every write of their meetings, placements, activities or
    agreements sets anew, kept by triggers (issue 12 item 4: opening a citizen).

    Opening a citizen reads a thousand rows for two hundred meetings. A record read before
    is handed out again while the citizen's stamp is the one it was read with
    (``records._Reuse``): the triggers fire for every writer of the file (any program,
    any connection, migrations included), so no write of those four tables leaves it.
    The stamp is a random 64-bit number, not a count: a file put back from a backup and
    written since cannot come back to a stamp an earlier reading had with other rows.
    One set-based INSERT fills it (240,000 rows: well under a second).
    """
    for statement in _statements(_S24_STAMPS_SQL):
        db.execute(statement)


def _stamp_triggers(table: str, citizen: str) -> str:
    """Triggers setting the stamp of the citizen whose rows of ``table`` changed;
    ``citizen`` is that citizen's id in SQL over ``{r}`` (``new`` or ``old``)."""
    stamp = "UPDATE record_stamps SET stamp = random() WHERE citizen_id"
    return f"""
CREATE TRIGGER {table}_stamp_insert AFTER INSERT ON {table} BEGIN
    {stamp} = {citizen.format(r="new")};
END;
CREATE TRIGGER {table}_stamp_update AFTER UPDATE ON {table} BEGIN
    {stamp} IN ({citizen.format(r="old")}, {citizen.format(r="new")});
END;
CREATE TRIGGER {table}_stamp_delete AFTER DELETE ON {table} BEGIN
    {stamp} = {citizen.format(r="old")};
END;"""


_S24_STAMPS_SQL = f"""
CREATE TABLE record_stamps (
    citizen_id INTEGER PRIMARY KEY,
    stamp INTEGER NOT NULL
);
INSERT INTO record_stamps (citizen_id, stamp) SELECT id, random() FROM citizens;
CREATE TRIGGER citizens_stamp_insert AFTER INSERT ON citizens BEGIN
    INSERT OR REPLACE INTO record_stamps (citizen_id, stamp) VALUES (new.id, random());
END;
CREATE TRIGGER citizens_stamp_delete AFTER DELETE ON citizens BEGIN
    DELETE FROM record_stamps WHERE citizen_id = old.id;
END;
CREATE TRIGGER citizens_stamp_id AFTER UPDATE OF id ON citizens BEGIN
    DELETE FROM record_stamps WHERE citizen_id IN (old.id, new.id);
    INSERT INTO record_stamps (citizen_id, stamp) VALUES (new.id, random());
END;
{_stamp_triggers("meetings", "{r}.citizen_id")}
{_stamp_triggers("placements", "{r}.citizen_id")}
{_stamp_triggers("agreements", "{r}.citizen_id")}
{_stamp_triggers("activities", "(SELECT citizen_id FROM meetings WHERE id = {r}.meeting_id)")}
"""
STAMPED_TABLES = ("meetings", "placements", "agreements", "activities")


@migrations(name="0015_s24_trend_days")
def _s24_trend_days(db: Database) -> None:
    """The monthly trend of the headline share, summed from kept day counts (issue 12 item 5:
    the team overview ready well within 1 s at 100,000 citizens).

    The trend counts, on each month end, the citizens active then (``course_periods``) and
    those of them on a step that counts then (``placement_runs``, ``step_versions``). It was a
    sweep over every run and period of every citizen (about 0.45 s at 100,000). Both counts
    are now running sums over two small tables of changes per day, kept by triggers:

    - ``trend_active_days``: per day, the course periods that begin (+1) or end (−1) then;
    - ``trend_step_days``: per step and day, the stretches in which a citizen is both active
      and on the step (a run intersected with a period) that begin (+1) or end (−1) then.

    Whether a step counts on a day stays a question for ``step_versions`` at read time, so
    staircase edits need nothing here, and the counts hold as of any date. The triggers keep
    the sums equal to a recomputation after every change of runs or periods, whoever writes
    them (a citizen erased: the cascades' triggers take its stretches away). Rows whose sum
    came back to 0 stay (a few thousand at most: steps × days); readers skip nothing for them.
    No citizen is named here: days, step ids and counts. One set-based INSERT each fills them.
    """
    for statement in _statements(_S24_TREND_SQL):
        db.execute(statement)


_BIG = "'9999-12-31'"


def _stretches(run: str, period: str) -> str:
    """(lo, hi) of the intersection of run ``run`` and period ``period``, hi NULL for open;
    a subquery's columns, for the pairs that meet (lo < hi)."""
    lo = (
        f"CASE WHEN {run}.valid_from > {period}.started_on THEN {run}.valid_from"
        f" ELSE {period}.started_on END"
    )
    hi = (
        f"CASE WHEN coalesce({run}.valid_to, {_BIG}) < coalesce({period}.ended_on, {_BIG})"
        f" THEN {run}.valid_to ELSE {period}.ended_on END"
    )
    return f"{lo} AS lo, {hi} AS hi"


def _step_days_change(row: str, sign: str, of_run: bool) -> str:
    """Add (sign '1') or take away ('-1') the stretches of one run (``of_run``) or period
    ``row`` (new/old) against the citizen's periods or runs."""
    if of_run:
        source = (
            f"SELECT {row}.step_id AS step_id, {_stretches(row, 'p')} FROM course_periods p"
            f" WHERE p.citizen_id = {row}.citizen_id"
        )
    else:
        source = (
            f"SELECT r.step_id AS step_id, {_stretches('r', row)} FROM placement_runs r"
            f" WHERE r.citizen_id = {row}.citizen_id"
        )
    return f"""INSERT INTO trend_step_days (step_id, day, n)
        SELECT step_id, day, n FROM (
            SELECT step_id, lo AS day, {sign} AS n FROM ({source}) WHERE lo < coalesce(hi, {_BIG})
            UNION ALL
            SELECT step_id, hi, -({sign}) FROM ({source}) WHERE lo < hi
        ) WHERE true
        ON CONFLICT (step_id, day) DO UPDATE SET n = n + excluded.n"""


def _active_days_change(row: str, sign: str) -> str:
    return f"""INSERT INTO trend_active_days (day, n)
        SELECT day, n FROM (
            SELECT {row}.started_on AS day, {sign} AS n
            UNION ALL
            SELECT {row}.ended_on, -({sign}) WHERE {row}.ended_on IS NOT NULL
        ) WHERE {row}.started_on < coalesce({row}.ended_on, {_BIG})
        ON CONFLICT (day) DO UPDATE SET n = n + excluded.n"""


def _trend_triggers() -> str:
    runs = "citizen_id, valid_from, valid_to, step_id"
    periods = "citizen_id, started_on, ended_on"
    return f"""
CREATE TRIGGER runs_trend_insert AFTER INSERT ON placement_runs BEGIN
    {_step_days_change("new", "1", True)};
END;
CREATE TRIGGER runs_trend_delete AFTER DELETE ON placement_runs BEGIN
    {_step_days_change("old", "-1", True)};
END;
CREATE TRIGGER runs_trend_update AFTER UPDATE OF {runs} ON placement_runs BEGIN
    {_step_days_change("old", "-1", True)};
    {_step_days_change("new", "1", True)};
END;
CREATE TRIGGER periods_trend_insert AFTER INSERT ON course_periods BEGIN
    {_active_days_change("new", "1")};
    {_step_days_change("new", "1", False)};
END;
CREATE TRIGGER periods_trend_delete AFTER DELETE ON course_periods BEGIN
    {_active_days_change("old", "-1")};
    {_step_days_change("old", "-1", False)};
END;
CREATE TRIGGER periods_trend_update AFTER UPDATE OF {periods} ON course_periods BEGIN
    {_active_days_change("old", "-1")};
    {_step_days_change("old", "-1", False)};
    {_active_days_change("new", "1")};
    {_step_days_change("new", "1", False)};
END;"""


# What the triggers keep, recomputed from the runs and periods (the migration fills the tables
# with it; the tests compare the kept rows with it).
TREND_ACTIVE_DAYS = f"""
SELECT day, sum(n) FROM (
    SELECT started_on AS day, 1 AS n FROM course_periods
    WHERE started_on < coalesce(ended_on, {_BIG})
    UNION ALL
    SELECT ended_on, -1 FROM course_periods WHERE started_on < ended_on
) GROUP BY day
"""
TREND_STEP_DAYS = f"""
SELECT step_id, day, sum(n) FROM (
    SELECT step_id, lo AS day, 1 AS n FROM iv WHERE lo < coalesce(hi, {_BIG})
    UNION ALL
    SELECT step_id, hi, -1 FROM iv WHERE lo < hi
) GROUP BY step_id, day
"""
_TREND_STRETCHES = (
    f"WITH iv AS MATERIALIZED (SELECT r.step_id AS step_id, {_stretches('r', 'p')}"
    " FROM placement_runs r JOIN course_periods p ON p.citizen_id = r.citizen_id)"
)

_S24_TREND_SQL = f"""
CREATE TABLE trend_active_days (
    day TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE trend_step_days (
    step_id INTEGER NOT NULL,
    day TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (step_id, day)
) WITHOUT ROWID;
INSERT INTO trend_active_days (day, n) {TREND_ACTIVE_DAYS};
INSERT INTO trend_step_days (step_id, day, n) {_TREND_STRETCHES} {TREND_STEP_DAYS};
{_trend_triggers()}
"""


@migrations(name="0016_s25_agreements_in_order")
def _s25_agreements_in_order(db: Database) -> None:
    """A citizen's agreements in the order a record reads them: by meeting, then as agreed
    (issue 12 item 4). Opening a citizen read them through a sort of their own, a tenth of
    reading them; the index replaces ``agreements_by_citizen``, whose column it begins with."""
    db.execute("CREATE INDEX agreements_in_order ON agreements(citizen_id, meeting_id, position)")
    db.execute("DROP INDEX agreements_by_citizen")


# New migrations go above this line, in the order they ship (never edit a shipped one).
SCHEMA_VERSION = len(migrations._migrations)
KNOWN_MIGRATIONS = frozenset(m.name for m in migrations._migrations)
