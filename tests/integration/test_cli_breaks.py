"""`breakwater break` and what `status --json` says about breaks, as real processes."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from desktop.core.breaks import RunningBreak
from desktop.store.timestamps import to_iso
from tests.integration.cli_helpers import breakwater, status


def test_a_length_that_is_not_offered_is_refused_in_one_line(breakwater_home: Path) -> None:
    result = breakwater(breakwater_home, "break", "--minutes", "7")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "invalid choice" in result.stderr and "Traceback" not in result.stderr


def test_status_json_has_break_and_idle(breakwater_home: Path) -> None:
    data = status(breakwater_home)
    assert data["break"] is None
    # No tray app runs, so nothing can notice time away from the keyboard.
    assert data["idle"] == {"available": False, "source": None}


def test_a_break_running_elsewhere_shows_in_status_and_a_tag_ends_it(
        breakwater_home: Path) -> None:
    assert breakwater(breakwater_home, "status").returncode == 0  # creates the file
    now = time.time()
    db = sqlite3.connect(breakwater_home / "breakwater.sqlite3")
    # A hard call three minutes ago, and a break (a window on its own) since two.
    db.execute("INSERT INTO interactions (at_utc, utc_offset_min, kind, severity, source) "
               "VALUES (?, 0, 'difficult', 3, 'hotkey')", (to_iso(now - 180),))
    db.execute("INSERT INTO app_state (key, value) VALUES ('break', ?)",
               (RunningBreak.begin(now - 120, 5, idea=2).to_json(),))
    db.commit()
    before = 3 * 2 ** (-180 / 1800)  # ordinary decay alone
    data = status(breakwater_home)
    brk = data["break"]
    assert isinstance(brk, dict) and brk["minutes"] == 5
    assert str(brk["started"]).endswith("Z") and brk["ends"] > brk["started"]
    # Two minutes of break already count: 2^(-2/5) on top of ordinary decay.
    assert float(data["load"]) < before * 0.8  # type: ignore[arg-type]
    assert breakwater(breakwater_home, "tag", "difficult").returncode == 0
    assert status(breakwater_home)["break"] is None
    rows = db.execute("SELECT kind, outcome, planned_seconds FROM breaks").fetchall()
    db.close()
    assert rows == [("break", "shortened", 300)]  # the tag proved the person was back


def test_a_second_break_from_another_process_says_the_first_is_shown(
        breakwater_home: Path) -> None:
    """Before: `break --minutes 10` while a 2-minute break ran answered "The window is
    open", as if ten minutes had started; plain `status` did not mention the break."""
    from tests.integration.app_process import offscreen_app

    with offscreen_app(breakwater_home):
        first = breakwater(breakwater_home, "break", "--minutes", "2")
        assert first.returncode == 0, first.stderr
        assert "already running" not in first.stdout
        again = breakwater(breakwater_home, "break", "--minutes", "10")
        assert again.returncode == 0, again.stderr
        assert again.stdout.splitlines()[:2] == [
            "A break is already running; it is shown, not started again.",
            "On a break: 2 minutes left"]
        assert status(breakwater_home)["break"]["minutes"] == 2  # type: ignore[index]
        text = breakwater(breakwater_home, "status")
        assert text.stdout.splitlines()[1] == "On a break: 2 minutes left"
    rows = sqlite3.connect(breakwater_home / "breakwater.sqlite3").execute(
        "SELECT count(*) FROM breaks").fetchone()
    assert rows == (0,)  # still running (kept in the file), not a second row
