"""History's use cases: which period a range means today, and each chart's numbers.

No Qt here. The window asks for one chart at a time (only what is on screen is queried);
every number comes from an SQL aggregate in desktop/store/history.py, except a single
day's load curve, which the core's load model computes from that day's events.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from desktop.core.checkin import monday_of, weeks_before
from desktop.core.clock import SECONDS_PER_DAY
from desktop.core.history import (
    MIN_MOMENTS,
    MIN_RATED_SESSIONS,
    Bucket,
    LocalDay,
    Period,
    RangeKind,
    Span,
    enough,
    local_date,
    local_day,
    period_for,
    spans,
)
from desktop.core.load import load_curve
from desktop.core.tracker import WINDOW_HALF_LIVES
from desktop.service import Breakwater
from desktop.store.history import (
    BreakCounts,
    CallCounts,
    HistoryQueries,
    LoadFall,
    Mark,
    NudgeCounts,
    PatternEffect,
)

CURVE_STEP_SECONDS = 120  # one point every two minutes: 720 points a day


@dataclass(frozen=True)
class Bars:
    """Numbers per bar. For an HOUR period ``spans`` holds its one day and ``hours`` is
    True: the bars are that day's 24 hours."""

    period: Period
    spans: list[Span]
    hours: bool

    @property
    def bucket(self) -> Bucket:
        if self.hours:
            return Bucket.HOUR
        return Bucket.DAY if self.period.bucket is Bucket.HOUR else self.period.bucket


@dataclass(frozen=True)
class CallBars(Bars):
    counts: list[CallCounts]


@dataclass(frozen=True)
class NudgeBars(Bars):
    counts: list[NudgeCounts]


@dataclass(frozen=True)
class BreakBars(Bars):
    counts: list[BreakCounts]


@dataclass(frozen=True)
class Headline:
    longest_streak: int
    last_seven: int  # hard calls in the last 7 days
    weekly_average: float  # per week over the 28 days before those
    high_moments: int
    recovered: int  # high moments followed by a recovery within 30 minutes


@dataclass(frozen=True)
class Helps:
    patterns: list[PatternEffect]
    falls: list[LoadFall]
    min_sessions: int = MIN_RATED_SESSIONS
    min_moments: int = MIN_MOMENTS

    def pattern_ready(self, effect: PatternEffect) -> bool:
        return enough(effect.rated, self.min_sessions)

    def fall_ready(self, fall: LoadFall) -> bool:
        return enough(fall.moments, self.min_moments)


@dataclass(frozen=True)
class DayCurve:
    day: date
    hours: list[float]  # hours elapsed since local midnight (0 to local.hours)
    loads: list[float]
    marks: list[tuple[float, float, Mark]]  # (start hour, end hour, mark), within the day
    building_at: float
    high_at: float
    # The day's instants and offsets: what the clock showed at each hour (the day the
    # clocks change is 23 or 25 hours long). A plain 24-hour day when not given.
    local: LocalDay | None = None

    @property
    def length(self) -> float:
        return self.local.hours if self.local is not None else 24.0

    def clock(self, hour: float) -> float:
        """The local clock time (hours, 0–24) ``hour`` hours after midnight."""
        return self.local.clock(hour) if self.local is not None else hour % 24


TREND_WEEKS = 8  # as the check-in's own result page shows


def iso_week(day: date) -> str:
    """The ISO week of a local date, as the check-ins store it: "2026-W48"."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class WeekScore:
    week: str  # ISO week, "2026-W48"
    monday: date
    checked_in: bool
    score: float | None  # None: no check-in, or too few answers for a score


@dataclass(frozen=True)
class CheckinTrend:
    weeks: list[WeekScore]

    @property
    def any(self) -> bool:
        return any(w.checked_in for w in self.weeks)


@dataclass(frozen=True)
class CallHours:
    period: Period
    calls: list[int]  # calls that started in each local hour 0–23
    difficult: list[int]  # hard calls tagged in each hour

    def share(self, hour: int) -> float | None:
        """Hard calls tagged per call detected in that hour (None without calls)."""
        return self.difficult[hour] / self.calls[hour] if self.calls[hour] else None


class HistoryService:
    def __init__(self, app: Breakwater, queries: HistoryQueries | None = None) -> None:
        self.app = app
        self.queries = queries or HistoryQueries(app.store)

    # Periods ------------------------------------------------------------------------
    def today(self) -> date:
        now, offset = self.app.now_and_offset()
        return local_date(now, offset)

    def period(self, kind: RangeKind, first: date | None = None,
               last: date | None = None) -> Period:
        earliest = self.queries.earliest_day() if kind is RangeKind.ALL else None
        return period_for(kind, self.today(), earliest, first, last)

    def is_empty(self) -> bool:
        """Nothing recorded at all: a new user."""
        return self.queries.earliest_day() is None

    # Charts -------------------------------------------------------------------------
    def calls(self, period: Period) -> CallBars:
        bars = spans(period)
        if period.bucket is Bucket.HOUR:
            return CallBars(period, bars, True, self.queries.hourly_counts(period.first))
        return CallBars(period, bars, False, self.queries.call_counts(bars))

    def heatmap(self, period: Period) -> list[list[int]]:
        return self.queries.heatmap(period)

    def _day_bars(self, period: Period) -> list[Span]:
        # Nudges and breaks are few in a day: an HOUR period shows them as one bar.
        return spans(period)

    def nudges(self, period: Period) -> NudgeBars:
        bars = self._day_bars(period)
        return NudgeBars(period, bars, False, self.queries.nudge_counts(bars))

    def breaks(self, period: Period) -> BreakBars:
        bars = self._day_bars(period)
        return BreakBars(period, bars, False, self.queries.break_counts(bars))

    def helps(self, period: Period) -> Helps:
        settings = self.app.settings
        falls = self.queries.load_falls(period, settings.half_life, settings.break_half_life,
                                        settings.breathing_half_life)
        return Helps(self.queries.pattern_effects(period), falls)

    def headline(self, period: Period) -> Headline:
        today = self.today()
        last_seven = self.queries.difficult_between(today - timedelta(days=6), today)
        before = self.queries.difficult_between(today - timedelta(days=34),
                                                today - timedelta(days=7))
        high, recovered = self.queries.high_load_recovery(period)
        return Headline(self.queries.longest_streak(period), last_seven, before / 4,
                        high, recovered)

    def day_curve(self, day: date) -> DayCurve:
        """Load through one local day, by the core's load model over that day's events
        (and the hours before it whose tags still weigh on it)."""
        settings = self.app.settings
        local = self.local_day(day)
        midnight, day_end = local.start, local.end
        lookback = WINDOW_HALF_LIVES * settings.half_life
        events = self.queries.day_events(day, local.start_offset, lookback, day_end)
        steps = range(0, round(day_end - midnight) + 1, CURVE_STEP_SECONDS)
        moments = {midnight + step for step in steps}
        for tag in events.tags:
            if midnight <= tag.at <= day_end:
                # Just before and at each tag, so the curve shows the step it makes.
                moments.update((tag.at - 0.001, tag.at))
        times = sorted(moments)
        loads = load_curve(events.tags, events.recoveries, times, settings)
        marks = [((max(m.start, midnight) - midnight) / 3600,
                  (min(m.end, day_end) - midnight) / 3600, m)
                 for m in events.marks if m.start < day_end]
        return DayCurve(day, [(t - midnight) / 3600 for t in times], loads, marks,
                        float(settings["levels.building_at"]), float(settings["levels.high_at"]),
                        local)

    def local_day(self, day: date) -> LocalDay:
        """A local date's instants, from the offsets its tags were stored with. Where the
        offset changed within the day, this machine's time zone says exactly when when it
        explains the change (daylight saving); else the first tag at the new offset marks
        it (a journey)."""
        offsets = self.queries.day_offsets(day)
        utc_offset = self.app.clock.utc_offset
        if offsets is None:
            noon = (day - date(1970, 1, 1)).days * SECONDS_PER_DAY + 12 * 3600
            return local_day(day, utc_offset(noon))
        first, last, changed = offsets
        if first == last:
            return local_day(day, first)
        low, high = int(local_day(day, first, last, changed).start), math.ceil(changed)
        if utc_offset(low) == first and utc_offset(high) == last:
            while high - low > 1:  # the second this machine's zone changed offset
                middle = (low + high) // 2
                low, high = (middle, high) if utc_offset(middle) == first else (low, middle)
        return local_day(day, first, last, high)

    def last_active_day(self, period: Period) -> date:
        """The day whose load curve to show first: the period's last day with a tag."""
        return self.queries.last_active_day(period.first, period.last) or period.last

    # What other features record ------------------------------------------------------------
    def checkins(self, period: Period) -> CheckinTrend:
        """The weekly check-in scores over the period's weeks, and at least the last
        TREND_WEEKS weeks: one point alone is not a trend."""
        last = iso_week(period.last)
        first = min(iso_week(period.first), weeks_before(last, TREND_WEEKS - 1)[-1])
        scores = dict(self.queries.checkin_scores(first, last))
        weeks = []
        monday = monday_of(first)
        while monday <= monday_of(last):
            week = iso_week(monday)
            weeks.append(WeekScore(week, monday, week in scores, scores.get(week)))
            monday += timedelta(days=7)
        return CheckinTrend(weeks)

    def call_hours(self, period: Period) -> CallHours:
        rows = self.queries.calls_by_hour(period)
        return CallHours(period, [c for c, _h in rows], [h for _c, h in rows])
