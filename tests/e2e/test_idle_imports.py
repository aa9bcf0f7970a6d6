"""The idle tray app loads nothing heavy: the real app under Xvfb, its imports listed by
Python itself (``-X importtime``), after start-up, a tag and a look at its status.
What only a window needs (pyqtgraph, numpy, the window modules) loads when the window
opens; ``logging.handlers`` (~2.5 MB) never, the log rotates without it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.e2e.app_helpers import cli
from tests.e2e.virtual_desktop import Desktop, wait_until

pytestmark = pytest.mark.e2e

NOT_AT_IDLE = ("logging.handlers", "pyqtgraph", "numpy", "PySide6.QtCharts",
               "desktop.ui.history.window", "desktop.ui.settings_window",
               "desktop.ui.breathing_window", "desktop.ui.break_window",
               "desktop.ui.journal_window", "desktop.ui.tray_menu")


def imported(log: Path) -> set[str]:
    """Every module the process imported, from ``-X importtime``'s lines
    ("import time:  123 |  456 |   package.module")."""
    names = set()
    for line in log.read_text(errors="replace").splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


@pytest.fixture
def import_log(desktop: Desktop, breakwater_home: Path) -> Path:
    desktop.env["PYTHONPROFILEIMPORTTIME"] = "1"  # to stderr, kept in the app's log
    return breakwater_home.parent / f"{breakwater_home.name}-app.log"


def test_the_idle_tray_app_imports_nothing_heavy(
        import_log: Path, desktop: Desktop, tray_app: subprocess.Popen[bytes],
        breakwater_home: Path) -> None:
    wait_until(lambda: "tray app started" in (breakwater_home / "breakwater.log").read_text(),
               what="the app's start-up")
    # Not ``describe``: it is for tests and loads window modules to look for windows.
    def calls_looked() -> bool:
        done = cli(desktop, breakwater_home, "status", "--json")
        return done.returncode == 0 and json.loads(done.stdout)["calls"]["off"] is not None

    wait_until(calls_looked, what="call detection's first look (its worker loads libpulse)")
    assert cli(desktop, breakwater_home, "tag", "difficult").returncode == 0  # a toast
    assert cli(desktop, breakwater_home, "status").returncode == 0
    names = imported(import_log)
    assert "desktop.ui.controller" in names and "desktop.logfile" in names  # read right
    assert sorted(set(NOT_AT_IDLE) & names) == []
