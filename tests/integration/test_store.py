"""The SQLite file: permissions, migrations, round trips, damage and lock handling."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlite_utils import Database, Migrations

from desktop.core.breaks import Finished, Outcome
from desktop.core.clock import FakeClock
from desktop.core.model import Kind, Reason, RecoveryKind
from desktop.core.settings import Settings
from desktop.service import Breakwater, handle_request
from desktop.store import schema, versions
from desktop.store.breaks import BreakRows
from desktop.store.db import open_database
from desktop.store.errors import CorruptDatabase, DatabaseLocked, DiskFull
from desktop.store.repository import Store
from desktop.store.schema import migrations
from desktop.store.timestamps import from_iso, to_iso

T0 = 1_790_000_000.5


def open_store(path: Path) -> Store:
    opened = open_database(path)
    assert opened.warnings == []
    return Store(opened.conn, opened.path)


def test_file_and_folder_are_private(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "breakwater.sqlite3"
    store = open_store(path)
    store.add_interaction(Kind.DIFFICULT, T0, 0, 2)
    for p in [path, Path(str(path) + "-wal")]:
        assert stat.S_IMODE(os.stat(p).st_mode) == 0o600, p
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    store.close()


def test_wal_and_migrations_recorded(tmp_path: Path) -> None:
    store = open_store(tmp_path / "b.sqlite3")
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db = Database(store.conn)
    assert migrations.pending(db) == []
    names = [m.name for m in migrations.applied(db)]
    assert names == list(versions.MIGRATIONS)
    assert names[:5] == ["m001_initial", "m002_app_state", "m008_calls", "m007_support",
                         "m003_identity"]  # applied files keep their order
    assert versions.is_current(store.conn)
    store.close()
    again = open_store(tmp_path / "b.sqlite3")  # reopening applies nothing twice
    assert [m.name for m in migrations.applied(Database(again.conn))] == names
    again.close()


def test_the_fast_schema_check_knows_every_registered_migration() -> None:
    # versions.MIGRATIONS lets an up-to-date file open without loading sqlite-utils;
    # a migration added to schema.py but not listed there would never be applied.
    assert [m.name for m in migrations._migrations] == list(versions.MIGRATIONS)


def test_a_file_from_the_first_version_is_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite3"
    first = Migrations(versions.MIGRATION_SET)
    first()(schema.m001_initial)  # the schema as the first release left it
    conn = sqlite3.connect(path)
    first.apply(Database(conn))
    conn.execute("INSERT INTO interactions (at_utc, utc_offset_min, kind, severity, source) "
                 "VALUES ('2026-11-20T10:00:00.000000Z', 60, 'difficult', 3, 'hotkey')")
    conn.commit()
    assert not versions.is_current(conn)
    conn.close()
    store = open_store(path)
    assert versions.is_current(store.conn)
    assert store.conn.execute("SELECT kind, severity FROM interactions").fetchall() == [
        ("difficult", 3)]
    store.put_state("nudges", '{"paused_until": 5}')
    assert store.get_state("nudges") == '{"paused_until": 5}'
    store.delete_everything()
    assert store.get_state("nudges") is None
    store.close()


@pytest.mark.parametrize(("stored", "kept"), [
    ({}, {}),
    ({"levels.high_at": "2.5"}, {"levels.building_at": 2.0, "levels.high_at": 2.5}),
    ({"levels.high_at": "5"}, {"levels.high_at": 5.0}),
    ({"levels.building_at": "2", "levels.high_at": "4"},  # the old defaults, stored
     {"levels.building_at": 2.0, "levels.high_at": 4.0}),
    ({"levels.building_at": "1.5"}, {"levels.building_at": 1.5}),
])
def test_levels_a_user_stored_keep_their_meaning_under_the_new_defaults(
        tmp_path: Path, stored: dict[str, str], kept: dict[str, float]) -> None:
    path = tmp_path / "b.sqlite3"
    before = Migrations(versions.MIGRATION_SET)
    before()(schema.m001_initial)
    before()(schema.m002_app_state)
    conn = sqlite3.connect(path)
    before.apply(Database(conn))
    conn.executemany("INSERT INTO settings (key, value) VALUES (?, ?)", stored.items())
    conn.commit()
    conn.close()
    store = open_store(path)
    settings, warnings = Settings.load(store.raw_settings())
    assert warnings == []
    assert {k: settings[k] for k in kept} == kept
    assert set(store.raw_settings()) == set(kept)  # nothing else was written
    if not kept:
        assert (settings["levels.building_at"], settings["levels.high_at"]) == (3.0, 6.0)
    store.close()


def test_an_empty_sqlite_file_is_adopted_and_stamped(tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite3"
    sqlite3.connect(path).close()  # a valid SQLite file with nothing in it
    store = open_store(path)
    assert versions.is_current(store.conn)
    assert store.conn.execute("PRAGMA application_id").fetchone() == (versions.APPLICATION_ID,)
    assert store.conn.execute("SELECT count(*) FROM settings").fetchone() == (0,)
    store.close()


def test_timestamps_are_utc_text_with_the_local_offset(tmp_path: Path) -> None:
    store = open_store(tmp_path / "b.sqlite3")
    tag = store.add_interaction(Kind.DIFFICULT, T0, -5 * 3600, 3, Reason.ABUSIVE, "shouting")
    row = store.conn.execute(
        "SELECT at_utc, utc_offset_min, kind, severity, reason, note FROM interactions").fetchone()
    assert row == (to_iso(T0), -300, "difficult", 3, "abusive", "shouting")
    assert row[0].endswith("Z") and from_iso(row[0]) == pytest.approx(T0, abs=1e-6)
    assert tag.at == pytest.approx(T0, abs=1e-6)
    store.close()


def test_schema_refuses_impossible_rows(tmp_path: Path) -> None:
    store = open_store(tmp_path / "b.sqlite3")
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO interactions (at_utc, utc_offset_min, kind, severity)"
                              " VALUES ('x', 0, 'difficult', 7)")
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO interactions (at_utc, utc_offset_min, kind, reason)"
                              " VALUES ('x', 0, 'ordinary', 'abusive')")
    store.close()


def test_undo_marks_the_latest_counting_tag(tmp_path: Path) -> None:
    store = open_store(tmp_path / "b.sqlite3")
    first = store.add_interaction(Kind.DIFFICULT, T0, 0, 2)
    second = store.add_interaction(Kind.ORDINARY, T0 + 1, 0)
    assert store.undo_last(T0 + 2) == second.__class__(
        second.id, second.at, Kind.ORDINARY, 0, None, undone=True, offset=0)
    undone = store.undo_last(T0 + 3)
    assert undone is not None and undone.id == first.id
    assert store.undo_last(T0 + 4) is None
    assert store.interaction_count() == 2  # kept, marked undone
    assert all(t.undone for t in store.interactions_since(0))
    store.close()


def test_recoveries_come_back_for_the_model(tmp_path: Path) -> None:
    store = open_store(tmp_path / "b.sqlite3")
    BreakRows(store).add(Finished(T0, T0 + 300, Outcome.TAKEN, 300, None), 0)
    BreakRows(store).add(Finished(T0 + 400, T0 + 400, Outcome.SKIPPED, 300, None), 0)
    store.add_breathing(started=T0 + 500, ended=T0 + 560, offset=0, pattern="cyclic-sigh",
                        planned_seconds=60, actual_seconds=60, completed=True,
                        rating_before=6, rating_after=3)
    # Paused half-way for eight minutes: only the 40 s breathed, at the end, is recovery.
    store.add_breathing(started=T0 + 1000, ended=T0 + 1520, offset=0, pattern="box",
                        planned_seconds=64, actual_seconds=40, completed=False)
    got = [(r.kind, r.start - T0, r.end - T0) for r in store.recoveries_since(T0 - 1)]
    assert got == [(RecoveryKind.BREAK, 0, 300), (RecoveryKind.BREATHING, 500, 560),
                   (RecoveryKind.BREATHING, 1480, 1520)]
    store.close()


def test_the_after_rating_is_added_to_a_stored_session(tmp_path: Path) -> None:
    store = open_store(tmp_path / "b.sqlite3")
    app = Breakwater.open(store, FakeClock(T0))
    row = app.record_breathing(started=T0, ended=T0 + 60, pattern="resonance",
                               planned_seconds=55, actual_seconds=55, completed=True,
                               rating_before=8, rating_after=None)
    app.rate_breathing(row, 5)
    with pytest.raises(ValueError, match="0 to 10"):
        app.rate_breathing(row, 11)
    assert store.conn.execute(
        "SELECT rating_before, rating_after FROM breathing_sessions").fetchall() == [(8, 5)]
    store.close()


def test_damaged_file_is_moved_aside_and_a_fresh_one_started(tmp_path: Path) -> None:
    path = tmp_path / "breakwater.sqlite3"
    path.write_bytes(b"this is not a database" * 500)
    opened = open_database(path)
    assert len(opened.warnings) == 1
    text = opened.warnings[0].render()
    moved = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(moved) == 1 and str(moved[0]) in text
    assert moved[0].read_bytes().startswith(b"this is not a database")  # nothing lost
    assert "interactions" in Database(opened.conn).table_names()
    opened.conn.close()


def test_damaged_pages_are_detected(tmp_path: Path) -> None:
    path = tmp_path / "breakwater.sqlite3"
    store = open_store(path)
    for i in range(300):
        store.add_interaction(Kind.DIFFICULT, T0 + i, 0, 2, note="x" * 200)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    for i in range(4096 * 3, 4096 * 6):  # scribble over some b-tree pages
        data[i] = 0xA5
    path.write_bytes(bytes(data))
    # A command-line open reads only the header and schema: no cost per megabyte, and
    # the damage shows when a read reaches it, as a clear error; nothing is moved.
    quick = Store(open_database(path).conn, path)
    with pytest.raises(CorruptDatabase) as info:
        quick.interactions_since(0)
    assert "damaged" in info.value.message.render() and path.exists()
    quick.close()
    # The tray app's start reads every page, and moves the damaged file aside.
    opened = open_database(path, full_check=True)
    assert opened.warnings and "damaged" in opened.warnings[0].render()
    assert len(list(tmp_path.glob("breakwater.damaged-*.sqlite3"))) == 1
    opened.conn.close()


def test_locked_database_gives_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite3"
    store = Store(open_database(path, busy_timeout=0.2).conn, path)
    blocker = sqlite3.connect(str(path), isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    with pytest.raises(DatabaseLocked) as info:
        store.add_interaction(Kind.DIFFICULT, T0, 0, 2)
    assert str(path) in info.value.message.render()
    blocker.execute("ROLLBACK")
    blocker.close()
    assert store.interaction_count() == 0
    store.close()


def test_full_disk_gives_a_clear_error_and_keeps_earlier_rows(tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite3"
    store = open_store(path)
    store.add_interaction(Kind.DIFFICULT, T0, 0, 2)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")  # simulates a full disk
    with pytest.raises(DiskFull) as info:
        for i in range(2000):
            store.add_interaction(Kind.DIFFICULT, T0 + i, 0, 2, note="y" * 500)
    assert "full" in info.value.message.render()
    count = store.interaction_count()
    assert count >= 1
    store.close()
    reopened = open_store(path)
    assert reopened.interaction_count() == count
    assert reopened.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reopened.close()


def test_bad_stored_setting_falls_back_with_a_warning(tmp_path: Path) -> None:
    store = open_store(tmp_path / "b.sqlite3")
    store.conn.execute("INSERT INTO settings VALUES ('load.half_life_minutes', '\"soon\"')")
    store.conn.execute("INSERT INTO settings VALUES ('nudges.cooldown_minutes', '20')")
    app = Breakwater.open(store, FakeClock(T0))
    assert app.settings["load.half_life_minutes"] == 30.0
    assert app.settings["nudges.cooldown_minutes"] == 20.0
    assert len(app.warnings) == 1 and "load.half_life_minutes" in app.warnings[0].render()
    store.close()


def test_service_tag_undo_status_round_trip(tmp_path: Path) -> None:
    store = open_store(tmp_path / "b.sqlite3")
    clock = FakeClock(T0)
    app = Breakwater.open(store, clock)
    for _ in range(3):
        reply = handle_request(app, {"cmd": "tag", "kind": "difficult"})
        assert reply["ok"] is True
        clock.advance(60)
    status = handle_request(app, {"cmd": "status"})["status"]
    # Three medium calls a minute apart: load 5.9 and a streak of 3, "building".
    assert status["streak"] == 3 and status["level"] == "building"
    assert status["break"] is None and status["idle"] == {"available": False, "source": None}
    before_undo = {k: v for k, v in status.items() if k not in ("break", "idle")}
    handle_request(app, {"cmd": "tag", "kind": "ordinary"})
    assert handle_request(app, {"cmd": "status"})["status"]["streak"] == 0
    undo = handle_request(app, {"cmd": "undo"})
    assert undo["undone"]["kind"] == "ordinary"
    assert undo["status"] == before_undo
    # A second process sees the same state from the file alone.
    fresh = Breakwater.open(Store(open_database(tmp_path / "b.sqlite3").conn, store.path), clock)
    assert fresh.status().as_dict() == before_undo
    store.close()


def test_invalid_requests_are_refused_without_writing(tmp_path: Path) -> None:
    store = open_store(tmp_path / "b.sqlite3")
    app = Breakwater.open(store, FakeClock(T0))
    for payload in ({"cmd": "tag", "kind": "weird"}, {"cmd": "tag", "kind": "difficult",
                    "severity": 9}, {"cmd": "tag", "kind": "difficult", "reason": "bored"},
                    {"cmd": "explode"}):
        assert handle_request(app, payload)["ok"] is False
    assert store.interaction_count() == 0
    store.close()


def test_settings_change_reaches_the_model(tmp_path: Path) -> None:
    store = open_store(tmp_path / "b.sqlite3")
    app = Breakwater.open(store, FakeClock(T0))
    app.set_setting("load.default_severity", "3")
    assert app.tag(Kind.DIFFICULT).interaction.severity == 3
    assert Settings.load(store.raw_settings())[0]["load.default_severity"] == 3
    store.close()


def test_a_breathing_session_is_stored_and_lowers_load(tmp_path: Path) -> None:
    store = open_store(tmp_path / "b.sqlite3")
    clock = FakeClock(T0)
    app = Breakwater.open(store, clock)
    app.tag(Kind.DIFFICULT)
    app.tag(Kind.DIFFICULT)
    clock.advance(600)
    before = app.status().load
    start = clock.now()
    clock.advance(60)
    app.record_breathing(started=start, ended=clock.now(), pattern="cyclic-sigh",
                         planned_seconds=60, actual_seconds=60, completed=True,
                         rating_before=7, rating_after=4)
    after = app.status().load
    # Ordinary decay for a minute plus the breathing half-life (2 min) over that minute.
    assert after == pytest.approx(before * 2 ** (-60 / 1800) * 2 ** (-60 / 120 + 60 / 1800))
    row = store.conn.execute(
        "SELECT pattern, planned_seconds, actual_seconds, completed, rating_before, rating_after"
        " FROM breathing_sessions").fetchone()
    assert row == ("cyclic-sigh", 60.0, 60.0, 1, 7, 4)
    # A fresh process computes the same load from the file.
    fresh = Breakwater.open(Store(open_database(tmp_path / "b.sqlite3").conn, store.path), clock)
    assert fresh.status().load == pytest.approx(after)
    store.close()


def test_a_store_opened_read_only_refuses_every_write_with_its_reason(tmp_path: Path) -> None:
    from desktop.core.text import N_, Message
    from desktop.store.db import open_read_only
    from desktop.store.errors import StoreError

    path = tmp_path / "breakwater.sqlite3"
    open_store(path).close()
    opened = open_read_only(path)
    why = Message(N_("Breakwater cannot write to its folder {path} ({detail}). Only what "
                     "reads works there: status, export, lists, searches and History."),
                  {"path": str(tmp_path), "detail": "Read-only file system"})
    store = Store(opened.conn, opened.path, read_only=why)
    app = Breakwater.open(store, FakeClock(T0))
    assert handle_request(app, {"cmd": "status"})["ok"]
    for write in ({"cmd": "tag", "kind": "difficult"}, {"cmd": "journal.add", "text": "x"},
                  {"cmd": "contacts.add", "name": "Ana", "reach": "", "note": ""}):
        reply = handle_request(app, write)
        assert reply == {"ok": False, "error": why.render()}, write
    with pytest.raises(StoreError) as raised:
        store.put_state("k", "1")
    assert raised.value.message is why
    store.close()
