"""The database schema, as an ordered list of migrations (sqlite-utils ``Migrations``).

Never edit a migration that has shipped: add a new one. ``SCHEMA_VERSION`` is the number of
migrations; it is written to ``PRAGMA user_version`` so a newer file can be recognised cheaply.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from trappe.model.collation import danish_key_sql, search_key

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


@migrations(name="0004_s09_audit_chain")
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


# New migrations go above this line, in the order they ship (never edit a shipped one).
SCHEMA_VERSION = len(migrations._migrations)
KNOWN_MIGRATIONS = frozenset(m.name for m in migrations._migrations)
