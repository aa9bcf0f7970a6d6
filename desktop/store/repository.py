"""All reads and writes of Breakwater's tables. Nothing else runs SQL.

Every write is one transaction: a tag counts as recorded only once ``COMMIT`` returned.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from desktop.core.load import Snapshot
from desktop.core.model import Interaction, Kind, Reason, Recovery, RecoveryKind
from desktop.core.nudge import Nudge, Response
from desktop.core.text import N_, Message
from desktop.store import catalog
from desktop.store.errors import EraseIncomplete, RequestExpired, StoreError, explain
from desktop.store.timestamps import from_iso, offset_minutes, to_iso


def _interaction(row: sqlite3.Row | tuple[Any, ...]) -> Interaction:
    id_, at, kind, severity, reason, undone, offset_min = row
    return Interaction(
        id=id_,
        at=from_iso(at),
        kind=Kind(kind),
        severity=severity or 0,
        reason=Reason(reason) if reason else None,
        undone=undone is not None,
        offset=int(offset_min) * 60,
    )


_TAG_COLUMNS = "id, at_utc, kind, severity, reason, undone_at_utc, utc_offset_min"
REQUEST_MEMORY_SECONDS = 86400.0  # how long a request's outcome is kept


@dataclass(frozen=True)
class Claim:
    """A command-line request being carried out: its id is recorded in the same
    transaction as its effect, and the transaction is rolled back when ``expired()``
    says the command line has stopped waiting."""

    request_id: str
    at: float
    expired: Callable[[], bool]


def _expired_message() -> Message:
    return Message(N_("The request arrived after the command had stopped waiting for it; "
                      "it was not carried out."))


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path,
                 read_only: Message | None = None) -> None:
        self.conn = conn
        self.path = path
        self._claim: Claim | None = None
        # Opened read-only (the folder cannot be written): why, said on every write.
        self.read_only = read_only

    @contextmanager
    def on_behalf_of(self, claim: Claim | None) -> Iterator[None]:
        """The next write carries out ``claim``'s request (at most once, ever)."""
        self._claim = claim
        try:
            yield
        finally:
            self._claim = None

    def _record_claim(self, conn: sqlite3.Connection, claim: Claim) -> None:
        conn.execute("DELETE FROM requests WHERE at_utc < ?",
                     (to_iso(claim.at - REQUEST_MEMORY_SECONDS),))
        try:
            conn.execute("INSERT INTO requests (id, at_utc, outcome) VALUES (?, ?, 'done')",
                         (claim.request_id, to_iso(claim.at)))
        except sqlite3.IntegrityError:
            raise RequestExpired(_expired_message()) from None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction; any sqlite error becomes a user-facing StoreError."""
        conn = self.conn
        claim, self._claim = self._claim, None
        if self.read_only is not None:
            raise StoreError(self.read_only)
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                if claim is not None:  # last: an erase must not delete its own record
                    self._record_claim(conn, claim)
                    if claim.expired():
                        raise RequestExpired(_expired_message())
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

    def write(self, sql: str,
              params: tuple[Any, ...] | Mapping[str, Any] = ()) -> sqlite3.Cursor:
        """One statement as a transaction of its own; its cursor, for ``lastrowid``
        and ``rowcount``."""
        with self.transaction() as conn:
            return conn.execute(sql, params)

    def query(self, sql: str,
              params: tuple[Any, ...] | Mapping[str, Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return list(self.conn.execute(sql, params).fetchall())
        except sqlite3.Error as error:
            raise explain(error, self.path) from None

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
        new_id = self.write(
            "INSERT INTO interactions (at_utc, utc_offset_min, kind, severity, reason, note,"
            " source) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (to_iso(at), offset_minutes(offset), kind.value,
             severity if kind is Kind.DIFFICULT else None,
             reason.value if reason else None, note, source),
        ).lastrowid
        assert new_id is not None
        return Interaction(new_id, from_iso(to_iso(at)), kind,
                           severity if kind is Kind.DIFFICULT and severity else 0, reason,
                           offset=offset_minutes(offset) * 60)

    def undo_last(self, at: float) -> Interaction | None:
        """Mark the most recent tag that still counts as undone (it stays in the file)."""
        with self.transaction() as conn:
            row = conn.execute(
                f"SELECT {_TAG_COLUMNS} FROM interactions WHERE undone_at_utc IS NULL "
                "ORDER BY id DESC LIMIT 1").fetchone()
            if row is None:
                return None
            conn.execute("UPDATE interactions SET undone_at_utc = ? WHERE id = ?",
                         (to_iso(at), row[0]))
        tag = _interaction(row)
        return replace(tag, undone=True)

    def undo(self, tag_id: int, at: float) -> bool:
        return self.write(
            "UPDATE interactions SET undone_at_utc = ? WHERE id = ? AND undone_at_utc IS NULL",
            (to_iso(at), tag_id)).rowcount == 1

    def amend(self, tag_id: int, severity: int | None = None,
              reason: Reason | None = None, note: str | None = None) -> bool:
        """Change the severity or reason of a difficult tag (from the toast's chips), or
        the note of any tag (from the toast, by keyboard); None leaves a field as it is,
        a note of "" removes it."""
        with self.transaction() as conn:
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
        rows = self.query("SELECT note FROM interactions WHERE id = ?", (tag_id,))
        return str(rows[0][0]) if rows and rows[0][0] is not None else None

    def interactions_since(self, since: float) -> list[Interaction]:
        # "+id": sorting the few recent rows beats walking every row in id order, which
        # SQLite otherwise picks (a full scan: 23 ms on a five-year file, each command).
        rows = self.query(f"SELECT {_TAG_COLUMNS} FROM interactions WHERE at_utc >= ? "
                          "ORDER BY +id", (to_iso(since),))
        return [_interaction(r) for r in rows]

    def interaction_count(self) -> int:
        return int(self.query("SELECT count(*) FROM interactions")[0][0])

    # Recovery -------------------------------------------------------------------
    def add_breathing(self, *, started: float, ended: float, offset: int, pattern: str,
                      planned_seconds: float, actual_seconds: float, completed: bool,
                      rating_before: int | None = None, rating_after: int | None = None,
                      nudge_id: int | None = None) -> int:
        return int(self.write(
            "INSERT INTO breathing_sessions (started_utc, ended_utc, utc_offset_min, "
            "pattern, planned_seconds, actual_seconds, completed, rating_before, "
            "rating_after, nudge_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (to_iso(started), to_iso(max(started, ended)), offset_minutes(offset), pattern,
             planned_seconds, max(0.0, actual_seconds), int(completed), rating_before,
             rating_after, nudge_id)).lastrowid or 0)

    def rate_breathing(self, session_id: int, rating_after: int) -> None:
        """The after-rating, given once breathing has already been stored."""
        self.write("UPDATE breathing_sessions SET rating_after = ? WHERE id = ?",
                   (rating_after, session_id))

    def recoveries_since(self, since: float) -> list[Recovery]:
        """Breaks, and the time actually breathed at the end of each breathing session
        (its pauses are not recovery), as the running app counted them."""
        key = to_iso(since)
        rows = self.query(
            "SELECT started_utc, ended_utc, kind, NULL FROM breaks WHERE ended_utc >= ? "
            "AND outcome != 'skipped' "
            "UNION ALL SELECT started_utc, ended_utc, 'breathing', actual_seconds "
            "FROM breathing_sessions WHERE ended_utc >= ?", (key, key))
        # Sorted here: asked to sort, SQLite walks both tables in start order instead of
        # using the ended_utc indexes (every row ever recorded, on every command).
        rows.sort(key=lambda row: str(row[0]))
        recoveries = []
        for started, ended, kind, breathed in rows:
            start, end = from_iso(started), from_iso(ended)
            if breathed is not None:
                start = max(start, end - float(breathed))
            recoveries.append(Recovery(start, end, RecoveryKind(kind)))
        return recoveries

    # Nudges ---------------------------------------------------------------------
    def add_nudge(self, nudge: Nudge, snap: Snapshot, offset: int) -> int:
        return int(self.write(
            "INSERT INTO nudges (shown_utc, utc_offset_min, kind, level, load, streak) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (to_iso(nudge.at), offset_minutes(offset), nudge.kind.value,
             nudge.level.value, snap.load, snap.streak)).lastrowid or 0)

    def respond_nudge(self, nudge_id: int, response: Response, at: float,
                      snooze_minutes: float | None = None) -> None:
        self.write("UPDATE nudges SET response = ?, responded_utc = ?, snooze_minutes = ? "
                   "WHERE id = ?", (response.value, to_iso(at), snooze_minutes, nudge_id))

    # Settings -------------------------------------------------------------------
    # What the app remembers between runs --------------------------------------------
    def get_state(self, key: str) -> str | None:
        rows = self.query("SELECT value FROM app_state WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def put_state(self, key: str, value: str) -> None:
        self.write("INSERT INTO app_state (key, value) VALUES (?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def raw_settings(self) -> dict[str, Any]:
        """Stored values, JSON-decoded; undecodable ones come back as their raw text."""
        out: dict[str, Any] = {}
        for key, value in self.query("SELECT key, value FROM settings ORDER BY key"):
            try:
                out[key] = json.loads(value)
            except json.JSONDecodeError:
                out[key] = value
        return out

    def put_setting(self, key: str, value: Any) -> None:
        self.write("INSERT INTO settings (key, value) VALUES (?, ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                   (key, json.dumps(value)))

    def delete_setting(self, key: str) -> None:
        self.write("DELETE FROM settings WHERE key = ?", (key,))

    # Command-line requests -------------------------------------------------------
    def settle_request(self, request_id: str, at: float) -> str:
        """The command line stopped waiting for a request: 'done' when the app carried it
        out, else 'expired', recorded now so that the app never carries it out later."""
        with self.transaction() as conn:
            row = conn.execute("SELECT outcome FROM requests WHERE id = ?",
                               (request_id,)).fetchone()
            if row is not None:
                return str(row[0])
            conn.execute("INSERT INTO requests (id, at_utc, outcome) VALUES (?, ?, 'expired')",
                         (request_id, to_iso(at)))
            return "expired"

    # Export and deletion --------------------------------------------------------
    def tables(self) -> catalog.Tables:
        try:
            return catalog.tables(self.conn)
        except sqlite3.Error as error:
            raise explain(error, self.path) from None

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One read transaction: an export sees every table as of the same moment."""
        try:
            self.conn.execute("BEGIN")
        except sqlite3.Error as error:
            raise explain(error, self.path) from None
        try:
            yield
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    def iter_rows(self, table: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        """Column names and the rows of ``table``, streamed (never all in memory)."""
        if table not in self.tables().real:
            raise ValueError(table)
        try:
            cursor = self.conn.execute(f"SELECT * FROM {catalog.quote(table)} ORDER BY rowid")
        except sqlite3.Error as error:
            raise explain(error, self.path) from None
        columns = [d[0] for d in cursor.description]

        def rows() -> Iterator[tuple[Any, ...]]:
            try:
                while batch := cursor.fetchmany(2000):
                    yield from batch
            except sqlite3.Error as error:
                raise explain(error, self.path) from None

        return columns, rows()

    def delete_everything(self) -> None:
        """Erase every row of every data table so that no byte of it stays in the file or
        its WAL: deleted cells are zeroed (secure_delete), full-text indexes emptied, the
        file rebuilt (VACUUM), then the WAL copied back and truncated to nothing. Raises
        StoreError when another connection's open read keeps the old bytes in the WAL."""
        found = self.tables()
        with self.transaction() as conn:
            for table in found.real:
                conn.execute(f"DELETE FROM {catalog.quote(table)}")
            for table in found.virtual:
                catalog.empty_virtual(conn, table)
        try:
            self.conn.execute("PRAGMA temp_store=MEMORY")  # VACUUM's copy stays off the disk
            self.conn.execute("VACUUM")
            busy = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.Error as error:
            raise explain(error, self.path) from None
        if busy:
            raise EraseIncomplete(Message(N_(
                "Your data was deleted, but another program reading {path} keeps old copies "
                "in its journal. Close that program and run delete-everything again."),
                {"path": str(self.path)}))
