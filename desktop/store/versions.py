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
MIGRATIONS = ("m001_initial", "m002_app_state", "m008_calls", "m007_support")
TABLE = "_sqlite_migrations"


def applied(conn: sqlite3.Connection) -> set[str]:
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                          (TABLE,)).fetchone()
    if exists is None:
        return set()
    rows = conn.execute(f"SELECT name FROM {TABLE} WHERE migration_set = ?", (MIGRATION_SET,))
    return {name for (name,) in rows}


def is_current(conn: sqlite3.Connection) -> bool:
    return set(MIGRATIONS) <= applied(conn)
