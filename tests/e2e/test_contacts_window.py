"""`breakwater contacts` with no action opens the people to reach on a real X display,
on its own when no tray app runs, and takes the keyboard (the user asked for it)."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.e2e.app_helpers import focused_window, window_alone
from tests.e2e.virtual_desktop import Desktop

pytestmark = pytest.mark.e2e


def test_breakwater_contacts_opens_the_window_on_its_own(desktop: Desktop,
                                                         breakwater_home: Path) -> None:
    with window_alone(desktop, breakwater_home, "contacts") as proc:
        focused_window(desktop, "People to reach — Breakwater", what="the contacts window")
        assert proc.poll() is None
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        assert proc.stderr is not None and proc.stderr.read() == b""
