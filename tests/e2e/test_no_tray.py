"""Without a system tray: the status window, closed as a window manager closes it
(WM_DELETE_WINDOW), asks once and says how to get it back; Alt+Q quits."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from Xlib import X, display
from Xlib.error import XError
from Xlib.protocol import event

from desktop import ipc
from desktop.resources import resource_path
from tests.e2e.app_helpers import cli, describe, welcome_seen
from tests.e2e.virtual_desktop import Desktop, stop, wait_until

pytestmark = pytest.mark.e2e
SCREENSHOTS = Path("artifacts/screenshots")


class X11:
    def __init__(self, name: str) -> None:
        self.d = display.Display(name)

    def app_windows(self) -> set[int]:
        """Mapped top-level windows whose WM_CLASS class is Breakwater's."""
        found = set()
        for child in self.d.screen().root.query_tree().children:
            try:
                wm_class = child.get_wm_class()
                viewable = child.get_attributes().map_state == X.IsViewable
            except XError:  # destroyed since the listing
                continue
            if wm_class and wm_class[1] == "Breakwater" and viewable:
                found.add(child.id)
        return found

    def close(self, window_id: int) -> None:
        """What a window manager sends when the user clicks the title bar's close button."""
        window = self.d.create_resource_object("window", window_id)
        message = event.ClientMessage(
            window=window, client_type=self.d.intern_atom("WM_PROTOCOLS"),
            data=(32, [self.d.intern_atom("WM_DELETE_WINDOW"), X.CurrentTime, 0, 0, 0]))
        window.send_event(message, event_mask=X.NoEventMask)
        self.d.flush()


@pytest.fixture
def no_tray_app(desktop: Desktop, breakwater_home: Path) -> Iterator[subprocess.Popen[bytes]]:
    for proc in desktop.procs:
        if proc.args[0] == "trayer":  # type: ignore[index]
            stop(proc)
    wait_until(lambda: '"panel"' not in desktop.run("xwininfo", "-root", "-tree").stdout,
               what="the tray to go")
    welcome_seen(breakwater_home)  # not a first run: only the status window opens
    env = {**desktop.env, "BREAKWATER_HOME": str(breakwater_home), "LANGUAGE": "en"}
    log = open(breakwater_home.parent / "no-tray-app.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "desktop"], env=env, stdout=log,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        wait_until(lambda: ipc.is_running(breakwater_home / "breakwater.sock")
                   or proc.poll() is not None, what="the app's socket")
        assert proc.poll() is None
        yield proc
    finally:
        stop(proc, group=False, timeout=10)
        log.close()


@pytest.fixture
def x(desktop: Desktop) -> Iterator[X11]:
    connection = X11(desktop.display)
    yield connection
    connection.d.close()


def test_closing_the_window_asks_once_then_hides_and_alt_q_quits(
        desktop: Desktop, no_tray_app: subprocess.Popen[bytes], breakwater_home: Path,
        x: X11) -> None:
    wait_until(lambda: describe(breakwater_home)["window"] is True, what="the status window")
    wait_until(lambda: len(x.app_windows()) == 1, what="the window mapped")
    (window,) = x.app_windows()
    # The class Qt gives the window is the one the desktop entry promises.
    entry = resource_path("breakwater.desktop").read_text(encoding="utf-8")
    assert "StartupWMClass=Breakwater\n" in entry

    x.close(window)
    wait_until(lambda: len(x.app_windows()) == 2, what="the close question")
    (question,) = x.app_windows() - {window}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    desktop.run("import", "-window", "root", str(SCREENSHOTS / "xvfb-no-tray-close.png"))
    assert describe(breakwater_home)["window"] is True  # still open while it asks
    desktop.run("xdotool", "windowfocus", "--sync", str(question))
    desktop.run("xdotool", "key", "Return")  # the default: keep running
    wait_until(lambda: describe(breakwater_home)["window"] is False, what="the window hidden")
    assert no_tray_app.poll() is None and x.app_windows() == set()

    # Starting Breakwater again brings the window back, as the question said.
    again = cli(desktop, breakwater_home)
    assert again.returncode == 0 and "already running" in again.stdout
    # (Qt may give the window a new X id when it is shown again.)
    wait_until(lambda: len(x.app_windows()) == 1, what="the window back")
    assert describe(breakwater_home)["window"] is True
    (window,) = x.app_windows()

    # Told once: this close hides it without asking (an open question would keep it shown).
    x.close(window)
    wait_until(lambda: describe(breakwater_home)["window"] is False, what="hidden again")
    assert x.app_windows() == set()

    assert cli(desktop, breakwater_home).returncode == 0
    wait_until(lambda: len(x.app_windows()) == 1, what="the window back again")
    (window,) = x.app_windows()
    desktop.run("xdotool", "windowfocus", "--sync", str(window))
    desktop.run("xdotool", "key", "alt+q")
    assert no_tray_app.wait(timeout=10) == 0
