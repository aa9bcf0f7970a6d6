"""The app's log file: readable by the user alone (0600), and kept small while the app
runs, however long that is (a tray app is left running for weeks).

When a write takes the file past its limit it becomes ``breakwater.log.1`` (replacing the
one before) and a new, empty file takes its place: at most twice the limit on disk.
``logging.handlers.RotatingFileHandler`` does the same, but importing logging.handlers
(sockets, pickle, queues) costs the idle tray app ~2.5 MB (bench/idle_memory.py); this
is the little of it the app needs.

The tray app and a window opened on its own (``breakwater history`` with no tray app)
may append to the same file. Only the process whose file is still at the path moves it;
one that finds the path already rotated by the other just opens the new file, so neither
overwrites the other's ``.log.1``.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from desktop.paths import make_private


def rotated(path: Path) -> Path:
    return path.with_name(path.name + ".1")


def _create_private(path: Path) -> None:
    """The file exists and is 0600 before logging opens it (never briefly readable by
    others, as a file created under the default umask would be)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    make_private(path)


class RotatingLog(logging.FileHandler):
    def __init__(self, path: Path, limit: int) -> None:
        self.limit = limit
        try:
            if path.stat().st_size > limit:
                os.replace(path, rotated(path))
        except OSError:
            pass  # no log yet, or it cannot be moved: append to it
        _create_private(path)
        super().__init__(path, encoding="utf-8")

    def emit(self, record: logging.LogRecord) -> None:
        super().emit(record)  # called under the handler's lock: one thread at a time
        # A full disk or a folder gone: the next line tries again.
        with contextlib.suppress(OSError):
            self._rotate_if_full()

    def _rotate_if_full(self) -> None:
        stream = self.stream
        if stream is None:
            return
        ours = os.fstat(stream.fileno())
        if ours.st_size <= self.limit:
            return
        path = Path(self.baseFilename)
        try:
            still_ours = os.stat(path).st_ino == ours.st_ino
        except FileNotFoundError:
            still_ours = False
        self.stream = None
        stream.close()
        if still_ours:
            os.replace(path, rotated(path))
        _create_private(path)
        self.stream = self._open()
