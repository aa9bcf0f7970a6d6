"""`breakwater breathe` on a real X display: keys pressed with xdotool, screenshots of
each phase saved for people to look at, and the session in the database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core.breathing import LEAD_IN_SECONDS
from tests.e2e.app_helpers import cli, describe
from tests.e2e.virtual_desktop import Desktop, wait_until

pytestmark = pytest.mark.e2e

SHOTS = Path(os.environ.get("BREAKWATER_ARTIFACTS", "artifacts")) / "screenshots"


def sessions(home: Path) -> list[tuple[object, ...]]:
    db = sqlite3.connect(home / "breakwater.sqlite3", timeout=5)
    try:
        return db.execute("SELECT pattern, completed, actual_seconds, rating_before, "
                          "rating_after FROM breathing_sessions").fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        db.close()


def window_named(desktop: Desktop, title: str) -> str:
    found = desktop.run("xdotool", "search", "--name", title).stdout.split()
    return found[0] if found else ""


def test_breathing_alone_with_keys_and_screenshots(desktop: Desktop,
                                                   breakwater_home: Path) -> None:
    env = {**desktop.env, "BREAKWATER_HOME": str(breakwater_home), "LANGUAGE": "en"}
    proc = subprocess.Popen([sys.executable, "-m", "desktop", "breathe", "--minutes", "1"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL)
    try:
        wait_until(lambda: window_named(desktop, "Breathe"), what="the breathing window")
        window = window_named(desktop, "Breathe")
        wait_until(lambda: desktop.focused_window() == window, what="focus on the window")
        SHOTS.mkdir(parents=True, exist_ok=True)
        desktop.run("import", "-window", "root", str(SHOTS / "xvfb-breathing-0-rating.png"))
        desktop.run("xdotool", "key", "s")  # skip the rating in one key: "get ready", 3 s
        began = time.monotonic() + LEAD_IN_SECONDS  # the first breath
        for at, name in ((-1.5, "get-ready"), (1.5, "in"), (3.5, "top-up"), (6.5, "out")):
            time.sleep(max(0.0, at - (time.monotonic() - began)))
            desktop.run("import", "-window", "root",
                        str(SHOTS / f"xvfb-breathing-{name}.png"))
        desktop.run("xdotool", "key", "space")  # pause
        time.sleep(1.0)
        desktop.run("xdotool", "key", "Escape")  # stop early → the after rating
        desktop.run("xdotool", "key", "Right", "Right", "Return")  # rate 7
        assert proc.wait(timeout=15) == 0, proc.stderr.read() if proc.stderr else ""
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    [(pattern, completed, actual, before, after)] = sessions(breakwater_home)
    assert (pattern, completed, before, after) == ("cyclic-sigh", 0, None, 7)
    # Paused for a second after ~6.5 s: the pause is not counted as breathing.
    assert 6.0 <= float(actual) <= 8.5  # type: ignore[arg-type]
    for name in ("in", "top-up", "out"):
        assert (SHOTS / f"xvfb-breathing-{name}.png").stat().st_size > 5000


def test_breathe_goes_to_the_running_app(desktop: Desktop, tray_app: object,
                                         breakwater_home: Path) -> None:
    opened = cli(desktop, breakwater_home, "breathe", "--pattern", "box")
    assert opened.returncode == 0, opened.stderr
    assert "running Breakwater app" in opened.stdout
    state = describe(breakwater_home)["breathing"]
    assert isinstance(state, dict) and state["page"] == "before"
    assert window_named(desktop, "Breathe")
