"""Journal use cases, shared by the entry and list windows and the command line.

``Journal`` adds the clock and the rules (desktop/core/journal.py) to the SQL in
desktop/store/journal.py. ``REQUESTS`` serve `breakwater journal add|list|search`, in the
running app or directly on the file. Entries are the most private data in the app: no
text of theirs is ever logged.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from desktop.core.journal import (
    Draft,
    Entry,
    LinkCandidate,
    link_window_start,
    mood_problem,
    text_problem,
)
from desktop.core.text import clean_lines
from desktop.service import Breakwater, Handler, local_time
from desktop.store.journal import JournalStore
from desktop.store.timestamps import to_iso

# A reply over the socket stays well under the client's 1 MiB limit: a page holds entries
# until about this many bytes of JSON, then says where the next page starts.
PAGE_BYTES = 256 * 1024
MAX_LIMIT = 1_000_000
FETCH_ROWS = 200


class Journal:
    def __init__(self, app: Breakwater) -> None:
        self.app = app
        self.store = JournalStore(app.store)

    # Writing --------------------------------------------------------------------
    def add(self, text: str, mood: int | None = None, *, prompt: str | None = None,
            nudge_id: int | None = None, links: Iterable[int] = (),
            source: str = "window", clear_draft: bool = False) -> Entry:
        """Raises ValueError (a sentence for the user) on empty or oversized text or a
        mood outside 1–5; StoreError when it cannot be written. Control characters are
        dropped and line breaks made "\n" first (desktop/core/text.py)."""
        text = clean_lines(text)
        _check(text, mood)
        now, offset = self.app.now_and_offset()
        return self.store.add(text, now, offset, mood=mood, prompt=prompt, nudge_id=nudge_id,
                              links=links, source=source, clear_draft=clear_draft)

    def update(self, entry_id: int, text: str, mood: int | None) -> Entry | None:
        text = clean_lines(text)
        _check(text, mood)
        return self.store.update(entry_id, text, mood, self.app.clock.now())

    def delete(self, entry_id: int) -> Entry | None:
        return self.store.delete(entry_id)

    def restore(self, entry: Entry) -> Entry:
        return self.store.restore(entry)

    # Reading --------------------------------------------------------------------
    def entries(self, limit: int, offset: int = 0) -> list[Entry]:
        return self.store.entries(limit, offset)

    def search(self, words: str, limit: int, offset: int = 0) -> list[Entry]:
        return self.store.search(words, limit, offset)

    def count(self, words: str = "") -> int:
        return self.store.search_count(words) if words.strip() else self.store.count()

    def get(self, entry_id: int) -> Entry | None:
        return self.store.get(entry_id)

    def link_candidates(self, draft: Draft | None = None) -> list[LinkCandidate]:
        """The hard calls a new entry is offered: those since the last entry (at most a
        day back), and any older ones a draft being taken up again had ticked."""
        now = self.app.clock.now()
        recent = self.store.difficult_since(link_window_start(now, self.store.last_created()))
        seen = {c.interaction_id for c in recent}
        older = [c for c in self.store.interactions(draft.links if draft else ())
                 if c.interaction_id not in seen]
        return sorted(recent + older, key=lambda c: (c.at, c.interaction_id), reverse=True)

    def prompt_index(self) -> int:
        """Which question a new entry starts with: the questions take turns, entry by entry."""
        return self.store.count()

    # Drafts ---------------------------------------------------------------------
    def draft(self, entry_id: int | None = None) -> Draft | None:
        return self.store.draft(entry_id)

    def edited_entries(self) -> set[int]:
        return self.store.edited_entries()

    def save_draft(self, draft: Draft) -> bool:
        now, offset = self.app.now_and_offset()
        return self.store.save_draft(replace(draft, text=clean_lines(draft.text)), now, offset)

    def discard_draft(self, entry_id: int | None = None) -> None:
        self.store.discard_draft(entry_id)


def _check(text: object, mood: object) -> None:
    problem = text_problem(text) or mood_problem(mood)
    if problem is not None:
        from desktop.i18n import _

        raise ValueError(problem.render(_))


def entry_dict(entry: Entry) -> dict[str, Any]:
    """An entry as the command line and its ``--json`` output show it."""
    return {"id": entry.id, "created": to_iso(entry.created),
            "local_time": _local_stamp(entry.created, entry.offset_min),
            "utc_offset_min": entry.offset_min, "text": entry.text, "mood": entry.mood,
            "prompt": entry.prompt, "updated": to_iso(entry.updated) if entry.updated else None,
            "links": list(entry.links), "source": entry.source}


def _local_stamp(at: float, offset_min: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(at + offset_min * 60, UTC).strftime("%Y-%m-%d ") + \
        local_time(at, offset_min * 60)


def _page_args(payload: dict[str, Any]) -> tuple[int, int]:
    limit, offset = payload.get("limit", 20), payload.get("offset", 0)
    for value in (limit, offset):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"invalid page: {value!r}")
    return min(limit, MAX_LIMIT), offset


def _page(fetch: Callable[[int, int], list[Entry]], offset: int,
          limit: int) -> dict[str, Any]:
    """Up to ``limit`` entries from ``offset``, as many as fit in one reply; ``next`` is
    where the caller continues (None when there is no more)."""
    out: list[dict[str, Any]] = []
    size = 0
    while len(out) < limit:
        want = min(FETCH_ROWS, limit - len(out))
        batch = fetch(want, offset + len(out))
        for entry in batch:
            item = entry_dict(entry)
            size += len(json.dumps(item))
            if out and size > PAGE_BYTES:
                return {"ok": True, "entries": out, "next": offset + len(out)}
            out.append(item)
        if len(batch) < want:
            break
    return {"ok": True, "entries": out, "next": None}


def _add(app: Breakwater, payload: dict[str, Any]) -> dict[str, Any]:
    text, mood = payload.get("text"), payload.get("mood")
    if isinstance(text, str):
        text = clean_lines(text)
    _check(text, mood)
    assert isinstance(text, str) and (mood is None or isinstance(mood, int))
    entry = Journal(app).add(text, mood, source=str(payload.get("source", "cli")))
    return {"ok": True, "entry": entry_dict(entry), "changed": True}


def _list(app: Breakwater, payload: dict[str, Any]) -> dict[str, Any]:
    limit, offset = _page_args(payload)
    return _page(Journal(app).entries, offset, limit)


def _search(app: Breakwater, payload: dict[str, Any]) -> dict[str, Any]:
    words = payload.get("words")
    if not isinstance(words, str):
        raise ValueError("invalid search")
    limit, offset = _page_args(payload)
    journal = Journal(app)
    return _page(lambda n, start: journal.search(words, n, start), offset, limit)


REQUESTS: dict[str, Handler] = {
    "journal.add": _add,
    "journal.list": _list,
    "journal.search": _search,
}
