"""Whether the person is at the machine: time away becomes a natural break.

Away means no keyboard or mouse input for ``load.idle_break_minutes``, or the machine
asleep. The rule (docs/load-model.md): a natural break ends no later than the first sign
of the person being back, which is input, a tag, or the machine waking. Idle time only
says when the *last* input was, so while someone is away the app looks often
(``POLL_AWAY``) and ends the break at the last look that still found nobody: it may
credit a few seconds too little, never a moment while the person was back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from desktop.core.model import Recovery, RecoveryKind

POLL_AWAY = 5.0  # seconds between looks while the person is away


@dataclass
class Presence:
    away_since: float | None = None
    seen_away_at: float | None = None  # the last look that found nobody
    asleep: bool = False
    # The last sign of the person (a tag, waking): an idle counter that lags behind it
    # cannot start time away before it.
    last_sign: float | None = None

    @property
    def away(self) -> bool:
        return self.away_since is not None

    def idle(self, now: float, idle_seconds: float, threshold: float) -> Recovery | None:
        """A look at the input idle time; returns the natural break that just ended."""
        if self.asleep:
            return None
        since = max(now - idle_seconds, self.last_sign or -math.inf)
        if now - since >= threshold:
            if self.away_since is None:
                self.away_since = since
            # No input since away_since up to now (a clock set back cannot move it back).
            self.seen_away_at = max(now, self.away_since)
            return None
        if self.away_since is None:
            return None
        last_input = now - idle_seconds
        assert self.seen_away_at is not None
        return self._end(min(self.seen_away_at, last_input), threshold)

    def present(self, at: float, threshold: float) -> Recovery | None:
        """A sign the person is here at ``at`` (a tag): an open natural break ends."""
        self.last_sign = max(at, self.last_sign or at)
        if self.away_since is None or self.asleep:
            return None
        assert self.seen_away_at is not None
        return self._end(min(self.seen_away_at, at), threshold)

    def sleeping(self, at: float) -> None:
        """The machine goes to sleep: the person is away from now (or since earlier)."""
        if self.away_since is None:
            self.away_since = at
        self.seen_away_at = max(at, self.away_since)
        self.asleep = True

    def woke(self, at: float, threshold: float) -> Recovery | None:
        """The machine woke: the time asleep (and away before it) is one natural break."""
        if not self.asleep:
            return None
        self.asleep = False
        self.last_sign = at
        self.seen_away_at = max(at, self.seen_away_at or at)
        return self._end(at, threshold)

    def live(self, now: float) -> Recovery | None:
        """The natural break in progress, for load while the person is away."""
        if self.away_since is None:
            return None
        return Recovery(self.away_since, max(self.away_since, now), RecoveryKind.IDLE)

    def shifted(self, delta: float) -> None:
        """Moved by ``delta`` (a wall clock found set back)."""
        if self.away_since is not None:
            self.away_since += delta
        if self.seen_away_at is not None:
            self.seen_away_at += delta

    def _end(self, end: float, threshold: float) -> Recovery | None:
        assert self.away_since is not None
        start = self.away_since
        self.away_since = self.seen_away_at = None
        if end - start < threshold:
            return None
        return Recovery(start, end, RecoveryKind.IDLE)
