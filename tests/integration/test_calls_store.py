"""The calls table in a real SQLite file: spans only, exported, erased with everything."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop.store import export
from desktop.store.calls import CallLog, StoredCall
from desktop.store.db import open_database
from desktop.store.repository import Store
from desktop.store.timestamps import to_iso

T0 = 1_790_000_000.25


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = open_database(tmp_path / "b.sqlite3")
    return Store(opened.conn, opened.path)


def test_a_call_is_its_span_and_source_and_nothing_else(store: Store) -> None:
    log = CallLog(store)
    call = log.begin(T0, 3600, "pipewire")
    assert log.since(0) == [StoredCall(call, T0, T0, "pipewire")]
    log.extend(call, T0 + 60)
    log.extend(call, T0 + 30)  # a late or clock-skewed report never shortens it
    assert log.since(0) == [StoredCall(call, T0, T0 + 60, "pipewire")]
    columns = [row[1] for row in store.conn.execute("PRAGMA table_info(calls)")]
    assert columns == ["id", "started_utc", "ended_utc", "utc_offset_min", "source"]
    assert store.conn.execute("SELECT utc_offset_min, started_utc FROM calls").fetchone() == (
        60, to_iso(T0))
    store.close()


def test_an_end_before_the_start_is_refused(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO calls (started_utc, ended_utc, utc_offset_min, source)"
                           " VALUES (?, ?, 0, 'x')", (to_iso(T0), to_iso(T0 - 1)))
    store.close()


def test_calls_are_exported_and_erased(store: Store, tmp_path: Path) -> None:
    log = CallLog(store)
    log.extend(log.begin(T0, 0, "pulseaudio"), T0 + 95)
    out = tmp_path / "export.json"
    export.export_json_file(store, out, "now")
    rows = json.loads(out.read_text())["tables"]["calls"]
    assert [(r["started_utc"], r["ended_utc"], r["source"]) for r in rows] == [
        (to_iso(T0), to_iso(T0 + 95), "pulseaudio")]
    csvs = export.export_csv_dir(store, tmp_path / "csv")
    assert (tmp_path / "csv" / "calls.csv") in csvs
    store.delete_everything()
    assert log.since(0) == []
    store.close()


def test_the_span_since_filters_by_end(store: Store) -> None:
    log = CallLog(store)
    old = log.begin(T0 - 7200, 0, "windows")
    log.extend(old, T0 - 7000)
    new = log.begin(T0, 0, "windows")
    assert [c.id for c in log.since(T0 - 6000)] == [new]
    assert [c.id for c in log.since(T0 - 7100)] == [old, new]
    store.close()


def test_a_call_ended_by_sleep_ends_at_the_sleep_in_the_file(store: Store,
                                                             tmp_path: Path) -> None:
    """The watcher refreshes a live call's end each minute and, when the machine goes to
    sleep, sets it to that moment: reopened, the file holds the sleep as its end and the
    night after it holds no call."""
    log = CallLog(store)
    call = log.begin(T0, 0, "pulseaudio")
    log.extend(call, T0 + 60)  # the once-a-minute refresh
    asleep = T0 + 90
    log.extend(call, asleep)
    store.close()
    opened = open_database(tmp_path / "b.sqlite3")
    again = CallLog(Store(opened.conn, opened.path))
    assert again.since(0) == [StoredCall(call, T0, asleep, "pulseaudio")]
    assert again.since(asleep + 1) == []
    assert opened.conn.execute("SELECT ended_utc FROM calls").fetchone() == (to_iso(asleep),)
    again.store.close()
