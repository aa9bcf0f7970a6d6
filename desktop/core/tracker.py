"""The running state of one agent's day: the tags and recoveries that still matter.

Load, streak and today's counts are a function of these events and the wall clock alone,
so the running app and a command reading the same file always agree. A wall clock found
*behind* the latest event (it was set back, or had run ahead) is corrected for, not
waited out: see ``ahead_by`` and docs/load-model.md, "Clock changes".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from desktop.core.clock import SECONDS_PER_DAY
from desktop.core.load import Snapshot, snapshot
from desktop.core.model import Interaction, Recovery
from desktop.core.settings import Settings

# Tags older than this many half-lives weigh less than 2^-20 of their severity.
WINDOW_HALF_LIVES = 20
# Events up to this far ahead of the clock are another process's a moment ago, not a
# clock that jumped.
CLOCK_TOLERANCE = 2.0


# How much earlier than today's midnight (at today's offset) a tag may still be of
# today: one tagged at a larger offset (before the clocks went back, or before a flight
# west). UTC+14 to UTC-12.
OFFSET_SPREAD = 26 * 3600


def _midnight(now: float, offset: int) -> float:
    """Today's local midnight, at today's offset, as a UTC instant."""
    local = now + offset
    return local - (local % SECONDS_PER_DAY) - offset


def window_start(now: float, offset: int, settings: Settings) -> float:
    """The earliest instant whose events still matter for load and streak."""
    return min(now - WINDOW_HALF_LIVES * settings.half_life, _midnight(now, offset))


def tags_start(now: float, offset: int, settings: Settings) -> float:
    """The earliest tag that may still count: for load, or for today (by its own offset)."""
    return min(window_start(now, offset, settings), _midnight(now, offset) - OFFSET_SPREAD)


def shift_ahead(at: float, now: float, delta: float) -> float:
    """One instant under the clock correction: moved by ``delta`` when it lies ahead of
    ``now``. The store applies the same rule to the file."""
    return at + delta if at > now else at


class Tracker:
    """Holds recent events and answers ``snapshot(now)``."""

    def __init__(
        self,
        settings: Settings,
        tags: list[Interaction] | None = None,
        recoveries: list[Recovery] | None = None,
    ) -> None:
        self.settings = settings
        self._tags: list[Interaction] = list(tags or [])
        self._recoveries: list[Recovery] = list(recoveries or [])

    @property
    def tags(self) -> tuple[Interaction, ...]:
        return tuple(self._tags)

    @property
    def recoveries(self) -> tuple[Recovery, ...]:
        return tuple(self._recoveries)

    def latest(self) -> float | None:
        """The latest instant any event is stamped with."""
        return max([t.at for t in self._tags] + [r.end for r in self._recoveries],
                   default=None)

    def ahead_by(self, now: float) -> float:
        """How far the latest event lies ahead of ``now`` (0 within the tolerance).

        More than that means the wall clock went back (set by hand, a wrong NTP answer
        corrected, a VM restored): the events ahead are moved back together, keeping
        their spacing, so the latest lands on ``now`` (``shift``). Load then decays from
        now on instead of freezing until the clock catches up, possibly for days."""
        latest = self.latest()
        if latest is None or latest <= now + CLOCK_TOLERANCE:
            return 0.0
        return latest - now

    def shift(self, now: float, delta: float) -> None:
        """Move every instant ahead of ``now`` by ``-delta`` (see ``ahead_by``)."""
        self._tags = [replace(t, at=shift_ahead(t.at, now, -delta)) for t in self._tags]
        recoveries = []
        for r in self._recoveries:
            end = shift_ahead(r.end, now, -delta)
            recoveries.append(replace(r, start=min(shift_ahead(r.start, now, -delta), end),
                                      end=end))
        self._recoveries = recoveries

    def add(self, tag: Interaction) -> None:
        self._tags.append(tag)

    def add_recovery(self, recovery: Recovery) -> None:
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
        start = window_start(now, offset, self.settings)
        self._tags = [t for t in self._tags if t.at >= tags_start(now, offset, self.settings)]
        self._recoveries = [r for r in self._recoveries if r.end >= start]

    def snapshot(self, now: float, offset: int,
                 live: Iterable[Recovery] = ()) -> Snapshot:
        """The state at ``now``; ``live`` are recoveries still in progress (a break
        running, the person away), counted up to ``now``. Only events inside the window
        count, whatever else is held, so a reader that loaded just the window (the
        command line) gets the same answer."""
        start = window_start(now, offset, self.settings)
        first = tags_start(now, offset, self.settings)
        return snapshot([t for t in self._tags if t.at >= first],
                        [r for r in [*self._recoveries, *live] if r.end >= start],
                        now, offset, self.settings, since=start)
