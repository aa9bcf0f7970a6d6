"""`breakwater journal` on its own while another one is open, and the tray app started
after it: real processes (Qt offscreen). The second is refused with one sentence, and
ends the first cleanly when asked to (SIGTERM keeps the draft)."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.e2e.virtual_desktop import stop, wait_until
from tests.integration.app_process import app_env, offscreen_app
from tests.integration.cli_helpers import breakwater


def held(lock: Path) -> bool:
    if not lock.exists():
        return False
    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def test_a_second_journal_window_is_refused_alone_and_in_the_app(
        breakwater_home: Path) -> None:
    breakwater_home.mkdir(parents=True, exist_ok=True)
    log = breakwater_home.parent / "alone.log"
    with open(log, "wb") as handle:
        first = subprocess.Popen([sys.executable, "-m", "desktop", "journal"],
                                 env=app_env(breakwater_home), stdout=handle,
                                 stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    lock = breakwater_home / "journal-draft.lock"
    try:
        wait_until(lambda: held(lock) or first.poll() is not None, what="the first window")
        assert first.poll() is None, log.read_text()
        second = breakwater(breakwater_home, "journal", QT_QPA_PLATFORM="offscreen")
        assert second.returncode == 1  # a failure to open, not a wrong request (2)
        assert "already open in another Breakwater window" in second.stderr
        assert len(second.stderr.strip().splitlines()) == 1
        with offscreen_app(breakwater_home):
            in_app = breakwater(breakwater_home, "journal")
            assert in_app.returncode == 1
            assert "already open in another Breakwater window" in in_app.stderr
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=30) == 0
        assert not held(lock)
    finally:
        stop(first, group=False)
