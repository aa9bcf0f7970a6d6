"""Whether a call is live: some other application is recording from a microphone.

One interface over each system's own answer, all reporting changes as they happen:
- Linux: the PulseAudio server (or PipeWire's pulse server) announces every recording
  stream through its subscription events (``calls_pulse``);
- Windows: the microphone consent store notes when each app starts and stops using the
  microphone (``calls_windows``);
- macOS: CoreAudio says whether the default input device is running in any process
  (``calls_macos``).

Each monitor watches on its own worker thread and calls ``on_change`` from there with
the new ``CallState``; the UI layer turns that into a Qt signal queued to the GUI thread.
Where no source works the state is ``available=False, source=None``, and nothing
pretends otherwise. Only whether a call is live is ever read: no audio, no names.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CallState:
    in_call: bool = False
    available: bool = False
    source: str | None = None  # "pulseaudio", "pipewire", "windows", "coreaudio", "fake"


UNAVAILABLE = CallState()

OnChange = Callable[[CallState], None]


class CallMonitor(Protocol):
    def start(self, on_change: OnChange) -> None:
        """Begin watching; ``on_change`` is called from a worker thread on every change."""
        ...

    def state(self) -> CallState: ...

    def close(self) -> None:
        """Stop watching and release the system's resources (idempotent)."""
        ...


@dataclass(frozen=True)
class Recorder:
    """One stream recording audio, as a source reports it."""

    app: str = ""            # process or application name, for ``calls.apps``
    pid: int | None = None
    on_monitor: bool = False  # records what the speakers play, not a microphone
    paused: bool = False      # open but corked: nothing is being recorded
    meter: bool = False       # a level meter (peak detection), as volume controls show


def app_key(name: str) -> str:
    """How an app name is compared: the last path part, lower case, without ``.exe``
    (``C:#Program Files#Zoiper#Zoiper5.exe`` and ``zoiper5`` are the same app)."""
    base = re.split(r"[\\/#]", name.strip())[-1].lower()
    return base.removesuffix(".exe").removesuffix(".app")


def parse_apps(text: str) -> frozenset[str]:
    """The ``calls.apps`` setting (names separated by commas) as comparable keys."""
    return frozenset(app_key(part) for part in text.split(",") if part.strip())


def counts_as_call(recorders: Iterable[Recorder], own_pid: int,
                   apps: frozenset[str] = frozenset()) -> bool:
    """A call is live when another process records from a real input. A monitor of the
    speakers, a level meter or a paused stream is not a call; an app the user listed
    in ``calls.apps`` counts whenever it records, even from a monitor or virtual source
    (softphones behind a mixer)."""
    for rec in recorders:
        if rec.pid == own_pid or rec.paused:
            continue
        if rec.app and app_key(rec.app) in apps:
            return True
        if not rec.on_monitor and not rec.meter:
            return True
    return False


class Publisher:
    """The state a monitor last saw, with its change reported once to ``on_change``.
    The first state is always reported, even "unavailable": until then the app does not
    know whether a call is live (``answers_later``)."""

    answers_later = True  # a worker reports the first state after start()

    def __init__(self) -> None:
        self._state_lock = threading.Lock()
        self._state = UNAVAILABLE
        self._answered = False
        self._on_change: OnChange | None = None

    def state(self) -> CallState:
        with self._state_lock:
            return self._state

    def _subscribe(self, on_change: OnChange) -> None:
        with self._state_lock:
            self._on_change = on_change

    def _publish(self, state: CallState) -> None:
        with self._state_lock:
            if state == self._state and self._answered:
                return
            self._state = state
            self._answered = True
            callback = self._on_change
        log.info("call state: %s", state)
        if callback is not None:
            try:
                callback(state)
            except Exception:  # a broken receiver must not end the watching
                log.exception("call state receiver failed")


class UnavailableCalls:
    """Where no source works: never in a call, and says so."""

    def start(self, on_change: OnChange) -> None:
        pass

    def state(self) -> CallState:
        return UNAVAILABLE

    def close(self) -> None:
        pass


class FakeCalls(Publisher):
    """A call source driven by tests. Changes are reported synchronously, on the
    calling thread (a real monitor reports from its worker)."""

    answers_later = False  # its state is known from the start

    def __init__(self, available: bool = True, source: str = "fake") -> None:
        super().__init__()
        self._source = source
        self._state = CallState(False, available, source if available else None)
        self._answered = True
        self.started = False
        self.closed = False

    def start(self, on_change: OnChange) -> None:
        self.started = True
        self._subscribe(on_change)

    def set_call(self, in_call: bool) -> None:
        self._publish(CallState(in_call, True, self._source))

    def disappear(self) -> None:
        """The source went away (server stopped, device unplugged)."""
        self._publish(UNAVAILABLE)

    def close(self) -> None:
        self.closed = True
        self._subscribe(lambda _state: None)


def create_call_monitor(apps: frozenset[str] = frozenset(),
                        platform: str | None = None) -> CallMonitor:
    """The monitor for this system. Nothing heavy is loaded here: each monitor imports
    its library on its worker thread, after the tray icon is up."""
    platform = sys.platform if platform is None else platform
    if platform.startswith("linux"):
        from desktop.platform.calls_pulse import PulseCallMonitor

        return PulseCallMonitor(apps)
    if platform == "win32":
        from desktop.platform.calls_windows import WindowsCallMonitor

        return WindowsCallMonitor(apps)
    if platform == "darwin":
        from desktop.platform.calls_macos import MacCallMonitor

        return MacCallMonitor()
    return UnavailableCalls()
