"""Fixtures for end-to-end tests: a virtual desktop and a window holding keyboard focus
like the agent's softphone."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.app_helpers import running_app, typed_into_softphone, welcome_seen
from tests.e2e.pulse_server import PulseServer, missing_pulse_tools, private_pulse
from tests.e2e.virtual_desktop import (
    Desktop,
    missing_tools,
    require_tools,
    stop,
    virtual_desktop,
    wait_until,
)

HERE = Path(__file__).parent

__all__ = ["Desktop", "wait_until"]


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[Desktop]:
    require_tools(missing_tools(), "end-to-end tools")
    with virtual_desktop(tmp_path / "logs") as desk:
        yield desk


@pytest.fixture
def pulse(desktop: Desktop, tmp_path: Path) -> Iterator[PulseServer]:
    """A private sound server ("mic" and "speakers") for the desktop's programs; start
    it before ``tray_app``."""
    require_tools(missing_pulse_tools(), "PulseAudio tools")
    with private_pulse(tmp_path / "pulse") as server:
        desktop.env["PULSE_SERVER"] = server.address
        yield server


@pytest.fixture
def softphone(desktop: Desktop) -> Iterator[str]:
    """A window that holds keyboard focus, as the call software would. What is typed into
    it lands in ``typed_into_softphone(desktop)``."""
    proc = subprocess.Popen([sys.executable, str(HERE / "focus_holder.py"),
                             str(typed_into_softphone(desktop))], env=desktop.env,
                            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        assert proc.stdout is not None
        window = proc.stdout.readline().decode().strip()
        wait_until(lambda: desktop.focused_window() == window, what="focus on the softphone")
        yield window
    finally:
        stop(proc)
        if proc.stdout is not None:
            proc.stdout.close()


@pytest.fixture
def tray_app(desktop: Desktop, breakwater_home: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The tray app as on any day after the first (the welcome was already shown)."""
    welcome_seen(breakwater_home)
    with running_app(desktop, breakwater_home) as proc:
        yield proc
