"""The parser's own words: every subcommand's --help in each language, argparse's words
translated too, and a mistyped command or choice answered with the closest one."""

from __future__ import annotations

import argparse
import contextlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import cli
from desktop.i18n import setup
from tests.integration.cli_helpers import breakwater

LANGS = {"en_US.UTF-8": "usage: breakwater", "es_ES.UTF-8": "uso: breakwater",
         "zh_CN.UTF-8": "用法：breakwater"}


def command_paths(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
                  ) -> Iterator[tuple[str, ...]]:
    yield path
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from command_paths(sub, (*path, name))


PATHS = list(command_paths(cli.build_parser()))


def test_the_walk_finds_every_command() -> None:
    assert ("contacts", "add") in PATHS and ("journal", "search") in PATHS
    assert len(PATHS) > 25


@pytest.mark.parametrize("lang", LANGS)
def test_every_help_in_every_language(breakwater_home: Path, lang: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # In the process: 28 commands × 3 languages as processes would take a minute.
    monkeypatch.setenv("BREAKWATER_HOME", str(breakwater_home))
    monkeypatch.setenv("LANGUAGE", lang)
    try:
        for path in PATHS:
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
                    pytest.raises(SystemExit) as done:
                cli.main([*path, "--help"], out, err)
            assert done.value.code == 0, (path, err.getvalue())
            assert err.getvalue() == "", path
            assert out.getvalue().startswith(LANGS[lang] + " ".join(("", *path))), path
    finally:
        setup("en")


@pytest.mark.parametrize("lang", LANGS)
def test_help_as_a_real_process(breakwater_home: Path, lang: str) -> None:
    result = breakwater(breakwater_home, "contacts", "--help", LANGUAGE="", LANG=lang,
                        LC_ALL="")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout.startswith(LANGS[lang])
    if lang != "en_US.UTF-8":  # argparse's own words are not left in English
        assert "show this help message" not in result.stdout
        assert "options:" not in result.stdout


@pytest.mark.parametrize(("args", "words"), [
    (["stauts"], "unknown command 'stauts'; did you mean 'status'?"),
    (["Status"], "did you mean 'status'?"),
    (["brake"], "did you mean 'break'?"),
    (["contacts", "lst"], "breakwater contacts: unknown command 'lst'; did you mean 'list'?"),
    (["journal", "serch", "x"], "did you mean 'search'?"),
    (["tag", "dificult"], "did you mean 'difficult'?"),
    (["settings", "zzz"], "unknown command 'zzz'; the commands are: list, get, set, reset"),
    (["breathe", "--pattern", "boxx"], "argument --pattern: invalid choice: 'boxx'; did you "
                                       "mean 'box'?"),
    (["history", "--range", "decade"], "invalid choice: 'decade' (choose from"),
])
def test_a_typo_is_answered_with_the_closest_name(breakwater_home: Path, args: list[str],
                                                  words: str) -> None:
    result = breakwater(breakwater_home, *args)
    assert result.returncode == 2, result.stderr
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (breakwater_home / "breakwater.sqlite3").exists()


def test_the_closest_name_in_another_language(breakwater_home: Path) -> None:
    result = breakwater(breakwater_home, "stauts", LANGUAGE="es")
    assert result.returncode == 2
    assert result.stderr == ("breakwater: no existe la orden 'stauts'; ¿querías decir "
                             "'status'? (prueba 'breakwater --help')\n")
