"""Talking to the real app in end-to-end tests: its command line and its socket."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop import ipc
from tests.e2e.virtual_desktop import Desktop


def cli(desk: Desktop, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**desk.env, "BREAKWATER_HOME": str(home), "LANGUAGE": "en"}
    return subprocess.run([sys.executable, "-m", "desktop", *args], env=env,
                          capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)


def describe(home: Path) -> dict[str, object]:
    reply = ipc.request(home / "breakwater.sock", {"cmd": "describe"})
    assert reply is not None and reply["ok"]
    ui = reply["ui"]
    assert isinstance(ui, dict)
    return ui


def typed_into_softphone(desk: Desktop) -> Path:
    """The file the ``softphone`` fixture's window appends every character typed into it."""
    return desk.notify_log.parent / "softphone-typed.txt"
