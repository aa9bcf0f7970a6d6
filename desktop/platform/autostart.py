"""STAND-IN until the packaging branch's adapter lands on main (same names, same
interface); delete this file when merging theirs. Start Breakwater at login."""

from __future__ import annotations

from typing import Protocol


class Autostart(Protocol):
    available: bool
    where: str  # where the entry lives, for people, or why unavailable

    def enabled(self) -> bool: ...

    def set_enabled(self, on: bool) -> None:
        """Raises OSError (with a message for people) when it cannot be changed."""
        ...


class UnavailableAutostart:
    available = False

    def __init__(self, why: str) -> None:
        self.where = why

    def enabled(self) -> bool:
        return False

    def set_enabled(self, on: bool) -> None:
        raise OSError(self.where)


class FakeAutostart:
    """For tests: remembers the state; ``fail`` makes changes raise like a full disk."""

    def __init__(self, on: bool = False, available: bool = True, fail: bool = False) -> None:
        self.on = on
        self.available = available
        self.fail = fail
        self.where = "fake autostart"
        self.changes: list[bool] = []

    def enabled(self) -> bool:
        return self.on

    def set_enabled(self, on: bool) -> None:
        if self.fail or not self.available:
            raise OSError("fake autostart cannot be changed")
        self.changes.append(on)
        self.on = on


def create_autostart() -> Autostart:
    return UnavailableAutostart("Starting at login is not available in this build yet.")
