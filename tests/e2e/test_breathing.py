"""`breakwater breathe` on a real X display: keys pressed with xdotool, screenshots of
each phase saved for people to look at, and the session in the database."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from desktop.core.breathing import LEAD_IN_SECONDS
from tests.e2e.app_helpers import (
    cli,
    describe,
    focused_window,
    stored,
    window_alone,
    window_named,
)
from tests.e2e.virtual_desktop import Desktop, wait_until

pytestmark = pytest.mark.e2e

SHOTS = Path(os.environ.get("BREAKWATER_ARTIFACTS", "artifacts")) / "screenshots"


def sessions(home: Path, columns: str = "pattern, completed, actual_seconds, rating_before, "
             "rating_after") -> list[tuple[object, ...]]:
    return stored(home, f"SELECT {columns} FROM breathing_sessions", missing_ok=True)


def test_breathing_alone_with_keys_and_screenshots(desktop: Desktop,
                                                   breakwater_home: Path) -> None:
    with window_alone(desktop, breakwater_home, "breathe", "--minutes", "1") as proc:
        focused_window(desktop, "Breathe", what="the breathing window")
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


def test_from_a_nudge_through_a_whole_session(desktop: Desktop, tray_app: object,
                                             breakwater_home: Path) -> None:
    """As a user would: two hard calls, the nudge, a click on "Breathe now", a rating, the
    whole session following the circle, a rating after. One cycle of 4-7-8 (19 s) keeps
    it short; everything else is the default path."""
    for key, value in (("breathing.pattern", "4-7-8"), ("breathing.max_cycles_478", "1")):
        assert cli(desktop, breakwater_home, "settings", "set", key, value).returncode == 0
    # Two hard calls close together: load 4.0, "building" (one alone is not yet).
    desktop.run("xdotool", "key", "--clearmodifiers", "ctrl+alt+h")
    desktop.run("xdotool", "key", "--clearmodifiers", "ctrl+alt+h")
    wait_until(lambda: describe(breakwater_home)["nudge_accept_at"], what="the nudge")
    shoot = lambda name: desktop.run(  # noqa: E731
        "import", "-window", "root", str(SHOTS / f"xvfb-from-nudge-{name}.png"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    shoot("1-nudge")
    x, y = describe(breakwater_home)["nudge_accept_at"]  # type: ignore[misc]
    desktop.run("xdotool", "mousemove", str(x), str(y), "click", "1")
    wait_until(lambda: (describe(breakwater_home)["breathing"] or {}).get("active"),
               what="the breathing window, focused")  # the user asked for it
    assert describe(breakwater_home)["nudge"] is False
    shoot("2-before")
    desktop.run("xdotool", "key", "8", "Return")  # distress 8, start
    wait_until(lambda: (describe(breakwater_home)["breathing"] or {}).get("phase")
               == "Breathe in", what="the first breath")
    load_at_start = float(json.loads(cli(desktop, breakwater_home, "status", "--json"
                                         ).stdout)["load"])
    wait_until(lambda: (describe(breakwater_home)["breathing"] or {}).get("phase") == "Hold",
               what="the hold")
    shoot("3-hold")
    wait_until(lambda: (describe(breakwater_home)["breathing"] or {}).get("page") == "after",
               timeout=30, what="the end of the session")
    shoot("4-after")
    # Stored when breathing ended, before any rating, and load has fallen faster than
    # ordinary decay (which keeps 99 % over these ~20 s).
    [(pattern, completed, actual, before, after, nudge)] = sessions(
        breakwater_home, "pattern, completed, actual_seconds, rating_before, rating_after, "
        "nudge_id")
    assert (pattern, completed, actual, before, after) == ("4-7-8", 1, 19.0, 8, None)
    assert nudge is not None
    load_now = float(json.loads(cli(desktop, breakwater_home, "status", "--json"
                                    ).stdout)["load"])
    assert load_now < load_at_start * 0.95
    desktop.run("xdotool", "key", "3", "Return")
    wait_until(lambda: describe(breakwater_home)["breathing"] is None, what="the window closed")
    assert sessions(breakwater_home, "rating_before, rating_after") == [(8, 3)]
