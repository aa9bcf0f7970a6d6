"""People and services the user keeps for hard moments."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core import contacts
from desktop.store.repository import Store
from desktop.store.timestamps import to_iso


@dataclass(frozen=True)
class Contact:
    id: int
    name: str
    reach: str  # how to reach them: a phone number, an extension, a chat handle, a link
    note: str  # who they are to the user: "team lead", "EAP, free and confidential"


class ContactStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    def list(self) -> list[Contact]:
        rows = self.store.query("SELECT id, name, reach, note FROM contacts ORDER BY id")
        return [Contact(int(i), str(n), str(r), str(t)) for i, n, r, t in rows]

    def add(self, name: str, reach: str, note: str, at: float) -> Contact:
        """Raises ValueError for an empty name or a field over its length (nothing is
        written). Fields are kept as one line each, without control characters."""
        name, reach, note = _clean(name, reach, note)
        new_id = int(self.store.write(
            "INSERT INTO contacts (name, reach, note, added_utc) VALUES (?, ?, ?, ?)",
            (name, reach, note, to_iso(at))).lastrowid or 0)
        return Contact(new_id, name, reach, note)

    def update(self, contact_id: int, name: str, reach: str, note: str) -> bool:
        name, reach, note = _clean(name, reach, note)
        return self.store.write("UPDATE contacts SET name = ?, reach = ?, note = ? WHERE id = ?",
                                (name, reach, note, contact_id)).rowcount == 1

    def remove(self, contact_id: int) -> bool:
        return self.store.write("DELETE FROM contacts WHERE id = ?", (contact_id,)).rowcount == 1


def _clean(name: str, reach: str, note: str) -> tuple[str, str, str]:
    cleaned = contacts.clean(name, reach, note)
    problem = contacts.problem(*cleaned)
    if problem is not None:
        raise ValueError(problem.render())
    return cleaned
