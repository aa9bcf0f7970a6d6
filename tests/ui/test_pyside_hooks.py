"""PySide6's per-import source scan is skipped, so module sources stay out of memory.

Each case runs in a fresh interpreter: the hook is process-wide, and this test process has
imported most modules already.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.ui import pyside_hooks

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import linecache, sys
from PySide6.QtWidgets import QApplication
from desktop.ui.pyside_hooks import skip_source_scan
skipped = skip_source_scan() if sys.argv[1] == "skip" else None
import later_module
cached = any(name.endswith("later_module.py") for name in linecache.cache)
print(skipped, cached)
"""


def run_probe(tmp_path: Path, mode: str) -> str:
    (tmp_path / "later_module.py").write_text("VALUE = 'imported after PySide6'\n")
    env_path = f"{tmp_path}:{ROOT}"
    result = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True,
                            text=True, timeout=60, env={"PYTHONPATH": env_path,
                                                        "QT_QPA_PLATFORM": "offscreen"})
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
    assert pyside_hooks.skip_source_scan() is False
