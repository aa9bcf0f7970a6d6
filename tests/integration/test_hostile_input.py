"""Hostile text through the command line, on the file directly and through the running
app's socket: control characters are not kept and never reach the terminal raw, text of
nothing visible is refused, overlong names are refused, and what is kept reads back
exactly (emoji, combining marks, right-to-left text, Chinese)."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.contacts import NAME_MAX_CHARS
from tests.integration.app_process import offscreen_app
from tests.integration.cli_helpers import breakwater, cli_env

ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b[31m"
WORDS = "Hoy fue difícil 😀 e\u0301 שלום مرحبا 今天的电话很难"


@pytest.fixture(params=["file", "app"])
def home(request: pytest.FixtureRequest, breakwater_home: Path) -> Iterator[Path]:
    """The same commands with no app running and with the tray app answering them."""
    if request.param == "file":
        yield breakwater_home
        return
    with offscreen_app(breakwater_home):
        yield breakwater_home


def ok(home: Path, *args: str) -> str:
    result = breakwater(home, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def stored(home: Path, sql: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(home / "breakwater.sqlite3")
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def pipe(home: Path, text: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "desktop", *args], input=text,
                          env=cli_env(home), capture_output=True, timeout=60)


def test_journal_text_keeps_its_words_but_no_control_characters(home: Path) -> None:
    ok(home, "journal", "add", f"{WORDS} {ESCAPES}end")
    added = pipe(home, b"line one\r\nnul\x00here\x1b[1m\ttab", "journal", "add", "-")
    assert added.returncode == 0, added.stderr
    assert stored(home, "SELECT text FROM journal_entries ORDER BY id") == [
        (f"{WORDS} ]0;owned[2J[31mend",), ("line one\nnulhere[1m\ttab",)]
    listed = ok(home, "journal", "list")
    assert "\x1b" not in listed and "\x07" not in listed and "\x00" not in listed
    assert WORDS in listed
    found = ok(home, "journal", "search", "dificil", "电话")
    assert WORDS in found
    as_json = json.loads(ok(home, "journal", "list", "--json"))
    assert as_json[1]["text"].startswith(WORDS)


def test_text_of_nothing_visible_is_refused_with_one_line(home: Path) -> None:
    for text in ("\u200b", "\u200b\u200d ", "\x1b\x07"):
        result = breakwater(home, "journal", "add", text)
        assert result.returncode == 2, text
        assert "empty" in result.stderr and len(result.stderr.splitlines()) == 1
        result = breakwater(home, "contacts", "add", text)
        assert result.returncode == 2, text
        assert "needs a name" in result.stderr and len(result.stderr.splitlines()) == 1
    if (home / "breakwater.sqlite3").exists():  # with no app, nothing even opened the file
        assert stored(home, "SELECT (SELECT count(*) FROM journal_entries) + "
                            "(SELECT count(*) FROM contacts)") == [(0,)]


def test_contacts_are_kept_clean_and_shown_safely(home: Path) -> None:
    added = ok(home, "contacts", "add", f"Ana{ESCAPES}", "--reach", "javascript:alert(1)",
               "--note", "team\nlead")
    assert "\x1b" not in added
    assert stored(home, "SELECT name, reach, note FROM contacts") == [
        ("Ana]0;owned[2J[31m", "javascript:alert(1)", "team lead")]
    assert "\x1b" not in ok(home, "contacts", "list")
    too_long = breakwater(home, "contacts", "add", "N" * (NAME_MAX_CHARS + 1))
    assert too_long.returncode == 2
    assert f"at most {NAME_MAX_CHARS}" in too_long.stderr
    assert len(too_long.stderr.splitlines()) == 1


def test_rows_written_before_the_cleaning_are_shown_with_visible_escapes(
        breakwater_home: Path) -> None:
    ok(breakwater_home, "contacts", "add", "Ana")
    ok(breakwater_home, "journal", "add", "placeholder")
    db = sqlite3.connect(breakwater_home / "breakwater.sqlite3")
    with db:
        db.execute("UPDATE contacts SET name = ?", (f"Ana{ESCAPES}",))
        db.execute("UPDATE journal_entries SET text = ?", (f"old{ESCAPES}\x00",))
    db.close()
    listed = ok(breakwater_home, "contacts", "list") + ok(breakwater_home, "journal", "list")
    assert "\x1b" not in listed and "\x07" not in listed and "\x00" not in listed
    assert "Ana^[]0;owned^G^[[2J^[[31m" in listed and "old^[]0;owned" in listed


def test_an_export_of_pasted_text_opens_in_a_csv_reader(breakwater_home: Path) -> None:
    added = pipe(breakwater_home, b"pasted\x00from a\x0cweb page", "journal", "add", "-")
    assert added.returncode == 0, added.stderr
    ok(breakwater_home, "export", "--format", "csv", "--out", str(breakwater_home / "out"))
    with open(breakwater_home / "out" / "journal_entries.csv", newline="",
              encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))  # a NUL would raise "line contains NUL"
    assert [r["text"] for r in rows] == ["pastedfrom aweb page"]
