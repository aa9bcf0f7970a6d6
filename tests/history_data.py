"""A small, varied history written straight into a real database, for History's tests.

Four weeks of working days ending on FRIDAY with a seeded mix of ordinary and hard calls
(every severity, some undone), breaks of every origin and outcome, breathing sessions
rated for some patterns and not others, nudges with every response, the calls the tags
followed (and some untagged), and Friday check-ins (one week skipped, one with too few
answers for a score). Some days are
kept at a different offset: the week after a daylight-saving change (UTC+2 instead of
UTC+1) and three days of travel at UTC-5, so local days and hours come from each row's
own offset.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from desktop.store.db import open_database
from desktop.store.repository import Store
from desktop.store.timestamps import to_iso

FRIDAY = date(2026, 11, 20)
DAYS = 28
TRAVEL = {FRIDAY - timedelta(days=d) for d in (8, 9, 10)}  # at UTC-5
SUMMER = {FRIDAY - timedelta(days=d) for d in range(21, 28)}  # at UTC+2


@dataclass
class Built:
    store: Store
    path: Path
    first: date
    last: date


def offset_minutes(day: date) -> int:
    if day in TRAVEL:
        return -300
    if day in SUMMER:
        return 120
    return 60


def epoch(day: date, hour: float, offset_min: int) -> float:
    """UTC epoch seconds of local ``hour`` on ``day`` at ``offset_min``."""
    midnight = datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()
    return midnight + hour * 3600 - offset_min * 60


def build(path: Path, seed: int = 12, days: int = DAYS, last: date = FRIDAY) -> Built:
    opened = open_database(path)
    store = Store(opened.conn, opened.path)
    rng = random.Random(seed)
    conn = store.conn
    tags, breaks, sessions, nudges, calls, checkins = [], [], [], [], [], []
    first = last - timedelta(days=days - 1)
    day = first
    patterns = ["cyclic-sigh"] * 7 + ["box"] * 3 + ["4-7-8"]
    while day <= last:
        if day.weekday() < 5 or day == last - timedelta(days=6):  # and one Saturday
            offset = offset_minutes(day)
            hour = 8.0 + rng.random() * 0.5
            while hour < 17.5:
                hard = rng.random() < 0.25
                severity = rng.choice((1, 1, 2, 2, 3)) if hard else None
                undone = to_iso(epoch(day, hour + 0.01, offset)) if rng.random() < 0.04 else None
                tags.append((to_iso(epoch(day, hour, offset)), offset,
                             "difficult" if hard else "ordinary", severity,
                             rng.choice(("abusive", "other", None)) if hard else None, undone))
                # The call the tag follows (most tags; some calls go untagged too).
                for _call in range(rng.choice((0, 1, 1, 1, 2))):
                    began = epoch(day, hour, offset) - rng.uniform(60, 600)
                    calls.append((to_iso(began), to_iso(began + rng.uniform(30, 500)), offset))
                hour += rng.uniform(0.05, 0.4)
            lunch = epoch(day, 12.5, offset)
            breaks.append(("idle", to_iso(lunch), to_iso(lunch + 1800), offset, None, "taken"))
            for n in range(3):
                shown = epoch(day, 9.5 + 2.5 * n + rng.random(), offset)
                level = ("building", "high")[n % 2]
                kind = "breathe" if level == "building" else rng.choice(("break", "journal"))
                response = rng.choice(("accepted", "snoozed", "dismissed", None))
                nudges.append((to_iso(shown), offset, kind, level, 3.0 + 3 * (n % 2) + rng.random(),
                               3 + n, response))
                if response == "accepted" and kind == "breathe":
                    start = shown + 60
                    before = rng.randint(4, 9)
                    after = max(0, before - rng.randint(0, 4))
                    pattern = rng.choice(patterns)
                    rated = rng.random() < 0.8
                    sessions.append((to_iso(start), to_iso(start + 60), offset, pattern, 60.0,
                                     60.0, 1, before if rated else None,
                                     after if rated else None))
                if response == "accepted" and kind == "break":
                    start = shown + 30
                    outcome = rng.choice(("taken", "taken", "shortened", "skipped"))
                    length = 0 if outcome == "skipped" else (300 if outcome == "taken" else 120)
                    breaks.append(("break", to_iso(start), to_iso(start + length), offset, 300,
                                   outcome))
            if day.weekday() == 4 and day != last - timedelta(days=14):  # Friday check-ins
                answered = 6 if day != last - timedelta(days=7) else 2  # one without a score
                score = round(rng.uniform(20, 80), 1) if answered >= 3 else None
                checkins.append((to_iso(epoch(day, 15, offset)), offset,
                                 "{}-W{:02d}".format(*day.isocalendar()[:2]), answered, score))
            chosen = epoch(day, 15.2, offset)
            breaks.append(("break", to_iso(chosen), to_iso(chosen + 600), offset, 600, "taken"))
        day += timedelta(days=1)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO interactions (at_utc, utc_offset_min, kind, severity, reason, "
                     "undone_at_utc) VALUES (?, ?, ?, ?, ?, ?)", tags)
    conn.executemany("INSERT INTO nudges (shown_utc, utc_offset_min, kind, level, load, streak, "
                     "response) VALUES (?, ?, ?, ?, ?, ?, ?)", nudges)
    # Breaks taken after a nudge carry its id: the nudge shown just before.
    for kind, started, ended, offset, planned, outcome in breaks:
        nudge_id = None
        if kind == "break" and planned == 300:
            row = conn.execute("SELECT id FROM nudges WHERE shown_utc <= ? ORDER BY shown_utc "
                               "DESC LIMIT 1", (started,)).fetchone()
            nudge_id = row[0]
        conn.execute("INSERT INTO breaks (kind, started_utc, ended_utc, utc_offset_min, "
                     "planned_seconds, outcome, nudge_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (kind, started, ended, offset, planned, outcome, nudge_id))
    conn.executemany("INSERT INTO breathing_sessions (started_utc, ended_utc, utc_offset_min, "
                     "pattern, planned_seconds, actual_seconds, completed, rating_before, "
                     "rating_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", sessions)
    conn.executemany("INSERT INTO calls (started_utc, ended_utc, utc_offset_min, source) "
                     "VALUES (?, ?, ?, 'pulseaudio')", calls)
    conn.executemany("INSERT INTO checkins (at_utc, utc_offset_min, week, answered, score) "
                     "VALUES (?, ?, ?, ?, ?)", checkins)
    conn.execute("COMMIT")
    return Built(store, path, first, last)
