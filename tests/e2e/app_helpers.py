"""Talking to the real app in end-to-end tests: its command line and its socket."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

from desktop import ipc
from tests.e2e.virtual_desktop import Desktop, stop, wait_until


def cli(desk: Desktop, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**desk.env, "BREAKWATER_HOME": str(home), "LANGUAGE": "en"}
    return subprocess.run([sys.executable, "-m", "desktop", *args], env=env,
                          capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)


def screenshot(desk: Desktop, path: Path) -> QImage:
    """The whole (virtual) screen as the person would see it; also kept in
    artifacts/screenshots for a person to look at."""
    done = desk.run("import", "-window", "root", str(path))
    assert done.returncode == 0, done.stderr
    keep = Path("artifacts/screenshots")
    keep.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, keep / f"xvfb-{path.name}")
    image = QImage(str(path))
    assert not image.isNull()
    return image


def stored(home: Path, sql: str, *, missing_ok: bool = False) -> list[tuple[Any, ...]]:
    """The rows ``sql`` selects from the app's file, read as any SQLite tool would;
    with ``missing_ok``, [] while the file or the table does not exist yet (the file is
    never created here: the app must find it as it left it)."""
    path = home / "breakwater.sqlite3"
    if missing_ok and not path.exists():
        return []
    db = sqlite3.connect(path, timeout=5)
    try:
        return db.execute(sql).fetchall()
    except sqlite3.OperationalError:
        if missing_ok:
            return []
        raise
    finally:
        db.close()


def describe(home: Path) -> dict[str, object]:
    reply = ipc.request(home / "breakwater.sock", {"cmd": "describe"})
    assert reply is not None and reply["ok"]
    ui = reply["ui"]
    assert isinstance(ui, dict)
    return ui


def typed_into_softphone(desk: Desktop) -> Path:
    """The file the ``softphone`` fixture's window appends every character typed into it."""
    return desk.notify_log.parent / "softphone-typed.txt"


def welcome_seen(home: Path) -> None:
    """As after a first run: the welcome was shown, so it does not take focus again."""
    from desktop.service.welcome import WELCOME_KEY
    from desktop.store.db import open_database
    from desktop.store.repository import Store

    home.mkdir(parents=True, exist_ok=True)
    opened = open_database(home / "breakwater.sqlite3")
    store = Store(opened.conn, opened.path)
    store.put_state(WELCOME_KEY, '"2026-01-01T00:00:00.000000Z"')
    store.close()


def window_named(desk: Desktop, title: str) -> str:
    found = desk.run("xdotool", "search", "--name", title).stdout.split()
    return found[0] if found else ""


def focused_window(desk: Desktop, title: str, what: str) -> str:
    """Wait for the window called ``title``, then for it to have the keyboard; its id."""
    wait_until(lambda: window_named(desk, title), what=what)
    window = window_named(desk, title)
    wait_until(lambda: desk.focused_window() == window, what=f"focus on {what}")
    return window


@contextmanager
def window_alone(desk: Desktop, home: Path, *args: str) -> Iterator[subprocess.Popen[bytes]]:
    """``breakwater ARGS`` opening its window on its own (no tray app), its output piped;
    killed if it still runs at the end, its pipes closed."""
    env = {**desk.env, "BREAKWATER_HOME": str(home), "LANGUAGE": "en"}
    proc = subprocess.Popen([sys.executable, "-m", "desktop", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def click(desk: Desktop, at: list[int]) -> None:
    desk.run("xdotool", "mousemove", "--sync", str(at[0]), str(at[1]), "click", "1")


def wait_for(home: Path, check: object, what: str, timeout: float = 20) -> dict[str, object]:
    """Poll the app's ``describe`` until ``check(ui)`` holds; returns that ui."""
    seen: list[dict[str, object]] = []

    def ok() -> bool:
        ui = describe(home)
        seen[:] = [ui]
        return bool(check(ui))  # type: ignore[operator]

    wait_until(ok, timeout=timeout, what=what)
    return seen[0]


@contextmanager
def running_app(desk: Desktop, home: Path,
                unset: tuple[str, ...] = ()) -> Iterator[subprocess.Popen[bytes]]:
    """The real tray app on ``home``, up (answering, its icon in the tray) until the end;
    the variables named in ``unset`` are not in its environment."""
    # No sound server unless the test started one: the machine's own (and a recording
    # running on it) must not make the app think a call is live.
    env = {"PULSE_SERVER": f"unix:{home.parent}/no-sound-server", **desk.env,
           "BREAKWATER_HOME": str(home), "LANGUAGE": "en"}
    env = {key: value for key, value in env.items() if key not in unset}
    log = open(home.parent / f"{home.name}-app.log", "ab")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "desktop"], env=env, stdout=log,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        sock = home / "breakwater.sock"
        wait_until(lambda: ipc.is_running(sock) or proc.poll() is not None,
                   what="the tray app's socket")
        assert proc.poll() is None, Path(log.name).read_text()
        wait_until(lambda: desk.tray_icons() == 1, what="the icon in the tray")
        yield proc
    finally:
        stop(proc, group=False, timeout=10)
        log.close()
