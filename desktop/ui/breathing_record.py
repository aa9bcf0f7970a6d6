"""Turns a finished pacer session into a stored one (wall-clock start and end)."""

from __future__ import annotations

from desktop.service import Breakwater
from desktop.ui.breathing_window import BreathingResult, BreathingWindow


class SessionRecorder:
    """Connect to a window; on finish, the session is stored and counts as recovery."""

    def __init__(self, service: Breakwater, window: BreathingWindow,
                 nudge_id: int | None = None) -> None:
        self.service = service
        self.nudge_id = nudge_id
        self.started: float | None = None
        self.row: int | None = None
        window.started.connect(self._began)

    def _began(self) -> None:
        self.started = self.service.clock.now()

    def record(self, result: BreathingResult) -> int:
        """Store the session; raises StoreError when the database refuses."""
        ended = self.service.clock.now()
        # A wall clock set back during the session must not give a negative length.
        started = min(self.started if self.started is not None else ended, ended)
        self.row = self.service.record_breathing(
            started=started, ended=ended, pattern=result.pattern,
            planned_seconds=result.planned_seconds, actual_seconds=result.actual_seconds,
            completed=result.completed, rating_before=result.rating_before,
            rating_after=result.rating_after, nudge_id=self.nudge_id)
        return self.row
