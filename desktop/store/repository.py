"""All reads and writes of Breakwater's tables. Nothing else runs SQL.

Every write is one transaction: a tag counts as recorded only once ``COMMIT`` returned.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.load import Snapshot
from desktop.core.model import Interaction, Kind, Reason, Recovery, RecoveryKind
from desktop.core.nudge import Nudge, Response
from desktop.store.errors import explain
from desktop.store.timestamps import from_iso, offset_minutes, to_iso


@dataclass(frozen=True)
class StoredInteraction:
    interaction: Interaction
    note: str | None
    source: str


def _interaction(row: sqlite3.Row | tuple[Any, ...]) -> Interaction:
    id_, at, kind, severity, reason, undone = row
    return Interaction(
        id=id_,
        at=from_iso(at),
        kind=Kind(kind),
        severity=severity or 0,
        reason=Reason(reason) if reason else None,
        undone=undone is not None,
    )


_TAG_COLUMNS = "id, at_utc, kind, severity, reason, undone_at_utc"


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction; any sqlite error becomes a user-facing StoreError."""
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                # Some errors (SQLITE_FULL) already rolled the transaction back.
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.Error as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise explain(error, self.path) from None

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return list(self.conn.execute(sql, params).fetchall())
        except sqlite3.Error as error:
            raise explain(error, self.path) from None

    # Feature repositories (desktop/store/<feature>.py) take this Store and share its
    # connection, its transactions and its error handling through these two names.
    transaction = _write
    query = _read

    def close(self) -> None:
        self.conn.close()

    # Interactions ---------------------------------------------------------------
    def add_interaction(
        self,
        kind: Kind,
        at: float,
        offset: int,
        severity: int | None = None,
        reason: Reason | None = None,
        note: str | None = None,
        source: str = "cli",
    ) -> Interaction:
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO interactions (at_utc, utc_offset_min, kind, severity, reason, note,"
                " source) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (to_iso(at), offset_minutes(offset), kind.value,
                 severity if kind is Kind.DIFFICULT else None,
                 reason.value if reason else None, note, source),
            )
            new_id = cursor.lastrowid
        assert new_id is not None
        return Interaction(new_id, from_iso(to_iso(at)), kind,
                           severity if kind is Kind.DIFFICULT and severity else 0, reason)

    def undo_last(self, at: float) -> Interaction | None:
        """Mark the most recent tag that still counts as undone (it stays in the file)."""
        with self._write() as conn:
            row = conn.execute(
                f"SELECT {_TAG_COLUMNS} FROM interactions WHERE undone_at_utc IS NULL "
                "ORDER BY id DESC LIMIT 1").fetchone()
            if row is None:
                return None
            conn.execute("UPDATE interactions SET undone_at_utc = ? WHERE id = ?",
                         (to_iso(at), row[0]))
        tag = _interaction(row)
        return Interaction(tag.id, tag.at, tag.kind, tag.severity, tag.reason, undone=True)

    def undo(self, tag_id: int, at: float) -> bool:
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE interactions SET undone_at_utc = ? WHERE id = ? AND undone_at_utc IS NULL",
                (to_iso(at), tag_id))
            return cursor.rowcount == 1

    def amend(self, tag_id: int, severity: int | None = None,
              reason: Reason | None = None, note: str | None = None) -> bool:
        """Change the severity or reason of a difficult tag (from the toast's chips), or
        the note of any tag (from the toast, by keyboard); None leaves a field as it is,
        a note of "" removes it."""
        with self._write() as conn:
            before = conn.total_changes
            if severity is not None:
                conn.execute("UPDATE interactions SET severity = ? WHERE id = ? "
                             "AND kind = 'difficult'", (severity, tag_id))
            if reason is not None:
                conn.execute("UPDATE interactions SET reason = ? WHERE id = ? "
                             "AND kind = 'difficult'", (reason.value, tag_id))
            if note is not None:
                conn.execute("UPDATE interactions SET note = ? WHERE id = ?",
                             (note or None, tag_id))
            return conn.total_changes > before

    def note_of(self, tag_id: int) -> str | None:
        rows = self._read("SELECT note FROM interactions WHERE id = ?", (tag_id,))
        return str(rows[0][0]) if rows and rows[0][0] is not None else None

    def interactions_since(self, since: float) -> list[Interaction]:
        rows = self._read(f"SELECT {_TAG_COLUMNS} FROM interactions WHERE at_utc >= ? "
                          "ORDER BY id", (to_iso(since),))
        return [_interaction(r) for r in rows]

    def interaction_count(self) -> int:
        return int(self._read("SELECT count(*) FROM interactions")[0][0])

    # Recovery -------------------------------------------------------------------
    def add_break(self, kind: RecoveryKind, start: float, end: float, offset: int,
                  outcome: str, planned_seconds: int | None = None,
                  nudge_id: int | None = None) -> int:
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO breaks (kind, started_utc, ended_utc, utc_offset_min, "
                "planned_seconds, outcome, nudge_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (kind.value, to_iso(start), to_iso(max(start, end)), offset_minutes(offset),
                 planned_seconds, outcome, nudge_id))
            return int(cursor.lastrowid or 0)

    def add_breathing(self, *, started: float, ended: float, offset: int, pattern: str,
                      planned_seconds: float, actual_seconds: float, completed: bool,
                      rating_before: int | None = None, rating_after: int | None = None,
                      nudge_id: int | None = None) -> int:
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO breathing_sessions (started_utc, ended_utc, utc_offset_min, "
                "pattern, planned_seconds, actual_seconds, completed, rating_before, "
                "rating_after, nudge_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (to_iso(started), to_iso(max(started, ended)), offset_minutes(offset), pattern,
                 planned_seconds, max(0.0, actual_seconds), int(completed), rating_before,
                 rating_after, nudge_id))
            return int(cursor.lastrowid or 0)

    def rate_breathing(self, session_id: int, rating_after: int) -> None:
        """The after-rating, given once breathing has already been stored."""
        with self._write() as conn:
            conn.execute("UPDATE breathing_sessions SET rating_after = ? WHERE id = ?",
                         (rating_after, session_id))

    def recoveries_since(self, since: float) -> list[Recovery]:
        """Breaks, and the time actually breathed at the end of each breathing session
        (its pauses are not recovery), as the running app counted them."""
        key = to_iso(since)
        rows = self._read(
            "SELECT started_utc, ended_utc, kind, NULL FROM breaks WHERE ended_utc >= ? "
            "AND outcome != 'skipped' "
            "UNION ALL SELECT started_utc, ended_utc, 'breathing', actual_seconds "
            "FROM breathing_sessions WHERE ended_utc >= ? ORDER BY 1", (key, key))
        recoveries = []
        for started, ended, kind, breathed in rows:
            start, end = from_iso(started), from_iso(ended)
            if breathed is not None:
                start = max(start, end - float(breathed))
            recoveries.append(Recovery(start, end, RecoveryKind(kind)))
        return recoveries

    # Nudges ---------------------------------------------------------------------
    def add_nudge(self, nudge: Nudge, snap: Snapshot, offset: int) -> int:
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO nudges (shown_utc, utc_offset_min, kind, level, load, streak) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (to_iso(nudge.at), offset_minutes(offset), nudge.kind.value,
                 nudge.level.value, snap.load, snap.streak))
            return int(cursor.lastrowid or 0)

    def respond_nudge(self, nudge_id: int, response: Response, at: float,
                      snooze_minutes: float | None = None) -> None:
        with self._write() as conn:
            conn.execute(
                "UPDATE nudges SET response = ?, responded_utc = ?, snooze_minutes = ? "
                "WHERE id = ?", (response.value, to_iso(at), snooze_minutes, nudge_id))

    # Settings -------------------------------------------------------------------
    # What the app remembers between runs --------------------------------------------
    def get_state(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM app_state WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def put_state(self, key: str, value: str) -> None:
        with self._write() as conn:
            conn.execute("INSERT INTO app_state (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def raw_settings(self) -> dict[str, Any]:
        """Stored values, JSON-decoded; undecodable ones come back as their raw text."""
        out: dict[str, Any] = {}
        for key, value in self._read("SELECT key, value FROM settings ORDER BY key"):
            try:
                out[key] = json.loads(value)
            except json.JSONDecodeError:
                out[key] = value
        return out

    def put_setting(self, key: str, value: Any) -> None:
        with self._write() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                         (key, json.dumps(value)))

    def delete_setting(self, key: str) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM settings WHERE key = ?", (key,))

    # Export and deletion --------------------------------------------------------
    EXPORT_TABLES = ("interactions", "breaks", "breathing_sessions", "nudges", "settings",
                     "calls", "checkins", "checkin_answers", "contacts", "phrases",
                     "hidden_default_phrases")

    def table_rows(self, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        if table not in self.EXPORT_TABLES:
            raise ValueError(table)
        try:
            cursor = self.conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
        except sqlite3.Error as error:
            raise explain(error, self.path) from None
        columns = [d[0] for d in cursor.description]
        return columns, list(cursor.fetchall())

    def delete_everything(self) -> None:
        with self._write() as conn:
            for table in (*self.EXPORT_TABLES, "app_state"):
                conn.execute(f"DELETE FROM {table}")
        self.conn.execute("VACUUM")
