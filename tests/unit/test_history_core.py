"""History's pure rules: what a range covers, how its bars are cut, and the day's load
curve from the core model."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.history import (
    DAY_BARS_UP_TO,
    EARLIEST_DAY,
    WEEK_BARS_UP_TO,
    Bucket,
    Period,
    RangeKind,
    bucket_for,
    custom_problem,
    local_date,
    period_for,
    spans,
)
from desktop.core.load import load_at, load_curve, present_only
from desktop.core.model import Interaction, Kind, Recovery, RecoveryKind
from desktop.core.settings import Settings

TODAY = date(2026, 11, 25)  # a Wednesday
S = Settings()
T0 = 1_790_000_000.0


def test_named_ranges_end_today_and_span_their_days() -> None:
    assert period_for(RangeKind.TODAY, TODAY) == Period(RangeKind.TODAY, TODAY, TODAY)
    week = period_for(RangeKind.WEEK, TODAY)
    assert (week.first, week.last, week.days) == (date(2026, 11, 19), TODAY, 7)
    assert period_for(RangeKind.MONTH, TODAY).days == 30
    assert period_for(RangeKind.YEAR, TODAY).days == 365


def test_all_starts_on_the_first_recorded_day_and_custom_dates_are_ordered() -> None:
    assert period_for(RangeKind.ALL, TODAY, date(2021, 3, 1)).first == date(2021, 3, 1)
    assert period_for(RangeKind.ALL, TODAY, None).first == TODAY  # a new user
    custom = period_for(RangeKind.CUSTOM, TODAY, first=date(2026, 2, 10), last=date(2026, 1, 5))
    assert (custom.first, custom.last) == (date(2026, 1, 5), date(2026, 2, 10))
    with pytest.raises(ValueError, match="custom"):
        period_for(RangeKind.CUSTOM, TODAY, first=date(2026, 1, 1))


@pytest.mark.parametrize(("days", "bucket"), [
    (1, Bucket.HOUR), (2, Bucket.DAY), (DAY_BARS_UP_TO, Bucket.DAY),
    (DAY_BARS_UP_TO + 1, Bucket.WEEK), (WEEK_BARS_UP_TO, Bucket.WEEK),
    (WEEK_BARS_UP_TO + 1, Bucket.MONTH)])
def test_long_ranges_get_wider_bars(days: int, bucket: Bucket) -> None:
    assert bucket_for(days) is bucket


def test_weeks_start_on_monday_and_months_on_the_first_clipped_to_the_period() -> None:
    year = period_for(RangeKind.YEAR, TODAY)
    bars = spans(year)
    assert bars[0].first == year.first  # clipped: the period starts on a Wednesday
    assert all(b.first.weekday() == 0 for b in bars[1:])
    assert bars[-1].end == TODAY + timedelta(days=1)
    everything = spans(Period(RangeKind.ALL, date(2021, 11, 25), TODAY))
    assert everything[0].first == date(2021, 11, 25) and everything[1].first == date(2021, 12, 1)
    assert all(b.first.day == 1 for b in everything[1:])
    assert len(everything) == 61


@given(st.dates(date(2000, 1, 1), date(2040, 1, 1)), st.integers(0, 3000))
def test_bars_cover_every_day_of_a_period_once(first: date, length: int) -> None:
    period = Period(RangeKind.CUSTOM, first, first + timedelta(days=length))
    bars = spans(period)
    assert bars[0].first == period.first and bars[-1].end == period.last + timedelta(days=1)
    for before, after in itertools.pairwise(bars):
        assert before.end == after.first and before.first < before.end


@given(st.dates(date(2000, 1, 1), date(2040, 1, 1)),
       st.integers(-12 * 60, 14 * 60), st.floats(0, 86_399.999))
def test_utc_bounds_hold_every_instant_of_the_local_day(day: date, offset_min: int,
                                                      second: float) -> None:
    midnight = datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()
    at = midnight + second - offset_min * 60  # that local second, as a UTC instant
    assert local_date(at, offset_min * 60) == day
    start, end = Period(RangeKind.CUSTOM, day, day).utc_bounds()
    assert start <= at < end


def hard(i: int, at: float, severity: int = 2) -> Interaction:
    return Interaction(i, at, Kind.DIFFICULT, severity)


tag_lists = st.lists(st.tuples(st.floats(0, 4 * 3600), st.integers(1, 3), st.booleans(),
                               st.booleans()), max_size=25)
recovery_lists = st.lists(st.tuples(st.floats(0, 4 * 3600), st.floats(0, 1800),
                                    st.sampled_from(list(RecoveryKind))), max_size=5)


@given(tag_lists, recovery_lists, st.lists(st.floats(-600, 5 * 3600), max_size=30))
def test_the_curve_is_load_at_over_the_tags_seen_so_far(
        raw_tags: list[tuple[float, int, bool, bool]],
        raw_recoveries: list[tuple[float, float, RecoveryKind]],
        raw_times: list[float]) -> None:
    tags = [Interaction(i, T0 + at, Kind.DIFFICULT if difficult else Kind.ORDINARY,
                        severity if difficult else 0, undone=undone)
            for i, (at, severity, difficult, undone) in enumerate(raw_tags)]
    recoveries = [Recovery(T0 + s, T0 + s + d, k) for s, d, k in raw_recoveries]
    times = sorted(T0 + t for t in raw_times)
    curve = load_curve(tags, recoveries, times, S)
    for at, value in zip(times, curve, strict=True):
        # A hard tag counts from its clock-safe time: the latest hard tag's time so far
        # (ordinary and undone tags weigh nothing either way).
        seen, high = [], float("-inf")
        for tag in tags:
            if tag.kind is Kind.DIFFICULT and not tag.undone:
                high = max(high, tag.at)
                if high > at:
                    continue
            seen.append(tag)
        # Recovery is never credited while the person was tagging (present_only).
        expected = load_at(seen, present_only(recoveries, tags), at, S)
        assert value == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_the_curve_steps_up_at_a_tag_and_decays_by_half_each_half_life() -> None:
    tags = [hard(1, T0, 2)]
    before, at, later = load_curve(tags, [], [T0 - 1, T0, T0 + S.half_life], S)
    assert (before, at) == (0.0, 2.0)
    assert later == pytest.approx(1.0)
    with pytest.raises(ValueError, match="ascending"):
        load_curve(tags, [], [T0, T0 - 1], S)


@given(st.dates(), st.dates())
def test_a_custom_period_holds_only_days_that_can_have_data(first: date, last: date) -> None:
    # QDateEdit allows years 1752 to 9999, the command line 1 to 9999; the queries only
    # work from 1970 (UTC seconds) and nothing is recorded after today.
    if custom_problem(first, last, TODAY) is not None:
        with pytest.raises(ValueError):
            period_for(RangeKind.CUSTOM, TODAY, first=first, last=last)
        assert min(first, last) > TODAY or max(first, last) < EARLIEST_DAY
        return
    period = period_for(RangeKind.CUSTOM, TODAY, first=first, last=last)
    assert EARLIEST_DAY <= period.first <= period.last <= TODAY
    assert period.first == max(min(first, last), EARLIEST_DAY)
    assert period.last == min(max(first, last), TODAY)
    assert period.utc_bounds()[0] < period.utc_bounds()[1]  # no OverflowError either
    spans(period)


def test_a_period_with_no_day_to_show_says_why() -> None:
    future = custom_problem(date(2027, 1, 1), date(2027, 2, 1), TODAY)
    past = custom_problem(date(1, 1, 1), date(1969, 12, 31), TODAY)
    assert future is not None and "after today" in future.render()
    assert past is not None and "before 1970" in past.render()
    assert custom_problem(date(1, 1, 1), date(9999, 12, 31), TODAY) is None
