"""Fixtures for the widget tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.clock import FakeClock
from desktop.i18n import setup
from desktop.store.db import open_database
from desktop.store.repository import Store
from tests.ui.settings_helpers import T0, App, start_app


@pytest.fixture
def app(tmp_path: Path, qtbot: QtBot) -> Iterator[App]:
    opened = open_database(tmp_path / "b.sqlite3")
    store = Store(opened.conn, opened.path)
    running = start_app(store, FakeClock(T0), qtbot)
    yield running
    running.controller.windows.close_all()
    running.controller.shutdown()
    store.close()
    setup("en")  # the language is process-wide: leave it as the next test expects
