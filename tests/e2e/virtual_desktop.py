"""Start a real (virtual) desktop: Xvfb, a tray host, a private session bus with a
notification daemon. Used by the end-to-end tests and by bench/startup.py."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

NEEDED = ("Xvfb", "xdotool", "trayer", "dbus-daemon", "dunst", "dbus-monitor", "xwininfo")


def wait_until(predicate: Callable[[], object], timeout: float = 20.0,
               interval: float = 0.05, what: str = "condition") -> None:
    """Poll an external process's observable state until true (real processes only)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def missing_tools() -> list[str]:
    return [tool for tool in NEEDED if shutil.which(tool) is None]


def require_tools(missing: list[str], what: str) -> None:
    """Skip the test when this machine lacks the ``missing`` tools; fail instead where
    they are required (CI sets BREAKWATER_E2E_REQUIRED)."""
    if not missing:
        return
    import pytest

    if os.environ.get("BREAKWATER_E2E_REQUIRED"):
        pytest.fail(f"{what} missing: {', '.join(missing)}")
    pytest.skip(f"{what} missing: {', '.join(missing)} (run scripts/setup-system)")


@dataclass
class Desktop:
    display: str
    bus_address: str
    notify_log: Path
    env: dict[str, str]
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def run(self, *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, env=self.env, capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)

    def focused_window(self) -> str:
        return self.run("xdotool", "getwindowfocus").stdout.strip()

    def notifications(self) -> str:
        return self.notify_log.read_text(errors="replace") if self.notify_log.exists() else ""

    def tray_icons(self, title: str = "Breakwater") -> int:
        """How many icons titled ``title`` the tray host has embedded."""
        return sum(f'"{title}"' in line for line in self.tray_children())

    def tray_children(self) -> list[str]:
        tree = self.run("xwininfo", "-root", "-tree").stdout
        lines = tree.splitlines()
        for i, line in enumerate(lines):
            if '"panel"' in line:
                indent = len(line) - len(line.lstrip())
                kids = []
                for child in lines[i + 1:]:
                    if not child.strip() or len(child) - len(child.lstrip()) <= indent:
                        break
                    if "0x" in child:
                        kids.append(child.strip())
                return kids
        return []


def _start(cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "wb") as handle:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(cmd, env=env, stdout=handle, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)


def stop(proc: subprocess.Popen[bytes], group: bool = True, timeout: float = 5) -> None:
    """SIGTERM (to the process group when ``group``), then SIGKILL after ``timeout``."""
    if proc.poll() is not None:
        return

    def send(signum: int) -> None:
        if group:
            os.killpg(proc.pid, signum)
        else:
            proc.send_signal(signum)

    send(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        send(signal.SIGKILL)
        proc.wait(timeout=timeout)


@contextmanager
def virtual_desktop(logs: Path, notifications: bool = True) -> Iterator[Desktop]:
    """Xvfb + trayer (+ dbus-daemon, dbus-monitor and dunst when ``notifications``)."""
    logs.mkdir(parents=True, exist_ok=True)
    base_env = {k: v for k, v in os.environ.items()
                if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS",
                             "QT_QPA_PLATFORM", "PULSE_SERVER")}
    procs: list[subprocess.Popen[bytes]] = []
    bus_pid = ""
    try:
        read_fd, write_fd = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten",
             "tcp", "+extension", "MIT-SCREEN-SAVER"],
            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        procs.append(xvfb)
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        assert number, "Xvfb did not report a display"
        env = {**base_env, "DISPLAY": f":{number}", "QT_QPA_PLATFORM": "xcb"}
        # The server reported its number; wait until clients can really connect.
        wait_until(lambda: subprocess.run(
            ["xwininfo", "-root"], env=env, capture_output=True, timeout=10,
            stdin=subprocess.DEVNULL).returncode == 0, what="the X server")
        address = ""
        notify_log = logs / "notifications.log"
        if notifications:
            bus = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1",
                                  "--print-pid=1"], capture_output=True, text=True, timeout=10,
                                 env=env)
            address, bus_pid = bus.stdout.split()[:2]
            env["DBUS_SESSION_BUS_ADDRESS"] = address
            procs.append(_start(["dbus-monitor", "--session",
                                 "interface='org.freedesktop.Notifications',member='Notify'"],
                                env, notify_log))
            procs.append(_start(["dunst"], env, logs / "dunst.log"))
        desk = Desktop(f":{number}", address, notify_log, env, procs)
        trayer_cmd = ["trayer", "--edge", "top", "--align", "right", "--widthtype",
                      "request", "--height", "24", "--SetDockType", "true"]
        trayer = _start(trayer_cmd, env, logs / "trayer.log")
        procs.append(trayer)

        def panel_up() -> bool:
            nonlocal trayer
            if trayer.poll() is not None:  # it could not open the display yet: again
                trayer = _start(trayer_cmd, env, logs / "trayer.log")
                procs.append(trayer)
                return False
            return "panel" in desk.run("xwininfo", "-root", "-tree").stdout

        wait_until(panel_up, interval=0.2, what="trayer's panel")
        yield desk
    finally:
        for proc in reversed(procs):
            stop(proc)
        if bus_pid:
            subprocess.run(["kill", bus_pid], check=False)
