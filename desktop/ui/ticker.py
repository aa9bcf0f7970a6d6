"""The one Qt timer that drives the core: it sleeps until the next moment that matters."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from desktop.ui.lean_qt import VERY_COARSE_TIMER, set_timer_type


class Ticker(QObject):
    """Calls ``tick()``, which returns how many seconds to sleep before the next call.

    Tests replace the Ticker by calling the controller's ``tick`` directly with a fake clock.
    """

    def __init__(self, tick: Callable[[], float], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tick = tick
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        set_timer_type(self._timer, VERY_COARSE_TIMER)
        self._timer.timeout.connect(self.fire)

    def fire(self) -> None:
        self._timer.start(max(1000, int(self._tick() * 1000)))

    def poke(self) -> None:
        """Re-evaluate now (after a tag, a response, a settings change)."""
        self._timer.start(0)

    def stop(self) -> None:
        self._timer.stop()
