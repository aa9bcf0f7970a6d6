"""`breakwater journal add|list|search` as a user runs them: real processes, a real file."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.cli_helpers import breakwater, cli_env


def rows(home: Path, sql: str = "SELECT text, mood, source FROM journal_entries ORDER BY id"
         ) -> list[tuple[object, ...]]:
    db = sqlite3.connect(home / "breakwater.sqlite3")
    try:
        return db.execute(sql).fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        db.close()


def ok(home: Path, *args: str) -> str:
    result = breakwater(home, *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_add_then_list_newest_first(breakwater_home: Path) -> None:
    out = ok(breakwater_home, "journal", "add", "The customer shouted; I stayed calm.",
             "--mood", "2")
    assert out.startswith("Saved journal entry #1 (")
    ok(breakwater_home, "journal", "add", "Second line\nwith two lines")
    assert rows(breakwater_home) == [("The customer shouted; I stayed calm.", 2, "cli"),
                                     ("Second line\nwith two lines", None, "cli")]
    listing = ok(breakwater_home, "journal", "list")
    assert listing.index("#2") < listing.index("#1")
    assert "    Second line\n    with two lines\n" in listing
    assert "mood 2/5" in listing
    assert "#1" not in ok(breakwater_home, "journal", "list", "--limit", "1")


def test_list_json_carries_every_field(breakwater_home: Path) -> None:
    ok(breakwater_home, "journal", "add", "今天的电话很难", "--mood", "1")
    ok(breakwater_home, "journal", "add", "un día difícil")
    entries = json.loads(ok(breakwater_home, "journal", "list", "--json"))
    assert [e["text"] for e in entries] == ["un día difícil", "今天的电话很难"]
    first = entries[1]
    assert set(first) == {"id", "created", "local_time", "utc_offset_min", "text", "mood",
                          "prompt", "updated", "links", "source"}
    assert first["mood"] == 1 and first["links"] == [] and first["created"].endswith("Z")
    assert json.loads(ok(breakwater_home, "journal", "list", "--json", "--limit", "1")
                      )[0]["text"] == "un día difícil"


def test_list_when_there_is_nothing(breakwater_home: Path) -> None:
    assert "No journal entries yet" in ok(breakwater_home, "journal", "list")
    assert json.loads(ok(breakwater_home, "journal", "list", "--json")) == []


def test_search_in_three_scripts(breakwater_home: Path) -> None:
    ok(breakwater_home, "journal", "add", "The customer shouted at me")
    ok(breakwater_home, "journal", "add", "Hoy fue un día difícil")
    ok(breakwater_home, "journal", "add", "今天的电话很难")
    assert "shouted" in ok(breakwater_home, "journal", "search", "customer", "shout")
    spanish = ok(breakwater_home, "journal", "search", "dificil")
    assert "día difícil" in spanish and "shouted" not in spanish
    chinese = json.loads(ok(breakwater_home, "journal", "search", "电话", "--json"))
    assert [e["text"] for e in chinese] == ["今天的电话很难"]
    assert json.loads(ok(breakwater_home, "journal", "search", "难", "--json"))[0]["id"] == 3
    none = ok(breakwater_home, "journal", "search", "weather")
    assert none == "No entry contains all of: weather\n"
    assert json.loads(ok(breakwater_home, "journal", "search", "weather", "--json")) == []


@pytest.mark.parametrize("words", ['"', "*", "-", "NEAR", "OR", "a OR b", "NEAR(a b)", "^:"])
def test_search_words_that_look_like_query_syntax(breakwater_home: Path, words: str) -> None:
    ok(breakwater_home, "journal", "add", "or near a b")
    result = breakwater(breakwater_home, "journal", "search", "--", words)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [
    ["journal", "add", ""],
    ["journal", "add", "   \n\t "],
    ["journal", "add", "x" * 100_001],
    ["journal", "add", "fine", "--mood", "9"],
    ["journal", "add", "fine", "--mood", "0"],
    ["journal", "add", "fine", "--mood", "three"],
    ["journal", "add"],
    ["journal", "add", "one", "two"],
    ["journal", "list", "--limit", "0"],
    ["journal", "list", "--limit", "-3"],
    ["journal", "list", "--limit", "many"],
    ["journal", "search"],
    ["journal", "search", ""],
    ["journal", "search", "x", "--limit", "0"],
    ["journal", "rewrite"],
])
def test_bad_input_is_one_line_and_exit_2(breakwater_home: Path, args: list[str]) -> None:
    result = breakwater(breakwater_home, *args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert rows(breakwater_home) == []


def test_the_longest_entry_is_accepted_whole(breakwater_home: Path) -> None:
    ok(breakwater_home, "journal", "add", "x" * 100_000)
    # 100,000 Chinese characters are 300 KB, more than Linux lets one argument be:
    # "-" reads the text from standard input.
    text = "字" * 99_999 + "\n"
    piped = subprocess.run([sys.executable, "-m", "desktop", "journal", "add", "-"],
                           env=cli_env(breakwater_home), input=text + "\n",
                           capture_output=True, text=True, timeout=60)
    assert piped.returncode == 0, piped.stderr
    assert rows(breakwater_home, "SELECT length(text) FROM journal_entries") == [
        (100_000,), (99_999,)]  # the newline that ends the input is not part of the entry
    entries = json.loads(ok(breakwater_home, "journal", "list", "--json"))
    assert [e["text"] for e in entries] == [text.rstrip(), "x" * 100_000]
    too_long = subprocess.run([sys.executable, "-m", "desktop", "journal", "add", "-"],
                              env=cli_env(breakwater_home), input="字" * 100_001,
                              capture_output=True, text=True, timeout=60)
    assert too_long.returncode == 2 and "100001 characters" in too_long.stderr


def test_bad_input_messages_say_what_is_wrong(breakwater_home: Path) -> None:
    empty = breakwater(breakwater_home, "journal", "add", " ")
    assert empty.stderr == "breakwater journal: The entry is empty: write a few words first.\n"
    long = breakwater(breakwater_home, "journal", "add", "x" * 100_001)
    assert "100001 characters long; the most is 100000" in long.stderr
    mood = breakwater(breakwater_home, "journal", "add", "x", "--mood", "9")
    assert "--mood" in mood.stderr and "9" in mood.stderr


def test_spanish_and_chinese_output(breakwater_home: Path) -> None:
    es = breakwater(breakwater_home, "journal", "add", "hola", LANGUAGE="es")
    assert es.returncode == 0 and es.stdout.startswith("Entrada del diario n.º 1 guardada")
    zh = breakwater(breakwater_home, "journal", "search", "adiós", LANGUAGE="zh_CN")
    assert zh.returncode == 0 and "adiós" in zh.stdout and "没有" in zh.stdout
    empty = breakwater(breakwater_home, "journal", "add", "", LANGUAGE="es")
    assert empty.returncode == 2 and "vacía" in empty.stderr


def test_journal_in_help(breakwater_home: Path) -> None:
    assert "journal" in ok(breakwater_home, "--help")
    for action in ("add", "list", "search"):
        assert action in ok(breakwater_home, "journal", "--help")
