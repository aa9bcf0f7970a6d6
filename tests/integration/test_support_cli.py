"""`breakwater checkin --answers` and `breakwater contacts` as a user runs them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.integration.cli_helpers import breakwater


def rows(home: Path, sql: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(home / "breakwater.sqlite3")
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_checkin_answers_records_and_prints_the_score(breakwater_home: Path) -> None:
    result = breakwater(breakwater_home, "checkin", "--answers", "4,3,-,2,1,0")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Check-in recorded." in result.stdout
    # 100 + 75 + 50 + 25 + 0 over five answers = 50.
    assert "Your answers this week average 50 out of 100." in result.stdout
    assert "contacts list" in result.stdout  # 50 is high: it points to the people to reach
    assert rows(breakwater_home, "SELECT answered, score, source FROM checkins") == [
        (5, 50.0, "cli")]
    assert rows(breakwater_home, "SELECT item, answer, points FROM checkin_answers "
                "ORDER BY item") == [(1, 4, 100), (2, 3, 75), (3, None, None), (4, 2, 50),
                                     (5, 1, 25), (6, 0, 0)]


def test_checkin_with_a_leading_dash_and_too_few_answers(breakwater_home: Path) -> None:
    low = breakwater(breakwater_home, "checkin", "--answers", "-,1,0,-,-,1")
    assert low.returncode == 0, low.stderr
    assert "average 17 out of 100" in low.stdout  # (25 + 0 + 25) / 3 = 16.7
    assert "contacts list" not in low.stdout
    few = breakwater(breakwater_home, "checkin", "--answers", "-,-,-,-,4,4")
    assert few.returncode == 0, few.stderr
    assert "You answered 2 questions. A score needs at least 3 answers" in few.stdout
    assert rows(breakwater_home, "SELECT answered, score FROM checkins ORDER BY id") == [
        (3, 50 / 3), (2, None)]


@pytest.mark.parametrize(("answers", "why"), [
    ("4,3,2,1,0", "expected 6 answers, got 5"),
    ("4,3,2,1,0,0,0", "expected 6 answers, got 7"),
    ("4,3,2,1,0,5", "answer 6 must be 0–4 or '-', not '5'"),
    ("a,b,c,d,e,f", "answer 1 must be 0–4 or '-', not 'a'"),
    ("", "no answers given"),
    ("4,3,,1,0,0", "answer 3 must be 0–4 or '-', not ''"),
    ("-,-,-,-,-,-", "no question was answered"),
    ("4 3 2 1 0 0", "expected 6 answers, got 1"),
])
def test_checkin_refuses_malformed_answers(breakwater_home: Path, answers: str,
                                           why: str) -> None:
    result = breakwater(breakwater_home, "checkin", "--answers", answers)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == f"breakwater checkin: {why}"
    assert not (breakwater_home / "breakwater.sqlite3").exists() or rows(
        breakwater_home, "SELECT count(*) FROM checkins") == [(0,)]


def test_checkin_answers_needs_its_value(breakwater_home: Path) -> None:
    result = breakwater(breakwater_home, "checkin", "--answers")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_second_week_is_compared_with_the_first(breakwater_home: Path) -> None:
    assert breakwater(breakwater_home, "checkin", "--answers", "1,1,1,1,1,1").returncode == 0
    db = sqlite3.connect(breakwater_home / "breakwater.sqlite3")
    db.execute("UPDATE checkins SET week = '2000-W01'")  # as if it were long ago
    db.execute("INSERT INTO checkins (at_utc, utc_offset_min, week, answered, score) "
               "SELECT at_utc, 0, week, 6, 25.0 FROM checkins")
    db.commit()
    db.close()
    result = breakwater(breakwater_home, "checkin", "--answers", "2,2,2,2,2,2")
    assert "Next week's check-in will show how this moves." in result.stdout  # 2000 is > 8 wk


def test_contacts_list_add_remove(breakwater_home: Path) -> None:
    empty = breakwater(breakwater_home, "contacts", "list")
    assert empty.returncode == 0
    assert "team lead, a peer, or your employee assistance programme" in empty.stdout
    added = breakwater(breakwater_home, "contacts", "add", "Ana", "--reach", "ext. 402",
                       "--note", "team lead")
    assert added.returncode == 0, added.stderr
    assert "Added Ana as number 1." in added.stdout
    assert breakwater(breakwater_home, "contacts", "add", "EAP", "--reach",
                      "tel:+34900123456").returncode == 0
    listed = breakwater(breakwater_home, "contacts", "list").stdout.splitlines()
    assert listed == ["  1  Ana · team lead · ext. 402", "  2  EAP · tel:+34900123456"]
    removed = breakwater(breakwater_home, "contacts", "remove", "1")
    assert removed.returncode == 0 and "Removed number 1." in removed.stdout
    assert breakwater(breakwater_home, "contacts", "list").stdout.splitlines() == [
        "  2  EAP · tel:+34900123456"]


@pytest.mark.parametrize("args", [
    ("contacts", "remove", "7"),
    ("contacts", "remove", "one"),
    ("contacts", "add", " "),
    ("contacts", "call", "Ana"),
])
def test_contacts_bad_input_exits_2_with_one_line(breakwater_home: Path,
                                                   args: tuple[str, ...]) -> None:
    result = breakwater(breakwater_home, *args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_settings_say_when_the_check_in_would_come_late_or_never(
        breakwater_home: Path) -> None:
    shift = breakwater(breakwater_home, "settings", "set", "nudges.working_hours",
                       "06:00-14:00")
    assert shift.returncode == 0
    assert "note: The check-in is set for Friday at 15:00" in shift.stderr
    assert "Saturday at 06:00" in shift.stderr
    sunday = breakwater(breakwater_home, "settings", "set", "checkin.day", "sun")
    assert "never be offered" in sunday.stderr
    unrelated = breakwater(breakwater_home, "settings", "set", "breaks.minutes", "10")
    assert unrelated.returncode == 0 and "note:" not in unrelated.stderr
    fixed = breakwater(breakwater_home, "settings", "set", "checkin.time", "09:30")
    assert fixed.returncode == 0 and fixed.stderr == ""


def test_contacts_alone_opens_the_window_in_the_running_app(breakwater_home: Path) -> None:
    from desktop import ipc
    from tests.e2e.app_helpers import welcome_seen
    from tests.integration.app_process import offscreen_app

    welcome_seen(breakwater_home)
    with offscreen_app(breakwater_home):
        result = breakwater(breakwater_home, "contacts")
        assert result.returncode == 0, result.stderr
        assert result.stdout == "The window is open in the running Breakwater app.\n"
        reply = ipc.request(breakwater_home / "breakwater.sock", {"cmd": "describe"})
        assert reply is not None and reply["ui"]["open_windows"] == ["contacts"]


def test_contacts_help_says_it_opens_the_window(breakwater_home: Path) -> None:
    result = breakwater(breakwater_home, "--help")
    assert "open the people to reach, or list, add or remove them" in result.stdout
    result = breakwater(breakwater_home, "contacts", "--help")
    assert result.returncode == 0
    assert "Without an action, opens the window" in " ".join(result.stdout.split())
