"""One writer at a time for the journal's drafts, across processes.

The new entry has one draft, and so has each entry being edited. Two windows writing the
same draft (the tray app's, and `breakwater journal` started on its own before the app;
or two terminals) each overwrote the other's words every half second, and the last to
close won: words typed in the other window were lost. So the window that writes a draft
first holds an operating-system lock on a file beside the database for as long as it is
open; another window is refused with a sentence and nothing it could lose. The kernel
drops the lock when its process ends, however it ends (desktop/instance.py), so a killed
window never blocks the next one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop import instance

NEW_ENTRY = "journal-draft.lock"  # the window writing a new entry
EDITS = "journal-edit.lock"  # a journal list editing an entry (one process at a time)


class Busy(Exception):
    """Another window, in this process or another, holds the claim."""


class Claim:
    def __init__(self, lock: instance.InstanceLock | None) -> None:
        self._lock = lock

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def claim(folder: Path, name: str) -> Claim:
    """Take the claim ``name`` in the data folder. Raises Busy when another window holds
    it. A folder where no lock file can be made (read-only) cannot hold a draft either: no
    claim is needed there, and none is taken."""
    try:
        return Claim(instance.acquire(folder / name))
    except instance.AlreadyRunning:
        raise Busy from None
    except OSError:
        return Claim(None)


class Holder:
    """A window's hold on a claim it takes when it starts writing and lets go when it is
    done; ``take`` is False when another window has it. With no ``claim`` to take
    (windows made without one), taking always succeeds."""

    def __init__(self, claim: Callable[[], Claim] | None) -> None:
        self._claim = claim
        self._held: Claim | None = None

    def take(self) -> bool:
        if self._claim is None or self._held is not None:
            return True
        try:
            self._held = self._claim()
        except Busy:
            return False
        return True

    def release(self) -> None:
        if self._held is not None:
            self._held.release()
            self._held = None
