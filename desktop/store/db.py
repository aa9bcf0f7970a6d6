"""Opening the one SQLite file: identity, private permissions, WAL, migrations, damage.

Opening costs the same for an empty file and a five-year one: it reads the header and
the schema, nothing in proportion to the data. Damage is found three ways:
- the header or schema cannot be read (SQLITE_CORRUPT / SQLITE_NOTADB while opening):
  the file is moved aside under a timestamped name and a fresh one started;
- any later statement fails with those codes: the user is told (CorruptDatabase), nothing
  is moved while another process may be using the file;
- the tray app, once per start, asks for the whole-file ``PRAGMA quick_check``
  (``full_check=True``), which reads every page (~100 ms on a 40 MB file) and is too slow
  to run before every command-line call.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.text import N_, Message
from desktop.paths import ensure_private_dir, make_private
from desktop.store import versions
from desktop.store.errors import ForeignDatabase, StoreError, explain, is_corruption

# How long a writer waits for another to finish before telling the user it is locked.
BUSY_TIMEOUT_SECONDS = 3.0
SIDE_FILES = ("-wal", "-shm")


@dataclass
class Opened:
    conn: sqlite3.Connection
    path: Path
    warnings: list[Message] = field(default_factory=list)
    read_only: bool = False


class _Damaged(Exception):
    pass


def _connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    old_umask = os.umask(0o077) if os.name == "posix" else None
    try:
        conn = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None)
    finally:
        if old_umask is not None:
            os.umask(old_umask)
    return conn


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Before anything is written (even the switch to WAL, which changes the header)."""
    why = versions.foreign_reason(conn)
    if why is not None:
        raise ForeignDatabase(Message(N_(
            "{path} is an SQLite database that is not Breakwater's ({why}); it was left "
            "untouched. Move it elsewhere, or set BREAKWATER_HOME to another folder."),
            {"path": str(path), "why": why}))


def _prepare(conn: sqlite3.Connection, full_check: bool) -> None:
    # WAL lets the tray read while a CLI call writes; FULL makes a committed tag survive
    # power loss, which is what "recorded" promises; secure_delete zeroes what is deleted
    # (an erased note must not linger in free pages).
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA secure_delete=ON")
    if full_check:
        row = conn.execute("PRAGMA quick_check").fetchone()
        if row is None or row[0] != "ok":
            raise _Damaged(row[0] if row else "no result")
        # The check filled the page cache (up to 2 MB) with pages read once: let them go
        # rather than keep them in the tray app all day.
        conn.execute("PRAGMA shrink_memory")
    if not versions.is_current(conn):
        from desktop.store.schema import migrate  # loads sqlite-utils only when needed

        migrate(conn)


def _move_aside(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.stem}.damaged-{stamp}-{n}{path.suffix}")
        n += 1
    os.replace(path, target)
    for suffix in SIDE_FILES:
        side = Path(str(path) + suffix)
        if side.exists():
            os.replace(side, Path(str(target) + suffix))
    return target


def open_database(path: Path, busy_timeout: float = BUSY_TIMEOUT_SECONDS, *,
                  full_check: bool = False) -> Opened:
    """Open (creating if needed) the database at ``path``.

    Another program's SQLite file raises ForeignDatabase and is left as it was. A damaged
    file is moved aside under a timestamped name and a fresh one started; the returned
    warnings tell the user where the old one is. ``full_check`` reads every page first
    (the tray app, once per start). Other failures raise StoreError.
    """
    try:
        ensure_private_dir(path.parent)
    except OSError as error:
        where = {"path": str(path.parent), "detail": error.strerror}
        if path.parent.is_dir():
            raise StoreError(Message(N_(
                "Breakwater cannot write to its folder {path} ({detail}). Only what reads "
                "works there: status, export, lists, searches and History."), where)) from None
        raise StoreError(Message(N_("Cannot create the Breakwater folder {path}: {detail}"),
                                 where)) from None
    warnings: list[Message] = []
    for attempt in range(2):
        conn = _connect(path, busy_timeout)
        try:
            _refuse_foreign(conn, path)
            _prepare(conn, full_check)
        except ForeignDatabase:
            conn.close()
            raise
        except (_Damaged, sqlite3.DatabaseError) as error:
            conn.close()
            damaged = isinstance(error, _Damaged) or (
                isinstance(error, sqlite3.DatabaseError) and is_corruption(error))
            if not damaged or attempt == 1:
                if isinstance(error, sqlite3.Error):
                    raise explain(error, path) from None
                raise StoreError(Message(N_("The database {path} is damaged."),
                                         {"path": str(path)})) from None
            moved = _move_aside(path)
            warnings.append(Message(N_(
                "The Breakwater database was damaged. It was moved to {moved} and a new, "
                "empty one was started at {path}."), {"moved": str(moved), "path": str(path)}))
            continue
        for suffix in ("", *SIDE_FILES):
            with contextlib.suppress(OSError):
                make_private(Path(str(path) + suffix))
        return Opened(conn=conn, path=path, warnings=warnings)
    raise AssertionError("unreachable")


def open_read_only(path: Path, busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> Opened:
    """Open an existing file for reading only, touching nothing in its folder if it can:
    for `status` and `export` when the folder cannot be written (a read-only mount, a
    backup). Falls back to SQLite's ``immutable`` mode when not even the WAL index can be
    created, which is safe because nothing can write there either."""
    if not path.is_file():
        raise StoreError(Message(N_("There is no Breakwater database at {path}."),
                                 {"path": str(path)}))
    uri = path.resolve().as_uri()
    last: sqlite3.Error | None = None
    for query in ("?mode=ro", "?mode=ro&immutable=1"):
        conn = sqlite3.connect(uri + query, uri=True, timeout=busy_timeout,
                               isolation_level=None)
        try:
            _refuse_foreign(conn, path)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except ForeignDatabase:
            conn.close()
            raise
        except sqlite3.Error as error:
            conn.close()
            last = error
            continue
        return Opened(conn=conn, path=path, read_only=True)
    assert last is not None
    raise explain(last, path) from None
