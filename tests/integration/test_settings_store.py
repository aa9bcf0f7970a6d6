"""Settings, notes and the language peek against a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop.core.clock import FakeClock
from desktop.core.model import Kind, Reason
from desktop.core.settings import SettingError
from desktop.service import Breakwater
from desktop.service.welcome import mark_welcome_shown, welcome_due
from desktop.store.db import open_database
from desktop.store.peek import stored_language
from desktop.store.repository import Store

T0 = 1_790_000_000.5


@pytest.fixture
def service(tmp_path: Path) -> Breakwater:
    opened = open_database(tmp_path / "breakwater.sqlite3")
    return Breakwater.open(Store(opened.conn, opened.path), FakeClock(T0))


def test_a_changed_setting_is_stored_and_computed_with_at_once(service: Breakwater) -> None:
    service.tag(Kind.DIFFICULT)  # load 2.0: not yet 'building' by default (3.0)
    assert service.status().level.value == "calm"
    assert service.change_setting("levels.building_at", 1.5) == 1.5
    assert service.store.raw_settings() == {"levels.building_at": 1.5}
    assert service.tracker.settings is service.settings
    assert service.status().level.value == "building"
    with pytest.raises(SettingError):
        service.change_setting("levels.high_at", 1.0)  # below 'building': refused
    assert service.settings["levels.high_at"] == 6.0  # and nothing changed
    assert service.store.raw_settings() == {"levels.building_at": 1.5}


def test_amending_a_note_severity_and_reason(service: Breakwater) -> None:
    tag = service.tag(Kind.DIFFICULT, note="first").interaction
    service.amend(tag.id, severity=3, reason=Reason.BOUNDARY, note="asked twice")
    assert service.store.note_of(tag.id) == "asked twice"
    assert service.status().load == pytest.approx(3.0)
    row = service.store.conn.execute("SELECT severity, reason FROM interactions").fetchone()
    assert row == (3, "boundary")
    service.amend(tag.id, note="")  # an empty note removes it
    assert service.store.note_of(tag.id) is None
    with pytest.raises(ValueError):  # the documented limit holds here too
        service.amend(tag.id, severity=1, note="x" * 2001)
    assert service.store.conn.execute(
        "SELECT severity FROM interactions WHERE id = ?", (tag.id,)).fetchone() == (3,)
    ordinary = service.tag(Kind.ORDINARY).interaction
    service.amend(ordinary.id, severity=3, note="fine")  # no severity on an ordinary tag
    assert service.store.conn.execute(
        "SELECT severity, note FROM interactions WHERE id = ?", (ordinary.id,)
    ).fetchone() == (None, "fine")


def test_the_welcome_is_remembered_and_erased_with_everything(service: Breakwater) -> None:
    assert welcome_due(service)
    mark_welcome_shown(service)
    assert not welcome_due(service)
    assert json.loads(service.store.get_state("welcome_shown_utc") or "") == (
        "2026-09-21T14:13:20.500000Z")
    service.store.delete_everything()
    assert welcome_due(service)


def test_the_cli_reads_the_language_without_creating_or_changing_the_file(
        tmp_path: Path, service: Breakwater) -> None:
    missing = tmp_path / "nothing" / "breakwater.sqlite3"
    assert stored_language(missing) == "" and not missing.parent.exists()
    assert stored_language(service.store.path) == ""
    service.change_setting("ui.language", "zh_CN")
    assert stored_language(service.store.path) == "zh_CN"
    service.store.conn.execute("UPDATE settings SET value = 'not json' WHERE key = "
                               "'ui.language'")
    service.store.conn.commit()
    assert stored_language(service.store.path) == ""
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database" * 100)
    assert stored_language(garbage) == ""
    assert garbage.read_bytes() == b"this is not a database" * 100
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    assert stored_language(empty) == ""  # no settings table yet


def test_the_peek_creates_nothing_beside_a_closed_file_and_sees_a_live_change(
        tmp_path: Path) -> None:
    opened = open_database(tmp_path / "b.sqlite3")
    store = Store(opened.conn, opened.path)
    store.put_setting("ui.language", "es")
    store.close()  # a clean close leaves no -wal or -shm
    before = sorted(p.name for p in tmp_path.iterdir())
    assert before == ["b.sqlite3"]
    assert stored_language(tmp_path / "b.sqlite3") == "es"
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    opened = open_database(tmp_path / "b.sqlite3")  # the app runs: changes wait in the log
    live = Store(opened.conn, opened.path)
    live.put_setting("ui.language", "zh_CN")
    assert (tmp_path / "b.sqlite3-wal").exists()
    assert stored_language(tmp_path / "b.sqlite3") == "zh_CN"
    live.close()
