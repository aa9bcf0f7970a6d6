"""The logind path for sleep and wake, against a stand-in logind (python3-dbusmock's logind
template) on a private bus used as the system bus: the delay inhibitor lock is taken,
released when PrepareForSleep(true) arrives and taken again on waking; time asleep becomes
a natural break in the file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.clock import FakeClock
from desktop.core.nudge import NudgePolicy
from desktop.platform.hotkeys import FakeHotkeys
from desktop.platform.idle import FakeIdle
from desktop.platform.notify import FakeNotifier
from desktop.platform.sleep import LogindSleepMonitor
from desktop.service import Breakwater
from desktop.store.db import open_database
from desktop.store.repository import Store
from desktop.ui.controller import TrayController

SYSTEM_PYTHON = "/usr/bin/python3"
T0 = 1_790_035_200.0 + 10 * 3600


def _missing() -> list[str]:
    missing = [tool for tool in ("dbus-daemon", "gdbus") if shutil.which(tool) is None]
    found = subprocess.run([SYSTEM_PYTHON, "-c", "import dbusmock"], capture_output=True,
                           check=False) if os.path.exists(SYSTEM_PYTHON) else None
    if found is None or found.returncode != 0:
        missing.append("python3-dbusmock")
    return missing


def gdbus(address: str, method: str, *args: str) -> str:
    return subprocess.run(
        ["gdbus", "call", "--address", address, "-d", "org.freedesktop.login1", "-o",
         "/org/freedesktop/login1", "-m", method, *args],
        capture_output=True, text=True, timeout=10, check=True).stdout


def inhibitors(address: str) -> str:
    return gdbus(address, "org.freedesktop.login1.Manager.ListInhibitors")


def prepare_for_sleep(address: str, going: bool) -> None:
    gdbus(address, "org.freedesktop.DBus.Mock.EmitSignal", "org.freedesktop.login1.Manager",
          "PrepareForSleep", "b", f"[<{'true' if going else 'false'}>]")


@pytest.fixture(scope="module")
def logind(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    missing = _missing()
    if missing and os.environ.get("BREAKWATER_E2E_REQUIRED"):
        pytest.fail(f"tools missing: {', '.join(missing)}")
    if missing:
        pytest.skip(f"tools missing: {', '.join(missing)} (run scripts/setup-system)")
    bus = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1",
                          "--print-pid=1"], capture_output=True, text=True, timeout=10,
                         check=True)
    address, pid = bus.stdout.split()[:2]
    log = tmp_path_factory.mktemp("logind") / "dbusmock.log"
    env = {**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": address}
    with open(log, "wb") as out:
        mock = subprocess.Popen([SYSTEM_PYTHON, "-m", "dbusmock", "--system", "--template",
                                 "logind"], env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 15
        while True:  # a real process starting: poll until it answers
            probe = subprocess.run(["gdbus", "call", "--address", address, "-d",
                                    "org.freedesktop.login1", "-o", "/org/freedesktop/login1",
                                    "-m", "org.freedesktop.login1.Manager.CanSuspend"],
                                   capture_output=True, timeout=10, check=False)
            if probe.returncode == 0:
                break
            assert time.monotonic() < deadline, Path(log).read_text()
            time.sleep(0.1)
        # Qt reads the system bus address when it first connects to the system bus.
        os.environ["DBUS_SYSTEM_BUS_ADDRESS"] = address
        yield address
    finally:
        mock.terminate()
        mock.wait(timeout=10)
        subprocess.run(["kill", pid], check=False)
        os.environ.pop("DBUS_SYSTEM_BUS_ADDRESS", None)


def test_the_monitor_holds_a_delay_lock_and_hears_sleep_and_wake(
        logind: str, qtbot: QtBot) -> None:
    heard: list[str] = []
    monitor = LogindSleepMonitor()
    assert monitor.start(lambda: heard.append("sleep"), lambda: heard.append("wake"))
    assert monitor.available and monitor.holds_lock()
    assert "'Breakwater'" in inhibitors(logind) and "'delay'" in inhibitors(logind)
    prepare_for_sleep(logind, True)
    qtbot.waitUntil(lambda: heard == ["sleep"])
    # Noted: the lock is let go so the machine may sleep now.
    assert not monitor.holds_lock()
    qtbot.waitUntil(lambda: "Breakwater" not in inhibitors(logind))
    prepare_for_sleep(logind, False)
    qtbot.waitUntil(lambda: heard == ["sleep", "wake"])
    assert monitor.holds_lock() and "Breakwater" in inhibitors(logind)
    monitor.close()
    qtbot.waitUntil(lambda: "Breakwater" not in inhibitors(logind))


def test_time_asleep_reported_by_logind_is_a_natural_break(
        logind: str, qtbot: QtBot, tmp_path: Path) -> None:
    opened = open_database(tmp_path / "b.sqlite3")
    store = Store(opened.conn, opened.path)
    clock = FakeClock(T0)
    service = Breakwater.open(store, clock)
    controller = TrayController(service, NudgePolicy(service.settings), FakeNotifier(),
                                FakeHotkeys(), FakeIdle(), tray_available=False,
                                sleep=LogindSleepMonitor())
    try:
        assert controller.sleep.told
        prepare_for_sleep(logind, True)
        qtbot.waitUntil(lambda: service.presence.asleep)
        clock.suspend(45 * 60)
        prepare_for_sleep(logind, False)
        qtbot.waitUntil(lambda: not service.presence.asleep)
        assert store.conn.execute("SELECT kind, started_utc, ended_utc FROM breaks"
                                  ).fetchall() == [("idle", "2026-09-22T10:00:00.000000Z",
                                                    "2026-09-22T10:45:00.000000Z")]
    finally:
        controller.shutdown()
        store.close()


def test_without_a_system_bus_the_monitor_says_so() -> None:
    script = ("from PySide6.QtCore import QCoreApplication;"
              "from desktop.platform.sleep import LogindSleepMonitor;"
              "app = QCoreApplication([]); m = LogindSleepMonitor();"
              "print(m.start(lambda: None, lambda: None), m.available)")
    env = {**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": "unix:path=/nonexistent/bus",
           "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.split() == ["False", "False"]
