"""When the machine goes to sleep and wakes up: time asleep is a natural break.

On Linux with systemd-logind, ``PrepareForSleep(true)`` arrives on the system bus just
before suspend and ``PrepareForSleep(false)`` after resume. A *delay* inhibitor lock
makes logind wait (at most its InhibitDelayMaxSec, 5 s by default) until the app has
noted the moment; the lock is released at once and taken again on waking. Without it
both signals could be handled only after resume, a moment apart.

Elsewhere (no system bus, no logind, Windows, macOS) the adapter says it is unavailable,
and the tray app notices sleep as a wall clock that jumped further than its tick interval
(desktop/ui/watchers.py).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any, Protocol

log = logging.getLogger(__name__)

LOGIND = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
MANAGER = "org.freedesktop.login1.Manager"
CALL_TIMEOUT_MS = 2000
# What Qt's SLOT("prepare(bool)") spells. PySide6 takes it as text (its type stubs say
# bytes, which it refuses at run time).
PREPARE_SLOT = "1prepare(bool)"

Callback = Callable[[], None]


class SleepMonitor(Protocol):
    available: bool

    def start(self, sleeping: Callback, woke: Callback) -> bool:
        """Listen; True when sleep and wake will be reported."""
        ...

    def close(self) -> None: ...


class UnavailableSleep:
    available = False

    def start(self, sleeping: Callback, woke: Callback) -> bool:
        return False

    def close(self) -> None:
        pass


class FakeSleep:
    """For tests: ``sleep()`` and ``wake()`` report as logind would."""

    available = True

    def __init__(self) -> None:
        self._sleeping: Callback | None = None
        self._woke: Callback | None = None

    def start(self, sleeping: Callback, woke: Callback) -> bool:
        self._sleeping, self._woke = sleeping, woke
        return True

    def sleep(self) -> None:
        assert self._sleeping is not None
        self._sleeping()

    def wake(self) -> None:
        assert self._woke is not None
        self._woke()

    def close(self) -> None:
        self._sleeping = self._woke = None


class LogindSleepMonitor:
    """logind's ``PrepareForSleep`` through QtDBus (needs a running Qt event loop)."""

    def __init__(self) -> None:
        self.available = True
        self._bus: Any = None
        self._receiver: Any = None
        self._lock: Any = None  # the inhibitor's file descriptor while held

    def start(self, sleeping: Callback, woke: Callback) -> bool:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # a build without Qt's D-Bus module
            return self._unavailable("no QtDBus")

        bus = QDBusConnection.systemBus()
        if not bus.isConnected():
            return self._unavailable("no system bus")
        self._bus = bus
        if not self._inhibit():
            return self._unavailable("logind did not answer")
        self._receiver = _receiver(self, sleeping, woke)
        if not bus.connect(LOGIND, LOGIND_PATH, MANAGER,  # type: ignore[call-overload]
                           "PrepareForSleep", self._receiver, PREPARE_SLOT):
            self._release()
            return self._unavailable("cannot listen to PrepareForSleep")
        return True

    def holds_lock(self) -> bool:
        return self._lock is not None

    def _inhibit(self) -> bool:
        from PySide6.QtDBus import QDBus, QDBusMessage

        message = QDBusMessage.createMethodCall(LOGIND, LOGIND_PATH, MANAGER, "Inhibit")
        message.setArguments(["sleep", "Breakwater",
                              "Noting the time the computer sleeps, as a break", "delay"])
        reply = self._bus.call(message, QDBus.CallMode.Block, CALL_TIMEOUT_MS)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            log.warning("no sleep inhibitor lock: %s", reply.errorMessage())
            return False
        self._lock = reply.arguments()[0]
        return True

    def _release(self) -> None:
        lock, self._lock = self._lock, None
        if lock is not None:
            from PySide6.QtDBus import QDBusUnixFileDescriptor

            lock.swap(QDBusUnixFileDescriptor())  # closes our copy: logind may go on

    def _unavailable(self, why: str) -> bool:
        log.info("sleep and wake not reported by logind (%s); watching the clock instead",
                 why)
        self.available = False
        return False

    def close(self) -> None:
        if self._bus is not None and self._receiver is not None:
            self._bus.disconnect(LOGIND, LOGIND_PATH, MANAGER, "PrepareForSleep",
                                 self._receiver, PREPARE_SLOT)
        self._receiver = None
        self._release()


def _receiver(monitor: LogindSleepMonitor, sleeping: Callback, woke: Callback) -> Any:
    from PySide6.QtCore import QObject, Slot

    class Receiver(QObject):
        @Slot(bool)
        def prepare(self, going: bool) -> None:
            if going:
                sleeping()
                monitor._release()  # noted: logind may suspend now
            else:
                monitor._inhibit()
                woke()

    return Receiver()


def create_sleep_monitor(platform: str | None = None) -> SleepMonitor:
    platform = sys.platform if platform is None else platform
    if platform.startswith("linux"):
        return LogindSleepMonitor()
    return UnavailableSleep()
