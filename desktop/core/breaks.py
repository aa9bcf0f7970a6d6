"""A break away from the screen, as plain data: its length, its end, what became of it.

A break runs from ``started`` to ``ends`` (wall-clock UTC seconds); "+2 min" moves
``ends``. It finishes one of three ways (the ``breaks.outcome`` column):
- ``taken``: it ran to its end, or beyond when the person was still away then;
- ``shortened``: "I'm back" (or a tag, which proves the person is back) before the end;
- ``skipped``: the offered break was dismissed before it started.
While it runs, the time since ``started`` is recovery (docs/load-model.md).
"""

from __future__ import annotations

import enum
import json
import math
from dataclasses import dataclass, replace
from typing import Any

from desktop.core.model import Recovery, RecoveryKind
from desktop.core.text import N_

BREAK_MINUTES = (2, 5, 10, 15)
EXTEND_SECONDS = 120

# One idea per break, in turn. Our own words (PRODUCT.md "Breaks"): move, drink, rest
# the eyes far away, talk to someone, breathe, go outside, music.
IDEAS = (
    N_("Stand up and stretch: reach for the ceiling, then roll your shoulders back "
       "a few times."),
    N_("Fill a glass of water and drink it slowly, away from your desk."),
    N_("Look out of a window at something far away and let your eyes rest there."),
    N_("Walk over to a colleague and talk about anything but this call."),
    N_("Breathe slowly a few times, letting each breath out last longer than the "
       "breath in."),
    N_("Step outside for a moment: notice the air, the light and the sounds."),
    N_("Put on one song you like and listen to it all the way through."),
    N_("Walk a lap of the office or the corridor at an easy pace."),
)


def idea_for(index: int) -> str:
    """The idea for the ``index``-th break (untranslated; translate where shown)."""
    return IDEAS[index % len(IDEAS)]


class Outcome(enum.StrEnum):
    TAKEN = "taken"
    SHORTENED = "shortened"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class Finished:
    """A break as it goes into the ``breaks`` table."""

    started: float
    ended: float
    outcome: Outcome
    planned_seconds: int
    nudge_id: int | None

    @property
    def recovery(self) -> Recovery | None:
        if self.outcome is Outcome.SKIPPED or self.ended <= self.started:
            return None
        return Recovery(self.started, self.ended, RecoveryKind.BREAK)


def skipped(at: float, minutes: int, nudge_id: int | None) -> Finished:
    """The offered break was dismissed: a row that says so, with no recovery."""
    return Finished(at, at, Outcome.SKIPPED, minutes * 60, nudge_id)


@dataclass(frozen=True, slots=True)
class RunningBreak:
    started: float
    ends: float
    planned_seconds: int  # the length chosen when it began, before any "+2 min"
    nudge_id: int | None = None
    idea: int = 0
    # The end of a natural break (idle, asleep) that closed while this break ran and
    # lasted past ``ends``: the person was away beyond the end, so the break was too.
    rested_until: float | None = None

    @classmethod
    def begin(cls, at: float, minutes: int, nudge_id: int | None = None,
              idea: int = 0) -> RunningBreak:
        if minutes not in BREAK_MINUTES:
            raise ValueError(minutes)
        return cls(at, at + minutes * 60, minutes * 60, nudge_id, idea)

    @property
    def seconds(self) -> float:
        """Its whole length now, extensions included."""
        return self.ends - self.started

    def remaining(self, now: float) -> float:
        """Seconds left, never negative and never more than its length (a wall clock
        set back mid-break does not lengthen it)."""
        return min(self.seconds, max(0.0, self.ends - now))

    def due(self, now: float) -> bool:
        return now >= self.ends

    def wakes(self, now: float) -> tuple[float, float]:
        """Moments the tray must look again: its end, and when "N min left" changes."""
        return self.ends, self.ends - 60 * math.floor(self.remaining(now) / 60)

    def extended(self, seconds: float = EXTEND_SECONDS) -> RunningBreak:
        return replace(self, ends=self.ends + seconds)

    def rested(self, until: float) -> RunningBreak:
        """A natural break that ended at ``until`` happened inside this one."""
        if until <= self.ends:
            return self
        return replace(self, rested_until=max(until, self.rested_until or until))

    def live(self, now: float) -> Recovery:
        """The recovery so far, for load while it runs; never past the end it will be
        recorded with (the app quit mid-break and nobody has recorded it since: hours
        later ``status`` must not count those hours as a break)."""
        until = min(now, max(self.ends, self.rested_until or self.ends))
        return Recovery(self.started, max(self.started, until), RecoveryKind.BREAK)

    def finish(self, at: float) -> Finished:
        """It ends at ``at``: "I'm back", a tag, or its end noticed (a moment late)."""
        if at < self.ends:
            return Finished(self.started, max(self.started, at), Outcome.SHORTENED,
                            self.planned_seconds, self.nudge_id)
        ended = max(self.ends, self.rested_until or self.ends)
        return Finished(self.started, ended, Outcome.TAKEN, self.planned_seconds,
                        self.nudge_id)

    def shifted(self, delta: float) -> RunningBreak:
        """Moved by ``delta`` seconds (a wall clock found set back, docs/load-model.md)."""
        return replace(self, started=self.started + delta, ends=self.ends + delta,
                       rested_until=None if self.rested_until is None
                       else self.rested_until + delta)

    def to_json(self) -> str:
        return json.dumps({"started": self.started, "ends": self.ends,
                           "planned_seconds": self.planned_seconds,
                           "nudge_id": self.nudge_id, "idea": self.idea,
                           "rested_until": self.rested_until}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> RunningBreak | None:
        """The break saved by a running app; None when there is none or it is unreadable
        (at worst a break is forgotten, never an error)."""
        try:
            data = json.loads(text) if text else None
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        started, ends = _number(data.get("started")), _number(data.get("ends"))
        planned = _int(data.get("planned_seconds"))
        if started is None or ends is None or ends < started or planned is None:
            return None
        return cls(started, ends, planned, _int(data.get("nudge_id")),
                   _int(data.get("idea")) or 0, _number(data.get("rested_until")))


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _number(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) \
            and math.isfinite(value):
        return float(value)
    return None
