"""Watchers of the person's machine: what they notice becomes recovery or holds nudges.

The idle watcher turns time away from the keyboard into a natural break. (Sleep and call
watchers join it here.) Each asks its platform adapter, tells the service what happened,
and reports through callbacks; none of them decides about nudges.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from desktop.core.clock import elapsed
from desktop.platform.idle import IdleMonitor
from desktop.service import Breakwater
from desktop.store.errors import StoreError

log = logging.getLogger(__name__)


class IdleWatcher:
    def __init__(self, service: Breakwater, idle: IdleMonitor,
                 on_break_end: Callable[[], None]) -> None:
        self.service = service
        self.idle = idle
        self._on_break_end = on_break_end
        self.away_since: float | None = None

    @property
    def away(self) -> bool:
        return self.away_since is not None

    def track(self, now: float) -> None:
        """Compare idle time with the natural-break threshold; a break that ended is
        recorded as recovery."""
        idle_seconds = self.idle.idle_seconds()
        if idle_seconds is None:
            return
        threshold = self.service.settings.idle_break
        if idle_seconds >= threshold and self.away_since is None:
            self.away_since = now - idle_seconds
        elif idle_seconds < threshold and self.away_since is not None:
            start, end = self.away_since, max(self.away_since, now - idle_seconds)
            self.away_since = None
            if elapsed(start, end) >= threshold:
                try:
                    self.service.record_idle_break(start, end)
                except StoreError as error:
                    log.warning("idle break not saved: %s", error)
                self._on_break_end()

    def close(self) -> None:
        self.idle.close()
