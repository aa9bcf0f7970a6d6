"""What History shows, as plain rules: which local dates a range covers, how its bars are
grouped, and when there is too little to say anything.

No SQL and no clock here: "today" comes in as an argument. The store counts; this module
decides what the counts are counted over.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from desktop.core.clock import SECONDS_PER_DAY


class RangeKind(enum.StrEnum):
    TODAY = "today"
    WEEK = "week"  # the last 7 days, today included
    MONTH = "month"  # the last 30 days
    YEAR = "year"  # the last 365 days
    ALL = "all"  # from the first thing recorded
    CUSTOM = "custom"


class Bucket(enum.StrEnum):
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"  # Monday to Sunday
    MONTH = "month"


RANGE_DAYS = {RangeKind.TODAY: 1, RangeKind.WEEK: 7, RangeKind.MONTH: 30, RangeKind.YEAR: 365}

# Up to this many days a bar is a day, then a week, then a month: 92 days is about 90 bars,
# two years about 105 weekly bars; beyond that, monthly bars keep the chart readable.
DAY_BARS_UP_TO = 92
WEEK_BARS_UP_TO = 731

# Below these counts History says "not enough yet" rather than showing noise.
MIN_RATED_SESSIONS = 5  # per breathing pattern, sessions rated before and after
MIN_MOMENTS = 5  # per kind of response in "how fast load fell"

# What counts as "after" a nudge: a recovery started this soon after it was shown...
RESPONSE_WINDOW_SECONDS = 10 * 60
# ...and how long after the nudge load is compared with load at the nudge.
FALL_WINDOW_SECONDS = 30 * 60
# A high-load moment "followed by a recovery" when one starts within this time.
RECOVERY_WITHIN_SECONDS = 30 * 60
# The most recent nudges looked at for "how fast load fell" (a bound on the query's cost;
# at ~15 nudges a day this is months of evidence).
FALL_SAMPLE = 1500

# Local offsets on Earth run from UTC-12 to UTC+14: a local date's rows lie within these
# bounds of its UTC date, so a UTC index can narrow a local-date search.
EARLIEST_OFFSET_SECONDS = -12 * 3600
LATEST_OFFSET_SECONDS = 14 * 3600


@dataclass(frozen=True)
class Period:
    """An inclusive span of local dates."""

    kind: RangeKind
    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("a period ends on or after the day it starts")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def bucket(self) -> Bucket:
        return bucket_for(self.days)

    def utc_bounds(self) -> tuple[float, float]:
        """UTC epoch seconds [start, end) that surely contain every instant whose local
        date, under any offset, falls in the period."""
        start = _epoch(self.first) - LATEST_OFFSET_SECONDS
        end = _epoch(self.last + timedelta(days=1)) - EARLIEST_OFFSET_SECONDS
        return start, end

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last


def _epoch(day: date) -> float:
    return float((day - date(1970, 1, 1)).days * SECONDS_PER_DAY)


def bucket_for(days: int) -> Bucket:
    if days <= 1:
        return Bucket.HOUR
    if days <= DAY_BARS_UP_TO:
        return Bucket.DAY
    if days <= WEEK_BARS_UP_TO:
        return Bucket.WEEK
    return Bucket.MONTH


def local_date(at: float, offset: int) -> date:
    """The local calendar date of instant ``at`` (UTC epoch seconds) at ``offset``."""
    return date(1970, 1, 1) + timedelta(days=int((at + offset) // SECONDS_PER_DAY))


def period_for(kind: RangeKind, today: date, earliest: date | None = None,
               first: date | None = None, last: date | None = None) -> Period:
    """The period a range names. ``earliest`` is the first local date with anything
    recorded (for ALL); ``first``/``last`` are the user's dates (for CUSTOM)."""
    if kind is RangeKind.CUSTOM:
        if first is None or last is None:
            raise ValueError("a custom range needs a first and a last day")
        if last < first:
            first, last = last, first
        return Period(kind, first, last)
    if kind is RangeKind.ALL:
        start = min(earliest or today, today)
        return Period(kind, start, today)
    return Period(kind, today - timedelta(days=RANGE_DAYS[kind] - 1), today)


@dataclass(frozen=True)
class Span:
    """One bar: local dates [first, end) — ``end`` is the day after its last day."""

    first: date
    end: date


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def spans(period: Period) -> list[Span]:
    """The bars of a period (for HOUR periods, its single day), contiguous, covering every
    day of the period once; the first and last are clipped to the period."""
    bucket = period.bucket
    stop = period.last + timedelta(days=1)
    out: list[Span] = []
    if bucket in (Bucket.HOUR, Bucket.DAY):
        day = period.first
        while day < stop:
            out.append(Span(day, day + timedelta(days=1)))
            day += timedelta(days=1)
        return out
    if bucket is Bucket.WEEK:
        start = period.first - timedelta(days=period.first.weekday())
    else:
        start = _month_start(period.first)
    while start < stop:
        after = start + timedelta(days=7) if bucket is Bucket.WEEK else _next_month(start)
        out.append(Span(max(start, period.first), min(after, stop)))
        start = after
    return out


def share(part: int, whole: int) -> float | None:
    """``part / whole``, or None when there is nothing to divide (shown as "—")."""
    return part / whole if whole else None


def enough(count: int, minimum: int) -> bool:
    return count >= minimum
