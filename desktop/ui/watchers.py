"""Watchers of the person's machine: what they notice becomes recovery or holds nudges.

The idle watcher and the sleep watcher report time away to the service
(``Breakwater.presence``), which turns it into natural breaks: one span per time away,
ending no later than the first sign the person is back (input, a tag, the machine
waking; desktop/core/presence.py). The call watcher follows the microphone's use so
nothing interrupts a live call. Each asks its platform adapter, tells the service (or its
store) what happened, and reports through callbacks; none of them decides about nudges.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.calls import CallGate
from desktop.core.clock import elapsed
from desktop.core.model import Recovery
from desktop.core.presence import POLL_AWAY
from desktop.core.tracker import shift_ahead
from desktop.platform.calls import UNAVAILABLE, CallMonitor, CallState, UnavailableCalls, parse_apps
from desktop.platform.idle import IdleMonitor
from desktop.platform.sleep import SleepMonitor
from desktop.service import Breakwater
from desktop.store.calls import CallLog
from desktop.store.errors import StoreError
from desktop.ui.call_text import detection_off
from desktop.ui.lean_qt import PRECISE_TIMER, set_timer_type

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
    sleep is not watched. ``on_sleep`` hears the moment the machine went to sleep (for a
    clock that jumped: the last tick before it), ``on_wake`` whether it was a break."""

    SLACK = 30.0

    def __init__(self, service: Breakwater, monitor: SleepMonitor | None,
                 on_wake: Callable[[bool], None],
                 on_sleep: Callable[[float], None] = lambda _at: None) -> None:
        self.service = service
        self.monitor = monitor
        self._on_wake = on_wake
        self._on_sleep = on_sleep
        self._last_tick: float | None = None
        self._expected = 0.0
        self.told = monitor is None or monitor.start(self._sleeping, self._woke)

    def _sleeping(self) -> None:
        self._went_to_sleep(self.service.clock.now())

    def _went_to_sleep(self, at: float) -> None:
        self.service.presence.sleeping(at)
        self._on_sleep(at)

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
            self._went_to_sleep(last)
            self._last_tick = last  # _woke sets it to now
            self._woke()

    def ticked(self, wait: float) -> None:
        """The next tick is due in ``wait`` seconds (or sooner, when poked)."""
        self._expected = wait

    def close(self) -> None:
        if self.monitor is not None:
            self.monitor.close()


MonitorFactory = Callable[[frozenset[str]], CallMonitor]


class CallWatcher(QObject):
    """Follows the call source: starts and ends calls in the core's ``CallGate`` and in the
    ``calls`` table, and wakes the app when the gate's answer changes (the wrap-up's end).

    The monitor reports from its own thread through ``reported``, a signal queued to this
    object's thread (the GUI thread)."""

    reported = Signal(object)  # CallState
    REFRESH_SECONDS = 60.0     # how often a live call's end moves forward in the file

    def __init__(self, service: Breakwater, gate: CallGate, factory: MonitorFactory,
                 on_change: Callable[[], None],
                 notice_sleep: Callable[[float], None] = lambda _now: None) -> None:
        super().__init__()
        # Asked before each report: without logind, sleep shows only as a clock that
        # jumped, found at the next tick; a report (the softphone gone while asleep) can
        # come first, and must not end the call at the wake time.
        self._notice_sleep = notice_sleep
        self.service = service
        self.gate = gate
        self._factory = factory
        self._on_change = on_change
        self._log = CallLog(service.store)
        self._config: tuple[bool, frozenset[str]] | None = None
        self.monitor: CallMonitor = UnavailableCalls()
        self.state = UNAVAILABLE
        self._row = 0
        self._last_row = 0  # the row of the call that ended last (taken up again soon)
        self._written = 0.0
        self._asleep = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        set_timer_type(self._timer, PRECISE_TIMER)  # the wrap-up is seconds long
        self._timer.timeout.connect(self._on_change)
        self.reported.connect(self._answered)
        service.clock_listeners.append(self._clock_moved)

    def _clock_moved(self, now: float, delta: float) -> None:
        """The clock was found set back and the file's stamps moved (the live call's
        row among them): the call's instants in memory move alike."""
        self.gate.shifted(now, delta)
        self._written = min(shift_ahead(self._written, now, -delta), now)
        if self._row:
            try:
                self._log.clamp(self._row, now)
            except StoreError as error:
                log.warning("call not corrected: %s", str(error))

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
        if getattr(self.monitor, "answers_later", False):
            # Until the source's first answer a call may be live: hold, briefly.
            now, _offset = self.service.now_and_offset()
            self.gate.source_pending(now)
            self.schedule(now)
        self.monitor.start(self.reported.emit)

    def _answered(self, state: object) -> None:
        self.gate.source_answered()
        self._apply(state)

    def _apply(self, state: object) -> None:
        assert isinstance(state, CallState)
        self.state = state
        if self._asleep:
            return  # the call ended when the machine slept; woke() looks again
        self._notice_sleep(self.service.clock.now())  # may end the call at the sleep
        now, offset = self.service.now_and_offset()
        if state.in_call:
            if self.gate.begin(now):
                if self.gate.rejoined and self._last_row:
                    self._row = self._last_row  # the same call: its row runs on
                else:
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
        if span is None:
            return
        if self._row:
            self._extend(span.end)
        self._last_row, self._row = self._row, 0

    def _extend(self, end: float) -> None:
        try:
            self._log.extend(self._row, end)
        except StoreError as error:
            log.warning("call end not saved: %s", str(error))
        self._written = end

    def slept(self, at: float) -> None:
        """The machine went to sleep at ``at``: a live call ends then, not when it wakes
        (nobody talks through a suspend; its row would span the night)."""
        self._end(at)
        self._asleep = True
        self._on_change()

    def woke(self) -> None:
        """Awake again: a microphone still in use is a call from now."""
        self._asleep = False
        self._apply(self.monitor.state())

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

    def off_text(self) -> str | None:
        """Why calls are not watched now (call_text.detection_off), None while they are."""
        return detection_off(self.enabled, self.state)

    def trouble_text(self) -> str | None:
        """``off_text`` when calls should be watched and cannot be (no sound server, no
        source); None when they are watched or the user turned watching off."""
        return self.off_text() if self.enabled else None

    def as_dict(self) -> dict[str, object]:
        return {"in_call": self.gate.live, "available": self.state.available,
                "source": self.state.source, "off": self.off_text()}

    def _stop_monitor(self) -> None:
        self.monitor.close()
        self.gate.source_answered()  # nothing is waited for any more
        now, _offset = self.service.now_and_offset()
        self._end(now)

    def close(self) -> None:
        """At quit: stop watching; a call still live is closed now."""
        self._timer.stop()
        self._stop_monitor()
        if self._clock_moved in self.service.clock_listeners:
            self.service.clock_listeners.remove(self._clock_moved)
