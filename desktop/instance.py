"""One tray app per user: an operating-system lock on ``breakwater.lock``.

The kernel drops the lock when its process ends, however it ends, so a lock file left
by a killed run never blocks a start, even when that run's PID now belongs to another
program. (Qt's QLockFile judged by PID and process name: when a killed Breakwater's PID
had been reused by any other Python program, it said "already running".)
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path

# What the lock calls report when another process holds the lock (flock; msvcrt.locking).
_HELD = {errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)}


class AlreadyRunning(Exception):
    """Another live process holds the lock."""


class InstanceLock:
    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None


def acquire(path: Path) -> InstanceLock:
    """Take the lock. Raises AlreadyRunning, or OSError when the file cannot be opened
    (a read-only folder, a full disk)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        os.close(fd)
        if error.errno in _HELD:
            raise AlreadyRunning from None
        raise
    with contextlib.suppress(OSError):  # the PID is only for people reading the file
        if sys.platform != "win32":
            os.fchmod(fd, 0o600)  # Qt's QLockFile, in earlier versions, made it 0644
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
    return InstanceLock(fd)
