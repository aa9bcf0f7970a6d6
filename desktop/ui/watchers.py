"""Watchers of the person's machine: what they notice becomes recovery or holds nudges.

The idle watcher turns time away from the keyboard into a natural break; the call watcher
follows the microphone's use so nothing interrupts a live call. (The sleep watcher joins
them here.) Each asks its platform adapter, tells the service (or its store) what
happened, and reports through callbacks; none of them decides about nudges.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop.core.calls import CallGate
from desktop.core.clock import elapsed
from desktop.platform.calls import UNAVAILABLE, CallMonitor, CallState, UnavailableCalls, parse_apps
from desktop.platform.idle import IdleMonitor
from desktop.service import Breakwater
from desktop.store.calls import CallLog
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


MonitorFactory = Callable[[frozenset[str]], CallMonitor]


class CallWatcher(QObject):
    """Follows the call source: starts and ends calls in the core's ``CallGate`` and in the
    ``calls`` table, and wakes the app when the gate's answer changes (the wrap-up's end).

    The monitor reports from its own thread through ``reported``, a signal queued to this
    object's thread (the GUI thread)."""

    reported = Signal(object)  # CallState
    REFRESH_SECONDS = 60.0     # how often a live call's end moves forward in the file

    def __init__(self, service: Breakwater, gate: CallGate, factory: MonitorFactory,
                 on_change: Callable[[], None]) -> None:
        super().__init__()
        self.service = service
        self.gate = gate
        self._factory = factory
        self._on_change = on_change
        self._log = CallLog(service.store)
        self._config: tuple[bool, frozenset[str]] | None = None
        self.monitor: CallMonitor = UnavailableCalls()
        self.state = UNAVAILABLE
        self._row = 0
        self._written = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # the wrap-up is seconds long
        self._timer.timeout.connect(self._on_change)
        self.reported.connect(self._apply)

    @property
    def enabled(self) -> bool:
        return bool(self.service.settings["calls.enabled"])

    def start(self) -> None:
        """Watch with the current settings; again after they change (``calls.enabled``,
        ``calls.apps``). Cheap when nothing relevant changed."""
        settings = self.service.settings
        config = (self.enabled, parse_apps(settings["calls.apps"]))
        self.gate.set_settings(settings)
        if config == self._config:
            return
        self._config = config
        self._stop_monitor()
        self.monitor = self._factory(config[1]) if config[0] else UnavailableCalls()
        self._apply(self.monitor.state())
        self.monitor.start(self.reported.emit)

    def _apply(self, state: object) -> None:
        assert isinstance(state, CallState)
        self.state = state
        now, offset = self.service.now_and_offset()
        if state.in_call:
            if self.gate.begin(now):
                self._begin_row(now, offset, state.source or "unknown")
        else:  # ended, or the source went away: either way the call is over
            self._end(now)
        self.schedule(now)
        self._on_change()

    def _begin_row(self, now: float, offset: int, source: str) -> None:
        try:
            self._row = self._log.begin(now, offset, source)
        except StoreError as error:
            log.warning("call not saved: %s", str(error))
            self._row = 0
        self._written = now

    def _end(self, now: float) -> None:
        span = self.gate.end(now)
        if span is not None and self._row:
            self._extend(span.end)
        self._row = 0

    def _extend(self, end: float) -> None:
        try:
            self._log.extend(self._row, end)
        except StoreError as error:
            log.warning("call end not saved: %s", str(error))
        self._written = end

    def track(self, now: float) -> None:
        """On each tick: move a live call's end forward, about once a minute."""
        if self._row and elapsed(self._written, now) >= self.REFRESH_SECONDS:
            self._extend(now)

    def schedule(self, now: float) -> None:
        """Wake the app precisely when the gate's answer changes (a coarse tick could
        come half a second early and wait a whole second more)."""
        wake = self.gate.wake_at(now)
        if wake is None:
            self._timer.stop()
        else:
            self._timer.start(int((wake - now) * 1000) + 50)

    def as_dict(self) -> dict[str, object]:
        return {"in_call": self.gate.live, "available": self.state.available,
                "source": self.state.source}

    def _stop_monitor(self) -> None:
        self.monitor.close()
        now, _offset = self.service.now_and_offset()
        self._end(now)

    def close(self) -> None:
        """At quit: stop watching; a call still live is closed now."""
        self._timer.stop()
        self._stop_monitor()
