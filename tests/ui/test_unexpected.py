"""An error nobody expected in the running app (a slot, a timer, a worker thread): the
traceback goes to the log, the person is told once in a sentence, nothing reaches stderr."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desktop.ui.unexpected import UnexpectedErrors, summary

pytestmark = pytest.mark.qt_no_exception_capture  # our hook, not pytest-qt's


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def logged(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "breakwater.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    yield path
    root.removeHandler(handler)
    handler.close()


def fail_in_a_slot(qtbot: QtBot, error: Exception) -> None:
    fired: list[bool] = []

    def slot() -> None:
        fired.append(True)
        raise error

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: bool(fired))


def test_an_error_in_a_slot_is_logged_and_told_once_in_a_while(
        qtbot: QtBot, logged: Path, capfd: pytest.CaptureFixture[str]) -> None:
    told: list[tuple[str, str]] = []
    clock = Clock()
    errors = UnexpectedErrors(lambda title, text: told.append((title, text)), logged,
                              quiet_seconds=600, clock=clock)
    errors.install()
    try:
        fail_in_a_slot(qtbot, ModuleNotFoundError("No module named 'PySide6.QtOpenGL'"))
        qtbot.waitUntil(lambda: len(told) == 1)
        fail_in_a_slot(qtbot, ValueError("again"))  # within the quiet time: logged only
        clock.now += 601
        fail_in_a_slot(qtbot, ValueError("later"))
        qtbot.waitUntil(lambda: len(told) == 2)
    finally:
        errors.uninstall()
    assert errors.count == 3
    title, text = told[0]
    assert title == "Breakwater"
    assert "ModuleNotFoundError: No module named 'PySide6.QtOpenGL'" in text
    assert str(logged) in text and "\n" not in text
    assert "ValueError: later" in told[1][1]
    log = logged.read_text()
    assert log.count("Traceback (most recent call last)") == 3 and "in slot" in log
    assert "Traceback" not in capfd.readouterr().err


def test_an_error_in_a_worker_thread_is_told_on_the_gui_thread(
        qtbot: QtBot, logged: Path) -> None:
    told: list[str] = []
    on_thread: list[bool] = []

    def tell(_title: str, text: str) -> None:
        on_thread.append(threading.current_thread() is threading.main_thread())
        told.append(text)

    errors = UnexpectedErrors(tell, logged)
    errors.install()
    try:
        worker = threading.Thread(target=lambda: 1 / 0)
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: bool(told))
    finally:
        errors.uninstall()
    assert on_thread == [True]
    assert "ZeroDivisionError: division by zero" in told[0]
    assert "ZeroDivisionError" in logged.read_text()


def test_without_a_log_the_sentence_points_nowhere(qtbot: QtBot) -> None:
    told: list[str] = []
    errors = UnexpectedErrors(lambda _title, text: told.append(text), None)
    errors.install()
    try:
        fail_in_a_slot(qtbot, RuntimeError("x" * 500))
        qtbot.waitUntil(lambda: bool(told))
    finally:
        errors.uninstall()
    assert "details" not in told[0] and len(told[0]) < 400


def test_summary_is_one_short_line() -> None:
    assert summary(ValueError("a\nb")) == "ValueError: a b"
    assert len(summary(ValueError("y" * 1000))) == 160
