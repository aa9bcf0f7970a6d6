"""Time as the core sees it: seconds since the Unix epoch (UTC) plus the local offset.

The core never reads a clock. Callers pass ``now`` explicitly or hand over a ``Clock``;
the system clock lives in ``desktop.platform.clock`` and tests use ``FakeClock``.
"""

from __future__ import annotations

from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Wall-clock seconds since the epoch, UTC. May jump (a manual change, a suspend)."""
        ...

    def utc_offset(self, at: float) -> int:
        """Seconds east of UTC of the user's local time at instant ``at``."""
        ...

    def monotonic(self) -> float:
        """Seconds that only ever move forward, for pacing (never for dates)."""
        ...


class FakeClock:
    """A clock that only moves when told to; for tests, benchmarks and replay."""

    def __init__(self, start: float = 1_790_000_000.0, offset: int = 0) -> None:
        self._now = start
        self._offset = offset
        self._monotonic = 1000.0

    def now(self) -> float:
        return self._now

    def monotonic(self) -> float:
        return self._monotonic

    def utc_offset(self, at: float) -> int:
        return self._offset

    def advance(self, seconds: float) -> None:
        """Let time pass; negative values model a wall clock set back by hand (the
        monotonic clock then stands still)."""
        self._now += seconds
        self._monotonic += max(0.0, seconds)

    def suspend(self, seconds: float) -> None:
        """The machine sleeps: wall time passes, the monotonic clock stands still."""
        self._now += seconds

    def set(self, now: float, offset: int | None = None) -> None:
        self._now = now
        if offset is not None:
            self._offset = offset


def elapsed(start: float, end: float) -> float:
    """Duration from ``start`` to ``end``, never negative even when the wall clock went back."""
    return max(0.0, end - start)


SECONDS_PER_DAY = 86_400


def local_seconds_of_day(at: float, offset: int) -> float:
    """Seconds since local midnight at instant ``at``."""
    return (at + offset) % SECONDS_PER_DAY


def next_local_midnight(at: float, offset: int) -> float:
    """The first local midnight strictly after ``at``, as a UTC instant."""
    local = at + offset
    return local - (local % SECONDS_PER_DAY) + SECONDS_PER_DAY - offset
