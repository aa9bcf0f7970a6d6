"""Properties that must hold for every sequence of tags, breaks and clock jumps."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.clock import elapsed
from desktop.core.model import Interaction, Kind, Recovery, RecoveryKind
from desktop.core.settings import Settings
from desktop.core.tracker import CLOCK_TOLERANCE, Tracker

S = Settings()
T0 = 1_790_000_000.0
HOURS = 3600.0


@dataclass(frozen=True)
class Step:
    """One thing that happens: the wall clock moves by ``dt`` then an event may occur."""

    dt: float
    event: str  # "hard", "plain", "break", "none"
    severity: int


steps = st.lists(
    st.builds(
        Step,
        # Ordinary gaps plus wall-clock jumps of up to ±12 hours (manual change, suspend).
        dt=st.one_of(st.floats(0, 600), st.floats(-12 * HOURS, 12 * HOURS)),
        event=st.sampled_from(["hard", "plain", "break", "none"]),
        severity=st.integers(1, 3),
    ),
    max_size=40,
)


def correct(tracker: Tracker, now: float) -> None:
    """What the app does before every reading: a clock found behind is corrected for."""
    ahead = tracker.ahead_by(now)
    if ahead:
        tracker.shift(now, ahead)


def run(steps_: list[Step]) -> tuple[Tracker, list[float], float]:
    tracker = Tracker(S)
    now = T0
    loads = []
    next_id = 1
    for step in steps_:
        now += step.dt
        correct(tracker, now)
        if step.event == "hard":
            tracker.add(Interaction(next_id, now, Kind.DIFFICULT, step.severity))
            next_id += 1
        elif step.event == "plain":
            tracker.add(Interaction(next_id, now, Kind.ORDINARY))
            next_id += 1
        elif step.event == "break":
            tracker.add_recovery(Recovery(now - 300, now, RecoveryKind.BREAK))
        loads.append(tracker.snapshot(now, 0).load)
    return tracker, loads, now


def severity_sum(tracker: Tracker) -> int:
    return sum(t.severity for t in tracker.tags if not t.undone and t.kind is Kind.DIFFICULT)


@given(steps)
@settings(max_examples=300)
def test_load_is_never_negative_nor_above_the_sum_of_severities(steps_: list[Step]) -> None:
    tracker, loads, _ = run(steps_)
    assert all(load >= 0 for load in loads)
    assert all(load <= severity_sum(tracker) + 1e-9 for load in loads)


@given(steps, st.lists(st.floats(0, 2 * HOURS), min_size=1, max_size=20))
@settings(max_examples=300)
def test_load_never_rises_while_time_runs_forward(steps_: list[Step], gaps: list[float]) -> None:
    tracker, _, now = run(steps_)
    correct(tracker, now)
    previous = tracker.snapshot(now, 0).load
    for gap in gaps:
        now += gap
        current = tracker.snapshot(now, 0).load
        assert current <= previous + 1e-12
        previous = current


@given(steps, st.floats(0, 48 * HOURS))
@settings(max_examples=300)
def test_load_is_never_frozen_by_a_clock_that_ran_ahead(steps_: list[Step],
                                                       later: float) -> None:
    """Whatever the wall clock did (far forward, then back...), once it is found behind,
    load decays at least at the ordinary rate from then on (issue 8: the high-water
    mark froze it at a high value until the clock caught up, possibly for days)."""
    tracker, _, now = run(steps_)
    correct(tracker, now)
    assert tracker.ahead_by(now) == 0
    # Within the tolerance an event may sit a moment ahead; decay starts from it.
    start = max(now, tracker.latest() or now)
    assert start <= now + CLOCK_TOLERANCE
    load = tracker.snapshot(now, 0).load
    halves = max(0.0, now + later - start) / S.half_life
    assert tracker.snapshot(now + later, 0).load <= load * 2 ** -halves + 1e-9


@given(steps, st.integers(1, 3), st.sampled_from([Kind.DIFFICULT, Kind.ORDINARY]))
@settings(max_examples=300)
def test_undo_restores_the_previous_state_exactly(
    steps_: list[Step], severity: int, kind: Kind
) -> None:
    tracker, _, now = run(steps_)
    before = tracker.snapshot(now, 0)
    new_id = len(tracker.tags) + 1
    tag = Interaction(new_id, now, kind, severity if kind is Kind.DIFFICULT else 0)
    tracker.add(tag)
    assert tracker.undo(new_id) is not None
    after = tracker.snapshot(now, 0)
    assert after == before


@given(st.floats(-48 * HOURS, 48 * HOURS), st.floats(-48 * HOURS, 48 * HOURS))
def test_durations_are_never_negative(a: float, b: float) -> None:
    assert elapsed(T0 + a, T0 + b) >= 0


@given(st.floats(0, 48 * HOURS))
def test_a_forward_jump_only_decays(jump: float) -> None:
    tracker = Tracker(S)
    tracker.add(Interaction(1, T0, Kind.DIFFICULT, 3))
    assert 0 <= tracker.snapshot(T0 + jump, 0).load <= 3


def test_a_clock_set_far_ahead_and_back_does_not_freeze_load() -> None:
    """A wrong NTP answer: four years ahead for an hour, three hard calls, then back."""
    tracker = Tracker(S)
    ahead = 4 * 365 * 24 * HOURS
    for i in range(3):
        tracker.add(Interaction(i + 1, T0 + ahead + i * 600, Kind.DIFFICULT, 2))
    back = T0 + 1800  # the clock is right again, half an hour after the first call
    assert tracker.ahead_by(back) == pytest.approx(ahead + 1200 - 1800)
    correct(tracker, back)
    # The calls keep their spacing; the last one lands on "now".
    assert [t.at for t in tracker.tags] == pytest.approx([back - 1200, back - 600, back])
    high = tracker.snapshot(back, 0)
    assert high.load == pytest.approx(2 * (2 ** (-1200 / 1800) + 2 ** (-600 / 1800) + 1))
    assert high.difficult_today == 3  # they happened today, not four years from now
    assert tracker.snapshot(back + 2 * HOURS, 0).load == pytest.approx(high.load / 16)


def test_clock_set_back_gives_back_at_most_the_decay_of_the_time_removed() -> None:
    tracker = Tracker(S)
    tracker.add(Interaction(1, T0, Kind.DIFFICULT, 2))
    assert tracker.snapshot(T0 + 1800, 0).load == 1.0
    # Set back an hour: the tag is now ahead of the clock and counts as just now.
    correct(tracker, T0 + 1800 - 3600)
    assert tracker.snapshot(T0 - 1800, 0).load == 2.0
    assert tracker.snapshot(T0 - 1800, 0).load <= 2  # never above the sum of severities


def test_prune_keeps_what_matters() -> None:
    tracker = Tracker(S)
    tracker.add(Interaction(1, T0, Kind.DIFFICULT, 2))
    tracker.add(Interaction(2, T0 + 40 * HOURS, Kind.DIFFICULT, 2))
    tracker.prune(T0 + 40 * HOURS, 0)
    assert [t.id for t in tracker.tags] == [2]
