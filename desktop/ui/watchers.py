"""Watchers of the person's machine: what they notice becomes recovery or holds nudges.

The idle watcher and the sleep watcher report time away to the service
(``Breakwater.presence``), which turns it into natural breaks: one span per time away,
ending no later than the first sign the person is back (input, a tag, the machine
waking; desktop/core/presence.py). Each asks its platform adapter, tells the service what
happened, and reports through callbacks; none of them decides about nudges.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from desktop.core.model import Recovery
from desktop.core.presence import POLL_AWAY
from desktop.platform.idle import IdleMonitor
from desktop.platform.sleep import SleepMonitor
from desktop.service import Breakwater
from desktop.store.errors import StoreError

log = logging.getLogger(__name__)


def record(service: Breakwater, rest: Recovery) -> bool:
    """Store time away; True when it is a natural break of its own."""
    try:
        return service.record_natural_break(rest)
    except StoreError as error:
        log.warning("natural break not saved: %s", error.message.render())
        return True


class IdleWatcher:
    def __init__(self, service: Breakwater, idle: IdleMonitor,
                 on_break_end: Callable[[], None]) -> None:
        self.service = service
        self.idle = idle
        self._on_break_end = on_break_end

    @property
    def away(self) -> bool:
        return self.service.presence.away

    def track(self, now: float) -> None:
        """Compare idle time with the natural-break threshold; a break that ended is
        recorded as recovery."""
        idle_seconds = self.idle.idle_seconds()
        if idle_seconds is None:
            return
        rest = self.service.presence.idle(now, idle_seconds, self.service.settings.idle_break)
        if rest is not None and record(self.service, rest):
            self._on_break_end()

    def deadline(self, now: float) -> float | None:
        """While the person is away, look often: the break ends at the last look that
        still found nobody, so it never runs into the time they were back."""
        return now + POLL_AWAY if self.away else None

    def info(self) -> dict[str, Any]:
        """What ``breakwater status --json`` says about natural breaks."""
        available = bool(self.idle.available)
        return {"available": available,
                "source": getattr(self.idle, "source", None) if available else None}

    def close(self) -> None:
        self.idle.close()


class SleepWatcher:
    """The machine sleeping. logind tells when it can; otherwise a wall clock that moved
    further than the tick interval (plus ``SLACK``) between two ticks means it slept.
    With no monitor at all (``None``, as in tests that jump a fake clock between ticks)
    sleep is not watched."""

    SLACK = 30.0

    def __init__(self, service: Breakwater, monitor: SleepMonitor | None,
                 on_wake: Callable[[bool], None]) -> None:
        self.service = service
        self.monitor = monitor
        self._on_wake = on_wake
        self._last_tick: float | None = None
        self._expected = 0.0
        self.told = monitor is None or monitor.start(self._sleeping, self._woke)

    def _sleeping(self) -> None:
        self.service.presence.sleeping(self.service.clock.now())

    def _woke(self) -> None:
        now = self.service.clock.now()
        rest = self.service.presence.woke(now, self.service.settings.idle_break)
        if rest is not None:
            record(self.service, rest)
        self._last_tick = now
        self._on_wake(rest is not None)

    def track(self, now: float) -> None:
        """At each tick, before anything else reads load."""
        last, self._last_tick = self._last_tick, now
        if self.told or last is None:
            return
        if now - last > self._expected + self.SLACK:
            self.service.presence.sleeping(last)
            self._last_tick = last  # _woke sets it to now
            self._woke()

    def ticked(self, wait: float) -> None:
        """The next tick is due in ``wait`` seconds (or sooner, when poked)."""
        self._expected = wait

    def close(self) -> None:
        if self.monitor is not None:
            self.monitor.close()
