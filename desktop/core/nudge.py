"""When to nudge, and with what: the nudge ladder of docs/load-model.md.

building → offer one minute of breathing; high → offer a break, then a few lines of
journaling once that break is over. A cooldown separates nudges of the same level; the
agent can snooze, dismiss, or pause nudges for an hour or until tomorrow; quiet hours and
working hours are honoured; nothing is offered during a break.

A budget keeps nudges few enough that nobody turns them off: each dismissal doubles that
level's cooldown (up to two hours), no two nudges come within ``nudges.min_gap_minutes``,
and after ``nudges.daily_cap`` in a day only the tray colour speaks. The last nudge of
the day is kept for a break offer, and a break offer held back by the gap comes when the
gap ends if load is still raised: high load still gets its break offer.
"""

from __future__ import annotations

import enum
import json
import math
from dataclasses import dataclass, field
from typing import Any

from desktop.core.clock import elapsed, local_seconds_of_day, next_local_midnight
from desktop.core.load import Level, Snapshot, local_day
from desktop.core.settings import Settings, in_time_range


class NudgeKind(enum.StrEnum):
    BREATHE = "breathe"
    BREAK = "break"
    JOURNAL = "journal"


class Response(enum.StrEnum):
    ACCEPTED = "accepted"
    SNOOZED = "snoozed"
    DISMISSED = "dismissed"


HIGH_LOAD_KINDS = frozenset({NudgeKind.BREAK, NudgeKind.JOURNAL})
LEVEL_OF = {NudgeKind.BREATHE: Level.BUILDING, NudgeKind.BREAK: Level.HIGH,
            NudgeKind.JOURNAL: Level.HIGH}

BACKOFF_MAX = 2 * 3600.0  # a level's cooldown doubles per dismissal up to this
# Longest a pause or a snooze can last (settings' maxima): a deadline further ahead was
# set by a clock that ran ahead and is brought back within reach.
LONGEST_PAUSE = 24 * 3600.0
LONGEST_SNOOZE = 8 * 3600.0


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
    # The budget: dismissals in a row per level, and nudges shown on local day ``day``.
    dismissals: dict[Level, int] = field(default_factory=dict)
    day: int | None = None
    shown_today: int = 0
    # Of which high-load offers: break offers and the journaling that follows a break
    # taken (the key keeps its first name in saved state).
    breaks_today: int = 0
    # High load was reached (at this difficult tag) but its break offer was held back by
    # the gap between nudges; it comes when the gap ends if load is still raised.
    break_held: int | None = None
    # Levels load has fallen below since their last nudge: a level is offered once per
    # rise, not again while load lingers there (a new hard call alone does not re-arm it).
    rearmed: set[Level] = field(default_factory=lambda: {Level.BUILDING, Level.HIGH})

    def to_json(self) -> str:
        return json.dumps({
            "last_at": {level.value: at for level, at in self.last_at.items()},
            "last_tag": {level.value: tag for level, tag in self.last_tag.items()},
            "snoozed_until": self.snoozed_until,
            "snoozed_kind": self.snoozed_kind.value if self.snoozed_kind else None,
            "paused_until": self.paused_until,
            "journal_due": self.journal_due,
            "high_break_accepted": self.high_break_accepted,
            "dismissals": {level.value: n for level, n in self.dismissals.items()},
            "day": self.day,
            "shown_today": self.shown_today,
            "breaks_today": self.breaks_today,
            "break_held": self.break_held,
            "rearmed": sorted(level.value for level in self.rearmed),
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
        state.dismissals = {Level(k): v for k, v in _items(data, "dismissals")
                            if k in Level._value2member_map_ and _count(v)}
        day, shown, breaks = (data.get(k) for k in ("day", "shown_today", "breaks_today"))
        if isinstance(day, int) and isinstance(shown, int) and isinstance(breaks, int) \
                and _count(day) and _count(breaks) and breaks <= shown:
            state.day, state.shown_today, state.breaks_today = day, shown, breaks
        held = data.get("break_held")
        state.break_held = held if _count(held) else None
        rearmed = data.get("rearmed")
        if isinstance(rearmed, list):
            state.rearmed = {Level(v) for v in rearmed if v in Level._value2member_map_}
        return state


def _items(data: dict[str, Any], key: str) -> list[tuple[str, Any]]:
    value = data.get(key)
    return list(value.items()) if isinstance(value, dict) else []


def _number(value: object) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value))


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


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

    def cooldown(self, level: Level) -> float:
        """The level's cooldown: the setting, doubled per dismissal in a row (to 2 h)."""
        base = self.settings.cooldown
        doubled = base * 2.0 ** self.state.dismissals.get(level, 0)
        return min(max(BACKOFF_MAX, base), doubled)

    def _cooling_down(self, level: Level, now: float) -> bool:
        """A nudge at this level or above was shown less than its cooldown ago."""
        cooldown = self.cooldown(level)
        return any(shown_level.rank >= level.rank and elapsed(at, now) < cooldown
                   for shown_level, at in self.state.last_at.items())

    def _too_soon(self, now: float) -> bool:
        """Any nudge was shown less than the minimum gap ago."""
        last = max(self.state.last_at.values(), default=None)
        return last is not None and elapsed(last, now) < self.settings.min_gap

    def _over_budget(self, kind: NudgeKind) -> bool:
        """The day's nudges are used up. Two thirds of them are kept for high load (a
        break offer, and the few lines of journaling offered after a break taken): it
        matters most, and breathing offers at 'building' would otherwise spend the budget
        before it comes. With the old even split the journal was almost never offered
        (bench/shift.py: 0 to 0.9 a shift)."""
        cap = int(self.settings["nudges.daily_cap"])
        if kind in HIGH_LOAD_KINDS:
            return self.state.shown_today >= cap
        return self.state.shown_today - self.state.breaks_today >= cap // 3

    def observe(self, now: float, offset: int) -> None:
        """Keep the state sane for ``now``: a new local day starts a fresh budget, and
        instants a wall clock ran ahead to are brought back (docs/load-model.md), so a
        clock set far forward and back never silences nudges for days."""
        state = self.state
        today = local_day(now, offset)
        if state.day != today:
            if state.day is not None:
                # Yesterday's break asked for a few lines then, not at today's first tick.
                state.journal_due = False
            state.day, state.shown_today, state.breaks_today = today, 0, 0
            state.dismissals = {}
        state.last_at = {level: min(at, now) for level, at in state.last_at.items()}
        if state.paused_until is not None:
            state.paused_until = min(state.paused_until, now + LONGEST_PAUSE)
        if state.snoozed_until is not None:
            state.snoozed_until = min(state.snoozed_until, now + LONGEST_SNOOZE)

    def decide(self, snap: Snapshot, now: float, offset: int, in_recovery: bool) -> Nudge | None:
        """Which nudge to show now, if any. Call ``shown`` after showing it. Besides
        ``observe``, the only state it changes is remembering a break offer it held and
        forgetting a snooze that ended with load calm."""
        self.observe(now, offset)
        state = self.state
        if snap.level is Level.CALM:
            state.break_held = None  # load fell on its own: nothing left to offer
        state.rearmed |= {level for level in Level if level.rank > snap.level.rank}
        if not self.settings["nudges.enabled"] or self.paused(now) or in_recovery:
            return None
        if not self._allowed_hours(now, offset):
            return None
        if state.snoozed_until is not None:
            if now < state.snoozed_until:
                return None
            # A reminder the user asked for: it may come sooner than the gap allows.
            kind = state.snoozed_kind
            if kind is not None and snap.level.rank >= LEVEL_OF[kind].rank:
                return Nudge(kind, LEVEL_OF[kind], now)
            if kind is not None and snap.level is Level.BUILDING:
                # The user asked to be reminded; load has eased since, so remind them
                # with what fits the load now rather than staying silent.
                return Nudge(NudgeKind.BREATHE, Level.BUILDING, now)
            # Load is calm when the snooze ends: there is nothing to remind of. Kept, the
            # snooze would come back as a "reminder" whenever load next rose, hours
            # later, past the gap and the daily cap.
            state.snoozed_until = state.snoozed_kind = None
        for candidate in self._candidates(snap, now):
            if self._over_budget(candidate.kind):
                continue
            if self._too_soon(now):
                if candidate.kind is NudgeKind.BREAK:
                    state.break_held = snap.last_difficult_id if snap.level is Level.HIGH \
                        else state.break_held
                return None
            return candidate
        return None

    def _candidates(self, snap: Snapshot, now: float) -> list[Nudge]:
        """What could be offered now, most important first."""
        state = self.state
        out = []
        if snap.level is Level.HIGH or (state.break_held is not None
                                        and snap.level is Level.BUILDING):
            rise = snap.last_difficult_id if snap.level is Level.HIGH else state.break_held
            if self._fresh(Level.HIGH, rise, now):
                out.append(Nudge(NudgeKind.BREAK, Level.HIGH, now))
        if state.journal_due:
            out.append(Nudge(NudgeKind.JOURNAL, Level.HIGH, now))
        if snap.level is Level.BUILDING and self._fresh(Level.BUILDING,
                                                        snap.last_difficult_id, now):
            out.append(Nudge(NudgeKind.BREATHE, Level.BUILDING, now))
        return out

    def _fresh(self, level: Level, rise: int | None, now: float) -> bool:
        """Not cooling down, and load rose to ``level`` since its last nudge: once per
        rise, and a new difficult tag is needed too (the same state does not earn a
        second interruption)."""
        state = self.state
        if self._cooling_down(level, now) or level not in state.rearmed:
            return False
        return not (level in state.last_tag and state.last_tag[level] == rise)

    def shown(self, nudge: Nudge, snap: Snapshot) -> None:
        state = self.state
        state.last_at[nudge.level] = nudge.at
        state.last_tag[nudge.level] = snap.last_difficult_id
        state.snoozed_until = None
        state.snoozed_kind = None
        state.shown_today += 1
        state.rearmed -= {level for level in Level if level.rank <= nudge.level.rank}
        if nudge.kind is NudgeKind.JOURNAL:
            state.journal_due = False
        if nudge.kind is NudgeKind.BREAK:
            state.break_held = None
        if nudge.kind in HIGH_LOAD_KINDS:
            state.breaks_today += 1

    def respond(self, nudge: Nudge, response: Response, now: float,
                snooze_minutes: float | None = None) -> None:
        state = self.state
        if response is Response.SNOOZED:
            minutes = snooze_minutes or float(self.settings["nudges.snooze_short_minutes"])
            state.snoozed_until = now + minutes * 60
            state.snoozed_kind = nudge.kind
        elif response is Response.DISMISSED:
            state.dismissals[nudge.level] = state.dismissals.get(nudge.level, 0) + 1
        elif response is Response.ACCEPTED:
            state.dismissals.pop(nudge.level, None)
            if nudge.kind is NudgeKind.BREAK:
                state.high_break_accepted = True

    def woke(self) -> None:
        """The machine slept long enough to count as a break: what was pending (a snooze
        reminder, a journal offer, a held break offer) is about load from before and is
        dropped, so waking never brings a burst of stale nudges."""
        state = self.state
        state.snoozed_until = state.snoozed_kind = None
        state.journal_due = state.high_break_accepted = False
        state.break_held = None

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
