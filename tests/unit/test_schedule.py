from __future__ import annotations

import pytest

from desktop.core.load import Level, Snapshot
from desktop.core.schedule import MAX_SLEEP, MIN_SLEEP, next_wake, seconds_until_below
from desktop.core.settings import Settings

S = Settings()


def snap(load: float, level: Level, at: float = 1000.0) -> Snapshot:
    return Snapshot(at, load, level, 0, 0, 0, None)


def test_time_until_load_decays_below_a_threshold() -> None:
    assert seconds_until_below(4.0, 2.0, 1800) == pytest.approx(1800, abs=0.01)
    assert seconds_until_below(1.0, 2.0, 1800) == 0


def test_sleeps_at_most_a_minute_and_at_least_a_second() -> None:
    assert next_wake(snap(0, Level.CALM), S) == MAX_SLEEP
    assert next_wake(snap(3.0005, Level.BUILDING), S) == MIN_SLEEP


def test_wakes_for_a_level_drop_or_a_deadline() -> None:
    # 6.03 → 6.0 takes h·log2(6.03/6) ≈ 12.9 s.
    assert next_wake(snap(6.03, Level.HIGH), S) == pytest.approx(12.95, abs=0.1)
    assert next_wake(snap(0, Level.CALM), S, 1030.0, None) == pytest.approx(30.0)
    assert next_wake(snap(0, Level.CALM), S, 900.0) == MAX_SLEEP  # a past deadline is ignored
