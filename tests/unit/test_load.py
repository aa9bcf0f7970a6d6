"""The load model, levels and streak against PRODUCT.md's numbers."""

from __future__ import annotations

import math

import pytest

from desktop.core.load import (
    Level,
    level_for,
    load_at,
    present_only,
    recovery_segments,
    snapshot,
    streak,
)
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
    (0.0, 0, Level.CALM), (2.94, 2, Level.CALM), (3.0, 0, Level.BUILDING),
    (2.96, 0, Level.BUILDING),  # shown as 3.0, so building
    (2.0, 1, Level.CALM),  # one hard call of default severity is not yet "building"
    (5.94, 0, Level.BUILDING), (5.96, 0, Level.HIGH), (6.0, 0, Level.HIGH),
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


def test_two_medium_calls_build_and_three_are_high() -> None:
    """The call-queue defaults (3.0 / 6.0): two medium calls close together offer
    breathing, about three a break."""
    tags = [hard(i, T0 + i) for i in (1, 2, 3)]
    assert snapshot(tags[:1], [], T0 + 1, 0, S).level is Level.CALM
    assert snapshot(tags[:2], [], T0 + 2, 0, S).level is Level.BUILDING
    snap = snapshot(tags, [], T0 + 3, 0, S)
    assert snap.streak == 3
    assert snap.load == pytest.approx(2 * sum(2 ** (-(3 - i) / 1800) for i in (1, 2, 3)))
    assert snap.level is Level.HIGH
    assert snap.last_difficult_id == 3
    # Spread over ten minutes the third call leaves load at 5.5: still "building".
    spread = [hard(i, T0 + i * 5 * MIN) for i in (1, 2, 3)]
    assert snapshot(spread, [], T0 + 15 * MIN, 0, S).level is Level.BUILDING


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


def test_a_tag_ends_the_recovery_it_falls_in() -> None:
    """Away, back, five hard calls: a natural break noticed late (stamped as ending after
    the first two tags) must not swallow them (issue 10: streak was 3, not 5)."""
    back = T0 + 20 * MIN
    tags = [hard(i, back + i * 0.4) for i in range(1, 6)]
    late = Recovery(T0, back + 1.0, RecoveryKind.IDLE)  # ended after tags 1 and 2
    snap = snapshot(tags, [late], back + 3, 0, S)
    assert snap.streak == 5
    cut = present_only([late], tags)
    assert cut == [Recovery(T0, back + 0.4, RecoveryKind.IDLE)]
    # No recovery is credited while tagging: load is as if the break ended at tag 1.
    assert snap.load == pytest.approx(load_at(tags, cut, back + 3, S))
    assert load_at(tags, [late], back + 3, S) == load_at(tags, cut, back + 3, S)


def test_a_tag_at_the_very_start_of_a_break_is_before_it() -> None:
    tags = [hard(1, T0)]
    brk = Recovery(T0, T0 + 5 * MIN, RecoveryKind.BREAK)
    assert present_only([brk], tags) == [brk]
    assert load_at(tags, [brk], T0 + 5 * MIN, S) == pytest.approx(1.0)
    assert streak(tags, [brk]) == 0


def test_undone_tags_do_not_cut_recovery() -> None:
    """Undo restores the state exactly, so an undone tag changes nothing."""
    tags = [hard(1, T0), Interaction(2, T0 + MIN, Kind.DIFFICULT, 2, undone=True)]
    brk = Recovery(T0 + 1, T0 + 5 * MIN, RecoveryKind.BREAK)
    assert present_only([brk], tags) == [brk]
