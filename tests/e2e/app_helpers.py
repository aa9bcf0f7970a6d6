"""Talking to the real app in end-to-end tests: its command line and its socket."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from desktop import ipc
from tests.e2e.virtual_desktop import Desktop


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


def describe(home: Path) -> dict[str, object]:
    reply = ipc.request(home / "breakwater.sock", {"cmd": "describe"})
    assert reply is not None and reply["ok"]
    ui = reply["ui"]
    assert isinstance(ui, dict)
    return ui
