"""The History window's queries: counted, averaged and grouped in SQL, on indexes.

Every chart reads aggregates, never rows: five years are about 250,000 interactions and a
chart must come back in a few tens of milliseconds (bench/history.py). Local dates and
hours come from each row's own ``utc_offset_min``, so a call taken while travelling, or on
either side of a daylight-saving change, lands in the hour the clock on the wall showed.

The date expressions (desktop/store/local_time.py) are the ones the m006_history_indexes
indexes were built on; tests/integration/test_history_store.py checks every query's plan.

Bars are counted with one correlated ``count(*)`` per bar and series: each is a range
seek in an index and reads no table row, which SQLite 3.40 cannot do for a GROUP BY on an
indexed expression (it would recompute the date of every row).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from desktop.core.history import Period, RangeKind, Span
from desktop.core.model import Interaction, Kind, Reason, Recovery, RecoveryKind
from desktop.store.history_recovery import LoadFall, RecoveryQueries
from desktop.store.local_time import (
    BREAK_DAY,
    BREATH_DAY,
    CALL_DAY,
    CALL_HOUR,
    NUDGE_DAY,
    TAG_DAY,
    TAG_HOUR,
    TAG_WEEKDAY,
)
from desktop.store.timestamps import from_iso, to_iso

__all__ = ["HistoryQueries", "LoadFall"]

_HOURS = ("WITH h(n, t) AS (SELECT 0, '00' UNION ALL "
          "SELECT n + 1, printf('%02d', n + 1) FROM h WHERE n < 23) ")


@dataclass(frozen=True)
class CallCounts:
    """Interactions in one bar (a span of days, or one hour of a day)."""

    ordinary: int
    severity: tuple[int, int, int]  # difficult, severity 1, 2, 3

    @property
    def difficult(self) -> int:
        return sum(self.severity)


@dataclass(frozen=True)
class NudgeCounts:
    accepted: int
    snoozed: int
    dismissed: int
    unanswered: int

    @property
    def offered(self) -> int:
        return self.accepted + self.snoozed + self.dismissed + self.unanswered


@dataclass(frozen=True)
class BreakCounts:
    offered: int  # taken after a nudge suggested it
    chosen: int  # started by the user
    natural: int  # away from the keyboard
    suggested: int  # break nudges shown

    @property
    def taken(self) -> int:
        return self.offered + self.chosen + self.natural


@dataclass(frozen=True)
class PatternEffect:
    pattern: str
    sessions: int  # all sessions of this pattern in the period
    rated: int  # sessions rated before and after
    mean_change: float | None  # mean of (before − after) over rated sessions


@dataclass(frozen=True)
class Mark:
    """Something on a day's load curve: a tag, a break, an idle break or breathing."""

    kind: str  # "difficult", "ordinary", "break", "idle", "breathing"
    start: float  # UTC epoch seconds
    end: float
    severity: int = 0
    detail: str = ""  # a breathing pattern, a break's outcome


@dataclass(frozen=True)
class DayEvents:
    day: date
    offset: int  # seconds east of UTC used to place the day on a 0–24 h axis
    tags: list[Interaction]  # from WINDOW before the day's start, in recorded order
    recoveries: list[Recovery]
    marks: list[Mark]


def day_utc_bounds(day: date) -> tuple[float, float]:
    """UTC instants that surely contain all of one local date, under any offset."""
    return Period(RangeKind.CUSTOM, day, day).utc_bounds()


def _spans_json(spans: Sequence[Span]) -> str:
    return json.dumps([[s.first.isoformat(), s.end.isoformat()] for s in spans])


_SPANS = ("WITH s(first, stop) AS (SELECT json_extract(value, '$[0]'), "
          "json_extract(value, '$[1]') FROM json_each(?) ORDER BY key) ")


class HistoryQueries(RecoveryQueries):
    """Every chart's query (the recovery ones, in desktop/store/history_recovery.py)."""

    # What there is ------------------------------------------------------------------
    def earliest_day(self) -> date | None:
        """The first local date with anything History shows, or None for a new user:
        tags, breathing, breaks, nudges, calls detected and check-ins (someone who only
        answers the weekly check-in has a trend to see)."""
        rows = self._q(
            "SELECT day FROM ("
            f" SELECT at_utc AS at, {TAG_DAY} AS day FROM "
            "  (SELECT * FROM interactions ORDER BY at_utc LIMIT 1)"
            f" UNION ALL SELECT started_utc, {BREATH_DAY} FROM "
            "  (SELECT * FROM breathing_sessions ORDER BY started_utc LIMIT 1)"
            f" UNION ALL SELECT started_utc, {BREAK_DAY} FROM "
            "  (SELECT * FROM breaks ORDER BY started_utc LIMIT 1)"
            f" UNION ALL SELECT shown_utc, {NUDGE_DAY} FROM "
            "  (SELECT * FROM nudges ORDER BY shown_utc LIMIT 1)"
            f" UNION ALL SELECT started_utc, {CALL_DAY} FROM "
            "  (SELECT * FROM calls ORDER BY started_utc LIMIT 1)"
            f" UNION ALL SELECT at_utc, {TAG_DAY} FROM "  # a check-in's own at_utc and offset
            "  (SELECT * FROM checkins ORDER BY at_utc LIMIT 1)"
            ") ORDER BY at LIMIT 1")
        return date.fromisoformat(rows[0][0]) if rows else None

    # Calls per bar ------------------------------------------------------------------
    def call_counts(self, spans: Sequence[Span]) -> list[CallCounts]:
        """Ordinary and difficult (by severity) interactions in each span of local dates."""
        def count(kind: str, severity: str) -> str:
            return ("(SELECT count(*) FROM interactions WHERE undone_at_utc IS NULL "
                    f"AND kind = '{kind}' AND severity {severity} "
                    f"AND {TAG_DAY} >= s.first AND {TAG_DAY} < s.stop)")

        rows = self._q(
            _SPANS + f"SELECT {count('ordinary', 'IS NULL')}, {count('difficult', '= 1')}, "
            f"{count('difficult', '= 2')}, {count('difficult', '= 3')} FROM s",
            (_spans_json(spans),))
        return [CallCounts(o, (s1, s2, s3)) for o, s1, s2, s3 in rows]

    def hourly_counts(self, day: date) -> list[CallCounts]:
        """Interactions in each local hour (0–23) of one local date."""
        start, end = day_utc_bounds(day)
        rows = self._q(
            f"SELECT CAST({TAG_HOUR} AS INTEGER) AS hour, coalesce(severity, 0), count(*) "
            "FROM interactions INDEXED BY interactions_at "
            "WHERE at_utc >= ? AND at_utc < ? AND undone_at_utc IS NULL "
            f"AND {TAG_DAY} = ? GROUP BY hour, severity",
            (to_iso(start), to_iso(end), day.isoformat()))
        table = [[0, 0, 0, 0] for _hour in range(24)]
        for hour, severity, count in rows:
            table[hour][severity] = count
        return [CallCounts(o, (s1, s2, s3)) for o, s1, s2, s3 in table]

    def last_active_day(self, first: date, last: date) -> date | None:
        """The latest local date in [first, last] with an interaction (one index seek per
        kind and severity)."""
        def latest(kind: str, severity: str) -> str:
            return (f"SELECT max({TAG_DAY}) AS d FROM interactions WHERE undone_at_utc IS NULL "
                    f"AND kind = '{kind}' AND severity {severity} AND {TAG_DAY} BETWEEN :a AND :b")

        rows = self._q(
            f"SELECT max(d) FROM ({latest('ordinary', 'IS NULL')} UNION ALL "
            f"{latest('difficult', '= 1')} UNION ALL {latest('difficult', '= 2')} "
            f"UNION ALL {latest('difficult', '= 3')})",
            {"a": first.isoformat(), "b": last.isoformat()})
        return date.fromisoformat(rows[0][0]) if rows and rows[0][0] else None

    def difficult_between(self, first: date, last: date) -> int:
        rows = self._q(
            "SELECT count(*) FROM interactions WHERE undone_at_utc IS NULL "
            f"AND kind = 'difficult' AND severity IN (1, 2, 3) AND {TAG_DAY} BETWEEN ? AND ?",
            (first.isoformat(), last.isoformat()))
        return int(rows[0][0])

    # When -----------------------------------------------------------------------------
    def heatmap(self, period: Period) -> list[list[int]]:
        """Difficult interactions by local weekday (0 = Monday) and hour (0–23)."""
        rows = self._q(
            # Text cells: the index holds strftime() text, and a CAST in the comparison
            # would keep SQLite from seeking in it.
            "WITH w(n, t) AS (VALUES (0, '0'), (1, '1'), (2, '2'), (3, '3'), (4, '4'), "
            "(5, '5'), (6, '6')), h(n, t) AS (SELECT 0, '00' UNION ALL "
            "SELECT n + 1, printf('%02d', n + 1) FROM h WHERE n < 23) "
            "SELECT w.n, h.n, (SELECT count(*) FROM interactions "
            "INDEXED BY interactions_local_hour WHERE kind = 'difficult' AND undone_at_utc IS NULL "
            f"AND {TAG_WEEKDAY} = w.t AND {TAG_HOUR} = h.t "
            f"AND {TAG_DAY} BETWEEN ? AND ?) FROM w, h",
            (period.first.isoformat(), period.last.isoformat()))
        grid = [[0] * 24 for _weekday in range(7)]
        for sunday_first, hour, count in rows:
            grid[(sunday_first + 6) % 7][hour] = count
        return grid

    # Nudges and breaks per bar ---------------------------------------------------------
    def nudge_counts(self, spans: Sequence[Span]) -> list[NudgeCounts]:
        accepted, snoozed, dismissed = "= 'accepted'", "= 'snoozed'", "= 'dismissed'"

        def count(response: str) -> str:
            return (f"(SELECT count(*) FROM nudges WHERE response {response} "
                    f"AND {NUDGE_DAY} >= s.first AND {NUDGE_DAY} < s.stop)")

        rows = self._q(
            _SPANS + f"SELECT {count(accepted)}, {count(snoozed)}, {count(dismissed)}, "
            f"{count('IS NULL')} FROM s", (_spans_json(spans),))
        return [NudgeCounts(*row) for row in rows]

    def break_counts(self, spans: Sequence[Span]) -> list[BreakCounts]:
        def taken(kind: str, nudge: str) -> str:
            return (f"(SELECT count(*) FROM breaks WHERE outcome != 'skipped' AND kind = '{kind}' "
                    f"AND {BREAK_DAY} >= s.first AND {BREAK_DAY} < s.stop {nudge})")

        suggested = ("(SELECT count(*) FROM nudges WHERE kind = 'break' "
                     f"AND {NUDGE_DAY} >= s.first AND {NUDGE_DAY} < s.stop)")
        rows = self._q(
            _SPANS + f"SELECT {taken('break', 'AND nudge_id IS NOT NULL')}, "
            f"{taken('break', 'AND nudge_id IS NULL')}, {taken('idle', '')}, {suggested} FROM s",
            (_spans_json(spans),))
        return [BreakCounts(*row) for row in rows]

    # What helps ---------------------------------------------------------------------------
    def pattern_effects(self, period: Period) -> list[PatternEffect]:
        """Per breathing pattern: sessions, sessions rated before and after, and the mean
        fall in the rating (before − after; positive means the person felt calmer)."""
        start, end = period.utc_bounds()
        rows = self._q(
            "SELECT pattern, count(*), "
            "count(rating_before IS NOT NULL AND rating_after IS NOT NULL OR NULL), "
            "avg(rating_before - rating_after) "
            "FROM breathing_sessions WHERE started_utc >= ? AND started_utc < ? "
            f"AND {BREATH_DAY} BETWEEN ? AND ? GROUP BY pattern ORDER BY pattern",
            (to_iso(start), to_iso(end), period.first.isoformat(), period.last.isoformat()))
        return [PatternEffect(p, n, rated, mean) for p, n, rated, mean in rows]

    # Tables other features add -----------------------------------------------------------
    def checkin_scores(self, first_week: str, last_week: str) -> list[tuple[str, float | None]]:
        """Each ISO week from ``first_week`` to ``last_week`` that has a check-in, with the
        score of its latest one (None: too few answers for a score), in week order."""
        rows = self._q(
            "SELECT week, score FROM checkins WHERE id IN (SELECT max(id) FROM checkins "
            "WHERE week BETWEEN ? AND ? GROUP BY week) ORDER BY week", (first_week, last_week))
        return [(str(week), None if score is None else float(score)) for week, score in rows]

    def calls_by_hour(self, period: Period) -> list[tuple[int, int]]:
        """Per local hour of the day (0–23): calls that started in it (the microphone in
        use) and difficult tags recorded in it, over the period."""
        rows = self._q(
            _HOURS + "SELECT h.n, (SELECT count(*) FROM calls INDEXED BY calls_local_hour "
            f"WHERE {CALL_HOUR} = h.t AND {CALL_DAY} BETWEEN :a AND :b), "
            "(SELECT count(*) FROM interactions INDEXED BY interactions_local_hour "
            "WHERE kind = 'difficult' AND undone_at_utc IS NULL "
            f"AND {TAG_WEEKDAY} IN ('0', '1', '2', '3', '4', '5', '6') AND {TAG_HOUR} = h.t "
            f"AND {TAG_DAY} BETWEEN :a AND :b) FROM h ORDER BY h.n",
            {"a": period.first.isoformat(), "b": period.last.isoformat()})
        return [(int(calls), int(hard)) for _hour, calls, hard in rows]

    # One day --------------------------------------------------------------------------
    def day_offsets(self, day: date) -> tuple[int, int, float] | None:
        """The offsets (seconds) a local date's interactions began and ended it with, and
        when the first one at the ending offset was tagged (a daylight-saving change or a
        journey happened before it); None for a day without any."""
        start, end = day_utc_bounds(day)
        params = (to_iso(start), to_iso(end), day.isoformat())
        where = (f"FROM interactions INDEXED BY interactions_at WHERE at_utc >= ? AND "
                 f"at_utc < ? AND {TAG_DAY} = ?")
        rows = self._q(f"SELECT (SELECT utc_offset_min {where} ORDER BY at_utc LIMIT 1), "
                       f"(SELECT utc_offset_min {where} ORDER BY at_utc DESC LIMIT 1)",
                       params * 2)
        if not rows or rows[0][0] is None:
            return None
        first, last = int(rows[0][0]), int(rows[0][1])
        changed = self._q(f"SELECT min(at_utc) {where} AND utc_offset_min = ?", (*params, last))
        return first * 60, last * 60, from_iso(changed[0][0])

    def day_events(self, day: date, offset: int, lookback: float,
                   until_instant: float | None = None) -> DayEvents:
        """The tags and recoveries of one local day from its midnight at ``offset`` to
        ``until_instant`` (the next midnight at the same offset when None), plus those of
        the ``lookback`` seconds before it that still weigh on its load."""
        from datetime import UTC, datetime

        midnight = datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() - offset
        day_end = midnight + 86400 if until_instant is None else until_instant
        since, until = to_iso(midnight - lookback), to_iso(day_end)
        rows = self._q(
            "SELECT id, at_utc, kind, severity, reason FROM interactions "
            "WHERE at_utc >= ? AND at_utc < ? AND undone_at_utc IS NULL ORDER BY id",
            (since, until))
        tags = [Interaction(id_, from_iso(at), Kind(kind), severity or 0,
                            Reason(reason) if reason else None)
                for id_, at, kind, severity, reason in rows]
        spans = self._q(
            "SELECT kind, started_utc, ended_utc, outcome, NULL FROM breaks "
            "WHERE ended_utc >= ? AND started_utc < ? AND outcome != 'skipped' "
            "UNION ALL SELECT 'breathing', started_utc, ended_utc, pattern, actual_seconds "
            "FROM breathing_sessions WHERE ended_utc >= ? AND started_utc < ? ORDER BY 2",
            (since, until, since, until))
        recoveries: list[Recovery] = []
        marks = [Mark(t.kind.value, t.at, t.at, t.severity) for t in tags if t.at >= midnight]
        for kind, started, ended, detail, breathed in spans:
            begin, end = from_iso(started), from_iso(ended)
            if breathed is not None:
                begin = max(begin, end - float(breathed))
            recoveries.append(Recovery(begin, end, RecoveryKind(kind)))
            if end >= midnight:
                marks.append(Mark(kind, begin, end, 0, str(detail)))
        return DayEvents(day, offset, tags, recoveries, marks)
