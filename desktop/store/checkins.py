"""The weekly check-ins: one row per check-in with its score, one row per item."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.checkin import ITEMS, points
from desktop.store.repository import Store
from desktop.store.timestamps import from_iso, offset_minutes, to_iso


@dataclass(frozen=True)
class StoredCheckin:
    id: int
    at: float
    week: str
    score: float | None
    answers: tuple[int | None, ...]


class CheckinStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, *, at: float, offset: int, week: str, answers: Sequence[int | None],
            score: float | None, source: str) -> int:
        """Store a check-in and its six answers (None: not answered) in one transaction."""
        answered = sum(a is not None for a in answers)
        with self.store.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO checkins (at_utc, utc_offset_min, week, answered, score, source) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (to_iso(at), offset_minutes(offset), week, answered, score, source))
            row = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT INTO checkin_answers (checkin_id, item, answer, points) "
                "VALUES (?, ?, ?, ?)",
                [(row, item.number, answer, None if answer is None else points(answer))
                 for item, answer in zip(ITEMS, answers, strict=True)])
        return row

    def latest_week(self) -> str | None:
        """The week of the most recent check-in, if any."""
        rows = self.store.query("SELECT week FROM checkins ORDER BY id DESC LIMIT 1")
        return str(rows[0][0]) if rows else None

    def week_scores(self, weeks: Sequence[str]) -> dict[str, float | None]:
        """The latest check-in's score in each of ``weeks`` that had one (None: too few
        answers for a score)."""
        if not weeks:
            return {}
        marks = ", ".join("?" for _ in weeks)
        rows = self.store.query(
            f"SELECT week, score FROM checkins WHERE id IN (SELECT max(id) FROM checkins "
            f"WHERE week IN ({marks}) GROUP BY week)", tuple(weeks))
        return {str(week): (None if score is None else float(score)) for week, score in rows}

    def get(self, checkin_id: int) -> StoredCheckin | None:
        rows = self.store.query("SELECT id, at_utc, week, score FROM checkins WHERE id = ?",
                                (checkin_id,))
        if not rows:
            return None
        id_, at, week, score = rows[0]
        by_item = dict(self.store.query(
            "SELECT item, answer FROM checkin_answers WHERE checkin_id = ?", (checkin_id,)))
        return StoredCheckin(int(id_), from_iso(at), str(week),
                             None if score is None else float(score),
                             tuple(by_item.get(item.number) for item in ITEMS))
