"""The running state of one agent's day: tags, recoveries and a clock high-water mark."""

from __future__ import annotations

from dataclasses import replace

from desktop.core.clock import SECONDS_PER_DAY
from desktop.core.load import Snapshot, snapshot
from desktop.core.model import Interaction, Recovery
from desktop.core.settings import Settings

# Tags older than this many half-lives weigh less than 2^-20 of their severity.
WINDOW_HALF_LIVES = 20


def window_start(now: float, offset: int, settings: Settings) -> float:
    """The earliest instant whose events still matter: for load, and for today's counts."""
    local = now + offset
    midnight = local - (local % SECONDS_PER_DAY) - offset
    return min(now - WINDOW_HALF_LIVES * settings.half_life, midnight)


class Tracker:
    """Holds recent events and answers ``snapshot(now)``.

    Time seen by the tracker never goes backwards: ``now`` is lifted to the latest instant
    observed, so a wall clock set back by hand cannot make load rise again.
    """

    def __init__(
        self,
        settings: Settings,
        tags: list[Interaction] | None = None,
        recoveries: list[Recovery] | None = None,
    ) -> None:
        self.settings = settings
        self._tags: list[Interaction] = list(tags or [])
        self._recoveries: list[Recovery] = list(recoveries or [])
        self._high_water = max(
            [t.at for t in self._tags] + [r.end for r in self._recoveries], default=float("-inf")
        )

    @property
    def tags(self) -> tuple[Interaction, ...]:
        return tuple(self._tags)

    @property
    def recoveries(self) -> tuple[Recovery, ...]:
        return tuple(self._recoveries)

    def observe(self, now: float) -> float:
        """Record that ``now`` was seen; return model time (never earlier than before)."""
        self._high_water = max(self._high_water, now)
        return self._high_water

    def add(self, tag: Interaction) -> None:
        """Add a tag at model time: a tag stamped behind the clock's high-water mark (the
        wall clock was set back) counts as happening now, never as already decayed."""
        self._tags.append(replace(tag, at=self.observe(tag.at)))

    def add_recovery(self, recovery: Recovery) -> None:
        self.observe(recovery.end)
        self._recoveries.append(recovery)

    def last_counting(self) -> Interaction | None:
        return next((t for t in reversed(self._tags) if not t.undone), None)

    def undo(self, tag_id: int) -> Interaction | None:
        """Mark tag ``tag_id`` undone; returns the updated tag, or None if not found/undone."""
        for i, tag in enumerate(self._tags):
            if tag.id == tag_id and not tag.undone:
                self._tags[i] = replace(tag, undone=True)
                return self._tags[i]
        return None

    def set_settings(self, settings: Settings) -> None:
        self.settings = settings

    def prune(self, now: float, offset: int) -> None:
        """Forget events that no longer affect load or today's counts (memory stays flat)."""
        start = window_start(self.observe(now), offset, self.settings)
        self._tags = [t for t in self._tags if t.at >= start]
        self._recoveries = [r for r in self._recoveries if r.end >= start]

    def snapshot(self, now: float, offset: int) -> Snapshot:
        model_now = self.observe(now)
        return snapshot(self._tags, self._recoveries, model_now, offset, self.settings)
