"""One press, one action: the X rule for auto-repeat applied to what Qt lets through."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from desktop.ui.one_press import OnePress


def key(kind: QEvent.Type, stamp: int, repeat: bool = False) -> QKeyEvent:
    event = QKeyEvent(kind, Qt.Key.Key_Plus, Qt.KeyboardModifier.NoModifier, "+", repeat)
    event.setTimestamp(stamp)
    return event


def test_a_release_and_press_with_one_timestamp_is_a_repeat(qapp: object) -> None:
    keys = OnePress()
    assert not keys.is_repeat(key(QEvent.Type.KeyPress, 1000))
    # What Qt passes on as a real release and press when the app read them apart.
    keys.released(key(QEvent.Type.KeyRelease, 1700))
    assert keys.is_repeat(key(QEvent.Type.KeyPress, 1700))
    keys.released(key(QEvent.Type.KeyRelease, 2500))  # let go for real
    assert not keys.is_repeat(key(QEvent.Type.KeyPress, 3100))  # and pressed again
    assert keys.is_repeat(key(QEvent.Type.KeyPress, 3140, repeat=True))  # Qt saw it


def test_events_without_a_time_are_never_taken_for_repeats(qapp: object) -> None:
    keys = OnePress()
    keys.released(key(QEvent.Type.KeyRelease, 0))
    assert not keys.is_repeat(key(QEvent.Type.KeyPress, 0))
