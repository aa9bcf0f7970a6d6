"""When to offer the weekly check-in: once a week, at the day and time the user chose.

Rules (docs/checkin.md):
- A week is the ISO week of local time. Each week the offer comes once, at the chosen day
  and time (default Friday 15:00), or later that week if the app was not running or it was
  outside working hours or inside quiet hours then (so it never comes off shift). A week
  with no app running at all is simply missed: nothing is made up later.
- Not in a week that already has a check-in (from the menu or the command line), nor after
  "Not this week", nor while nudges are paused.
- "Tomorrow" brings it back tomorrow at the chosen time. If tomorrow is in the next week,
  that is the next week's one offer.
- An offer left unanswered counts: it does not come back that week.
- Weeks only move forward: with the clock set back into an earlier week, nothing is
  offered for it (the person already had this week's offer; a clock put right again
  must not bring a second one). But a week more than one ahead of the clock's (stored
  while the clock ran months ahead) is not believed: the check-in must not fall silent
  until real time catches up. Likewise a "Tomorrow" further ahead than a week.

Time comes in as arguments; ``utc_offset(at)`` gives the local offset at any instant, so the
chosen local time stays right across daylight-saving changes.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.checkin import monday_of, week_of
from desktop.core.settings import TIME_OF_DAY, WEEKDAYS, Settings, in_time_range
from desktop.core.text import N_, Message

OffsetAt = Callable[[float], int]


def parse_time_of_day(text: str) -> int:
    """``"15:00"`` → seconds since local midnight; ValueError otherwise."""
    match = TIME_OF_DAY.match(text)
    if not match:
        raise ValueError(text)
    return int(match.group(1)) * 3600 + int(match.group(2)) * 60


def local_to_instant(local: dt.datetime, utc_offset: OffsetAt) -> float:
    """The UTC instant at which local wall-clock time ``local`` (naive) occurs.

    A time repeated when clocks go back gives the first of the two instants; a time that
    does not exist (clocks go forward) gives an instant within the hour around the change.
    """
    wall = local.replace(tzinfo=dt.UTC).timestamp()
    guess = wall - utc_offset(wall)
    for _ in range(2):
        guess = wall - utc_offset(guess)
    earlier = wall - utc_offset(guess - 3600)  # a repeated hour: prefer the first one
    if earlier < guess and utc_offset(earlier) + earlier == wall:
        return earlier
    return guess


@dataclass
class OfferState:
    """What the offer remembers; plain data, saved between runs."""

    offered_week: str | None = None  # the week whose one offer has been made
    closed_week: str | None = None  # a week done with: checked in, or "not this week"
    snoozed_until: float | None = None  # "Tomorrow": offer again at this instant

    def to_json(self) -> str:
        return json.dumps({"offered_week": self.offered_week, "closed_week": self.closed_week,
                           "snoozed_until": self.snoozed_until}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> OfferState:
        """What was saved; anything unreadable is forgotten, never raised."""
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()

        def week(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) and re.fullmatch(
                r"\d{4}-W\d{2}", value) else None

        until = data.get("snoozed_until")
        snoozed = (float(until) if isinstance(until, (int, float))
                   and not isinstance(until, bool) and math.isfinite(until) else None)
        return cls(week("offered_week"), week("closed_week"), snoozed)


class WeeklyOffer:
    def __init__(self, settings: Settings, state: OfferState | None = None) -> None:
        self.settings = settings
        self.state = state or OfferState()

    def _time_of_day(self) -> int:
        return parse_time_of_day(self.settings["checkin.time"])

    def scheduled_at(self, week: str, utc_offset: OffsetAt) -> float:
        """The instant of ``week``'s offer: its chosen weekday at the chosen local time."""
        day = monday_of(week) + dt.timedelta(days=WEEKDAYS.index(self.settings["checkin.day"]))
        seconds = self._time_of_day()
        local = dt.datetime.combine(day, dt.time(seconds // 3600, seconds % 3600 // 60))
        return local_to_instant(local, utc_offset)

    def _hours_allow(self, now: float, offset: int) -> bool:
        second = (now + offset) % 86_400
        work, quiet = self.settings.working_hours, self.settings.quiet_hours
        if work is not None and not in_time_range(second, work):
            return False
        return not (quiet is not None and in_time_range(second, quiet))

    def due(self, now: float, utc_offset: OffsetAt, checked_in_week: str | None,
            held: bool = False) -> bool:
        """Whether to offer the check-in now. ``checked_in_week``: the week of the latest
        check-in stored. ``held``: something else says not now (nudges paused)."""
        if not self.settings["checkin.enabled"] or held:
            return False
        offset = utc_offset(now)
        week = week_of(now, offset)
        state = self.state
        # ISO week names sort in time order ("2026-W53" < "2027-W01").
        if any(done is not None and week <= done and _credible(done, week)
               for done in (checked_in_week, state.closed_week)):
            return False
        if (state.offered_week is not None and week < state.offered_week
                and _credible(state.offered_week, week)):
            return False  # the clock was set back
        if not self._hours_allow(now, offset):
            return False
        if state.snoozed_until is not None and state.snoozed_until - now <= MAX_AHEAD:
            return now >= state.snoozed_until
        return state.offered_week != week and now >= self.scheduled_at(week, utc_offset)

    def next_at(self, now: float, utc_offset: OffsetAt) -> float | None:
        """The next moment the offer could fall due (for the app's sleep), if one is known."""
        if not self.settings["checkin.enabled"]:
            return None
        if self.state.snoozed_until is not None:
            return self.state.snoozed_until if self.state.snoozed_until > now else None
        at = self.scheduled_at(week_of(now, utc_offset(now)), utc_offset)
        return at if at > now else None

    # What happened ----------------------------------------------------------------
    def offered(self, now: float, utc_offset: OffsetAt) -> None:
        self.state.offered_week = _later(self.state.offered_week, week_of(now, utc_offset(now)))
        self.state.snoozed_until = None

    def snooze(self, now: float, utc_offset: OffsetAt) -> float:
        """"Tomorrow": the chosen time on the next local day."""
        offset = utc_offset(now)
        tomorrow = dt.datetime.fromtimestamp(now + offset, dt.UTC).date() + dt.timedelta(days=1)
        seconds = self._time_of_day()
        local = dt.datetime.combine(tomorrow, dt.time(seconds // 3600, seconds % 3600 // 60))
        self.state.snoozed_until = local_to_instant(local, utc_offset)
        return self.state.snoozed_until

    def close_week(self, now: float, utc_offset: OffsetAt) -> None:
        """"Not this week", or a check-in was made: nothing more this week."""
        week = week_of(now, utc_offset(now))
        self.state.closed_week = _later(self.state.closed_week, week)
        self.state.offered_week = _later(self.state.offered_week, week)
        self.state.snoozed_until = None


MAX_AHEAD = 7 * 86_400.0  # seconds: how far ahead of the clock a remembered moment may be


def _credible(stored: str, week: str) -> bool:
    """A stored week at most one week ahead of ``week``: the clock may have been a few
    days fast then; further ahead, it ran far ahead (a wrong year, a VM restored)."""
    return (monday_of(stored) - monday_of(week)).days <= 7


def _later(kept: str | None, week: str) -> str:
    return week if kept is None or week > kept else kept


# Weekday names for sentences about the offer (Monday first, as WEEKDAYS).
DAY_NAMES = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
             N_("Saturday"), N_("Sunday"))


def first_allowed(settings: Settings) -> tuple[int, int] | None:
    """(weekday, second of the day) of the first moment from the chosen day and time to
    the end of that week that working and quiet hours allow, minute by minute; None when
    no moment of the rest of the week is allowed (the offer would never come)."""
    offer = WeeklyOffer(settings)
    start = WEEKDAYS.index(settings["checkin.day"]) * 86_400 + offer._time_of_day()
    for second in range(start, 7 * 86_400, 60):
        if offer._hours_allow(second, 0):
            return second // 86_400, second % 86_400
    return None


def offer_note(settings: Settings) -> Message | None:
    """A sentence for the settings when the chosen day and time fall outside working
    hours or inside quiet hours: when the offer will come instead, or that it never will.
    None when the chosen moment is allowed, or the check-in is off."""
    if not settings["checkin.enabled"]:
        return None
    chosen = (WEEKDAYS.index(settings["checkin.day"]), WeeklyOffer(settings)._time_of_day())
    moment = first_allowed(settings)
    if moment == chosen:
        return None
    when = {"day": DAY_NAMES[chosen[0]], "time": settings["checkin.time"]}
    if moment is None:
        return Message(N_("The check-in is set for {day} at {time}, outside your working "
                          "hours or inside your quiet hours, and so is the rest of that "
                          "week: it will never be offered. Choose a day and time within "
                          "your working hours."), when, translate_params=("day",))
    day, second = moment
    return Message(N_("The check-in is set for {day} at {time}, outside your working hours "
                      "or inside your quiet hours: it will come on {then_day} at "
                      "{then_time} instead, if Breakwater is running then."),
                   {**when, "then_day": DAY_NAMES[day],
                    "then_time": f"{second // 3600:02d}:{second % 3600 // 60:02d}"},
                   translate_params=("day", "then_day"))
