"""Never interrupt a live call, as a user would meet it: the real tray app on a virtual
desktop with a real (private) PulseAudio server, ``parecord`` holding the microphone as a
softphone would, and real keys pressed with xdotool."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from desktop.store.timestamps import from_iso
from tests.e2e.app_helpers import describe, running_app, stored, welcome_seen
from tests.e2e.pulse_server import PulseServer
from tests.e2e.test_tray_app import rows
from tests.e2e.virtual_desktop import Desktop, stop, wait_until

pytestmark = pytest.mark.e2e

WRAPUP = 10  # calls.wrapup_seconds, the default


def notify_count(desktop: Desktop, text: str = "") -> int:
    calls = desktop.notifications().split("member=Notify")[1:]
    return sum(text in call for call in calls)


def nudges_table(home: Path) -> list[str]:
    return [kind for (kind,) in stored(home, "SELECT kind FROM nudges")]


def calls_table(home: Path) -> list[tuple[float, float, str]]:
    return [(from_iso(a), from_iso(b), s)
            for a, b, s in stored(home, "SELECT started_utc, ended_utc, source FROM calls")]


def test_a_hotkey_streak_in_a_call_is_silent_and_the_nudge_comes_once_after(
    desktop: Desktop, pulse: PulseServer, softphone: str,
    tray_app: subprocess.Popen[bytes], breakwater_home: Path,
) -> None:
    wait_until(lambda: describe(breakwater_home)["available"] is True,
               what="the app watching the sound server")
    assert describe(breakwater_home)["calls_line"] == "Calls: watched (PulseAudio)"

    began = time.time()
    phone = pulse.record("mic")  # the softphone takes the microphone: a call is live
    wait_until(lambda: describe(breakwater_home)["in_call"] is True, what="the call")
    for n in range(1, 6):  # five hard calls in a row: load 'high', a break is due
        desktop.run("xdotool", "key", "--clearmodifiers", "ctrl+alt+h")
        wait_until(lambda n=n: rows(breakwater_home) == n, what=f"row {n}")
        ui = describe(breakwater_home)
        assert ui["toast"] is True and ui["toast_compact"] is True
        assert desktop.focused_window() == softphone
    # The app has decided a nudge is due and holds it: nothing reached the screen.
    wait_until(lambda: describe(breakwater_home)["held"] == 1, what="the nudge held")
    ui = describe(breakwater_home)
    assert ui["nudge"] is False and ui["nudge_accept_at"] is None
    assert "nudge" not in ui["popups"]  # type: ignore[operator]
    assert "In a call" in str(ui["tooltip"])
    assert nudges_table(breakwater_home) == []

    stop(phone)  # hang up
    hung_up = time.time()
    wait_until(lambda: describe(breakwater_home)["nudge"] is True, timeout=WRAPUP + 2,
               what="the held nudge, within the wrap-up and two seconds")
    arrived = time.time()
    assert arrived - hung_up >= WRAPUP - 0.5, "the nudge came before the wrap-up"
    ui = describe(breakwater_home)
    assert ui["nudge_text"] == ["Load is high.", "A 5-minute break away from the screen?"]
    assert ui["held"] == 0 and ui["in_call"] is False
    assert nudges_table(breakwater_home) == ["break"]  # once
    # A nudge is its card alone (never a notification too), during the call or after:
    # a marker sent now is the first and only Notify on the bus.
    desktop.run("notify-send", "marker")
    wait_until(lambda: notify_count(desktop, "marker") == 1, what="the marker")
    assert notify_count(desktop) == 1
    assert desktop.focused_window() == softphone

    [(start, end, source)] = calls_table(breakwater_home)
    assert source == "pulseaudio"
    assert began - 1 <= start <= began + 3
    assert hung_up - 1 <= end <= hung_up + 2


def test_a_notification_due_in_a_call_is_one_notification_after_it(
    desktop: Desktop, pulse: PulseServer, softphone: str, breakwater_home: Path,
) -> None:
    """The desktop-notification path (not a nudge card): the app starts at login while
    the agent is already on a call, with a message for them (a setting it must ignore).
    The message waits: no Notify on the bus during the call, exactly one after the
    wrap-up."""
    welcome_seen(breakwater_home)
    db = sqlite3.connect(breakwater_home / "breakwater.sqlite3")
    with db:
        db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES "
                   "('nudges.cooldown_minutes', '\"banana\"')")
    db.close()
    phone = pulse.record("mic")  # the call is live before Breakwater starts
    with running_app(desktop, breakwater_home):
        wait_until(lambda: describe(breakwater_home)["in_call"] is True, what="the call")
        wait_until(lambda: describe(breakwater_home)["held"] == 1, what="the message held")
        assert notify_count(desktop) == 0
        assert desktop.focused_window() == softphone

        stop(phone)
        hung_up = time.time()
        wait_until(lambda: notify_count(desktop, "nudges.cooldown_minutes") == 1,
                   timeout=WRAPUP + 2, what="the held message, after the wrap-up")
        assert time.time() - hung_up >= WRAPUP - 0.5, "the message came before the wrap-up"
        assert describe(breakwater_home)["held"] == 0
        desktop.run("notify-send", "marker")
        wait_until(lambda: notify_count(desktop, "marker") == 1, what="the marker")
        assert notify_count(desktop) == 2  # the message once, and the marker
        assert desktop.focused_window() == softphone
