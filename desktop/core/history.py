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
from desktop.core.text import N_, Message


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


# The first day History can show: every time is stored as seconds since 1970 (a machine
# whose clock was reset may have stamped that day). Days after today hold nothing yet.
EARLIEST_DAY = date(1970, 1, 1)

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
    recorded (for ALL); ``first``/``last`` are the user's dates (for CUSTOM), in either
    order, cut to the days that can hold anything (EARLIEST_DAY to today). Raises
    ValueError when none of them can (``custom_problem`` says why in words)."""
    if kind is RangeKind.CUSTOM:
        if first is None or last is None:
            raise ValueError("a custom range needs a first and a last day")
        if last < first:
            first, last = last, first
        if custom_problem(first, last, today) is not None:
            raise ValueError("a custom range needs a day from 1970 to today")
        return Period(kind, max(first, EARLIEST_DAY), min(last, today))
    if kind is RangeKind.ALL:
        start = min(earliest or today, today)
        return Period(kind, start, today)
    return Period(kind, today - timedelta(days=RANGE_DAYS[kind] - 1), today)


def custom_problem(first: date, last: date, today: date) -> Message | None:
    """Why no day from ``first`` to ``last`` can be shown, or None when some can."""
    if min(first, last) > today:
        return Message(N_("That period starts after today: nothing is recorded there yet."))
    if max(first, last) < EARLIEST_DAY:
        return Message(N_("That period ends before 1970: Breakwater keeps nothing from then."))
    return None


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


@dataclass(frozen=True)
class LocalDay:
    """The instants of one local date, which are not always 24 hours: from its midnight
    at the offset the day began with to the next midnight at the offset it ended with.
    The day clocks go back is 25 hours long, the day they go forward 23, and a day of
    travel whatever the flight made it. ``switch`` is when the offset changed (``end``
    when it did not)."""

    start: float  # UTC epoch seconds of local midnight
    end: float
    start_offset: int  # seconds east of UTC
    end_offset: int
    switch: float

    @property
    def hours(self) -> float:
        return (self.end - self.start) / 3600

    def offset_at(self, at: float) -> int:
        return self.start_offset if at < self.switch else self.end_offset

    def clock(self, elapsed_hours: float) -> float:
        """What the local clock showed ``elapsed_hours`` after midnight, in hours (0–24)."""
        at = self.start + elapsed_hours * 3600
        return ((at + self.offset_at(at)) % SECONDS_PER_DAY) / 3600


def local_day(day: date, start_offset: int, end_offset: int | None = None,
              switch: float | None = None) -> LocalDay:
    """``day`` from midnight at ``start_offset`` to the next midnight at ``end_offset``
    (the same when None); ``switch``: when the offset changed, somewhere in between."""
    end_offset = start_offset if end_offset is None else end_offset
    start = _epoch(day) - start_offset
    end = _epoch(day + timedelta(days=1)) - end_offset
    if end <= start:  # a change of a day or more (a date line crossed): keep one day
        end_offset, end = start_offset, start + SECONDS_PER_DAY
    if end_offset == start_offset or switch is None:
        switch = end if end_offset == start_offset else start
    return LocalDay(start, end, start_offset, end_offset, min(max(switch, start), end))
