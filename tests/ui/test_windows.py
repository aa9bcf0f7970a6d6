"""The window registry: one way to open every window, lazily, once at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.clock import FakeClock
from desktop.service import Breakwater
from desktop.store.db import open_database
from desktop.store.repository import Store
from desktop.ui.windows import WINDOWS, WindowContext, WindowRegistry, WindowSpec
from tests.ui import window_module_for_tests as module

SPECS = {
    "test": WindowSpec("tests.ui.window_module_for_tests", "&Test…", recovery=True),
    "missing": WindowSpec("tests.ui.no_such_window_module", "&Missing…"),
    "hidden": WindowSpec("tests.ui.window_module_for_tests"),
}


@pytest.fixture
def registry(tmp_path: Path) -> WindowRegistry:
    opened = open_database(tmp_path / "b.sqlite3")
    service = Breakwater.open(Store(opened.conn, opened.path), FakeClock())
    told: list[tuple[str, str]] = []
    ctx = WindowContext(service, alone=False, tell=lambda title, text: told.append((title, text)))
    return WindowRegistry(ctx, SPECS)


def test_the_menu_lists_windows_that_exist_and_belong_there(registry: WindowRegistry) -> None:
    assert registry.menu_entries() == [("test", "&Test…")]


def test_opening_twice_brings_the_same_window_forward(
        registry: WindowRegistry, qtbot: QtBot) -> None:
    module.built.clear()
    first = registry.open("test", {"x": 1})
    qtbot.addWidget(first)
    assert first.isVisible() and registry.in_recovery()
    assert registry.open("test", {"x": 2}) is first
    assert module.built == [{"x": 1}]
    first.close()
    assert registry.get("test") is None and not registry.in_recovery()
    second = registry.open("test")
    qtbot.addWidget(second)
    assert second is not first and len(module.built) == 2


def test_bad_names_and_parameters_are_refused_before_anything_shows(
        registry: WindowRegistry) -> None:
    with pytest.raises(ValueError, match="missing"):
        registry.open("missing")
    with pytest.raises(ValueError, match="nowhere"):
        registry.open("nowhere")
    with pytest.raises(ValueError, match="bad parameter"):
        registry.open("test", {"bad": True})
    assert registry.get("test") is None


def test_a_failed_save_is_told_and_counted(registry: WindowRegistry) -> None:
    registry.ctx.report_error("disk full")
    assert registry.ctx.errors == ["disk full"]


def test_every_registered_window_module_is_named_for_the_ui_layer() -> None:
    assert all(spec.module.startswith("desktop.ui.") for spec in WINDOWS.values())
    assert WINDOWS["breathe"].available()
