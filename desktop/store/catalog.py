"""Which tables hold the user's data, read from the file's own schema.

Export and delete-everything ask the file rather than keep a list, so a table added by a
later migration is exported and erased without anyone remembering to list it. Left out:
SQLite's own tables (``sqlite_*``), sqlite-utils' record of migrations, the shadow tables
behind a full-text index (the index is rebuilt from the tables it indexes), and virtual
tables (a full-text index holds no data of its own worth exporting; it is emptied on
erase all the same).
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass

from desktop.store import versions

# Erased with everything else but not exported: what the app remembers between runs, the
# outcomes of command-line requests and the journal's search copy (derived from the
# entries, in index form) are not the user's history.
NOT_EXPORTED = frozenset({"app_state", "requests", "journal_search"})
# Kept by delete-everything: the schema versions (the empty file keeps its schema).
INTERNAL = frozenset({versions.TABLE})
# Shadow-table suffixes of FTS3/4/5 and R-Tree, for SQLite older than 3.37 (no table_list).
_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config", "_segments",
                    "_segdir", "_stat", "_node", "_parent", "_rowid")


@dataclass(frozen=True)
class Tables:
    real: tuple[str, ...]  # ordinary tables holding data, in the order they were created
    virtual: tuple[str, ...]  # full-text indexes and other virtual tables

    @property
    def exported(self) -> tuple[str, ...]:
        return tuple(t for t in self.real if t not in NOT_EXPORTED)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _shadow_tables(conn: sqlite3.Connection, virtual: set[str]) -> set[str]:
    try:
        return {name for _schema, name, kind, *_rest in conn.execute("PRAGMA main.table_list")
                if kind == "shadow"}
    except sqlite3.OperationalError:  # SQLite < 3.37
        return {f"{v}{s}" for v in virtual for s in _SHADOW_SUFFIXES}


def tables(conn: sqlite3.Connection) -> Tables:
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                        "ORDER BY rowid").fetchall()
    virtual = [name for name, sql in rows
               if (sql or "").lstrip().upper().startswith("CREATE VIRTUAL")]
    shadow = _shadow_tables(conn, set(virtual))
    real = [name for name, _sql in rows
            if not name.startswith("sqlite_") and name not in INTERNAL
            and name not in shadow and name not in virtual]
    return Tables(real=tuple(real), virtual=tuple(virtual))


def empty_virtual(conn: sqlite3.Connection, name: str) -> None:
    """Empty a full-text index so not even its term lists keep a deleted word.

    FTS5 records a deletion as a marker and keeps the old terms until segments merge, so
    DELETE alone is not enough: 'delete-all' clears an external-content or contentless
    index; an index with its own content is emptied, then rebuilt from nothing."""
    q = quote(name)
    try:
        conn.execute(f"INSERT INTO {q}({q}) VALUES ('delete-all')")
        return
    except sqlite3.DatabaseError:
        pass
    conn.execute(f"DELETE FROM {q}")
    with contextlib.suppress(sqlite3.DatabaseError):  # not FTS: the DELETE was all
        conn.execute(f"INSERT INTO {q}({q}) VALUES ('rebuild')")
