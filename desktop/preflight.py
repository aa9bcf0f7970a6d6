"""What the tray app checks before it touches anything in its data folder.

Each problem is one sentence saying what is wrong and what to do; nothing is created,
moved or changed until the folder is known to be a writable folder with room in it and
the command socket's path fits.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from desktop.i18n import _
from desktop.ipc import MAX_SOCKET_PATH_BYTES, socket_path_fits

MIN_FREE_BYTES = 1 << 20  # below this a tag could not be recorded reliably
_READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)


def describe(error: OSError, home: Path) -> str:
    """The sentence for a failure to create or write something in ``home``."""
    if error.errno in _READ_ONLY:
        return _("Breakwater cannot write to its data folder {path} ({detail}). Make it "
                 "writable, or set BREAKWATER_HOME to a folder you can write to.").format(
            path=home, detail=error.strerror)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return full_disk(home)
    if error.errno == errno.ENOTDIR:
        return _("Breakwater cannot create its data folder {path}: part of that path is a "
                 "file. Set BREAKWATER_HOME to another folder.").format(path=home)
    return _("Breakwater cannot use its data folder {path}: {detail}. Set BREAKWATER_HOME "
             "to another folder.").format(path=home, detail=error.strerror or error)


def full_disk(home: Path) -> str:
    return _("The disk holding Breakwater's data folder {path} is full. Free some space, "
             "then start Breakwater again.").format(path=home)


def _probe(home: Path) -> None:
    """Create, write and remove a small file: catches a read-only mount, a folder we may
    not write, and a disk without room, whatever the permission bits say (root)."""
    probe = home / f".breakwater-probe-{os.getpid()}"
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, b"\0" * 4096)  # no fsync: a full disk refuses the write itself
    finally:
        os.close(fd)
        probe.unlink()


def problem(home: Path, sock: Path) -> str | None:
    """None when the tray app can start in ``home``; else what is wrong, in a sentence."""
    if home.exists() and not home.is_dir():
        return _("Breakwater's data folder {path} is a file, not a folder. Move that file "
                 "away, or set BREAKWATER_HOME to another folder.").format(path=home)
    if not socket_path_fits(sock):
        return _("The path of Breakwater's data folder is too long for its command socket "
                 "({n} bytes; at most {limit}): {path}. Set BREAKWATER_HOME to a shorter "
                 "path.").format(n=len(os.fsencode(sock)), limit=MAX_SOCKET_PATH_BYTES,
                                 path=home)
    try:
        if not home.exists():
            home.mkdir(parents=True, mode=0o700)
        _probe(home)
    except OSError as error:
        return describe(error, home)
    if shutil.disk_usage(home).free < MIN_FREE_BYTES:
        return full_disk(home)
    return None
