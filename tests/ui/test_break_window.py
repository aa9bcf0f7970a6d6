"""The break window with pytest-qt and a fake clock: the countdown, its keys, hiding and
coming back, on its own, every control named; screenshots in each language."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.clock import FakeClock
from desktop.i18n import setup
from desktop.service import Breakwater, breaks
from desktop.store.db import open_database
from desktop.store.repository import Store
from desktop.ui.break_window import BreakWindow, clock_text
from desktop.ui.windows import WindowContext, WindowRegistry

T0 = 1_790_035_200.0 + 10 * 3600
SHOTS = Path(os.environ.get("BREAKWATER_ARTIFACTS", "artifacts")) / "screenshots"


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[WindowContext]:
    opened = open_database(tmp_path / "b.sqlite3")
    service = Breakwater.open(Store(opened.conn, opened.path), FakeClock(T0))
    told: list[tuple[str, str]] = []
    yield WindowContext(service, alone=False, tell=lambda title, text: told.append(
        (title, text)))
    service.store.close()


def open_break(ctx: WindowContext, qtbot: QtBot, **params: object) -> tuple[
        WindowRegistry, BreakWindow]:
    registry = WindowRegistry(ctx)
    window = registry.open("break", params)
    assert isinstance(window, BreakWindow)
    qtbot.addWidget(window)
    window.timer.stop()  # the test drives frames with the fake clock
    return registry, window


def clock(ctx: WindowContext) -> FakeClock:
    assert isinstance(ctx.service.clock, FakeClock)
    return ctx.service.clock


def rows(ctx: WindowContext) -> list[tuple[str, str, int | None]]:
    return ctx.service.store.conn.execute(
        "SELECT outcome, ended_utc, planned_seconds FROM breaks").fetchall()


def test_clock_text_counts_whole_seconds_up() -> None:
    assert [clock_text(s) for s in (300, 299.2, 60, 59.01, 0.4, 0, -3)] == [
        "5:00", "5:00", "1:00", "1:00", "0:01", "0:00", "0:00"]


def test_the_countdown_follows_the_clock(ctx: WindowContext, qtbot: QtBot) -> None:
    _registry, window = open_break(ctx, qtbot)
    assert window.countdown.text() == "5:00"
    assert window.length.text() == "of a 5-minute break"
    assert window.idea.text()  # one idea of what to do away from the screen
    for seconds, shown in ((0.3, "5:00"), (1.0, "4:59"), (60.0, "3:59"), (238.6, "0:01")):
        clock(ctx).advance(seconds)
        window.frame()
        assert window.countdown.text() == shown


def test_enter_is_im_back(ctx: WindowContext, qtbot: QtBot) -> None:
    registry, window = open_break(ctx, qtbot, minutes=10, nudge_id=None)
    clock(ctx).advance(95)
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert rows(ctx) == [("shortened", "2026-09-22T10:01:35.000000Z", 600)]
    assert not window.isVisible() and registry.get("break") is None
    assert breaks.current(ctx.service) is None


def test_plus_two_minutes(ctx: WindowContext, qtbot: QtBot) -> None:
    _registry, window = open_break(ctx, qtbot, minutes=2)
    qtbot.mouseClick(window.extend_button, Qt.MouseButton.LeftButton)
    assert window.countdown.text() == "4:00"
    assert window.length.text() == "of a 4-minute break"
    qtbot.keyClick(window, Qt.Key.Key_Plus)
    assert window.countdown.text() == "6:00"


def test_esc_hides_while_the_break_goes_on_and_it_comes_back(
        ctx: WindowContext, qtbot: QtBot) -> None:
    registry, window = open_break(ctx, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()
    assert registry.get("break") is window and registry.in_recovery()
    assert breaks.current(ctx.service) is not None
    clock(ctx).advance(100)
    assert registry.open("break") is window and window.isVisible()  # the menu again
    window.frame()
    assert window.countdown.text() == "3:20"
    window.close()  # the window manager's close button: hidden too, the break goes on
    assert breaks.current(ctx.service) is not None and registry.get("break") is window


def test_when_time_is_up_the_window_goes(ctx: WindowContext, qtbot: QtBot) -> None:
    registry, window = open_break(ctx, qtbot, minutes=2)
    clock(ctx).advance(120.2)
    window.frame()
    assert rows(ctx) == [("taken", "2026-09-22T10:02:00.000000Z", 120)]
    assert registry.get("break") is None and not window.isVisible()


def test_a_break_ended_elsewhere_closes_the_window(ctx: WindowContext, qtbot: QtBot) -> None:
    registry, window = open_break(ctx, qtbot)
    ctx.service.tag(__import__("desktop.core.model", fromlist=["Kind"]).Kind.DIFFICULT)
    window.frame()
    assert registry.get("break") is None and rows(ctx)[0][0] == "shortened"


def test_on_its_own_the_window_says_the_break_is_over(tmp_path: Path, qtbot: QtBot) -> None:
    opened = open_database(tmp_path / "b.sqlite3")
    service = Breakwater.open(Store(opened.conn, opened.path), FakeClock(T0))
    alone = WindowContext(service, alone=True, tell=lambda *_args: pytest.fail("no tell"))
    _registry, window = open_break(alone, qtbot, minutes=2)
    assert isinstance(service.clock, FakeClock)
    service.clock.advance(121)
    window.frame()
    assert window.over and window.isVisible()
    assert window.title.text() == "Break over"
    assert window.back_button.text() == "Close (Enter)" and window.extend_button.isHidden()
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert not window.isVisible()
    assert [r[0] for r in rows(alone)] == ["taken"]
    service.store.close()


def test_on_its_own_closing_the_window_ends_the_break(tmp_path: Path, qtbot: QtBot) -> None:
    opened = open_database(tmp_path / "b.sqlite3")
    service = Breakwater.open(Store(opened.conn, opened.path), FakeClock(T0))
    alone = WindowContext(service, alone=True, tell=lambda *_args: None)
    _registry, window = open_break(alone, qtbot)
    assert isinstance(service.clock, FakeClock)
    service.clock.advance(30)
    window.close()
    assert [r[0] for r in rows(alone)] == ["shortened"]
    assert breaks.current(service) is None
    service.store.close()


def test_bad_lengths_are_refused(ctx: WindowContext) -> None:
    registry = WindowRegistry(ctx)
    for bad in (7, "5", True):
        with pytest.raises(ValueError, match="2, 5, 10 or 15"):
            registry.open("break", {"minutes": bad})
    assert breaks.current(ctx.service) is None


def test_an_ordinary_window_that_grabs_nothing(ctx: WindowContext, qtbot: QtBot) -> None:
    _registry, window = open_break(ctx, qtbot)
    assert not window.isFullScreen()
    assert not window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert QWidget.keyboardGrabber() is None and QWidget.mouseGrabber() is None
    assert window.width() < 800 and window.height() < 600


def test_every_control_is_named_and_reachable(ctx: WindowContext, qtbot: QtBot) -> None:
    _registry, window = open_break(ctx, qtbot)
    buttons = window.findChildren(QPushButton)
    assert buttons and all(b.accessibleName() and b.focusPolicy() & Qt.FocusPolicy.TabFocus
                           for b in buttons)
    assert window.back_button.nextInFocusChain() is window.extend_button
    assert window.countdown.accessibleName() and window.idea.accessibleName()


@pytest.mark.parametrize("language", ["en", "es", "zh_CN"])
def test_screenshots_in_each_language(ctx: WindowContext, qtbot: QtBot, language: str) -> None:
    setup(language)
    try:
        _registry, window = open_break(ctx, qtbot, minutes=5)
        clock(ctx).advance(83)
        window.frame()
        QApplication.processEvents()
        texts = (window.title.text(), window.back_button.text(), window.idea.text())
        if language != "en":
            setup("en")
            window.retranslate()
            assert (window.title.text(), window.back_button.text(),
                    window.idea.text()) != texts  # translated, and retranslated live
            setup(language)
            window.retranslate()
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(SHOTS / f"break-window-{language}.png"))
    finally:
        setup("en")


def test_an_end_that_cannot_be_saved_is_told_once_and_saved_later(
        tmp_path: Path, qtbot: QtBot) -> None:
    """The file locked by another program as the break's time runs out: one message,
    not one per frame (each try waits for the lock), and the end is saved once it can be."""
    path = tmp_path / "b.sqlite3"
    opened = open_database(path, busy_timeout=0.01)
    service = Breakwater.open(Store(opened.conn, opened.path), FakeClock(T0))
    told: list[tuple[str, str]] = []
    ctx = WindowContext(service, alone=False, tell=lambda title, text: told.append(
        (title, text)))
    registry, window = open_break(ctx, qtbot, minutes=2)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    clock(ctx).advance(120)
    for _ in range(40):  # ten seconds of frames
        window.frame()
        clock(ctx).advance(0.25)
    assert len(told) == 1 and "locked" in told[0][1]
    assert breaks.current(service) is not None and window.isVisible()
    other.execute("ROLLBACK")
    for _ in range(41):
        window.frame()
        clock(ctx).advance(0.25)
    assert rows(ctx) == [("taken", "2026-09-22T10:02:00.000000Z", 120)]
    assert len(told) == 1 and registry.get("break") is None
    other.close()
    service.store.close()
