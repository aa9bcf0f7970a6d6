"""Every string the user reads exists in Spanish and Simplified Chinese."""

from __future__ import annotations

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
