"""A break as a user takes it on a real X display: accept the high-load nudge's break,
watch the countdown, keep typing into the softphone, come back early with Enter; and
`breakwater break` on its own. Screenshots saved for people to look at."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.e2e.app_helpers import (
    cli,
    describe,
    focused_window,
    stored,
    typed_into_softphone,
    window_alone,
    window_named,
)
from tests.e2e.virtual_desktop import Desktop, wait_until

pytestmark = pytest.mark.e2e

SHOTS = Path(os.environ.get("BREAKWATER_ARTIFACTS", "artifacts")) / "screenshots"
SCREEN = (1280, 800)  # virtual_desktop's Xvfb screen


def breaks_rows(home: Path) -> list[tuple[object, ...]]:
    return stored(
        home, "SELECT b.kind, b.outcome, b.planned_seconds, b.nudge_id, n.kind, n.response, "
        "(julianday(b.ended_utc) - julianday(b.started_utc)) * 86400 "
        "FROM breaks b LEFT JOIN nudges n ON n.id = b.nudge_id")


def load(desk: Desktop, home: Path) -> float:
    result = cli(desk, home, "status", "--json")
    assert result.returncode == 0, result.stderr
    return float(json.loads(result.stdout)["load"])


def brk(home: Path) -> dict[str, object]:
    """The break window as the running app describes it ({} when none is open)."""
    windows = describe(home)["windows"]
    state = windows.get("break") if isinstance(windows, dict) else None
    return state if isinstance(state, dict) else {}


def test_a_break_from_the_nudge_leaves_the_softphone_working(
        desktop: Desktop, softphone: str, tray_app: subprocess.Popen[bytes],
        breakwater_home: Path) -> None:
    # Three hard calls reach "high" first (2.0, 4.0, 6.0), so the first nudge is the
    # break offer rather than breathing.
    assert cli(desktop, breakwater_home, "settings", "set", "levels.building_at",
               "4.5").returncode == 0
    for _ in range(3):
        desktop.run("xdotool", "key", "--clearmodifiers", "ctrl+alt+h")
    wait_until(lambda: describe(breakwater_home)["nudge_accept_at"], what="the break offer")
    SHOTS.mkdir(parents=True, exist_ok=True)
    shoot = lambda name: desktop.run(  # noqa: E731
        "import", "-window", "root", str(SHOTS / f"xvfb-break-{name}.png"))
    shoot("1-offer")
    before = load(desktop, breakwater_home)
    x, y = describe(breakwater_home)["nudge_accept_at"]  # type: ignore[misc]
    desktop.run("xdotool", "mousemove", str(x), str(y), "click", "1")
    wait_until(lambda: brk(breakwater_home).get("visible"), what="the break window")
    first = brk(breakwater_home)
    assert first["fullscreen"] is False and first["on_top"] is False
    _x, _y, width, height = first["geometry"]  # type: ignore[misc]
    assert width < SCREEN[0] / 2 and height < SCREEN[1] / 2  # an ordinary window
    window = window_named(desktop, "Break — Breakwater")
    assert window
    geometry = desktop.run("xwininfo", "-id", window).stdout
    assert f"Width: {SCREEN[0]}" not in geometry
    wait_until(lambda: brk(breakwater_home).get("countdown") not in (None, first["countdown"]),
               what="the countdown to run")
    shoot("2-countdown")
    # The agent goes back to the softphone and types: every key reaches it.
    desktop.run("xdotool", "windowfocus", "--sync", softphone)
    desktop.run("xdotool", "type", "--delay", "30", "hello caller")
    typed = typed_into_softphone(desktop)
    wait_until(lambda: typed.exists() and "hello caller" in typed.read_text(),
               what="the typing to reach the softphone")
    assert brk(breakwater_home).get("visible") is True  # the break goes on meanwhile
    assert desktop.focused_window() == softphone
    # Back at the break window: Enter is "I'm back".
    desktop.run("xdotool", "windowfocus", "--sync", window)
    wait_until(lambda: brk(breakwater_home).get("active"), what="the break window focused")
    shoot("3-before-enter")
    desktop.run("xdotool", "key", "Return")
    wait_until(lambda: brk(breakwater_home) == {}, what="the window to go")
    [(kind, outcome, planned, nudge_id, nudge_kind, response, seconds)] = breaks_rows(
        breakwater_home)
    assert (kind, outcome, planned) == ("break", "shortened", 300)
    assert nudge_id is not None and (nudge_kind, response) == ("break", "accepted")
    assert 1 < float(seconds) < 120  # type: ignore[arg-type]
    after = load(desktop, breakwater_home)
    # Lower than before, and lower than ordinary decay alone would have made it.
    assert after < before * 2 ** (-float(seconds) / 1800) * 0.999  # type: ignore[arg-type]
    status = json.loads(cli(desktop, breakwater_home, "status", "--json").stdout)
    assert status["break"] is None and status["streak"] == 0
    assert status["idle"] == {"available": True, "source": "x11"}
    assert tray_app.poll() is None


def test_break_on_its_own(desktop: Desktop, breakwater_home: Path) -> None:
    with window_alone(desktop, breakwater_home, "break", "--minutes", "2") as proc:
        focused_window(desktop, "Break — Breakwater", what="the window (asked for)")
        status = json.loads(cli(desktop, breakwater_home, "status", "--json").stdout)
        assert status["break"]["minutes"] == 2 and status["running"] is False
        desktop.run("import", "-window", "root", str(SHOTS / "xvfb-break-alone.png"))
        desktop.run("xdotool", "key", "plus")  # +2 min
        minutes = lambda: json.loads(cli(  # noqa: E731
            desktop, breakwater_home, "status", "--json").stdout)["break"]["minutes"]
        wait_until(lambda: minutes() == 4, what="the break two minutes longer")
        # "+" held down (X repeats it after 660 ms, 25 a second), then one press more:
        # X delivers them in order, so once the last press shows, the repeats did too.
        # Before, this hold alone added some twenty times two minutes.
        desktop.run("xdotool", "keydown", "plus", "sleep", "1.5", "keyup", "plus")
        desktop.run("xdotool", "key", "plus")
        wait_until(lambda: minutes() >= 8, what="the last press")
        assert minutes() == 8
        desktop.run("xdotool", "key", "Return")  # I'm back
        assert proc.wait(timeout=20) == 0, proc.stderr.read() if proc.stderr else ""
    [(kind, outcome, planned, nudge_id, *_rest)] = breaks_rows(breakwater_home)
    assert (kind, outcome, planned, nudge_id) == ("break", "shortened", 120, None)


@pytest.mark.parametrize("how", ["tray menu", "SIGTERM"])
def test_quit_ends_the_app_while_a_break_runs(desktop: Desktop, tray_app: subprocess.Popen[bytes],
                                              breakwater_home: Path, how: str) -> None:
    """A running break's window only hides when asked to close, and Qt's quit() asks
    every window first: Quit Breakwater and SIGTERM (logging out, pkill) did nothing
    until the break was over."""
    import signal

    from tests.e2e.test_journal import from_tray_menu

    started = cli(desktop, breakwater_home, "break", "--minutes", "2")
    assert started.returncode == 0, started.stderr
    wait_until(lambda: brk(breakwater_home).get("visible") and not brk(breakwater_home).get(
        "over"), what="the break running")
    if how == "SIGTERM":
        tray_app.send_signal(signal.SIGTERM)
    else:
        from_tray_menu(desktop, tray_app, "q")
    assert tray_app.wait(timeout=10) == 0
