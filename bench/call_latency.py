"""How soon the Linux call source notices a call start and end, on a real PulseAudio server.

    .venv/bin/python bench/call_latency.py [--rounds 20]

Starts a private PulseAudio server (null source "mic"), watches it with the app's
``PulseCallMonitor``, and times, for each round, from the moment ``parecord -d mic`` is
started to the "in a call" report, and from the moment it is stopped (SIGTERM sent) to
the "call over" report. Also prints the CPU time the watcher used while idle between
rounds: it sleeps in libpulse's poll, so it should be close to nothing.
"""

from __future__ import annotations

import argparse
import os
import queue
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.platform.calls import CallState
from desktop.platform.calls_pulse import PulseCallMonitor
from tests.e2e.pulse_server import private_pulse


def _ms(values: list[float]) -> str:
    return (f"median {statistics.median(values) * 1000:.0f} ms, "
            f"max {max(values) * 1000:.0f} ms, min {min(values) * 1000:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, private_pulse(Path(folder)) as server:
        for key in ("PULSE_SERVER", "HOME", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME"):
            os.environ[key] = server.env[key]
        states: queue.Queue[tuple[float, CallState]] = queue.Queue()
        monitor = PulseCallMonitor()
        monitor.start(lambda state: states.put((time.monotonic(), state)))
        states.get(timeout=10)
        starts, ends = [], []
        for _round in range(args.rounds):
            began = time.monotonic()
            phone = subprocess.Popen(["parecord", "-d", "mic", "/dev/null"], env=server.env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            seen, state = states.get(timeout=10)
            assert state.in_call, state
            starts.append(seen - began)
            ended = time.monotonic()
            phone.terminate()
            seen, state = states.get(timeout=10)
            assert not state.in_call, state
            ends.append(seen - ended)
            phone.wait()
        before = resource.getrusage(resource.RUSAGE_SELF)
        time.sleep(5)
        after = resource.getrusage(resource.RUSAGE_SELF)
        monitor.close()
    idle_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    print(f"call start noticed ({args.rounds} rounds, from starting parecord): {_ms(starts)}")
    print(f"call end noticed (from stopping parecord): {_ms(ends)}")
    print(f"CPU used by this process in 5 s with no call: {idle_cpu * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
