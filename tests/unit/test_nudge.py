"""The nudge ladder: which nudge, when, and when not."""

from __future__ import annotations

import pytest

from desktop.core.load import Level, Snapshot
from desktop.core.nudge import Nudge, NudgeKind, NudgePolicy, NudgeState, Response
from desktop.core.settings import Settings

T0 = 1_790_035_200.0 + 10 * 3600  # 10:00 UTC on some day
MIN = 60.0


def snap(level: Level, last_id: int | None = 1, load: float = 3.0, run: int = 3) -> Snapshot:
    return Snapshot(T0, load, level, run, run, 0, last_id)


def show(policy: NudgePolicy, s: Snapshot, now: float) -> Nudge | None:
    nudge = policy.decide(s, now, 0, in_recovery=False)
    if nudge is not None:
        policy.shown(nudge, s)
    return nudge


def calm(policy: NudgePolicy, now: float) -> None:
    """Load fell back below every level (a nudge is offered once per rise)."""
    assert show(policy, snap(Level.CALM), now) is None


def no_gap() -> Settings:
    return Settings().with_text("nudges.min_gap_minutes", "0")


def test_building_offers_breathing_and_high_offers_a_break() -> None:
    policy = NudgePolicy(Settings())
    assert policy.decide(snap(Level.CALM), T0, 0, False) is None
    n = policy.decide(snap(Level.BUILDING), T0, 0, False)
    assert n is not None and n.kind is NudgeKind.BREATHE
    n = policy.decide(snap(Level.HIGH), T0, 0, False)
    assert n is not None and n.kind is NudgeKind.BREAK


def test_cooldown_between_nudges_of_the_same_level() -> None:
    policy = NudgePolicy(no_gap())
    assert show(policy, snap(Level.BUILDING, 1), T0) is not None
    calm(policy, T0 + MIN)
    assert show(policy, snap(Level.BUILDING, 2), T0 + 14 * MIN) is None
    assert show(policy, snap(Level.BUILDING, 3), T0 + 15 * MIN) is not None


def test_high_is_not_held_back_by_a_building_nudge_cooldown() -> None:
    policy = NudgePolicy(no_gap())
    show(policy, snap(Level.BUILDING, 1), T0)
    n = show(policy, snap(Level.HIGH, 2), T0 + MIN)
    assert n is not None and n.kind is NudgeKind.BREAK
    # ...but a recent high nudge covers a later building one.
    calm(policy, T0 + 2 * MIN)
    assert show(policy, snap(Level.BUILDING, 3), T0 + 3 * MIN) is None


def test_no_second_nudge_without_a_new_difficult_tag() -> None:
    policy = NudgePolicy(Settings())
    show(policy, snap(Level.BUILDING, 7), T0)
    calm(policy, T0 + 30 * MIN)
    assert show(policy, snap(Level.BUILDING, 7), T0 + 60 * MIN) is None
    assert show(policy, snap(Level.BUILDING, 8), T0 + 60 * MIN) is not None


def test_once_per_rise_not_again_while_load_lingers() -> None:
    """New hard calls that keep load at 'building' do not earn a new breathing offer;
    a new rise after load fell below does."""
    policy = NudgePolicy(Settings())
    assert show(policy, snap(Level.BUILDING, 1), T0) is not None
    for i in range(2, 6):
        assert show(policy, snap(Level.BUILDING, i), T0 + i * 30 * MIN) is None
    calm(policy, T0 + 3 * 3600)
    assert show(policy, snap(Level.BUILDING, 6), T0 + 3 * 3600 + MIN) is not None


def test_never_two_nudges_within_the_gap() -> None:
    policy = NudgePolicy(Settings())
    assert show(policy, snap(Level.BUILDING, 1), T0) is not None
    assert show(policy, snap(Level.HIGH, 2), T0 + 19 * MIN) is None
    n = show(policy, snap(Level.HIGH, 3), T0 + 20 * MIN)
    assert n is not None and n.kind is NudgeKind.BREAK


def test_a_break_offer_held_by_the_gap_comes_when_it_ends() -> None:
    """High load still gets its break offer: held while the gap runs, offered when it
    ends if load is still raised, dropped if load fell back to calm on its own."""
    policy = NudgePolicy(Settings())
    show(policy, snap(Level.BUILDING, 1), T0)
    assert show(policy, snap(Level.HIGH, 2), T0 + 5 * MIN) is None
    assert policy.state.break_held == 2
    n = show(policy, snap(Level.BUILDING, 2), T0 + 20 * MIN)  # eased, still raised
    assert n is not None and n.kind is NudgeKind.BREAK
    assert policy.state.break_held is None
    other = NudgePolicy(Settings())
    show(other, snap(Level.BUILDING, 1), T0)
    show(other, snap(Level.HIGH, 2), T0 + 5 * MIN)
    calm(other, T0 + 15 * MIN)
    assert other.state.break_held is None
    n = show(other, snap(Level.BUILDING, 2), T0 + 20 * MIN)
    assert n is None or n.kind is not NudgeKind.BREAK


def test_each_dismissal_doubles_the_levels_cooldown_up_to_two_hours() -> None:
    policy = NudgePolicy(no_gap().with_text("nudges.daily_cap", "50"))
    waits = []
    at, tag = T0, 1
    for _ in range(5):
        n = show(policy, snap(Level.BUILDING, tag), at)
        assert n is not None
        policy.respond(n, Response.DISMISSED, at)
        waits.append(policy.cooldown(Level.BUILDING) / MIN)
        calm(policy, at + MIN)
        tag += 1
        assert show(policy, snap(Level.BUILDING, tag), at + waits[-1] * MIN - 1) is None
        at += waits[-1] * MIN
    assert waits == [30, 60, 120, 120, 120]
    assert policy.cooldown(Level.HIGH) == 15 * MIN  # only that level backs off
    n = show(policy, snap(Level.BUILDING, tag + 1), at)
    assert n is not None
    policy.respond(n, Response.ACCEPTED, at)  # an accepted offer resets it
    assert policy.cooldown(Level.BUILDING) == 15 * MIN


def test_the_daily_cap_keeps_two_thirds_for_high_load_offers() -> None:
    policy = NudgePolicy(no_gap().with_text("nudges.cooldown_minutes", "1"))
    at, tag, kinds = T0, 1, []
    for _ in range(6):  # breathing offers, each after load fell and rose again
        calm(policy, at)
        n = show(policy, snap(Level.BUILDING, tag), at + MIN)
        kinds.append(n.kind if n else None)
        at, tag = at + 10 * MIN, tag + 1
    assert kinds == [NudgeKind.BREATHE] * 2 + [None] * 4  # a third of 6
    for _ in range(5):
        calm(policy, at)
        n = show(policy, snap(Level.HIGH, tag), at + MIN)
        kinds.append(n.kind if n else None)
        at, tag = at + 10 * MIN, tag + 1
    assert kinds[6:] == [NudgeKind.BREAK] * 4 + [None]  # 6 in all: only the tray speaks
    assert policy.state.shown_today == 6
    # A new local day starts a fresh budget.
    calm(policy, T0 + 24 * 3600)
    assert show(policy, snap(Level.HIGH, tag), T0 + 24 * 3600 + MIN) is not None


def test_a_snooze_reminder_may_come_sooner_than_the_gap() -> None:
    policy = NudgePolicy(Settings())
    n = show(policy, snap(Level.BUILDING, 1), T0)
    assert n is not None
    policy.respond(n, Response.SNOOZED, T0, 10)
    again = show(policy, snap(Level.BUILDING, 1), T0 + 10 * MIN)
    assert again is not None and again.kind is NudgeKind.BREATHE


def test_a_clock_that_ran_ahead_does_not_silence_nudges_for_days() -> None:
    policy = NudgePolicy(Settings())
    far = T0 + 4 * 365 * 24 * 3600
    show(policy, snap(Level.HIGH, 1), far)  # shown while the clock was years ahead
    policy.pause_for_hours(far, 1)
    calm(policy, T0)  # the clock is right again
    assert policy.state.last_at[Level.HIGH] == T0
    assert policy.state.paused_until == T0 + 24 * 3600  # at most the longest pause
    policy.resume()
    n = show(policy, snap(Level.HIGH, 2), T0 + 20 * MIN)
    assert n is not None and n.kind is NudgeKind.BREAK


def test_waking_drops_what_was_pending() -> None:
    policy = NudgePolicy(Settings())
    n = show(policy, snap(Level.HIGH, 1), T0)
    assert n is not None
    policy.respond(n, Response.SNOOZED, T0, 10)
    policy.state.journal_due = True
    policy.woke()
    # Hours later the snooze has ended, but the reminder was about load from before.
    assert show(policy, snap(Level.CALM, 1), T0 + 3 * 3600) is None
    assert policy.state.snoozed_until is None and not policy.state.journal_due


def test_snooze_brings_the_same_nudge_back_later() -> None:
    policy = NudgePolicy(Settings())
    n = show(policy, snap(Level.BUILDING, 1), T0)
    assert n is not None
    policy.respond(n, Response.SNOOZED, T0, 10)
    assert show(policy, snap(Level.BUILDING, 1), T0 + 9 * MIN) is None
    again = show(policy, snap(Level.BUILDING, 1), T0 + 10 * MIN)
    assert again is not None and again.kind is NudgeKind.BREATHE
    # Snoozed until load fell: nothing comes back.
    policy.respond(again, Response.SNOOZED, T0 + 10 * MIN, 30)
    assert show(policy, snap(Level.CALM, 1), T0 + 41 * MIN) is None


def test_pause_for_an_hour_and_until_tomorrow() -> None:
    policy = NudgePolicy(Settings())
    until = policy.pause_for_hours(T0)
    assert until == T0 + 3600
    assert policy.decide(snap(Level.HIGH), T0 + 59 * MIN, 0, False) is None
    assert policy.decide(snap(Level.HIGH), T0 + 60 * MIN, 0, False) is not None
    until = policy.pause_until_tomorrow(T0, 2 * 3600)  # 12:00 local at UTC+2
    assert until == T0 + 12 * 3600  # next local midnight is 22:00 UTC
    assert policy.decide(snap(Level.HIGH), until - 1, 2 * 3600, False) is None
    policy.resume()
    assert policy.decide(snap(Level.HIGH), T0, 0, False) is not None


def test_quiet_and_working_hours() -> None:
    s = Settings().with_text("nudges.working_hours", "09:00-17:00").with_text(
        "nudges.quiet_hours", "12:00-13:00")
    policy = NudgePolicy(s)
    assert policy.decide(snap(Level.HIGH), T0, 0, False) is not None  # 10:00
    assert policy.decide(snap(Level.HIGH), T0 + 2.5 * 3600, 0, False) is None  # 12:30
    assert policy.decide(snap(Level.HIGH), T0 + 8 * 3600, 0, False) is None  # 18:00
    assert policy.decide(snap(Level.HIGH), T0 + 8 * 3600, -3 * 3600, False) is not None


def test_never_during_a_break_and_never_when_disabled() -> None:
    assert NudgePolicy(Settings()).decide(snap(Level.HIGH), T0, 0, in_recovery=True) is None
    off = Settings().with_text("nudges.enabled", "false")
    assert NudgePolicy(off).decide(snap(Level.HIGH), T0, 0, False) is None


def test_journal_follows_a_break_taken_after_a_high_nudge() -> None:
    policy = NudgePolicy(Settings())
    n = show(policy, snap(Level.HIGH, 1), T0)
    assert n is not None
    policy.respond(n, Response.ACCEPTED, T0)
    policy.break_finished(taken=True)
    assert show(policy, snap(Level.BUILDING, 1), T0 + 6 * MIN) is None  # the gap
    j = show(policy, snap(Level.BUILDING, 1), T0 + 20 * MIN)
    assert j is not None and j.kind is NudgeKind.JOURNAL
    assert show(policy, snap(Level.BUILDING, 1), T0 + 41 * MIN) is None


def test_a_clock_set_back_keeps_the_cooldown() -> None:
    policy = NudgePolicy(Settings())
    show(policy, snap(Level.BUILDING, 1), T0)
    assert show(policy, snap(Level.BUILDING, 2), T0 - 3 * 3600) is None


def test_the_state_survives_a_round_trip_through_json() -> None:
    policy = NudgePolicy(Settings())
    first = show(policy, snap(Level.BUILDING, last_id=6), T0)
    assert first is not None
    policy.respond(first, Response.DISMISSED, T0)
    assert show(policy, snap(Level.HIGH, last_id=7), T0 + 5 * MIN) is None  # held
    nudge = show(policy, snap(Level.HIGH, last_id=7), T0 + 20 * MIN)
    assert nudge is not None
    policy.respond(nudge, Response.SNOOZED, T0 + 21 * MIN, 10)
    policy.pause_until_tomorrow(T0, 3600)
    policy.state.journal_due = True
    again = NudgeState.from_json(policy.state.to_json())
    assert again == policy.state
    assert again.last_tag == {Level.HIGH: 7, Level.BUILDING: 6}
    assert again.snoozed_kind is NudgeKind.BREAK
    # The budget too: a restart neither forgets the day's count nor the back-off.
    assert (again.shown_today, again.breaks_today, again.dismissals) == (
        2, 1, {Level.BUILDING: 1})
    assert again.rearmed == set()


@pytest.mark.parametrize("text", [
    None, "", "not json", "[1, 2]", '{"last_at": {"extreme": 5, "high": "soon"}}',
    '{"paused_until": "tomorrow", "snoozed_until": 5, "snoozed_kind": "nap"}',
    '{"paused_until": NaN, "last_tag": {"high": true, "building": 2.5}}',
    '{"journal_due": "yes", "high_break_accepted": 1}',
    '{"dismissals": {"high": -1, "building": "2"}, "day": 3, "shown_today": 2.5}',
    '{"day": 20000, "shown_today": 2, "breaks_today": 3, "break_held": true}',
])
def test_unreadable_state_is_forgotten_not_raised(text: str | None) -> None:
    assert NudgeState.from_json(text) == NudgeState()


def test_a_snooze_that_ends_with_load_calm_is_forgotten() -> None:
    """Found by a simulated shift: the snooze ended while load was calm and stayed set,
    so the next rise, hours later, came back as a "reminder", past the gap and the
    daily cap."""
    policy = NudgePolicy(Settings())
    n = show(policy, snap(Level.BUILDING, 1), T0)
    assert n is not None
    policy.respond(n, Response.SNOOZED, T0, 10)
    calm(policy, T0 + 10 * MIN)
    assert policy.state.snoozed_until is None
    show(policy, snap(Level.BUILDING, 2), T0 + 12 * MIN)  # within the gap: nothing
    assert show(policy, snap(Level.BUILDING, 2), T0 + 12 * MIN) is None
    later = show(policy, snap(Level.BUILDING, 3), T0 + 3 * 3600)
    assert later is not None and policy.state.shown_today == 2


def test_a_snooze_reminder_held_by_a_break_still_comes_if_load_is_raised() -> None:
    policy = NudgePolicy(Settings())
    n = show(policy, snap(Level.HIGH, 1), T0)
    assert n is not None
    policy.respond(n, Response.SNOOZED, T0, 10)
    assert policy.decide(snap(Level.HIGH, 1), T0 + 11 * MIN, 0, in_recovery=True) is None
    again = show(policy, snap(Level.HIGH, 1), T0 + 12 * MIN)
    assert again is not None and again.kind is NudgeKind.BREAK


def test_a_journal_offer_left_over_from_yesterday_is_not_made_today() -> None:
    """Yesterday's break was taken but the journal offer never fit (the budget, a call,
    the end of the shift); this morning's first tick must not offer it."""
    policy = NudgePolicy(Settings())
    n = show(policy, snap(Level.HIGH, 1), T0)
    assert n is not None
    policy.respond(n, Response.ACCEPTED, T0)
    policy.state.shown_today, policy.state.breaks_today = 6, 3  # the budget is spent
    policy.break_finished(taken=True)
    assert show(policy, snap(Level.CALM, 1), T0 + 30 * MIN) is None
    assert show(policy, snap(Level.CALM, 1), T0 + 22 * 3600) is None
    assert not policy.state.journal_due



def test_journaling_after_a_break_taken_comes_from_the_high_load_share_of_the_budget() -> None:
    """Breathing offers at 'building' spend their share of the day's budget by mid-morning;
    the few lines offered after a break the person took belong to that high-load moment,
    so they still come (simulated shifts saw almost none before)."""
    policy = NudgePolicy(Settings())
    n = show(policy, snap(Level.HIGH, 1), T0)
    assert n is not None and n.kind is NudgeKind.BREAK
    policy.respond(n, Response.ACCEPTED, T0)
    policy.state.shown_today = 3  # two breathing offers earlier, and this break
    policy.break_finished(taken=True)
    journal = show(policy, snap(Level.CALM, 1), T0 + 30 * MIN)
    assert journal is not None and journal.kind is NudgeKind.JOURNAL
    assert policy.state.breaks_today == 2
    # Breathing stays within its own share (a third of the cap), already spent.
    assert show(policy, snap(Level.BUILDING, 2), T0 + 60 * MIN) is None
