"""The journal's store on a real file, opened as the app opens it."""

from __future__ import annotations

from pathlib import Path

from desktop.store.db import open_database
from desktop.store.journal import JournalStore
from desktop.store.repository import Store


def open_journal(path: Path) -> JournalStore:
    opened = open_database(path)
    assert opened.warnings == []
    return JournalStore(Store(opened.conn, opened.path))
