"""The ``calls`` table: when calls were live and which source saw them; nothing else.

A row is written when a call begins, with its end equal to its start; the end moves
forward while the call is live (about once a minute) and is set when it ends or when the
app quits. A crash mid-call therefore leaves the last moment the call was seen live, not
an open row."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.store.repository import Store
from desktop.store.timestamps import from_iso, offset_minutes, to_iso


@dataclass(frozen=True)
class StoredCall:
    id: int
    start: float
    end: float
    source: str


class CallLog:
    def __init__(self, store: Store) -> None:
        self.store = store

    def begin(self, start: float, offset: int, source: str) -> int:
        return int(self.store.write(
            "INSERT INTO calls (started_utc, ended_utc, utc_offset_min, source) "
            "VALUES (?, ?, ?, ?)",
            (to_iso(start), to_iso(start), offset_minutes(offset), source)).lastrowid or 0)

    def extend(self, call_id: int, end: float) -> None:
        """The call was live until ``end`` (never moved back: a clock set back, a late
        report). A row erased meanwhile (delete-everything) stays erased."""
        stamp = to_iso(end)
        self.store.write("UPDATE calls SET ended_utc = max(ended_utc, ?) WHERE id = ?",
                         (stamp, call_id))

    def clamp(self, call_id: int, now: float) -> None:
        """The live call's row, brought back to ``now`` where a clock found set back
        left it ahead (the rest of its span comes with ``extend``)."""
        stamp = to_iso(now)
        with self.store.transaction() as conn:
            conn.execute("UPDATE calls SET started_utc = min(started_utc, ?), "
                         "ended_utc = min(ended_utc, ?) WHERE id = ?", (stamp, stamp, call_id))

    def since(self, since: float) -> list[StoredCall]:
        rows = self.store.query("SELECT id, started_utc, ended_utc, source FROM calls "
                                "WHERE ended_utc >= ? ORDER BY started_utc", (to_iso(since),))
        return [StoredCall(int(i), from_iso(s), from_iso(e), str(src)) for i, s, e, src in rows]
