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


def test_building_offers_breathing_and_high_offers_a_break() -> None:
    policy = NudgePolicy(Settings())
    assert policy.decide(snap(Level.CALM), T0, 0, False) is None
    n = policy.decide(snap(Level.BUILDING), T0, 0, False)
    assert n is not None and n.kind is NudgeKind.BREATHE
    n = policy.decide(snap(Level.HIGH), T0, 0, False)
    assert n is not None and n.kind is NudgeKind.BREAK


def test_cooldown_between_nudges_of_the_same_level() -> None:
    policy = NudgePolicy(Settings())
    assert show(policy, snap(Level.BUILDING, 1), T0) is not None
    assert show(policy, snap(Level.BUILDING, 2), T0 + 14 * MIN) is None
    assert show(policy, snap(Level.BUILDING, 3), T0 + 15 * MIN) is not None


def test_high_is_not_held_back_by_a_building_nudge() -> None:
    policy = NudgePolicy(Settings())
    show(policy, snap(Level.BUILDING, 1), T0)
    n = show(policy, snap(Level.HIGH, 2), T0 + MIN)
    assert n is not None and n.kind is NudgeKind.BREAK
    # ...but a recent high nudge covers a later building one.
    assert show(policy, snap(Level.BUILDING, 3), T0 + 2 * MIN) is None


def test_no_second_nudge_without_a_new_difficult_tag() -> None:
    policy = NudgePolicy(Settings())
    show(policy, snap(Level.BUILDING, 7), T0)
    assert show(policy, snap(Level.BUILDING, 7), T0 + 60 * MIN) is None
    assert show(policy, snap(Level.BUILDING, 8), T0 + 60 * MIN) is not None


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
    j = show(policy, snap(Level.BUILDING, 1), T0 + 6 * MIN)
    assert j is not None and j.kind is NudgeKind.JOURNAL
    assert show(policy, snap(Level.BUILDING, 1), T0 + 7 * MIN) is None


def test_a_clock_set_back_keeps_the_cooldown() -> None:
    policy = NudgePolicy(Settings())
    show(policy, snap(Level.BUILDING, 1), T0)
    assert show(policy, snap(Level.BUILDING, 2), T0 - 3 * 3600) is None


def test_the_state_survives_a_round_trip_through_json() -> None:
    policy = NudgePolicy(Settings())
    nudge = show(policy, snap(Level.HIGH, last_id=7), T0)
    assert nudge is not None
    policy.respond(nudge, Response.SNOOZED, T0 + MIN, 10)
    policy.pause_until_tomorrow(T0, 3600)
    policy.state.journal_due = True
    again = NudgeState.from_json(policy.state.to_json())
    assert again == policy.state
    assert again.last_tag == {Level.HIGH: 7} and again.snoozed_kind is NudgeKind.BREAK


@pytest.mark.parametrize("text", [
    None, "", "not json", "[1, 2]", '{"last_at": {"extreme": 5, "high": "soon"}}',
    '{"paused_until": "tomorrow", "snoozed_until": 5, "snoozed_kind": "nap"}',
    '{"paused_until": NaN, "last_tag": {"high": true, "building": 2.5}}',
    '{"journal_due": "yes", "high_break_accepted": 1}',
])
def test_unreadable_state_is_forgotten_not_raised(text: str | None) -> None:
    assert NudgeState.from_json(text) == NudgeState()
