"""The load model, levels and streak against PRODUCT.md's numbers."""

from __future__ import annotations

import math

import pytest

from desktop.core.load import Level, level_for, load_at, recovery_segments, snapshot, streak
from desktop.core.model import Interaction, Kind, Reason, Recovery, RecoveryKind
from desktop.core.settings import Settings

S = Settings()
T0 = 1_790_000_000.0
MIN = 60.0


def hard(i: int, at: float, severity: int = 2) -> Interaction:
    return Interaction(i, at, Kind.DIFFICULT, severity)


def plain(i: int, at: float) -> Interaction:
    return Interaction(i, at, Kind.ORDINARY)


def test_single_tag_halves_every_thirty_minutes() -> None:
    tags = [hard(1, T0, 3)]
    assert load_at(tags, [], T0, S) == 3
    assert load_at(tags, [], T0 + 30 * MIN, S) == pytest.approx(1.5)
    assert load_at(tags, [], T0 + 90 * MIN, S) == pytest.approx(3 / 8)


def test_load_is_the_sum_of_decayed_severities() -> None:
    tags = [hard(1, T0, 1), hard(2, T0 + 10 * MIN, 2), hard(3, T0 + 25 * MIN, 3)]
    now = T0 + 40 * MIN
    expected = sum(t.severity * 2 ** (-(now - t.at) / (30 * MIN)) for t in tags)
    assert load_at(tags, [], now, S) == pytest.approx(expected, rel=1e-12)


def test_ordinary_and_undone_tags_add_no_load() -> None:
    tags = [plain(1, T0), Interaction(2, T0, Kind.DIFFICULT, 3, undone=True)]
    assert load_at(tags, [], T0 + 1, S) == 0


def test_five_minute_break_halves_load() -> None:
    tags = [hard(1, T0, 2)]
    brk = Recovery(T0, T0 + 5 * MIN, RecoveryKind.BREAK)
    assert load_at(tags, [brk], T0 + 5 * MIN, S) == pytest.approx(1.0)


def test_breathing_speeds_decay_by_its_own_half_life() -> None:
    tags = [hard(1, T0, 2)]
    session = Recovery(T0 + 10 * MIN, T0 + 11 * MIN, RecoveryKind.BREATHING)
    now = T0 + 11 * MIN
    expected = 2 * 2 ** -(10 / 30) * 2 ** -(1 / 2)
    assert load_at(tags, [session], now, S) == pytest.approx(expected)


def test_overlapping_recoveries_use_the_fastest_decay_once() -> None:
    spans = [Recovery(0, 600, RecoveryKind.IDLE), Recovery(100, 200, RecoveryKind.BREATHING)]
    segments = recovery_segments(spans, S)
    assert [(s.start, s.end, s.half_life) for s in segments] == [
        (0, 100, 300.0), (100, 200, 120.0), (200, 600, 300.0)]


@pytest.mark.parametrize(("load", "run", "level"), [
    (0.0, 0, Level.CALM), (1.94, 2, Level.CALM), (2.0, 0, Level.BUILDING),
    (1.96, 0, Level.BUILDING),  # shown as 2.0, so building
    (3.94, 0, Level.BUILDING), (3.96, 0, Level.HIGH), (4.0, 0, Level.HIGH),
    (0.5, 3, Level.BUILDING),
    (0.5, 4, Level.BUILDING), (0.5, 5, Level.HIGH), (3.0, 5, Level.HIGH),
])
def test_levels_follow_thresholds_and_streak(load: float, run: int, level: Level) -> None:
    assert level_for(load, run, S) is level


def test_streak_counts_difficult_since_last_ordinary_or_break() -> None:
    tags = [hard(1, T0), hard(2, T0 + 1), plain(3, T0 + 2), hard(4, T0 + 3), hard(5, T0 + 10)]
    assert streak(tags, []) == 2
    brk = Recovery(T0 + 4, T0 + 5, RecoveryKind.BREAK)
    assert streak(tags, [brk]) == 1
    breathing = Recovery(T0 + 4, T0 + 5, RecoveryKind.BREATHING)
    assert streak(tags, [breathing]) == 2


def test_undone_ordinary_does_not_end_streak() -> None:
    tags = [hard(1, T0), Interaction(2, T0 + 1, Kind.ORDINARY, undone=True), hard(3, T0 + 2)]
    assert streak(tags, []) == 2


def test_three_hard_tags_make_streak_three_and_high_load() -> None:
    tags = [hard(i, T0 + i) for i in (1, 2, 3)]
    snap = snapshot(tags, [], T0 + 3, 0, S)
    assert snap.streak == 3
    assert snap.load == pytest.approx(2 * sum(2 ** (-(3 - i) / 1800) for i in (1, 2, 3)))
    assert snap.level is Level.HIGH
    assert snap.last_difficult_id == 3


def test_today_counts_use_the_local_day() -> None:
    offset = -5 * 3600
    # 03:00 UTC is 22:00 the previous local day at UTC-5.
    midnight_utc = 1_790_035_200.0  # a UTC midnight
    assert midnight_utc % 86400 == 0
    tags = [hard(1, midnight_utc + 3 * 3600), plain(2, midnight_utc + 6 * 3600)]
    snap = snapshot(tags, [], midnight_utc + 7 * 3600, offset, S)
    assert (snap.difficult_today, snap.ordinary_today) == (0, 1)


def test_a_tag_stamped_before_the_previous_one_adds_without_decay() -> None:
    tags = [hard(1, T0 + 3600), hard(2, T0)]  # the clock went back an hour between them
    assert load_at(tags, [], T0 + 3600, S) == 4


def test_reason_only_on_difficult() -> None:
    with pytest.raises(ValueError, match="ordinary"):
        Interaction(1, T0, Kind.ORDINARY, 0, Reason.OTHER)
    with pytest.raises(ValueError, match="severity"):
        Interaction(1, T0, Kind.DIFFICULT, 4)
    assert math.isfinite(load_at([hard(1, T0)], [], T0 + 1e9, S))
