"""Every string the user reads exists in Spanish and Simplified Chinese."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop import i18n

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import i18n as catalogue_tool  # type: ignore[import-not-found]


def test_catalogues_are_complete_and_compiled() -> None:
    assert catalogue_tool.problems() == []


def test_language_names_are_normalised() -> None:
    assert i18n.normalise("es_ES.UTF-8") == "es"
    assert i18n.normalise("zh_CN.UTF-8") == "zh_CN"
    assert i18n.normalise("zh-Hans") == "zh_CN"
    assert i18n.normalise("fr_FR") == "en"


def test_setup_switches_the_catalogue() -> None:
    try:
        assert i18n.setup("es") == "es"
        assert i18n._("Undo") == "Deshacer"
        assert i18n.setup("zh_CN") == "zh_CN"
        assert i18n._("Undo") == "撤销"
    finally:
        i18n.setup("en")
    assert i18n._("Undo") == "Undo"


def test_the_language_from_the_environment_loads_without_the_locale_module() -> None:
    # locale's alias tables (~0.5 MB) would stay in the tray app for nothing.
    probe = ("import sys; from desktop import i18n; chosen = i18n.setup(''); "
             "print(chosen, i18n._('Undo'), 'locale' in sys.modules)")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "LANGUAGE": "", "LC_ALL": "",
           "LC_MESSAGES": "", "LANG": "es_ES.UTF-8"}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["es", "Deshacer", "False"]
