"""Opening the one SQLite file: private permissions, WAL, migrations, damage recovery."""

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
from desktop.store.errors import StoreError, explain, is_corruption

# How long a writer waits for another to finish before telling the user it is locked.
BUSY_TIMEOUT_SECONDS = 3.0
SIDE_FILES = ("-wal", "-shm")


@dataclass
class Opened:
    conn: sqlite3.Connection
    path: Path
    warnings: list[Message] = field(default_factory=list)


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


def _prepare(conn: sqlite3.Connection) -> None:
    # WAL lets the tray read while a CLI call writes; FULL makes a committed tag survive
    # power loss, which is what "recorded" promises.
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    row = conn.execute("PRAGMA quick_check").fetchone()
    if row is None or row[0] != "ok":
        raise _Damaged(row[0] if row else "no result")
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


def open_database(path: Path, busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> Opened:
    """Open (creating if needed) the database at ``path``.

    A damaged file is moved aside under a timestamped name and a fresh one started; the
    returned warnings tell the user where the old one is. Other failures raise StoreError.
    """
    try:
        ensure_private_dir(path.parent)
    except OSError as error:
        raise StoreError(Message(N_("Cannot create the Breakwater folder {path}: {detail}"),
                                 {"path": str(path.parent), "detail": error.strerror})) from None
    warnings: list[Message] = []
    for attempt in range(2):
        conn = _connect(path, busy_timeout)
        try:
            _prepare(conn)
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
