"""The command line as a user runs it: real processes, a real SQLite file."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from desktop.store.timestamps import from_iso
from tests.integration.cli_helpers import breakwater, status


def test_three_difficult_tags_give_streak_three_and_the_model_load(breakwater_home: Path) -> None:
    for _ in range(3):
        result = breakwater(breakwater_home, "tag", "difficult")
        assert result.returncode == 0, result.stderr
        assert "Recorded a difficult interaction (severity 2)" in result.stdout
    data = status(breakwater_home)
    assert data["streak"] == 3
    assert data["level"] == "high"
    assert data["today"] == {"difficult": 3, "ordinary": 0}
    assert data["running"] is False
    # Recompute load from the stored rows with PRODUCT.md's formula.
    db = sqlite3.connect(breakwater_home / "breakwater.sqlite3")
    times = [from_iso(r[0]) for r in db.execute("SELECT at_utc FROM interactions")]
    db.close()
    latest = max(times)
    upper = sum(2 * 2 ** (-(latest - t) / 1800) for t in times)
    assert isinstance(data["load"], float)
    # status ran a moment after the last tag; load can only have decayed a little since.
    assert upper * 2 ** (-60 / 1800) <= data["load"] <= upper + 1e-9


def test_tag_options_are_stored(breakwater_home: Path) -> None:
    result = breakwater(breakwater_home, "tag", "difficult", "--severity", "3", "--reason",
                        "boundary", "--note", "asked for my address")
    assert result.returncode == 0, result.stderr
    assert breakwater(breakwater_home, "tag", "ordinary").returncode == 0
    db = sqlite3.connect(breakwater_home / "breakwater.sqlite3")
    rows = db.execute(
        "SELECT kind, severity, reason, note FROM interactions ORDER BY id").fetchall()
    db.close()
    assert rows == [("difficult", 3, "boundary", "asked for my address"),
                    ("ordinary", None, None, None)]
    assert status(breakwater_home)["streak"] == 0


def test_undo_keeps_the_row_marked_undone(breakwater_home: Path) -> None:
    breakwater(breakwater_home, "tag", "difficult")
    before = status(breakwater_home)
    breakwater(breakwater_home, "tag", "difficult", "--severity", "3")
    result = breakwater(breakwater_home, "undo")
    assert result.returncode == 0 and "Undid the difficult interaction" in result.stdout
    after = status(breakwater_home)
    assert after["streak"] == before["streak"] == 1
    assert after["today"] == before["today"]
    db = sqlite3.connect(breakwater_home / "breakwater.sqlite3")
    assert db.execute("SELECT count(*) FROM interactions WHERE undone_at_utc IS NOT NULL"
                      ).fetchone() == (1,)
    db.close()
    assert "Undid" in breakwater(breakwater_home, "undo").stdout
    last = breakwater(breakwater_home, "undo")
    assert last.returncode == 0 and "Nothing to undo" in last.stdout


@pytest.mark.parametrize("args", [
    ["frobnicate"], ["tag"], ["tag", "angry"], ["tag", "difficult", "--severity", "5"],
    ["tag", "difficult", "--severity", "two"], ["tag", "difficult", "--reason", "bored"],
    ["export"], ["export", "--format", "xml"], ["status", "--verbose"],
    ["settings", "set", "load.half_life_minutes", "-1"], ["settings", "get"],
    ["settings", "set", "no.such.key", "1"], ["breathe", "--pattern", "slow"],
    ["breathe", "--minutes", "2"], ["breathe", "--minutes", "one"],
    ["settings", "set", "hotkeys.ordinary", "<ctrl>+<alt>+h"],  # Difficult's already
    ["settings", "set", "hotkeys.amend", "<shift>+j"],  # Shift alone takes a capital J
    ["settings", "load.half_life_minutes"],
])
def test_bad_input_is_one_line_on_stderr_and_exit_2(breakwater_home: Path, args: list[str]
                                                   ) -> None:
    result = breakwater(breakwater_home, *args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("breakwater")
    assert "Traceback" not in result.stderr


def test_nothing_is_written_by_a_refused_command(breakwater_home: Path) -> None:
    breakwater(breakwater_home, "tag", "difficult", "--severity", "9")
    db_file = breakwater_home / "breakwater.sqlite3"
    assert not db_file.exists() or sqlite3.connect(db_file).execute(
        "SELECT count(*) FROM interactions").fetchone() == (0,)


def test_help_and_version(breakwater_home: Path) -> None:
    for args in (["--help"], ["tag", "--help"], ["tag", "difficult", "--help"], ["undo", "--help"],
                 ["status", "--help"], ["export", "--help"], ["settings", "--help"]):
        result = breakwater(breakwater_home, *args)
        assert result.returncode == 0 and "usage: breakwater" in result.stdout, args
    version = breakwater(breakwater_home, "--version")
    assert version.returncode == 0 and version.stdout.startswith("breakwater 0.")


def test_export_json_and_csv(breakwater_home: Path, tmp_path: Path) -> None:
    breakwater(breakwater_home, "tag", "difficult", "--reason", "abusive", "--note", "a, \"b\"")
    breakwater(breakwater_home, "tag", "ordinary")
    result = breakwater(breakwater_home, "export", "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["format"] == "breakwater-export"
    assert set(doc["tables"]) == {"interactions", "breaks", "breathing_sessions", "nudges",
                                  "settings", "calls", "checkins", "checkin_answers",
                                  "contacts", "phrases", "hidden_default_phrases",
                                  "journal_entries", "journal_links", "journal_drafts"}
    assert [r["kind"] for r in doc["tables"]["interactions"]] == ["difficult", "ordinary"]
    assert doc["tables"]["interactions"][0]["note"] == 'a, "b"'

    out = tmp_path / "export.json"
    assert breakwater(breakwater_home, "export", "--format", "json", "--out", str(out)
                      ).returncode == 0
    assert json.loads(out.read_text())["tables"] == doc["tables"]
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600

    folder = tmp_path / "csv"
    assert breakwater(breakwater_home, "export", "--format", "csv", "--out", str(folder)
                      ).returncode == 0
    with open(folder / "interactions.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["kind"] for r in rows] == ["difficult", "ordinary"] and rows[0]["note"] == 'a, "b"'

    stream = breakwater(breakwater_home, "export", "--format", "csv").stdout
    sections = stream.split("# table: ")[1:]
    assert [s.splitlines()[0] for s in sections] == [
        "interactions", "breaks", "breathing_sessions", "nudges", "settings", "calls",
        "checkins", "checkin_answers", "contacts", "phrases", "hidden_default_phrases",
        "journal_entries", "journal_links", "journal_drafts"]
    first = [r for r in csv.reader(io.StringIO(sections[0].split("\n", 1)[1])) if r]
    assert first[0][:3] == ["id", "at_utc", "utc_offset_min"] and len(first) == 3


def test_settings_set_get_reset(breakwater_home: Path) -> None:
    assert breakwater(breakwater_home, "settings", "set", "nudges.cooldown_minutes", "20"
                      ).returncode == 0
    assert breakwater(breakwater_home, "settings", "get", "nudges.cooldown_minutes"
                      ).stdout.strip() == "20.0"
    listing = breakwater(breakwater_home, "settings", "list").stdout
    assert "nudges.cooldown_minutes = 20.0" in listing and "load.half_life_minutes" in listing
    assert breakwater(breakwater_home, "settings", "reset", "nudges.cooldown_minutes"
                      ).stdout.strip() == "nudges.cooldown_minutes = 15.0"


def test_settings_show_text_in_its_own_letters_and_hotkeys_in_one_spelling(
        breakwater_home: Path) -> None:
    shown = breakwater(breakwater_home, "settings", "set", "calls.apps", "Zoë,软电话")
    assert shown.stdout == 'calls.apps = "Zoë,软电话"\n'  # not "Zo\u00eb,..."
    got = breakwater(breakwater_home, "settings", "get", "calls.apps")
    assert got.stdout == '"Zoë,软电话"\n'
    listed = breakwater(breakwater_home, "settings", "list", PYTHONIOENCODING="ascii")
    assert listed.returncode == 0 and 'calls.apps = "Zo?,???"' in listed.stdout
    # The form people read in the window and README is accepted, stored in one spelling.
    hotkey = breakwater(breakwater_home, "settings", "set", "hotkeys.difficult", "Alt+Ctrl+K")
    assert hotkey.stdout == 'hotkeys.difficult = "<ctrl>+<alt>+k"\n'


def test_a_clash_between_settings_names_the_key_being_set(breakwater_home: Path) -> None:
    result = breakwater(breakwater_home, "settings", "set", "levels.building_at", "7")
    assert result.returncode == 2
    assert result.stderr.strip() == ("breakwater settings: levels.building_at: "
                                     "must be less than levels.high_at (6.0)")
    result = breakwater(breakwater_home, "settings", "set", "hotkeys.amend", "<ctrl>+<alt>+g")
    assert result.stderr.strip() == ("breakwater settings: hotkeys.amend: "
                                     "hotkeys.ordinary already uses Ctrl+Alt+G")


def test_bad_stored_setting_warns_and_uses_default(breakwater_home: Path) -> None:
    assert breakwater(breakwater_home, "status").returncode == 0
    db = sqlite3.connect(breakwater_home / "breakwater.sqlite3")
    db.execute("INSERT INTO settings VALUES ('levels.high_at', '\"lots\"')")
    db.commit()
    db.close()
    result = breakwater(breakwater_home, "tag", "difficult")
    assert result.returncode == 0
    assert "levels.high_at" in result.stderr and "warning" in result.stderr


def test_corrupt_database_is_moved_aside_and_the_user_told(breakwater_home: Path) -> None:
    db_file = breakwater_home / "breakwater.sqlite3"
    db_file.write_bytes(b"\x00garbage" * 1000)
    result = breakwater(breakwater_home, "tag", "difficult")
    assert result.returncode == 0, result.stderr
    moved = [p for p in breakwater_home.iterdir() if ".damaged-" in p.name]
    assert len(moved) == 1 and str(moved[0]) in result.stderr
    assert status(breakwater_home)["today"] == {"difficult": 1, "ordinary": 0}


def test_locked_database_fails_clearly_after_a_brief_retry(breakwater_home: Path) -> None:
    assert breakwater(breakwater_home, "status").returncode == 0
    blocker = sqlite3.connect(breakwater_home / "breakwater.sqlite3", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        result = breakwater(breakwater_home, "tag", "difficult")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert result.returncode == 1
    assert "locked" in result.stderr and "Nothing was changed" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert status(breakwater_home)["today"] == {"difficult": 0, "ordinary": 0}


def test_status_says_calls_are_not_watched_without_the_tray_app(breakwater_home: Path) -> None:
    data = status(breakwater_home)
    assert data["in_call"] is False
    assert data["calls"] == {"available": False, "source": None, "off": None}


def test_delete_everything_needs_confirmation(breakwater_home: Path) -> None:
    breakwater(breakwater_home, "tag", "difficult")
    refused = breakwater(breakwater_home, "delete-everything")
    assert refused.returncode == 2 and status(breakwater_home)["today"]["difficult"] == 1
    assert breakwater(breakwater_home, "delete-everything", "--yes").returncode == 0
    assert status(breakwater_home)["today"]["difficult"] == 0


def test_spanish_and_chinese_output(breakwater_home: Path) -> None:
    es = breakwater(breakwater_home, "tag", "difficult", LANGUAGE="es")
    assert es.returncode == 0 and "Se registró" in es.stdout, es.stdout
    zh = breakwater(breakwater_home, "status", LANGUAGE="zh_CN")
    assert zh.returncode == 0 and "负荷" in zh.stdout, zh.stdout
