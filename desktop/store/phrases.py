"""The user's own phrase cards and the default ones they hid.

Default phrases live in the code (desktop/core/phrases.py) so they follow the language;
here are only the user's choices: phrases they wrote, defaults they rewrote (``replaces``
names the default's key) and defaults they hid."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.phrases import clean_phrase, phrase_problem
from desktop.store.repository import Store
from desktop.store.timestamps import to_iso


@dataclass(frozen=True)
class OwnPhrase:
    id: int
    group: str
    text: str
    replaces: str | None  # the default phrase this rewrites, or None for a new one
    hidden: bool


class PhraseStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def own(self) -> list[OwnPhrase]:
        rows = self.store.query(
            "SELECT id, group_key, text, replaces, hidden FROM phrases ORDER BY id")
        return [OwnPhrase(int(i), str(g), str(t), r, bool(h)) for i, g, t, r, h in rows]

    def hidden_defaults(self) -> set[str]:
        return {str(k) for (k,) in self.store.query("SELECT key FROM hidden_default_phrases")}

    def add(self, group: str, text: str, at: float, replaces: str | None = None) -> int:
        """A phrase of the user's own, or their rewording of default ``replaces``."""
        text = _clean(text)
        with self.store.transaction() as conn:
            if replaces is not None:
                conn.execute("DELETE FROM phrases WHERE replaces = ?", (replaces,))
            cursor = conn.execute(
                "INSERT INTO phrases (group_key, text, replaces, hidden, added_utc, "
                "changed_utc) VALUES (?, ?, ?, 0, ?, ?)",
                (group, text, replaces, to_iso(at), to_iso(at)))
            return int(cursor.lastrowid or 0)

    def edit(self, phrase_id: int, text: str, at: float) -> bool:
        text = _clean(text)
        return self.store.write("UPDATE phrases SET text = ?, changed_utc = ? WHERE id = ?",
                                (text, to_iso(at), phrase_id)).rowcount == 1

    def set_hidden(self, phrase_id: int, hidden: bool, at: float) -> bool:
        return self.store.write("UPDATE phrases SET hidden = ?, changed_utc = ? WHERE id = ?",
                                (int(hidden), to_iso(at), phrase_id)).rowcount == 1

    def hide_default(self, key: str, hidden: bool, at: float) -> None:
        with self.store.transaction() as conn:
            if hidden:
                conn.execute("INSERT OR IGNORE INTO hidden_default_phrases (key, hidden_utc) "
                             "VALUES (?, ?)", (key, to_iso(at)))
            else:
                conn.execute("DELETE FROM hidden_default_phrases WHERE key = ?", (key,))


def _clean(text: str) -> str:
    text = clean_phrase(text)
    problem = phrase_problem(text)
    if problem is not None:
        raise ValueError(problem.render())
    return text
