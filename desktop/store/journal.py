"""The journal's SQL: entries, their links to hard calls, drafts and full-text search.

Each write is one transaction through ``Store.transaction``. An entry's text is written
to ``journal_entries`` and, in the form the index wants (``index_form``), to
``journal_search``, whose triggers keep the FTS5 table ``journal_search_fts`` in step.
Nothing here logs an entry's text.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from desktop.core.journal import MAX_LINK_CANDIDATES, Draft, Entry, LinkCandidate
from desktop.store.repository import Store
from desktop.store.timestamps import from_iso, offset_minutes, to_iso

_ENTRY_COLUMNS = ("e.id, e.created_utc, e.utc_offset_min, e.text, e.mood, e.prompt, "
                  "e.updated_utc, e.nudge_id, e.source, (SELECT group_concat(interaction_id) "
                  "FROM journal_links l WHERE l.entry_id = e.id)")
_NEWEST_FIRST = "ORDER BY e.created_utc DESC, e.id DESC"
_DRAFT_COLUMNS = ("text, entry_id, mood, prompt, links, nudge_id, started_utc, saved_utc")
# After a delete or an edit the index would keep the old words in its segments until
# SQLite merges them; 'optimize' merges now, so removed words leave the file.
_OPTIMIZE = "INSERT INTO journal_search_fts (journal_search_fts) VALUES ('optimize')"


def _entry(row: Sequence[Any]) -> Entry:
    (id_, created, offset, text, mood, prompt, updated, nudge_id, source, links) = row
    return Entry(id=id_, created=from_iso(created), offset_min=offset, text=text, mood=mood,
                 prompt=prompt, updated=from_iso(updated) if updated else None,
                 nudge_id=nudge_id, source=source,
                 links=tuple(sorted(int(i) for i in links.split(","))) if links else ())


def _draft(row: Sequence[Any]) -> Draft:
    text, entry_id, mood, prompt, links, nudge_id, started, saved = row
    try:
        ticked = tuple(int(i) for i in json.loads(links))
    except (ValueError, TypeError):
        ticked = ()
    return Draft(text=text, entry_id=entry_id, mood=mood, prompt=prompt, links=ticked,
                 nudge_id=nudge_id, started=from_iso(started), saved=from_iso(saved))


def _match(words: str) -> str | None:
    # Imported when the journal is first searched or written, not when the tray app
    # handles its first request (the rules and unicodedata cost ~0.2 MB at idle).
    from desktop.store.journal_text import match_query

    return match_query(words)


def _candidate(row: Sequence[Any]) -> LinkCandidate:
    id_, at, offset, severity, reason = row
    return LinkCandidate(id_, from_iso(at), offset, severity or 0, reason)


class JournalStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    # Entries --------------------------------------------------------------------
    def add(self, text: str, at: float, offset: int, *, mood: int | None = None,
            prompt: str | None = None, nudge_id: int | None = None,
            links: Iterable[int] = (), source: str = "window",
            clear_draft: bool = False) -> Entry:
        """Store a new entry (and, with ``clear_draft``, drop the new-entry draft in the
        same transaction, so a crash can neither lose the words nor keep them twice)."""
        with self.store.transaction() as conn:
            entry_id = self._insert(conn, None, text, to_iso(at), offset_minutes(offset),
                                    None, mood, prompt, nudge_id, source, links)
            if clear_draft:
                conn.execute("DELETE FROM journal_drafts WHERE entry_id IS NULL")
        found = self.get(entry_id)
        assert found is not None
        return found

    def _insert(self, conn: sqlite3.Connection, entry_id: int | None, text: str,
                created: str, offset_min: int, updated: str | None, mood: int | None,
                prompt: str | None, nudge_id: int | None, source: str,
                links: Iterable[int]) -> int:
        cursor = conn.execute(
            "INSERT INTO journal_entries (id, created_utc, utc_offset_min, updated_utc, text,"
            " mood, prompt, nudge_id, source) VALUES (?, ?, ?, ?, ?, ?, ?, "
            "(SELECT id FROM nudges WHERE id = ?), ?)",
            (entry_id, created, offset_min, updated, text, mood, prompt, nudge_id, source))
        new_id = int(cursor.lastrowid or 0)
        from desktop.store.journal_text import index_form  # see _match

        conn.execute("INSERT INTO journal_search (entry_id, body) VALUES (?, ?)",
                     (new_id, index_form(text)))
        for interaction_id in sorted(set(links)):
            # A call erased meanwhile is simply not linked.
            conn.execute("INSERT OR IGNORE INTO journal_links (entry_id, interaction_id) "
                         "SELECT ?, id FROM interactions WHERE id = ?",
                         (new_id, interaction_id))
        return new_id

    def update(self, entry_id: int, text: str, mood: int | None, at: float) -> Entry | None:
        """Change an entry's words and mood; its edit draft goes in the same transaction.
        None when the entry no longer exists."""
        with self.store.transaction() as conn:
            cursor = conn.execute(
                "UPDATE journal_entries SET text = ?, mood = ?, updated_utc = ? WHERE id = ?",
                (text, mood, to_iso(at), entry_id))
            if cursor.rowcount == 0:
                return None
            from desktop.store.journal_text import index_form  # see _match

            conn.execute("UPDATE journal_search SET body = ? WHERE entry_id = ?",
                         (index_form(text), entry_id))
            conn.execute("DELETE FROM journal_drafts WHERE entry_id = ?", (entry_id,))
            conn.execute(_OPTIMIZE)
        return self.get(entry_id)

    def delete(self, entry_id: int) -> Entry | None:
        """Erase an entry, its links, its search words and any draft of it. Returns what
        was erased (for an undo), or None when there was no such entry."""
        entry = self.get(entry_id)
        if entry is None:
            return None
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM journal_search WHERE entry_id = ?", (entry_id,))
            conn.execute("DELETE FROM journal_links WHERE entry_id = ?", (entry_id,))
            conn.execute("DELETE FROM journal_drafts WHERE entry_id = ?", (entry_id,))
            conn.execute("DELETE FROM journal_entries WHERE id = ?", (entry_id,))
            conn.execute(_OPTIMIZE)
        return entry

    def restore(self, entry: Entry) -> Entry:
        """Put back an entry erased a moment ago (undo): under its old id when that is
        still free, with the calls it was linked to that still exist."""
        with self.store.transaction() as conn:
            taken = conn.execute("SELECT 1 FROM journal_entries WHERE id = ?",
                                 (entry.id,)).fetchone()
            new_id = self._insert(
                conn, None if taken else entry.id, entry.text, to_iso(entry.created),
                entry.offset_min, to_iso(entry.updated) if entry.updated else None,
                entry.mood, entry.prompt, entry.nudge_id, entry.source, entry.links)
        found = self.get(new_id)
        assert found is not None
        return found

    def get(self, entry_id: int) -> Entry | None:
        rows = self.store.query(f"SELECT {_ENTRY_COLUMNS} FROM journal_entries e "
                                "WHERE e.id = ?", (entry_id,))
        return _entry(rows[0]) if rows else None

    def entries(self, limit: int, offset: int = 0) -> list[Entry]:
        """Newest first."""
        rows = self.store.query(f"SELECT {_ENTRY_COLUMNS} FROM journal_entries e "
                                f"{_NEWEST_FIRST} LIMIT ? OFFSET ?", (limit, offset))
        return [_entry(r) for r in rows]

    def count(self) -> int:
        return int(self.store.query("SELECT count(*) FROM journal_entries")[0][0])

    def search(self, words: str, limit: int, offset: int = 0) -> list[Entry]:
        """Entries holding every word typed (the last one may be a beginning), newest
        first. Anything a person can type is safe here: it is never read as FTS syntax."""
        query = _match(words)
        if query is None:
            return []
        rows = self.store.query(
            f"SELECT {_ENTRY_COLUMNS} FROM journal_search_fts f "
            "JOIN journal_entries e ON e.id = f.rowid WHERE journal_search_fts MATCH ? "
            f"{_NEWEST_FIRST} LIMIT ? OFFSET ?", (query, limit, offset))
        return [_entry(r) for r in rows]

    def search_count(self, words: str) -> int:
        query = _match(words)
        if query is None:
            return 0
        rows = self.store.query(
            "SELECT count(*) FROM journal_search_fts f JOIN journal_entries e "
            "ON e.id = f.rowid WHERE journal_search_fts MATCH ?", (query,))
        return int(rows[0][0])

    def last_created(self) -> float | None:
        rows = self.store.query("SELECT max(created_utc) FROM journal_entries")
        return from_iso(rows[0][0]) if rows and rows[0][0] else None

    # Hard calls to link ----------------------------------------------------------
    def difficult_since(self, since: float) -> list[LinkCandidate]:
        """Difficult calls (not undone) from ``since`` on, newest first."""
        rows = self.store.query(
            "SELECT id, at_utc, utc_offset_min, severity, reason FROM interactions "
            "WHERE kind = 'difficult' AND undone_at_utc IS NULL AND at_utc >= ? "
            "ORDER BY at_utc DESC, id DESC LIMIT ?", (to_iso(since), MAX_LINK_CANDIDATES))
        return [_candidate(r) for r in rows]

    def interactions(self, ids: Iterable[int]) -> list[LinkCandidate]:
        wanted = sorted(set(ids))
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        rows = self.store.query(
            "SELECT id, at_utc, utc_offset_min, severity, reason FROM interactions "
            f"WHERE id IN ({marks}) ORDER BY at_utc DESC, id DESC", tuple(wanted))
        return [_candidate(r) for r in rows]

    # Drafts ---------------------------------------------------------------------
    def draft(self, entry_id: int | None = None) -> Draft | None:
        rows = self.store.query(f"SELECT {_DRAFT_COLUMNS} FROM journal_drafts "
                                "WHERE ifnull(entry_id, 0) = ?", (entry_id or 0,))
        return _draft(rows[0]) if rows else None

    def edited_entries(self) -> set[int]:
        """Entries with unsaved changes waiting in a draft."""
        rows = self.store.query("SELECT entry_id FROM journal_drafts "
                                "WHERE entry_id IS NOT NULL")
        return {int(r[0]) for r in rows}

    def save_draft(self, draft: Draft, at: float, offset: int) -> bool:
        """Keep unsaved words (one draft per new entry, one per entry being edited).
        False when the entry being edited no longer exists."""
        key = draft.entry_id or 0
        values = (draft.text, draft.mood, draft.prompt, json.dumps(sorted(set(draft.links))),
                  draft.nudge_id, to_iso(at), offset_minutes(offset))
        with self.store.transaction() as conn:
            if draft.entry_id is not None and conn.execute(
                    "SELECT 1 FROM journal_entries WHERE id = ?",
                    (draft.entry_id,)).fetchone() is None:
                return False
            cursor = conn.execute(
                "UPDATE journal_drafts SET text = ?, mood = ?, prompt = ?, links = ?, "
                "nudge_id = (SELECT id FROM nudges WHERE id = ?), saved_utc = ?, "
                "utc_offset_min = ? WHERE ifnull(entry_id, 0) = ?", (*values, key))
            if cursor.rowcount == 0:
                conn.execute(
                    "INSERT INTO journal_drafts (text, mood, prompt, links, nudge_id, "
                    "saved_utc, utc_offset_min, entry_id, started_utc) VALUES "
                    "(?, ?, ?, ?, (SELECT id FROM nudges WHERE id = ?), ?, ?, ?, ?)",
                    (*values, draft.entry_id, to_iso(draft.started or at)))
        return True

    def discard_draft(self, entry_id: int | None = None) -> None:
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM journal_drafts WHERE ifnull(entry_id, 0) = ?",
                         (entry_id or 0,))
