"""Our file carries PRAGMA application_id; another program's SQLite file is refused,
never written into and never moved aside as damaged."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlite_utils import Database, Migrations

from desktop.store import schema, versions
from desktop.store.db import open_database, open_read_only
from desktop.store.errors import ForeignDatabase
from tests.integration.cli_helpers import breakwater


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def other_tables(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Alice', '555-0100')")


def other_app_id(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA application_id = 1234")


def our_tables_but_another_id(conn: sqlite3.Connection) -> None:
    # Someone else's file that happens to have a table called "interactions".
    conn.execute("CREATE TABLE interactions (id INTEGER PRIMARY KEY, at_utc TEXT)")
    conn.execute("PRAGMA application_id = 0x46495245")


def a_user_version(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA user_version = 7")


def a_table_named_like_ours_but_no_migrations(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE settings (key TEXT, value TEXT)")


FOREIGN: list[Callable[[sqlite3.Connection], None]] = [
    other_tables, other_app_id, our_tables_but_another_id, a_user_version,
    a_table_named_like_ours_but_no_migrations]


def make_foreign(path: Path, build: Callable[[sqlite3.Connection], None]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    build(conn)
    conn.close()


@pytest.mark.parametrize("build", FOREIGN, ids=lambda f: f.__name__)
def test_another_programs_file_is_refused_and_left_byte_for_byte(tmp_path: Path, build: Callable[
        [sqlite3.Connection], None]) -> None:
    path = tmp_path / "breakwater.sqlite3"
    make_foreign(path, build)
    before = digest(tmp_path)
    with pytest.raises(ForeignDatabase) as info:
        open_database(path, full_check=True)
    text = info.value.message.render()
    assert str(path) in text and "not Breakwater's" in text
    with pytest.raises(ForeignDatabase):
        open_read_only(path)
    assert digest(tmp_path) == before  # not written, not moved, no WAL left behind


@pytest.mark.parametrize("args", [["tag", "difficult"], ["status"], ["export", "--format", "json"],
                                  ["delete-everything", "--yes"], ["settings", "list"]])
def test_the_command_line_refuses_it_with_one_line(breakwater_home: Path, args: list[str]) -> None:
    make_foreign(breakwater_home / "breakwater.sqlite3", other_tables)
    before = digest(breakwater_home)
    result = breakwater(breakwater_home, *args)
    assert result.returncode == 1, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not Breakwater's" in lines[0] and "Traceback" not in lines[0]
    assert result.stdout == ""
    assert digest(breakwater_home) == before


def test_new_files_are_stamped(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "b.sqlite3")
    assert opened.conn.execute("PRAGMA application_id").fetchone() == (versions.APPLICATION_ID,)
    opened.conn.close()


def file_before_the_stamp(path: Path, upto: str | None = None) -> sqlite3.Connection:
    """A file as Breakwater left it before m003_identity: every migration registered
    before it (or up to and including ``upto``)."""
    earlier = Migrations(versions.MIGRATION_SET)
    for migration in schema.migrations.pending(Database(memory=True)):
        if migration.name == "m003_identity":
            break
        earlier(name=migration.name)(migration.fn)
        if migration.name == upto:
            break
    conn = sqlite3.connect(path)
    earlier.apply(Database(conn))
    return conn


@pytest.mark.parametrize("upto", ["m002_app_state", None])
def test_a_file_from_before_the_stamp_is_adopted_and_stamped(tmp_path: Path,
                                                             upto: str | None) -> None:
    path = tmp_path / "b.sqlite3"
    conn = file_before_the_stamp(path, upto)
    conn.execute("INSERT INTO settings VALUES ('load.default_severity', '3')")
    conn.commit()
    assert conn.execute("PRAGMA application_id").fetchone() == (0,)
    conn.close()
    opened = open_database(path)
    assert opened.conn.execute("PRAGMA application_id").fetchone() == (versions.APPLICATION_ID,)
    assert opened.conn.execute("SELECT value FROM settings").fetchall() == [("3",)]
    assert versions.is_current(opened.conn)
    opened.conn.close()


def test_an_unstamped_file_with_a_table_its_versions_never_made_is_refused(tmp_path: Path
                                                                          ) -> None:
    path = tmp_path / "breakwater.sqlite3"
    conn = file_before_the_stamp(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()
    before = digest(tmp_path)
    with pytest.raises(ForeignDatabase, match="invoices"):
        open_database(path)
    assert digest(tmp_path) == before
