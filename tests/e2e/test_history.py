"""History on a real X display: `breakwater history` opens the window on its own, and
every chart is saved in English, Spanish and Chinese for people to look at."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.e2e.app_helpers import cli, window_alone, window_named
from tests.e2e.virtual_desktop import Desktop, wait_until
from tests.history_data import build

pytestmark = pytest.mark.e2e

HERE = Path(__file__).parent
SHOTS = Path(os.environ.get("BREAKWATER_ARTIFACTS", "artifacts")) / "screenshots"


def history_home(home: Path) -> Path:
    built = build(home / "breakwater.sqlite3", last=date.today())
    built.store.close()
    return home


def screen(desktop: Desktop) -> bytes:
    return subprocess.run(["import", "-window", "root", "png:-"], env=desktop.env,
                          capture_output=True, timeout=30, stdin=subprocess.DEVNULL,
                          check=True).stdout


def test_breakwater_history_opens_on_its_own_and_draws(desktop: Desktop,
                                                       breakwater_home: Path) -> None:
    history_home(breakwater_home)
    with window_alone(desktop, breakwater_home, "history", "--range", "month") as proc:
        wait_until(lambda: window_named(desktop, "History — Breakwater"),
                   what="the History window")
        # Drawn once the screen stops changing: the charts follow the first paint.
        last: list[str] = [""]

        def settled() -> bool:
            digest = hashlib.sha256(screen(desktop)).hexdigest()
            same = digest == last[0]
            last[0] = digest
            return same

        wait_until(settled, interval=0.5, what="the charts to be drawn")
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / "xvfb-history-en.png"
        path.write_bytes(screen(desktop))
        image = QImage(str(path))
        assert not image.isNull() and image.width() == 1280
        assert proc.poll() is None
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0


@pytest.mark.parametrize("lang", ["en", "es", "zh_CN"])
def test_every_chart_in_every_language(desktop: Desktop, breakwater_home: Path,
                                       lang: str) -> None:
    history_home(breakwater_home)
    env = {**desktop.env, "BREAKWATER_HOME": str(breakwater_home)}
    result = subprocess.run([sys.executable, str(HERE / "history_shots.py"), lang,
                             str(breakwater_home), str(SHOTS)], env=env, capture_output=True,
                            text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split()
    assert lines[-1] == "done"
    saved = [Path(line) for line in lines[:-1]]
    assert len(saved) == 14  # five tabs and nine charts
    for path in saved:
        image = QImage(str(path))
        assert not image.isNull() and image.width() > 300, path


def test_breakwater_history_opens_in_the_running_app(desktop: Desktop, breakwater_home: Path,
                                                    tray_app: subprocess.Popen[bytes]) -> None:
    result = cli(desktop, breakwater_home, "history", "--range", "week")
    assert result.returncode == 0, result.stderr
    assert "The window is open in the running Breakwater app." in result.stdout
    wait_until(lambda: window_named(desktop, "History — Breakwater"),
               what="the History window in the tray app")
    assert tray_app.poll() is None
    bad = cli(desktop, breakwater_home, "history", "--from", "2026-11-09", "--to", "2026-11-01")
    assert bad.returncode == 2 and "--to is before --from" in bad.stderr
