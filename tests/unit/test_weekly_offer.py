"""When the weekly check-in is offered: a fake clock walks through weeks, daylight-saving
changes (Europe/Madrid's real rules), a missed week, snoozes and working hours."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from desktop.core.checkin import week_of
from desktop.core.settings import Settings
from desktop.core.weekly import (
    OfferState,
    WeeklyOffer,
    first_allowed,
    local_to_instant,
    offer_note,
)

MADRID = ZoneInfo("Europe/Madrid")
MINUTE, HOUR, DAY = 60.0, 3600.0, 86_400.0


def offset(at: float) -> int:
    delta = dt.datetime.fromtimestamp(at, MADRID).utcoffset()
    assert delta is not None
    return int(delta.total_seconds())


def local(y: int, m: int, d: int, h: int = 0, mi: int = 0) -> float:
    return dt.datetime(y, m, d, h, mi, tzinfo=MADRID).timestamp()


def local_text(at: float) -> str:
    return dt.datetime.fromtimestamp(at, MADRID).strftime("%a %Y-%m-%d %H:%M")


def settings(**values: object) -> Settings:
    s = Settings()
    for key, value in values.items():
        s = s.with_value(key.replace("_", ".", 1), value)
    return s


def run(offer: WeeklyOffer, start: float, end: float, step: float = 10 * MINUTE,
        checked_in: dict[str, bool] | None = None) -> list[float]:
    """Tick like the app from ``start`` to ``end``; the user ignores every offer."""
    offered = []
    now = start
    while now < end:
        done = week_of(now, offset(now)) if (checked_in or {}).get(
            week_of(now, offset(now))) else None
        if offer.due(now, offset, done):
            offer.offered(now, offset)
            offered.append(now)
        now += step
    return offered


def test_default_is_friday_at_three_and_once_a_week() -> None:
    offer = WeeklyOffer(Settings())
    # Monday 2026-11-02 to Monday 2026-11-30: four weeks.
    offered = run(offer, local(2026, 11, 2), local(2026, 11, 30))
    assert [local_text(at) for at in offered] == [
        "Fri 2026-11-06 15:00", "Fri 2026-11-13 15:00", "Fri 2026-11-20 15:00",
        "Fri 2026-11-27 15:00"]


def test_not_before_the_time_and_never_twice_in_a_week() -> None:
    offer = WeeklyOffer(Settings())
    friday = local(2026, 11, 6, 15)
    assert not offer.due(friday - 1, offset, None)
    assert offer.due(friday, offset, None)
    offer.offered(friday, offset)
    for later in (friday + MINUTE, friday + 3 * HOUR, friday + DAY, friday + 2 * DAY + 8 * HOUR):
        assert not offer.due(later, offset, None), local_text(later)
    assert offer.due(local(2026, 11, 13, 15), offset, None)


@pytest.mark.parametrize(("start", "end", "expected"), [
    # Clocks go forward on Sunday 29 March 2026 (CET → CEST).
    ((2026, 3, 16), (2026, 4, 6), ["Fri 2026-03-20 15:00", "Fri 2026-03-27 15:00",
                                   "Fri 2026-04-03 15:00"]),
    # Clocks go back on Sunday 25 October 2026 (CEST → CET).
    ((2026, 10, 12), (2026, 11, 2), ["Fri 2026-10-16 15:00", "Fri 2026-10-23 15:00",
                                     "Fri 2026-10-30 15:00"]),
])
def test_across_daylight_saving_changes_it_stays_at_local_three(
        start: tuple[int, int, int], end: tuple[int, int, int], expected: list[str]) -> None:
    offered = run(WeeklyOffer(Settings()), local(*start), local(*end), step=MINUTE)
    assert [local_text(at) for at in offered] == expected
    # The same local time is a different UTC hour either side of the change.
    assert len({dt.datetime.fromtimestamp(at, dt.UTC).hour for at in offered}) == 2


def test_a_sunday_offer_on_the_night_the_clocks_change() -> None:
    offer = WeeklyOffer(settings(checkin_day="sun", checkin_time="02:30"))
    # 25 October 2026 (week 43): 02:30 happens twice; the offer takes the first.
    twice = offer.scheduled_at("2026-W43", offset)
    assert local_text(twice) == "Sun 2026-10-25 02:30"
    assert offset(twice) == 2 * 3600  # still summer time
    # 29 March 2026 (week 13): 02:30 does not exist; the offer falls within the hour.
    gap = offer.scheduled_at("2026-W13", offset)
    assert abs(gap - local(2026, 3, 29, 3)) <= HOUR


def test_a_missed_week_is_not_made_up() -> None:
    offer = WeeklyOffer(Settings())
    assert run(offer, local(2026, 11, 2), local(2026, 11, 7)) == [local(2026, 11, 6, 15)]
    # The app does not run from Saturday 7 to Wednesday 18 November: week 47 is missed.
    wednesday = local(2026, 11, 18, 9)
    assert not offer.due(wednesday, offset, None)
    offered = run(offer, wednesday, local(2026, 11, 23))
    assert [local_text(at) for at in offered] == ["Fri 2026-11-20 15:00"]


def test_offered_later_in_the_week_when_the_app_was_not_running_then() -> None:
    offer = WeeklyOffer(Settings())
    # Not running on Friday; started on Saturday morning.
    offered = run(offer, local(2026, 11, 7, 9), local(2026, 11, 9))
    assert [local_text(at) for at in offered] == ["Sat 2026-11-07 09:00"]


def test_not_in_a_week_with_a_check_in_or_after_not_this_week() -> None:
    offer = WeeklyOffer(Settings())
    friday = local(2026, 11, 6, 15)
    assert not offer.due(friday, offset, week_of(friday, offset(friday)))
    assert offer.due(friday, offset, "2026-W44")  # last week's check-in does not count
    offer.offered(friday, offset)
    offer.close_week(friday + MINUTE, offset)
    assert not offer.due(friday + DAY, offset, None)
    assert offer.due(local(2026, 11, 13, 15), offset, None)


def test_held_while_nudges_are_paused_then_offered() -> None:
    offer = WeeklyOffer(Settings())
    friday = local(2026, 11, 6, 15)
    assert not offer.due(friday, offset, None, held=True)
    assert offer.due(friday + HOUR, offset, None, held=False)


def test_tomorrow_brings_it_back_at_the_same_time_tomorrow() -> None:
    offer = WeeklyOffer(Settings())
    friday = local(2026, 11, 6, 15, 5)
    offer.offered(friday, offset)
    until = offer.snooze(friday, offset)
    assert local_text(until) == "Sat 2026-11-07 15:00"
    assert offer.next_at(friday, offset) == until
    assert not offer.due(until - 1, offset, None)
    assert offer.due(until, offset, None)
    offer.offered(until, offset)
    assert not offer.due(until + HOUR, offset, None)
    assert not offer.due(local(2026, 11, 8, 20), offset, None)


def test_tomorrow_on_a_sunday_is_next_weeks_one_offer() -> None:
    offer = WeeklyOffer(Settings())
    sunday = local(2026, 11, 8, 18)  # offered late: the app ran only on Sunday
    assert offer.due(sunday, offset, None)
    offer.offered(sunday, offset)
    offer.snooze(sunday, offset)
    offered = run(offer, sunday, local(2026, 11, 16))
    assert [local_text(at) for at in offered] == ["Mon 2026-11-09 15:00"]


def test_tomorrow_across_the_spring_change_keeps_local_time() -> None:
    offer = WeeklyOffer(settings(checkin_day="sat"))
    saturday = local(2026, 3, 28, 15)
    offer.offered(saturday, offset)
    until = offer.snooze(saturday, offset)
    assert local_text(until) == "Sun 2026-03-29 15:00"
    assert until - saturday == 23 * HOUR


def test_it_waits_for_working_hours_and_keeps_out_of_quiet_hours() -> None:
    early_shift = WeeklyOffer(settings(nudges_working_hours="06:00-14:00"))
    offered = run(early_shift, local(2026, 11, 2), local(2026, 11, 9))
    assert [local_text(at) for at in offered] == ["Sat 2026-11-07 06:00"]
    lunch = WeeklyOffer(settings(nudges_quiet_hours="15:00-16:00"))
    offered = run(lunch, local(2026, 11, 2), local(2026, 11, 9))
    assert [local_text(at) for at in offered] == ["Fri 2026-11-06 16:00"]


def test_another_day_and_time_and_off() -> None:
    offer = WeeklyOffer(settings(checkin_day="tue", checkin_time="09:30"))
    offered = run(offer, local(2026, 11, 2), local(2026, 11, 16))
    assert [local_text(at) for at in offered] == ["Tue 2026-11-03 09:30",
                                                  "Tue 2026-11-10 09:30"]
    off = WeeklyOffer(settings(checkin_enabled=False))
    assert run(off, local(2026, 11, 2), local(2026, 11, 16)) == []
    assert off.next_at(local(2026, 11, 2), offset) is None


def test_next_at_is_this_weeks_moment_until_it_passes() -> None:
    offer = WeeklyOffer(Settings())
    monday = local(2026, 11, 2, 9)
    assert offer.next_at(monday, offset) == local(2026, 11, 6, 15)
    assert offer.next_at(local(2026, 11, 6, 16), offset) is None


def test_state_survives_a_restart_and_garbage_is_forgotten() -> None:
    state = OfferState("2026-W45", "2026-W44", 1_790_000_000.5)
    assert OfferState.from_json(state.to_json()) == state
    for text in (None, "", "[]", "{", '{"offered_week": "W45", "snoozed_until": "soon"}',
                 '{"snoozed_until": NaN}', '{"closed_week": 3, "snoozed_until": true}'):
        assert OfferState.from_json(text) == OfferState()


def test_local_to_instant_inverts_local_time() -> None:
    for at in (local(2026, 1, 15, 15), local(2026, 7, 15, 15), local(2026, 10, 25, 1, 30)):
        wall = dt.datetime.fromtimestamp(at, MADRID).replace(tzinfo=None)
        assert local_to_instant(wall, offset) == at


def test_a_clock_set_back_and_put_right_brings_no_second_offer() -> None:
    offer = WeeklyOffer(Settings())
    friday = local(2026, 11, 13, 15)
    assert offer.due(friday, offset, None)
    offer.offered(friday, offset)
    # The clock is set back a week (a wrong date typed, a dead battery), then put right.
    assert run(offer, friday - 7 * DAY + HOUR, local(2026, 11, 9)) == []
    assert run(offer, friday + HOUR, local(2026, 11, 16)) == []  # before: a second offer
    assert [local_text(at) for at in run(offer, local(2026, 11, 16), local(2026, 11, 23))] \
        == ["Fri 2026-11-20 15:00"]
    closed = WeeklyOffer(Settings())
    closed.close_week(friday, offset)
    closed.close_week(friday - 7 * DAY, offset)  # "not this week" with the clock behind
    assert closed.state.closed_week == week_of(friday, offset(friday))
    assert not closed.due(friday + DAY, offset, None)
    # A check-in stored while the clock ran a week ahead covers the weeks before it.
    assert not WeeklyOffer(Settings()).due(friday, offset, "2026-W47")


@pytest.mark.parametrize(("values", "said"), [
    ({}, None),
    ({"nudges_working_hours": "09:00-17:30"}, None),
    ({"nudges_working_hours": "06:00-14:00"}, "come on Saturday at 06:00 instead"),
    ({"nudges_quiet_hours": "14:30-15:30"}, "come on Friday at 15:30 instead"),
    ({"nudges_working_hours": "06:00-14:00", "checkin_day": "sun"}, "never be offered"),
    ({"nudges_working_hours": "22:00-06:00", "checkin_time": "23:30"}, None),
    ({"nudges_working_hours": "06:00-14:00", "checkin_enabled": False}, None),
])
def test_settings_say_when_the_chosen_time_is_off_shift(values: dict[str, object],
                                                        said: str | None) -> None:
    chosen = settings(**values)
    note = offer_note(chosen)
    if said is None:
        assert note is None
    else:
        assert note is not None and said in note.render()
    # What the note says is what the offer does, over a week of ticks.
    offered = run(WeeklyOffer(chosen), local(2026, 11, 2), local(2026, 11, 9))
    moment = first_allowed(chosen)
    if not chosen["checkin.enabled"]:
        assert offered == []
    elif moment is None:
        assert offered == [] and said == "never be offered"
    else:
        when = dt.datetime.fromtimestamp(offered[0], MADRID)
        assert (when.weekday(), when.hour * 3600 + when.minute * 60) == moment


def test_a_clock_that_ran_months_ahead_does_not_silence_the_check_in_until_then() -> None:
    """Weeks more than one ahead of the clock were stored while it ran far ahead (a
    wrong year typed, a VM restored from a snapshot): once the clock is right again the
    check-in is offered as usual, not after real time catches up."""
    friday = local(2026, 11, 13, 15)
    ahead = friday + 200 * DAY
    offered = WeeklyOffer(Settings())
    offered.offered(ahead, offset)
    assert offered.due(friday, offset, None)
    closed = WeeklyOffer(Settings())
    closed.close_week(ahead, offset)
    assert closed.due(friday, offset, None)
    assert WeeklyOffer(Settings()).due(friday, offset, week_of(ahead, offset(ahead)))
    snoozed = WeeklyOffer(Settings(), OfferState(snoozed_until=ahead))
    assert snoozed.due(friday, offset, None)
    # A week or a "Tomorrow" just ahead (a clock a few days fast) still counts.
    near = WeeklyOffer(Settings())
    near.offered(friday + 7 * DAY, offset)
    assert not near.due(friday, offset, None)
    tomorrow = WeeklyOffer(Settings(), OfferState(snoozed_until=friday + DAY))
    assert not tomorrow.due(friday, offset, None)
