"""One press, one action: a key held down repeats (X: after 660 ms, 25 a second), and
a repeat must not act again. Found by holding "+" on the break window under Xvfb for a
second and a half: a 9-minute break became 55 minutes. The same held key paused and
resumed breathing over and over, and answered every check-in question that followed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.clock import FakeClock
from desktop.service import breaks
from desktop.ui.checkin_window import CheckinWindow
from desktop.ui.windows import WindowContext
from tests.ui.test_break_window import ctx, open_break  # noqa: F401  (ctx: a fixture)
from tests.ui.test_breathing_window import get_ready, make
from tests.ui.test_support_ui import FRIDAY_3PM, Windows, store, windows  # noqa: F401


def hold(widget: QWidget, key: Qt.Key, text: str = "", repeats: int = 20) -> None:
    """A key held down: one press, then ``repeats`` auto-repeated presses, one release."""
    for i in range(repeats + 1):
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key,
                                                 Qt.KeyboardModifier.NoModifier, text, i > 0))
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, key,
                                             Qt.KeyboardModifier.NoModifier, text))


def test_a_held_plus_adds_two_minutes_once(ctx: WindowContext, qtbot: QtBot) -> None:  # noqa: F811
    _registry, window = open_break(ctx, qtbot, minutes=5)
    hold(window, Qt.Key.Key_Plus, "+")
    assert window.countdown.text() == "7:00"
    run = breaks.current(ctx.service)
    assert run is not None and run.seconds == 7 * 60
    hold(window, Qt.Key.Key_Plus, "+", repeats=0)  # a second press is a second action
    assert window.countdown.text() == "9:00"


def test_a_held_space_pauses_breathing_once(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = make(qtbot, clock, key="box")
    hold(window, Qt.Key.Key_S, "s", repeats=0)  # skip the first rating
    get_ready(window, clock)
    hold(window, Qt.Key.Key_Space, " ", repeats=21)
    assert window.phase_word.text() == "Paused"


def test_a_held_digit_answers_one_check_in_question(windows: Windows,  # noqa: F811
                                                    qtbot: QtBot) -> None:
    windows.clock.set(FRIDAY_3PM)
    window = windows.registry.open("checkin", {})
    assert isinstance(window, CheckinWindow)
    qtbot.waitUntil(lambda: window.items[0].isAncestorOf(QApplication.focusWidget()))
    hold(window.focusWidget() or window, Qt.Key.Key_3, "3")
    assert window.answers() == (2, None, None, None, None, None)
