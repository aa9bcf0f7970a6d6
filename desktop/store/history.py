"""The History window's queries: counted, averaged and grouped in SQL, on indexes.

Every chart reads aggregates, never rows: five years are about 250,000 interactions and a
chart must come back in a few tens of milliseconds (bench/history.py). Local dates and
hours come from each row's own ``utc_offset_min``, so a call taken while travelling, or on
either side of a daylight-saving change, lands in the hour the clock on the wall showed.

The date expressions here are the ones the m006_history_indexes indexes were built on
(desktop/store/schema.py); SQLite uses an index on an expression only when a query spells
the same expression, so they must stay identical (tests/integration/test_history_store.py
checks every query's plan).

Bars are counted with one correlated ``count(*)`` per bar and series: each is a range
seek in an index and reads no table row, which SQLite 3.40 cannot do for a GROUP BY on an
indexed expression (it would recompute the date of every row).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.core.history import (
    FALL_SAMPLE,
    FALL_WINDOW_SECONDS,
    RECOVERY_WITHIN_SECONDS,
    RESPONSE_WINDOW_SECONDS,
    Period,
    RangeKind,
    Span,
)
from desktop.core.model import Interaction, Kind, Reason, Recovery, RecoveryKind
from desktop.store.repository import Store
from desktop.store.timestamps import from_iso, to_iso

_LOCAL = "printf('%+d minutes', utc_offset_min)"
TAG_DAY = f"date(at_utc, {_LOCAL})"
TAG_WEEKDAY = f"strftime('%w', at_utc, {_LOCAL})"  # 0 = Sunday
TAG_HOUR = f"strftime('%H', at_utc, {_LOCAL})"
NUDGE_DAY = f"date(shown_utc, {_LOCAL})"
BREAK_DAY = f"date(started_utc, {_LOCAL})"
BREATH_DAY = f"date(started_utc, {_LOCAL})"
CALL_DAY = f"date(started_utc, {_LOCAL})"
CALL_HOUR = f"strftime('%H', started_utc, {_LOCAL})"
_HOURS = ("WITH h(n, t) AS (SELECT 0, '00' UNION ALL "
          "SELECT n + 1, printf('%02d', n + 1) FROM h WHERE n < 23) ")

# How many of the longest runs of consecutive difficult tags are checked for breaks inside
# them before the answer is known to be exact (see longest_streak).
_STREAK_CANDIDATES = 16


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
class LoadFall:
    response: str  # "breathing", "break" or "none"
    moments: int
    mean_left: float | None  # mean share of load left FALL_WINDOW_SECONDS later


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


class HistoryQueries:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _q(self, sql: str,
           params: Sequence[Any] | Mapping[str, Any] = ()) -> list[tuple[Any, ...]]:
        return self.store.query(sql, params if isinstance(params, Mapping) else tuple(params))

    # What there is ------------------------------------------------------------------
    def earliest_day(self) -> date | None:
        """The first local date with anything recorded, or None for a new user."""
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
            ") ORDER BY at LIMIT 1")
        return date.fromisoformat(rows[0][0]) if rows else None

    def has_table(self, name: str) -> bool:
        rows = self._q("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        return bool(rows)

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

    def load_falls(self, period: Period, half_life: float, break_half_life: float,
                   breathing_half_life: float, sample: int = FALL_SAMPLE) -> list[LoadFall]:
        """After each building/high nudge (the latest ``sample`` of the period): what the
        person did within RESPONSE_WINDOW_SECONDS — breathed, took a break (or was away),
        or carried on — and the share of the nudge's load left FALL_WINDOW_SECONDS later.

        Load then is the load model (desktop/core/load.py) in closed form: the load shown
        with the nudge decays with the ordinary half-life, faster while a break or
        breathing overlaps the window (each at its own half-life), and difficult tags
        recorded in the window add their own decayed severity. Breaks that overlap
        breathing are counted at both rates, a rare case the live model resolves to the
        faster one."""
        self._ensure_pow()
        start, end = period.utc_bounds()
        window = FALL_WINDOW_SECONDS
        rows = self._q(
            "WITH n AS (SELECT shown_utc AS t0, julianday(shown_utc) AS j0, load AS l0, "
            f"strftime('%Y-%m-%dT%H:%M:%fZ', shown_utc, '+{window} seconds') AS t1, "
            f"julianday(shown_utc) + {window} / 86400.0 AS j1, "
            f"strftime('%Y-%m-%dT%H:%M:%fZ', shown_utc, '+{RESPONSE_WINDOW_SECONDS} seconds') "
            "AS tr FROM nudges INDEXED BY nudges_level_shown "
            "WHERE level IN ('building', 'high') AND load > 0 "
            f"AND shown_utc >= :from AND shown_utc < :to AND {NUDGE_DAY} BETWEEN :first AND :last "
            "ORDER BY shown_utc DESC LIMIT :sample), "
            "c AS (SELECT n.*, CASE "
            " WHEN EXISTS (SELECT 1 FROM breathing_sessions b "
            "  WHERE b.started_utc >= n.t0 AND b.started_utc < n.tr) THEN 'breathing' "
            " WHEN EXISTS (SELECT 1 FROM breaks k WHERE k.outcome != 'skipped' "
            "  AND k.started_utc >= n.t0 AND k.started_utc < n.tr) THEN 'break' "
            " ELSE 'none' END AS what, "
            " coalesce((SELECT sum(max(0.0, min(n.j1, julianday(k.ended_utc)) "
            "  - max(n.j0, julianday(k.started_utc)))) * 86400.0 "
            "  FROM breaks k WHERE k.outcome != 'skipped' AND k.ended_utc > n.t0 "
            "  AND k.started_utc < n.t1 "
            "  AND k.started_utc > strftime('%Y-%m-%dT%H:%M:%fZ', n.t0, '-3 days')), 0) "
            "  AS rested, "
            " coalesce((SELECT sum(max(0.0, min(n.j1, julianday(b.ended_utc)) "
            "  - max(n.j0, julianday(b.ended_utc) - b.actual_seconds / 86400.0))) * 86400.0 "
            "  FROM breathing_sessions b WHERE b.ended_utc > n.t0 "
            "  AND b.ended_utc < strftime('%Y-%m-%dT%H:%M:%fZ', n.t1, '+1 day')), 0) "
            "  AS breathed, "
            " coalesce((SELECT sum(i.severity * pow(2.0, -(n.j1 - julianday(i.at_utc)) "
            "  * 86400.0 / :h)) FROM interactions i WHERE i.kind = 'difficult' "
            "  AND i.undone_at_utc IS NULL AND i.at_utc > n.t0 AND i.at_utc <= n.t1), 0) "
            "  AS added FROM n) "
            "SELECT what, count(*), avg((l0 * pow(2.0, -:w / :h - rested * (1.0 / :hb - 1.0 / :h) "
            " - breathed * (1.0 / :hr - 1.0 / :h)) + added) / l0) FROM c GROUP BY what",
            {"h": half_life, "hb": break_half_life, "hr": breathing_half_life, "w": window,
             "from": to_iso(start), "to": to_iso(end), "first": period.first.isoformat(),
             "last": period.last.isoformat(), "sample": sample})
        found = {what: LoadFall(what, n, mean) for what, n, mean in rows}
        return [found.get(what, LoadFall(what, 0, None))
                for what in ("breathing", "break", "none")]

    def _ensure_pow(self) -> None:
        # pow() is built into most SQLite builds (3.35+ with math functions); where it is
        # not, Python's stands in, still called by SQLite inside the one query.
        try:
            self._q("SELECT pow(2.0, 1.0)")
        except Exception:  # any failure means "not built in"
            import math

            self.store.conn.create_function("pow", 2, math.pow, deterministic=True)

    # Headline numbers ---------------------------------------------------------------------
    def high_load_recovery(self, period: Period) -> tuple[int, int]:
        """High-load moments (high-level nudges) and how many were followed by breathing
        or a break (or time away) starting within RECOVERY_WITHIN_SECONDS."""
        start, end = period.utc_bounds()
        within = f"'+{RECOVERY_WITHIN_SECONDS} seconds'"
        rows = self._q(
            "SELECT count(*), coalesce(sum("
            " EXISTS (SELECT 1 FROM breathing_sessions b WHERE b.started_utc >= n.shown_utc "
            f"  AND b.started_utc < strftime('%Y-%m-%dT%H:%M:%fZ', n.shown_utc, {within})) "
            " OR EXISTS (SELECT 1 FROM breaks k WHERE k.outcome != 'skipped' "
            "  AND k.started_utc >= n.shown_utc "
            f"  AND k.started_utc < strftime('%Y-%m-%dT%H:%M:%fZ', n.shown_utc, {within}))), 0) "
            "FROM nudges n INDEXED BY nudges_level_shown WHERE n.level = 'high' "
            f"AND n.shown_utc >= ? AND n.shown_utc < ? AND {NUDGE_DAY} BETWEEN ? AND ?",
            (to_iso(start), to_iso(end), period.first.isoformat(), period.last.isoformat()))
        return int(rows[0][0]), int(rows[0][1])

    def _id_bounds(self, period: Period) -> tuple[int, int] | None:
        start, end = period.utc_bounds()
        first = self._q(
            "SELECT id FROM interactions INDEXED BY interactions_at WHERE at_utc >= ? "
            f"AND {TAG_DAY} >= ? ORDER BY at_utc LIMIT 1",
            (to_iso(start), period.first.isoformat()))
        last = self._q(
            "SELECT id FROM interactions INDEXED BY interactions_at WHERE at_utc < ? "
            f"AND {TAG_DAY} <= ? ORDER BY at_utc DESC LIMIT 1",
            (to_iso(end), period.last.isoformat()))
        if not first or not last or last[0][0] < first[0][0]:
            return None
        return int(first[0][0]), int(last[0][0])

    def longest_streak(self, period: Period) -> int:
        """The most difficult tags in a row with no ordinary tag and no break (or time
        away) between them, as the tray counts a streak (desktop/core/load.py ``streak``).

        Ids are dense and in recorded order (rows are never deleted one by one), so a run
        of consecutive ids among difficult and undone tags (undone tags do not end a
        streak) is a stretch with no ordinary tag in it. Runs longer than one are found
        through the tags whose predecessor is also in such a run: a self-join on a small
        index, far cheaper than numbering every tag. A run's length bounds the streak in
        it; breaks ending inside can split it, so the longest runs are checked exactly
        until no unchecked run could beat the best found."""
        bounds = self._id_bounds(period)
        if bounds is None:
            return 0
        lo, hi = bounds
        candidates = _STREAK_CANDIDATES
        while True:
            runs = self._q(
                "WITH c AS (SELECT a.id FROM interactions a INDEXED BY interactions_streak "
                "JOIN interactions b INDEXED BY interactions_streak ON b.id = a.id - 1 "
                "WHERE (a.kind = 'difficult' OR a.undone_at_utc IS NOT NULL) "
                "AND (b.kind = 'difficult' OR b.undone_at_utc IS NOT NULL) "
                "AND a.id > ? AND a.id <= ?), "
                "r AS (SELECT id, id - row_number() OVER (ORDER BY id) AS run FROM c) "
                "SELECT min(id) - 1, max(id), count(*) + 1 AS n FROM r GROUP BY run "
                "ORDER BY n DESC LIMIT ?", (lo, hi, candidates + 1))
            best = self._split_by_breaks([(a, b) for a, b, _n in runs[:candidates]])
            if best == 0:
                # No run of two or more (or only undone tags in them): one hard call is
                # a streak of one.
                single = self._q(
                    "SELECT 1 FROM interactions INDEXED BY interactions_streak "
                    "WHERE (kind = 'difficult' OR undone_at_utc IS NOT NULL) "
                    "AND kind = 'difficult' AND undone_at_utc IS NULL "
                    "AND id BETWEEN ? AND ? LIMIT 1", (lo, hi))
                best = 1 if single else 0
            if len(runs) <= candidates or runs[candidates][2] <= best:
                return best
            candidates *= 4

    def _split_by_breaks(self, runs: Sequence[tuple[int, int]]) -> int:
        rows = self._q(
            "WITH c(lo, hi) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') "
            " FROM json_each(?)), "
            "r AS (SELECT c.lo AS run, i.at_utc AS at FROM c CROSS JOIN interactions i "
            " NOT INDEXED ON i.id BETWEEN c.lo AND c.hi WHERE i.kind = 'difficult' "
            " AND i.undone_at_utc IS NULL), "
            "f AS (SELECT run, min(at) AS first_at FROM r GROUP BY run), "
            "p AS (SELECT r.run, (SELECT count(*) FROM breaks b WHERE b.outcome != 'skipped' "
            " AND b.ended_utc > f.first_at AND b.ended_utc <= r.at "
            " AND b.ended_utc > b.started_utc) AS part FROM r JOIN f USING (run)) "
            "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM p GROUP BY run, part)",
            (json.dumps([list(run) for run in runs]),))
        return int(rows[0][0])

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
    def day_offset(self, day: date) -> int | None:
        """The local offset (seconds) of the first interaction on a local date."""
        start, end = day_utc_bounds(day)
        rows = self._q(
            "SELECT utc_offset_min FROM interactions INDEXED BY interactions_at "
            f"WHERE at_utc >= ? AND at_utc < ? AND {TAG_DAY} = ? ORDER BY at_utc LIMIT 1",
            (to_iso(start), to_iso(end), day.isoformat()))
        return int(rows[0][0]) * 60 if rows else None

    def day_events(self, day: date, offset: int, lookback: float) -> DayEvents:
        """The tags and recoveries of one local day placed at ``offset``, plus those of the
        ``lookback`` seconds before it that still weigh on its load."""
        from datetime import UTC, datetime

        midnight = datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() - offset
        day_end = midnight + 86400
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
