"""One stored setting read before anything else is loaded: the command line's language.

Plain sqlite3, read-only: it never creates or changes a file, never migrates and never
imports sqlite-utils, so a command that needs no database pays well under a
millisecond for it (bench/cli_language.py measures it)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from urllib.parse import quote


def stored_language(path: Path) -> str:
    """``ui.language`` as stored in the file at ``path``; "" (follow the system) when the
    file, the table or the value is missing or unreadable."""
    if not path.is_file():
        return ""
    # With no write-ahead log beside it, everything is in the file itself: read it as
    # immutable, which creates nothing (no -wal, no -shm: a full disk or a read-only
    # folder stays exactly as it was). While the app has it open, read through the log.
    live = path.with_name(path.name + "-wal").exists()
    mode = "mode=ro" if live else "immutable=1"
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?{mode}", uri=True, timeout=1.0)
        try:
            row = conn.execute(
                "SELECT value FROM settings WHERE key = 'ui.language'").fetchone()
        finally:
            conn.close()
        value = json.loads(row[0]) if row else ""
    except (sqlite3.Error, ValueError, TypeError):
        return ""
    return value if isinstance(value, str) else ""
