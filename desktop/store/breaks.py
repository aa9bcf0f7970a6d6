"""SQL for breaks: the break running now, the ``breaks`` rows, natural breaks merged into
one span, and moving stamps a wall clock ran ahead to (docs/load-model.md).

The running break lives in ``app_state`` (key ``break``) so every process sees it: the
tray app, a break window on its own, and ``breakwater status``. Finishing it is a
compare-and-delete in one transaction, so two processes never both record it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from desktop.core.breaks import Finished, Outcome
from desktop.core.model import RecoveryKind
from desktop.store.repository import Store
from desktop.store.timestamps import from_iso, offset_minutes, to_iso

STATE_KEY = "break"

# Every stamp of the core's tables and the calls table. Stamps ahead of the clock are
# moved back together when the clock is found behind them (``restamp``); a span's two
# ends move in one statement so its start never passes its end.
POINTS = (("interactions", "at_utc"), ("interactions", "undone_at_utc"),
          ("nudges", "shown_utc"), ("nudges", "responded_utc"))
SPANS = ("breaks", "breathing_sessions", "calls")


@dataclass(frozen=True)
class BreakRow:
    id: int
    kind: RecoveryKind
    started: float
    ended: float
    outcome: str


class BreakRows:
    def __init__(self, store: Store) -> None:
        self.store = store

    # The running break ----------------------------------------------------------
    def running(self) -> str | None:
        return self.store.get_state(STATE_KEY)

    def begin(self, text: str) -> bool:
        """Save a new running break unless one is already saved; True when saved."""
        return self.store.write(
            "INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
            (STATE_KEY, text)).rowcount == 1

    def replace(self, old: str, new: str) -> bool:
        """Change the running break if it is still ``old`` (another process may have
        finished it); True when changed."""
        return self.store.write("UPDATE app_state SET value = ? WHERE key = ? AND value = ?",
                                (new, STATE_KEY, old)).rowcount == 1

    def finish(self, old: str, finished: Finished, offset: int) -> int | None:
        """Record the running break ``old`` as ``finished`` and forget it, in one
        transaction; None when it was no longer running (finished elsewhere)."""
        with self.store.transaction() as conn:
            cursor = conn.execute("DELETE FROM app_state WHERE key = ? AND value = ?",
                                  (STATE_KEY, old))
            if cursor.rowcount != 1:
                return None
            return _insert(conn, finished, offset)

    def add(self, finished: Finished, offset: int) -> int:
        """A break recorded in one go (an offer skipped before it ran)."""
        with self.store.transaction() as conn:
            return _insert(conn, finished, offset)

    def count(self) -> int:
        """Breaks started or offered so far (to take turns with the ideas)."""
        return int(self.store.query("SELECT count(*) FROM breaks WHERE kind = 'break'")[0][0])

    # Natural breaks ---------------------------------------------------------------
    def add_natural(self, start: float, end: float, offset: int) -> tuple[int, bool]:
        """Time away (idle, asleep) as one span: merged into a break or natural break
        it overlaps (one recovery, never two rows both speeding decay), else a new
        ``idle`` row. A break window's row keeps its start and only runs longer: the
        person was still away when it ended ("taken", beyond its end). Returns the row
        and whether it is a break window's."""
        with self.store.transaction() as conn:
            rows = conn.execute(
                "SELECT id, kind, started_utc, ended_utc FROM breaks WHERE outcome != "
                "'skipped' AND ended_utc >= ? AND started_utc <= ? ORDER BY started_utc",
                (to_iso(start), to_iso(end))).fetchall()
            windows = [r for r in rows if r[1] == RecoveryKind.BREAK.value]
            if windows:
                row_id, _kind, _started, ended = windows[-1]
                conn.execute("UPDATE breaks SET ended_utc = ? WHERE id = ?",
                             (to_iso(max(from_iso(ended), end)), row_id))
                return int(row_id), True
            if rows:
                keep = rows[0][0]
                first = min([start] + [from_iso(r[2]) for r in rows])
                last = max([end] + [from_iso(r[3]) for r in rows])
                conn.execute("UPDATE breaks SET started_utc = ?, ended_utc = ? WHERE id = ?",
                             (to_iso(first), to_iso(last), keep))
                for other in rows[1:]:
                    conn.execute("DELETE FROM breaks WHERE id = ?", (other[0],))
                return int(keep), False
            return _insert(conn, Finished(start, end, Outcome.TAKEN, 0, None), offset,
                           kind=RecoveryKind.IDLE), False

    def rows(self) -> list[BreakRow]:
        """Every row, oldest first (for tests and the history)."""
        return [BreakRow(i, RecoveryKind(k), from_iso(s), from_iso(e), o)
                for i, k, s, e, o in self.store.query(
                    "SELECT id, kind, started_utc, ended_utc, outcome FROM breaks ORDER BY id")]

    # A wall clock found behind ------------------------------------------------------
    def restamp(self, now: float, delta: float, running: tuple[str, str] | None) -> None:
        """Move every stamp ahead of ``now`` by ``-delta`` (``Tracker.shift`` does the
        same in memory), keep each span's start at or before its end, and replace the
        running break's text ``running = (old, new)`` when given."""
        cut = to_iso(now)

        def moved(value: str) -> str:
            return to_iso(from_iso(value) - delta) if value > cut else value

        with self.store.transaction() as conn:
            tables = {name for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            for table, column in POINTS:
                for row_id, value in conn.execute(
                        f"SELECT id, {column} FROM {table} WHERE {column} > ?", (cut,)
                ).fetchall():
                    conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?",
                                 (moved(value), row_id))
            for table in SPANS:
                if table not in tables:
                    continue
                for row_id, started, ended in conn.execute(
                        f"SELECT id, started_utc, ended_utc FROM {table} "
                        "WHERE started_utc > ? OR ended_utc > ?", (cut, cut)).fetchall():
                    end = moved(ended)
                    conn.execute(f"UPDATE {table} SET started_utc = ?, ended_utc = ? "
                                 "WHERE id = ?", (min(moved(started), end), end, row_id))
            if running is not None:
                conn.execute("UPDATE app_state SET value = ? WHERE key = ? AND value = ?",
                             (running[1], STATE_KEY, running[0]))


def _insert(conn: sqlite3.Connection, finished: Finished, offset: int,
            kind: RecoveryKind = RecoveryKind.BREAK) -> int:
    cursor = conn.execute(
        "INSERT INTO breaks (kind, started_utc, ended_utc, utc_offset_min, planned_seconds, "
        "outcome, nudge_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (kind.value, to_iso(finished.started), to_iso(max(finished.started, finished.ended)),
         offset_minutes(offset),
         finished.planned_seconds if kind is RecoveryKind.BREAK else None,
         finished.outcome.value, finished.nudge_id))
    return int(cursor.lastrowid or 0)
