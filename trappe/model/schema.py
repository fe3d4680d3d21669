"""The database schema, as an ordered list of migrations (sqlite-utils ``Migrations``).

Never edit a migration that has shipped: add a new one. ``SCHEMA_VERSION`` is the number of
migrations; it is written to ``PRAGMA user_version`` so a newer file can be recognised cheaply.
"""

from __future__ import annotations

import re
import unicodedata

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

APPLICATION_ID = 0x54525050  # "TRPP": marks a file as a Trappe database
MIGRATION_SET = "trappe"

migrations = Migrations(MIGRATION_SET)

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


def search_text(name: str, identifier: str | None) -> str:
    """The text a search matches against: name and identifier, casefolded, without dashes."""
    ident = (identifier or "").replace("-", "")
    return unicodedata.normalize("NFC", f"{name} {ident}").casefold()


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


@migrations(name="0004_s11b_close_reasons")
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


@migrations(name="0005_s11b_meeting_intervals")
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


# New migrations go above this line, in the order they ship (never edit a shipped one).
SCHEMA_VERSION = len(migrations._migrations)
KNOWN_MIGRATIONS = frozenset(m.name for m in migrations._migrations)
