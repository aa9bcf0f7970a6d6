"""History's queries against a real SQLite file: each chart's numbers equal a plain
GROUP BY (or the core model) computed here, local days and hours follow each row's own
offset, and every query runs on its index."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from desktop.core.breaks import Finished, Outcome
from desktop.core.history import Bucket, Period, RangeKind, Span, spans
from desktop.core.load import load_at, streak
from desktop.core.model import Interaction, Kind, Recovery, RecoveryKind
from desktop.core.settings import Settings
from desktop.store.breaks import BreakRows
from desktop.store.db import open_database
from desktop.store.history import HistoryQueries
from desktop.store.repository import Store
from desktop.store.timestamps import from_iso, to_iso
from tests.history_data import FRIDAY, Built, build, epoch

S = Settings()
LOCAL_DAY = "date(at_utc, printf('%+d minutes', utc_offset_min))"


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("history") / "b.sqlite3")


@pytest.fixture(scope="module")
def queries(history: Built) -> HistoryQueries:
    return HistoryQueries(history.store)


def month(history: Built) -> Period:
    return Period(RangeKind.CUSTOM, history.first, history.last)


def sql(history: Built, text: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return list(history.store.conn.execute(text, params))


def test_calls_per_day_match_a_plain_group_by(history: Built, queries: HistoryQueries) -> None:
    bars = spans(month(history))
    counts = queries.call_counts(bars)
    expected: dict[tuple[str, int], int] = {
        (day, severity or 0): n for day, severity, n in sql(
            history, f"SELECT {LOCAL_DAY} AS d, severity, count(*) FROM interactions "
            "WHERE undone_at_utc IS NULL GROUP BY d, severity")}
    assert sum(c.ordinary + c.difficult for c in counts) == sql(
        history, "SELECT count(*) FROM interactions WHERE undone_at_utc IS NULL")[0][0]
    for bar, count in zip(bars, counts, strict=True):
        day = bar.first.isoformat()
        assert count.ordinary == expected.get((day, 0), 0)
        assert count.severity == tuple(expected.get((day, s), 0) for s in (1, 2, 3))


def test_weekly_bars_add_up_the_days_of_each_week(history: Built,
                                                 queries: HistoryQueries) -> None:
    year = Period(RangeKind.YEAR, history.last - timedelta(days=364), history.last)
    assert year.bucket is Bucket.WEEK
    weeks = spans(year)
    by_week = queries.call_counts(weeks)
    for week, count in zip(weeks, by_week, strict=True):
        days = [Span(week.first + timedelta(days=i), week.first + timedelta(days=i + 1))
                for i in range((week.end - week.first).days)]
        daily = queries.call_counts(days)
        assert count.ordinary == sum(d.ordinary for d in daily)
        assert count.difficult == sum(d.difficult for d in daily)
    assert sum(c.difficult for c in by_week) == queries.difficult_between(year.first, year.last)


def test_heatmap_cells_match_a_plain_group_by(history: Built, queries: HistoryQueries) -> None:
    grid = queries.heatmap(month(history))
    expected = {(int(w), int(h)): n for w, h, n in sql(
        history, "SELECT strftime('%w', at_utc, printf('%+d minutes', utc_offset_min)) AS w, "
        "strftime('%H', at_utc, printf('%+d minutes', utc_offset_min)) AS h, count(*) "
        "FROM interactions WHERE kind = 'difficult' AND undone_at_utc IS NULL GROUP BY w, h")}
    assert sum(map(sum, grid)) == sum(expected.values()) > 0
    for (sunday_first, hour), n in expected.items():
        assert grid[(sunday_first + 6) % 7][hour] == n  # the grid is Monday first


def test_breathing_pattern_averages_match_sql(history: Built, queries: HistoryQueries) -> None:
    effects = {e.pattern: e for e in queries.pattern_effects(month(history))}
    rows = sql(history, "SELECT pattern, count(*), avg(rating_before - rating_after) "
                        "FROM breathing_sessions WHERE rating_before IS NOT NULL "
                        "AND rating_after IS NOT NULL GROUP BY pattern")
    assert rows
    for pattern, rated, mean in rows:
        assert effects[pattern].rated == rated
        assert effects[pattern].mean_change == pytest.approx(mean)
    totals = dict(sql(history, "SELECT pattern, count(*) FROM breathing_sessions GROUP BY 1"))
    assert {p: e.sessions for p, e in effects.items()} == totals


def test_nudges_and_breaks_per_day_match_sql(history: Built, queries: HistoryQueries) -> None:
    bars = spans(month(history))
    nudge_rows = Counter({(d, r): n for d, r, n in sql(
        history, "SELECT date(shown_utc, printf('%+d minutes', utc_offset_min)) AS d, response, "
        "count(*) FROM nudges GROUP BY d, response")})
    break_rows = Counter({(d, k, bool(n_id)): n for d, k, n_id, n in sql(
        history, "SELECT date(started_utc, printf('%+d minutes', utc_offset_min)) AS d, kind, "
        "nudge_id IS NOT NULL, count(*) FROM breaks WHERE outcome != 'skipped' "
        "GROUP BY d, kind, 3")})
    suggested = Counter({d: n for d, n in sql(
        history, "SELECT date(shown_utc, printf('%+d minutes', utc_offset_min)) AS d, count(*) "
        "FROM nudges WHERE kind = 'break' GROUP BY d")})
    for bar, nudge, brk in zip(bars, queries.nudge_counts(bars), queries.break_counts(bars),
                               strict=True):
        day = bar.first.isoformat()
        assert (nudge.accepted, nudge.snoozed, nudge.dismissed, nudge.unanswered) == (
            nudge_rows[(day, "accepted")], nudge_rows[(day, "snoozed")],
            nudge_rows[(day, "dismissed")], nudge_rows[(day, None)])
        assert (brk.offered, brk.chosen, brk.natural, brk.suggested) == (
            break_rows[(day, "break", True)], break_rows[(day, "break", False)],
            break_rows[(day, "idle", False)], suggested[day])
    assert sum(b.offered for b in queries.break_counts(bars)) > 0


def test_calls_by_hour_and_the_hard_share_match_sql(history: Built,
                                                   queries: HistoryQueries) -> None:
    hours = queries.calls_by_hour(month(history))
    calls = dict(sql(history, "SELECT CAST(strftime('%H', started_utc, printf('%+d minutes', "
                              "utc_offset_min)) AS INTEGER) AS h, count(*) FROM calls GROUP BY h"))
    hard = dict(sql(history, "SELECT CAST(strftime('%H', at_utc, printf('%+d minutes', "
                             "utc_offset_min)) AS INTEGER) AS h, count(*) FROM interactions "
                             "WHERE kind = 'difficult' AND undone_at_utc IS NULL GROUP BY h"))
    assert sum(calls.values()) > 0
    assert hours == [(calls.get(h, 0), hard.get(h, 0)) for h in range(24)]


def test_each_weeks_check_in_score_is_its_latest(history: Built,
                                                 queries: HistoryQueries) -> None:
    conn = history.store.conn
    conn.execute("INSERT INTO checkins (at_utc, utc_offset_min, week, answered, score) VALUES "
                 "('2026-11-20T16:00:00.000000Z', 60, '2026-W47', 6, 99.0)")  # a second one
    try:
        scores = dict(queries.checkin_scores("2026-W40", "2026-W47"))
        expected = dict(sql(history, "SELECT week, score FROM checkins c WHERE id = (SELECT "
                                     "max(id) FROM checkins d WHERE d.week = c.week)"))
        assert scores == expected and scores["2026-W47"] == 99.0
        assert None in scores.values()  # a week with too few answers has no score
        assert queries.checkin_scores("2020-W01", "2020-W10") == []
    finally:
        conn.execute("DELETE FROM checkins WHERE score = 99.0")


def recorded(history: Built) -> tuple[list[Interaction], list[Recovery]]:
    tags = [Interaction(i, from_iso(at), Kind(kind), severity or 0, undone=undone is not None)
            for i, at, kind, severity, undone in sql(
                history, "SELECT id, at_utc, kind, severity, undone_at_utc FROM interactions "
                "ORDER BY id")]
    recoveries = [Recovery(from_iso(s), from_iso(e), RecoveryKind(k)) for s, e, k in sql(
        history, "SELECT started_utc, ended_utc, kind FROM breaks WHERE outcome != 'skipped'")]
    return tags, recoveries


def longest_by_replay(tags: list[Interaction], recoveries: list[Recovery]) -> int:
    """The tray's own streak() after every tag, with the breaks over by then."""
    best = 0
    for i, tag in enumerate(tags):
        if tag.undone or tag.kind is not Kind.DIFFICULT:
            continue
        over = [r for r in recoveries if r.end <= tag.at]
        best = max(best, streak(tags[:i + 1], over))
    return best


def test_the_longest_streak_is_the_trays_streak_at_its_highest(
        history: Built, queries: HistoryQueries) -> None:
    tags, recoveries = recorded(history)
    expected = longest_by_replay(tags, recoveries)
    assert expected >= 3
    assert queries.longest_streak(month(history)) == expected


def small(tmp_path: Path) -> Store:
    opened = open_database(tmp_path / "s.sqlite3")
    return Store(opened.conn, opened.path)


def add(store: Store, kind: Kind, at: float, severity: int | None = 2) -> None:
    store.add_interaction(kind, at, 3600, severity if kind is Kind.DIFFICULT else None)


def test_a_break_splits_a_streak_and_an_undone_tag_does_not(tmp_path: Path) -> None:
    store = small(tmp_path)
    t = epoch(FRIDAY, 9, 60)
    for i in range(3):
        add(store, Kind.DIFFICULT, t + i * 60)
    BreakRows(store).add_natural(t + 200, t + 400, 3600)  # an idle row: nothing to merge with
    for i in range(4):
        add(store, Kind.DIFFICULT, t + 500 + i * 60)
    add(store, Kind.ORDINARY, t + 800)
    store.undo_last(t + 801)  # an undone ordinary tag does not end the next streak
    for i in range(2):
        add(store, Kind.DIFFICULT, t + 900 + i * 60)
    day = Period(RangeKind.TODAY, FRIDAY, FRIDAY)
    assert HistoryQueries(store).longest_streak(day) == 6  # 4 after the break, then 2
    assert HistoryQueries(store).longest_streak(Period(RangeKind.CUSTOM, date(2020, 1, 1),
                                                       date(2020, 1, 2))) == 0


def test_load_falls_equal_the_core_model(tmp_path: Path) -> None:
    store = small(tmp_path)
    queries = HistoryQueries(store)
    conn = store.conn
    moments = {"breathing": epoch(FRIDAY, 9, 60), "break": epoch(FRIDAY, 12, 60),
               "none": epoch(FRIDAY, 15, 60)}
    expected = {}
    for what, t0 in moments.items():
        for i in range(3):
            add(store, Kind.DIFFICULT, t0 - 600 + i * 120, 3)
        if what == "breathing":
            store.add_breathing(started=t0 + 60, ended=t0 + 130, offset=3600, pattern="box",
                                planned_seconds=60, actual_seconds=60, completed=True)
        if what == "break":
            BreakRows(store).add(Finished(t0 + 30, t0 + 330, Outcome.TAKEN, 300, None), 3600)
        add(store, Kind.DIFFICULT, t0 + 900, 1)  # a hard call after the recovery
        tags, recoveries = recorded_store(store)
        before = [t for t in tags if t.at <= t0]
        load0 = load_at(before, recoveries, t0, S)
        conn.execute("INSERT INTO nudges (shown_utc, utc_offset_min, kind, level, load, streak) "
                     "VALUES (?, 60, 'breathe', 'high', ?, 3)", (to_iso(t0), load0))
        after = [t for t in tags if t.at <= t0 + 1800]
        expected[what] = load_at(after, recoveries, t0 + 1800, S) / load0
    falls = queries.load_falls(Period(RangeKind.TODAY, FRIDAY, FRIDAY), S.half_life,
                               S.break_half_life, S.breathing_half_life)
    assert [f.response for f in falls] == ["breathing", "break", "none"]
    for fall in falls:
        assert fall.moments == 1
        assert fall.mean_left == pytest.approx(expected[fall.response], rel=1e-6)
    assert expected["break"] < expected["breathing"] < expected["none"]


def recorded_store(store: Store) -> tuple[list[Interaction], list[Recovery]]:
    return store.interactions_since(0), store.recoveries_since(0)


def test_high_load_moments_followed_by_recovery(history: Built, queries: HistoryQueries) -> None:
    highs = [from_iso(s) for (s,) in sql(history, "SELECT shown_utc FROM nudges "
                                                   "WHERE level = 'high'")]
    starts = [from_iso(s) for (s,) in sql(
        history, "SELECT started_utc FROM breaks WHERE outcome != 'skipped' UNION ALL "
        "SELECT started_utc FROM breathing_sessions")]
    followed = sum(any(h <= s < h + 1800 for s in starts) for h in highs)
    assert queries.high_load_recovery(month(history)) == (len(highs), followed)
    assert 0 < followed < len(highs)


def test_travel_and_daylight_saving_land_in_the_local_hour(tmp_path: Path) -> None:
    store = small(tmp_path)
    # Sunday 29 March 2026, Europe: 01:30 at UTC+1, then clocks go forward: 03:30 at UTC+2.
    spring = [("2026-03-29T00:30:00.000000Z", 60), ("2026-03-29T01:30:00.000000Z", 120)]
    # Tuesday 10 November 03:00 UTC, travelling at UTC-5: Monday 9 November, 22:00.
    travel = [("2026-11-10T03:00:00.000000Z", -300)]
    for at, offset in spring + travel:
        store.conn.execute("INSERT INTO interactions (at_utc, utc_offset_min, kind, severity) "
                           "VALUES (?, ?, 'difficult', 2)", (at, offset))
    queries = HistoryQueries(store)
    for at, offset in spring + travel:  # each row's local time, by Python's own clock maths
        local = datetime.fromtimestamp(from_iso(at), timezone(timedelta(minutes=offset)))
        grid = queries.heatmap(Period(RangeKind.CUSTOM, local.date(), local.date()))
        assert grid[local.weekday()][local.hour] == 1
        hours = queries.hourly_counts(local.date())
        assert hours[local.hour].severity == (0, 1, 0)
    assert queries.hourly_counts(date(2026, 3, 29))[1].difficult == 1
    assert queries.hourly_counts(date(2026, 3, 29))[3].difficult == 1
    monday = queries.call_counts([Span(date(2026, 11, 9), date(2026, 11, 10))])
    tuesday = queries.call_counts([Span(date(2026, 11, 10), date(2026, 11, 11))])
    assert (monday[0].difficult, tuesday[0].difficult) == (1, 0)
    assert queries.heatmap(Period(RangeKind.CUSTOM, date(2026, 11, 9), date(2026, 11, 9)))[0][22]
    assert queries.day_offsets(date(2026, 11, 9))[:2] == (-300 * 60, -300 * 60)  # type: ignore[index]
    assert queries.earliest_day() == date(2026, 3, 29)


def test_a_new_file_has_no_history(tmp_path: Path) -> None:
    queries = HistoryQueries(small(tmp_path))
    period = Period(RangeKind.TODAY, FRIDAY, FRIDAY)
    assert queries.earliest_day() is None
    assert queries.call_counts(spans(period))[0].difficult == 0
    assert queries.longest_streak(period) == 0
    assert queries.high_load_recovery(period) == (0, 0)
    assert all(f.moments == 0 for f in queries.load_falls(period, 1800, 300, 120))
    assert queries.last_active_day(FRIDAY, FRIDAY) is None


def plans(store: Store, run: Callable[[], object]) -> list[str]:
    """EXPLAIN QUERY PLAN of every statement ``run`` sends."""
    seen: list[tuple[str, Any]] = []
    original = store.query

    def record(sql_text: str, params: Any = ()) -> list[tuple[Any, ...]]:
        seen.append((sql_text, params))
        return original(sql_text, params)

    store.query = record  # type: ignore[method-assign]
    try:
        run()
    finally:
        del store.query
    details = []
    for sql_text, params in seen:
        details += [row[3] for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql_text,
                                                           params)]
    return details


def test_every_chart_query_runs_on_its_index_without_statistics(history: Built,
                                                                 queries: HistoryQueries) -> None:
    conn = history.store.conn
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
                        ).fetchone()[0] == 0
    period = month(history)
    bars = spans(period)
    expected: dict[str, tuple[Callable[[], object], list[str]]] = {
        "calls": (lambda: queries.call_counts(bars), ["interactions_local_day"]),
        "heatmap": (lambda: queries.heatmap(period), ["interactions_local_hour"]),
        "nudges": (lambda: queries.nudge_counts(bars), ["nudges_local_response"]),
        "breaks": (lambda: queries.break_counts(bars), ["breaks_local_day", "nudges_local_kind"]),
        "falls": (lambda: queries.load_falls(period, 1800, 300, 120),
                  ["nudges_level_shown", "breathing_ended", "interactions_kind_at"]),
        "high": (lambda: queries.high_load_recovery(period), ["nudges_level_shown"]),
        "streak": (lambda: queries.longest_streak(period),
                   ["interactions_streak", "breaks_ended"]),
        "week": (lambda: queries.difficult_between(period.first, period.last),
                 ["interactions_local_day"]),
        "last day": (lambda: queries.last_active_day(period.first, period.last),
                     ["interactions_local_day"]),
        "patterns": (lambda: queries.pattern_effects(period), ["breathing_started"]),
        "call hours": (lambda: queries.calls_by_hour(period),
                       ["calls_local_hour", "interactions_local_hour"]),
        "check-ins": (lambda: queries.checkin_scores("2026-W40", "2026-W47"), ["checkins_week"]),
    }
    for name, (run, indexes) in expected.items():
        details = plans(history.store, run)
        for index in indexes:
            assert any(index in d for d in details), (name, index, details)
        assert not any(d.startswith("SCAN interactions") or d.startswith("SCAN nudges")
                       for d in details), (name, details)


def test_history_indexes_are_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "schema.md").read_text()
    conn = sqlite3.connect(":memory:")
    from desktop.store.schema import migrate

    migrate(conn)
    names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                        "AND sql IS NOT NULL AND tbl_name NOT LIKE '\\_%' "
                                        "ESCAPE '\\'")]
    assert "interactions_local_day" in names
    for name in names:
        assert f"`{name}" in doc, name


def test_utc_dates_in_test_data_are_what_they_say() -> None:
    # The builder's local-hour helper agrees with Python's clock maths.
    at = epoch(FRIDAY, 9.5, -300)
    assert datetime.fromtimestamp(at, UTC) == datetime(2026, 11, 20, 14, 30, tzinfo=UTC)


@pytest.mark.parametrize(("table", "row"), [
    ("checkins", "INSERT INTO checkins (at_utc, utc_offset_min, week, answered, score) "
                 "VALUES ('2026-03-06T23:30:00.000000Z', 60, '2026-W10', 6, 50)"),
    ("calls", "INSERT INTO calls (started_utc, ended_utc, utc_offset_min, source) VALUES "
              "('2026-03-06T23:30:00.000000Z', '2026-03-06T23:40:00.000000Z', 60, 'pulse')")])
def test_the_first_day_counts_check_ins_and_calls_too(tmp_path: Path, table: str,
                                                      row: str) -> None:
    # Someone who only answers the weekly check-in (or whose calls were only detected)
    # has something to see in History: "All" starts there, and it is not a new user's.
    opened = open_database(tmp_path / "b.sqlite3")
    store = Store(opened.conn, opened.path)
    queries = HistoryQueries(store)
    assert queries.earliest_day() is None
    with store.transaction() as conn:
        conn.execute(row)
    assert queries.earliest_day() == date(2026, 3, 7)  # 00:30 local time, at UTC+1
    store.close()
