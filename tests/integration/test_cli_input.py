"""What the command line does with awkward input and an awkward terminal: real processes."""

from __future__ import annotations

import codecs
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.model import NOTE_MAX_CHARS
from tests.integration.cli_helpers import breakwater, cli_env


def rows(home: Path) -> list[tuple[object, ...]]:
    db = home / "breakwater.sqlite3"
    if not db.exists():
        return []
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT kind, note FROM interactions ORDER BY id").fetchall()
    finally:
        conn.close()


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize("args", [
    ["settings", "list", "foo", "bar"], ["settings", "list", "foo"],
    ["settings", "get", "load.half_life_minutes", "extra"], ["settings", "set", "nudges.enabled"],
    ["settings", "set", "nudges.enabled", "off", "now"], ["settings", "reset"],
    ["settings", "frobnicate"], ["undo", "twice"], ["status", "now"], ["tag", "ordinary", "x"],
    ["delete-everything", "--yes", "please"],
])
def test_extra_or_missing_arguments_are_an_error(breakwater_home: Path, args: list[str]) -> None:
    result = breakwater(breakwater_home, *args)
    assert result.returncode == 2, result
    assert one_line(result.stderr).startswith("breakwater")
    assert result.stdout == ""


def test_a_note_longer_than_the_limit_is_refused_and_nothing_is_written(breakwater_home: Path
                                                                        ) -> None:
    result = breakwater(breakwater_home, "tag", "difficult", "--note", "a" * (NOTE_MAX_CHARS + 1))
    assert result.returncode == 2
    assert "at most 2,000 characters" in one_line(result.stderr)
    assert rows(breakwater_home) == []
    longest = breakwater(breakwater_home, "tag", "difficult", "--note", "难" * NOTE_MAX_CHARS)
    assert longest.returncode == 0, longest.stderr
    assert rows(breakwater_home) == [("difficult", "难" * NOTE_MAX_CHARS)]


@pytest.mark.parametrize("blank", ["", "   ", "\t\n  "])
def test_an_empty_note_is_no_note(breakwater_home: Path, blank: str) -> None:
    assert breakwater(breakwater_home, "tag", "difficult", "--note", blank).returncode == 0
    assert breakwater(breakwater_home, "tag", "difficult", "--note", "  kept  ").returncode == 0
    assert rows(breakwater_home) == [("difficult", None), ("difficult", "kept")]


def test_an_argument_that_is_not_utf8_is_refused_before_anything_is_done(
        breakwater_home: Path) -> None:
    result = subprocess.run(
        [sys.executable.encode(), b"-m", b"desktop", b"tag", b"difficult", b"--note",
         b"caf\xe9 \xff"], env=cli_env(breakwater_home, LC_ALL="C.UTF-8"),
        capture_output=True, stdin=subprocess.DEVNULL, timeout=60)
    assert result.returncode == 2
    line = one_line(result.stderr.decode())
    assert "argument 4 is not valid UTF-8" in line
    assert rows(breakwater_home) == []


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_cannot_show_chinese_gets_english_and_the_tag_is_done(
        breakwater_home: Path, encoding: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "tag", "difficult", "--note", "客户骂人"],
        env=cli_env(breakwater_home, LANGUAGE="zh_CN", PYTHONIOENCODING=encoding),
        capture_output=True, stdin=subprocess.DEVNULL, timeout=60)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode(encoding)  # everything printed is in the terminal's encoding
    assert out.startswith("Recorded a difficult interaction (severity 2).")
    assert "streak 1" in out
    note = one_line(result.stderr.decode(encoding))
    assert f"encoding ({codecs.lookup(encoding).name}) cannot show zh_CN" in note
    assert rows(breakwater_home) == [("difficult", "客户骂人")]


def test_a_latin1_terminal_still_gets_spanish(breakwater_home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "tag", "ordinary"],
        env=cli_env(breakwater_home, LANGUAGE="es", PYTHONIOENCODING="latin-1"),
        capture_output=True, stdin=subprocess.DEVNULL, timeout=60)
    assert result.returncode == 0 and result.stderr == b""
    assert "Se registró" in result.stdout.decode("latin-1")


def test_export_is_utf8_whatever_the_terminal(breakwater_home: Path) -> None:
    assert breakwater(breakwater_home, "tag", "difficult", "--note", "客户骂人").returncode == 0
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "export", "--format", "json"],
        env=cli_env(breakwater_home, PYTHONIOENCODING="ascii"), capture_output=True,
        stdin=subprocess.DEVNULL, timeout=60)
    assert result.returncode == 0 and result.stderr == b""
    assert '"note": "客户骂人"' in result.stdout.decode("utf-8")


def fill(home: Path, n: int) -> None:
    assert breakwater(home, "status").returncode == 0
    conn = sqlite3.connect(home / "breakwater.sqlite3")
    conn.executemany("INSERT INTO interactions (at_utc, utc_offset_min, kind, note) "
                     "VALUES ('2026-11-20T10:00:00.000000Z', 0, 'ordinary', ?)",
                     [(f"row {i} " + "x" * 80,) for i in range(n)])
    conn.commit()
    conn.close()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_into_head_ends_quietly_with_141(breakwater_home: Path, fmt: str) -> None:
    fill(breakwater_home, 20_000)  # far more than a pipe holds
    env = cli_env(breakwater_home)
    result = subprocess.run(
        ["bash", "-c", f'"$0" -m desktop export --format {fmt} | head -1; '
                       'echo "status=${PIPESTATUS[0]}" >&2', sys.executable],
        env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr == "status=141\n"  # nothing else on stderr: no traceback, no message


def test_nothing_is_left_behind_by_a_terminal_that_disappears(breakwater_home: Path) -> None:
    # stdout closed before we start: the status is refused quietly, not with a traceback.
    read, write = os.pipe()
    os.close(read)
    result = subprocess.run([sys.executable, "-m", "desktop", "status"],
                            env=cli_env(breakwater_home), stdout=write, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, timeout=60)
    os.close(write)
    assert result.returncode == 141 and result.stderr == b""
