"""A private PulseAudio server for tests: a null source named "mic" stands in for the
microphone, a null sink "speakers" for the headset, and ``parecord`` for a softphone.
No D-Bus, no autospawn, no real audio device; it listens only on a socket in a
temporary folder. Used by the end-to-end tests and bench/call_latency.py."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.e2e.virtual_desktop import stop, wait_until

NEEDED = ("pulseaudio", "parecord", "pactl")


def missing_pulse_tools() -> list[str]:
    return [tool for tool in NEEDED if shutil.which(tool) is None]


@dataclass
class PulseServer:
    folder: Path
    address: str  # for PULSE_SERVER
    env: dict[str, str]
    proc: subprocess.Popen[bytes] | None = None
    recorders: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self) -> None:
        socket = self.folder / "native"
        self.proc = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1",
             "--use-pid-file=no", "--disable-shm=yes",
             "-L", f"module-native-protocol-unix socket={socket} auth-anonymous=1",
             "-L", "module-null-source source_name=mic",
             "-L", "module-null-sink sink_name=speakers"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL, start_new_session=True)
        wait_until(lambda: self.pactl("info").returncode == 0, what="the PulseAudio server")

    def stop(self) -> None:
        if self.proc is not None:
            stop(self.proc)
            self.proc = None

    def pactl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["pactl", *args], env=self.env, capture_output=True,
                              text=True, timeout=10, stdin=subprocess.DEVNULL)

    def record(self, source: str = "mic") -> subprocess.Popen[bytes]:
        """A program recording from ``source`` until stopped (a softphone in a call)."""
        proc = subprocess.Popen(["parecord", "-d", source, "/dev/null"], env=self.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        self.recorders.append(proc)
        wait_until(lambda: proc.pid in self.recording_pids() or proc.poll() is not None,
                   what="parecord's stream")
        return proc

    def recording_pids(self) -> set[int]:
        """Process ids of the streams recording now."""
        listing = self.pactl("list", "source-outputs").stdout
        pids = set()
        for line in listing.splitlines():
            line = line.strip()
            if line.startswith("application.process.id = "):
                pids.add(int(line.split("=", 1)[1].strip().strip('"')))
        return pids


@contextmanager
def private_pulse(folder: Path) -> Iterator[PulseServer]:
    folder.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PULSE_")}
    # Clients read their config and cookie from HOME: keep them away from the user's.
    env.update({"PULSE_SERVER": f"unix:{folder / 'native'}", "HOME": str(folder),
                "XDG_RUNTIME_DIR": str(folder), "XDG_CONFIG_HOME": str(folder / "config")})
    server = PulseServer(folder, env["PULSE_SERVER"], env)
    try:
        server.start()
        yield server
    finally:
        for proc in server.recorders:
            stop(proc)
        server.stop()
