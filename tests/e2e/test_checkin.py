"""The weekly check-in on a real X display: answered with the keyboard alone (xdotool),
on its own and from the offer card in the running app, and found in the database."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from desktop.core.settings import WEEKDAYS
from tests.e2e.app_helpers import cli, describe, focused_window, stored, window_alone
from tests.e2e.virtual_desktop import Desktop, wait_until

pytestmark = pytest.mark.e2e

SHOTS = Path(os.environ.get("BREAKWATER_ARTIFACTS", "artifacts")) / "screenshots"
TITLE = "Weekly check-in — Breakwater"


def checkins(home: Path) -> list[tuple[object, ...]]:
    return stored(home, "SELECT c.score, c.source, group_concat(coalesce(a.answer, '-'), ',') "
                  "FROM checkins c JOIN checkin_answers a ON a.checkin_id = c.id "
                  "GROUP BY c.id ORDER BY c.id", missing_ok=True)


def test_a_check_in_with_the_keyboard_alone(desktop: Desktop, breakwater_home: Path) -> None:
    with window_alone(desktop, breakwater_home, "checkin") as proc:
        focused_window(desktop, TITLE, what="the check-in window")
        # One key per question (5 = to a very high degree), "-" leaves one out, Enter saves.
        desktop.run("xdotool", "key", "5", "4", "minus", "3", "2", "1")
        SHOTS.mkdir(parents=True, exist_ok=True)
        desktop.run("import", "-window", "root", str(SHOTS / "xvfb-checkin-1-answered.png"))
        desktop.run("xdotool", "key", "Return")
        wait_until(lambda: checkins(breakwater_home), what="the check-in row")
        desktop.run("import", "-window", "root", str(SHOTS / "xvfb-checkin-2-result.png"))
        desktop.run("xdotool", "key", "Escape")
        assert proc.wait(timeout=15) == 0, proc.stderr.read() if proc.stderr else ""
    assert checkins(breakwater_home) == [(50.0, "window", "4,3,-,2,1,0")]


def test_offered_in_the_running_app_without_taking_focus_then_answered(
        desktop: Desktop, tray_app: object, softphone: str, breakwater_home: Path) -> None:
    today = WEEKDAYS[dt.datetime.now().weekday()]
    for key, value in (("checkin.day", today), ("checkin.time", "00:00")):
        assert cli(desktop, breakwater_home, "settings", "set", key, value).returncode == 0
    # The app re-reads its settings: the offer is due now and appears as a card.
    wait_until(lambda: describe(breakwater_home)["checkin_offer_open_at"],
               what="the check-in offer")
    assert desktop.focused_window() == softphone  # the card did not take the keyboard
    assert "Weekly check-in" not in desktop.notifications()  # one surface: the card
    SHOTS.mkdir(parents=True, exist_ok=True)
    desktop.run("import", "-window", "root", str(SHOTS / "xvfb-checkin-0-offer.png"))
    x, y = describe(breakwater_home)["checkin_offer_open_at"]  # type: ignore[misc]
    desktop.run("xdotool", "mousemove", str(x), str(y), "click", "1")
    wait_until(lambda: (describe(breakwater_home)["checkin"] or {}).get("active"),
               what="the check-in window, focused")  # the user asked for it
    desktop.run("xdotool", "key", "1", "1", "2", "1", "1", "1", "Return")
    wait_until(lambda: (describe(breakwater_home)["checkin"] or {}).get("page") == "result",
               what="the result page")
    [(score, source, answers)] = checkins(breakwater_home)
    assert (score, source, answers) == (pytest.approx(25 / 6), "window", "0,0,1,0,0,0")
    desktop.run("xdotool", "key", "Escape")
    wait_until(lambda: describe(breakwater_home)["checkin"] is None, what="the window closed")
    # Not offered again this week, even after the app re-reads its settings.
    assert cli(desktop, breakwater_home, "settings", "set", "checkin.time", "00:01"
               ).returncode == 0
    assert cli(desktop, breakwater_home, "status").returncode == 0
    assert describe(breakwater_home)["checkin_offer_open_at"] is None
