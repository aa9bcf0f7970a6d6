"""Every window refuses parameters it cannot use in one sentence and exit status 2, the
same whether a tray app runs (the request goes over its socket) or not (the window would
open on its own): nothing opens and nothing is written.

The table has a row for every window in desktop.ui.windows.WINDOWS, so a new window (or a
new parameter) is covered once it is listed there."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop import ipc
from desktop.ui.windows import WINDOWS
from tests.e2e.app_helpers import welcome_seen
from tests.integration.app_process import app_env, offscreen_app

# (window, bad parameters, words the sentence must hold)
BAD: list[tuple[str, dict[str, Any], str]] = [
    ("breathe", {"pattern": "deep"}, "no breathing pattern called 'deep'"),
    ("breathe", {"minutes": 7}, "1, 3 or 5 minutes, not 7"),
    ("breathe", {"nudge_id": "x"}, "nudge is known by its number"),
    ("break", {"minutes": 3}, "2, 5, 10 or 15 minutes, not 3"),
    ("break", {"nudge_id": True}, "nudge is known by its number"),
    ("journal", {"nudge_id": "x"}, "invalid request"),
    ("journal", {"mood": 3}, "journal window has no option 'mood'"),
    ("journal-list", {"search": 5}, "invalid request"),
    ("history", {"range": "decade"}, "Unknown range 'decade'"),
    ("history", {"from": "2026-11-02"}, "both a first and a last day"),
    ("history", {"from": "2999-01-01", "to": "2999-12-31"}, "starts after today"),
    ("checkin", {"answers": "4,4,4,4,4,4"}, "checkin window has no option 'answers'"),
    ("contacts", {"name": "Ana"}, "contacts window has no option 'name'"),
    ("phrases", {"group": "shout"}, "no group of phrases called 'shout'"),
    ("settings", {"page": "colours"}, "no settings page called 'colours'"),
    ("welcome", {"again": True}, "welcome window has no option 'again'"),
    ("no-such-window", {}, "no window called 'no-such-window'"),
]
IDS = [f"{name}-{'-'.join(params) or 'none'}" for name, params, _words in BAD]


def test_every_window_has_a_row() -> None:
    assert set(WINDOWS) <= {name for name, _params, _words in BAD}
    for name, spec in WINDOWS.items():  # else any key would be let through
        assert spec.params is not None, f"{name}: declare the parameters it takes"


def open_window(home: Path, name: str, params: dict[str, Any]
                ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tests.integration.open_window_driver", name,
         json.dumps(params)], env=app_env(home), capture_output=True, text=True, timeout=60,
        stdin=subprocess.DEVNULL)


def contents(home: Path) -> list[str]:
    """Every row of the file, as SQL (what a reader of the file would see)."""
    conn = sqlite3.connect(f"file:{home / 'breakwater.sqlite3'}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def refused(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("breakwater: "), result.stderr
    assert words in lines[0]
    assert result.stdout == ""


@pytest.fixture
def home(breakwater_home: Path) -> Path:
    welcome_seen(breakwater_home)  # the first-run welcome would be an open window
    return breakwater_home


@pytest.mark.parametrize(("name", "params", "words"), BAD, ids=IDS)
def test_bad_parameters_with_no_app_running(home: Path, name: str, params: dict[str, Any],
                                            words: str) -> None:
    before = contents(home)
    refused(open_window(home, name, params), words)
    assert contents(home) == before


def test_bad_parameters_in_the_running_app(home: Path) -> None:
    sock = home / "breakwater.sock"
    with offscreen_app(home):
        before = contents(home)
        for name, params, words in BAD:
            refused(open_window(home, name, params), words)
            reply = ipc.request(sock, {"cmd": "describe"})
            assert reply is not None and reply["ui"]["open_windows"] == [], name
        assert contents(home) == before
        # A window already open is refused the same way (checked before it is asked).
        good = open_window(home, "phrases", {"group": "limit"})
        assert good.returncode == 0, good.stderr
        refused(open_window(home, "phrases", {"group": "shout"}), "shout")
        reply = ipc.request(sock, {"cmd": "describe"})
        assert reply is not None and reply["ui"]["open_windows"] == ["phrases"]
