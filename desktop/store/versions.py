"""Which schema migrations this Breakwater needs, readable without sqlite-utils.

sqlite-utils ``Migrations`` (desktop/store/schema.py) applies them and records each in
``_sqlite_migrations``. Loading sqlite-utils costs the tray app about 14 MB and 90 ms at
start-up, so opening an up-to-date file checks that table with plain SQL and imports
sqlite-utils only when something is pending. A test keeps this list equal to the
migrations registered in schema.py.
"""

from __future__ import annotations

import sqlite3

MIGRATION_SET = "breakwater"
MIGRATIONS = ("m001_initial", "m002_app_state", "m008_calls", "m007_support",
              "m003_identity", "m005_journal", "m006_history_indexes", "m004_breaks",
              "m009_journal_emoji")
TABLE = "_sqlite_migrations"

# PRAGMA application_id of every Breakwater file ("BRKW"), set by m003_identity, so
# neither Breakwater nor `file` mistakes another program's SQLite file for ours.
APPLICATION_ID = 0x42524B57


def applied(conn: sqlite3.Connection) -> set[str]:
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                          (TABLE,)).fetchone()
    if exists is None:
        return set()
    rows = conn.execute(f"SELECT name FROM {TABLE} WHERE migration_set = ?", (MIGRATION_SET,))
    return {name for (name,) in rows}


def is_current(conn: sqlite3.Connection) -> bool:
    return set(MIGRATIONS) <= applied(conn)


def foreign_reason(conn: sqlite3.Connection) -> str | None:
    """Why the open file is not Breakwater's (None when it is ours, or new and empty).

    Reads the header and the schema only: no write, nothing proportional to the file.
    """
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id == APPLICATION_ID:
        return None
    if app_id != 0:
        return f"application_id {app_id:#x}"
    if conn.execute("PRAGMA user_version").fetchone()[0] != 0:
        return "user_version set"
    names = {name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    if not names:
        return None  # a new (or empty) file: the migrations stamp it
    # A file from before m003_identity: ours when it records Breakwater schema versions
    # and holds only the tables those versions make (rare, once per file: then stamped).
    done = applied(conn)
    if not done or not done <= set(MIGRATIONS):
        return "no Breakwater schema versions"
    from desktop.store.schema import tables_made_by  # loads sqlite-utils

    strangers = names - tables_made_by(done)
    if strangers:
        return "tables " + ", ".join(sorted(strangers))
    return None
