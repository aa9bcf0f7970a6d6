"""delete-everything leaves no deleted text anywhere in the data folder, and covers every
table in the file's schema, including tables added after this code was written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop.store.db import open_database
from desktop.store.errors import EraseIncomplete
from desktop.store.repository import Store
from tests.integration.cli_helpers import breakwater

MARKER = "zqxmarker"


def files_with(folder: Path, marker: str = MARKER) -> list[str]:
    """Every file in the folder whose raw bytes contain ``marker`` (any letter case)."""
    needle = marker.encode()
    return sorted(p.name for p in folder.rglob("*")
                  if p.is_file() and needle in p.read_bytes().lower())


def add_later_tables(path: Path) -> None:
    """What another engineer's migration might add: a journal with a full-text index kept
    by triggers (external content, FTS5's usual design) and a plain table."""
    conn = sqlite3.connect(path, isolation_level=None)
    for sql in (
        "CREATE TABLE later_entries (id INTEGER PRIMARY KEY, at_utc TEXT, body TEXT)",
        "CREATE VIRTUAL TABLE later_fts USING fts5(body, content='later_entries', "
        "content_rowid='id')",
        "CREATE TRIGGER later_ai AFTER INSERT ON later_entries BEGIN INSERT INTO "
        "later_fts(rowid, body) VALUES (new.id, new.body); END",
        "CREATE TRIGGER later_ad AFTER DELETE ON later_entries BEGIN INSERT INTO "
        "later_fts(later_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
        "CREATE TABLE later_checks (id INTEGER PRIMARY KEY, week TEXT, comment TEXT)",
        "CREATE VIRTUAL TABLE later_phrases_fts USING fts5(text)",  # an index with its own content
    ):
        conn.execute(sql)
    for i in range(50):
        conn.execute("INSERT INTO later_entries (at_utc, body) VALUES (?, ?)",
                     ("2026-11-20T10:00:00.000000Z", f"{MARKER} entry {i} " + "words " * 40))
    conn.execute("INSERT INTO later_checks (week, comment) VALUES ('2026-W47', ?)",
                 (f"{MARKER} tired",))
    conn.execute("INSERT INTO later_phrases_fts (text) VALUES (?)", (f"{MARKER} phrase",))
    conn.close()


def test_delete_everything_leaves_no_byte_of_a_note_in_the_folder(breakwater_home: Path) -> None:
    for i in range(8):
        assert breakwater(breakwater_home, "tag", "difficult", "--note",
                          f"{MARKER} number {i} " + "x" * 100).returncode == 0
    # What an older run may have left: log lines, a rotated log, a damaged copy.
    (breakwater_home / "breakwater.log").write_text(f"INFO request {MARKER}\n")
    (breakwater_home / "breakwater.log.1").write_text(f"INFO request {MARKER}\n")
    db = breakwater_home / "breakwater.sqlite3"
    (breakwater_home / "breakwater.damaged-20260101T000000Z.sqlite3").write_bytes(
        db.read_bytes())
    assert files_with(breakwater_home)  # the test can see the marker when it is there

    result = breakwater(breakwater_home, "delete-everything", "--yes")
    assert result.returncode == 0, result.stderr
    assert files_with(breakwater_home) == []
    assert breakwater(breakwater_home, "status").returncode == 0  # and the file still works


def test_tables_added_later_are_exported_and_erased(breakwater_home: Path) -> None:
    assert breakwater(breakwater_home, "tag", "difficult", "--note", MARKER).returncode == 0
    db = breakwater_home / "breakwater.sqlite3"
    add_later_tables(db)
    store = Store(open_database(db).conn, db)
    store.put_state("nudges", json.dumps({"note": MARKER}))
    store.close()

    exported = json.loads(breakwater(breakwater_home, "export", "--format", "json").stdout)
    tables = exported["tables"]
    assert {"later_entries", "later_checks"} <= set(tables)
    assert len(tables["later_entries"]) == 50
    assert tables["later_checks"][0]["comment"] == f"{MARKER} tired"
    # Not exported: the index (it holds nothing of its own), its shadow tables, the
    # app's memory between runs, request outcomes and schema versions.
    assert not {"later_fts", "later_fts_data", "later_phrases_fts", "app_state", "requests",
                "_sqlite_migrations"} & set(tables)
    csv_sections = breakwater(breakwater_home, "export", "--format", "csv").stdout
    assert "# table: later_entries" in csv_sections and "# table: later_checks" in csv_sections

    assert breakwater(breakwater_home, "delete-everything", "--yes").returncode == 0
    assert files_with(breakwater_home) == []
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM later_fts WHERE later_fts MATCH ?",
                        (MARKER,)).fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM app_state").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] >= 3
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_an_open_reader_is_reported_not_hidden(tmp_path: Path) -> None:
    db = tmp_path / "breakwater.sqlite3"
    store = Store(open_database(db).conn, db)
    store.put_state("nudges", MARKER)
    reader = sqlite3.connect(db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM app_state").fetchone()  # holds a read snapshot
    with pytest.raises(EraseIncomplete) as info:
        store.delete_everything()
    assert "Close that program" in info.value.message.render()
    reader.execute("COMMIT")
    reader.close()
    assert store.get_state("nudges") is None  # the rows are gone all the same
    store.delete_everything()  # and once the reader has gone, the bytes too
    assert files_with(tmp_path) == []
    store.close()
