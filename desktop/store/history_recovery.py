"""History's recovery queries: how fast load fell after a nudge, high-load moments
followed by a recovery, and the longest streak. Split from desktop/store/history.py, whose
``HistoryQueries`` inherits them; the same rules hold: aggregates in SQL, on indexes."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.core.history import (
    FALL_SAMPLE,
    FALL_WINDOW_SECONDS,
    RECOVERY_WITHIN_SECONDS,
    RESPONSE_WINDOW_SECONDS,
    Period,
)
from desktop.store.local_time import NUDGE_DAY, TAG_DAY
from desktop.store.repository import Store
from desktop.store.timestamps import to_iso

# How many of the longest runs of consecutive difficult tags are checked for breaks inside
# them before the answer is known to be exact (see longest_streak).
_STREAK_CANDIDATES = 16


@dataclass(frozen=True)
class LoadFall:
    response: str  # "breathing", "break" or "none"
    moments: int
    mean_left: float | None  # mean share of load left FALL_WINDOW_SECONDS later


class RecoveryQueries:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _q(self, sql: str,
           params: Sequence[Any] | Mapping[str, Any] = ()) -> list[tuple[Any, ...]]:
        return self.store.query(sql, params if isinstance(params, Mapping) else tuple(params))

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
