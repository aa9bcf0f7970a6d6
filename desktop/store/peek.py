"""One stored setting read before anything else is loaded: the command line's language.

Plain sqlite3, read-only (``mode=ro``): it never creates the file, never migrates it and
never imports sqlite-utils, so a command that needs no database pays well under a
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
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=1.0)
        try:
            row = conn.execute(
                "SELECT value FROM settings WHERE key = 'ui.language'").fetchone()
        finally:
            conn.close()
        value = json.loads(row[0]) if row else ""
    except (sqlite3.Error, ValueError, TypeError):
        return ""
    return value if isinstance(value, str) else ""
