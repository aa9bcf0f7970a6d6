"""The Linux call source against a real PulseAudio server started by the test, with
``parecord`` standing in for a softphone."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.platform.calls import NO_SERVER, UNAVAILABLE, CallState
from desktop.platform.calls_pulse import PulseCallMonitor
from tests.e2e.pulse_server import PulseServer, missing_pulse_tools, private_pulse
from tests.e2e.virtual_desktop import require_tools, stop

pytestmark = pytest.mark.e2e

IN_CALL = CallState(True, True, "pulseaudio")
NO_CALL = CallState(False, True, "pulseaudio")


@pytest.fixture
def pulse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PulseServer]:
    require_tools(missing_pulse_tools(), "PulseAudio tools")
    with private_pulse(tmp_path / "pulse") as server:
        # libpulse in this process reads these too: keep it off the user's own server.
        for key in ("PULSE_SERVER", "HOME", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME"):
            monkeypatch.setenv(key, server.env[key])
        yield server


class Watch:
    """A monitor whose reports arrive in a queue, in order."""

    def __init__(self, **kwargs: object) -> None:
        self.states: queue.Queue[CallState] = queue.Queue()
        self.monitor = PulseCallMonitor(retry_seconds=(0.2, 0.5), **kwargs)  # type: ignore[arg-type]

    def __enter__(self) -> Watch:
        self.monitor.start(self.states.put)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.monitor.close()

    def next(self) -> CallState:
        return self.states.get(timeout=10)


def test_a_recording_softphone_is_a_call_until_it_stops(pulse: PulseServer) -> None:
    with Watch() as watch:
        assert watch.next() == NO_CALL
        phone = pulse.record("mic")
        assert watch.next() == IN_CALL
        stop(phone)
        assert watch.next() == NO_CALL


def test_recording_the_speakers_is_not_a_call(pulse: PulseServer) -> None:
    with Watch() as watch:
        assert watch.next() == NO_CALL
        pulse.record("speakers.monitor")  # a screen recorder, say: stays on
        phone = pulse.record("mic")
        assert watch.next() == IN_CALL
        stop(phone)
        # Had the speakers' recorder counted, the call would not end here.
        assert watch.next() == NO_CALL
        assert watch.monitor.state() == NO_CALL


def test_a_listed_app_counts_even_on_a_monitor_and_our_own_stream_never(
        pulse: PulseServer) -> None:
    listed = pulse.record("speakers.monitor")  # parecord's program is "pacat"
    with Watch(apps=frozenset({"pacat"})) as watch:
        assert watch.next() == IN_CALL
        stop(listed)
        assert watch.next() == NO_CALL
    ours = pulse.record("mic")
    with Watch(own_pid=ours.pid) as watch:
        assert watch.next() == NO_CALL
        other = pulse.record("mic")
        assert watch.next() == IN_CALL
        stop(other)
        assert watch.next() == NO_CALL


def test_a_server_that_goes_away_ends_the_call_and_is_found_again(
        pulse: PulseServer) -> None:
    with Watch() as watch:
        assert watch.next() == NO_CALL
        pulse.record("mic")
        assert watch.next() == IN_CALL
        pulse.stop()  # parecord loses its server too
        assert watch.next() == NO_SERVER
        pulse.start()
        assert watch.next() == NO_CALL
        pulse.record("mic")
        assert watch.next() == IN_CALL


def test_no_server_at_all_is_unavailable_and_closes_promptly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'nothing-here'}")
    monkeypatch.setenv("HOME", str(tmp_path))
    monitor = PulseCallMonitor(retry_seconds=(600,))
    states: list[CallState] = []
    monitor.start(states.append)
    thread = monitor._thread
    monitor.close()  # while it waits ten minutes to try again
    assert thread is not None and not thread.is_alive()
    # It may have found no server before the close: then it said so, once.
    assert (monitor.state(), states) in ((UNAVAILABLE, []), (NO_SERVER, [NO_SERVER]))


def test_with_no_server_running_the_monitor_says_so(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """libpulse is there, no sound server runs (a runtime folder without a pulse
    socket): not "no microphone information" but "no sound server"."""
    require_tools(missing_pulse_tools(), "PulseAudio tools")
    monkeypatch.delenv("PULSE_SERVER", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    with Watch() as watch:
        assert watch.next() == NO_SERVER
        assert watch.monitor.state() == NO_SERVER
