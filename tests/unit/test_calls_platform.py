"""The call-state sources without a sound server: what counts as a call, the fake, the
choice of source per system, and the Windows and macOS monitors against fake stores
(the real registry and CoreAudio were not available here)."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.platform import calls
from desktop.platform.calls import (
    UNAVAILABLE,
    CallState,
    FakeCalls,
    Recorder,
    UnavailableCalls,
    app_key,
    counts_as_call,
    parse_apps,
)
from desktop.platform.calls_macos import NO_DEVICE, SYSTEM_OBJECT, MacCallMonitor, fourcc
from desktop.platform.calls_pulse import INVALID_INDEX, PulseCallMonitor, recorders, source_name
from desktop.platform.calls_windows import ConsentEntry, WindowsCallMonitor
from desktop.platform.calls_windows import recorders as consent_recorders

OWN = 4242
MIC = Recorder(app="zoiper5", pid=100)


# What counts ------------------------------------------------------------------------
@pytest.mark.parametrize(("recorder", "live"), [
    (MIC, True),
    (Recorder(app="zoiper5", pid=OWN), False),                    # ourselves
    (Recorder(app="obs", pid=100, on_monitor=True), False),       # recording the speakers
    (Recorder(app="pavucontrol", pid=100, meter=True), False),    # a level meter
    (Recorder(app="firefox", pid=100, paused=True), False),       # open but corked
    (Recorder(app="", pid=None), True),                           # unnamed, but recording
])
def test_another_app_recording_a_microphone_is_a_call(recorder: Recorder, live: bool) -> None:
    assert counts_as_call([recorder], OWN) is live


def test_a_listed_softphone_counts_even_behind_a_monitor_but_not_when_paused() -> None:
    apps = parse_apps("Zoiper5.exe, linphone")
    assert counts_as_call([Recorder(app="/usr/bin/linphone", pid=7, on_monitor=True)], OWN,
                          apps)
    assert not counts_as_call([Recorder(app="linphone", pid=7, on_monitor=True)], OWN)
    assert not counts_as_call([Recorder(app="zoiper5", pid=7, paused=True)], OWN, apps)


recorder_strategy = st.builds(
    Recorder, app=st.sampled_from(["", "zoiper5", "obs", "linphone"]),
    pid=st.sampled_from([None, 1, OWN]), on_monitor=st.booleans(), paused=st.booleans(),
    meter=st.booleans())


@given(st.lists(recorder_strategy, max_size=6), st.lists(recorder_strategy, max_size=6))
def test_a_call_is_any_one_stream_that_counts(first: list[Recorder],
                                              second: list[Recorder]) -> None:
    apps = frozenset({"linphone"})
    both = counts_as_call(first + second, OWN, apps)
    assert both == (counts_as_call(first, OWN, apps) or counts_as_call(second, OWN, apps))
    # Our own streams never make a call, whatever they are.
    ours = [Recorder(r.app, OWN, r.on_monitor, r.paused, r.meter) for r in first]
    assert not counts_as_call(ours, OWN, apps)


@pytest.mark.parametrize(("name", "key"), [
    (r"C:#Program Files#Zoiper5#Zoiper5.exe", "zoiper5"),
    ("/usr/bin/linphone", "linphone"),
    ("  MicroSIP.EXE ", "microsip"),
    ("Telephone.app", "telephone"),
])
def test_app_names_compare_by_program_name(name: str, key: str) -> None:
    assert app_key(name) == key


def test_the_apps_setting_is_a_comma_separated_list() -> None:
    assert parse_apps("") == frozenset()
    assert parse_apps("Zoiper5.exe, ,linphone") == {"zoiper5", "linphone"}


# The fake and the choice of source ---------------------------------------------------
def test_the_fake_reports_each_change_once() -> None:
    seen: list[CallState] = []
    fake = FakeCalls()
    fake.start(seen.append)
    fake.set_call(True)
    fake.set_call(True)
    fake.set_call(False)
    fake.disappear()
    assert seen == [CallState(True, True, "fake"), CallState(False, True, "fake"),
                    UNAVAILABLE]
    fake.close()
    fake.set_call(True)
    assert len(seen) == 3 and fake.closed


def test_a_receiver_that_fails_does_not_stop_the_reports() -> None:
    fake = FakeCalls()
    fake.start(lambda _state: 1 / 0)  # type: ignore[func-returns-value]
    fake.set_call(True)
    assert fake.state().in_call


@pytest.mark.parametrize(("platform", "kind"), [
    ("linux", PulseCallMonitor), ("win32", WindowsCallMonitor), ("darwin", MacCallMonitor),
    ("freebsd13", UnavailableCalls),
])
def test_each_system_gets_its_source(platform: str, kind: type) -> None:
    monitor = calls.create_call_monitor(platform=platform)
    assert isinstance(monitor, kind)
    assert monitor.state() == UNAVAILABLE  # nothing claimed before it has looked


# PulseAudio's records ----------------------------------------------------------------
def _source(index: int, monitor_of: int = INVALID_INDEX) -> SimpleNamespace:
    return SimpleNamespace(index=index, monitor_of_sink=monitor_of)


def _output(source: int, pid: str = "100", binary: str = "pacat", corked: bool = False,
            resample: str | None = None) -> SimpleNamespace:
    props = {"application.process.id": pid, "application.process.binary": binary,
             "application.name": "parecord"}
    return SimpleNamespace(source=source, proplist=props, corked=corked,
                           resample_method=resample)


def test_pulse_streams_become_recorders() -> None:
    sources = [_source(0), _source(1, monitor_of=0)]
    found = recorders(sources, [
        _output(0), _output(1, pid="7"), _output(0, pid="x", corked=True),
        _output(0, resample="peaks"), _output(9)])
    assert found == [
        Recorder("pacat", 100),
        Recorder("pacat", 7, on_monitor=True),
        Recorder("pacat", None, paused=True),
        Recorder("pacat", 100, meter=True),
        Recorder("pacat", 100, on_monitor=True),  # its source is already gone
    ]


def test_the_app_name_falls_back_to_the_application_name() -> None:
    out = _output(0, binary="")
    assert recorders([_source(0)], [out])[0].app == "parecord"


@pytest.mark.parametrize(("server", "name"), [
    ("pulseaudio", "pulseaudio"), ("PulseAudio (on PipeWire 1.0.5)", "pipewire")])
def test_pipewire_is_named_as_such(server: str, name: str) -> None:
    assert source_name(server) == name


def test_without_libpulse_the_pulse_monitor_says_unavailable(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "pulsectl", None)  # import fails
    monitor = PulseCallMonitor()
    seen: list[CallState] = []
    monitor.start(seen.append)
    assert monitor._thread is not None
    monitor._thread.join(5)
    assert not monitor._thread.is_alive()
    # Reported once, although nothing changed: the app holds messages until the
    # source's first answer, and "no source" is an answer.
    assert monitor.state() == UNAVAILABLE and seen == [UNAVAILABLE]
    monitor.close()


# Windows, against a fake consent store -----------------------------------------------
class FakeConsentStore:
    def __init__(self) -> None:
        self.items: dict[str, ConsentEntry] = {}
        self.fail: OSError | None = None
        self.closed = False
        self._signal = threading.Event()  # a change, or wake()
        self._stopped = False

    def use(self, app: str, start: int, stop: int) -> None:
        self.items[app] = ConsentEntry(app, start, stop)
        self._signal.set()

    def arm(self) -> None:
        pass

    def entries(self) -> list[ConsentEntry]:
        if self.fail is not None:
            raise self.fail
        return list(self.items.values())

    def wait(self) -> bool:
        self._signal.wait()
        if self._stopped:
            return False
        self._signal.clear()
        return True

    def wake(self) -> None:
        self._stopped = True
        self._signal.set()

    def close(self) -> None:
        self.closed = True

    def break_now(self) -> None:
        self.fail = OSError(2, "the key is gone")
        self._signal.set()


def _next(states: queue.Queue[CallState]) -> CallState:
    return states.get(timeout=10)


def test_the_consent_store_entries_that_hold_the_microphone() -> None:
    own = r"C:\Program Files\Breakwater\breakwater.exe"
    entries = [ConsentEntry("Microsoft.SkypeApp_kzf8qxf38zg5c", 10, 0),
               ConsentEntry(r"C:#Program Files#Zoiper5#Zoiper5.exe", 10, 20),
               ConsentEntry(r"C:#Program Files#Breakwater#Breakwater.exe", 10, 0),
               ConsentEntry("never.used", 0, 0)]
    assert [r.app for r in consent_recorders(entries, own)] == [
        "Microsoft.SkypeApp_kzf8qxf38zg5c"]


def test_windows_follows_the_consent_store_and_stops_when_closed() -> None:
    store = FakeConsentStore()
    states: queue.Queue[CallState] = queue.Queue()
    monitor = WindowsCallMonitor(store_factory=lambda: store, own_exe="python.exe")
    monitor.start(states.put)
    assert _next(states) == CallState(False, True, "windows")
    store.use(r"C:#Program Files#Zoiper5#Zoiper5.exe", 100, 0)
    assert _next(states) == CallState(True, True, "windows")
    store.use(r"C:#Program Files#Zoiper5#Zoiper5.exe", 100, 200)
    assert _next(states) == CallState(False, True, "windows")
    monitor.close()
    assert store.closed and monitor._thread is None


def test_windows_store_that_goes_away_is_not_left_in_a_call() -> None:
    store = FakeConsentStore()
    states: queue.Queue[CallState] = queue.Queue()
    monitor = WindowsCallMonitor(store_factory=lambda: store, retry_seconds=60)
    monitor.start(states.put)
    _next(states)
    store.use("Microsoft.SkypeApp_kzf8qxf38zg5c", 100, 0)
    assert _next(states).in_call
    store.break_now()
    assert _next(states) == UNAVAILABLE
    monitor.close()  # interrupts the wait before the retry


def test_windows_without_a_consent_store_is_unavailable_and_stops_at_once() -> None:
    tried = threading.Event()

    def missing() -> FakeConsentStore:
        tried.set()
        raise FileNotFoundError(2, "no such key")

    monitor = WindowsCallMonitor(store_factory=missing, retry_seconds=600)
    monitor.start(lambda _s: None)
    assert tried.wait(10)
    thread = monitor._thread
    monitor.close()  # not after the ten-minute retry
    assert thread is not None and not thread.is_alive()
    assert monitor.state() == UNAVAILABLE


# macOS, against a fake audio system ---------------------------------------------------
class FakeAudioSystem:
    def __init__(self) -> None:
        self.default = 50
        self.running: set[int] = set()
        self.listeners: dict[int, object] = {}
        self.closed = False

    def default_input(self) -> int:
        return self.default

    def running_somewhere(self, device: int) -> bool:
        return device in self.running

    def listen(self, device: int, woken: object) -> None:
        self.listeners[device] = woken

    def unlisten(self, device: int) -> None:
        del self.listeners[device]

    def close(self) -> None:
        self.closed = True

    def fire(self, device: int) -> None:
        callback = self.listeners[device]
        assert callable(callback)
        callback()  # as CoreAudio does, from its own thread


def test_macos_follows_the_default_input_device() -> None:
    system = FakeAudioSystem()
    states: queue.Queue[CallState] = queue.Queue()
    monitor = MacCallMonitor(lambda: system)
    monitor.start(states.put)
    assert _next(states) == CallState(False, True, "coreaudio")
    assert set(system.listeners) == {SYSTEM_OBJECT, 50}
    system.running.add(50)
    system.fire(50)
    assert _next(states).in_call
    # A headset is plugged in and becomes the default input: it is idle.
    system.default = 60
    system.fire(SYSTEM_OBJECT)
    assert _next(states) == CallState(False, True, "coreaudio")
    assert set(system.listeners) == {SYSTEM_OBJECT, 60}
    system.running.add(60)
    system.fire(60)
    assert _next(states).in_call
    # Unplugged with nothing to fall back on: no microphone, no call.
    system.default = NO_DEVICE
    system.fire(SYSTEM_OBJECT)
    assert _next(states) == CallState(False, True, "coreaudio")
    monitor.close()
    assert system.closed


def test_fourcc_constants_match_coreaudio() -> None:
    assert fourcc("glob") == 0x676C6F62
    assert fourcc("gone") == 0x676F6E65
    with pytest.raises(ValueError):
        fourcc("toolong")


PULSECTL_PROBE = """
import sys
from desktop.platform.calls_pulse import import_pulsectl
pulsectl = import_pulsectl()
light = not {"ctypes.util", "subprocess", "locale"} & set(sys.modules)
import ctypes.util  # the real one, for anyone after: the stand-in is gone
print(pulsectl.Pulse.__name__, light, ctypes.util.find_library("c") is not None)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="libpulse on Linux")
def test_pulsectl_loads_libpulse_without_ctypes_util_and_leaves_it_intact() -> None:
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", PULSECTL_PROBE], capture_output=True,
                            text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(root)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Pulse", "True", "True"]
