"""Breaks and time away through the service, on a real SQLite file with a fake clock:
the rows written, load while a break runs, one span for overlapping rest, and a second
process reading the same file agreeing with the first."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.clock import FakeClock
from desktop.core.model import Kind, Recovery, RecoveryKind
from desktop.service import Breakwater, breaks, handle_request
from desktop.store.breaks import BreakRows
from desktop.store.db import open_database
from desktop.store.repository import Store

T0 = 1_790_035_200.0 + 10 * 3600
MIN = 60.0


def open_app(path: Path, clock: FakeClock) -> Breakwater:
    opened = open_database(path)
    return Breakwater.open(Store(opened.conn, opened.path), clock)


@pytest.fixture
def app(tmp_path: Path) -> Breakwater:
    return open_app(tmp_path / "b.sqlite3", FakeClock(T0))


def fresh(app: Breakwater) -> Breakwater:
    """Another process (``breakwater status`` with no app running) on the same file."""
    clock = app.clock
    assert isinstance(clock, FakeClock)
    return open_app(app.store.path, clock)


def rows(app: Breakwater) -> list[tuple[str, float, float, str, int | None, int | None]]:
    from desktop.store.timestamps import from_iso

    return [(kind, from_iso(s), from_iso(e), outcome, planned, nudge)
            for kind, s, e, outcome, planned, nudge in app.store.conn.execute(
                "SELECT kind, started_utc, ended_utc, outcome, planned_seconds, nudge_id "
                "FROM breaks ORDER BY id")]


def hard_calls(app: Breakwater, n: int, severity: int = 2) -> None:
    for _ in range(n):
        app.tag(Kind.DIFFICULT, severity)


def test_load_falls_while_a_break_runs_and_the_row_says_shortened(app: Breakwater) -> None:
    clock = app.clock
    assert isinstance(clock, FakeClock)
    hard_calls(app, 3)
    app.store.conn.execute("INSERT INTO nudges (shown_utc, utc_offset_min, kind, level, "
                           "load, streak) VALUES ('2026-01-01T00:00:00.000000Z', 0, 'break', "
                           "'high', 6, 3)")
    run = breaks.start(app, None, nudge_id=1)
    assert run.seconds == 300  # breaks.minutes
    before = app.status().load
    clock.advance(150)
    during = app.status().load
    # Half of a 5-minute break: the break half-life (5 min) applies, not the ordinary 30.
    assert during == pytest.approx(before * 2 ** (-150 / 300))
    assert fresh(app).status().load == pytest.approx(during)  # the CLI sees it too
    status = handle_request(app, {"cmd": "status"})["status"]
    assert status["break"] == {"started": "2026-09-22T10:00:00.000000Z",
                               "ends": "2026-09-22T10:05:00.000000Z", "minutes": 5,
                               "nudge_id": 1}
    done = breaks.finish(app, clock.now(), "back")
    assert done is not None
    assert rows(app) == [("break", T0, T0 + 150, "shortened", 300, 1)]
    assert breaks.current(app) is None and handle_request(
        app, {"cmd": "status"})["status"]["break"] is None
    assert app.status().load == pytest.approx(during)
    assert app.status().streak == 0  # a break ends a streak
    assert fresh(app).status() == app.status()


def test_plus_two_minutes_then_taken_at_its_end(app: Breakwater) -> None:
    clock = app.clock
    assert isinstance(clock, FakeClock)
    breaks.start(app, 2)
    assert breaks.extend(app) is not None
    clock.advance(3 * MIN)
    assert breaks.finish_if_due(app, clock.now()) is None  # 4 minutes now
    clock.advance(MIN + 0.4)
    done = breaks.finish_if_due(app, clock.now())
    assert done is not None and done.outcome.value == "taken"
    assert rows(app) == [("break", T0, T0 + 4 * MIN, "taken", 120, None)]


def test_a_tag_during_a_break_ends_it_at_the_tag(app: Breakwater) -> None:
    clock = app.clock
    assert isinstance(clock, FakeClock)
    hard_calls(app, 1)
    breaks.start(app, 10)
    clock.advance(2 * MIN)
    heard: list[str] = []
    app.break_listeners.append(lambda done, how: heard.append(how))
    app.tag(Kind.DIFFICULT)
    assert heard == ["tag"]
    assert rows(app) == [("break", T0, T0 + 2 * MIN, "shortened", 600, None)]
    assert app.status().streak == 1  # the tag after the break counts


def test_a_break_already_running_is_shown_not_started_again(app: Breakwater) -> None:
    first = breaks.start(app, 5, nudge_id=None)
    again = breaks.start(app, 15, nudge_id=3)
    assert again == first
    other = fresh(app)  # a window on its own, or the app after a restart
    assert breaks.current(other) == first
    app.clock.advance(60)  # type: ignore[attr-defined]
    assert breaks.finish(other, app.clock.now(), "back") is not None
    assert breaks.finish(app, app.clock.now(), "back") is None  # recorded once only
    assert len(rows(app)) == 1


def test_idle_during_a_break_is_the_same_break_not_a_second_row(app: Breakwater) -> None:
    """Away from the start of a 5-minute break until 12 minutes: one span, 'taken',
    ending when the person came back."""
    clock = app.clock
    assert isinstance(clock, FakeClock)
    hard_calls(app, 3)
    breaks.start(app, 5)
    clock.advance(4 * MIN)
    app.presence.idle(clock.now(), 4 * MIN, app.settings.idle_break)  # away since T0
    clock.advance(2 * MIN)
    assert breaks.finish_if_due(app, clock.now()) is not None  # taken at 5 min
    assert rows(app) == [("break", T0, T0 + 5 * MIN, "taken", 300, None)]
    clock.advance(6 * MIN)
    app.presence.idle(clock.now(), 12 * MIN, app.settings.idle_break)
    during = app.status().load
    clock.advance(5)
    rest = app.presence.idle(clock.now(), 1, app.settings.idle_break)
    assert rest is not None
    assert app.record_natural_break(rest) is False  # part of the break, not one of its own
    assert rows(app) == [("break", T0, T0 + 12 * MIN, "taken", 300, None)]
    assert app.status().load == pytest.approx(during * 2 ** (-5 / 1800))
    assert fresh(app).status() == app.status()


def test_back_early_without_saying_so_the_break_still_ends_once(app: Breakwater) -> None:
    clock = app.clock
    assert isinstance(clock, FakeClock)
    breaks.start(app, 10)
    clock.advance(4 * MIN)
    app.presence.idle(clock.now(), 4 * MIN, app.settings.idle_break)
    clock.advance(60)
    rest = app.presence.idle(clock.now(), 0.5, app.settings.idle_break)
    assert rest is not None and app.record_natural_break(rest) is False
    assert rows(app) == []  # covered by the running break
    clock.advance(5 * MIN)
    breaks.finish_if_due(app, clock.now())
    assert rows(app) == [("break", T0, T0 + 10 * MIN, "taken", 600, None)]


def test_time_away_and_sleep_that_overlap_are_one_natural_break(app: Breakwater) -> None:
    clock = app.clock
    assert isinstance(clock, FakeClock)
    app.record_natural_break(Recovery(T0, T0 + 10 * MIN, RecoveryKind.IDLE))
    app.record_natural_break(Recovery(T0 + 5 * MIN, T0 + 60 * MIN, RecoveryKind.IDLE))
    app.record_natural_break(Recovery(T0 + 90 * MIN, T0 + 95 * MIN, RecoveryKind.IDLE))
    assert [(r.kind, r.started, r.ended) for r in BreakRows(app.store).rows()] == [
        (RecoveryKind.IDLE, T0, T0 + 60 * MIN), (RecoveryKind.IDLE, T0 + 90 * MIN,
                                                 T0 + 95 * MIN)]


def test_a_dismissed_offer_is_a_skipped_row_without_recovery(app: Breakwater) -> None:
    hard_calls(app, 3)
    before = app.status()
    breaks.skip(app, None)
    assert rows(app) == [("break", T0, T0, "skipped", 300, None)]
    assert app.status() == before
    assert fresh(app).status() == before


def test_the_next_break_has_the_next_idea(app: Breakwater) -> None:
    first = breaks.start(app, 2)
    breaks.finish(app, app.clock.now(), "back")
    breaks.skip(app, None)
    second = breaks.start(app, 2)
    assert (first.idea, second.idea) == (0, 2)


def test_status_json_says_whether_natural_breaks_can_be_counted(app: Breakwater) -> None:
    status = handle_request(app, {"cmd": "status"})["status"]
    # Without the tray app nothing watches idle time.
    assert status["idle"] == {"available": False, "source": None}
    assert status["break"] is None


def test_a_break_left_running_by_a_quit_app_is_over_at_its_end(app: Breakwater) -> None:
    """The app quit mid-break and did not come back: hours later, the break counts to its
    end and no further, status no longer says "on a break", and a break asked for now
    starts (the old one recorded as taken) rather than showing "Break over"."""
    clock = app.clock
    assert isinstance(clock, FakeClock)
    hard_calls(app, 3)
    breaks.start(app, 5)
    app.store.close()  # quit mid-break
    clock.advance(3 * 3600)
    later = fresh(app)
    reply = handle_request(later, {"cmd": "status"})
    assert reply["status"]["break"] is None
    before = later.status().load
    # What the file says once the break is recorded: the same load.
    recorder = fresh(later)
    assert breaks.current(recorder) is not None
    run = breaks.start(recorder, 10)
    assert run.started == T0 + 3 * 3600 and run.planned_seconds == 600
    assert rows(recorder) == [("break", T0, T0 + 5 * MIN, "taken", 300, None)]
    breaks.finish(recorder, clock.now(), "back")  # the new break, at once: no rest
    assert fresh(recorder).status().load == pytest.approx(before, rel=1e-9)
