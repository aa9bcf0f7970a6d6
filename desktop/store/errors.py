"""Database failures as sentences a user can act on."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from desktop.core.text import N_, Message

# SQLite primary result codes (https://sqlite.org/rescode.html).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_NOTADB = 26
SQLITE_IOERR_SHMSIZE = SQLITE_IOERR | (19 << 8)


class StoreError(Exception):
    """A database problem with a message for the user; nothing was half-written."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.render())
        self.message = message


class DatabaseLocked(StoreError):
    pass


class DiskFull(StoreError):
    pass


class CorruptDatabase(StoreError):
    pass


def primary_code(error: sqlite3.Error) -> int:
    return int(getattr(error, "sqlite_errorcode", -1)) & 0xFF


def is_corruption(error: sqlite3.Error) -> bool:
    return primary_code(error) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def _no_room(error: sqlite3.Error, path: Path) -> bool:
    """An I/O error that a full disk explains: SQLite reports ENOSPC on the WAL index as
    SQLITE_IOERR_SHMSIZE, and on other files as a plain I/O error."""
    if getattr(error, "sqlite_errorcode", -1) == SQLITE_IOERR_SHMSIZE:
        return True
    try:
        return shutil.disk_usage(path.parent).free < 64 * 1024
    except OSError:
        return "full" in str(error).lower()


def explain(error: sqlite3.Error, path: Path) -> StoreError:
    """Turn a sqlite3 error into the StoreError a user should see."""
    code = primary_code(error)
    where = {"path": str(path)}
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return DatabaseLocked(Message(N_(
            "The Breakwater database is in use by another program and stayed locked: {path}. "
            "Nothing was changed; try again in a moment."), where))
    if code == SQLITE_FULL or (code == SQLITE_IOERR and _no_room(error, path)):
        return DiskFull(Message(N_(
            "The disk holding the Breakwater database is full: {path}. Nothing was changed; "
            "free some space and try again."), where))
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return CorruptDatabase(Message(N_(
            "The Breakwater database is damaged: {path}. Start the Breakwater app: it checks "
            "the whole file and moves a damaged one aside, keeping it."), where))
    if code in (SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN):
        return StoreError(Message(N_(
            "Breakwater cannot open or write its database: {path}. Check that the folder "
            "exists and belongs to you."), where))
    return StoreError(Message(N_("Database error in {path}: {detail}"),
                              {**where, "detail": str(error)}))


class ForeignDatabase(StoreError):
    """A valid SQLite file that belongs to another program: never written, never moved."""


class RequestExpired(StoreError):
    """A command-line request came too late (or was given up); nothing was written."""


class EraseIncomplete(StoreError):
    """Every row was deleted, but old bytes could not yet be cleared from the WAL."""
