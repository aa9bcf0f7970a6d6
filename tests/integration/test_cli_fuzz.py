"""Every subcommand with random and hostile arguments: never a traceback, exit status
0, 1 or 2 only, and nothing written when the status is 2 (bad input).

In the process (``desktop.cli.main``, the function the ``breakwater`` script calls) so
hypothesis can try hundreds of command lines; a sample also runs as real processes.
No desktop session here: window commands must say so (status 1), never abort."""

from __future__ import annotations

import contextlib
import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop import cli
from desktop.i18n import setup
from tests.integration.cli_helpers import breakwater, cli_env

COMMANDS = [
    [], ["tag"], ["tag", "difficult"], ["tag", "ordinary"], ["undo"], ["status"], ["export"],
    ["settings"], ["settings", "list"], ["settings", "get"], ["settings", "set"],
    ["settings", "reset"], ["breathe"], ["break"], ["checkin"], ["contacts"],
    ["contacts", "list"], ["contacts", "add"], ["contacts", "remove"], ["phrases"],
    ["journal"], ["journal", "add"], ["journal", "list"], ["journal", "search"], ["history"],
    ["delete-everything"], ["autostart"], ["autostart", "status"], ["install-desktop-entry"],
]
OPTIONS = ["--severity", "--reason", "--note", "--json", "--format", "--out", "--pattern",
           "--minutes", "--answers", "--reach", "--group", "--mood", "--limit", "--range",
           "--from", "--to", "--remove", "--", "-", "--nope", "--severity=", "--limit=-1",
           "-x", "--answers=,,,,,,"]
VALUES = ["", " ", "0", "-1", "1", "3", "5", "99999999999999999999", "1e9", "nan", "abc",
          "é", "中文", "a" * 3000, "2026-02-30", "2026-13-01", "0001-01-01", "9999-12-31",
          "4,3,-,2,1,0", ",,,,,", "-,-,-,-,-,-", "1,2,3,4,5,6,7", "calm", "json", "csv",
          "/dev/null/x", "%s", "{}", "{n}", "\t", "\n", "hotkeys.difficult", "ui.language",
          "levels.high_at", "<ctrl>+<alt>+h", "today", "all", "\u202e", "💥",
          "\udcff",  # a byte that is not UTF-8, as Python hands it over (surrogateescape)
          "cyclic-sigh", "box", "abusive", "limit"]
argument = st.sampled_from(OPTIONS + VALUES) | st.text(max_size=12)
command_lines = st.tuples(st.sampled_from(COMMANDS), st.lists(argument, max_size=4)).map(
    lambda parts: [*parts[0], *parts[1]])


def files(home: Path) -> dict[str, str]:
    """What a command could have written (not SQLite's shared-memory index, which a
    reader may touch, nor the log)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in home.iterdir()
            if p.is_file() and not p.name.endswith(("-shm", ".log"))}


def run(argv: list[str]) -> tuple[int, str]:
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    try:
        with contextlib.redirect_stderr(err):  # the tray app's start writes to sys.stderr
            code = cli.main(argv, out, err)
    except SystemExit as done:  # argparse: --help, --version, a usage error
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 2)
    err.flush()
    return code, err.buffer.getvalue().decode()  # type: ignore[attr-defined]


@pytest.fixture
def no_session(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    for name, sub in (("HOME", "user"), ("XDG_CONFIG_HOME", "config"),
                      ("XDG_DATA_HOME", "data")):
        monkeypatch.setenv(name, str(tmp_path / sub))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


@settings(max_examples=250, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(argv=command_lines)
def test_any_command_line_ends_in_a_sentence_and_a_documented_status(
        argv: list[str], breakwater_home: Path, no_session: None) -> None:
    assert cli.main(["tag", "difficult"], io.StringIO(), io.StringIO()) == 0
    before = files(breakwater_home)
    try:
        code, err = run(argv)
    finally:
        setup("en")
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err, (argv, err)
    if code == 2:
        assert files(breakwater_home) == before, argv
    if code == 1:
        assert err.startswith("breakwater"), (argv, err)


@pytest.mark.parametrize("argv", [
    ["journal", "list", "--limit", "0"], ["history", "--from", "2026-02-30"],
    ["tag", "difficult", "--note", "a" * 3000], ["checkin", "--answers", "1,2,3,4,5,6,7"],
    ["settings", "set", "ui.language", "\u202e"], ["contacts", "remove", "💥"],
    ["breathe", "--minutes", "4"], ["export", "--format", "csv", "--out", "/dev/null/x"],
    ["history"], ["settings"],
], ids=" ".join)
def test_hostile_command_lines_as_real_processes(argv: list[str], breakwater_home: Path,
                                                 tmp_path: Path) -> None:
    env = cli_env(breakwater_home, HOME=str(tmp_path))
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    assert breakwater(breakwater_home, "tag", "difficult").returncode == 0
    before = files(breakwater_home)
    result = subprocess.run([sys.executable, "-m", "desktop", *argv], env=env,
                            capture_output=True, text=True, timeout=60,
                            stdin=subprocess.DEVNULL)
    assert result.returncode in (1, 2), (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    if result.returncode == 2:
        assert files(breakwater_home) == before
