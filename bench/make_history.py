"""Generate a realistic multi-year Breakwater history, for benchmarks and for trying charts.

    .venv/bin/python bench/make_history.py [--years 5] [--out DIR] [--seed N]

Writes DIR/breakwater.sqlite3 (default: a new temporary folder, printed) through the real
schema: the file is created with ``desktop.store.db.open_database``, so every migration
runs, then filled in one transaction. Five years is about 250,000 interactions (~40 MB).

The history has the rhythms a real agent's file has: shifts with a morning and an
afternoon peak and a lunch dip; busier Mondays, quieter Fridays, a Saturday shift now and
then; a December peak and a summer lull; public holidays and vacation weeks; runs of hard
calls that build load, the nudges they drew and what the agent did with them; the calls
the tags followed, weekly check-ins that drift with the season, and journal entries after
journal nudges.

Adding a table: write one function ``def my_table(h: History) -> int`` that inserts its
rows (``h.insert``) and returns how many, and add it to ``GENERATORS`` after the
generators whose output it reads (``h.days``, ``h.tags``, ``h.nudges`` ...). A generator
may leave new facts on ``h.extra`` for later ones.
"""

from __future__ import annotations

import argparse
import math
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.paths import DB_NAME  # noqa: E402
from desktop.store.db import open_database  # noqa: E402

try:
    from zoneinfo import ZoneInfo

    ZONE: Any = ZoneInfo("Europe/Madrid")
except Exception:  # no tz database: a fixed CET offset still gives realistic local days
    ZONE = None

HALF_LIFE = 30 * 60.0
REASONS = ("abusive", "distressed", "boundary", "unresolved", "other")
NOTES = ("shouted from the first second", "wanted my full name", "cried about the bill",
         "third escalation this week", "threatened to post about me", "asked me out",
         "would not let me end the call", "blamed me for the outage", "long silence, then abuse",
         "supervisor unavailable", "customer's father just died", "racist remark")
PATTERNS = (("cyclic-sigh", 0.55), ("box", 0.2), ("4-7-8", 0.15), ("resonance", 0.1))


@dataclass
class Day:
    """One working day: local date, UTC offset (minutes) and the shift in UTC epoch seconds."""

    local: date
    offset_min: int
    start: float
    end: float
    lunch: tuple[float, float]
    volume: float  # expected interactions this day


@dataclass
class Tag:
    at: float
    difficult: bool
    severity: int | None
    row_id: int = 0


@dataclass
class Nudge:
    at: float
    offset_min: int
    kind: str
    level: str
    load: float
    streak: int
    response: str | None
    row_id: int = 0


@dataclass
class History:
    conn: sqlite3.Connection
    rng: random.Random
    years: int
    days: list[Day] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    nudges: list[Nudge] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        sql = (f"INSERT INTO {table} ({', '.join(columns)}) "
               f"VALUES ({', '.join('?' * len(columns))})")
        before = self.conn.total_changes
        self.conn.executemany(sql, rows)
        return self.conn.total_changes - before


def iso(at: float) -> str:
    # Same text as desktop.store.timestamps.to_iso, a little faster for 250,000 rows.
    return datetime.fromtimestamp(at, UTC).isoformat(timespec="microseconds")[:-6] + "Z"


def _offset_min(day: date) -> int:
    if ZONE is None:
        return 60
    noon = datetime(day.year, day.month, day.day, 12, tzinfo=ZONE)
    delta = noon.utcoffset()
    return int(delta.total_seconds() // 60) if delta else 0


def _holidays(year: int) -> set[date]:
    fixed = {(1, 1), (1, 6), (5, 1), (8, 15), (10, 12), (11, 1), (12, 6), (12, 8), (12, 25)}
    days = {date(year, m, d) for m, d in fixed}
    # Easter (anonymous Gregorian algorithm) for Good Friday and Easter Monday.
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    easter = date(year, month, day + 1)
    return days | {easter - timedelta(days=2), easter + timedelta(days=1)}


def _season(day: date) -> float:
    """Call volume through the year: a December peak, a lull in August."""
    angle = 2 * math.pi * (day.timetuple().tm_yday - 350) / 365.25
    return 1.0 + 0.18 * math.cos(angle)


WEEKDAY = (1.15, 1.05, 1.0, 1.0, 0.85, 0.6, 0.0)  # Monday … Sunday


def working_days(h: History) -> int:
    """Not a table: the calendar every generator shares (stored on ``h.days``)."""
    rng = h.rng
    today = datetime.now(UTC).date()
    first = today - timedelta(days=round(365.25 * h.years))
    vacations: set[date] = set()
    for year in range(first.year, today.year + 1):
        for _week in range(3):  # three separate vacation weeks a year
            start = date(year, 1, 1) + timedelta(days=rng.randrange(0, 358))
            vacations.update(start + timedelta(days=n) for n in range(7))
    holidays = set().union(*(_holidays(y) for y in range(first.year, today.year + 1)))
    day = first
    while day < today:
        weekday = day.weekday()
        works = WEEKDAY[weekday] > 0 and day not in holidays and day not in vacations
        if weekday == 5:
            works = works and rng.random() < 0.25  # a Saturday shift now and then
        if works and rng.random() > 0.02:  # and a sick day now and then
            offset = _offset_min(day)
            midnight = datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()
            local_start = (8.0 if weekday != 5 else 9.0) + rng.choice((0, 0, 0.5, 1.0))
            hours = 8.5 if weekday != 5 else 5.0
            start = midnight + local_start * 3600 - offset * 60
            lunch_at = start + rng.uniform(3.5, 4.5) * 3600
            volume = 250 * WEEKDAY[weekday] * _season(day) * rng.uniform(0.85, 1.15)
            h.days.append(Day(day, offset, start, start + hours * 3600,
                              (lunch_at, lunch_at + 45 * 60), volume * hours / 8.5))
        day += timedelta(days=1)
    return 0


def _intensity(hour: float) -> float:
    """Calls per hour through a shift (in hours since its start): two peaks, a slow start."""
    return 0.6 + 0.5 * math.exp(-((hour - 2.0) ** 2) / 2) + 0.4 * math.exp(-((hour - 6) ** 2) / 2)


def interactions(h: History) -> int:
    rng = h.rng
    rows = []
    for day in h.days:
        span = day.end - day.start
        # Thinning a Poisson process: accept a candidate with the shift's intensity.
        peak = 1.5
        n = int(rng.gauss(day.volume, math.sqrt(day.volume)) * peak / 0.95)
        times = sorted(day.start + rng.random() * span for _ in range(max(0, n)))
        hard_day = rng.random() < 0.12  # some days are just worse
        p_hard = 0.11 * _season(day.local) * (1.9 if hard_day else 1.0)
        streak_boost = 0.0
        for at in times:
            if day.lunch[0] <= at < day.lunch[1]:
                continue
            if rng.random() * peak > _intensity((at - day.start) / 3600):
                continue
            difficult = rng.random() < p_hard + streak_boost
            streak_boost = 0.12 if difficult else max(0.0, streak_boost - 0.04)
            severity = rng.choices((1, 2, 3), (0.45, 0.4, 0.15))[0] if difficult else None
            reason = rng.choice(REASONS) if difficult and rng.random() < 0.6 else None
            note = rng.choice(NOTES) if difficult and rng.random() < 0.05 else None
            undone = iso(at + rng.uniform(2, 20)) if rng.random() < 0.02 else None
            source = rng.choices(("hotkey", "menu", "cli"), (0.85, 0.1, 0.05))[0]
            rows.append((iso(at), day.offset_min, "difficult" if difficult else "ordinary",
                         severity, reason, note, source, undone))
            if undone is None:
                h.tags.append(Tag(at, difficult, severity))
    return h.insert("interactions", ("at_utc", "utc_offset_min", "kind", "severity", "reason",
                                     "note", "source", "undone_at_utc"), rows)


def nudges(h: History) -> int:
    """Offers drawn by load (the shipped model, 30-minute half-life, 3 / 6 thresholds)."""
    rng = h.rng
    load, last_at, streak = 0.0, 0.0, 0
    last_offer: dict[str, float] = {}
    offsets = {d.local: d.offset_min for d in h.days}
    for tag in h.tags:
        load = load * 2 ** (-(tag.at - last_at) / HALF_LIFE) + (tag.severity or 0)
        last_at = tag.at
        streak = streak + 1 if tag.difficult else 0
        level = "high" if load >= 6 or streak >= 5 else "building" if load >= 3 or streak >= 3 \
            else "calm"
        if level == "calm":
            continue
        if tag.at - last_offer.get(level, 0.0) < 15 * 60:
            continue
        at = tag.at + rng.uniform(1, 20)
        last_offer[level] = at
        kind = "breathe" if level == "building" else rng.choice(("break", "break", "journal"))
        response = rng.choices(("accepted", "snoozed", "dismissed", None),
                               (0.42, 0.2, 0.25, 0.13))[0]
        local = datetime.fromtimestamp(at, UTC).date()
        h.nudges.append(Nudge(at, offsets.get(local, 60), kind, level, round(load, 3), streak,
                              response))
        if response == "accepted" and kind != "journal":
            load /= 2
    rows = []
    for nudge in h.nudges:
        responded = nudge.at + rng.uniform(3, 90) if nudge.response else None
        rows.append((iso(nudge.at), nudge.offset_min, nudge.kind, nudge.level, nudge.load,
                     nudge.streak, nudge.response, iso(responded) if responded else None,
                     rng.choice((10.0, 30.0)) if nudge.response == "snoozed" else None))
    written = h.insert("nudges", ("shown_utc", "utc_offset_min", "kind", "level", "load",
                                  "streak", "response", "responded_utc", "snooze_minutes"), rows)
    first = h.conn.execute("SELECT min(id) FROM nudges").fetchone()[0] or 1
    for i, nudge in enumerate(h.nudges):
        nudge.row_id = first + i
    return written


def breaks(h: History) -> int:
    rng = h.rng
    rows = []
    for nudge in h.nudges:
        if nudge.kind == "break" and nudge.response == "accepted":
            planned = rng.choice((60, 300, 300, 600))
            outcome = rng.choices(("taken", "shortened", "skipped"), (0.7, 0.22, 0.08))[0]
            length = planned * (rng.uniform(0.3, 0.9) if outcome == "shortened" else 1.0)
            start = nudge.at + rng.uniform(5, 60)
            end = start + (0 if outcome == "skipped" else length)
            rows.append(("break", iso(start), iso(end), nudge.offset_min, planned, outcome,
                         nudge.row_id))
    for day in h.days:
        # Natural breaks: lunch, and a couple of trips away from the desk.
        rows.append(("idle", iso(day.lunch[0]), iso(day.lunch[1]), day.offset_min, None,
                     "taken", None))
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            start = rng.uniform(day.start, day.end - 900)
            rows.append(("idle", iso(start), iso(start + rng.uniform(180, 900)), day.offset_min,
                         None, "taken", None))
    rows.sort(key=lambda r: r[1])
    return h.insert("breaks", ("kind", "started_utc", "ended_utc", "utc_offset_min",
                               "planned_seconds", "outcome", "nudge_id"), rows)


def breathing_sessions(h: History) -> int:
    rng = h.rng
    names, weights = zip(*PATTERNS, strict=True)
    starts = [(n.at + rng.uniform(3, 40), n.offset_min, n.row_id) for n in h.nudges
              if n.kind == "breathe" and n.response == "accepted"]
    for day in h.days:  # now and then on the agent's own initiative
        if rng.random() < 0.15:
            starts.append((rng.uniform(day.start, day.end), day.offset_min, 0))
    rows = []
    for start, offset, nudge_id in sorted(starts):
        minutes = rng.choices((1, 3, 5), (0.7, 0.22, 0.08))[0]
        planned = minutes * 60.0
        completed = rng.random() < 0.8
        actual = planned if completed else round(rng.uniform(8, planned - 5), 1)
        paused = rng.choice((0.0, 0.0, 0.0, rng.uniform(2, 30)))
        before = rng.randint(3, 9) if rng.random() < 0.75 else None
        after = None
        if before is not None and rng.random() < 0.85:
            after = max(0, min(10, before - rng.choice((0, 1, 1, 2, 2, 3, 4)) +
                               rng.choice((0, 0, 0, 1))))
        rows.append((iso(start), iso(start + actual + paused), offset, rng.choices(
            names, weights)[0], planned, actual, int(completed), before, after,
            nudge_id or None))
    return h.insert("breathing_sessions", (
        "started_utc", "ended_utc", "utc_offset_min", "pattern", "planned_seconds",
        "actual_seconds", "completed", "rating_before", "rating_after", "nudge_id"), rows)


def calls(h: History) -> int:
    """The calls the tags followed (the microphone in use, m008_calls), a little longer
    when hard, and now and then one nobody tagged."""
    rng = h.rng
    offsets = {d.local: d.offset_min for d in h.days}
    rows = []
    for tag in h.tags:
        for _extra in range(2 if rng.random() < 0.06 else 1):
            length = rng.uniform(60, 540) * (1.5 if tag.difficult else 1.0)
            end = tag.at - rng.uniform(2, 40)
            offset = offsets.get(datetime.fromtimestamp(tag.at, UTC).date(), 60)
            rows.append((iso(end - length), iso(end), offset, "pulseaudio"))
    rows.sort()
    return h.insert("calls", ("started_utc", "ended_utc", "utc_offset_min", "source"), rows)


def checkins(h: History) -> int:
    """The weekly check-in (m007_support): most Fridays at 15:00, a question or two left
    open now and then, scores higher in the December peak. Each week's answers drift
    from the week before, as a person's do."""
    rng = h.rng
    level = 1.6  # 0-4 answer scale
    done = 0
    for day in h.days:
        if day.local.weekday() != 4 or rng.random() > 0.7:
            continue
        level = min(3.6, max(0.4, level + rng.gauss(0, 0.25) + 0.15 * (_season(day.local) - 1)))
        answers = [None if rng.random() < 0.06 else max(0, min(4, round(rng.gauss(level, 0.7))))
                   for _item in range(6)]
        answered = [a for a in answers if a is not None]
        if not answered:
            continue
        score = sum(a * 25 for a in answered) / len(answered) if len(answered) >= 3 else None
        at = day.start + 7 * 3600
        year, week, _weekday = day.local.isocalendar()
        cursor = h.conn.execute(
            "INSERT INTO checkins (at_utc, utc_offset_min, week, answered, score, source) "
            "VALUES (?, ?, ?, ?, ?, 'window')",
            (iso(at), day.offset_min, f"{year}-W{week:02d}", len(answered), score))
        h.insert("checkin_answers", ("checkin_id", "item", "answer", "points"),
                 [(cursor.lastrowid, item, a, None if a is None else a * 25)
                  for item, a in enumerate(answers, start=1)])
        done += 1
    return done


JOURNAL_LINES = (
    ("en", "He shouted from the first second and I kept my voice low. It still stung."),
    ("en", "Third escalation this week about the same outage. I need a real answer to give."),
    ("en", "I did well: I named the limit once and ended the call calmly."),
    ("en", "What I need now is ten minutes outside and a glass of water."),
    ("es", "La clienta lloró por la factura. Me quedé con ella, pero me dejó agotada."),
    ("es", "Hoy pedí ayuda a mi supervisora y me sentó bien no cargar con todo."),
    ("es", "Me insultó dos veces; la próxima vez corto antes, como dice el protocolo."),
    ("zh_CN", "今天的电话很难,客户一直打断我。深呼吸之后好多了。"),
    ("zh_CN", "主管帮我处理了退款问题,我想下次早点请她帮忙。"),
)


def journal_entries(h: History) -> int:
    """Entries (m005_journal): most journal nudges accepted lead to a few lines a minute
    later, linked to the hard calls of the half hour before; now and then one on a hard
    day without a nudge. Written through the full-text index the way the store writes
    them (``journal_search`` with the text in ``index_form``)."""
    from desktop.store.journal_text import index_form

    rng = h.rng
    written = 0
    moments = [(n.at + rng.uniform(30, 300), n.offset_min, n.row_id) for n in h.nudges
               if n.kind == "journal" and n.response == "accepted" and rng.random() < 0.8]
    moments += [(rng.uniform(d.start, d.end), d.offset_min, 0) for d in h.days
                if rng.random() < 0.04]
    for at, offset, nudge_id in sorted(moments):
        text = " ".join(rng.choice(JOURNAL_LINES)[1] for _line in range(rng.choice((1, 1, 2))))
        cursor = h.conn.execute(
            "INSERT INTO journal_entries (created_utc, utc_offset_min, text, mood, prompt, "
            "nudge_id, source) VALUES (?, ?, ?, ?, ?, ?, 'window')",
            (iso(at), offset, text, rng.choice((None, 1, 2, 2, 3, 3, 4)),
             rng.choice(("what-happened", "did-well", "need-now", None)), nudge_id or None))
        entry = cursor.lastrowid
        h.conn.execute("INSERT INTO journal_search (entry_id, body) VALUES (?, ?)",
                       (entry, index_form(text)))
        h.conn.execute("INSERT INTO journal_links (entry_id, interaction_id) SELECT ?, id "
                       "FROM interactions WHERE kind = 'difficult' AND undone_at_utc IS NULL "
                       "AND at_utc BETWEEN ? AND ?", (entry, iso(at - 1800), iso(at)))
        written += 1
    return written


# In dependency order: each generator may read what the ones before it left on History.
GENERATORS: list[tuple[str, Callable[[History], int]]] = [
    ("calendar", working_days),
    ("interactions", interactions),
    ("nudges", nudges),
    ("breaks", breaks),
    ("breathing_sessions", breathing_sessions),
    ("calls", calls),
    ("checkins", checkins),
    ("journal_entries", journal_entries),
]


def make_history(out: Path, years: int = 5, seed: int = 20261125,
                 report: Callable[[str], None] = lambda _line: None) -> Path:
    """Create ``out``/breakwater.sqlite3 filled with ``years`` of history; returns its path."""
    path = out / DB_NAME
    if path.exists():
        raise FileExistsError(f"{path} exists; choose an empty folder")
    opened = open_database(path)
    conn = opened.conn
    history = History(conn, random.Random(seed), years)
    conn.execute("PRAGMA synchronous=OFF")  # a generated file: speed over durability
    conn.execute("BEGIN")
    try:
        for name, generate in GENERATORS:
            began = time.perf_counter()
            count = generate(history)
            if count:
                report(f"{name}: {count} rows in {time.perf_counter() - began:.1f} s")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("PRAGMA optimize")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--out", type=Path, help="folder for breakwater.sqlite3 (new or empty)")
    parser.add_argument("--seed", type=int, default=20261125)
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="breakwater-history-"))
    began = time.perf_counter()
    path = make_history(out, args.years, args.seed, report=print)
    size = path.stat().st_size / 1e6
    print(f"{path}: {size:.1f} MB in {time.perf_counter() - began:.1f} s "
          f"(BREAKWATER_HOME={out})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
