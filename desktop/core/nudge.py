"""When to nudge, and with what: the nudge ladder of docs/load-model.md.

building → offer one minute of breathing; high → offer a five-minute break, then a few
lines of journaling once that break is over. A cooldown separates nudges of the same
level; the agent can snooze, dismiss, or pause nudges for an hour or until tomorrow;
quiet hours and working hours are honoured; nothing is offered during a break.
"""

from __future__ import annotations

import enum
import json
import math
from dataclasses import dataclass, field
from typing import Any

from desktop.core.clock import elapsed, local_seconds_of_day, next_local_midnight
from desktop.core.load import Level, Snapshot
from desktop.core.settings import Settings, in_time_range


class NudgeKind(enum.StrEnum):
    BREATHE = "breathe"
    BREAK = "break"
    JOURNAL = "journal"


class Response(enum.StrEnum):
    ACCEPTED = "accepted"
    SNOOZED = "snoozed"
    DISMISSED = "dismissed"


LEVEL_OF = {NudgeKind.BREATHE: Level.BUILDING, NudgeKind.BREAK: Level.HIGH,
            NudgeKind.JOURNAL: Level.HIGH}


@dataclass(frozen=True, slots=True)
class Nudge:
    kind: NudgeKind
    level: Level
    at: float


@dataclass
class NudgeState:
    """What the policy remembers. Plain data, so the app can persist and restore it."""

    last_at: dict[Level, float] = field(default_factory=dict)
    last_tag: dict[Level, int | None] = field(default_factory=dict)
    snoozed_until: float | None = None
    snoozed_kind: NudgeKind | None = None
    paused_until: float | None = None
    journal_due: bool = False
    high_break_accepted: bool = False

    def to_json(self) -> str:
        return json.dumps({
            "last_at": {level.value: at for level, at in self.last_at.items()},
            "last_tag": {level.value: tag for level, tag in self.last_tag.items()},
            "snoozed_until": self.snoozed_until,
            "snoozed_kind": self.snoozed_kind.value if self.snoozed_kind else None,
            "paused_until": self.paused_until,
            "journal_due": self.journal_due,
            "high_break_accepted": self.high_break_accepted,
        }, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> NudgeState:
        """What was saved; anything unreadable is forgotten (a fresh state), never raised:
        at worst a nudge comes again or a pause ends early."""
        state = cls()
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            return state
        if not isinstance(data, dict):
            return state
        state.last_at = {Level(k): float(v) for k, v in _items(data, "last_at")
                         if k in Level._value2member_map_ and _number(v)}
        state.last_tag = {Level(k): v for k, v in _items(data, "last_tag")
                          if k in Level._value2member_map_
                          and (v is None or (isinstance(v, int) and not isinstance(v, bool)))}
        state.snoozed_until = _time(data.get("snoozed_until"))
        kind = str(data.get("snoozed_kind"))
        state.snoozed_kind = NudgeKind(kind) if kind in NudgeKind._value2member_map_ else None
        if state.snoozed_kind is None:
            state.snoozed_until = None
        state.paused_until = _time(data.get("paused_until"))
        state.journal_due = data.get("journal_due") is True
        state.high_break_accepted = data.get("high_break_accepted") is True
        return state


def _items(data: dict[str, Any], key: str) -> list[tuple[str, Any]]:
    value = data.get(key)
    return list(value.items()) if isinstance(value, dict) else []


def _number(value: object) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value))


def _time(value: object) -> float | None:
    return float(value) if _number(value) else None  # type: ignore[arg-type]


class NudgePolicy:
    def __init__(self, settings: Settings, state: NudgeState | None = None) -> None:
        self.settings = settings
        self.state = state or NudgeState()

    def paused(self, now: float) -> bool:
        until = self.state.paused_until
        return until is not None and now < until

    def _allowed_hours(self, now: float, offset: int) -> bool:
        second = local_seconds_of_day(now, offset)
        work = self.settings.working_hours
        quiet = self.settings.quiet_hours
        if work is not None and not in_time_range(second, work):
            return False
        return not (quiet is not None and in_time_range(second, quiet))

    def _cooling_down(self, level: Level, now: float) -> bool:
        """A nudge at this level or above was shown less than the cooldown ago."""
        for shown_level, at in self.state.last_at.items():
            if shown_level.rank >= level.rank and elapsed(at, now) < self.settings.cooldown:
                return True
        return False

    def decide(self, snap: Snapshot, now: float, offset: int, in_recovery: bool) -> Nudge | None:
        """Which nudge to show now, if any. Does not change state: call ``shown`` after."""
        if not self.settings["nudges.enabled"] or self.paused(now) or in_recovery:
            return None
        if not self._allowed_hours(now, offset):
            return None
        state = self.state
        if state.snoozed_until is not None:
            if now < state.snoozed_until:
                return None
            kind = state.snoozed_kind
            if kind is not None and snap.level.rank >= LEVEL_OF[kind].rank:
                return Nudge(kind, LEVEL_OF[kind], now)
            if kind is not None and snap.level is Level.BUILDING:
                # The user asked to be reminded; load has eased since, so remind them
                # with what fits the load now rather than staying silent.
                return Nudge(NudgeKind.BREATHE, Level.BUILDING, now)
        if state.journal_due:
            return Nudge(NudgeKind.JOURNAL, Level.HIGH, now)
        if snap.level is Level.HIGH:
            candidate = Nudge(NudgeKind.BREAK, Level.HIGH, now)
        elif snap.level is Level.BUILDING:
            candidate = Nudge(NudgeKind.BREATHE, Level.BUILDING, now)
        else:
            return None
        if self._cooling_down(candidate.level, now):
            return None
        # Offer once per rise: without a new difficult tag since the last nudge at this
        # level, the same state does not earn a second interruption.
        if candidate.level in state.last_tag and state.last_tag[candidate.level] == (
            snap.last_difficult_id
        ):
            return None
        return candidate

    def shown(self, nudge: Nudge, snap: Snapshot) -> None:
        state = self.state
        state.last_at[nudge.level] = nudge.at
        state.last_tag[nudge.level] = snap.last_difficult_id
        state.snoozed_until = None
        state.snoozed_kind = None
        if nudge.kind is NudgeKind.JOURNAL:
            state.journal_due = False

    def respond(self, nudge: Nudge, response: Response, now: float,
                snooze_minutes: float | None = None) -> None:
        state = self.state
        if response is Response.SNOOZED:
            minutes = snooze_minutes or float(self.settings["nudges.snooze_short_minutes"])
            state.snoozed_until = now + minutes * 60
            state.snoozed_kind = nudge.kind
        elif response is Response.ACCEPTED and nudge.kind is NudgeKind.BREAK:
            state.high_break_accepted = True

    def break_finished(self, taken: bool) -> None:
        """After a break offered at high load, journaling comes next (if the break was taken)."""
        if self.state.high_break_accepted and taken:
            self.state.journal_due = True
        self.state.high_break_accepted = False

    def pause_for_hours(self, now: float, hours: float | None = None) -> float:
        hours = float(self.settings["nudges.pause_hours"]) if hours is None else hours
        self.state.paused_until = now + hours * 3600
        return self.state.paused_until

    def pause_until_tomorrow(self, now: float, offset: int) -> float:
        self.state.paused_until = next_local_midnight(now, offset)
        return self.state.paused_until

    def resume(self) -> None:
        self.state.paused_until = None
