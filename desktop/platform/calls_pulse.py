"""Calls on Linux: recording streams on the PulseAudio server (PipeWire's pulse server too).

A worker thread connects with ``pulsectl`` (ctypes over libpulse), subscribes to source
and source-output events and sleeps in libpulse's poll until the server announces a
change: nothing is polled. On each event it lists the recording streams again and
reports whether one of them is a call (``calls.counts_as_call``).

When the server goes away, or is not there to begin with, the state becomes "not
available: no sound server" (``NO_SERVER``) at once (a call cannot stay
stuck "live" on a server that is gone) and the worker tries again after 0.5 s, 1 s, 2 s …
up to every 30 s, so a restarted server (a PipeWire upgrade, a new login) is picked up.
It never starts a server itself (no autospawn).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Iterable, Sequence
from types import ModuleType
from typing import Any

from desktop.platform.calls import (
    NO_SERVER,
    UNAVAILABLE,
    CallState,
    OnChange,
    Publisher,
    Recorder,
    counts_as_call,
)

log = logging.getLogger(__name__)

INVALID_INDEX = 0xFFFFFFFF  # PA_INVALID_INDEX: a source that monitors no sink
RETRY_SECONDS = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)


def recorders(sources: Iterable[Any], outputs: Iterable[Any]) -> list[Recorder]:
    """pulsectl's source and source-output records as plain ``Recorder``s."""
    monitors = {s.index for s in sources if s.monitor_of_sink != INVALID_INDEX}
    known = {s.index for s in sources}
    found = []
    for out in outputs:
        props = out.proplist
        try:
            pid: int | None = int(props.get("application.process.id", ""))
        except ValueError:
            pid = None
        found.append(Recorder(
            app=props.get("application.process.binary") or props.get("application.name", ""),
            pid=pid,
            # A stream on a source that vanished a moment ago is not a microphone either.
            on_monitor=out.source in monitors or out.source not in known,
            paused=bool(out.corked),
            meter=out.resample_method == "peaks",
        ))
    return found


def import_pulsectl() -> Any:
    """pulsectl, imported without ``ctypes.util``. Its C bindings call
    ``ctypes.util.find_library("libpulse")``, which on Linux never finds that name (it
    looks for "liblibpulse") and falls back to "libpulse.so.0" as pulsectl itself then
    does; meanwhile it runs ldconfig, gcc and ld in child processes (~13 ms) and imports
    subprocess, locale and selectors to do so (~0.3 MB that stays in the tray app). A
    stand-in that finds nothing takes its place for the length of the import; nothing
    else in the app imports ``ctypes.util`` on Linux. The end-to-end tests run pulsectl
    against a real PulseAudio server."""
    import ctypes

    if "ctypes.util" in sys.modules:  # already imported: nothing left to save
        import pulsectl

        return pulsectl
    stand_in = ModuleType("ctypes.util")
    stand_in.find_library = lambda _name: None  # type: ignore[attr-defined]
    sys.modules["ctypes.util"] = stand_in
    ctypes.util = stand_in  # type: ignore[attr-defined]
    try:
        import pulsectl
    finally:
        del sys.modules["ctypes.util"]
        del ctypes.util  # type: ignore[attr-defined]
    return pulsectl


def source_name(server_name: str) -> str:
    return "pipewire" if "pipewire" in server_name.lower() else "pulseaudio"


class PulseCallMonitor(Publisher):
    def __init__(self, apps: frozenset[str] = frozenset(), server: str | None = None,
                 own_pid: int | None = None,
                 retry_seconds: Sequence[float] = RETRY_SECONDS) -> None:
        super().__init__()
        self._apps = apps
        self._server = server  # None: libpulse's own choice (PULSE_SERVER, the session's)
        self._own_pid = os.getpid() if own_pid is None else own_pid
        self._retry = tuple(retry_seconds)
        self._stop = threading.Event()
        self._pulse_lock = threading.Lock()
        self._pulse: Any = None  # the live connection, while the worker holds one
        self._changed = False
        self._connected = False
        self._thread: threading.Thread | None = None

    def start(self, on_change: OnChange) -> None:
        self._subscribe(on_change)
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="calls-pulse", daemon=True)
            self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._subscribe(lambda _state: None)  # the receiver may be gone after this
        thread = self._thread
        if thread is None:
            return
        # event_listen_stop() is lost when it lands between two polls, so repeat it until
        # the worker has left (it checks the stop flag before every poll).
        for _attempt in range(40):
            with self._pulse_lock:
                if self._pulse is not None:
                    self._pulse.event_listen_stop()
            thread.join(0.1)
            if not thread.is_alive():
                break
        else:
            log.warning("call detection did not stop in time")
        self._thread = None

    # Worker thread ----------------------------------------------------------------
    def _run(self) -> None:
        try:
            pulsectl = import_pulsectl()
        except Exception as exc:  # no libpulse on this system: nothing to watch
            log.warning("call detection unavailable: %s", str(exc))
            self._publish(UNAVAILABLE)
            return
        failures = 0
        while not self._stop.is_set():
            self._connected = False
            try:
                self._watch(pulsectl)
            except Exception as exc:
                if self._connected:
                    log.info("the PulseAudio server went away; watching for it to return")
                    failures = 0
                elif failures == 0:
                    log.info("no PulseAudio server for call detection: %s", str(exc))
            if self._stop.is_set():
                break
            # libpulse is there, the server is not (or went away): nothing runs to ask.
            self._publish(NO_SERVER)
            self._stop.wait(self._retry[min(failures, len(self._retry) - 1)])
            failures += 1

    def _watch(self, pulsectl: Any) -> None:
        """One connection: report the state at every event until the server goes away
        (``PulseDisconnected``) or ``close()`` is called."""
        pulse = pulsectl.Pulse("Breakwater call detection", server=self._server,
                               connect=False)
        with self._pulse_lock:
            self._pulse = pulse
        try:
            # No timeout: pulsectl 24.12's connect(timeout=...) always waits the whole
            # timeout, even when connected at once. A missing server fails at once anyway.
            pulse.connect(autospawn=False)
            self._connected = True
            source = source_name(pulse.server_info().server_name or "")
            pulse.event_mask_set("source", "source_output")
            pulse.event_callback_set(self._on_event)
            while not self._stop.is_set():
                self._changed = False
                found = recorders(pulse.source_list(), pulse.source_output_list())
                in_call = counts_as_call(found, self._own_pid, self._apps)
                self._publish(CallState(in_call, True, source))
                if self._changed:  # an event arrived while listing: list again
                    continue
                pulse.event_listen()
        finally:
            with self._pulse_lock:
                self._pulse = None
            pulse.close()

    def _on_event(self, _event: object) -> None:
        # Called inside libpulse's dispatch; no pulse call may be made from here, so
        # leave the listen loop and list the streams from _watch.
        import pulsectl

        self._changed = True
        raise pulsectl.PulseLoopStop
