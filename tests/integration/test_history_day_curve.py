"""One day's load on the days the offset changes: the night the clocks go back (25 hours),
forward (23 hours), and a journey. Every tag of the local date is on the curve, at the time
the clock showed when it was tagged (the heatmap and the calls per hour say the same)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop.core.clock import FakeClock
from desktop.core.history import local_day
from desktop.service import Breakwater
from desktop.service.history import HistoryService
from desktop.store.db import open_database
from desktop.store.repository import Store
from desktop.store.timestamps import to_iso

MADRID = ZoneInfo("Europe/Madrid")
BACK = date(2026, 10, 25)  # 03:00 CEST becomes 02:00 CET
FORWARD = date(2026, 3, 29)  # 02:00 CET becomes 03:00 CEST


class MadridClock(FakeClock):
    """A fake clock whose zone is Madrid's, with its real daylight-saving rules."""

    def utc_offset(self, at: float | None = None) -> int:
        moment = self.now() if at is None else at
        delta = datetime.fromtimestamp(moment, MADRID).utcoffset()
        assert delta is not None
        return int(delta.total_seconds())


def madrid(day: date, hour: int, minute: int = 0, fold: int = 0) -> float:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=MADRID,
                    fold=fold).timestamp()


@pytest.fixture
def history(tmp_path: Path) -> Iterator[tuple[HistoryService, Store]]:
    opened = open_database(tmp_path / "b.sqlite3")
    store = Store(opened.conn, opened.path)
    clock = MadridClock(madrid(date(2026, 11, 2), 12))
    yield HistoryService(Breakwater.open(store, clock)), store
    store.close()


def tag(store: Store, at: float, offset: int | None = None) -> None:
    if offset is None:
        delta = datetime.fromtimestamp(at, MADRID).utcoffset()
        assert delta is not None
        offset = int(delta.total_seconds())
    with store.transaction() as conn:
        conn.execute("INSERT INTO interactions (at_utc, utc_offset_min, kind, severity) "
                     "VALUES (?, ?, 'difficult', 2)", (to_iso(at), offset // 60))


def tagged_at(service: HistoryService, day: date) -> list[str]:
    curve = service.day_curve(day)
    out = []
    for start, _end, mark in curve.marks:
        if mark.kind == "difficult":
            minutes = round(curve.clock(start) * 60)
            out.append(f"{minutes // 60:02d}:{minutes % 60:02d}")
    return out


def test_the_day_the_clocks_go_back_has_25_hours_and_loses_no_tag(
        history: tuple[HistoryService, Store]) -> None:
    service, store = history
    for hour, minute, fold in ((1, 30, 0), (2, 30, 0), (2, 30, 1), (9, 0, 0), (23, 30, 0)):
        tag(store, madrid(BACK, hour, minute, fold))
    curve = service.day_curve(BACK)
    assert curve.length == 25
    # Before: one offset for the whole day put 09:00 at "10:00" and dropped 23:30.
    assert tagged_at(service, BACK) == ["01:30", "02:30", "02:30", "09:00", "23:30"]
    assert curve.hours[-1] == 25 and curve.loads[-1] > 0
    assert [round(curve.clock(h)) for h in (0, 2, 3, 4, 24)] == [0, 2, 2, 3, 23]


def test_the_day_the_clocks_go_forward_has_23_hours(
        history: tuple[HistoryService, Store]) -> None:
    service, store = history
    for hour in (1, 9, 23):
        tag(store, madrid(FORWARD, hour))
    curve = service.day_curve(FORWARD)
    assert curve.length == 23
    assert tagged_at(service, FORWARD) == ["01:00", "09:00", "23:00"]


def test_a_journey_places_each_tag_at_the_clock_of_its_own_zone(
        history: tuple[HistoryService, Store]) -> None:
    service, store = history
    day = date(2026, 11, 9)
    # 08:00 in Madrid (UTC+1), then a flight; 14:00 and 22:00 in New York (UTC-5).
    tag(store, madrid(day, 8))
    for hour in (14, 22):
        tag(store, madrid(day, 0) + (hour + 6) * 3600, offset=-5 * 3600)
    assert tagged_at(service, day) == ["08:00", "14:00", "22:00"]
    assert service.day_curve(day).length == 30


def test_a_plain_day_is_24_hours_from_local_midnight() -> None:
    day = local_day(date(2026, 11, 2), 3600)
    assert day.hours == 24 and day.clock(9.5) == 9.5
    assert day.start == madrid(date(2026, 11, 2), 0)
