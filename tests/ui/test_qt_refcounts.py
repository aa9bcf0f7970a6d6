"""The Qt binding must not leak or drop references to None, True or False.

PySide6 6.12.0 on Python 3.11 decremented None on every void call (QLabel.setText,
QWidget.update...), so the tray app aborted after hours of ticks and the pacer within a
5-minute session. pyproject.toml excludes that combination; this keeps it excluded.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot


def test_void_and_bool_calls_keep_singleton_refcounts(qtbot: QtBot) -> None:
    label, button, timer = QLabel(), QPushButton("x"), QTimer()
    qtbot.addWidget(label)
    qtbot.addWidget(button)
    calls = [lambda: label.setText("a"), label.update, lambda: timer.start(16), timer.stop,
             button.isChecked, label.isVisible]
    none_before = sys.getrefcount(None)
    bools_before = sys.getrefcount(True) + sys.getrefcount(False)
    for call in calls:
        for _ in range(500):
            call()
    assert abs(sys.getrefcount(None) - none_before) < 50
    assert abs(sys.getrefcount(True) + sys.getrefcount(False) - bools_before) < 50
