"""Stores what a pacer window reports: the session as soon as breathing ends (so it counts
as recovery at once, rated or not), then the after-rating if the user gives one."""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.breathing import BreathingResult
from desktop.i18n import _
from desktop.service import Breakwater
from desktop.store.errors import StoreError
from desktop.ui.breathing_window import BreathingWindow


class SessionRecorder:
    def __init__(self, service: Breakwater, window: BreathingWindow,
                 nudge_id: int | None = None, *,
                 on_error: Callable[[str], None] | None = None,
                 on_saved: Callable[[], None] | None = None) -> None:
        self.service = service
        self.nudge_id = nudge_id
        self.started: float | None = None
        self.row: int | None = None
        self.errors: list[str] = []
        self._on_error = on_error
        self._on_saved = on_saved
        window.started.connect(self._began)
        window.ended.connect(self.record)
        window.finished.connect(self.rate)

    def _began(self) -> None:
        self.started = self.service.clock.now()

    def record(self, result: BreathingResult) -> None:
        """Breathing ended: store the session with its wall-clock start and end."""
        ended = self.service.clock.now()
        # A wall clock set back during the session must not give a negative length.
        started = min(self.started if self.started is not None else ended, ended)
        self._guard(lambda: self._store(started, ended, result))

    def _store(self, started: float, ended: float, result: BreathingResult) -> None:
        self.row = self.service.record_breathing(
            started=started, ended=ended, pattern=result.pattern,
            planned_seconds=result.planned_seconds, actual_seconds=result.actual_seconds,
            completed=result.completed, rating_before=result.rating_before,
            rating_after=result.rating_after, nudge_id=self.nudge_id)

    def rate(self, result: BreathingResult) -> None:
        """The window is done: add the after-rating to the stored session."""
        row, rating = self.row, result.rating_after
        if row is not None and rating is not None:
            self._guard(lambda: self.service.rate_breathing(row, rating))

    def _guard(self, write: Callable[[], None]) -> None:
        try:
            write()
        except StoreError as error:
            message = error.message.render(_)
            self.errors.append(message)
            if self._on_error is not None:
                self._on_error(message)
            return
        if self._on_saved is not None:
            self._on_saved()
