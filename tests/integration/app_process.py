"""The real tray app as a process, without a display (Qt's offscreen platform): for
tests of what happens between it, the command line and the file."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop import ipc
from tests.e2e.virtual_desktop import stop, wait_until
from tests.integration.cli_helpers import cli_env


def app_env(home: Path, **extra: str) -> dict[str, str]:
    env = cli_env(home, QT_QPA_PLATFORM="offscreen", **extra)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        env.pop(name, None)
    return env


@contextmanager
def offscreen_app(home: Path) -> Iterator[subprocess.Popen[bytes]]:
    log = home.parent / f"{home.name}-app.log"
    with open(log, "wb") as handle:
        proc = subprocess.Popen([sys.executable, "-m", "desktop"], env=app_env(home),
                                stdout=handle, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    try:
        wait_until(lambda: ipc.is_running(home / "breakwater.sock") or proc.poll() is not None,
                   what="the tray app's socket")
        assert proc.poll() is None, log.read_text()
        yield proc
    finally:
        stop(proc, group=False, timeout=10)
