"""PySide6 costs the idle tray app avoids: the per-import source scan (module sources
stay out of memory) and the Qt namespace (the icon and the timers never build it).

The probes run in a fresh interpreter: both are process-wide, and this test process has
imported most modules and built the namespace already.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from desktop.ui import lean_qt

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import linecache, sys
from PySide6.QtWidgets import QApplication
from desktop.ui.lean_qt import skip_source_scan
skipped = skip_source_scan() if sys.argv[1] == "skip" else None
import later_module
cached = any(name.endswith("later_module.py") for name in linecache.cache)
print(skipped, cached)
"""


def probe_env(python_path: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": python_path, "QT_QPA_PLATFORM": "offscreen"}


def run_probe(tmp_path: Path, mode: str) -> str:
    (tmp_path / "later_module.py").write_text("VALUE = 'imported after PySide6'\n")
    result = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True,
                            text=True, timeout=60, env=probe_env(f"{tmp_path}:{ROOT}"))
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_pyside_keeps_the_source_of_every_later_import_without_the_skip(
        tmp_path: Path) -> None:
    # The cost being avoided: without the skip, the module's lines stay in linecache.
    assert run_probe(tmp_path, "plain") == "None True"


def test_after_the_skip_a_later_import_leaves_no_source_lines(tmp_path: Path) -> None:
    assert run_probe(tmp_path, "skip") == "True False"


def test_a_pyside_without_the_hook_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "shibokensupport.feature", raising=False)
    assert lean_qt.skip_source_scan() is False


QT_NAMESPACE_PROBE = """
import PySide6.QtCore as core
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from desktop.core.load import Level
from desktop.ui.icons import level_icon
from desktop.ui.level_painter import paint_level
from desktop.ui.ticker import Ticker
for level in Level:
    for paused in (False, True):
        level_icon(level, paused).pixmap(22, 22)
        paint_level(48, level, paused)
ticker = Ticker(lambda: 60.0)
ticker.fire()
print("Qt" in vars(core))
"""


def test_the_level_icon_and_the_ticker_leave_the_qt_namespace_unbuilt() -> None:
    result = subprocess.run([sys.executable, "-c", QT_NAMESPACE_PROBE], capture_output=True,
                            text=True, timeout=60, env=probe_env(str(ROOT)))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("kind, expected", [
    (lean_qt.PRECISE_TIMER, Qt.TimerType.PreciseTimer),
    (lean_qt.COARSE_TIMER, Qt.TimerType.CoarseTimer),
    (lean_qt.VERY_COARSE_TIMER, Qt.TimerType.VeryCoarseTimer),
])
def test_set_timer_type_sets_the_qt_timer_type(kind: int, expected: Qt.TimerType) -> None:
    timer = QTimer()
    lean_qt.set_timer_type(timer, kind)
    assert timer.timerType() == expected
