"""The running app and a command reading the file agree on today's counts across the
night the clocks go back, and both agree with History's count for that day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from desktop.core.clock import FakeClock
from desktop.core.model import Kind
from desktop.service import Breakwater
from desktop.store.db import open_database
from desktop.store.repository import Store

H = 3600


def utc(*args: int) -> float:
    return datetime(*args, tzinfo=UTC).timestamp()  # type: ignore[misc]


def service(path: Path, clock: FakeClock) -> Breakwater:
    opened = open_database(path)
    return Breakwater.open(Store(opened.conn, opened.path), clock)


def test_the_app_a_command_and_history_count_the_same_today_across_the_change(
        tmp_path: Path) -> None:
    path = tmp_path / "breakwater.sqlite3"
    # Berlin: the evening of Saturday 24 October, summer time (UTC+2).
    clock = FakeClock(utc(2026, 10, 24, 21, 0), offset=2 * H)   # 23:00 CEST
    app = service(path, clock)
    app.tag(Kind.DIFFICULT, 2)                                    # 23:00, the 24th
    clock.set(utc(2026, 10, 24, 22, 40))                          # 00:40, the 25th
    app.tag(Kind.DIFFICULT, 3)
    app.tag(Kind.ORDINARY)
    # 03:00 CEST becomes 02:00 CET; the agent works Sunday morning.
    clock.set(utc(2026, 10, 25, 8, 0), offset=1 * H)             # 09:00 CET
    app.tag(Kind.DIFFICULT, 1)

    in_app = app.status()
    command = service(path, FakeClock(clock.now(), offset=1 * H)).status()
    assert (in_app.difficult_today, in_app.ordinary_today) == (2, 1)
    assert (command.difficult_today, command.ordinary_today) == (2, 1)
    assert command.load == in_app.load and command.streak == in_app.streak

    # History's count of that date (by each row's own offset, in SQL).
    [(difficult,)] = app.store.conn.execute(
        "SELECT count(*) FROM interactions WHERE kind = 'difficult' AND "
        "date(at_utc, printf('%+d minutes', utc_offset_min)) = ?",
        (date(2026, 10, 25).isoformat(),)).fetchall()
    assert difficult == in_app.difficult_today
