"""The real ``breakwater`` tray app on a real (virtual) desktop: hotkeys pressed with
xdotool, a tray host, a notification daemon on a private session bus."""

from __future__ import annotations

import json
import signal
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import ipc
from desktop.platform.x11_keys import X11Hotkeys
from tests.e2e.app_helpers import cli, describe, screenshot, stored
from tests.e2e.virtual_desktop import Desktop, wait_until

pytestmark = pytest.mark.e2e


def rows(home: Path) -> int:
    counted = stored(home, "SELECT count(*) FROM interactions WHERE undone_at_utc IS NULL",
                     missing_ok=True)
    return int(counted[0][0]) if counted else 0


def ordinary_rows(home: Path) -> int:
    return int(stored(home, "SELECT count(*) FROM interactions WHERE kind = 'ordinary'")[0][0])


def test_five_hotkey_presses_tag_nudge_and_keep_focus(
    desktop: Desktop, softphone: str, tray_app: subprocess.Popen[bytes], breakwater_home: Path
) -> None:
    assert describe(breakwater_home)["hotkey_problems"] == []
    for n in range(1, 6):
        desktop.run("xdotool", "key", "--clearmodifiers", "ctrl+alt+h")
        wait_until(lambda n=n: rows(breakwater_home) == n, what=f"row {n}")
        # The toast is up, and the softphone still has the keyboard.
        assert desktop.focused_window() == softphone
        if n == 2:  # two hard calls (severity 2) lift load to 'building': breathing offered
            wait_until(lambda: "breathing" in str(describe(breakwater_home)["nudge_text"])
                       .lower(), what="the breathing offer")
    status = json.loads(cli(desktop, breakwater_home, "status", "--json").stdout)
    assert status["streak"] == 5
    assert status["level"] == "high"
    assert status["running"] is True
    ui = describe(breakwater_home)
    assert ui["tray"] is True and ui["toast"] is True
    tooltip = str(ui["tooltip"])
    assert "high" in tooltip and "5" in tooltip
    # High load now, but within 20 minutes of the breathing offer: the nudge budget holds
    # the break offer until the gap has passed (never two nudges close together).
    assert "breathing" in str(ui["nudge_text"]).lower()
    assert "minute break" not in str(ui["nudge_text"])
    # One message, one surface: the card says it, no desktop notification repeats it and
    # covers the toast; the toast and the card stand clear of each other.
    assert "member=Notify" not in desktop.notifications()
    popups = ui["popups"]
    assert isinstance(popups, dict) and set(popups) == {"toast", "nudge"}
    (tx, ty, tw, th), (cx, cy, cw, ch) = popups["toast"], popups["nudge"]
    assert tx + tw <= cx or cx + cw <= tx or ty + th <= cy or cy + ch <= ty, popups
    # No compositor runs here: corners are square and opaque, not black.
    shot = screenshot(desktop, breakwater_home.parent / "five-presses.png")
    for x, y, w, h in (popups["toast"], popups["nudge"]):
        for px, py in ((x, y), (x + w - 1, y), (x, y + h - 1), (x + w - 1, y + h - 1)):
            assert shot.pixelColor(px, py).lightness() > 100, (px, py)
    assert desktop.focused_window() == softphone
    assert tray_app.poll() is None
    # Everything the running app keeps (file, journal, log, lock, socket) is the user's alone.
    kept = {p.name: stat.S_IMODE(p.stat().st_mode) for p in breakwater_home.iterdir()}
    assert {"breakwater.sqlite3", "breakwater.lock", "breakwater.sock"} <= set(kept)
    assert all(mode & 0o077 == 0 for mode in kept.values()), kept


def test_cli_goes_to_the_running_app_and_second_start_steps_aside(
    desktop: Desktop, tray_app: subprocess.Popen[bytes], breakwater_home: Path
) -> None:
    tagged = cli(desktop, breakwater_home, "tag", "difficult", "--severity", "3")
    assert tagged.returncode == 0, tagged.stderr
    assert "tray app running" in tagged.stdout
    assert rows(breakwater_home) == 1
    second = cli(desktop, breakwater_home)
    assert second.returncode == 0
    assert "already running" in second.stdout
    assert desktop.tray_icons() == 1
    undone = cli(desktop, breakwater_home, "undo")
    assert undone.returncode == 0 and rows(breakwater_home) == 0
    tray_app.send_signal(signal.SIGTERM)
    assert tray_app.wait(timeout=10) == 0
    assert not ipc.is_running(breakwater_home / "breakwater.sock")
    after = json.loads(cli(desktop, breakwater_home, "status", "--json").stdout)
    assert after["running"] is False


@pytest.fixture
def held_hotkey(desktop: Desktop) -> Iterator[None]:
    """Another program already owns Ctrl+Alt+H when Breakwater starts."""
    other = X11Hotkeys(desktop.display)
    assert other.start({"<ctrl>+<alt>+h": lambda: None}) == []
    yield
    other.stop()


def test_a_hotkey_owned_elsewhere_is_reported_and_the_other_still_works(
    desktop: Desktop, held_hotkey: None, tray_app: subprocess.Popen[bytes],
    breakwater_home: Path
) -> None:
    assert describe(breakwater_home)["hotkey_problems"] == ["<ctrl>+<alt>+h"]
    # The user is told which one and why, and how to bind the command instead.
    wait_until(lambda: "Ctrl+Alt+H" in desktop.notifications(), what="the hotkey message")
    assert "breakwater tag difficult" in desktop.notifications()
    # Each Notify names our icon and expires (expire_timeout is the last argument).
    calls = [call.split("method call")[0].strip()
             for call in desktop.notifications().split("member=Notify")[1:]]
    assert calls and all("breakwater.png" in call for call in calls)
    assert all(call.endswith("int32 10000") for call in calls), calls
    desktop.run("xdotool", "key", "--clearmodifiers", "ctrl+alt+g")
    wait_until(lambda: ordinary_rows(breakwater_home) == 1, what="the ordinary tag")
